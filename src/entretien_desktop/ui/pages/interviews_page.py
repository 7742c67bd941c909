"""Every interview of every employee in one read-only table, to sort, filter by status and
search; and the table page it is built on, which the training plan shares.

A row is one record of one employee (an interview here, a training in the training plan).
The data come from the workspace's company, re-read each time the obligations feed
announces a new report, that is after every change. Double-clicking a row (or Enter) asks
for the employee's record.
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
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.i18n import _, format_date, format_number, ngettext
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.labels import interview_kind_label, interview_status_label
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


def interview_labels() -> tuple[dict[InterviewKind, str], dict[InterviewStatus, str]]:
    """The words people read for each kind and status of interview, in today's language."""
    kinds = {kind: interview_kind_label(kind) for kind in InterviewKind}
    statuses = {status: interview_status_label(status) for status in InterviewStatus}
    return kinds, statuses


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


class InterviewsModel(RecordsModel):
    """One row per interview: employee, kind, status, date, invitation date."""

    EMPLOYEE, KIND, STATUS, DATE, INVITED = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kinds, self._statuses = interview_labels()

    def set_company(self, company: Company | None) -> None:
        self._kinds, self._statuses = interview_labels()  # in the language of the moment
        super().set_company(company)

    def column_titles(self) -> list[str]:
        return [_("Employee"), _("Kind"), _("Status"), _("Date"), _("Invited on")]

    def records(self, employee: Employee) -> Sequence[object]:
        return employee.interviews

    def interview(self, row: int) -> Interview:
        record = self.row(row)[1]
        assert isinstance(record, Interview)
        return record

    def text(self, employee: Employee, record: object, column: int) -> str:
        assert isinstance(record, Interview)
        texts = {
            self.EMPLOYEE: employee.full_name,
            self.KIND: self._kinds[record.kind],
            self.STATUS: self._status_text(record),
            self.DATE: date_text(record.date),
            self.INVITED: date_text(record.invited_on),
        }
        return texts[column]

    def _status_text(self, record: Interview) -> str:
        """The status, and what the form adds to it: a draft, a signature."""
        text = self._statuses[record.status]
        if record.signed_on is not None:
            return _("{status} · signed on {date}").format(
                status=text, date=format_date(record.signed_on)
            )
        if record.answers and record.status in {InterviewStatus.PLANNED, InterviewStatus.INVITED}:
            return _("{status} · form in progress").format(status=text)
        return text

    def sort_key(self, employee: Employee, record: object, column: int) -> SortKey:
        assert isinstance(record, Interview)
        if column == self.DATE:
            return date_key(record.date)
        if column == self.INVITED:
            return date_key(record.invited_on)
        if column == self.STATUS:
            return list(InterviewStatus).index(record.status)
        return super().sort_key(employee, record, column)


class InterviewsPage(RecordsPage):
    """Every interview recorded, with a status filter and a search."""

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, feed, InterviewsModel(), InterviewsModel.EMPLOYEE, parent)
        self.setObjectName("interviews_page")
        self.status_combo = QComboBox()
        self.status_combo.addItem(_("All statuses"), "")
        for status, label in interview_labels()[1].items():
            self.status_combo.addItem(label, status.value)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        status_label = QLabel(_("Status:"))
        status_label.setBuddy(self.status_combo)
        self.filters.addWidget(status_label)
        self.filters.addWidget(self.status_combo)
        self.table.sortByColumn(InterviewsModel.DATE, Qt.SortOrder.DescendingOrder)
        # Imported here: the actions open the wizard, which only this page needs.
        from entretien_desktop.ui.pages.interview_actions import InterviewActions  # noqa: PLC0415

        self.interview_actions = InterviewActions(workspace, self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.interview_actions)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.proxy.modelReset.connect(self._current_changed)

    def selected(self) -> tuple[str, Interview] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        model = self.model
        assert isinstance(model, InterviewsModel)
        source = self.proxy.mapToSource(index).row()
        employee, _record = model.row(source)
        return employee.ref, model.interview(source)

    def select_interview(self, interview_id: str) -> bool:
        """Make the interview with ``interview_id`` the current row; False if not shown."""
        model = self.model
        assert isinstance(model, InterviewsModel)
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if model.interview(source).id == interview_id:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def reload(self, *_report: object) -> None:
        # The interview acted upon stays the current one when the records are read again.
        found = self.selected() if hasattr(self, "interview_actions") else None
        super().reload()
        if found is not None:
            self.select_interview(found[1].id)

    def _current_changed(self, *_args: object) -> None:
        found = self.selected()
        self.interview_actions.set_current(*(found if found is not None else (None, None)))

    def set_status(self, status: InterviewStatus | None) -> None:
        """Show only the interviews in ``status`` (every one with ``None``)."""
        self.status_combo.setCurrentIndex(
            self.status_combo.findData(status.value if status is not None else "")
        )

    def _status_changed(self) -> None:
        wanted = self.status_combo.currentData()
        model = self.model
        assert isinstance(model, InterviewsModel)
        if wanted:
            self.proxy.set_accepts(lambda row: model.interview(row).status.value == wanted)
        else:
            self.proxy.set_accepts(lambda _row: True)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return ngettext("{count} interview", "{count} interviews", total).format(
                count=format_number(total)
            )
        return ngettext(
            "{shown} of {count} interview", "{shown} of {count} interviews", total
        ).format(shown=format_number(shown), count=format_number(total))
