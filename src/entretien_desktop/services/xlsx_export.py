"""The register, the obligations and the training plan as Excel workbooks (``.xlsx``), from
the same data the screens and the PDF reports read: one obligations report.

Every sheet has one header row (bold, frozen, with an autofilter over the whole table), its
titles in the current language; dates are real Excel dates shown in the language's short
order (``dd/mm/yyyy`` in French), figures are numbers, amounts are numbers in a currency
format. The workbook is built in openpyxl's write-only mode (rows streamed, never held as
cells: the register of 10,000 employees in 1.5 s, bench/export_xlsx.py) and written
atomically.

What each sheet holds, and the command line, are in docs/import.md (Exports to Excel).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import get_currency_symbol
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from entretien_desktop.domain import Company, Employee
from entretien_desktop.domain.templates import Role
from entretien_desktop.i18n import _, current_language, language_context
from entretien_desktop.rules import Obligation, Status
from entretien_desktop.services.company_file import write_file_atomically
from entretien_desktop.services.dashboard import OPEN, register_rows, urgency
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.labels import (
    basis_label,
    contract_label,
    legal_basis_label,
    obligation_name,
    obligation_state_label,
    obligation_status_label,
    working_time_label,
)
from entretien_desktop.services.obligations import ObligationsReport
from entretien_desktop.services.skill_requests import skill_training_requests
from entretien_desktop.services.training_requests import (
    TrainingRequest,
    request_status_label,
    training_requests,
)


class Export(StrEnum):
    """What a workbook holds (``export-xlsx --what``)."""

    REGISTER = "register"
    OBLIGATIONS = "obligations"
    TRAINING = "training"
    ALL = "all"


class Kind(StrEnum):
    """How a column's cells are typed and shown."""

    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    MONEY = "money"
    """In the sheet's currency, with cents."""
    EUROS = "euros"
    """Whole euros: the amounts the law sets."""


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT
    width: float = 14
    """In characters, as Excel measures a column."""


Value = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of a workbook: its name, its columns and its rows of typed values."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Value, ...]]
    currency: str = "EUR"
    """The currency of its ``MONEY`` columns."""


