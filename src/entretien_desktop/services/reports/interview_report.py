"""The interview report (compte rendu d'entretien): what is printed, signed by both people,
and handed to the employee.

Every section of the interview's template in order, every field with its answer (texts as
typed, dates and numbers in the reader's format, choices by their translated label, tables
with their column titles), "—" for what was left empty; for a summary review, the criteria
the rules engine finds; then the legal mentions and the two signature blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import (
    Choice,
    Column,
    Field,
    FieldType,
    Prefill,
    Role,
    Section,
    Template,
    offered_choices,
)
from entretien_desktop.i18n import _, format_money, format_number, prose_date, table_date
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
from entretien_desktop.rules.regimes import LAW_2025_IN_FORCE
from entretien_desktop.services.information_given import INFORMATION_IDS
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.interview_life import OPEN_STATUSES
from entretien_desktop.services.labels import dated_text, interview_kind_label, interview_name
from entretien_desktop.services.reports.blocks import (
    EMPTY,
    ColumnSpec,
    Signatory,
    data_table,
    key_values,
    markup,
    side_by_side,
    signature_blocks,
    text_block,
    writing_box,
)
from entretien_desktop.services.reports.information import information_block, is_information
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import (
    CONTENT_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    form_name,
    render,
    styles,
)
from entretien_desktop.services.reports.skills_table import skills_table
from entretien_desktop.services.reports.summary_criteria import criteria_table
from entretien_desktop.services.signing import SIGNATURE_EMPLOYEE, SIGNATURE_INTERVIEWER
from entretien_desktop.services.summary_reviews import (
    ENGINE_PREFILLS,
    ReviewContradicted,
    computed_answers,
    contradictions,
    review_as_of,
    summary_conclusion,
)
from entretien_desktop.services.training_requests import RequestStatus, request_status_label

_SHORT = frozenset(
    {
        FieldType.SHORT_TEXT,
        FieldType.DATE,
        FieldType.NUMBER,
        FieldType.CHOICE,
        FieldType.RATING,
        FieldType.YES_NO,
    }
)
_COLUMN_WEIGHTS = {
    FieldType.NUMBER: 0.4,
    FieldType.DATE: 0.6,
    FieldType.CHOICE: 1.0,
    FieldType.SHORT_TEXT: 1.6,
    FieldType.LONG_TEXT: 2.4,
}
_LABEL_WIDTH = 6 * cm
_CHECKED, _UNCHECKED = "☒", "☐"


def find_interview(company: Company, interview_id: str) -> tuple[Employee, Interview]:
    """The interview ``interview_id`` and its employee; ``LookupError`` when unknown."""
    for employee in company.employees:
        for interview in employee.interviews:
            if interview.id == interview_id:
                return employee, interview
    raise LookupError(_("No interview {id} in this file").format(id=interview_id))


def _date_text(value: Any, dense: bool) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return table_date(day) if dense else prose_date(day)


def _number(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number_text(value: Any) -> str:
    number = _number(value)
    return str(value) if number is None else format_number(number)


def is_amount(field: Field, column: Column) -> bool:
    """Whether ``column`` of the table ``field`` holds an amount of the company's money:
    a training request's cost (the column the training plan adds up)."""
    return field.role is Role.TRAINING_REQUESTS and column.id == "cost"


def amount_text(value: Any, currency: str) -> str:
    """An amount typed in a form, in the company's currency (``1 350 €``); cents only
    when there are some; ``""`` when unanswered, what was typed when it is no number."""
    if value is None or not str(value).strip():
        return ""
    number = _number(value)
    if number is None:
        return str(value)
    return format_money(number, currency, cents=number != number.to_integral_value())


def _choice_text(choices: Sequence[Choice], value: Any) -> str:
    for choice in choices:
        if choice.id == value:
            return _(choice.label)
    return str(value)


