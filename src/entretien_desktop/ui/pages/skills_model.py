"""The skills matrix as a Qt table: one row per present employee, column 0 their name,
then one column per skill of the catalogue, grouped by family (the family in the
header's tooltip, and the columns of a family side by side).

Each cell shows the current level's digit (``current_levels``), coloured on one
blue scale from light to dark so that the colour and the digit say the same to every eye;
a lapsed certification shows its digit struck, greyed, "expired on …" in the tooltip; a
level under the one the employee's job needs carries ``NEED_ROLE`` (the page's delegate
marks the cell) and its tooltip says what the job needs.

Every value is computed once per company (``set_company``): ``data()`` only looks it up,
so that 300 employees by 150 skills draw and sort at once. The filter (site, department,
job, family, words of the name) and the sort (the model's own, ``sort``) work on those values.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from entretien_desktop.domain import Company, Employee, Skill, SkillLevel
from entretien_desktop.domain.skills import current_levels, expiry, needs_by_job, needs_of
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services.skill_words import level_label, level_text, source_label
from entretien_desktop.services.skills_grid import grouped
from entretien_desktop.ui.pages.employees_model import fold

REF_ROLE = Qt.ItemDataRole.UserRole + 2
"""The employee's number (every cell of a row)."""
SKILL_ROLE = Qt.ItemDataRole.UserRole + 3
"""The skill's code (a skill's cells and header)."""
NEED_ROLE = Qt.ItemDataRole.UserRole + 4
"""The level the employee's job needs, when the cell is under it (else ``None``)."""
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 5
"""The level held today (0 for a lapsed certification; ``None``: nothing recorded)."""
FAMILY_ROLE = Qt.ItemDataRole.UserRole + 6
"""A skill's family (its header)."""
CELL_ROLE = Qt.ItemDataRole.UserRole + 7
"""The whole ``Cell`` (the delegate draws from it in one call)."""

NAME_COLUMN = 0

AnyIndex = QModelIndex | QPersistentModelIndex

LEVEL_COLOURS: tuple[tuple[str, str], ...] = (
    ("#f1f4f8", "#1b2a4a"),
    ("#c6dbef", "#0b2545"),
    ("#6baed6", "#08203d"),
    ("#1f5f9e", "#ffffff"),
)
"""Background and text of levels 0 to 3: one hue, light to dark (readable whatever one's
colour vision, the digit always shown)."""
LAPSED_COLOURS = ("#e4e4e4", "#6b6b6b")
NEED_MARK = "#c62828"
"""The corner mark of a level under the job's need."""


class Cell(NamedTuple):
    """One employee's level in one skill, worked out once (a tuple: 45,000 are made for
    300 people by 150 skills)."""

    entry: SkillLevel | None
    level: int | None
    """Held today; 0 for a lapsed certification; ``None``: nothing recorded."""
    lapsed_on: date | None
    expires_on: date | None
    need: int | None
    """What the job needs, when the level held is under it."""

    @property
    def sort_key(self) -> int:
        return -1 if self.level is None else self.level


class Row:
    """One employee's row: who, where, and their cells, worked out when first drawn or
    sorted on (a page opens drawing the rows on screen only)."""

    __slots__ = (
        "cells",
        "department",
        "employee",
        "folded",
        "job",
        "name",
        "needs",
        "ref",
        "site",
        "sort_name",
    )

    def __init__(self, employee: Employee, needs: dict[str, int]) -> None:
        self.employee, self.needs = employee, needs
        self.ref = employee.ref
        self.name = employee.full_name
        self.folded = fold(f"{employee.full_name} {employee.ref}")
        self.sort_name = fold(f"{employee.last_name} {employee.first_name}".strip())
        self.site, self.department, self.job = (
            employee.site,
            employee.department,
            employee.job_title,
        )
        self.cells: tuple[Cell, ...] | None = None


