"""An employee's timeline: every dated fact of their record and every obligation, newest
first, as rows of date, event, details and status; each fact carries where it sits in the record
(``("trainings", 2)``) so that the page can edit it in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from entretien_desktop.domain import Employee
from entretien_desktop.i18n import _, format_date, format_number
from entretien_desktop.rules import Obligation, Status
from entretien_desktop.services.labels import obligation_name, obligation_state_label
from entretien_desktop.services.training_requests import (
    RequestStatus,
    TrainingRequest,
    request_status_label,
)
from entretien_desktop.ui import theme
from entretien_desktop.ui.labels import (
    contract_label,
    interview_kind_label,
    interview_status_label,
    leave_label,
    medical_visit_label,
    progression_label,
)
from entretien_desktop.ui.pages.employees_model import status_colours

LEAVE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The position of a row's fact in its list of the record (kept under this name: leaves
were the first facts edited in place)."""
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2
"""The list of the record a row's fact belongs to (``trainings``), or ``identity`` for the
hire and exit dates."""
OBLIGATION_ROLE = Qt.ItemDataRole.UserRole + 3
"""The position of a row's obligation among the timeline's obligations."""
IDENTITY = "identity"
DATE, EVENT, DETAILS, STATUS = range(4)


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the timeline; ``day`` ``None`` for an interview not yet dated."""

    day: date | None
    event: str
    details: str = ""
    status: str = ""
    tooltip: str = ""
    obligation_status: Status | None = None
    record: tuple[str, int] | None = None
    """Where the fact sits in the record: the employee's list and the position in it."""
    marker: bool = False
    """The row marking today, between what is ahead and what is past."""
    late: bool = False
    """An obligation met, but by an interview held after its deadline."""
    obligation: Obligation | None = None
    """The obligation a row is due for (what planning from this row plans)."""

    @property
    def leave_index(self) -> int | None:
        return self.record[1] if self.record is not None and self.record[0] == "leaves" else None


def _history(employee: Employee) -> Iterable[Entry]:
    identity = (IDENTITY, 0)
    yield Entry(employee.hire_date, _("Hired"), contract_label(employee.contract), record=identity)
    if employee.exit_date is not None:
        yield Entry(employee.exit_date, _("Left the company"), record=identity)
    for index, leave in enumerate(employee.leaves):
        if leave.end is None:
            details = _("From {start}, ongoing").format(start=format_date(leave.start))
        else:
            details = _("{start} – {end}").format(
                start=format_date(leave.start), end=format_date(leave.end)
            )
        status = _("Ongoing") if leave.end is None else ""
        yield Entry(leave.start, leave_label(leave.kind), details, status, record=("leaves", index))
    for index, interview in enumerate(employee.interviews):
        notes = []
        if interview.invited_on is not None:
            notes.append(_("Invited on {date}").format(date=format_date(interview.invited_on)))
        if interview.signed_on is not None:
            notes.append(_("Signed on {date}").format(date=format_date(interview.signed_on)))
        yield Entry(
            interview.date,
            interview_kind_label(interview.kind),
            " · ".join(notes),
            interview_status_label(interview.status),
            record=("interviews", index),
        )
    for index, training in enumerate(employee.trainings):
        details = _("{title} ({hours} h)").format(
            title=training.title, hours=format_number(training.hours)
        )
        yield Entry(
            training.start, _("Training"), details, tooltip=details, record=("trainings", index)
        )
    for index, certification in enumerate(employee.certifications):
        yield Entry(
            certification.date,
            _("Certification"),
            certification.title,
            record=("certifications", index),
        )
    for index, progression in enumerate(employee.progressions):
        yield Entry(
            progression.date,
            progression_label(progression.kind),
            progression.note,
            record=("progressions", index),
        )
    for index, visit in enumerate(employee.medical_visits):
        yield Entry(visit.date, medical_visit_label(visit.kind), record=("medical_visits", index))


def _request_entries(requests: Iterable[TrainingRequest]) -> Iterable[Entry]:
    """The training requests approved and not yet done (a done one is a training already),
    on the day they start, else the day of the interview that asked for them."""
    for request in requests:
        if request.status is not RequestStatus.APPROVED:
            continue
        start, end = request.day("start"), request.day("end")
        details = request.course
        if start is not None and end is not None:
            details += " · " + _("{start} – {end}").format(
                start=format_date(start), end=format_date(end)
            )
        yield Entry(
            start or request.interview.date,
            _("Training approved"),
            details,
            request_status_label(request.status),
            tooltip=details,
        )


def timeline_entries(
    employee: Employee,
    obligations: Iterable[Obligation],
    today: date,
    requests: Iterable[TrainingRequest] = (),
) -> list[Entry]:
    """Everything dated about ``employee``, newest first, undated interviews on top, and a
    row for ``today`` above what happens on that day; ``requests``: the employee's training
    requests (those approved are shown until done)."""
    entries = [Entry(today, _("Today"), marker=True), *_request_entries(requests)]
    entries += [
        Entry(
            o.deadline,
            _("Due: {kind}").format(kind=obligation_name(o)),
            o.explanation,
            obligation_state_label(o),
            o.explanation,
            obligation_status=o.status,
            late=o.late,
            obligation=o,
        )
        for o in obligations
    ]
    entries.extend(_history(employee))
    # Stable sort: on the same day an obligation comes before the history that met it.
    return sorted(entries, key=lambda e: (e.day or date.max, e.marker), reverse=True)


