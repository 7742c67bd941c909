"""The invitation to an interview: a letter to the employee (when, where, with whom, what
it is for), followed on its own page by the preparation sheet (domain.md section 5: what to
bring and what to think about, with room to write); and the meeting as an ``.ics`` file.

What is not known yet (the time, often) is left as a line to fill in by hand.
"""

from __future__ import annotations

from datetime import date, datetime, time

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind
from entretien_desktop.i18n import _, prose_date
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
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


def _time_text(at: time | None) -> str:
    return at.strftime("%H:%M") if at is not None else _TO_FILL


def _purpose(kind: InterviewKind) -> str:
    if kind in PROFESSIONAL_FAMILY:
        return _(
            "This interview is about your career path: the skills you use and would like to "
            "develop, your wishes for the future and the trainings that could help you. It is "
            "not an evaluation of your work."
        )
    if kind is InterviewKind.ANNUAL_REVIEW:
        return _(
            "This review looks back at the past period's objectives and results, and sets the "
            "objectives of the next one."
        )
    return _(
        "This conversation is about your development: your wishes, your room to grow and "
        "what could help you get there."
    )


def _letter(
    company: Company, employee: Employee, interview: Interview, on: date, at: time | None
) -> list[Flowable]:
    look = styles()
    right = ParagraphStyle("right", parent=look.body, alignment=TA_RIGHT)
    recipient = [employee.full_name, employee.job_title, employee.department, employee.site]
    story: list[Flowable] = [
        Paragraph(markup(company.name), look.label),
        Spacer(1, 0.6 * cm),
        *[Paragraph(markup(line), right) for line in recipient if line.strip()],
        Spacer(1, 0.6 * cm),
        Paragraph(markup(prose_date(on)), right),
        Spacer(1, 0.8 * cm),
        Paragraph(
            markup(
                _("Subject: {kind}, invitation").format(
                    kind=interview_name(interview, date.today())
                )
            ),
            look.label,
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(markup(_("Dear {name},").format(name=employee.full_name)), look.body),
        Paragraph(markup(_("You are invited to the following interview:")), look.body),
        Spacer(1, 0.2 * cm),
        key_values(
            [
                (_("Interview"), interview_name(interview, date.today())),
                (
                    _("Date"),
                    prose_date(interview.date, weekday=True) if interview.date else _TO_FILL,
                ),
                (_("Time"), _time_text(at)),
                (_("Place"), interview.place or _TO_FILL),
                (_("With"), interview.interviewer or _TO_FILL),
            ],
            3.5 * cm,
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(markup(_purpose(interview.kind)), look.body),
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
        Spacer(1, 0.5 * cm),
        Paragraph(markup(_("Yours sincerely,")), look.body),
        Spacer(1, 1.2 * cm),
    ]
    if interview.interviewer.strip():
        story.append(Paragraph(markup(interview.interviewer), look.body))
    story.append(Paragraph(markup(company.name), look.body))
    return story


def preparation_prompts() -> list[str]:
    """What the employee is asked to think about before the interview (domain.md 5)."""
    return [
        _("Your current missions: what you actually do, and what has changed"),
        _("The skills you master"),
        _("The skills you would like to develop"),
        _("Your wishes: in your job, towards another job, training, mobility"),
        _("The questions you would like to ask"),
    ]


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
        *bullet_list(
            [
                _("Your job description"),
                _("The reports of your previous interviews"),
                _("The certificates or summaries of the trainings you followed"),
            ]
        ),
        Paragraph(markup(_("What to think about")), look.heading),
    ]
    for prompt in preparation_prompts():
        story.append(KeepTogether([Paragraph(markup(prompt), look.label), writing_box(3 * cm)]))
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
    else today); ``at``: the time, when known (else a line to fill in)."""
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
    """The interview as an iCalendar file: a whole-day event on its date that does not
    block the day, or one hour from ``at`` in the company's time zone when the time is
    known. ``ValueError`` when the interview has no date yet."""
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
            at=at,
            zone=company_zone(company.country),
        )
        return calendar([event], stamp=stamp)
