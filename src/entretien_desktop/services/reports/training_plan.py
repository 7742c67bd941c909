"""The training plan: every training request of every interview form, grouped by its
decision (requested, approved, done, refused) with the hours and cost of each group, then
the trainings followed in the last twelve months, and those in progress.

A request's choices (funding...) are worded by the template its interview was filled with,
in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from entretien_desktop.domain import Company, Employee, Training
from entretien_desktop.domain.templates import Role
from entretien_desktop.i18n import (
    _,
    current_language,
    format_money,
    format_number,
    ngettext,
    prose_date,
    table_date,
)
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.reports.blocks import EMPTY, markup
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import render, styles
from entretien_desktop.services.reports.register import (
    Cell,
    Rows,
    TableColumn,
    column_widths,
    nothing,
    report_heading,
    ruled_table,
    section,
)
from entretien_desktop.services.reports.skill_requests_part import skill_requests_part
from entretien_desktop.services.training_requests import (
    RequestStatus,
    TrainingRequest,
    request_status_label,
    training_requests,
)

STATUS_ORDER = (
    RequestStatus.REQUESTED,
    RequestStatus.APPROVED,
    RequestStatus.DONE,
    RequestStatus.REFUSED,
)
"""What is still to decide first, then the budget committed, what was done, refused."""


def choice_text(company: Company, request: TrainingRequest, column: str) -> str:
    """The request's answer in ``column`` as its template words it (translated)."""
    value = request.values.get(column, "")
    field = template_for(company, request.employee, request.interview).with_role(
        Role.TRAINING_REQUESTS
    )
    for candidate in field.columns if field is not None else ():
        if candidate.id == column:
            for choice in candidate.choices:
                if choice.id == value:
                    return _(choice.label)
    return value


def figure(request: TrainingRequest, column: str, form: Callable[[float], str]) -> str:
    """A number of the request as ``form`` writes it; nothing when it was left empty."""
    if not request.values.get(column, "").strip():
        return ""
    return form(request.number(column))


def _day(value: date) -> str:
    # A date is never broken across lines.
    return table_date(value)


def period_text(start: date | None, end: date | None) -> str:
    """One day, or the first and the last on two lines (a narrow column's width)."""
    if start is None or end is None or start == end:
        day = start or end
        return _day(day) if day is not None else EMPTY
    return f"{_day(start)} –\n{_day(end)}"


def hours_text(hours: float) -> str:
    return format_number(hours)


def cost_text(company: Company) -> Callable[[float], str]:
    """How the company's own money is written: in its currency, cents only when there are
    some (the amounts the law sets, in euros, are not written this way)."""

    def write(amount: float) -> str:
        return format_money(amount, currency=company.currency, cents=not float(amount).is_integer())

    return write


def _sorted(requests: Sequence[TrainingRequest]) -> list[TrainingRequest]:
    return sorted(
        requests, key=lambda r: (r.day("start") or date.max, r.employee.last_name, r.course)
    )


def request_columns(*, who: bool) -> list[TableColumn]:
    """With ``who``, the employee's name first; else the decision last (one person's)."""
    columns = [
        TableColumn(_("Course"), 1.6),
        TableColumn(_("Provider"), 1.0),
        TableColumn(_("Hours"), 0.1, wrap=False, right=True),
        TableColumn(_("Cost"), 0.1, wrap=False, right=True),
        TableColumn(_("Dates"), 0.1, wrap=False),
        TableColumn(_("Funding"), 1.0),
    ]
    if who:
        columns.insert(0, TableColumn(_("Employee"), 0.6))
    else:
        columns.append(TableColumn(_("Status"), 0.1, wrap=False))
    return columns


def request_rows(
    company: Company, requests: Sequence[TrainingRequest], *, who: bool
) -> list[list[Cell]]:
    """The requests, one a row, then their total (the columns of ``request_columns``)."""
    money = cost_text(company)
    rows: list[list[Cell]] = []
    for request in requests:
        row: list[Cell] = [
            request.course,
            request.values.get("provider", ""),
            figure(request, "hours", hours_text),
            figure(request, "cost", money),
            period_text(request.day("start"), request.day("end")),
            choice_text(company, request, "funding"),
        ]
        if who:
            row.insert(0, request.employee.full_name)
        else:
            row.append(request_status_label(request.status))
        rows.append(row)
    total: list[Cell] = [
        _("Total"),
        "",
        hours_text(sum(r.number("hours") for r in requests)),
        money(sum(r.number("cost") for r in requests)),
        "",
        "",
    ]
    if who:
        total.insert(1, "")
    else:
        total.append("")
    return [*rows, total]


def requests_table(
    company: Company,
    requests: Sequence[TrainingRequest],
    *,
    who: bool = True,
    widths: Sequence[float] | None = None,
) -> Flowable:
    """The requests with their figures and a total line."""
    rows = Rows()
    for row in request_rows(company, requests, who=who):
        rows.add_block([row])
    rows.totals = 1
    return ruled_table(request_columns(who=who), rows, widths=widths)


