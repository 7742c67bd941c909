"""The idle lock: after the minutes of this computer's setting without input, or on File ›
Lock now, the window shows no name (its pages, title, status bar and other windows hidden)
until the passphrase, or a confirmation without one, is given; typing is saved first and
is back in its form after unlocking. A minute is made a few milliseconds here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.protection import (
    change_passphrase,
    is_protected,
    passphrase_matches,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import idle_lock
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.idle_lock import IDLE_LOCK_KEY
from entretien_desktop.ui.main_window import APPLICATION_TITLE, MainWindow
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS, real_window

pytestmark = pytest.mark.gui

NAMES = ("Éloïse", "Lefèvre", "Noé", "Garnier")
"""The employees' names, and the company's ("Garage Lefèvre")."""


@contextmanager
def locking_window(
    qtbot: QtBot, tmp_path: Path, minutes: int | None = None
) -> Iterator[tuple[Workspace, MainWindow]]:
    """The application's window on a small company, with ``minutes`` chosen on this
    computer (none: the default)."""
    path = tmp_path / "c.entretien"
    if minutes is not None:
        settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
        settings.setValue(IDLE_LOCK_KEY, minutes)
        settings.sync()
    with open_workspace(path, small_company()) as workspace, real_window(qtbot, workspace) as w:
        w.show()
        w.activateWindow()
        qtbot.waitExposed(w)
        qtbot.waitUntil(w.isActiveWindow)
        yield workspace, w


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found: list[str] = []
    root = view.rootIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # private in a list model: one column
        columns = 1
    for row in range(min(model.rowCount(root), 200)):
        for column in range(columns):
            value = model.data(model.index(row, column, root))
            if value is not None:
                found.append(str(value))
    return found


def _texts(widget: QWidget) -> list[str]:
    found = [widget.windowTitle(), widget.toolTip()]
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        found.append(widget.text())
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        found.append(widget.toPlainText())
    if isinstance(widget, QComboBox):
        found.append(widget.currentText())
    if isinstance(widget, QGroupBox):
        found.append(widget.title())
    if isinstance(widget, QAbstractItemView):
        found.extend(_model_texts(widget))
    return found


def visible_texts() -> str:
    """Every text a person could read in the program's windows on the screen now."""
    found: list[str] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for widget in [window, *window.findChildren(QWidget)]:
            if widget.isVisible():
                found.extend(_texts(widget))
    return "\n".join(found)


def _names_in(text: str) -> list[str]:
    return [name for name in NAMES if name in text]


