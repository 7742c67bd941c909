"""The program's window in a process of its own, driven line by line: the second user of
tests/test_journey_two_processes.py, on another program than the test's, as on another
computer.

    python -m tests.window_process --url URL --today 2026-11-22 --folder DIR

The window is built as the program builds it (``tests.qt_helpers.program_window``: the
composition root's ``build_window``), on the server's database at ``URL``, offscreen. It
reads one command a line on its standard input (words as a shell splits them) and answers
each with one JSON line on its standard output, in order; the first line, unasked, says it
is ready. Anything else the process prints goes to its standard error.

- ``register``: the rows its register shows (number, job title, site).
- ``status``: the status bar's message and its label (who is connected, with their role).
- ``type REF FIELD VALUE``: opens the employee from the register (Return on its row), then
  Edit…, and types VALUE in FIELD (``job_title``, ``first_name``, ``last_name``); the
  dialog stays open.
- ``ok``: presses OK in that dialog; says whether it closed (saved), the refusal shown, the
  text still in the field, and the box offering Reload.
- ``edit REF FIELD VALUE``: ``type`` then ``ok``.
- ``reload_and_ok``: chooses Reload in the box, then OK.
- ``wait_change SECONDS``: waits until another user's change has arrived since the last
  ``wait_change`` and the window shows it; says the status bar's message.
- ``quit``: closes the window and ends the process, at once (even during a wait).

Every wait turns Qt's event loop (a timer checks the condition); a wait that times out
answers ``{"error": …}`` with what the window shows, as does a command that fails. The end
of the input (the test gone) quits too.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

if TYPE_CHECKING:
    from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
    from entretien_desktop.ui.main_window import MainWindow

FIELDS = {"job_title": "job_edit", "first_name": "first_name_edit", "last_name": "last_name_edit"}
"""The employee dialog's text fields a command may type in, by the employee's field."""
TICK_MS = 20
COMMAND_WAIT_S = 20.0
"""How long a command waits for the window to settle (its obligations computed)."""

Answer = dict[str, Any]


class _Lines(QObject):
    """Carries the lines read on the reading thread to the interface's thread."""

    line = Signal(str)


