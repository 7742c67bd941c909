"""The invitation to an interview: a French formal letter to the employee, followed on its
own page by the preparation sheet (domain.md section 5: what to bring and what to think
about, with room to write); and the meeting as an ``.ics`` file.

The letter has the company's block (name, postal address, SIRET), the employee's (their
postal address when known, else their department and site), "made at <city>, on <date>",
the meeting's date, time, place and interviewer, what this kind of interview is for (its
own text for each kind), that it is held during working time, the free career development
advice (CEP) for the interviews the law organises, the signatory, and a delivery block for
the company's copy (handed over against a receipt, or sent by registered letter): the proof
of the invitation. What is not known yet is left as a line to fill in by hand.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.enums import FRANCE
from entretien_desktop.domain.siret import siret_text
from entretien_desktop.i18n import _, current_language, prose_date
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
from entretien_desktop.rules.regimes import LAW_2025_IN_FORCE
from entretien_desktop.services.labels import interview_name
from entretien_desktop.services.reports.blocks import (
    bullet_list,
    key_values,
    markup,
    writing_box,
)
from entretien_desktop.services.reports.ics import Event, calendar, company_zone, meeting_uid
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import render, styles

_TO_FILL = "_" * 24
_DAY_TO_FILL = "_" * 14
_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[- ]?)?[0-9][0-9 ]{2,7}\s*(?:[A-Z]{2}\s+)?")
"""A postcode before the city: 69003, F-69003, 0150 (Norway), 1012 AB (the Netherlands)."""


def _time_text(at: time | None) -> str:
    """A time as the reader writes it: ``14 h``, ``15 h 30`` in French, ``14:00`` else."""
    if at is None:
        return _TO_FILL
    if current_language() == "fr":
        return f"{at.hour}\u00a0h" + (f"\u00a0{at.minute:02d}" if at.minute else "")
    return at.strftime("%H:%M")


def _lowered(name: str) -> str:
    """A kind's name inside a sentence ("your career-path interview")."""
    return name[:1].lower() + name[1:]


def letter_place(company: Company, employee: Employee) -> str:
    """Where the letter is made: the city of the company's address (its last line without
    the postcode), else the employee's site; empty when neither is known."""
    lines = [line.strip() for line in company.address.splitlines() if line.strip()]
    if lines:
        return _POSTCODE.sub("", lines[-1]).strip() or lines[-1]
    return employee.site.strip()


def _annual_review_purpose(interview: Interview, today: date) -> str:
    """The annual review's purpose, with the evaluation's methods told beforehand, as art.
    L1222-3 of the Labour Code asks, and the legal interview it is not."""
    if (interview.date or today) >= LAW_2025_IN_FORCE:
        separate = _(
            "It is separate from your career-path interview, and its results are confidential."
        )
    else:
        separate = _(
            "It is separate from your professional interview, and its results are confidential."
        )
    methods = _(
        "How you will be evaluated (article L1222-3 of the Labour Code): each objective of the "
        "past period is compared with its result indicator and rated from A (exceeded) to D "
        "(not met); the skills of your job are rated on the same scale; you may give your own "
        "view on each point before the rating is written."
    )
    looks = _(
        "This review looks back at the past period's objectives and results, and sets the "
        "objectives of the next one."
    )
    return f"{looks} {separate} {methods}"


