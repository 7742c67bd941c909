"""The training plan: the training requests of every interview, to approve, refuse and mark
done, and every training followed, in two tabs.

What was asked for and decided is the plan ahead (``training_requests.py``); what was
followed, whether it was mandatory and whether it led to a certification is what a summary
review looks back on (domain.md): marking a request done moves it from the first tab to the
second. Both tables are read again after every change while the page is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QTabWidget, QVBoxLayout, QWidget

from entretien_desktop.domain import Employee, Training
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.services.xlsx_export import Export
from entretien_desktop.ui.excel_export import ExcelExportButton
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.training_requests import RequestsView
from entretien_desktop.ui.widgets.records import (
    RecordsFilter,
    RecordsModel,
    RecordsPage,
    SortKey,
    date_key,
    date_text,
)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class TrainingModel(RecordsModel):
    """One row per training: employee, title, start, end, hours, mandatory, certification."""

    EMPLOYEE, TITLE, START, END, HOURS, MANDATORY, CERTIFICATION = range(7)
    numeric_columns = frozenset({HOURS})

    def column_titles(self) -> list[str]:
        return [
            _("Employee"),
            _("Training"),
            _("Start"),
            _("End"),
            _("Hours"),
            _("Mandatory"),
            _("Certification"),
        ]

    def records(self, employee: Employee) -> Sequence[object]:
        return employee.trainings

    def training(self, row: int) -> Training:
        record = self.row(row)[1]
        assert isinstance(record, Training)
        return record

    def text(self, employee: Employee, record: object, column: int) -> str:
        assert isinstance(record, Training)
        texts = {
            self.EMPLOYEE: lambda: employee.full_name,
            self.TITLE: lambda: record.title,
            self.START: lambda: date_text(record.start),
            self.END: lambda: date_text(record.end),
            self.HOURS: lambda: format_number(record.hours),
            self.MANDATORY: lambda: yes_no(record.mandatory),
            self.CERTIFICATION: lambda: yes_no(record.certification),
        }
        return texts[column]()

    def sort_key(self, employee: Employee, record: object, column: int) -> SortKey:
        assert isinstance(record, Training)
        if column == self.START:
            return date_key(record.start)
        if column == self.END:
            return date_key(record.end)
        if column == self.HOURS:
            return float(record.hours)
        if column == self.MANDATORY:
            return int(record.mandatory)
        if column == self.CERTIFICATION:
            return int(record.certification)
        return super().sort_key(employee, record, column)


class TrainingsFollowed(RecordsPage):
    """Every training recorded, newest first, with a search and the hours shown."""

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, feed, TrainingModel(), TrainingModel.TITLE, parent)
        self.setObjectName("trainings_followed")
        self.search_edit.setPlaceholderText(_("Search by name, number or training…"))
        self.table.sortByColumn(TrainingModel.START, Qt.SortOrder.DescendingOrder)

    def count_text(self, shown: int, total: int) -> str:
        model = self.model
        assert isinstance(model, TrainingModel)
        hours = sum(
            model.training(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).hours
            for row in range(shown)
        )
        if shown == total:
            trainings = ngettext("{count} training", "{count} trainings", total).format(
                count=format_number(total)
            )
        else:
            trainings = ngettext(
                "{shown} of {count} training", "{shown} of {count} trainings", total
            ).format(shown=format_number(shown), count=format_number(total))
        return ngettext(
            "{trainings}, {hours} hour in all", "{trainings}, {hours} hours in all", ceil(hours)
        ).format(trainings=trainings, hours=format_number(hours))


class TrainingPlanPage(QWidget):
    """The training requests (first tab) and the trainings followed (second tab).

    ``model``, ``proxy``, ``table``, ``search_edit`` and ``count_label`` are those of the
    trainings followed, as on the other pages that list records."""

    employee_activated = Signal(str)
    """The employee number of the row double-clicked (or entered), in either tab."""

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("training_page")
        self.requests = RequestsView(workspace, feed)
        self.followed = TrainingsFollowed(workspace, feed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.requests, _("Requests"))
        self.tabs.addTab(self.followed, _("Trainings followed"))
        # Both tabs in one workbook, beside the tabs: it is not about one of them.
        self.excel_button = ExcelExportButton(feed, Export.TRAINING)
        self.tabs.setCornerWidget(self.excel_button, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self.parts: tuple[RecordsPage, ...] = (self.requests, self.followed)
        for part in self.parts:
            part.employee_activated.connect(self.employee_activated)
        # After the parts' own handlers: they read again only while their tab is shown.
        feed.report_ready.connect(self._report_arrived)
        self._stale = True

    @property
    def model(self) -> RecordsModel:
        return self.followed.model

    @property
    def proxy(self) -> RecordsFilter:
        return self.followed.proxy

    @property
    def table(self) -> QTableView:
        return self.followed.table

    @property
    def search_edit(self) -> QLineEdit:
        return self.followed.search_edit

    @property
    def count_label(self) -> QLabel:
        return self.followed.count_label

    def _report_arrived(self, *_report: object) -> None:
        # The tab not shown is read again too: marking a request done changes both, and
        # the tab shown has just read itself again.
        self._stale = True
        if self.isVisible():
            self._read_hidden_tabs()

    def showEvent(self, event: QShowEvent) -> None:
        # The tab shown has read itself again already (children are shown first).
        if self._stale:
            self._read_hidden_tabs()
        super().showEvent(event)

    def _read_hidden_tabs(self) -> None:
        self._stale = False
        for part in self.parts:
            if not part.isVisible():
                part.reload()