class Driver(QObject):
    """Runs the commands one after the other on ``window``, answering on ``out``."""

    def __init__(self, window: MainWindow, out: IO[str]) -> None:
        super().__init__(window)
        from entretien_desktop.ui.live_updates import LiveUpdates  # noqa: PLC0415

        self.window, self.out = window, out
        self.queue: deque[str] = deque()
        self.running: str | None = None
        self.dialog: EmployeeDialog | None = None
        self.field: QLineEdit | None = None
        self.changes: list[str] = []
        self.seen = 0
        self.feed_busy = False
        live = window.findChild(LiveUpdates)
        if live is None or not live.watching:
            raise RuntimeError("The window does not listen to the server's notices")
        live.refreshed.connect(self._changed)
        window.feed.busy_changed.connect(self._feed_busy)
        self._condition: Callable[[], bool] = lambda: True
        self._then: Callable[[], Answer] = dict
        self._deadline = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- the signals it follows -------------------------------------------------------------
    def _changed(self, message: str) -> None:
        self.changes.append(message)

    def _feed_busy(self, busy: bool) -> None:
        self.feed_busy = busy

    def settled(self) -> bool:
        """The window shows the workspace as it is: its obligations computed for it."""
        return not self.feed_busy and self.window.feed.latest is not None

    # -- the commands, one at a time ----------------------------------------------------------
    def start(self) -> None:
        """Says ``ready`` once the first report of the obligations is in."""
        self.running = "ready"
        self.window.feed.refresh()
        self._wait(self.settled, self._ready, COMMAND_WAIT_S)

    def take(self, line: str) -> None:
        if line.strip() == "quit":  # at once, even during a wait: the test is leaving
            self._timer.stop()
            self.queue.clear()
            self.running = "quit"
            self._answer({"bye": True})
            QTimer.singleShot(0, QApplication.quit)
            return
        if line.strip():
            self.queue.append(line.strip())
        self._next()

    def _next(self) -> None:
        if self.running is not None or not self.queue:
            return
        line = self.queue.popleft()
        words = shlex.split(line)
        self.running = words[0]
        try:
            self._run(words[0], words[1:])
        except Exception as error:  # the test reads it, with the traceback
            self._answer({"error": f"{type(error).__name__}: {error}", "trace": _trace()})

    def _run(self, command: str, arguments: list[str]) -> None:
        if command == "register":
            self._wait(self.settled, self._register, COMMAND_WAIT_S)
        elif command == "status":
            self._answer(self._status())
        elif command in {"type", "edit"}:
            ref, field, value = arguments
            then = self._typed if command == "type" else self._ok

            def typed() -> Answer:
                self._type(ref, field, value)
                return then()

            self._wait(self.settled, typed, COMMAND_WAIT_S)
        elif command == "ok":
            self._answer(self._ok())
        elif command == "reload_and_ok":
            self._answer(self._reload_and_ok())
        elif command == "wait_change":
            (seconds,) = arguments
            self._wait(
                lambda: len(self.changes) > self.seen and self.settled(),
                self._change,
                float(seconds),
            )
        else:
            self._answer({"error": f"unknown command {command!r}"})

    def _answer(self, answer: Answer) -> None:
        self.out.write(json.dumps({"command": self.running, **answer}, ensure_ascii=False) + "\n")
        self.out.flush()
        self.running = None
        QTimer.singleShot(0, self._next)

    def _wait(
        self, condition: Callable[[], bool], then: Callable[[], Answer], seconds: float
    ) -> None:
        """Answer ``then()`` once ``condition()`` holds, checked as the event loop turns."""
        self._condition, self._then = condition, then
        self._deadline = time.monotonic() + seconds
        self._timer.start()
        self._tick()

    def _tick(self) -> None:
        if not self._timer.isActive():
            return
        try:
            if self._condition():
                self._timer.stop()
                self._answer(self._then())
            elif time.monotonic() > self._deadline:
                self._timer.stop()
                self._answer({"error": "timed out", **self._status()})
        except Exception as error:
            self._timer.stop()
            self._answer({"error": f"{type(error).__name__}: {error}", "trace": _trace()})

    # -- what the window shows ----------------------------------------------------------------
    def _ready(self) -> Answer:
        return {"ready": True, **self._status()}

    def _status(self) -> Answer:
        window = self.window
        return {"message": window.statusBar().currentMessage(), "who": window.path_label.text()}

    def _register(self) -> Answer:
        from entretien_desktop.ui.pages.employees_model import Column  # noqa: PLC0415

        proxy = self.window.pages.employees.proxy
        rows = [
            {
                "ref": proxy.index(row, Column.NUMBER).data(),
                "job": proxy.index(row, Column.JOB).data(),
                "site": proxy.index(row, Column.SITE).data(),
            }
            for row in range(proxy.rowCount())
        ]
        return {"rows": rows}

    def _change(self) -> Answer:
        self.seen = len(self.changes)
        return {"change": self.changes[-1], **self._status()}

    # -- what the user does -------------------------------------------------------------------
    def _type(self, ref: str, field: str, value: str) -> None:
        """The employee opened from the register (Return on their row), Edit…, ``value``
        typed in ``field``."""
        from entretien_desktop.ui.pages.employees_model import REF_ROLE  # noqa: PLC0415

        window = self.window
        window.show_page(window.nav_pages.index(window.pages.employees))
        table, proxy = window.pages.employees.table, window.pages.employees.proxy
        rows = [proxy.index(r, 0) for r in range(proxy.rowCount())]
        row = next((i for i in rows if i.data(REF_ROLE) == ref), QModelIndex())
        if not row.isValid():
            raise LookupError(f"{ref} is not in the register")
        table.setFocus()
        table.setCurrentIndex(row)
        QTest.keyClick(table, Qt.Key.Key_Return)
        page = window.pages.employee
        if window.current_page() is not page or page.ref != ref:
            raise LookupError(f"Return on {ref}'s row did not open their page")
        QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
        dialog = page.edit_dialog
        if dialog is None or not dialog.isVisible():
            raise LookupError("Edit… opened no dialog")
        edit = getattr(dialog, FIELDS[field])
        edit.setFocus()
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Delete)
        QTest.keyClicks(edit, value)
        self.dialog, self.field = dialog, edit

    def _typed(self) -> Answer:
        dialog, field = self._open_dialog()
        return {"open": dialog.isVisible(), "typed": field.text()}

    def _ok(self) -> Answer:
        dialog, _field = self._open_dialog()
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return self._outcome()

    def _reload_and_ok(self) -> Answer:
        dialog, _field = self._open_dialog()
        box = getattr(dialog, "reload_box", None)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            raise LookupError("No box offers to reload")
        reload_button = next(b for b in box.buttons() if b.text() == "&Reload")
        QTest.mouseClick(reload_button, Qt.MouseButton.LeftButton)
        return self._ok()

    def _open_dialog(self) -> tuple[EmployeeDialog, QLineEdit]:
        if self.dialog is None or self.field is None:
            raise LookupError("No employee dialog was opened (type REF FIELD VALUE first)")
        return self.dialog, self.field

    def _outcome(self) -> Answer:
        dialog, field = self._open_dialog()
        box = getattr(dialog, "reload_box", None)
        offered = isinstance(box, QMessageBox) and box.isVisible()
        return {
            "saved": not dialog.isVisible() and dialog.saved_ref is not None,
            "open": dialog.isVisible(),
            "refusal": dialog.problems_shown().get("general", ""),
            "typed": field.text(),
            "reload_offered": offered,
        }


def _trace() -> str:
    return traceback.format_exc(limit=8)


def _read_lines(relay: _Lines) -> None:
    """On a thread of its own: each line of the standard input to the interface's thread;
    the end of the input is a ``quit``."""
    for line in sys.stdin:
        relay.line.emit(line)
    relay.line.emit("quit")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.window_process")
    parser.add_argument("--url", required=True, help="the server's database, as this user")
    parser.add_argument("--today", required=True, type=date.fromisoformat)
    parser.add_argument("--folder", required=True, type=Path, help="settings, log")
    parser.add_argument("--language", default="en")
    args = parser.parse_args(argv)

    # The answers on the real standard output; anything else printed to the errors.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from entretien_desktop import paths  # noqa: PLC0415
    from entretien_desktop.i18n import set_language  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415
    from entretien_desktop.storage import open_server  # noqa: PLC0415
    from tests.qt_helpers import program_window  # noqa: PLC0415

    folder: Path = args.folder
    paths.log_dir = lambda: folder / "log"  # type: ignore[method-assign]
    paths.config_dir = lambda: folder / "config"  # type: ignore[method-assign]
    set_language(args.language)
    application = QApplication(["window_process"])
    today: date = args.today
    database = open_server(args.url)
    try:
        workspace = Workspace(database, today=lambda: today)
        window = program_window(workspace, folder / "window.ini")
        window.resize(1024, 640)
        window.show()
        driver = Driver(window, out)
        relay = _Lines()
        relay.line.connect(driver.take, Qt.ConnectionType.QueuedConnection)
        threading.Thread(target=_read_lines, args=(relay,), daemon=True).start()
        driver.start()
        code = application.exec()
        window.close()
        window.feed.pool.waitForDone()
        return code
    finally:
        database.close()


if __name__ == "__main__":
    sys.exit(main())