DATE_FORMATS = {"fr": "dd/mm/yyyy", "nl": "dd-mm-yyyy", "nb": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
"""How each language shows a date in a cell: its short order with the year whole; English
is written the ISO way, which reads the same on both sides of the Atlantic."""

NUMBER_FORMAT = "#,##0.##########"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """``title`` as Excel accepts a sheet's name: without ``[]:*?/\\``, at most 31
    characters, unlike every name in ``taken`` (case aside)."""
    base = _FORBIDDEN.sub(" ", title).strip(" '") or "Sheet"
    base = " ".join(base.split())[:SHEET_NAME_MAX].rstrip()
    used = {name.casefold() for name in taken}
    name, number = base, 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        number += 1
    return name


def date_format(language: str | None = None) -> str:
    return DATE_FORMATS.get(language or current_language(), DATE_FORMATS["en"])


def money_format(currency: str, language: str | None = None, *, cents: bool = True) -> str:
    """An Excel number format for amounts in ``currency``, its symbol where the language
    puts it (``#,##0.00 "€"`` in French, ``"€"#,##0.00`` in English)."""
    locale = Locale.parse(language or current_language())
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    symbol = get_currency_symbol(currency, locale=locale).replace('"', "")
    digits = "#,##0.00" if cents else "#,##0"
    spaced = pattern.replace("\u00a0", " ").replace("\u202f", " ")
    number = re.sub(r"[#0,.]+", lambda _match: digits, spaced, count=1)
    return number.replace("¤", f'"{symbol}"').replace(" ", "\\ ")


# -- the register ---------------------------------------------------------------------------


def _seniority_years(employee: Employee, as_of: date) -> float:
    """Years of seniority on ``as_of`` (or on the exit day, for someone who left)."""
    end = min(as_of, employee.exit_date) if employee.exit_date is not None else as_of
    days = (end - employee.seniority_start).days
    return round(max(days, 0) / 365.25, 1)


def register_sheet(report: ObligationsReport) -> Sheet:
    """Every employee of the register (those who left too), with their most urgent open
    obligation: the employees page's rows, every column of the employee's record."""
    names = {e.ref: e.full_name for e in report.company.employees}
    columns = (
        Column(_("Number"), width=10),
        Column(_("Last name"), width=18),
        Column(_("First name"), width=16),
        Column(_("Hired"), Kind.DATE, 12),
        Column(_("Seniority since"), Kind.DATE, 12),
        Column(_("Seniority (years)"), Kind.NUMBER, 10),
        Column(_("Contract"), width=18),
        Column(_("Working time"), width=14),
        Column(_("Job title"), width=24),
        Column(_("Department"), width=18),
        Column(_("Site"), width=16),
        Column(_("Manager"), width=22),
        Column(_("Exit date"), Kind.DATE, 12),
        Column(_("Next obligation"), width=26),
        Column(_("Status"), width=14),
        Column(_("Deadline"), Kind.DATE, 12),
    )
    rows: list[tuple[Value, ...]] = []
    for row in register_rows(report):
        e = row.employee
        urgent = row.most_urgent if row.present else None
        rows.append(
            (
                e.ref,
                e.last_name,
                e.first_name,
                e.hire_date,
                e.seniority_start,
                _seniority_years(e, report.as_of),
                contract_label(e.contract),
                working_time_label(e.working_time),
                e.job_title,
                e.department,
                e.site,
                names.get(e.manager_ref, e.manager_ref) if e.manager_ref else None,
                e.exit_date,
                obligation_name(urgent) if urgent is not None else None,
                obligation_status_label(urgent.status) if urgent is not None else None,
                urgent.deadline if urgent is not None else None,
            )
        )
    return Sheet(sheet_name(_("Register")), columns, rows)


# -- the obligations ------------------------------------------------------------------------

_LATER = {Status.SATISFIED: 5, Status.NOT_APPLICABLE: 6}


def _obligation_order(obligation: Obligation) -> tuple[int, date, str]:
    """Open obligations most urgent first (the dashboard's list), then those satisfied,
    then those that do not apply, each by deadline."""
    if obligation.status in OPEN:
        return urgency(obligation)
    return (_LATER.get(obligation.status, 7), obligation.deadline, obligation.employee_ref)


def obligations_sheet(report: ObligationsReport) -> Sheet:
    """Every obligation the rules find, open or met: the dashboard's list and the rest."""
    names = {e.ref: e.full_name for e in report.company.employees}
    columns = (
        Column(_("Number"), width=10),
        Column(_("Employee"), width=24),
        Column(_("Obligation"), width=26),
        Column(_("Status"), width=16),
        Column(_("Window opens"), Kind.DATE, 12),
        Column(_("Deadline"), Kind.DATE, 12),
        Column(_("Satisfied on"), Kind.DATE, 12),
        Column(_("Basis"), width=16),
        Column(_("Legal basis"), width=34),
        Column(_("Amount at stake"), Kind.EUROS, 14),
        Column(_("Why"), width=60),
    )
    rows: list[tuple[Value, ...]] = [
        (
            o.employee_ref,
            names.get(o.employee_ref, o.employee_ref),
            obligation_name(o),
            obligation_state_label(o),
            o.window_start,
            o.deadline,
            o.satisfied_on,
            basis_label(o),
            legal_basis_label(o.basis),
            o.amount_at_stake_eur or None,
            o.explanation,
        )
        for o in sorted(report.obligations, key=_obligation_order)
    ]
    return Sheet(sheet_name(_("Obligations")), columns, rows)


# -- the training plan ----------------------------------------------------------------------

_CHOICES = ("priority", "funding", "validation", "working_hours")
Words = dict[str, dict[str, str]]
"""Column id -> choice id -> its label."""


def _choice_words(
    company: Company, request: TrainingRequest, cache: dict[tuple[str, bool], Words]
) -> Words:
    """Column id -> choice id -> its label in the current language, for the request's
    template (read once per template)."""
    template = template_for(company, request.employee, request.interview)
    key = (template.key, template.built_in)
    if key not in cache:
        field = template.with_role(Role.TRAINING_REQUESTS)
        cache[key] = {
            column.id: {c.id: _(c.label) for c in column.choices}
            for column in (field.columns if field is not None else ())
            if column.id in _CHOICES
        }
    return cache[key]


def _figure(request: TrainingRequest, column: str) -> float | None:
    """A number the request gives; nothing when it was left empty."""
    if not request.values.get(column, "").strip():
        return None
    value = request.number(column)
    return int(value) if value.is_integer() else value


def _choice(request: TrainingRequest, words: Words, column: str) -> str | None:
    """The request's answer in ``column`` as its template words it; nothing when empty."""
    value = request.values.get(column, "")
    return words.get(column, {}).get(value, value) or None


def training_requests_sheet(company: Company) -> Sheet:
    """Every training request of every interview, as the training plan page lists them."""
    columns = (
        Column(_("Number"), width=10),
        Column(_("Employee"), width=24),
        Column(_("Course"), width=34),
        Column(_("Status"), width=12),
        Column(_("Priority"), width=12),
        Column(_("Hours"), Kind.NUMBER, 8),
        Column(_("Cost"), Kind.MONEY, 12),
        Column(_("Start"), Kind.DATE, 12),
        Column(_("End"), Kind.DATE, 12),
        Column(_("Funding"), width=28),
        Column(_("Validation sought"), width=22),
        Column(_("When"), width=18),
        Column(_("Provider"), width=22),
        Column(_("Interview"), Kind.DATE, 12),
    )
    cache: dict[tuple[str, bool], Words] = {}
    rows: list[tuple[Value, ...]] = []
    for request in training_requests(company):
        words = _choice_words(company, request, cache)
        choice = partial(_choice, request, words)
        rows.append(
            (
                request.employee.ref,
                request.employee.full_name,
                request.course,
                request_status_label(request.status),
                choice("priority"),
                _figure(request, "hours"),
                _figure(request, "cost"),
                request.day("start"),
                request.day("end"),
                choice("funding"),
                choice("validation"),
                choice("working_hours"),
                request.values.get("provider") or None,
                request.interview.date,
            )
        )
    # The skills map's requests (issue 21), as the page lists them: no figures, no form.
    for asked in skill_training_requests(company):
        who, status = (
            (asked.employee.ref, asked.employee.full_name),
            request_status_label(asked.status),
        )
        rows.append((*who, asked.course, status, *(None,) * 10))
    return Sheet(sheet_name(_("Training requests")), columns, rows, company.currency)


def trainings_followed_sheet(company: Company) -> Sheet:
    """Every training recorded in the employees' histories, newest first."""
    columns = (
        Column(_("Number"), width=10),
        Column(_("Employee"), width=24),
        Column(_("Training"), width=34),
        Column(_("Start"), Kind.DATE, 12),
        Column(_("End"), Kind.DATE, 12),
        Column(_("Hours"), Kind.NUMBER, 8),
        Column(_("Mandatory"), width=12),
        Column(_("Certification"), width=14),
    )
    followed = [(e, t) for e in company.employees for t in e.trainings]
    followed.sort(key=lambda pair: (pair[1].start, pair[0].ref), reverse=True)
    yes, no = _("Yes"), _("No")
    rows: list[tuple[Value, ...]] = [
        (
            e.ref,
            e.full_name,
            t.title,
            t.start,
            t.end,
            int(t.hours) if float(t.hours).is_integer() else t.hours,
            yes if t.mandatory else no,
            yes if t.certification else no,
        )
        for e, t in followed
    ]
    return Sheet(sheet_name(_("Trainings followed")), columns, rows)


# -- the workbook ---------------------------------------------------------------------------

SHEETS: dict[Export, tuple[Callable[[ObligationsReport], Sheet], ...]] = {
    Export.REGISTER: (register_sheet,),
    Export.OBLIGATIONS: (obligations_sheet,),
    Export.TRAINING: (
        lambda report: training_requests_sheet(report.company),
        lambda report: trainings_followed_sheet(report.company),
    ),
}
SHEETS[Export.ALL] = tuple(build for what in list(SHEETS) for build in SHEETS[what])


def sheets(report: ObligationsReport, what: Export) -> list[Sheet]:
    """The sheets of the workbook ``what``, in the current language; their names unique."""
    built: list[Sheet] = []
    for build in SHEETS[what]:
        sheet = build(report)
        name = sheet_name(sheet.name, (s.name for s in built))
        built.append(Sheet(name, sheet.columns, sheet.rows, sheet.currency))
    return built


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(sheet.name)
    worksheet.freeze_panes = "A2"
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
    for number, column in enumerate(sheet.columns, 1):
        width = max(column.width, min(len(column.title) + 4, 40))
        worksheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, value=column.title)
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    formats = {
        Kind.DATE: date_format(),
        Kind.NUMBER: NUMBER_FORMAT,
        Kind.MONEY: money_format(sheet.currency),
        Kind.EUROS: money_format("EUR", cents=False),
    }
    # One styled cell per typed column, given each row's value: openpyxl writes a row as
    # it is appended, and a style set once is not looked up again for every cell.
    typed: list[Any] = []
    for column in sheet.columns:
        if column.kind is Kind.TEXT:
            typed.append(None)
            continue
        cell = WriteOnlyCell(worksheet)
        cell.number_format = formats[column.kind]
        typed.append(cell)
    for values in sheet.rows:
        out: list[object] = []
        for cell, value in zip(typed, values, strict=True):
            if cell is None or value is None:
                out.append(value if value != "" else None)
            else:
                cell.value = value
                out.append(cell)
        worksheet.append(out)


def workbook_bytes(built: Sequence[Sheet]) -> bytes:
    """The ``.xlsx`` file of ``built``, one sheet each, in order."""
    workbook = Workbook(write_only=True)
    for sheet in built:
        _write_sheet(workbook, sheet)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    rows: dict[str, int]
    """Sheet name -> its rows (the header aside)."""


def export_xlsx(
    report: ObligationsReport, what: Export, path: Path, language: str | None = None
) -> Written:
    """Write the workbook ``what`` of ``report`` to ``path`` in ``language`` (default: the
    current one), atomically: a failure leaves the file that was there, or none."""
    with language_context(language or current_language()):
        built = sheets(report, what)
        data = workbook_bytes(built)
    write_file_atomically(Path(path), data)
    return Written(Path(path), {s.name: len(s.rows) for s in built})