def value_text(
    kind: FieldType, choices: Sequence[Choice], value: Any, *, dense: bool = False
) -> str:
    """One answer (or table cell) as the reader reads it; ``""`` when unanswered.
    ``dense``: in a table's cell, where a date's month is abbreviated."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if kind is FieldType.YES_NO and isinstance(value, bool):
        return _("Yes") if value else _("No")
    if kind is FieldType.DATE:
        return _date_text(value, dense)
    if kind is FieldType.NUMBER:
        return _number_text(value)
    if kind in (FieldType.CHOICE, FieldType.RATING):
        return _choice_text(choices, value)
    return str(value)


def _checks(field: Field, value: Any) -> list[Flowable]:
    ticked = {str(v) for v in value} if isinstance(value, list) else set()
    look = styles()
    lines = [
        Paragraph(markup(f"{_CHECKED if c.id in ticked else _UNCHECKED}  {_(c.label)}"), look.body)
        for c in field.choices
    ]
    # Ticks the template no longer offers are shown as they were recorded.
    known = {c.id for c in field.choices}
    lines += [Paragraph(markup(f"{_CHECKED}  {v}"), look.body) for v in sorted(ticked - known)]
    return lines


def _column_spec(column: Column) -> ColumnSpec:
    return ColumnSpec(
        _(column.label), _COLUMN_WEIGHTS.get(column.type, 1.0), column.type is FieldType.NUMBER
    )


def cell_text(
    field: Field, column: Column, value: Any, currency: str, *, dense: bool = True
) -> str:
    """A cell of the table ``field`` as the reader reads it, an amount with its currency;
    ``dense``: in a grid (abbreviated dates), else in a card of its own (full dates)."""
    if is_amount(field, column):
        return amount_text(value, currency)
    return value_text(column.type, column.choices, value, dense=dense)


def _table(
    field: Field, value: Any, currency: str, decisions: Mapping[str, Any] | None = None
) -> list[Flowable]:
    """The rows of a table field; ``decisions``: the follow-up of a held interview's
    training requests, whose decision each request's card then says (a refused request is
    never read as granted)."""
    rows = [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []
    decided = decisions is not None and field.role is Role.TRAINING_REQUESTS

    def texts_of(*, dense: bool) -> list[list[str]]:
        texts = []
        for index, row in enumerate(rows):
            cells = [
                cell_text(field, c, row.get(c.id), currency, dense=dense) for c in field.columns
            ]
            if not any(text.strip() for text in cells):
                continue
            if decided and decisions is not None:
                status = decisions.get(str(index), RequestStatus.REQUESTED.value)
                try:
                    cells.append(request_status_label(RequestStatus(status)))
                except ValueError:
                    cells.append(str(status))
            texts.append(cells)
        return texts

    texts = texts_of(dense=True)
    if not texts or not field.columns:
        return [Paragraph(EMPTY, styles().empty)]
    specs = [_column_spec(c) for c in field.columns]
    if decided:
        specs.append(ColumnSpec(_("Decision"), 0.8, False))
    return data_table(specs, texts, texts_of(dense=False))


def answered(value: Any) -> bool:
    """Whether a field holds an answer: text that is not blank, a tick, a table row with
    something in it."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(
            any(answered(cell) for cell in item.values()) if isinstance(item, dict) else True
            for item in value
        )
    return True


def printed_sections(template: Template, answers: dict[str, Any]) -> list[Section]:
    """The template's sections that go on paper: all of them but an optional one (the
    mid-career and end-of-career questions of the professional interview, pay at an
    annual review) left wholly unanswered, which does not apply to this interview. A
    section with one answer in it is printed whole: what was answered is always shown."""
    return [
        section
        for section in template.sections
        if not section.optional or any(answered(answers.get(f.id)) for f in section.fields)
    ]


def _section(
    number: int,
    section: Section,
    answers: dict[str, Any],
    *,
    currency: str,
    computed: Sequence[Flowable] = (),
    information: Callable[[Any], list[Flowable]] | None = None,
    on_paper: bool = False,
    decisions: Mapping[str, Any] | None = None,
    day: date | None = None,
) -> list[Flowable]:
    """The section's heading and answers. ``computed``: what the summary review's criteria
    field shows (the engine's conclusion, never a stored text of it); ``information``: how
    the tick list of the mandatory information is stated (in sentences, for the
    professional family); other tick lists are tick boxes, those offered on ``day`` (the
    interview's) and those ticked."""
    look = styles()
    title = _(section.title)
    story: list[Flowable] = [Paragraph(markup(f"{number}. {title}"), look.heading)]
    short: list[tuple[str, str]] = []

    def flush() -> None:
        if short:
            story.extend([Spacer(1, 4), key_values(short, _LABEL_WIDTH)])
            short.clear()

    for field in section.fields:
        value = answers.get(field.id)
        if field.type in _SHORT:
            short.append((_(field.label), value_text(field.type, field.choices, value)))
            continue
        flush()
        if field.prefill is Prefill.SUMMARY_CRITERIA and computed:
            story.extend(computed)
            continue
        label = _(field.label)
        if label.casefold() != title.casefold():  # else the heading says it already
            story.append(Paragraph(markup(label), look.label))
        if field.role is Role.SKILLS_REVIEW:  # the skills map's table (issue 21)
            story.extend(skills_table(field, value))
        elif field.type is FieldType.TABLE:
            story.extend(_table(field, value, currency, decisions))
        elif field.type is FieldType.CHECKS and information is not None and is_information(field):
            story.extend(information(value))
            rest = tuple(c for c in field.choices if c.id not in INFORMATION_IDS)
            if rest:  # the company copy's own ticks, beyond the mandatory items
                story.extend(_checks(replace(field, choices=rest), value))
        elif field.type is FieldType.CHECKS:
            ticked = {str(v) for v in value} if isinstance(value, list) else set()
            shown = field.choices if day is None else offered_choices(field.choices, day, ticked)
            story.extend(_checks(replace(field, choices=tuple(shown)), value))
        else:
            text = "" if value is None else str(value)
            if on_paper and field.id in _WRITTEN_ON_PAPER and not text.strip():
                story.append(writing_box(2.2 * cm))  # room for the comments, by hand
            else:
                story.extend(text_block(text))
    flush()
    return story


