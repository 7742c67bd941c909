"""The table page every list of records is built on (interviews, training requests,
trainings followed, a campaign's board): a read-only model of one record per row, its
sort-and-search proxy, and the page with its search box, count and column fitting.

A row is one record of one employee. The data come from the workspace's company, re-read
each time the obligations feed announces a new report, that is after every change.
Double-clicking a row (or Enter) asks for the employee's record.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Employee
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.widgets.column_fit import ColumnFitter

AnyIndex = QModelIndex | QPersistentModelIndex
EMPLOYEE_REF_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
SortKey = str | int | float


def folded(text: str) -> str:
    """``Émilie`` -> ``emilie``: searches ignore case and accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def date_text(value: date | None) -> str:
    return format_date(value) if value is not None else ""


def date_key(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


class RecordsModel(QAbstractTableModel):
    """Rows of (employee, record) for a read-only table; subclasses say which records, and
    how each column reads and sorts."""

    headers: Sequence[str] = ()
    numeric_columns: frozenset[int] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Employee, object]] = []
        self._search: list[str] = []
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._permutation: list[int] = []

    def records(self, employee: Employee) -> Sequence[object]:
        raise NotImplementedError

    def text(self, employee: Employee, record: object, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, employee: Employee, record: object, column: int) -> SortKey:
        return folded(self.text(employee, record, column))

    def column_titles(self) -> list[str]:
        raise NotImplementedError

    def set_company(self, company: Company | None) -> None:
        self.beginResetModel()
        employees = company.employees if company is not None else ()
        self._rows = [(e, record) for e in employees for record in self.records(e)]
        self._order(*self._sorted_by)
        columns = range(self.columnCount())
        self._search = [
            folded(" ".join([e.ref, *(self.text(e, record, c) for c in columns)]))
            for e, record in self._rows
        ]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, each key computed once: a proxy's sort would ask ``data`` twice per
        comparison, which takes seconds over tens of thousands of rows."""
        self.beginResetModel()
        self._order(column, order)
        self._search = [self._search[i] for i in self._permutation] if self._search else []
        self.endResetModel()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        self._sorted_by = (column, order)
        if column < 0:
            self._permutation = list(range(len(self._rows)))
            return
        keys = [self.sort_key(e, record, column) for e, record in self._rows]
        self._permutation = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order is Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in self._permutation]

    def row(self, row: int) -> tuple[Employee, object]:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.column_titles())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        employee, record = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(employee, record, column)
            # The tooltip: the whole text of a cell that may be elided (none for an empty one).
            return text if text or role == Qt.ItemDataRole.DisplayRole else None
        if role == SORT_ROLE:
            return self.sort_key(employee, record, column)
        if role == EMPLOYEE_REF_ROLE:
            return employee.ref
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric_columns:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecordsFilter(QSortFilterProxyModel):
    """Keeps the rows whose text holds every word searched and that pass ``accepts``."""

    def __init__(self, source: RecordsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._words: list[str] = []
        self._accepts: Callable[[int], bool] = lambda _row: True
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = folded(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_accepts(self, accepts: Callable[[int], bool]) -> None:
        self.beginFilterChange()
        self._accepts = accepts
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source model sorts; the proxy keeps its order and only filters.
        self._source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if source_parent.isValid():
            return False
        haystack = self._source.search_text(source_row)
        return all(w in haystack for w in self._words) and self._accepts(source_row)


_FLOOR_CHARACTERS = 12  # narrower columns (statuses, hours, amounts) are never cut
_MAIN_FLOOR_CHARACTERS = 22


class RecordsPage(QWidget):
    """A searchable, sortable, read-only table of records, refreshed after every change."""

    employee_activated = Signal(str)
    """The employee number of the row double-clicked (or entered)."""
    main_column: int | None = None
    """The column that keeps the most width when the window is narrow."""

    def __init__(
        self,
        workspace: Workspace,
        feed: ObligationsFeed,
        model: RecordsModel,
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._fitted = False
        self.model = model
        model.setParent(self)
        self.proxy = RecordsFilter(model, self)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search by name, number or kind…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activate)
        # In a narrow window every column but the first (whose row it is) gives up width;
        # the page's main column keeps more of it.
        floors = dict.fromkeys(range(1, model.columnCount()), _FLOOR_CHARACTERS)
        if self.main_column is not None:
            floors[self.main_column] = _MAIN_FLOOR_CHARACTERS
        self.column_fitter = ColumnFitter(self.table, floors)

        self.filters = QHBoxLayout()
        self.filters.setSpacing(8)
        self.filters.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        for signal in (model.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._count_changed)
        self.proxy.layoutChanged.connect(self._count_changed)
        self._stale = True
        feed.report_ready.connect(self._report_arrived)

    def _report_arrived(self, *_report: object) -> None:
        # Tens of thousands of records: read them again only when the page is seen.
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self, *_report: object) -> None:
        """Read every record again from the workspace's company."""
        self._stale = False
        self.model.set_company(self._workspace.company)
        self._count_changed()
        if not self._fitted and self.model.rowCount():
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Columns as wide as their contents, once; the column fitter narrows them (cells
        elided, whole in their tooltips) only while the table has no room for them all, and
        keeps the user's widths once they size one."""
        self._fitted = True
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, width + 4)
        self.column_fitter.remember_natural_widths()

    def count_text(self, shown: int, total: int) -> str:
        raise NotImplementedError

    def _count_changed(self, *_args: object) -> None:
        self.count_label.setText(self.count_text(self.proxy.rowCount(), self.model.rowCount()))

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.employee_activated.emit(str(index.data(EMPLOYEE_REF_ROLE)))