def purpose(interview: Interview, today: date) -> str:
    """What this kind of interview is for, in the words the law gives it (domain.md 3, 5)."""
    kind = interview.kind
    if kind is InterviewKind.PROFESSIONAL:
        if (interview.date or today) >= LAW_2025_IN_FORCE:
            return _(
                "This career-path interview (article L6315-1 of the Labour Code) covers your "
                "skills and qualifications and how they may evolve, your situation and career "
                "path, your training needs, your career wishes (reconversion, skills "
                "assessment, validation of acquired experience) and the use of your personal "
                "training account (CPF). It is not an evaluation of your work."
            )
        return _(
            "This professional interview (article L6315-1 of the Labour Code) is about your "
            "prospects of professional development, in particular in terms of qualifications "
            "and employment. It is not an evaluation of your work."
        )
    texts = {
        InterviewKind.SUMMARY_REVIEW: _(
            "This interview includes the summary review of your career path (article "
            "L6315-1 II of the Labour Code): it checks that you had your professional "
            "interviews over the period and looks at the trainings you followed, the "
            "certifications you obtained and your salary or professional progression."
        ),
        InterviewKind.RETURN: _(
            "This interview is proposed to you on your return from leave (article L6315-1 of "
            "the Labour Code): it is about your prospects of professional development and "
            "how you resume your work. It is not an evaluation of your work."
        ),
        InterviewKind.MID_CAREER: _(
            "This mid-career interview follows your mid-career occupational health visit: "
            "it looks at how your job may be adapted, how to prevent wear, your training "
            "needs, a possible mobility or reconversion, and the occupational doctor's "
            "recommendations."
        ),
        InterviewKind.END_OF_CAREER: _(
            "This end-of-career interview (article L6315-1 of the Labour Code), held in the "
            "two years before your 60th birthday, covers what every career-path interview "
            "does (your skills, your training needs, your personal training account (CPF) and "
            "the career counselling service (CEP)) and looks at how you may stay in your job "
            "and at the end-of-career arrangements that could suit you, such as part-time "
            "work or progressive retirement. It is not an evaluation of your work."
        ),
        InterviewKind.FORFAIT_JOURS_REVIEW: _(
            "This yearly interview (articles L3121-64 and L3121-65 of the Labour Code) is held "
            "because you work on a forfait jours: it covers your workload, which must stay "
            "reasonable, the organisation of your work, the balance between your work and your "
            "private life, your pay, and how you exercise your right to disconnect. It is not "
            "an evaluation of your work."
        ),
        InterviewKind.ANNUAL_REVIEW: _annual_review_purpose(interview, today),
        InterviewKind.CAREER_CONVERSATION: _(
            "This conversation is about your development: your wishes, your room to grow and "
            "what could help you get there."
        ),
    }
    return texts[kind]


def _first_interview(employee: Employee, interview: Interview) -> bool:
    """Whether the employee has had no interview before this one (nothing to bring back)."""
    return not any(
        other.id != interview.id
        and other.status is InterviewStatus.HELD
        and (interview.date is None or (other.date is not None and other.date <= interview.date))
        for other in employee.interviews
    )


def _sender(company: Company, look: Any) -> list[Flowable]:
    lines = [Paragraph(markup(company.name), look.label)]
    line_style = ParagraphStyle("address", parent=look.body, spaceAfter=0)
    lines += [
        Paragraph(markup(line.strip()), line_style)
        for line in company.address.splitlines()
        if line.strip()
    ]
    if company.siret:
        lines.append(
            Paragraph(
                markup(_("SIRET {number}").format(number=siret_text(company.siret))), look.small
            )
        )
    return lines


def _recipient(employee: Employee, right: ParagraphStyle) -> list[Flowable]:
    address = [line for line in employee.address.splitlines() if line.strip()]
    if address:
        lines = [employee.full_name, *address]
    else:
        lines = [employee.full_name, employee.job_title, employee.department, employee.site]
    return [Paragraph(markup(line.strip()), right) for line in lines if line.strip()]


def _made_at(company: Company, employee: Employee, on: date) -> str:
    place = letter_place(company, employee)
    day = prose_date(on)
    if place:
        return _("{place}, {date}").format(place=place, date=day)
    return _("On {date}").format(date=day)