_NOT_HELD = OPEN_STATUSES
"""Planned or invited: not held yet, a report of it is a draft."""
_WRITTEN_ON_PAPER = frozenset({"employee_comments", "manager_comments"})
"""Fields a copy to sign on paper leaves room for when empty: the signatories' comments."""


def _draft_notice(interview: Interview) -> list[Flowable]:
    """For an interview not held yet: that this copy is a draft to work on, not the report
    to sign (nothing for one held, refused or cancelled)."""
    if interview.status not in _NOT_HELD:
        return []
    text = _(
        "Draft: this interview has not been held yet. This copy is for preparing it; the "
        "report to sign is printed once the interview is held."
    )
    return [Paragraph(f"<b>{markup(text)}</b>", styles().body), Spacer(1, 4)]


def _or_empty(text: str) -> str:
    return text if text.strip() else EMPTY


def _date_or_empty(value: date | None) -> str:
    return prose_date(value) if value is not None else EMPTY


def _identity(employee: Employee, interview: Interview, template: Template) -> list[Flowable]:
    gap = 0.6 * cm
    width = (CONTENT_WIDTH - gap) / 2
    people = key_values(
        [
            (_("Employee"), employee.full_name),
            (_("Job"), _or_empty(employee.job_title)),
            (_("Department"), _or_empty(employee.department)),
            (_("Site"), _or_empty(employee.site)),
            (_("Hired on"), prose_date(employee.hire_date)),
        ],
        2.8 * cm,
        width=width,
    )
    meeting = key_values(
        [
            (_("Interview"), interview_name(interview, date.today())),
            (_("Date"), _date_or_empty(interview.date)),
            (_("Place"), _or_empty(interview.place)),
            (_("Interviewer"), _or_empty(interview.interviewer)),
            (_("Invited on"), _date_or_empty(interview.invited_on)),
        ],
        2.8 * cm,
        width=width,
    )
    more = [(_("Context"), _or_empty(interview.context))] if interview.context.strip() else []
    more.append((_("Form"), form_name(template, interview.date)))
    return [side_by_side(people, meeting, gap), key_values(more, 2.8 * cm)]


def _required_mentions(kind: InterviewKind) -> list[tuple[str, str]]:
    """What the law asks a report of ``kind`` to say: (a phrase of the English message id
    that says it, the translated sentence)."""
    mentions = []
    if kind in PROFESSIONAL_FAMILY:
        mentions += [
            ("not an evaluation", _("This interview is not an evaluation of the employee's work.")),
            (
                "copy of this report is handed",
                _("A copy of this report is handed to the employee."),
            ),
        ]
    if kind is InterviewKind.MID_CAREER:
        mentions.append(
            (
                "occupational health visit",
                _(
                    "The mid-career interview is held within two months after the mid-career "
                    "occupational health visit (art. L4624-2-2 of the Labour Code). Besides the "
                    "topics of every career-path interview, it covers adapting the job, "
                    "preventing professional wear and the occupational doctor's "
                    "recommendations, if the employee chooses to share them."
                ),
            )
        )
    if kind is InterviewKind.END_OF_CAREER:
        mentions.append(
            (
                "60th birthday",
                _(
                    "The end-of-career interview is held in the two years before the "
                    "employee's 60th birthday. Besides the topics of every career-path "
                    "interview, it covers staying in the job and the arrangements for the end "
                    "of the career, such as part-time work and progressive retirement."
                ),
            )
        )
    if kind is InterviewKind.FORFAIT_JOURS_REVIEW:
        mentions.append(
            (
                "l3121-64",
                _(
                    "The employer holds this interview once a year with each employee on a "
                    "forfait jours, on the workload, which must stay reasonable, the "
                    "organisation of work, the balance between work and private life, and "
                    "pay (art. L3121-64 and L3121-65 of the Labour Code); the right to "
                    "disconnect is exercised as the agreement, or else the employer, sets it."
                ),
            )
        )
    if kind is InterviewKind.ANNUAL_REVIEW:
        mentions.append(("confidential", _("This review is confidential.")))
    return mentions


