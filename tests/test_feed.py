"""The obligations feed recomputes off the interface thread and announces each new report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Leave, LeaveKind
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.feed import ObligationsFeed
from tests.helpers import small_company

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_database(tmp_path / "c.sqlite")
    space = Workspace(database, today=lambda: date(2026, 11, 22))
    space.create_company(small_company())
    yield space
    database.close()


def test_a_change_brings_a_new_report(qtbot: QtBot, workspace: Workspace) -> None:
    feed = ObligationsFeed(workspace)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000) as first:
        feed.refresh()
    before = first.args[0]
    employee = workspace.employee("G2")
    back = replace(
        employee, leaves=(Leave(LeaveKind.SABBATICAL, date(2026, 3, 2), date(2026, 10, 31)),)
    )
    with qtbot.waitSignal(feed.report_ready, timeout=10_000) as second:
        workspace.save_employee(back, replacing="G2")
    after = second.args[0]
    assert len(after.obligations) == len(before.obligations) + 1
    assert feed.latest is after


def test_the_company_is_read_off_the_interface_thread(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ready.sqlite"
    with open_database(path) as database:
        Workspace(database).create_company(small_company())
    with open_database(path) as database:
        workspace = Workspace(database, today=lambda: date(2026, 11, 22))
        assert workspace.summary().company_name == small_company().name
        assert not workspace.loaded
        feed = ObligationsFeed(workspace)
        with qtbot.waitSignal(feed.report_ready, timeout=10_000):
            feed.refresh()
        assert workspace.loaded
        assert workspace.company == small_company()


def test_an_empty_file_ends_the_busy_state_without_a_report(qtbot: QtBot, tmp_path: Path) -> None:
    with open_database(tmp_path / "empty.sqlite") as database:
        feed = ObligationsFeed(Workspace(database))
        reports: list[object] = []
        feed.report_ready.connect(reports.append)
        with qtbot.waitSignal(feed.busy_changed, check_params_cb=lambda busy: not busy):
            feed.refresh()
        assert reports == []
        assert feed.latest is None
        feed.pool.waitForDone()


def test_a_failing_evaluation_logs_its_whole_traceback(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*_args: object) -> None:
        raise ZeroDivisionError("a bug in the rules")

    monkeypatch.setattr("entretien_desktop.ui.feed.company_obligations", broken)
    feed = ObligationsFeed(workspace)
    with qtbot.waitSignal(feed.failed, timeout=10_000) as failed:
        feed.refresh()
    assert failed.args == [""]  # a bug: the window says "see the log"
    record = next(r for r in caplog.records if r.name == "entretien_desktop.ui.feed")
    assert record.exc_info is not None  # the traceback, not just repr(error)
    assert record.exc_info[0] is ZeroDivisionError
