"""The interview form's autosave, measured: from a keystroke to the text on disk.

Prints (issue 12): for 20 bursts of typing (30 characters each, typed as fast as the event
loop takes them) in a form of the demo company, the time from the last keystroke of a
burst to the moment its save is committed to the file (median and worst), the time the
interface thread spends in one save (the write itself, fsync included), and how many
writes a burst makes (one per keystroke before the debounce). The save waits
``SAVE_DELAY_MS`` after the last keystroke by design: the figure is that delay plus the
write, and bounds what a killed process can lose. Target: at most half a second.

Usage: ``python bench/form.py`` (offscreen unless QT_QPA_PLATFORM is set).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.forms.interview_wizard import SAVE_DELAY_MS, InterviewWizard

BURSTS, KEYS = 20, 30
TARGET_MS = 500.0


def main() -> None:
    application = QApplication(sys.argv)
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.sqlite"
        with open_database(path) as database:
            import_company(database, build_demo_company(today))
        with open_database(path) as database:
            workspace = Workspace(database, today=lambda: today)
            ref = workspace.require_company().employees[0].ref
            interview = Interview("BENCH-1", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED)
            workspace.put_interview(ref, replace(interview, date=today))
            wizard = InterviewWizard(workspace, ref, interview.id)
            wizard.show()
            editor = wizard.editors["results"]
            wizard.show_section(wizard.template.section_index("results"))
            target = editor.focusProxy() or editor
            target.setFocus()

            saves: list[float] = []
            writes: list[float] = []
            original = workspace.update_interview

            def timed(*args: object, **kwargs: object) -> Interview:
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)  # type: ignore[arg-type]
                finally:
                    writes.append(time.perf_counter() - started)

            workspace.update_interview = timed  # type: ignore[method-assign]
            loop = QEventLoop()

            def saved() -> None:
                saves.append(time.perf_counter())
                loop.quit()

            wizard.saved.connect(saved)

            delays, per_burst = [], []
            for burst in range(BURSTS):
                before = len(writes)
                for key in range(KEYS):
                    QTest.keyClick(target, chr(ord("a") + (burst + key) % 26))
                last_key = time.perf_counter()
                loop.exec()  # until the save
                delays.append((saves[-1] - last_key) * 1000)
                per_burst.append(len(writes) - before)
                QTest.keyClick(target, Qt.Key.Key_Return)
                application.processEvents()
            wizard.close()

    write_ms = [w * 1000 for w in writes]
    print(f"form autosave: save delay {SAVE_DELAY_MS} ms after the last keystroke")
    print(
        f"  keystroke to save on disk: median {statistics.median(delays):.0f} ms, "
        f"worst {max(delays):.0f} ms (target <= {TARGET_MS:.0f} ms)"
    )
    print(
        f"  one save on the interface thread (fsync included): median "
        f"{statistics.median(write_ms):.1f} ms, worst {max(write_ms):.1f} ms"
    )
    print(
        f"  writes per burst of {KEYS} keystrokes: {statistics.median(per_burst):.0f} "
        f"(one per keystroke without the debounce: {KEYS})"
    )


if __name__ == "__main__":
    main()
