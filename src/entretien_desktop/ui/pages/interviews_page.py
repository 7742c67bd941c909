"""Every interview of every employee in one read-only table, to sort, filter by status and
search (a page of records: ui/widgets/records.py), with the buttons that act on the one
chosen (interview_actions.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.i18n import _, format_date, format_number, ngettext
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.labels import interview_kind_label, interview_status_label
from entretien_desktop.ui.widgets.records import (
    RecordsModel,
    RecordsPage,
    SortKey,
    date_key,
    date_text,
)


def interview_labels() -> tuple[dict[InterviewKind, str], dict[InterviewStatus, str]]:
    """The words people read for each kind and status of interview, in today's language."""
    kinds = {kind: interview_kind_label(kind) for kind in InterviewKind}
    statuses = {status: interview_status_label(status) for status in InterviewStatus}
    return kinds, statuses


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
