"""The journey of issue 20 ("Done when") across two processes: two windows of the program,
each in its own process with its own connections, as two users with different roles on one
PostgreSQL server. Claire (HR) works in this test's process; Marc (Lyon site manager) in
a second one (tests/window_process.py), driven line by line as a user would (the register,
Edit…, typing, OK, Reload). Each sees the other's changes arrive; a save over the other's
newer one is refused with who and when, the typing kept; the site manager's register and
even his raw SQL hold Lyon only; the company then goes back to a file that works as before.

Nothing sleeps: this process waits with ``qtbot`` (a reading thread fills a queue), the
other with its event loop; a wait that times out fails with the last lines read and the
other process's errors. The other process is killed whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from entretien_desktop.cli import EXIT_OK, main
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.pages.employees_model import REF_ROLE, Column
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import WAIT_MS
from tests.test_journey_server import Desk, _type
from tests.test_server_roles import TODAY, _as, company_url  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
START_S = 60
"""The other process's start: Python, Qt, the connection and the first report."""
ANSWER_S = 20


class WindowProcess:
    """The program's window in a process of its own (tests/window_process.py): a command
    a line on its input, a JSON answer a line on its output."""

    def __init__(self, qtbot: QtBot, url: str, folder: Path) -> None:
        self.qtbot = qtbot
        folder.mkdir(parents=True, exist_ok=True)
        self.errors_path = folder / "errors.txt"
        self._errors = self.errors_path.open("w", encoding="utf-8")
        command = [sys.executable, "-m", "tests.window_process", "--url", url]
        command += ["--today", TODAY.isoformat(), "--folder", str(folder)]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"},
        )
        self.read: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        assert self.process.stdout is not None
        self._reader = threading.Thread(
            target=_read_lines, args=(self.process.stdout, self._lines), daemon=True
        )
        self._reader.start()

    def answer(self, timeout_s: float = ANSWER_S, *, error: bool = False) -> dict[str, Any]:
        """The next answer, waited for with this process's event loop turning; an error
        fails the test unless ``error`` is expected (and then it must be one)."""
        got: list[str | None] = []

        def arrived() -> bool:
            try:
                got.append(self._lines.get_nowait())
            except queue.Empty:
                return False
            return True

        try:
            self.qtbot.waitUntil(arrived, timeout=int(timeout_s * 1000))
        except WaitTimeout:
            pytest.fail(f"No answer from the other window in {timeout_s} s; {self._said()}")
        line = got[0]
        if line is None:
            pytest.fail(f"The other window's process ended ({self.process.poll()}); {self._said()}")
        self.read.append(line)
        try:
            answer: dict[str, Any] = json.loads(line)
        except ValueError:
            pytest.fail(f"Not an answer: {line!r}; {self._said()}")
        if ("error" in answer) != error:
            pytest.fail(f"The other window answered {answer}; {self._said()}")
        return answer

    def ask(self, *words: str, timeout_s: float = ANSWER_S, error: bool = False) -> dict[str, Any]:
        self.send(*words)
        answer = self.answer(timeout_s, error=error)
        assert answer["command"] == words[0], answer
        return answer

    def send(self, *words: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(shlex.join(words) + "\n")
        self.process.stdin.flush()

    def _said(self) -> str:
        self._errors.flush()
        errors = self.errors_path.read_text(encoding="utf-8", errors="replace")
        return f"last read: {self.read[-3:]}; its errors: {errors[-3000:]}"

    def stop(self) -> None:
        """Quit if it still listens, else killed; its pipes closed."""
        try:
            if self.process.poll() is None:
                with contextlib.suppress(OSError, ValueError, subprocess.TimeoutExpired):
                    self.send("quit")
                    self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(timeout=30)
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
            self._reader.join(timeout=5)
            self._errors.close()


def _read_lines(pipe: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in pipe:
        lines.put(line)
    lines.put(None)


@pytest.fixture
def marc(qtbot: QtBot, company_url: str, tmp_path: Path) -> Iterator[WindowProcess]:  # noqa: F811
    """The Lyon site manager's window, in a second process (started first: it takes a few
    seconds to come up, while this process builds its own window)."""
    other = WindowProcess(qtbot, _as(company_url, "lyon_marc"), tmp_path / "marc")
    try:
        yield other
    finally:
        other.stop()


@pytest.fixture
def claire(
    qtbot: QtBot,
    company_url: str,  # noqa: F811
    tmp_path: Path,
    marc: WindowProcess,
) -> Iterator[Desk]:
    """HR's window, in this process."""
    desk = Desk(qtbot, company_url, "rh_claire", tmp_path)
    try:
        yield desk
    finally:
        desk.close()


def _jobs(answer: dict[str, Any]) -> dict[str, str]:
    """The job titles the other window's register shows, by employee number."""
    return {row["ref"]: row["job"] for row in answer["rows"]}


def _job_shown(desk: Desk, ref: str) -> str:
    """The job title this window's register shows for ``ref``."""
    proxy = desk.window.pages.employees.proxy
    rows = (proxy.index(row, Column.NUMBER) for row in range(proxy.rowCount()))
    row = next(index.row() for index in rows if index.data(REF_ROLE) == ref)
    return str(proxy.index(row, Column.JOB).data())


def test_two_windows_in_two_processes_as_two_roles_on_one_server(
    qtbot: QtBot,
    claire: Desk,
    marc: WindowProcess,
    company_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ready = marc.answer(START_S)
    assert ready["ready"]
    # Each window says who is connected, with their role.
    assert ready["who"].endswith("— Marc Girard (site manager)")
    assert claire.window.path_label.text().endswith("— Claire Fabre (human resources)")

    # Marc's register holds Lyon only; Claire's both sites.
    everyone = claire.workspace.require_company().employees
    present = [e for e in everyone if e.exit_date is None or e.exit_date >= TODAY]
    lyon = {e.ref for e in present if e.site == "Lyon"}
    his_register = marc.ask("register")["rows"]
    assert {row["ref"] for row in his_register} == lyon
    assert {row["site"] for row in his_register} == {"Lyon"}
    assert claire.window.pages.employees.proxy.rowCount() == len(present) > len(lyon)
    # Even raw SQL on his connection's URL gives no other site's row.
    engine = create_engine(_as(company_url, "lyon_marc"))
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT ref, site FROM employee")).all()
    finally:
        engine.dispose()
    assert {site for _ref, site in rows} == {"Lyon"}
    assert {ref for ref, _site in rows} >= lyon
    assert not {ref for ref, _site in rows} & {e.ref for e in everyone if e.site != "Lyon"}
    elsewhere = sorted(e.ref for e in present if e.site != "Lyon")
    # Nor can his window open one: not in his register.
    hidden = marc.ask("type", elsewhere[0], "job_title", "X", error=True)
    assert hidden["error"] == f"LookupError: {elsewhere[0]} is not in the register"

    ref = sorted(lyon)[0]
    # Claire changes a Lyon employee's job title: it arrives in Marc's window.
    hers = claire.edit(ref)
    _type(qtbot, hers, "Chef de chantier")
    qtbot.mouseClick(hers.ok_button, Qt.MouseButton.LeftButton)
    assert not hers.isVisible()
    change = marc.ask("wait_change", "15")
    assert change["change"].startswith("Updated: changes by another user (")
    assert marc.ask("status")["message"] == change["change"]  # on his status bar
    assert _jobs(marc.ask("register"))[ref] == "Chef de chantier"

    # Marc starts typing a title; Claire saves another first, and it arrives in his window.
    typing = marc.ask("type", ref, "job_title", "Chef d'atelier")
    assert typing == {"command": "type", "open": True, "typed": "Chef d'atelier"}
    hers = claire.edit(ref)
    _type(qtbot, hers, "Menuisiere confirmee")
    qtbot.mouseClick(hers.ok_button, Qt.MouseButton.LeftButton)
    assert not hers.isVisible()
    marc.ask("wait_change", "15")
    # His save is refused, naming Claire and when; what he typed stays; hers is not overwritten.
    refused = marc.ask("ok")
    assert not refused["saved"] and refused["open"] and refused["reload_offered"]
    name = re.escape(claire.workspace.employee(ref).full_name)
    assert re.fullmatch(
        rf"{name}: changed by Claire Fabre at \d\d:\d\d — reload\?", refused["refusal"]
    )
    assert refused["typed"] == "Chef d'atelier"
    claire.workspace.reload()
    assert claire.workspace.employee(ref).job_title == "Menuisiere confirmee"

    # He chooses Reload, then OK: his title is saved, and Claire sees it arrive.
    with qtbot.waitSignal(claire.live.refreshed, timeout=WAIT_MS):
        saved = marc.ask("reload_and_ok")
        assert saved["saved"] and not saved["open"]
    assert claire.workspace.employee(ref).job_title == "Chef d'atelier"
    assert claire.window.statusBar().currentMessage().startswith("Updated: changes by another")
    qtbot.waitUntil(lambda: _job_shown(claire, ref) == "Chef d'atelier", timeout=WAIT_MS)
    assert _jobs(marc.ask("register"))[ref] == "Chef d'atelier"

    # The other way round: Claire's dialog, opened before Marc's save, is refused naming him.
    hers = claire.edit(ref)
    _type(qtbot, hers, "Chef d'equipe")
    with qtbot.waitSignal(claire.live.refreshed, timeout=WAIT_MS):
        done = marc.ask("edit", ref, "job_title", "Responsable atelier")
        assert done["saved"]
    qtbot.mouseClick(hers.ok_button, Qt.MouseButton.LeftButton)
    assert hers.isVisible()
    assert re.fullmatch(
        rf"{name}: changed by Marc Girard at \d\d:\d\d — reload\?", hers.problems_shown()["general"]
    )
    assert hers.job_edit.text() == "Chef d'equipe"
    box = hers.reload_box
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert claire.workspace.employee(ref).job_title == "Responsable atelier"
    hers.reject()

    assert marc.ask("quit") == {"command": "quit", "bye": True}
    assert marc.process.wait(timeout=30) == 0

    # The company goes back to a file, which works on one laptop as before.
    file = tmp_path / "atelier.entretien"
    assert main(["copy", "--from", company_url, "--to", str(file)]) == EXIT_OK
    capsys.readouterr()
    with open_database(file) as database:
        alone = Workspace(database, today=lambda: TODAY)
        assert alone.employee(ref).job_title == "Responsable atelier"
        assert len(alone.require_company().employees) == len(everyone)
        alone.save_employee(replace(alone.employee(ref), job_title="Ébéniste"), replacing=ref)
        assert alone.employee(ref).job_title == "Ébéniste"
        assert alone.undo()
        assert alone.employee(ref).job_title == "Responsable atelier"
    assert main(["check", "--db", str(file), "--as-of", TODAY.isoformat(), "--json"]) == EXIT_OK
