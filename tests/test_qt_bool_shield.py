"""PySide6 6.12.0 releases a reference to ``True`` at every signal delivered to Python: the
interface package shields bools so that a long session does not end in 'bool_dealloc'."""

from __future__ import annotations

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