def ordered_skills(skills: tuple[Skill, ...]) -> list[Skill]:
    """The catalogue in its families' order, as the printed matrix groups it
    (services/skills_grid.grouped)."""
    return [skill for family in grouped(skills) for skill in family.skills]


EMPTY = Cell(None, None, None, None, None)


def _cells(
    employee: Employee,
    skills: list[Skill],
    position: dict[str, int],
    needs: dict[str, int],
    today: date,
) -> tuple[Cell, ...]:
    """One employee's cells: only the skills they hold a level in, or their job needs,
    are worked out (the rest share ``EMPTY``)."""
    cells = [EMPTY] * len(skills)
    # Levels recorded up to today: one dated later is not held yet (as the outputs, the
    # risks and the interviews read it).
    held = current_levels(e for e in employee.skill_levels if e.date <= today)
    for skill_id, entry in held.items():
        column = position.get(skill_id)
        if column is None:
            continue
        skill = skills[column]
        lapses = None if skill.expires_after_months is None else expiry(skill, entry)
        lapsed = lapses if lapses is not None and lapses <= today else None
        level = 0 if lapsed else entry.level
        needed = needs.get(skill_id)
        under = needed if needed is not None and level < needed else None
        cells[column] = Cell(entry, level, lapsed, lapses if lapsed is None else None, under)
    for skill_id, needed in needs.items():
        column = position.get(skill_id)
        if column is not None and cells[column] is EMPTY and needed > 0:
            cells[column] = Cell(None, None, None, None, needed)
    return tuple(cells)


