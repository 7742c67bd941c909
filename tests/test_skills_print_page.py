"""File › Print… (Ctrl+P) on the Skills page prints what the page is about, as on the other
pages: the skills matrix of the site, department and job chosen (it printed the compliance
register, the pages' fallback)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.reports.report_viewer import ReportViewer
from entretien_desktop.ui.reports.report_worker import stop_all
from tests.helpers import TODAY, open_workspace
from tests.qt_helpers import WAIT_MS, window_on
from tests.skills_helpers import joinery

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with open_workspace(tmp_path / "joinery.entretien", joinery(TODAY)) as workspace:
        window = window_on(qtbot, workspace, tmp_path / "settings.ini")
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        yield window
        window.close()
        window.feed.pool.waitForDone()
        stop_all()


def test_ctrl_p_on_the_skills_page_prints_the_matrix_of_the_site_chosen(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def cancelled(dialog: QPrintDialog) -> int:
        asked.append(dialog.printer().docName())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", cancelled)
    page = window.pages.skills
    assert page is not None
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is page
    page.site_combo.setCurrentIndex(page.site_combo.findData("Vénissieux"))
    with qtbot.waitSignal(window.report_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    viewer = opened.args[0]
    assert isinstance(viewer, ReportViewer)
    qtbot.waitUntil(lambda: asked == ["Skills matrix — Site: Vénissieux"], timeout=WAIT_MS)
    first = pypdf.PdfReader(io.BytesIO(viewer.data)).pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape, as printed for the wall
    text = first.extract_text()
    assert "Site: Vénissieux" in text and "Karim Benali" in text
    assert "Hélène Martin" not in text  # Villeurbanne
    viewer.close()


def test_ctrl_p_elsewhere_still_prints_the_register(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def cancelled(dialog: QPrintDialog) -> int:
        asked.append(dialog.printer().docName())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", cancelled)
    window.show_page(0)
    with qtbot.waitSignal(window.report_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: asked == ["Compliance register"], timeout=WAIT_MS)
    opened.args[0].close()
