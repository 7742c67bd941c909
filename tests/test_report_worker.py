"""Reports built off the interface thread: the register of 300 employees is built while the
event loop keeps turning; the worker speaks the interface's language and leaves it as it
was; closing or cancelling a viewer while it builds; a failing build is logged with its
traceback and told in a message; a batch's Cancel stops it after the current person."""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.i18n import current_language, interface_language, set_language
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.reports.batch_reports import BatchReports, batch_items
from entretien_desktop.ui.reports.report_documents import (
    interview_report_document,
    register_document,
)
from entretien_desktop.ui.reports.report_viewer import ReportViewer, open_viewer
from entretien_desktop.ui.reports.report_worker import (
    SWITCH_INTERVAL_S,
    ReportRun,
    report_pool,
    stop_all,
)
from tests.helpers import open_workspace, small_company
from tests.qt_helpers import WAIT_MS

pytestmark = pytest.mark.gui

FIRST_NAMES = ("Léa", "Hugo", "Inès", "Jonas", "Maël", "Zoé", "Éloïse", "Noé")
LAST_NAMES = ("Morel", "Petit", "Roux", "Berg", "Lefèvre", "Garnier")


def company_of(count: int) -> Company:
    """``count`` employees hired over fifteen years, each with a professional interview
    held every other year (some of them late, some missing): a register of many pages."""
    people = []
    for n in range(count):
        hire = date(2010, 1, 4) + timedelta(days=(n * 37) % 5400)
        interviews = tuple(
            Interview(
                f"E{n:04d}-{year}",
                InterviewKind.PROFESSIONAL,
                InterviewStatus.HELD,
                date(year, 1 + n % 12, 1 + n % 27),
            )
            for year in range(hire.year + 2, 2026, 2 + n % 3)
        )
        people.append(
            Employee(
                ref=f"E{n:04d}",
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                last_name=f"{LAST_NAMES[n % len(LAST_NAMES)]}-{n}",
                hire_date=hire,
                contract=Contract.PERMANENT,
                department=("Atelier", "Bureau", "Logistique")[n % 3],
                interviews=interviews,
            )
        )
    return Company(name="Grande Entreprise", country="FR", headcount=count, employees=tuple(people))


def click_cancel(qtbot: QtBot, progress: QProgressDialog) -> None:
    """The user's click on a progress dialog's Cancel (shown or not yet)."""
    button = progress.findChild(QPushButton)
    assert isinstance(button, QPushButton)
    button.click()