class Timeline(QTreeWidget):
    """The rows of ``timeline_entries``, leaves flagged when they overlap another."""

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(4)
        self._obligations: list[Obligation] = []
        self.setHeaderLabels([_("Date"), _("Event"), _("Details"), _("Status")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        for column in (DATE, EVENT, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)

    def show_entries(self, entries: list[Entry], warned_fields: set[str]) -> None:
        """Replace the rows; ``warned_fields`` (``leaves[2].start``) get a warning sign."""
        kept = self._selected_key()
        warned = {
            int(match.group(1))
            for field in warned_fields
            if (match := re.fullmatch(r"leaves\[(\d+)\]\..*", field))
        }
        self.clear()
        self._obligations = []
        items = []
        for entry in entries:
            item = self._item(entry, entry.leave_index in warned)
            if entry.obligation is not None:
                item.setData(EVENT, OBLIGATION_ROLE, len(self._obligations))
                self._obligations.append(entry.obligation)
            items.append(item)
        self.addTopLevelItems(items)
        for item in items:
            if kept is not None and self._key(item) == kept:
                self.setCurrentItem(item)

    def _item(self, entry: Entry, warned: bool) -> QTreeWidgetItem:
        day = format_date(entry.day) if entry.day is not None else _("No date")
        item = QTreeWidgetItem([day, entry.event, entry.details, entry.status])
        if entry.tooltip:
            item.setToolTip(DETAILS, entry.tooltip)
        if entry.record is not None:
            item.setData(EVENT, FIELD_ROLE, entry.record[0])
            item.setData(EVENT, LEAVE_ROLE, entry.record[1])
        if entry.marker:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            shade = QBrush(self.palette().color(QPalette.ColorRole.Midlight))
            for column in range(4):
                font = item.font(column)
                font.setBold(True)
                item.setFont(column, font)
                item.setBackground(column, shade)
        if warned:
            item.setIcon(
                EVENT, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            )
            item.setToolTip(EVENT, _("This leave overlaps the one before it."))
        status = entry.obligation_status
        if status is not None:
            font = item.font(EVENT)
            font.setBold(status in {Status.OVERDUE, Status.DUE_SOON})
            item.setFont(EVENT, font)
            colours = status_colours(status)
            if colours is not None:
                item.setBackground(STATUS, QBrush(colours[0]))
                item.setForeground(STATUS, QBrush(colours[1]))
            if entry.late:
                item.setForeground(STATUS, QBrush(QColor(theme.WARNING)))
            if status is Status.NOT_APPLICABLE:
                muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                for column in range(4):
                    item.setForeground(column, QBrush(QColor(muted)))
        return item

    @staticmethod
    def _record(item: QTreeWidgetItem) -> tuple[str, int] | None:
        field, index = item.data(EVENT, FIELD_ROLE), item.data(EVENT, LEAVE_ROLE)
        if isinstance(field, str) and isinstance(index, int):
            return field, index
        return None

    @classmethod
    def _key(cls, item: QTreeWidgetItem) -> tuple[str, ...]:
        """What identifies a row across redraws: a fact's place in the record (the hire
        and exit rows share one), else its texts."""
        record = cls._record(item)
        if record is not None and record[0] != IDENTITY:
            return (record[0], str(record[1]))
        return tuple(item.text(column) for column in range(4))

    def _selected_key(self) -> tuple[str, ...] | None:
        items = self.selectedItems()
        return self._key(items[0]) if items else None

    def selected_record(self) -> tuple[str, int] | None:
        """Where the selected fact sits in the record (``("trainings", 2)``), if a fact of
        the record is selected rather than an obligation or today's row."""
        items = self.selectedItems()
        return self._record(items[0]) if items else None

    def selected_obligation(self) -> Obligation | None:
        """The obligation of the selected row, if an obligation's row is selected."""
        items = self.selectedItems()
        index = items[0].data(EVENT, OBLIGATION_ROLE) if items else None
        return self._obligations[index] if isinstance(index, int) else None

    def selected_leave(self) -> int | None:
        """The position in the record of the selected leave, if a leave is selected."""
        record = self.selected_record()
        return record[1] if record is not None and record[0] == "leaves" else None

    def record_items(self, field: str) -> dict[int, QTreeWidgetItem]:
        """The rows of the record's list ``field`` (``trainings``) by position in it."""
        found: dict[int, QTreeWidgetItem] = {}
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            record = self._record(item) if item is not None else None
            if item is not None and record is not None and record[0] == field:
                found[record[1]] = item
        return found

    def leave_items(self) -> dict[int, QTreeWidgetItem]:
        """The rows of leaves by position in the record."""
        return self.record_items("leaves")