def _summary(company: Company, requests: Sequence[TrainingRequest]) -> Flowable:
    columns = [
        TableColumn(_("Status"), 1.0),
        TableColumn(_("Requests"), 0.3, wrap=False, right=True),
        TableColumn(_("Hours"), 0.3, wrap=False, right=True),
        TableColumn(_("Cost"), 0.3, wrap=False, right=True),
    ]
    rows = Rows()
    money = cost_text(company)

    def line(name: str, group: Sequence[TrainingRequest]) -> list[Cell]:
        return [
            name,
            str(len(group)),
            hours_text(sum(r.number("hours") for r in group)),
            money(sum(r.number("cost") for r in group)),
        ]

    for status in STATUS_ORDER:
        rows.add_block([line(request_status_label(status), by_status(requests, status))])
    # What the plan holds: a refused request costs nothing and is not in the total.
    kept = [r for r in requests if r.status is not RequestStatus.REFUSED]
    rows.add_block([line(_("Total, refused requests apart"), kept)])
    rows.totals = 1
    return ruled_table(columns, rows)


def by_status(requests: Sequence[TrainingRequest], status: RequestStatus) -> list[TrainingRequest]:
    return [r for r in requests if r.status is status]


def _ended(training: Training) -> date:
    return training.end or training.start


def trainings_table(followed: Sequence[tuple[Employee, Training]], *, who: bool = True) -> Flowable:
    """Trainings followed, with a total of their hours."""
    columns = [
        TableColumn(_("Training"), 2.0),
        TableColumn(_("Dates"), 0.1, wrap=False),
        TableColumn(_("Hours"), 0.1, wrap=False, right=True),
        TableColumn(_("Mandatory"), 0.1, wrap=False),
        TableColumn(_("Certification"), 0.1, wrap=False),
    ]
    if who:
        columns.insert(0, TableColumn(_("Employee"), 1.0))
    rows = Rows()
    for employee, training in followed:
        row: list[Cell] = [
            training.title,
            period_text(training.start, training.end),
            hours_text(training.hours),
            _("Yes") if training.mandatory else _("No"),
            _("Yes") if training.certification else _("No"),
        ]
        if who:
            row.insert(0, employee.full_name)
        rows.add_block([row])
    total: list[Cell] = [_("Total"), "", hours_text(sum(t.hours for _e, t in followed)), "", ""]
    if who:
        total.insert(1, "")
    rows.add_block([total])
    rows.totals = 1
    return ruled_table(columns, rows)


def followed_since(company: Company, since: date, as_of: date) -> list[tuple[Employee, Training]]:
    """The trainings that ended after ``since`` and began by ``as_of``, oldest first."""
    found = [
        (employee, training)
        for employee in company.employees
        for training in employee.trainings
        if training.start <= as_of and _ended(training) > since
    ]
    return sorted(found, key=lambda pair: (pair[1].start, pair[0].last_name))


def training_plan(company: Company, as_of: date, language: str | None = None) -> bytes:
    """The training plan of ``company`` as of ``as_of``, in ``language`` (default: the
    current one)."""
    with report_language(language or current_language()):
        look = styles()
        title = _("Skills development plan")
        requests = training_requests(company)
        story: list[Flowable] = [
            *report_heading(title, company, as_of),
            *section(_("Summary")),
            _summary(company, requests),
            *section(_("Training requests")),
        ]
        # The same columns for every group, measured on all of them, so that they line up.
        columns = request_columns(who=True)
        cells = request_rows(company, requests, who=True)
        widths = column_widths(columns, cells, len(cells) - 1)
        for status in STATUS_ORDER:
            group = _sorted(by_status(requests, status))
            heading = ngettext(
                "{status}: {count} request", "{status}: {count} requests", len(group)
            ).format(status=request_status_label(status), count=len(group))
            story += section(heading, level=2)
            story.append(
                requests_table(company, group, widths=widths)
                if group
                else nothing(_("No request."))
            )
        # The trainings requested from the skills map's gaps (issue 21), when there are.
        story += skill_requests_part(company)
        since = add_months(as_of, -12)
        followed = followed_since(company, since, as_of)
        story += section(_("Trainings followed"))
        story.append(
            Paragraph(
                markup(
                    _("In the twelve months from {start} to {end}.").format(
                        start=prose_date(since), end=prose_date(as_of)
                    )
                ),
                look.body,
            )
        )
        # A training not ended yet is not "followed": it has its own list.
        finished = [(e, t) for e, t in followed if _ended(t) <= as_of]
        running = [(e, t) for e, t in followed if _ended(t) > as_of]
        story.append(trainings_table(finished) if finished else nothing(_("No training.")))
        if running:
            story += section(_("Trainings in progress"))
            started = _("Begun and not yet ended on {date}.").format(date=prose_date(as_of))
            story += [Paragraph(markup(started), look.body), trainings_table(running)]
        return render(story, company=company.name, title=title, subject=title)
