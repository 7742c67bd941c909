"""The training plan: every training recorded for every employee in one read-only table, to
sort and search, with the hours it adds up to.

What was followed, whether it was mandatory and whether it led to a certification is what a
summary review looks back on (domain.md): this page lets the owner see it across the
company. Built on the records table of the interviews page; refreshed after every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from entretien_desktop.domain import Employee, Training
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.interviews_page import (
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


class TrainingPlanPage(RecordsPage):
    """Every training recorded, newest first, with a search and the hours shown."""

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, feed, TrainingModel(), TrainingModel.TITLE, parent)
        self.setObjectName("training_page")
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
