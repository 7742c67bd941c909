"""The skills matrix as an Excel workbook (``.xlsx``), from the same matrix the PDF prints
(services/skills_grid.py), its words in the chosen language:

- "Skills matrix": one row per employee, one column per skill; a row of the families above
  the row of the skills' names (turned upright), both frozen with the names' columns; each
  cell the level held as a number on the level's colour (empty: nothing recorded); below
  the job's level in bold red, a lapsed certification struck through, one lapsing within
  the due-soon horizon underlined;
- "Legend": the levels with their colour and words, and the marks;
- "Catalogue": id, name, family, validity in months of the catalogue's skills;
- "Jobs' needs": each job's needed skills and level; "Staffing needs" when the company
  has some;
- "Level history": every entry of the history of the employees on the matrix (employee,
  skill, level, date, source, reference, note), newest first for each employee.

Built in openpyxl's write-only mode (rows streamed) and written atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from entretien_desktop.domain import Company
from entretien_desktop.domain.skills import LEVELS
from entretien_desktop.i18n import _, current_language, language_context, ngettext, prose_date
from entretien_desktop.services.company_file import write_file_atomically
from entretien_desktop.services.skill_words import level_label, source_label
from entretien_desktop.services.skills_grid import (
    LEVEL_FILLS,
    LEVEL_INK,
    MatrixCell,
    MatrixFilter,
    SkillsGrid,
    family_name,
    skills_grid,
)
from entretien_desktop.services.xlsx_export import (
    Column,
    Kind,
    Sheet,
    Value,
    _write_sheet,
    sheet_name,
)

UNDER_INK = "B00020"
FAMILY_FILL = "E8EEF4"
NAME_COLUMNS = 5
"""Number, employee, job title, site, department: frozen with the two header rows."""


@dataclass(frozen=True, slots=True)
class WrittenMatrix:
    path: Path
    rows: dict[str, int]
    """Sheet name -> its rows (the header rows aside)."""


class _Looks:
    """The styles of the matrix's cells, made once (openpyxl stores each once anyway)."""

    def __init__(self) -> None:
        self.fills = {
            level: PatternFill("solid", fgColor=colour) for level, colour in LEVEL_FILLS.items()
        }
        self.family_fill = PatternFill("solid", fgColor=FAMILY_FILL)
        self.centre = Alignment(horizontal="center", vertical="center")
        self.turned = Alignment(horizontal="center", vertical="bottom", text_rotation=90)
        thin = Side(style="thin", color="9AA5B1")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        red = Side(style="medium", color=UNDER_INK)
        self.under_border = Border(left=red, right=red, top=red, bottom=red)
        self.bold = Font(bold=True)
        self.fonts: dict[tuple[int, bool, bool, bool], Font] = {}
        self.styles: dict[tuple[int, bool, bool, bool], Any] = {}

    def style(self, worksheet: Any, cell: MatrixCell) -> Any:
        """The style of a cell that looks like ``cell``, made once per look and shared:
        setting a cell's fill, font, alignment and border looks each up in the workbook's
        lists by its hash, 4 seconds for 45,000 cells."""
        key = (cell.held, cell.under, cell.lapsed, cell.expiring)
        found = self.styles.get(key)
        if found is None:
            model = WriteOnlyCell(worksheet)
            model.fill = self.fills[cell.held]
            model.font = self.font(cell)
            model.alignment = self.centre
            model.border = self.under_border if cell.under else self.border
            found = self.styles[key] = model._style  # openpyxl's style array
        return found

    def font(self, cell: MatrixCell) -> Font:
        key = (cell.held, cell.under, cell.lapsed, cell.expiring)
        if key not in self.fonts:
            self.fonts[key] = Font(
                bold=cell.under or cell.held == 3,
                color=UNDER_INK if cell.under else LEVEL_INK[cell.held],
                strike=cell.lapsed,
                underline="single" if cell.expiring else None,
            )
        return self.fonts[key]