def legal_mentions(template: Template, kind: InterviewKind, day: date | None = None) -> list[str]:
    """The template's notice, translated as it reads on ``day`` (the interview's: the 2025
    name of the professional interview), then each mention the law asks for this kind
    that the notice does not already make (the built-in notices make them: compared on
    the English message ids, whatever the language, so that nothing is said twice)."""
    notice_text = dated_text(template.notice, day or date.today())
    mentions = [notice_text] if template.notice.strip() else []
    notice = template.notice.lower()
    mentions += [text for phrase, text in _required_mentions(kind) if phrase not in notice]
    return mentions


_WRITE_IN = "_" * 14
_SIGNED_ON, _COPY_HANDED_OVER = "signed_on", "copy_handed_over"


def _with_signature_dates(answers: dict[str, Any], interview: Interview) -> dict[str, Any]:
    """The form's "signed on" is the record's signature date (one source for it); on paper,
    an empty "signed on" or "copy handed over on" is a line to write on, not a dash."""
    if interview.signed_on is not None:
        answers[_SIGNED_ON] = interview.signed_on.isoformat()
    for field_id in (_SIGNED_ON, _COPY_HANDED_OVER):
        if not answers.get(field_id):
            answers[field_id] = _WRITE_IN
    return answers


_KEPT_WITH_SIGNATURES = 2
"""How many of the report's last flowables (a heading and its answers) keep the
signatures company when the whole last section cannot (``_kept_tail``)."""

_FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN


def _height(flowables: Sequence[Flowable]) -> float:
    return float(sum(f.wrap(CONTENT_WIDTH, _FRAME_HEIGHT)[1] for f in flowables))


def _kept_tail(story: list[Flowable], last_section: int, closing: list[Flowable]) -> int:
    """Where the part kept on the signatures' page begins: the whole last section (the
    comments, "signed on", "copy handed over on") when it fits on a page with the legal
    mentions and the signatures, else its last answers."""
    whole = story[last_section:]
    # A short last section only: a long one would leave much of the page before it empty.
    if _height(whole) <= 0.3 * _FRAME_HEIGHT and _height([*whole, *closing]) <= _FRAME_HEIGHT:
        return last_section
    return len(story) - _KEPT_WITH_SIGNATURES


_POLICY_KINDS = frozenset({InterviewKind.ANNUAL_REVIEW, InterviewKind.CAREER_CONVERSATION})


def _closing(
    company: Company,
    employee: Employee,
    interview: Interview,
    template: Template,
    signatures: Mapping[str, bytes],
) -> list[Flowable]:
    look = styles()
    story: list[Flowable] = []
    mentions = legal_mentions(template, interview.kind, interview.date)
    by_policy = interview.kind in _POLICY_KINDS
    held = interview.status not in _NOT_HELD  # a draft states nothing done yet
    if interview.kind is InterviewKind.ANNUAL_REVIEW and company.country.upper() == "FR" and held:
        mentions.append(
            _(
                "The employee was expressly informed beforehand of the methods and techniques "
                "used to evaluate them; these are relevant to the purpose pursued (art. "
                "L1222-3 of the Labour Code)."
            )
        )
    if by_policy and company.country.upper() == "FR":
        since_2025 = (interview.date or date.today()) >= LAW_2025_IN_FORCE
        mentions.append(
            _(
                "This interview is held by the company's own policy: it does not replace the "
                "career-path interview the law requires (art. L6315-1 of the Labour Code)."
            )
            if since_2025
            else _(
                "This interview is held by the company's own policy: it does not replace the "
                "professional interview the law requires (art. L6315-1 of the Labour Code)."
            )
        )
    if mentions:
        # No law asks for a company's own interview: its notes are not "legal" mentions.
        heading = _("Good to know") if by_policy else _("Legal mentions")
        story.append(Paragraph(markup(heading), look.heading))
        story.extend(Paragraph(markup(m), look.small) for m in mentions)
    if interview.status in _NOT_HELD:
        return story  # a draft to prepare the interview: nothing to sign yet
    signed = prose_date(interview.signed_on) if interview.signed_on else ""
    if interview.signed_on and not signatures:
        on_paper = _(
            "Signed on paper on {date}; the signed copy is kept by the company. This copy is "
            "printed from the locked record."
        ).format(date=signed)
        story.append(Paragraph(markup(on_paper), look.small))
    story.extend(
        signature_blocks(
            _("Signatures"),
            Signatory(
                _("The employee"), employee.full_name, signed, signatures.get(SIGNATURE_EMPLOYEE)
            ),
            Signatory(
                _("The interviewer"),
                interview.interviewer,
                signed,
                signatures.get(SIGNATURE_INTERVIEWER),
            ),
            meaning=_(
                "By signing, the employee states that they have read this report (read and "
                "acknowledged), not that they agree with it; they may add their comments."
            ),
        )
    )
    return story