def _delivery(look: Any) -> list[Flowable]:
    """How the letter reached the employee, to fill in on the company's copy: the proof
    of the invitation (domain.md 3.6)."""
    box = "\u2610"
    return [
        Paragraph(markup(_("Delivery of this letter (company's copy)")), look.label),
        Paragraph(
            markup(
                f"{box} "
                + _(
                    "Handed over in person against a receipt on {day} — signature of the employee:"
                ).format(day=_DAY_TO_FILL)
            ),
            look.small,
        ),
        writing_box(1.2 * cm, 7 * cm),
        Spacer(1, 0.2 * cm),
        Paragraph(
            markup(
                f"{box} "
                + _("Sent by registered letter with acknowledgement of receipt on {day}").format(
                    day=_DAY_TO_FILL
                )
            ),
            look.small,
        ),
    ]


def _letter(
    company: Company, employee: Employee, interview: Interview, on: date, at: time | None
) -> list[Flowable]:
    look = styles()
    right = ParagraphStyle("right", parent=look.body, alignment=TA_RIGHT, spaceAfter=0)
    today = date.today()
    kind = interview_name(interview, today)
    signatory = company.signatory_name.strip() or interview.interviewer.strip()
    paragraphs = [
        _("We invite you to your {kind}, which will be held as follows:").format(
            kind=_lowered(kind)
        ),
    ]
    story: list[Flowable] = [
        *_sender(company, look),
        Spacer(1, 0.5 * cm),
        *_recipient(employee, right),
        Spacer(1, 0.5 * cm),
        Paragraph(markup(_made_at(company, employee, on)), right),
        Spacer(1, 0.6 * cm),
        Paragraph(
            markup(_("Subject: {kind}, invitation").format(kind=kind)),
            look.label,
        ),
        Spacer(1, 0.3 * cm),
        Paragraph(markup(_("Dear Sir or Madam,")), look.body),
        *[Paragraph(markup(text), look.body) for text in paragraphs],
        Spacer(1, 0.1 * cm),
        key_values(
            [
                (
                    _("Date"),
                    prose_date(interview.date, weekday=True) if interview.date else _TO_FILL,
                ),
                (_("Time"), _time_text(interview.time or at)),
                (_("Place"), interview.place or _TO_FILL),
                (_("With"), interview.interviewer or _TO_FILL),
            ],
            3.5 * cm,
        ),
        Spacer(1, 0.3 * cm),
        Paragraph(markup(purpose(interview, today)), look.body),
        Paragraph(
            markup(_("The interview takes place during your working time and is paid as such.")),
            look.body,
        ),
    ]
    if company.country == FRANCE and interview.kind in PROFESSIONAL_FAMILY:
        story.append(
            Paragraph(
                markup(
                    _(
                        "To prepare it, you may consult a career development adviser (conseil "
                        "en évolution professionnelle, CEP), free of charge and in confidence: "
                        "the one near you is listed on mon-cep.org."
                    )
                ),
                look.body,
            )
        )
    story += [
        Paragraph(
            markup(
                _(
                    "To help you get ready, a preparation sheet comes with this letter: take a "
                    "few minutes to read it and note what you would like to talk about."
                )
            ),
            look.body,
        ),
        Paragraph(
            markup(
                _(
                    "If this date does not suit you, please tell us as soon as possible so that "
                    "we can agree on another one."
                )
            ),
            look.body,
        ),
        Paragraph(markup(_("Yours faithfully,")), look.body),
        Spacer(1, 1.0 * cm),
    ]
    signature = [signatory, company.signatory_title.strip() if company.signatory_name else ""]
    story += [Paragraph(markup(line), look.body) for line in signature if line]
    story += [Spacer(1, 0.8 * cm), KeepTogether(_delivery(look))]
    return story


def preparation_prompts(kind: InterviewKind | None = None) -> list[str]:
    """What the employee is asked to think about before an interview of ``kind``
    (domain.md 5): the forfait-jours review has its own topics (L3121-64, L3121-65)."""
    if kind is InterviewKind.FORFAIT_JOURS_REVIEW:
        return [
            _("Your workload over the past year: busy periods, evenings, weekends"),
            _("How your work is organised: priorities, tools, what you depend on"),
            _("The balance between your work and your private life"),
            _("Your pay, in the light of your workload and responsibilities"),
            _("Disconnecting: e-mails and calls outside working time, rest days taken"),
            _("The questions you would like to ask"),
        ]
    return [
        _("Your current missions: what you actually do, and what has changed"),
        _("The skills you master"),
        _("The skills you would like to develop"),
        _("Your wishes: in your job, towards another job, training, mobility"),
        _("The questions you would like to ask"),
    ]


