"""The board: obligations to do, in progress and done, side by side with their counts.

Built from one obligations report (services/board.py shapes it). A horizon (overdue and the
next three, six or twelve months, or everything) and a basis (law, company policy or both)
narrow it; "By employee" groups the cards under each employee, saying how many meetings
their open obligations need. A card is a double-click (or Enter) away from its employee, or,
in progress, from its interview.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _, format_date, ngettext
from entretien_desktop.rules import Obligation
from entretien_desktop.services.board import (
    Basis,
    Board,
    Card,
    EmployeeGroup,
    Meeting,
    Stage,
    build_board,
    by_employee,
)
from entretien_desktop.services.labels import (
    interview_kind_label,
    obligation_name,
    obligation_status_label,
)
from entretien_desktop.services.obligations import ObligationsReport

CARD_ROLE = Qt.ItemDataRole.UserRole
HORIZONS: tuple[int | None, ...] = (3, 6, 12, None)
DEFAULT_HORIZON = 12


def _horizon_label(months: int | None) -> str:
    if months is None:
        return _("Everything")
    return ngettext(
        "Overdue and the next {n} month", "Overdue and the next {n} months", months
    ).format(n=months)


def _stage_title(stage: Stage, count: int) -> str:
    titles = {
        Stage.TO_DO: _("To do · {n}"),
        Stage.IN_PROGRESS: _("In progress · {n}"),
        Stage.DONE: _("Done · {n}"),
    }
    return titles[stage].format(n=count)


def card_text(card: Card, name: str | None) -> str:
    """A card's two lines: who (unless under its employee's heading) and what; then when,
    and where it stands."""
    obligation = card.obligation
    what = obligation_name(obligation)
    first = what if name is None else f"{name} — {what}"
    if card.stage is Stage.IN_PROGRESS and card.interview is not None:
        interview = card.interview
        when = format_date(interview.date) if interview.date else _("no date yet")
        second = _("planned for {date}").format(date=when)
        if interview.interviewer:
            second += " · " + interview.interviewer
    elif card.stage is Stage.DONE:
        day = obligation.satisfied_on or obligation.deadline
        second = (
            _("held on {date}, late").format(date=format_date(day))
            if obligation.late
            else _("held on {date}").format(date=format_date(day))
        )
    else:
        second = _("due {date} · {status}").format(
            date=format_date(obligation.deadline), status=obligation_status_label(obligation.status)
        )
    return f"{first}\n{second}"


def meetings_text(group: EmployeeGroup) -> str:
    """``Ana Lopes — 3 to do, 2 meetings: a summary review covers 2 of them``."""
    to_do = sum(1 for c in group.cards if c.stage is Stage.TO_DO)
    text = group.employee.full_name
    if not to_do:
        return text
    text += " — " + ngettext("{n} to do", "{n} to do", to_do).format(n=to_do)
    text += ", " + ngettext("{n} meeting", "{n} meetings", len(group.meetings)).format(
        n=len(group.meetings)
    )
    shared = [m for m in group.meetings if len(m.covers) > 1]
    if shared:
        text += ": " + "; ".join(_shared_text(m) for m in shared)
    return text


def _shared_text(meeting: Meeting) -> str:
    return _("one {kind} covers {n} of them").format(
        kind=interview_kind_label(meeting.kind).lower(), n=len(meeting.covers)
    )


class BoardView(QWidget):
    """Three columns of obligations, with the horizon, basis and grouping chosen above."""

    employee_chosen = Signal(str)
    interview_chosen = Signal(str, str)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board_view")
        self._report: ObligationsReport | None = None
        self.board: Board | None = None

        self.horizon_combo = QComboBox()
        self.horizon_combo.setObjectName("board_horizon")
        for months in HORIZONS:
            self.horizon_combo.addItem(_horizon_label(months), months)
        self.horizon_combo.setCurrentIndex(HORIZONS.index(DEFAULT_HORIZON))
        self.basis_combo = QComboBox()
        self.basis_combo.setObjectName("board_basis")
        self.basis_combo.addItem(_("Law and company policy"), None)
        self.basis_combo.addItem(_("The law only"), Basis.LAW.value)
        self.basis_combo.addItem(_("Company policy only"), Basis.POLICY.value)
        self.group_check = QCheckBox(_("By &employee"))
        self.group_check.setObjectName("board_by_employee")

        self.titles = {stage: QLabel() for stage in Stage}
        self.lists = {stage: QListWidget() for stage in Stage}
        for stage, listing in self.lists.items():
            listing.setObjectName(f"board_{stage.value}")
            listing.setWordWrap(True)
            listing.setAlternatingRowColors(True)
            listing.setSpacing(2)
            listing.itemActivated.connect(self._activated)
            listing.itemSelectionChanged.connect(self._selected_in(stage))
            self.titles[stage].setBuddy(listing)

        filters = QHBoxLayout()
        filters.addWidget(self.horizon_combo)
        filters.addWidget(self.basis_combo)
        filters.addWidget(self.group_check)
        filters.addStretch(1)
        columns = QHBoxLayout()
        for stage in Stage:
            column = QVBoxLayout()
            heading = self.titles[stage]
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            column.addWidget(heading)
            column.addWidget(self.lists[stage], 1)
            columns.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(columns, 1)

        self.horizon_combo.currentIndexChanged.connect(self._refill)
        self.basis_combo.currentIndexChanged.connect(self._refill)
        self.group_check.toggled.connect(self._refill)
        self._refill()

    # -- filling ------------------------------------------------------------------------------
    def show_report(self, report: ObligationsReport) -> None:
        self._report = report
        self._refill()

    def _refill(self, *_args: object) -> None:
        report = self._report
        board = (
            None
            if report is None
            else build_board(
                report,
                months=self.horizon_combo.currentData(),
                basis=_basis(self.basis_combo.currentData()),
            )
        )
        self.board = board
        names = {} if report is None else {e.ref: e.full_name for e in report.company.employees}
        grouped = (
            by_employee(board, report.company.employees)
            if report is not None and board is not None and self.group_check.isChecked()
            else None
        )
        for stage in Stage:
            cards = () if board is None else _cards_of(board, stage)
            self.titles[stage].setText(_stage_title(stage, len(cards)))
            listing = self.lists[stage]
            listing.clear()
            if grouped is not None:
                self._fill_grouped(listing, stage, cards, grouped)
            else:
                for card in cards:
                    listing.addItem(self._item(card, names))

    def _fill_grouped(
        self,
        listing: QListWidget,
        stage: Stage,
        column: tuple[Card, ...],
        groups: list[EmployeeGroup],
    ) -> None:
        position = {id(card): index for index, card in enumerate(column)}
        # The employee with the most urgent card first, as the column is ordered.
        groups = sorted(
            groups, key=lambda g: min(position.get(id(c), len(position)) for c in g.cards)
        )
        for group in groups:
            cards = [c for c in group.cards if c.stage is stage]
            if not cards:
                continue
            header = QListWidgetItem(
                meetings_text(group) if stage is Stage.TO_DO else group.employee.full_name
            )
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(listing.font())
            font.setBold(True)
            header.setFont(font)
            listing.addItem(header)
            for card in cards:
                listing.addItem(self._item(card, None))

    @staticmethod
    def _item(card: Card, names: dict[str, str] | None) -> QListWidgetItem:
        ref = card.obligation.employee_ref
        item = QListWidgetItem(card_text(card, None if names is None else names.get(ref, ref)))
        item.setData(CARD_ROLE, card)
        item.setToolTip(card.obligation.explanation)
        return item

    # -- choosing -----------------------------------------------------------------------------
    def _selected_in(self, stage: Stage) -> Callable[[], None]:
        def selected() -> None:
            if self.lists[stage].selectedItems():
                for other, listing in self.lists.items():
                    if other is not stage:
                        listing.clearSelection()
            self.selection_changed.emit()

        return selected

    def selected_card(self) -> Card | None:
        for listing in self.lists.values():
            for item in listing.selectedItems():
                card = item.data(CARD_ROLE)
                if isinstance(card, Card):
                    return card
        return None

    def selected_obligation(self) -> Obligation | None:
        """The chosen card's obligation while it is open: to plan, or (in progress) to see
        and change the interview planned for it."""
        card = self.selected_card()
        return card.obligation if card is not None and card.stage is not Stage.DONE else None

    def _activated(self, item: QListWidgetItem) -> None:
        card = item.data(CARD_ROLE)
        if not isinstance(card, Card):
            return
        ref = card.obligation.employee_ref
        if card.stage is Stage.IN_PROGRESS and card.interview is not None:
            self.interview_chosen.emit(ref, card.interview.id)
        else:
            self.employee_chosen.emit(ref)


def _basis(value: object) -> Basis | None:
    return Basis(value) if isinstance(value, str) else None


def _cards_of(board: Board, stage: Stage) -> tuple[Card, ...]:
    return {Stage.TO_DO: board.to_do, Stage.IN_PROGRESS: board.in_progress, Stage.DONE: board.done}[
        stage
    ]
