"""The employee register as a Qt table: one row per employee with their most urgent open
obligation, and the filter that the register's search box and combos drive.

Every column has a sort key under ``SORT_ROLE`` (dates as day numbers, statuses by urgency
then deadline), so that sorting never compares the text shown.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import Enum, IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from entretien_desktop.domain import Contract
from entretien_desktop.i18n import _, format_date
from entretien_desktop.rules import Status
from entretien_desktop.services.dashboard import RegisterRow, register_rows
from entretien_desktop.services.labels import obligation_name, obligation_status_label
from entretien_desktop.services.obligations import ObligationsReport
from entretien_desktop.ui.labels import contract_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex

_STATUS_COLOURS = {
    Status.OVERDUE: (QColor("#f8d7da"), QColor("#842029")),
    Status.DUE_SOON: (QColor("#fff0c2"), QColor("#6b4a00")),
}


def status_colours(status: Status) -> tuple[QColor, QColor] | None:
    """Background and text colours that flag ``status``; ``None``: the palette's own."""
    return _STATUS_COLOURS.get(status)


class Column(IntEnum):
    """The register's columns; the next obligation comes right after the name, where a
    narrow window still shows it."""

    NUMBER = 0
    NAME = 1
    STATUS = 2
    JOB = 3
    DEPARTMENT = 4
    SITE = 5
    CONTRACT = 6
    HIRED = 7


def _titles() -> dict[Column, str]:
    return {
        Column.NUMBER: _("Number"),
        Column.NAME: _("Name"),
        Column.STATUS: _("Next obligation"),
        Column.JOB: _("Job title"),
        Column.DEPARTMENT: _("Department"),
        Column.SITE: _("Site"),
        Column.CONTRACT: _("Contract"),
        Column.HIRED: _("Hired"),
    }


def fold(text: str) -> str:
    """``text`` without case nor accents, so that ``emilie`` finds ``Émilie``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def status_text(row: RegisterRow) -> str:
    exit_date = row.employee.exit_date
    if not row.present and exit_date is not None:
        return _("Left on {date}").format(date=format_date(exit_date))
    obligation = row.most_urgent
    if obligation is None:
        return _("Nothing due")
    # The deadline before the kind: in a narrowed column, the date is what must show.
    return _("{status} · {deadline} · {kind}").format(
        status=obligation_status_label(obligation.status),
        kind=obligation_name(obligation),
        deadline=format_date(obligation.deadline),
    )


def _status_key(row: RegisterRow) -> int:
    """Overdue, due soon, upcoming (each by deadline), nothing due, then people who left."""
    obligation = row.most_urgent
    if not row.present:
        rank, day = 4, row.employee.exit_date or date.min
    elif obligation is None:
        rank, day = 3, date.min
    else:
        rank = [Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING].index(obligation.status)
        day = obligation.deadline
    return rank * 10_000_000 + day.toordinal()


class EmployeesModel(QAbstractTableModel):
    """The register's rows, replaced as a whole from each obligations report."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RegisterRow] = []
        self._haystacks: list[str] = []

    def set_report(self, report: ObligationsReport) -> None:
        self.beginResetModel()
        self._rows = register_rows(report)
        self._haystacks = [
            fold(" ".join((r.employee.ref, r.employee.full_name, r.employee.job_title)))
            for r in self._rows
        ]
        self.endResetModel()

    def row_at(self, row: int) -> RegisterRow:
        return self._rows[row]

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def row_of(self, ref: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.employee.ref == ref:
                return number
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return _titles()[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == REF_ROLE:
            return row.employee.ref
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if column is Column.STATUS:
            return self._status_data(row, role)
        # The whole text of a cell that may be elided.
        return self._text(row, column) or None if role == Qt.ItemDataRole.ToolTipRole else None

    @staticmethod
    def _text(row: RegisterRow, column: Column) -> str:
        employee = row.employee
        texts = {
            Column.NUMBER: employee.ref,
            Column.NAME: employee.full_name,
            Column.JOB: employee.job_title,
            Column.DEPARTMENT: employee.department,
            Column.SITE: employee.site,
        }
        if column in texts:
            return texts[column]
        if column is Column.CONTRACT:
            return contract_label(employee.contract)
        if column is Column.HIRED:
            return format_date(employee.hire_date)
        return status_text(row)

    def _sort_key(self, row: RegisterRow, column: Column) -> object:
        employee = row.employee
        if column is Column.NAME:
            return fold(f"{employee.last_name}\t{employee.first_name}")
        if column is Column.HIRED:
            return employee.hire_date.toordinal()
        if column is Column.STATUS:
            return _status_key(row)
        return self._text(row, column)

    @staticmethod
    def _status_data(row: RegisterRow, role: int) -> object:
        obligation = row.most_urgent
        if obligation is None or not row.present:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return obligation.explanation
        colours = status_colours(obligation.status)
        if colours is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return colours[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours[1]
        return None


class Presence(Enum):
    PRESENT = "present"
    LEFT = "left"
    ALL = "all"


NO_OBLIGATION = "none"
"""The status filter's value for employees with nothing open."""


class EmployeesFilter(QSortFilterProxyModel):
    """Rows matching the search text and every chosen criterion (``None``: any)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
        self._words: list[str] = []
        self._site: str | None = None
        self._department: str | None = None
        self._contract: Contract | None = None
        self._status: Status | str | None = None
        self._presence = Presence.PRESENT

    def _change(self, name: str, value: object) -> None:
        if getattr(self, name) == value:
            return
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self._change("_words", fold(text).split())

    def set_site(self, site: str | None) -> None:
        self._change("_site", site)

    def set_department(self, department: str | None) -> None:
        self._change("_department", department)

    def set_contract(self, contract: Contract | None) -> None:
        self._change("_contract", contract)

    def set_status(self, status: Status | str | None) -> None:
        """An open ``Status``, ``NO_OBLIGATION``, or ``None`` for any."""
        self._change("_status", status)

    def set_presence(self, presence: Presence) -> None:
        self._change("_presence", presence)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, EmployeesModel):
            return False
        row = model.row_at(source_row)
        employee = row.employee
        # People who left show no obligation: filter them as they are shown.
        urgent = row.most_urgent if row.present else None
        status = urgent.status if urgent is not None else NO_OBLIGATION
        haystack = model.haystack(source_row)
        return (
            self._presence is Presence.ALL or row.present == (self._presence is Presence.PRESENT)
        ) and all(
            (
                self._site in (None, employee.site),
                self._department in (None, employee.department),
                self._contract in (None, employee.contract),
                self._status in (None, status),
                all(word in haystack for word in self._words),
            )
        )