def _what_to_bring(employee: Employee, interview: Interview) -> list[str]:
    bring = [_("Your job description")]
    if not _first_interview(employee, interview):
        bring.append(_("The reports of your previous interviews"))
    if interview.kind is InterviewKind.FORFAIT_JOURS_REVIEW:
        bring.append(_("Your record of the days worked and the rest days taken this year"))
    else:
        bring.append(_("The certificates or summaries of the trainings you followed"))
    return bring


_WRITING_ROOM = 15 * cm
"""The height of the preparation sheet's boxes to write in, all together."""


def _preparation_sheet(employee: Employee, interview: Interview) -> list[Flowable]:
    look = styles()
    when = prose_date(interview.date) if interview.date else ""
    subtitle = " · ".join(
        part for part in (interview_name(interview, date.today()), employee.full_name, when) if part
    )
    story: list[Flowable] = [
        Paragraph(markup(_("Preparing your interview")), look.title),
        Paragraph(markup(subtitle), look.subtitle),
        Paragraph(
            markup(
                _(
                    "This sheet is yours: use it to note what you want to say. You do not have "
                    "to hand it in."
                )
            ),
            look.body,
        ),
        Paragraph(markup(_("What you can bring")), look.heading),
        *bullet_list(_what_to_bring(employee, interview)),
        Paragraph(markup(_("What to think about")), look.heading),
    ]
    prompts = preparation_prompts(interview.kind)
    # Room to write shared among the prompts, so that the sheet stays on one page (3 cm
    # each for five).
    room = min(3 * cm, _WRITING_ROOM / len(prompts))
    for prompt in prompts:
        story.append(KeepTogether([Paragraph(markup(prompt), look.label), writing_box(room)]))
    return story


def invitation_letter(
    company: Company,
    employee: Employee,
    interview: Interview,
    language: str | None = None,
    *,
    on: date | None = None,
    at: time | None = None,
) -> bytes:
    """The invitation letter and its preparation sheet (page 2), as a PDF in ``language``
    (default: the employee's). ``on``: the letter's date (default: the invitation's date,
    else today); ``at``: the time when the interview has none recorded (else a line to fill
    in)."""
    with report_language(language or employee.language):
        story = [
            *_letter(company, employee, interview, on or interview.invited_on or date.today(), at),
            PageBreak(),
            *_preparation_sheet(employee, interview),
        ]
        kind = interview_name(interview, date.today())
        return render(
            story,
            company=company.name,
            title=_("Invitation: {kind}, {name}").format(kind=kind, name=employee.full_name),
            subject=kind,
            letterhead=True,
        )


def invitation_ics(
    company: Company,
    employee: Employee,
    interview: Interview,
    language: str | None = None,
    *,
    at: time | None = None,
    stamp: datetime | None = None,
) -> str:
    """The interview as an iCalendar file: one hour from its time (the interview's own,
    else ``at``) in the company's time zone, or, with no time known, a whole-day event on
    its date that does not block the day. ``ValueError`` when the interview has no date
    yet."""
    if interview.date is None:
        raise ValueError(_("The interview has no date yet."))
    with report_language(language or employee.language):
        kind = interview_name(interview, date.today())
        summary = _("{kind}: {name}").format(kind=kind, name=employee.full_name)
        lines = [summary, company.name]
        if interview.interviewer.strip():
            lines.append(_("With: {name}").format(name=interview.interviewer))
        event = Event(
            uid=meeting_uid(company.name, interview.id),
            day=interview.date,
            summary=summary,
            location=interview.place,
            description="\n".join(lines),
            at=interview.time or at,
            zone=company_zone(company.country),
        )
        return calendar([event], stamp=stamp)
