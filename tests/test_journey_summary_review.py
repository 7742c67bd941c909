"""The summary review's journey through the window: a form whose outcome contradicts the
rules is refused at printing with the reason; once corrected, the report prints the one
conclusion, with the amount owed and when it is paid."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.interviews_page import InterviewsPage
from entretien_desktop.ui.reports.report_viewer import ReportViewer
from entretien_desktop.ui.reports.report_worker import stop_all
from tests.helpers import open_workspace
from tests.qt_helpers import WAIT_MS

TODAY = date(2026, 11, 22)


def _company() -> Company:
    """A workshop of 80 whose employee had no interview since 2018: the review held on
    6 Nov 2026 owes the top-up. The form says otherwise."""
    review = Interview(
        "S1",
        InterviewKind.SUMMARY_REVIEW,
        InterviewStatus.HELD,
        date(2026, 11, 6),
        interviewer="Paul Martin",
        template="summary_review@1",
        answers={"interview_date": "2026-11-06", "outcome": "no_top_up"},
    )
    employee = Employee(
        ref="E1",
        first_name="Inès",
        last_name="Roux",
        hire_date=date(2018, 11, 5),
        contract=Contract.PERMANENT,
        language="en",
        interviews=(review,),
    )
    return Company(
        name="Atelier Roux",
        country="FR",
        headcount=80,
        headcount_date=date(2026, 1, 1),
        employees=(employee,),
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "journey.sqlite", _company(), TODAY) as space:
        yield space
        stop_all()


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return told


def _open_report(qtbot: QtBot, page: InterviewsPage) -> ReportViewer:
    assert page.select_interview("S1")
    actions = page.interview_actions
    with qtbot.waitSignal(actions.dialog_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(actions.report_button, Qt.MouseButton.LeftButton)
    viewer = opened.args[0]
    qtbot.addWidget(viewer)
    assert isinstance(viewer, ReportViewer)
    return viewer


def test_a_contradicted_review_is_refused_then_prints_once_corrected(
    qtbot: QtBot, workspace: Workspace, said: list[str]
) -> None:
    page = InterviewsPage(workspace, ObligationsFeed(workspace))
    qtbot.addWidget(page)
    page.show()

    _open_report(qtbot, page)
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS * 3)
    (message,) = said
    assert message.startswith("This summary review is not printed")
    assert "“Corrective top-up”: the form says No top-up owed" in message
    assert "the rules find Corrective top-up owed" in message
    assert "details are in the program's log" not in message  # a refusal, not a crash

    # The user empties the wrong answer: the computed one is printed in its place.
    workspace.update_interview(
        "E1", "S1", lambda i: replace(i, answers={"interview_date": "2026-11-06"})
    )
    viewer = _open_report(qtbot, page)
    if viewer.building:
        with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 3):
            pass
    assert viewer.data
    text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(viewer.data)).pages
    ).replace("\u202f", " ")
    assert "Top-up owed €3,000" in text
    assert "Corrective top-up Corrective top-up owed" in text  # the form's own field agrees
    assert "March 31, 2027" in text  # end of the quarter after the review (November)
    assert "No top-up owed" not in text
    assert len(said) == 1  # nothing more to say
