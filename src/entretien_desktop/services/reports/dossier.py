"""The employee dossier: everything the file holds on one person, for a request to access
personal data. First what article 15 GDPR says must be told (controller, purposes, legal
bases, recipients, retention, rights, complaint: services/privacy.py), then identity and
contract, leaves, every interview with what it recorded (each answered field, by its label),
trainings, certifications, progressions, medical visits, training requests and the decisions
on them, the action plan, and the obligations the program computes from all this on the day
the dossier is made.

Written in the employee's language unless told; a note on the first page says what the
document is and the date it was made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from entretien_desktop.domain import (
    Company,
    Employee,
    Interview,
)
from entretien_desktop.domain.templates import Column, Field, FieldType, Template
from entretien_desktop.i18n import _, prose_date, table_date
from entretien_desktop.services.company_reader import DEFAULT_CURRENCY
from entretien_desktop.services.interview_forms import action_plan, template_for
from entretien_desktop.services.labels import (
    certification_via_label,
    contract_label,
    interview_name,
    interview_status_label,
    language_name,
    leave_label,
    medical_visit_label,
    progression_label,
    working_time_label,
)
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.privacy import information
from entretien_desktop.services.reports.blocks import key_values, markup
from entretien_desktop.services.reports.interview_report import (
    amount_text,
    is_amount,
    value_text,
)
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import (
    form_name,
    grouped_fingerprint,
    render,
    styles,
)
from entretien_desktop.services.reports.register import (
    Cell,
    Rows,
    TableColumn,
    nothing,
    notice_box,
    obligations_table,
    open_obligations,
    ruled_table,
    section,
)
from entretien_desktop.services.reports.training_plan import (
    period_text,
    requests_table,
    trainings_table,
)
from entretien_desktop.services.training_requests import training_requests

_LABEL_WIDTH = 4.2 * cm
_ANSWER_LABEL_WIDTH = 6 * cm


def _day(value: date | None) -> str:
    return prose_date(value) if value is not None else ""


def _cell_day(value: date | None) -> str:
    return table_date(value) if value is not None else ""


# --- The parts ---------------------------------------------------------------------------


def _note(company: Company, employee: Employee, as_of: date) -> Table:
    return notice_box(
        _(
            "This document gathers everything {company} holds on {name} in its interview "
            "records, as they stood on {date}, in answer to a request for access to personal "
            "data (GDPR, article 15). The obligations at the end are not records: the program "
            "computes them from the facts above."
        ).format(company=company.name, name=employee.full_name, date=prose_date(as_of))
    )


def _gdpr_information(company: Company) -> list[Flowable]:
    """What article 15 GDPR says the person must be told, beside their data."""
    rows: list[tuple[str, str | Flowable]] = list(information(company))
    return [*section(_("Information under article 15 GDPR")), key_values(rows, _LABEL_WIDTH)]


def _identity(company: Company, employee: Employee) -> list[Flowable]:
    manager = next((e for e in company.employees if e.ref == employee.manager_ref), None)
    manager_text = (
        f"{manager.full_name} ({manager.ref})" if manager is not None else employee.manager_ref
    )
    rows: list[tuple[str, str | Flowable]] = [
        (_("Number"), employee.ref),
        (_("Name"), employee.full_name),
        (_("Birth date"), _day(employee.birth_date)),
        (_("Language"), language_name(employee.language)),
        (_("Hired on"), _day(employee.hire_date)),
        (_("Exit date"), _day(employee.exit_date)),
        *(
            [(_("Seniority from (transferred contract)"), _day(employee.seniority_date))]
            if employee.seniority_date is not None
            else []
        ),
        *(
            [(_("Forfait jours since"), _day(employee.forfait_jours_since))]
            if employee.forfait_jours_since is not None
            else []
        ),
        (_("Contract"), contract_label(employee.contract)),
        (_("Working time"), working_time_label(employee.working_time)),
        (_("Job title"), employee.job_title),
        (_("Department"), employee.department),
        (_("Site"), employee.site),
        (_("Manager"), manager_text or ""),
    ]
    return [*section(_("Identity and contract")), key_values(rows, _LABEL_WIDTH)]


def _simple_table(columns: Sequence[TableColumn], cells: Sequence[Sequence[Cell]]) -> Flowable:
    rows = Rows()
    for row in cells:
        rows.add_block([list(row)])
    return ruled_table(columns, rows)


def _leaves(employee: Employee) -> list[Flowable]:
    story = section(_("Leaves"))
    if not employee.leaves:
        return [*story, nothing(_("Nothing recorded."))]
    columns = [
        TableColumn(_("Leave"), 2.0),
        TableColumn(_("Start"), 0.5, wrap=False),
        TableColumn(_("Last day"), 0.5, wrap=False),
    ]
    cells = [
        [leave_label(leave.kind), _cell_day(leave.start), _cell_day(leave.end) or _("Ongoing")]
        for leave in sorted(employee.leaves, key=lambda leave: leave.start)
    ]
    return [*story, _simple_table(columns, cells)]


def _column_text(field: Field, column: Column, value: Any, currency: str) -> str:
    if is_amount(field, column):
        return amount_text(value, currency)
    return value_text(column.type, column.choices, value)


def _row_text(field: Field, row: dict[str, Any], currency: str) -> str:
    parts = [
        _("{label}: {value}").format(label=_(column.label), value=text)
        for column in field.columns
        if (text := _column_text(field, column, row.get(column.id), currency))
    ]
    return " · ".join(parts)


def answer_text(field: Field, value: Any, currency: str = DEFAULT_CURRENCY) -> str:
    """An answer as one text: a table's rows one a line, ticks by their label, amounts
    in ``currency`` (the company's)."""
    if field.type is FieldType.TABLE:
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        return "\n".join(f"• {text}" for row in rows if (text := _row_text(field, row, currency)))
    if field.type is FieldType.CHECKS:
        ticked = [str(v) for v in value] if isinstance(value, list) else []
        names = {c.id: _(c.label) for c in field.choices}
        return "\n".join(f"• {names.get(v, v)}" for v in ticked)
    if isinstance(value, (list, dict)):
        return str(value)
    return value_text(field.type, field.choices, value)


def answered_fields(
    template: Template, answers: dict[str, Any], currency: str = DEFAULT_CURRENCY
) -> list[tuple[str, str]]:
    """Every answered field (label, answer) in the form's order; then any answer the
    template no longer has a field for, under its key."""
    found = []
    known = set()
    for field in template.fields():
        known.add(field.id)
        text = answer_text(field, answers.get(field.id), currency)
        if text.strip():
            found.append((_(field.label), text))
    for key, value in answers.items():
        if key not in known and value not in (None, "", [], {}):
            found.append((key, value if isinstance(value, str) else str(value)))
    return found


def _interview_title(interview: Interview) -> str:
    kind = interview_name(interview, date.today())
    if interview.date is None:
        return kind
    return _("{kind}, {date}").format(kind=kind, date=prose_date(interview.date))


def _interview(company: Company, employee: Employee, interview: Interview) -> list[Flowable]:
    look = styles()
    facts: list[tuple[str, str | Flowable]] = [
        # Named, dated and fingerprinted: the record's internal id says nothing to a reader.
        (_("Interview"), interview_name(interview, date.today())),
        (_("Status"), interview_status_label(interview.status)),
        (_("Date"), _day(interview.date)),
    ]
    optional = [
        (_("Invited on"), _day(interview.invited_on)),
        (_("Place"), interview.place),
        (_("Interviewer"), interview.interviewer),
        (_("Context"), interview.context),
        (_("Reason given by the employee"), interview.refusal_reason),
        (_("Signed on"), _day(interview.signed_on)),
        (_("Fingerprint"), grouped_fingerprint(interview.fingerprint or "")),
        (_("Amends"), interview.amends or ""),
    ]
    facts += [(name, value) for name, value in optional if value.strip()]
    room, heading = section(_interview_title(interview), level=2)
    # The heading and the few facts on one page; the answers may flow over several.
    story: list[Flowable] = [room, KeepTogether([heading, key_values(facts, _LABEL_WIDTH)])]
    template = template_for(company, employee, interview) if interview.answers else None
    answers = (
        answered_fields(template, interview.answers or {}, company.currency) if template else []
    )
    if template is not None and answers:
        form = form_name(template, interview.date)
        label = ParagraphStyle("answers", parent=look.label, keepWithNext=0)
        story += [
            CondPageBreak(3 * cm),
            Spacer(1, 4),
            Paragraph(markup(_("Answers ({form})").format(form=form)), label),
            key_values([(name, text) for name, text in answers], _ANSWER_LABEL_WIDTH),
        ]
    return story


def _interviews(company: Company, employee: Employee) -> list[Flowable]:
    story = section(_("Interviews"))
    if not employee.interviews:
        return [*story, nothing(_("Nothing recorded."))]
    for interview in sorted(employee.interviews, key=lambda i: (i.date or date.max, i.id)):
        story += _interview(company, employee, interview)
    return story


def _trainings(employee: Employee) -> list[Flowable]:
    story = section(_("Trainings"))
    if not employee.trainings:
        return [*story, nothing(_("Nothing recorded."))]
    followed = [(employee, t) for t in sorted(employee.trainings, key=lambda t: t.start)]
    return [*story, trainings_table(followed, who=False)]


def _certifications(employee: Employee) -> list[Flowable]:
    story = section(_("Certifications"))
    if not employee.certifications:
        return [*story, nothing(_("Nothing recorded."))]
    columns = [
        TableColumn(_("Certification"), 2.0),
        TableColumn(_("Date"), 0.3, wrap=False),
        TableColumn(_("Through"), 1.0),
    ]
    cells = [
        [c.title, _cell_day(c.date), certification_via_label(c.via)]
        for c in sorted(employee.certifications, key=lambda c: c.date)
    ]
    return [*story, _simple_table(columns, cells)]


def _progressions(employee: Employee) -> list[Flowable]:
    story = section(_("Progressions"))
    if not employee.progressions:
        return [*story, nothing(_("Nothing recorded."))]
    columns = [
        TableColumn(_("Date"), 0.3, wrap=False),
        TableColumn(_("Kind"), 1.0),
        TableColumn(_("Note"), 2.0),
    ]
    cells = [
        [_cell_day(p.date), progression_label(p.kind), p.note]
        for p in sorted(employee.progressions, key=lambda p: p.date)
    ]
    return [*story, _simple_table(columns, cells)]


def _medical_visits(employee: Employee) -> list[Flowable]:
    story = section(_("Medical visits"))
    if not employee.medical_visits:
        return [*story, nothing(_("Nothing recorded."))]
    columns = [TableColumn(_("Visit"), 2.0), TableColumn(_("Date"), 0.3, wrap=False)]
    cells = [
        [medical_visit_label(v.kind), _cell_day(v.date)]
        for v in sorted(employee.medical_visits, key=lambda v: v.date)
    ]
    return [*story, _simple_table(columns, cells)]


def _requests(company: Company, employee: Employee) -> list[Flowable]:
    story = section(_("Training requests and decisions"))
    mine = [r for r in training_requests(company) if r.employee.ref == employee.ref]
    if not mine:
        return [*story, nothing(_("Nothing recorded."))]
    return [*story, requests_table(company, mine, who=False)]


def _action_plan(company: Company, employee: Employee) -> list[Flowable]:
    story = section(_("Action plan"))
    agreements = action_plan(company, employee)
    if not agreements:
        return [*story, nothing(_("No agreement recorded yet."))]
    columns = [
        TableColumn(_("What"), 2.0),
        TableColumn(_("Who"), 0.8),
        TableColumn(_("By when"), 0.1, wrap=False),
        TableColumn(_("Indicator"), 1.6),
        TableColumn(_("Agreed in"), 0.8),
    ]
    cells = [
        [
            row.get("what", ""),
            row.get("who", ""),
            period_text(_iso(row.get("by_when", "")), None),
            row.get("indicator", ""),
            _interview_title(interview),
        ]
        for interview, row in agreements
    ]
    return [*story, _simple_table(columns, cells)]


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _obligations(company: Company, employee: Employee, as_of: date) -> list[Flowable]:
    story = section(_("Current obligations"))
    report = company_obligations(company, as_of)
    current = open_obligations(report.obligations).get(employee.ref, [])
    if not current:
        return [*story, nothing(_("Nothing due"))]
    return [*story, obligations_table(current, reasons=True)]


def employee_dossier(
    company: Company, employee: Employee, as_of: date, language: str | None = None
) -> bytes:
    """Everything held on ``employee`` as of ``as_of``, in ``language`` (default: the
    employee's)."""
    with report_language(language or employee.language):
        look = styles()
        title = _("Employee dossier")
        story: list[Flowable] = [
            Paragraph(markup(title), look.title),
            Paragraph(markup(f"{employee.full_name} · {company.name}"), look.subtitle),
            _note(company, employee, as_of),
            *_gdpr_information(company),
            *_identity(company, employee),
            *_leaves(employee),
            *_interviews(company, employee),
            *_trainings(employee),
            *_certifications(employee),
            *_progressions(employee),
            *_medical_visits(employee),
            *_requests(company, employee),
            *_action_plan(company, employee),
            *_obligations(company, employee, as_of),
        ]
        return render(
            story,
            company=company.name,
            title=f"{title} — {employee.full_name}",
            subject=title,
        )
