"""PySide6 6.12.0 releases a reference to ``True`` at every signal delivered to Python: the
interface package shields bools so that a long session does not end in 'bool_dealloc'."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

MANY_SIGNALS = """
from PySide6.QtCore import QObject, Signal
import entretien_desktop.ui  # noqa: F401  (applies the shield)

class Sender(QObject):
    changed = Signal(str)

def slot(_text: str) -> None:
    pass

sender = Sender()
sender.changed.connect(slot)
for _ in range(50_000):
    sender.changed.emit("x")
print("survived", flush=True)
"""


def test_fifty_thousand_signals_do_not_kill_the_process() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MANY_SIGNALS], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"


MANY_EVENT_LOOPS = """
import sys
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

application = QApplication([])
runs = sys.getrefcount(None)  # each run costs two references: twice as many as there are
import entretien_desktop.ui  # noqa: E402, F401  (applies the shield)
for _ in range(runs):
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()
print("survived", flush=True)
"""


def test_more_event_loops_than_none_has_references_do_not_kill_the_process() -> None:
    """Every modal dialog runs an event loop; PySide6 6.12.0 releases two references to
    None each time ("none_dealloc" after a few thousand dialogs)."""
    result = subprocess.run(
        [sys.executable, "-c", MANY_EVENT_LOOPS],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"