def _matrix_sheet(workbook: Workbook, grid: SkillsGrid, name: str) -> int:
    worksheet = workbook.create_sheet(name)
    looks = _Looks()
    skills = grid.skills
    worksheet.freeze_panes = f"{get_column_letter(NAME_COLUMNS + 1)}3"
    for number, width in enumerate((10, 26, 22, 16, 16), 1):
        worksheet.column_dimensions[get_column_letter(number)].width = width
    for number in range(len(skills)):
        worksheet.column_dimensions[get_column_letter(NAME_COLUMNS + 1 + number)].width = 5
    worksheet.row_dimensions[2].height = 150

    def styled(
        value: object,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = None,
    ) -> WriteOnlyCell:
        cell = WriteOnlyCell(worksheet, value=value)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        return cell

    heading = " · ".join(
        part
        for part in (
            _("Skills matrix on {date}").format(date=prose_date(grid.as_of)),
            grid.chosen.words(),
        )
        if part
    )
    families: list[object] = [styled(heading, looks.bold)]
    families += [None] * (NAME_COLUMNS - 1)
    previous = None
    for skill in skills:
        family = skill.family.strip()
        text = family_name(family) if family != previous else None
        families.append(styled(text, looks.bold, looks.family_fill))
        previous = family
    worksheet.append(families)
    titles = (_("Number"), _("Employee"), _("Job title"), _("Site"), _("Department"))
    header: list[object] = [styled(title, looks.bold) for title in titles]
    header += [styled(skill.name, looks.bold, None, looks.turned) for skill in skills]
    worksheet.append(header)
    for employee, cells in zip(grid.employees, grid.cells, strict=True):
        row: list[Any] = [
            employee.ref,
            employee.full_name,
            employee.job_title or None,
            employee.site or None,
            employee.department or None,
        ]
        for cell in cells:
            if cell.level is None and not cell.under:
                row.append(None)
                continue
            out = WriteOnlyCell(worksheet, value=cell.level)
            out._style = looks.style(worksheet, cell)  # see _Looks.style
            row.append(out)
        worksheet.append(row)
    return len(grid.employees)


def legend_sheet(grid: SkillsGrid) -> list[tuple[int | str, str]]:
    """The legend's lines: what each level and mark means (the level's colour is given
    to its line's first cell by ``_legend``)."""
    lines: list[tuple[int | str, str]] = [(int(level), level_label(level)) for level in LEVELS]
    lines.append(("", _("blank: nothing recorded")))
    lines.append((_("red frame"), _("below the level the job needs")))
    lines.append(
        (
            _("underlined"),
            ngettext(
                "certification lapsing within {days} day",
                "certification lapsing within {days} days",
                grid.horizon_days,
            ).format(days=grid.horizon_days),
        )
    )
    lines.append((_("struck through"), _("certification lapsed")))
    return lines


def _legend(workbook: Workbook, grid: SkillsGrid, name: str) -> None:
    worksheet = workbook.create_sheet(name)
    worksheet.column_dimensions["A"].width = 16
    worksheet.column_dimensions["B"].width = 50
    looks = _Looks()
    for index, (mark, words) in enumerate(legend_sheet(grid)):
        first = WriteOnlyCell(worksheet, value=None if mark == "" else mark)
        if index < len(LEVELS):
            first.fill = looks.fills[index]
            first.font = Font(bold=True, color=LEVEL_INK[index])
            first.alignment = looks.centre
        worksheet.append([first, words])


def catalogue_sheet(company: Company) -> Sheet:
    columns = (
        Column(_("Id"), width=14),
        Column(_("Skill"), width=36),
        Column(_("Family"), width=20),
        Column(_("Valid for (months)"), Kind.NUMBER, 12),
    )
    rows: list[tuple[Value, ...]] = [
        (s.id, s.name, s.family or None, s.expires_after_months) for s in company.skills
    ]
    return Sheet(sheet_name(_("Catalogue")), columns, rows)


def jobs_sheet(company: Company) -> Sheet:
    names = {s.id: s for s in company.skills}
    columns = (
        Column(_("Job"), width=24),
        Column(_("Id"), width=14),
        Column(_("Skill"), width=36),
        Column(_("Family"), width=20),
        Column(_("Level needed"), Kind.NUMBER, 10),
        Column(_("Level"), width=18),
    )
    rows: list[tuple[Value, ...]] = []
    for job in company.jobs:
        for need in job.needs:
            skill = names.get(need.skill)
            rows.append(
                (
                    job.title,
                    need.skill,
                    skill.name if skill is not None else None,
                    (skill.family or None) if skill is not None else None,
                    need.level,
                    level_label(need.level),
                )
            )
    return Sheet(sheet_name(_("Jobs' needs")), columns, rows)