def drain_reports() -> None:
    """Stop every report still being built and wait for the pool (before a file closes)."""
    stop_all()


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "reports.sqlite", small_company()) as space:
        yield space
        drain_reports()


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Message boxes answer at once; what they said is kept (kind, title, text)."""
    kept: list[tuple[str, str, str]] = []

    def box(kind: str) -> object:
        def show(_parent: object, title: str, text: str, *_args: object) -> object:
            kept.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    return kept


def test_the_register_of_300_employees_is_built_while_the_event_loop_turns(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_workspace(tmp_path / "large.sqlite", company_of(300)) as workspace:
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        started = time.perf_counter()
        document = register_document(workspace, "en")
        with qtbot.waitSignal(timer.timeout, timeout=WAIT_MS):
            pass  # the timer turns before the build starts
        before = len(ticks)
        viewer = open_viewer(workspace, document)
        qtbot.addWidget(viewer)
        assert viewer.building
        with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 6):
            pass
        built = time.perf_counter()
        timer.stop()
        during = [t for t in ticks[before:] if t <= built]
        gaps = [b - a for a, b in zip([started, *during], [*during, built], strict=True)]
        assert viewer.pdf.pageCount() >= 10
        assert len(during) >= 5, f"{len(during)} ticks in {built - started:.2f} s"
        # The longest the loop waited while the register was built (generous: a test
        # machine may be busy; bench/ui.py measures it on 1,000 employees).
        assert max(gaps) < 1.0, max(gaps)
        viewer.close()
        drain_reports()


def test_the_worker_speaks_the_interface_language_and_leaves_it_as_it_was(
    qtbot: QtBot,
) -> None:
    set_language("fr")

    def work() -> tuple[str, str, str]:
        spoken = current_language()
        with report_language("nl"):
            inside = current_language()
            seen_by_interface.append(interface_language())
        return spoken, inside, current_language()

    seen_by_interface: list[str] = []
    run = ReportRun()
    with qtbot.waitSignal(run.succeeded, timeout=WAIT_MS) as outcome:
        run.start(work)
    assert outcome.args == [("fr", "nl", "fr")]
    assert seen_by_interface == ["fr"]
    assert current_language() == "fr"


def test_the_interpreter_is_as_it_was_once_no_report_is_built(qtbot: QtBot) -> None:
    """While reports are built the switch interval is short and what exists is frozen
    (for the interface thread's collections); put back as soon as the pool is idle."""
    interval = sys.getswitchinterval()
    seen: list[tuple[float, bool]] = []
    run = ReportRun()
    with qtbot.waitSignal(run.succeeded, timeout=WAIT_MS):
        run.start(lambda: seen.append((sys.getswitchinterval(), gc.get_freeze_count() > 0)))
    assert seen == [(pytest.approx(SWITCH_INTERVAL_S), True)]
    report_pool().waitForDone()
    assert sys.getswitchinterval() == interval
    assert gc.get_freeze_count() == 0


def test_a_failing_build_is_logged_with_its_traceback_and_told_in_a_message(
    qtbot: QtBot,
    workspace: Workspace,
    said: list[tuple[str, str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(_language: str) -> bytes:
        faults: dict[str, bytes] = {}
        return faults["missing"]  # a fault of the program

    interview = workspace.employee("G1").interviews[0]
    document = replace(interview_report_document(workspace, "G1", interview), build=broken)
    with caplog.at_level(logging.ERROR):
        viewer = ReportViewer(workspace, document)
        qtbot.addWidget(viewer)
        viewer.show()
        with qtbot.waitSignal(viewer.finished, timeout=WAIT_MS):  # nothing to show: closed
            pass
    (record,) = [r for r in caplog.records if r.name.endswith("report_worker")]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None
    assert 'faults["missing"]' in caplog.text  # the whole traceback, to the faulty line
    assert "KeyError: 'missing'" in caplog.text
    assert said == [
        (
            "warning",
            "The report could not be made",
            "'missing'\n\nThe details are in the program's log.",
        )
    ]


def test_closing_the_viewer_while_it_builds_gives_the_build_up(
    qtbot: QtBot, tmp_path: Path, said: list[tuple[str, str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.DEBUG, logger="entretien_desktop.ui.reports.report_worker"),
        open_workspace(tmp_path / "large.sqlite", company_of(300)) as workspace,
    ):
        viewer = open_viewer(workspace, register_document(workspace, "en"))
        run = viewer.run
        assert run is not None and viewer.building
        stop = run.stop
        with qtbot.waitSignal(viewer.destroyed, timeout=WAIT_MS):
            viewer.close()  # deleted once closed, while its worker builds
        assert stop.is_set()
        report_pool().waitForDone()
        qtbot.wait(0)  # the outcome, told to nobody
    assert "A report was given up while it was built" in caplog.text
    assert "failed" not in caplog.text
    assert said == []


def test_cancel_while_the_first_build_runs_closes_the_viewer(
    qtbot: QtBot, tmp_path: Path, said: list[tuple[str, str, str]]
) -> None:
    with open_workspace(tmp_path / "large.sqlite", company_of(300)) as workspace:
        viewer = ReportViewer(workspace, register_document(workspace, "en"))
        qtbot.addWidget(viewer)
        viewer.show()
        assert viewer.progress is not None
        with qtbot.waitSignal(viewer.finished, timeout=WAIT_MS):
            click_cancel(qtbot, viewer.progress)
        assert not viewer.building
        assert viewer.data == b""
        drain_reports()
    assert said == []


def test_cancel_of_a_language_switch_keeps_the_report_shown(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "large.sqlite", company_of(300)) as workspace:
        viewer = ReportViewer(workspace, register_document(workspace, "en"))
        qtbot.addWidget(viewer)
        viewer.show()
        with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 6):
            pass
        english = viewer.data
        viewer.language_combo.setCurrentIndex(viewer.language_combo.findData("fr"))
        assert viewer.building and viewer.progress is not None
        with qtbot.assertNotEmitted(viewer.shown):
            click_cancel(qtbot, viewer.progress)
        assert viewer.isVisible()
        assert viewer.data == english
        assert viewer.language == "en"
        assert viewer.print_button.isEnabled()
        viewer.close()
        drain_reports()


def test_cancel_of_a_batch_stops_it_after_the_current_person(
    qtbot: QtBot, tmp_path: Path, said: list[tuple[str, str, str]]
) -> None:
    company = company_of(40)
    with open_workspace(tmp_path / "batch.sqlite", company) as workspace:
        items = batch_items(workspace.require_company(), 2024)
        assert len(items) >= 10
        folder = tmp_path / "reports"
        folder.mkdir()
        batch = BatchReports(workspace, items, folder, "Reports of 2024")
        progressed: list[int] = []

        def cancel_at_three(written: int) -> None:
            progressed.append(written)
            if written == 3:
                batch.progress.cancel()  # as the user's Cancel does

        batch.progressed.connect(cancel_at_three)
        with qtbot.waitSignal(batch.finished, timeout=WAIT_MS * 3) as finished:
            batch.start()
        assert finished.args == [3]
        assert progressed == [1, 2, 3]
        written = sorted(p.name for p in folder.iterdir())
        assert written == sorted(name for item in items[:3] for name in item.file_names)
        assert said[0][0] == "information"
        assert "Stopped" in said[0][2]
        assert f"3 of {len(items)} reports written" in said[0][2]
        drain_reports()