class SkillsMatrixModel(QAbstractTableModel):
    """Employees (rows) by skills (columns) of one company, as of one day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.skills: list[Skill] = []
        self.rows: list[Row] = []
        self._company: Company | None = None
        self._today: date | None = None
        self._row_of: dict[str, int] = {}
        self._column_of: dict[str, int] = {}
        self._made: dict[str, tuple[Employee, Row]] = {}
        """Each employee's row with the record it was made from: an employee the last
        change left as it was (the same object) keeps their row."""
        self._made_for: tuple[object, ...] = ()
        self._position: dict[str, int] = {}
        self._sort: tuple[str | None, Qt.SortOrder] = (None, Qt.SortOrder.AscendingOrder)
        """The skill sorted on (``None``: the names) and the order, kept across changes."""

    def set_company(self, company: Company | None, today: date) -> None:
        """Compute every cell of ``company`` as of ``today`` (nothing when it is the same
        company and day as last time). Same people and skills: the cells change in place
        (the selection stays); otherwise the model is reset."""
        if company is self._company and today == self._today:
            return
        self._company, self._today = company, today
        skills = ordered_skills(company.skills) if company is not None else []
        needs = needs_by_job(company.jobs if company is not None else ())
        employees = [
            e for e in (company.employees if company is not None else ()) if e.present_on(today)
        ]
        key = (
            today,
            company.skills if company is not None else (),
            company.jobs if company is not None else (),
        )
        if key != self._made_for:
            self._made, self._made_for = {}, key
        position = {s.id: i for i, s in enumerate(skills)}
        self._position = position
        rows = []
        made: dict[str, tuple[Employee, Row]] = {}
        for employee in employees:
            kept = self._made.get(employee.ref)
            if kept is not None and kept[0] is employee:
                row = kept[1]
            else:
                row = Row(employee, needs_of(needs, employee.job_title))
            made[employee.ref] = (employee, row)
            rows.append(row)
        self._made = made
        same_skills = [s.id for s in skills] == [s.id for s in self.skills]
        if same_skills and rows and skills and {r.ref for r in rows} == set(self._row_of):
            self.skills = skills
            self._relayout(self._sorted(rows, skills))
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(skills)))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, len(skills))
            return
        self.beginResetModel()
        self.skills, self.rows = skills, self._sorted(rows, skills)
        self._row_of = {r.ref: i for i, r in enumerate(self.rows)}
        self._column_of = {s.id: i + 1 for i, s in enumerate(skills)}
        self.endResetModel()

    # -- sorting (here rather than in the proxy: each key is computed once) ---------------
    def _sorted(self, rows: list[Row], skills: list[Skill]) -> list[Row]:
        skill, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        by_name = sorted(rows, key=lambda r: r.sort_name, reverse=descending and skill is None)
        column = next((i for i, s in enumerate(skills) if s.id == skill), None)
        if column is None:
            return by_name
        return sorted(
            by_name, key=lambda r: self.cells_of(r, skills)[column].sort_key, reverse=descending
        )

    def cells_of(self, row: Row, skills: list[Skill] | None = None) -> tuple[Cell, ...]:
        """``row``'s cells, worked out the first time they are asked for."""
        if row.cells is None:
            assert self._today is not None
            chosen = self.skills if skills is None else skills
            row.cells = _cells(row.employee, chosen, self._position, row.needs, self._today)
        return row.cells

    def _relayout(self, rows: list[Row]) -> None:
        """Put ``rows`` (the same people) in place, the persistent indexes following."""
        if [r.ref for r in rows] == [r.ref for r in self.rows]:
            self.rows = rows
            return
        self.layoutAboutToBeChanged.emit()
        moved = {r.ref: i for i, r in enumerate(rows)}
        old = self.persistentIndexList()
        new = [
            self.index(moved[self.rows[i.row()].ref], i.column()) if i.isValid() else i for i in old
        ]
        self.rows = rows
        self._row_of = moved
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        skill = self.skill_at(column)
        self._sort = (None if skill is None else skill.id, order)
        self._relayout(self._sorted(self.rows, self.skills))

    # -- lookups ------------------------------------------------------------------------
    def row_of(self, ref: str) -> int | None:
        return self._row_of.get(ref)

    def column_of(self, skill: str) -> int | None:
        return self._column_of.get(skill)

    def skill_at(self, column: int) -> Skill | None:
        return self.skills[column - 1] if 1 <= column <= len(self.skills) else None

    def cell(self, row: int, column: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 1 <= column <= len(self.skills):
            return self.cells_of(self.rows[row])[column - 1]
        return None

    # -- the model ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.skills) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            return None
        if section == NAME_COLUMN:
            return _("Employee") if role == Qt.ItemDataRole.DisplayRole else None
        skill = self.skill_at(section)
        if skill is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _header_tooltip(skill)
        values = {
            Qt.ItemDataRole.DisplayRole: skill.name,
            SKILL_ROLE: skill.id,
            FAMILY_ROLE: skill.family.strip(),
        }
        return values.get(role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == REF_ROLE:
            return row.ref
        if index.column() == NAME_COLUMN:
            return _name_data(row, role)
        skill = self.skills[index.column() - 1]
        cell = self.cells_of(row)[index.column() - 1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, skill, cell)
        return _cell_data(cell, skill, role)

    @staticmethod
    def _tooltip(row: Row, skill: Skill, cell: Cell) -> str:
        lines = [f"{row.name} — {skill.name}"]
        entry = cell.entry
        if entry is None:
            lines.append(_("Nothing recorded"))
        else:
            lines.append(level_text(entry.level))
            lines.append(
                _("{source}, {date}").format(
                    source=source_label(entry.source), date=format_date(entry.date)
                )
            )
            if cell.lapsed_on is not None:
                lines.append(_("Expired on {date}").format(date=format_date(cell.lapsed_on)))
            elif cell.expires_on is not None:
                lines.append(_("Valid until {date}").format(date=format_date(cell.expires_on)))
            if entry.note:
                lines.append(entry.note)
        if cell.need is not None:
            lines.append(_("Job needs: {level}").format(level=level_label(cell.need).lower()))
        return "\n".join(lines)


def _header_tooltip(skill: Skill) -> str:
    lines = [skill.name]
    if skill.family:
        lines.append(_("Family: {family}").format(family=skill.family))
    if skill.expires_after_months is not None:
        lines.append(_("Valid for {months} months").format(months=skill.expires_after_months))
    return "\n".join(lines)


def _name_data(row: Row, role: int) -> object:
    if role == Qt.ItemDataRole.DisplayRole:
        return row.name
    if role == Qt.ItemDataRole.ToolTipRole:
        return " · ".join(x for x in (row.name, row.job, row.department, row.site) if x)
    return None


def _colour(cell: Cell, which: int) -> QColor | None:
    if cell.entry is None:
        return None
    colours = LAPSED_COLOURS if cell.lapsed_on else LEVEL_COLOURS[cell.entry.level]
    return QColor(colours[which])


def _struck(cell: Cell) -> QFont | None:
    if cell.lapsed_on is None:
        return None
    font = QFont()
    font.setStrikeOut(True)
    return font


_CELL_ROLES = {
    Qt.ItemDataRole.DisplayRole: lambda cell: "" if cell.entry is None else str(cell.entry.level),
    LEVEL_ROLE: lambda cell: cell.level,
    CELL_ROLE: lambda cell: cell,
    NEED_ROLE: lambda cell: cell.need,
    Qt.ItemDataRole.TextAlignmentRole: lambda _cell: int(Qt.AlignmentFlag.AlignCenter),
    Qt.ItemDataRole.BackgroundRole: lambda cell: _colour(cell, 0),
    Qt.ItemDataRole.ForegroundRole: lambda cell: _colour(cell, 1),
    Qt.ItemDataRole.FontRole: _struck,
}


def _cell_data(cell: Cell, skill: Skill, role: int) -> object:
    if role == SKILL_ROLE:
        return skill.id
    value = _CELL_ROLES.get(role)
    return None if value is None else value(cell)


class SkillsFilter(QSortFilterProxyModel):
    """The matrix narrowed to a site, a department, a job, a family and words of the name
    (each ``None`` or empty: any); sorting is the source model's (``sort`` passes it on)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.site: str | None = None
        self.department: str | None = None
        self.job: str | None = None
        self.family: str | None = None
        self.words: list[str] = []
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source on the column shown at ``column`` (the proxy keeps its order)."""
        skill = self.headerData(column, Qt.Orientation.Horizontal, SKILL_ROLE)
        source = self.matrix()
        found = source.column_of(str(skill)) if skill is not None else None
        source.sort(NAME_COLUMN if found is None else found, order)

    def matrix(self) -> SkillsMatrixModel:
        source = self.sourceModel()
        assert isinstance(source, SkillsMatrixModel)
        return source

    def set_filters(
        self,
        *,
        site: str | None = None,
        department: str | None = None,
        job: str | None = None,
        family: str | None = None,
        text: str = "",
    ) -> None:
        words = fold(text).split()
        columns = family != self.family
        rows = (site, department, job, words) != (self.site, self.department, self.job, self.words)
        if not (columns or rows):
            return
        self.beginFilterChange()
        self.site, self.department, self.job = site, department, job
        self.family, self.words = family, words
        direction = QSortFilterProxyModel.Direction
        if columns and rows:
            self.endFilterChange(direction.Both)
        else:
            self.endFilterChange(direction.Columns if columns else direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if source_parent.isValid():
            return False
        row = self.matrix().rows[source_row]
        if self.site is not None and row.site != self.site:
            return False
        if self.department is not None and row.department != self.department:
            return False
        if self.job is not None and row.job != self.job:
            return False
        return all(word in row.folded for word in self.words)

    def filterAcceptsColumn(self, source_column: int, source_parent: AnyIndex) -> bool:
        if source_parent.isValid():
            return False
        if self.family is None or source_column == NAME_COLUMN:
            return True
        skill = self.matrix().skill_at(source_column)
        return skill is not None and skill.family.strip() == self.family