def staffing_sheet(company: Company) -> Sheet:
    names = {s.id: s.name for s in company.skills}
    columns = (
        Column(_("Id"), width=14),
        Column(_("Skill"), width=36),
        Column(_("Level needed"), Kind.NUMBER, 10),
        Column(_("People needed"), Kind.NUMBER, 10),
        Column(_("Site"), width=16),
        Column(_("Department"), width=16),
    )
    rows: list[tuple[Value, ...]] = [
        (
            need.skill,
            names.get(need.skill),
            need.level,
            need.count,
            need.site or None,
            need.department or None,
        )
        for need in company.staffing
    ]
    return Sheet(sheet_name(_("Staffing needs")), columns, rows)


def history_sheet(company: Company, grid: SkillsGrid) -> Sheet:
    names = {s.id: s for s in company.skills}
    columns = (
        Column(_("Number"), width=10),
        Column(_("Employee"), width=24),
        Column(_("Id"), width=14),
        Column(_("Skill"), width=36),
        Column(_("Level"), Kind.NUMBER, 8),
        Column(_("Level reached"), width=18),
        Column(_("Date"), Kind.DATE, 12),
        Column(_("Source"), width=14),
        Column(_("Reference"), width=16),
        Column(_("Note"), width=30),
    )
    rows: list[tuple[Value, ...]] = []
    for employee in grid.employees:
        # Newest first; of two on one day, the one recorded later first (as the page's
        # history reads them).
        entries = [
            e
            for _i, e in sorted(
                enumerate(employee.skill_levels),
                key=lambda pair: (pair[1].date, pair[0]),
                reverse=True,
            )
        ]
        for entry in entries:
            skill = names.get(entry.skill)
            rows.append(
                (
                    employee.ref,
                    employee.full_name,
                    entry.skill,
                    skill.name if skill is not None else None,
                    entry.level,
                    level_label(entry.level),
                    entry.date,
                    source_label(entry.source),
                    entry.reference or None,
                    entry.note or None,
                )
            )
    return Sheet(sheet_name(_("Level history")), columns, rows)


def skills_matrix_workbook(
    company: Company, as_of: date, chosen: MatrixFilter | None = None
) -> tuple[bytes, dict[str, int]]:
    """The workbook's bytes, in the current language, and each sheet's rows."""
    grid = skills_grid(company, as_of, chosen)
    workbook = Workbook(write_only=True)
    matrix_name = sheet_name(_("Skills matrix"))
    counts = {matrix_name: _matrix_sheet(workbook, grid, matrix_name)}
    legend_name = sheet_name(_("Legend"), counts)
    _legend(workbook, grid, legend_name)
    tables = [catalogue_sheet(company), jobs_sheet(company), history_sheet(company, grid)]
    if company.staffing:
        tables.insert(2, staffing_sheet(company))
    taken = [matrix_name, legend_name]
    for table in tables:
        name = sheet_name(table.name, taken)
        taken.append(name)
        _write_sheet(workbook, Sheet(name, table.columns, table.rows))
        counts[name] = len(table.rows)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue(), counts


def export_skills_matrix_xlsx(
    company: Company,
    as_of: date,
    path: Path,
    chosen: MatrixFilter | None = None,
    language: str | None = None,
) -> WrittenMatrix:
    """Write the skills matrix's workbook to ``path`` in ``language`` (default: the
    current one), atomically: a failure leaves the file that was there, or none; nothing
    is written when the run was given up meanwhile (on the report pool)."""
    from entretien_desktop.services.reports.layout import check_stopped  # noqa: PLC0415

    with language_context(language or current_language()):
        data, counts = skills_matrix_workbook(company, as_of, chosen)
    check_stopped()
    write_file_atomically(Path(path), data)
    return WrittenMatrix(Path(path), counts)