def _plan(workspace: Workspace) -> Interview:
    interview = Interview("G1-annual", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", interview)
    return interview


def minutes_last(monkeypatch: pytest.MonkeyPatch, window: MainWindow, ms: int) -> None:
    """From now on a minute lasts ``ms`` milliseconds for the window's lock (made short only
    once the window is up: building it may take longer than a short minute)."""
    monkeypatch.setattr(idle_lock, "MS_PER_MINUTE", ms)
    window.idle_lock.set_minutes(window.idle_lock.minutes)


def test_the_window_locks_after_the_idle_time_and_shows_no_name(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with locking_window(qtbot, tmp_path, minutes=2) as (_workspace, window):
        assert window.idle_lock.minutes == 2  # this computer's setting
        window.show_employee("G1")
        assert _names_in(visible_texts())  # the walk does read the names shown
        assert "Garage Lefèvre" in window.windowTitle()
        with qtbot.waitSignal(window.idle_lock.locked, timeout=WAIT_MS):
            minutes_last(monkeypatch, window, 100)
        assert _names_in(visible_texts()) == []
        assert window.windowTitle() == APPLICATION_TITLE
        assert not window.statusBar().isVisible()  # it names the file
        assert window.idle_lock.screen.unlock_button.isVisible()


def test_input_postpones_the_lock(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with locking_window(qtbot, tmp_path, minutes=1) as (_workspace, window):
        typing = QTimer()
        typing.setInterval(100)
        typing.timeout.connect(lambda: qtbot.keyClick(window.navigation, Qt.Key.Key_Shift))
        typing.start()
        minutes_last(monkeypatch, window, 1000)
        # Two and a half "minutes" of someone at the keyboard: never locked.
        with qtbot.assertNotEmitted(window.idle_lock.locked, wait=2500):
            pass
        assert not window.idle_lock.screen.isVisible()
        typing.stop()
        with qtbot.waitSignal(window.idle_lock.locked, timeout=WAIT_MS):
            pass  # the keyboard left alone: locked a "minute" later


def test_a_wrong_passphrase_is_refused_and_the_right_one_unlocks_the_same_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with locking_window(qtbot, tmp_path) as (_workspace, window):
        window.set_passphrase_check(lambda typed: typed == "correct horse")
        window.show_page(1)  # Employees
        window.file_menu.lock_action.trigger()  # File › Lock now
        screen = window.idle_lock.screen
        assert window.idle_lock.is_locked
        assert screen.passphrase.isVisible()
        assert screen.passphrase.echoMode() == QLineEdit.EchoMode.Password
        assert window.focusWidget() is screen.passphrase

        qtbot.keyClicks(screen.passphrase, "wrong horse")
        with qtbot.assertNotEmitted(window.idle_lock.unlocked):
            qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
        assert screen.problem.isVisible()
        assert "not the file's passphrase" in screen.problem.text()
        assert window.focusWidget() is screen.passphrase
        assert screen.passphrase.selectedText() == "wrong horse"  # kept, typed over next
        assert _names_in(visible_texts()) == []

        screen.show_passphrase.setChecked(True)
        assert screen.passphrase.echoMode() == QLineEdit.EchoMode.Normal
        qtbot.keyClicks(screen.passphrase, "correct horse")
        assert not screen.problem.isVisible()
        with qtbot.waitSignal(window.idle_lock.unlocked, timeout=WAIT_MS):
            qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        assert window.current_page() is window.pages.employees
        assert window.pages.employees.isVisible()
        assert "Garage Lefèvre" in window.windowTitle()
        assert window.statusBar().isVisible()
        assert screen.passphrase.text() == ""  # nothing of the passphrase stays


def test_without_a_passphrase_a_confirmation_unlocks(qtbot: QtBot, tmp_path: Path) -> None:
    with locking_window(qtbot, tmp_path) as (_workspace, window):
        window.show_page(2)  # Interviews
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        screen = window.idle_lock.screen
        assert window.idle_lock.is_locked
        assert not screen.passphrase.isVisible()
        assert screen.unlock_button.text().replace("&", "") == "Show my data again"
        # Behind the lock, no shortcut acts: Ctrl+1 does not change the page, nor does one
        # of the window's own.
        pressed: list[str] = []
        QShortcut(QKeySequence("Ctrl+K"), window, lambda: pressed.append("Ctrl+K"))
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert pressed == []
        assert window.focusWidget() is screen.unlock_button
        with qtbot.waitSignal(window.idle_lock.unlocked, timeout=WAIT_MS):
            qtbot.keyClick(screen.unlock_button, Qt.Key.Key_Return)
        assert window.current_page() is window.pages.interviews
        assert not screen.isVisible()
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert pressed == ["Ctrl+K"]


def test_zero_minutes_never_locks(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle_lock, "MS_PER_MINUTE", 10)
    with locking_window(qtbot, tmp_path, minutes=0) as (_workspace, window):
        with qtbot.assertNotEmitted(window.idle_lock.locked, wait=300):
            pass
        assert not window.idle_lock.is_locked
        assert window.pages.dashboard.isVisible()


def test_text_typed_in_an_open_form_is_saved_by_the_lock_and_back_after(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with locking_window(qtbot, tmp_path) as (workspace, window):
        interview = _plan(workspace)
        wizard = InterviewWizard(workspace, "G1", interview.id, window)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        assert "Lefèvre" in wizard.windowTitle()
        editor = wizard.editors["results"]
        qtbot.keyClicks(editor.focusProxy(), "Objectifs atteints")
        assert wizard.pending  # typed, not yet written: the lock comes first

        window.lock()
        stored = load_company(workspace.database)
        assert stored is not None
        answers = next(i for i in stored.employees[0].interviews if i.id == interview.id).answers
        assert answers is not None
        assert answers["results"] == "Objectifs atteints"
        assert not wizard.isVisible()  # its title names the employee
        assert _names_in(visible_texts()) == []

        with qtbot.waitSignal(window.idle_lock.unlocked, timeout=WAIT_MS):
            window.idle_lock.screen.unlock_button.click()
        assert wizard.isVisible()
        assert editor.value() == "Objectifs atteints"


def test_a_question_waiting_for_an_answer_is_closed_as_cancelled(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with locking_window(qtbot, tmp_path) as (_workspace, window):
        seen: list[str] = []

        def lock_while_asking() -> None:
            seen.append(visible_texts())
            window.lock()

        QTimer.singleShot(0, lock_while_asking)
        answer = QMessageBox.question(window, "Cancel interview", "Cancel Noé Garnier's?")
        assert "Noé Garnier" in seen[0]
        assert answer != QMessageBox.StandardButton.Yes
        assert window.idle_lock.is_locked
        assert _names_in(visible_texts()) == []
        with qtbot.waitSignal(window.idle_lock.unlocked, timeout=WAIT_MS):
            window.idle_lock.screen.unlock_button.click()
        # The question does not come back: it was answered "no".
        assert not any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        )


def test_the_minutes_are_chosen_on_the_settings_page(qtbot: QtBot, tmp_path: Path) -> None:
    with locking_window(qtbot, tmp_path) as (_workspace, window):
        page = window.pages.settings
        window.show_page(5)
        spin = page.idle_lock_minutes
        assert spin.value() == 10
        spin.setValue(0)
        assert spin.text() == "Never"
        spin.setValue(3)
        page.save()
        assert window.idle_lock.minutes == 3
        assert window.idle_lock.timer.interval() == 3 * 60_000
        assert QSettings(str(window.settings.fileName()), QSettings.Format.IniFormat).value(
            IDLE_LOCK_KEY
        ) in (3, "3")


def test_a_window_opening_while_locked_is_hidden(qtbot: QtBot, tmp_path: Path) -> None:
    with locking_window(qtbot, tmp_path) as (_workspace, window):
        window.lock()
        late = QMessageBox(
            QMessageBox.Icon.Information, "Noé Garnier", "Noé Garnier", parent=window
        )
        late.open()
        qtbot.waitUntil(lambda: not late.isVisible())
        assert _names_in(visible_texts()) == []
        own = QDialog(window.idle_lock.screen)  # as the passphrase field's context menu
        own.show()
        QApplication.processEvents()  # the turn in which a foreign window is hidden
        assert own.isVisible()
        own.close()
        with qtbot.waitSignal(window.idle_lock.unlocked, timeout=WAIT_MS):
            window.idle_lock.screen.unlock_button.click()
        assert late.isVisible()  # back with the rest once unlocked


def test_the_passphrase_of_a_protected_file_unlocks_it(qtbot: QtBot, tmp_path: Path) -> None:
    """The check wired as ``ui/idle_lock.py`` says, on a file given a passphrase."""
    with locking_window(qtbot, tmp_path) as (workspace, window):
        change_passphrase(workspace, "correct horse battery")
        window.set_passphrase_check(
            (lambda typed: passphrase_matches(workspace, typed))
            if is_protected(workspace)
            else None
        )
        window.lock()
        screen = window.idle_lock.screen
        qtbot.keyClicks(screen.passphrase, "Correct horse battery")
        screen.unlock_button.click()
        assert window.idle_lock.is_locked
        assert screen.problem.isVisible()
        screen.passphrase.clear()
        qtbot.keyClicks(screen.passphrase, "correct horse battery")
        with qtbot.waitSignal(window.idle_lock.unlocked, timeout=WAIT_MS):
            qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
        assert "Garage Lefèvre" in window.windowTitle()
