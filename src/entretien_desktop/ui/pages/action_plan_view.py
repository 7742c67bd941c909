"""An employee's action plan: the SMART agreements of their interviews (what, who, by when,
indicator), newest interview first, each with the interview it was agreed in.

A deadline already past is shown in red: it is what the next interview looks back on
(``services.interview_forms.action_plan`` carries the agreements into it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Interview
from entretien_desktop.i18n import _, format_date
from entretien_desktop.ui import theme
from entretien_desktop.ui.labels import interview_kind_label

WHAT, WHO, BY_WHEN, INDICATOR, FROM = range(5)
PAST_COLOUR = QColor(theme.ERROR)
"""The text colour of a deadline already past (the register's overdue red)."""

Agreement = tuple[Interview, dict[str, str]]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def interview_text(interview: Interview) -> str:
    """The interview an agreement comes from: its kind and date."""
    kind = interview_kind_label(interview.kind)
    if interview.date is None:
        return kind
    return _("{kind}, {date}").format(kind=kind, date=format_date(interview.date))


class ActionPlanView(QWidget):
    """The agreements given to ``show_agreements``, or a line saying there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("What"), _("Who"), _("By when"), _("Indicator"), _("Agreed in")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        # Agreements are sentences: they wrap rather than hide their end.
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (WHAT, INDICATOR):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (BY_WHEN, FROM):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(WHO, 150)
        self.empty_label = QLabel(_("No agreement recorded yet."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_agreements(self, agreements: Sequence[Agreement], today: date) -> None:
        """Replace the rows; deadlines before ``today`` are shown in red."""
        rows = [
            (interview, row)
            for interview, row in agreements
            if any(str(value).strip() for value in row.values())
        ]
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for number, (interview, row) in enumerate(rows):
            for column, item in enumerate(self._items(interview, row, today)):
                self.table.setItem(number, column, item)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)

    def count(self) -> int:
        return self.table.rowCount()

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _items(
        self, interview: Interview, row: dict[str, str], today: date
    ) -> list[QTableWidgetItem]:
        by_when = str(row.get("by_when", ""))
        deadline = _day(by_when)
        texts = [
            str(row.get("what", "")),
            str(row.get("who", "")),
            format_date(deadline) if deadline is not None else by_when,
            str(row.get("indicator", "")),
            interview_text(interview),
        ]
        items = []
        for text in texts:
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if text:
                item.setToolTip(text)
            items.append(item)
        outcome = str(row.get("outcome", "")).strip()
        if outcome:
            items[WHAT].setToolTip(
                _("{what}\nOutcome: {outcome}").format(what=texts[WHAT], outcome=outcome)
            )
        if deadline is not None and deadline < today:
            late = items[BY_WHEN]
            late.setForeground(QBrush(PAST_COLOUR))
            font = late.font()
            font.setBold(True)
            late.setFont(font)
            late.setToolTip(_("Past: it was due by {date}.").format(date=texts[BY_WHEN]))
        return items