def _summary_review(
    company: Company,
    employee: Employee,
    interview: Interview,
    template: Template,
    answers: dict[str, Any],
    *,
    as_of: date | None,
) -> list[Flowable]:
    """The review's conclusion from the engine; the engine's answers fill the form's empty
    ones, and a stored answer that contradicts them refuses the printing."""
    found = summary_conclusion(
        company, employee, interview, as_of or review_as_of(interview, date.today())
    )
    problems = contradictions(found, template, answers)
    if problems:
        raise ReviewContradicted(problems)
    values = computed_answers(found)
    for field in template.fields():
        if field.prefill in ENGINE_PREFILLS and not answers.get(field.id):
            answers[field.id] = values.get(field.prefill)
        if field.prefill is Prefill.TOP_UP_DEADLINE and not answers.get(field.id):
            answers[field.id] = _("None: no top-up to pay")  # not a dash: nothing is missing
    if found is None:
        message = _("No summary review applies to this employee.")
        return [Paragraph(markup(message), styles().body)]
    return criteria_table(found)


def interview_report(
    company: Company,
    employee: Employee,
    interview: Interview,
    language: str | None = None,
    *,
    as_of: date | None = None,
    signatures: Mapping[str, bytes] | None = None,
) -> bytes:
    """The PDF report of ``interview``, in ``language`` (default: the employee's).

    ``as_of``: the day a summary review's criteria are computed on (default: the
    interview's date, or today for one still to come). ``signatures``: the PNGs drawn on
    screen, by attachment kind (``signature_employee``, ``signature_interviewer``), placed
    in the signature boxes."""
    with report_language(language or employee.language):
        template = template_for(company, employee, interview)
        answers = _with_signature_dates(dict(interview.answers or {}), interview)
        title = dated_text(template.title, interview.date or date.today())
        if title == interview_kind_label(interview.kind):  # a built-in form: the legal name
            title = interview_name(interview, date.today())
        look = styles()
        story: list[Flowable] = [
            Paragraph(markup(title), look.title),
            Paragraph(markup(f"{employee.full_name} · {company.name}"), look.subtitle),
            *_draft_notice(interview),
            *_identity(employee, interview, template),
        ]
        computed: list[Flowable] = []
        if interview.kind is InterviewKind.SUMMARY_REVIEW:
            computed = _summary_review(company, employee, interview, template, answers, as_of=as_of)
            if not any(f.prefill is Prefill.SUMMARY_CRITERIA for f in template.fields()):
                # A form of the company's own without the criteria field: before it.
                heading = Paragraph(markup(_("Criteria under the rules that apply")), look.heading)
                story += [heading, *computed]
        information = None
        if interview.kind in PROFESSIONAL_FAMILY:
            information = partial(information_block, company, template, answers)
        last_section = len(story)
        for number, section in enumerate(printed_sections(template, answers), start=1):
            last_section = len(story)
            story += _section(
                number,
                section,
                answers,
                currency=company.currency,
                computed=computed,
                information=information,
                on_paper=interview.signed_on is None and interview.status not in _NOT_HELD,
                decisions=(
                    interview.follow_up or {} if interview.status is InterviewStatus.HELD else None
                ),
                day=interview.date or date.today(),
            )
        closing = _closing(company, employee, interview, template, signatures or {})
        # The end of what is signed goes to the signatures' page with them: a signature
        # never stands alone on a page, cut off from the report it signs.
        kept = _kept_tail(story, last_section, closing)
        tail, story = story[kept:], story[:kept]
        story.append(KeepTogether([*tail, *closing]))
        return render(
            story,
            company=company.name,
            title=f"{title} — {employee.full_name}",
            subject=interview_name(interview, date.today()),
            fingerprint=interview.fingerprint,
            # A copy not signed on screen is signed on paper, and initialled on every page.
            initials=interview.fingerprint is None and interview.status not in _NOT_HELD,
        )
