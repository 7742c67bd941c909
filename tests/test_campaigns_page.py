"""The campaigns page: a campaign is started from its dialog (the period checked as typed),
kept in the file, and its board counts who is to invite, invited, held, signed, as the
interviews move along; planning everyone, marking invitations and writing the invitation
letters happen from the page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Campaign,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.services import signing
from entretien_desktop.services.campaigns import BoardColumn
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.campaigns_page import BoardModel, CampaignsPage
from entretien_desktop.ui.reports.batch_reports import BatchReports
from tests.helpers import TODAY, open_workspace
from tests.qt_helpers import WAIT_MS, ready_feed

pytestmark = pytest.mark.gui

KEY = "professional@2"
"""The built-in template of professional interviews."""


def _person(ref: str, first: str, department: str, contract: Contract, *old: Interview) -> Employee:
    return Employee(
        ref, first, "Martin", date(2020, 1, 6), contract, department=department, site="Lyon",
        interviews=old,
    )  # fmt: skip


def workshop() -> Company:
    """Four people in the workshop (one a temp, who is never in a campaign), one in the
    office; an interview held long ago does not count for a campaign of today."""
    old = Interview("A2-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2023, 3, 1))
    return Company(
        name="Atelier Martin",
        country="FR",
        headcount=5,
        employees=(
            _person("A1", "Anaïs", "Atelier", Contract.PERMANENT),
            _person("A2", "Bruno", "Atelier", Contract.FIXED_TERM, old),
            _person("A3", "Chloé", "Atelier", Contract.APPRENTICESHIP),
            _person("A4", "Damien", "Atelier", Contract.TEMP_AGENCY),
            _person("B1", "Élise", "Bureau", Contract.PERMANENT),
        ),
    )


CAMPAIGN = Campaign(
    "C-2026-1", "Workshop 2026", InterviewKind.PROFESSIONAL, TODAY, TODAY + timedelta(days=60),
    KEY, department="Atelier",
)  # fmt: skip


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "campaigns.sqlite", workshop()) as space:
        yield space


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


def _page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> CampaignsPage:
    page = CampaignsPage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> CampaignsPage:
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        workspace.save_campaigns([CAMPAIGN])
    return _page(qtbot, workspace, feed)


def _counts(page: CampaignsPage) -> dict[str, str]:
    return {column: tile.text() for column, tile in page.tiles.items()}


def _expected(**counts: int) -> dict[str, str]:
    every = (BoardColumn.TO_INVITE, BoardColumn.INVITED, BoardColumn.HELD)
    return {c: str(counts.get(c, 0)) for c in (*every, BoardColumn.SIGNED, BoardColumn.DECLINED)}


def _names(page: CampaignsPage) -> list[str]:
    proxy = page.board.proxy
    return [proxy.index(row, BoardModel.EMPLOYEE).data() for row in range(proxy.rowCount())]


def _campaign_interview(workspace: Workspace, ref: str) -> Interview:
    (found,) = [i for i in workspace.employee(ref).interviews if i.campaign == CAMPAIGN.id]
    return found


def _select(page: CampaignsPage, *names: str) -> None:
    proxy, selection = page.board.proxy, page.board.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(proxy.rowCount()):
        if proxy.index(row, BoardModel.EMPLOYEE).data() in names:
            selection.select(proxy.index(row, 0), flags)


def test_a_campaign_is_started_for_one_department_and_kept_in_the_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kept.sqlite"
    with open_workspace(path, workshop()) as workspace:
        feed = ready_feed(qtbot, workspace)
        page = _page(qtbot, workspace, feed)
        assert page.board_stack.currentWidget() is page.empty_label
        dialog = page.new_campaign()
        assert dialog.template_combo.currentData() == KEY
        assert dialog.group_count_label.text() == "4 employees in this group over the period"
        qtbot.keyClicks(dialog.name_edit, "Workshop 2026")
        dialog.department_combo.setCurrentIndex(dialog.department_combo.findData("Atelier"))
        assert dialog.group_count_label.text() == "3 employees in this group over the period"

        dialog.end_edit.set_value(TODAY - timedelta(days=1))
        assert dialog.period_errors.isVisible()
        assert dialog.period_errors.text() == "The campaign cannot end before it starts."
        assert not dialog.ok_button.isEnabled()
        dialog.accept()  # Enter in a field: refused as well
        assert dialog.isVisible()
        assert workspace.require_company().campaigns == ()

        dialog.end_edit.set_value(CAMPAIGN.end)
        assert not dialog.period_errors.isVisible()
        with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        assert workspace.require_company().campaigns == (CAMPAIGN,)
        item = page.campaigns_list.topLevelItem(0)
        assert item is not None
        assert [item.text(c) for c in range(4)] == [
            "Workshop 2026",
            "Professional interview",
            "Nov 22, 2026 to Jan 21, 2027",
            "Atelier",
        ]
        assert page.title_label.text() == "Workshop 2026"
        assert _counts(page) == _expected(to_invite=3)
        assert sorted(_names(page)) == ["Anaïs Martin", "Bruno Martin", "Chloé Martin"]

    with open_database(path) as database:
        assert Workspace(database).require_company().campaigns == (CAMPAIGN,)


def test_a_nameless_campaign_is_refused_with_the_reason(
    page: CampaignsPage, workspace: Workspace
) -> None:
    dialog = page.new_campaign()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.name_errors.text() == "Give the campaign a name."
    assert workspace.require_company().campaigns == (CAMPAIGN,)


def test_the_board_follows_the_interviews(
    qtbot: QtBot,
    page: CampaignsPage,
    workspace: Workspace,
    feed: ObligationsFeed,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    assert _counts(page) == _expected(to_invite=3)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    assert all(i.campaign is None for e in workspace.require_company().employees
               for i in e.interviews)  # fmt: skip
    version = workspace.version
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    assert (
        questions
        == ["Plan an interview for each of the 3 employees not yet planned, dated Nov 22, 2026?"]
        * 2
    )
    assert workspace.version == version + 1  # the screens were told once
    for ref in ("A1", "A2", "A3"):
        planned = _campaign_interview(workspace, ref)
        assert (planned.kind, planned.status, planned.date, planned.template) == (
            InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY, KEY,
        )  # fmt: skip
    assert [i for e in ("A4", "B1") for i in workspace.employee(e).interviews] == []
    assert _counts(page) == _expected(to_invite=3)
    assert not page.plan_button.isEnabled()
    assert not page.invite_button.isEnabled()

    _select(page, "Anaïs Martin", "Bruno Martin")
    assert page.invite_button.isEnabled()
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    assert _counts(page) == _expected(to_invite=1, invited=2)
    invited = _campaign_interview(workspace, "A1")
    assert (invited.status, invited.invited_on) == (InterviewStatus.INVITED, TODAY)

    held = replace(invited, status=InterviewStatus.HELD, date=TODAY)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        workspace.put_interview("A1", held)
    assert _counts(page) == _expected(to_invite=1, invited=1, held=1)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        workspace.put_interview("A1", replace(held, signed_on=TODAY))
    assert _counts(page) == _expected(to_invite=1, invited=1, signed=1)

    qtmodeltester.check(page.board.board_model)
    qtmodeltester.check(page.board.proxy)
    page.board.set_stage(BoardColumn.SIGNED)
    assert _names(page) == ["Anaïs Martin"]
    assert page.board.count_label.text() == "1 of 3 employees"
    table = page.board.table
    cell = table.visualRect(page.board.proxy.index(0, BoardModel.STAGE)).center()
    assert page.board.proxy.index(0, BoardModel.STAGE).data() == "Signed"
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    with qtbot.waitSignal(page.employee_activated, timeout=WAIT_MS) as activated:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert activated.args == ["A1"]


def test_an_invitation_after_the_interview_date_is_refused_with_the_reason(
    qtbot: QtBot,
    page: CampaignsPage,
    workspace: Workspace,
    feed: ObligationsFeed,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    past = Interview(
        "A1-x", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY - timedelta(days=2),
        campaign=CAMPAIGN.id,
    )  # fmt: skip
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        workspace.put_interview("A1", past)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    _select(page, "Anaïs Martin")
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    assert warnings == ["Anaïs Martin: The invitation cannot be sent after the interview."]
    assert workspace.employee("A1").interviews == (past,)


# -- the invitations of a campaign -----------------------------------------------------------
@pytest.fixture
def two_planned(
    qtbot: QtBot, page: CampaignsPage, workspace: Workspace, feed: ObligationsFeed
) -> None:
    """Anaïs planned, Bruno planned and invited; Chloé has no interview yet."""
    day = TODAY + timedelta(days=7)
    anais = Interview(
        "A1-c", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, day, campaign=CAMPAIGN.id
    )
    bruno = Interview(
        "A2-c", InterviewKind.PROFESSIONAL, InterviewStatus.INVITED, day + timedelta(days=1),
        invited_on=TODAY, campaign=CAMPAIGN.id,
    )  # fmt: skip
    workspace.put_interview("A1", anais, announce=False)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        workspace.put_interview("A2", bruno)
    assert _counts(page) == _expected(to_invite=2, invited=1)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """The folder chosen is ``tmp_path / "letters"``; message boxes answer at once (No to a
    question) and what they said is kept."""
    folder = tmp_path / "letters"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    messages: list[tuple[str, str]] = []

    def record(kind: str, answer: object) -> object:
        def box(_parent: object, _title: str, text: str, *_args: object) -> object:
            messages.append((kind, text))
            return answer

        return box

    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, record(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.No))
    return messages


LETTERS = ["Invitation-Anaïs-Martin-2026-11-29", "Invitation-Bruno-Martin-2026-11-30"]


def _start(qtbot: QtBot, page: CampaignsPage) -> BatchReports:
    assert page.letters_button.isEnabled()
    with qtbot.waitSignal(page.batch_started, timeout=WAIT_MS) as started:
        page.letters_button.click()
    batch = started.args[0]
    assert isinstance(batch, BatchReports)
    return batch


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.mark.usefixtures("two_planned")
def test_the_invitations_of_a_campaign_are_a_letter_and_a_calendar_file_each(
    qtbot: QtBot, page: CampaignsPage, workspace: Workspace, tmp_path: Path,
    said: list[tuple[str, str]],
) -> None:  # fmt: skip
    folder = tmp_path / "letters"
    batch = _start(qtbot, page)
    with qtbot.waitSignal(batch.finished, timeout=WAIT_MS * 3) as finished:
        pass
    assert finished.args == [2]
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{stem}{suffix}" for stem in LETTERS for suffix in (".ics", ".pdf")
    ]
    for stem, name in zip(LETTERS, ("Anaïs Martin", "Bruno Martin"), strict=True):
        assert name in _text(folder / f"{stem}.pdf")
        assert name in (folder / f"{stem}.ics").read_text(encoding="utf-8")
        verdict = signing.verify(workspace, folder / f"{stem}.pdf")
        assert verdict.message == "This PDF is not an interview report."  # but recorded
    assert said == [
        (
            "information",
            f"2 invitations written in {folder}.\n\n1 member has no interview planned yet.",
        )
    ]

    # Again: the files are there; replacing them is asked, and refused here.
    page.letters_button.click()
    assert said[1:] == [
        ("question", "4 files of the same name are already in this folder. Replace them?")
    ]


@pytest.mark.usefixtures("two_planned")
def test_cancelling_the_invitations_keeps_the_first_letter_and_its_calendar_file(
    qtbot: QtBot, page: CampaignsPage, tmp_path: Path, said: list[tuple[str, str]]
) -> None:
    folder = tmp_path / "letters"
    batch = _start(qtbot, page)
    batch.progressed.connect(lambda written: batch.progress.cancel() if written == 1 else None)
    with qtbot.waitSignal(batch.finished, timeout=WAIT_MS * 3) as finished:
        pass
    assert finished.args == [1]
    assert sorted(p.name for p in folder.iterdir()) == [f"{LETTERS[0]}.ics", f"{LETTERS[0]}.pdf"]
    assert len(said) == 1
    kind, text = said[0]
    assert kind == "information"
    assert text == (
        "Stopped. The files already written are kept.\n\n"
        f"1 of 2 invitations written in {folder}.\n\n"
        "1 member has no interview planned yet."
    )


def test_the_invitations_wait_for_a_planned_interview(
    page: CampaignsPage, said: list[tuple[str, str]]
) -> None:
    assert _counts(page) == _expected(to_invite=3)
    assert not page.letters_button.isEnabled()
    assert page.write_invitations() is None
    assert said == []


def test_planning_everyone_is_one_undo_step(
    qtbot: QtBot,
    page: CampaignsPage,
    workspace: Workspace,
    feed: ObligationsFeed,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    campaigns = workspace.require_company().campaigns
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    assert all(_campaign_interview(workspace, ref) for ref in ("A1", "A2", "A3"))
    step = workspace.history.next_undo
    assert step is not None
    assert step.describe() == "planning the campaign"
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        assert workspace.undo() == "planning the campaign"
    # One undo takes every interview back; the campaign stays, with nothing pointing to it.
    assert [i for e in workspace.require_company().employees for i in e.interviews
            if i.campaign is not None] == []  # fmt: skip
    assert workspace.require_company().campaigns == campaigns
    assert _counts(page) == _expected(to_invite=3)
    workspace.redo()
    assert all(_campaign_interview(workspace, ref) for ref in ("A1", "A2", "A3"))
