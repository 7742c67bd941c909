"""The board on screen: counts per column following the report, the horizon and basis
filters, the grouping by employee with its meetings, and a card's way to its employee or
interview."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Policy,
    PolicyKind,
)
from entretien_desktop.services.board import Stage, build_board
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.ui.widgets.board_view import CARD_ROLE, BoardView

AS_OF = date(2026, 11, 22)
PLANNED = Interview(
    "E1-1",
    InterviewKind.SUMMARY_REVIEW,
    InterviewStatus.PLANNED,
    date(2026, 12, 10),
    interviewer="Marc Duval",
)


def _company() -> Company:
    return Company(
        name="Menuiserie",
        country="FR",
        headcount=20,
        headcount_date=date(2026, 1, 1),
        policies=(Policy(PolicyKind.ANNUAL_REVIEW, 12, date(2000, 1, 3)),),
        employees=(
            Employee(
                "E1", "Ana", "Lopes", date(2018, 3, 5), Contract.PERMANENT, interviews=(PLANNED,)
            ),
            Employee("E2", "Jon", "Berg", date(2019, 6, 3), Contract.PERMANENT),
        ),
    )


def _view(qtbot: QtBot) -> BoardView:
    view = BoardView()
    qtbot.addWidget(view)
    view.show_report(company_obligations(_company(), AS_OF))
    return view


def _cards(listing: QListWidget) -> list[object]:
    found = (listing.item(i).data(CARD_ROLE) for i in range(listing.count()))
    return [card for card in found if card is not None]


def test_each_column_counts_its_cards(qtbot: QtBot) -> None:
    view = _view(qtbot)
    board = build_board(company_obligations(_company(), AS_OF), months=12)
    assert view.titles[Stage.TO_DO].text() == f"To do · {len(board.to_do)}"
    assert view.titles[Stage.IN_PROGRESS].text() == f"In progress · {len(board.in_progress)}"
    assert len(_cards(view.lists[Stage.IN_PROGRESS])) == len(board.in_progress) > 0
    first = view.lists[Stage.IN_PROGRESS].item(0).text()
    assert "Ana Lopes" in first and "Marc Duval" in first


def test_the_filters_narrow_the_board(qtbot: QtBot) -> None:
    view = _view(qtbot)
    everything = len(_cards(view.lists[Stage.TO_DO]))
    view.basis_combo.setCurrentIndex(2)  # company policy only
    policy = _cards(view.lists[Stage.TO_DO])
    assert 0 < len(policy) < everything
    assert all(
        "Annual review" in view.lists[Stage.TO_DO].item(i).text() for i in range(len(policy))
    )
    view.basis_combo.setCurrentIndex(0)
    view.horizon_combo.setCurrentIndex(view.horizon_combo.count() - 1)  # everything
    assert len(_cards(view.lists[Stage.TO_DO])) >= everything


def test_by_employee_the_cards_sit_under_their_employee_with_the_meetings(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.group_check.setChecked(True)
    listing = view.lists[Stage.TO_DO]
    headers = [
        listing.item(i).text()
        for i in range(listing.count())
        if listing.item(i).data(CARD_ROLE) is None
    ]
    assert any(h.startswith("Jon Berg — ") and "meeting" in h for h in headers)


def test_a_card_leads_to_its_interview_or_its_employee(qtbot: QtBot) -> None:
    view = _view(qtbot)
    in_progress = view.lists[Stage.IN_PROGRESS]
    with qtbot.waitSignal(view.interview_chosen) as chosen:
        in_progress.itemActivated.emit(in_progress.item(0))
    assert chosen.args == ["E1", "E1-1"]
    to_do = view.lists[Stage.TO_DO]
    with qtbot.waitSignal(view.employee_chosen) as employee:
        to_do.itemActivated.emit(to_do.item(0))
    assert employee.args[0] in {"E1", "E2"}
    to_do.setCurrentRow(0)
    assert view.selected_obligation() is not None
