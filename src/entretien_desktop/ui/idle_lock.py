"""The idle lock: after some minutes without keyboard or mouse, the window shows no data.

``IdleLock`` watches the input of the whole application (an event filter on it): every key
press, click, wheel turn or mouse move restarts a timer of ``idle_minutes`` (a preference
of this computer, ``IDLE_LOCK_KEY`` in the interface's ``QSettings``; 10 by default, 0 for
never). When it runs out, or on File › Lock now (Ctrl+L), the window locks:

1. the typing not yet written is saved first (``save_work``: the workspace's
   ``flush_drafts``, the same flush as signing), so nothing typed is lost;
2. every other window of the program is hidden: the interview forms, report viewers and
   dialogs come back on unlocking; a question waiting for an answer (a dialog run with
   ``exec``) is closed as cancelled, as if Escape had been pressed; a menu or tooltip
   closes; a window that opens while locked is hidden at once;
3. the window's central area is replaced by the lock screen (``LockScreen``), its title
   loses the company's name, its status bar (the file's name) is hidden, its menus and
   keyboard shortcuts do nothing.

Unlocking brings back the same page, with what was typed. The lock screen asks for

* a confirmation ("Show my data again") when the file has no passphrase;
* the file's passphrase when it has one: a password field with a "Show" box; a wrong
  passphrase is refused with a message, the field keeps the focus and its text (selected,
  to type again over it), and there is no limit on tries.

The passphrase interface, for the composition root (wired where the file is opened):
``MainWindow.set_passphrase_check(check)`` with ``check: Callable[[str], bool] | None``
(also a keyword argument of ``MainWindow``). ``check`` receives the text typed and answers
whether it is the open file's passphrase; it must raise nothing (a file it cannot read is
a ``False``); the lock screen shows a wait cursor while it runs (deriving a key takes a
fraction of a second). ``None``, the default, means the file has no passphrase. It can
change while the window is open (a passphrase set or removed): the lock screen asks as the
check in place when it locks says. With ``services.protection``,
after opening a file and after each ``change_passphrase``::

    window.set_passphrase_check(
        (lambda typed: passphrase_matches(workspace, typed))
        if is_protected(workspace)
        else None
    )

Never a check for a file without a passphrase: no text would unlock the window (only
closing it would, the work being saved).

This lock is a screen, not encryption: the data file on the disk is as readable while the
window is locked as when it is not. It keeps a passer-by from reading the open window.
System dialogs drawn by the operating system itself (a native file or print dialog) are
not Qt windows and are not hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _, ngettext
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.text import heading

IDLE_LOCK_KEY = "interface/idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240
MS_PER_MINUTE = 60_000
"""Read each time the minutes are set: tests make a minute a few milliseconds."""

PassphraseCheck = Callable[[str], bool]

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
_TRANSIENT = frozenset({Qt.WindowType.Popup, Qt.WindowType.ToolTip})
"""Windows that close rather than come back (menus, completions, tooltips)."""

log = logging.getLogger(__name__)


def idle_minutes(settings: QSettings) -> int:
    """The minutes without input before the window locks (0: never), as this computer's
    settings hold them; the default when none or nonsense is stored."""
    value = settings.value(IDLE_LOCK_KEY)
    try:
        minutes = int(str(value)) if value is not None else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return minutes if 0 <= minutes <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES


def minutes_suffix(count: int) -> str:
    return ngettext(" minute", " minutes", count)


class LockScreen(QWidget):
    """What the locked window shows: the program's name, that the window is locked and the
    work saved, and the way back in (a button, or the passphrase and a button)."""

    unlock_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self.title = heading(title, 1.6)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel()
        self.message.setObjectName("lock_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("lock_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.passphrase.returnPressed.connect(self.unlock_requested)
        self.passphrase.textEdited.connect(self._typed)
        self.show_passphrase = QCheckBox(_("&Show the passphrase"))
        self.show_passphrase.setObjectName("lock_show_passphrase")
        self.show_passphrase.toggled.connect(self._show_toggled)
        self.problem = QLabel()
        self.problem.setObjectName("lock_problem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.problem.setStyleSheet(theme.ERROR_STYLE)
        self.problem.hide()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.passphrase_row = QWidget()
        row = QHBoxLayout(self.passphrase_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.show_passphrase)
        self._lay_out()
        self.prepare(asks_passphrase=False)

    def _lay_out(self) -> None:
        """The title, message, field and button in a column at the middle of the window."""
        column = QWidget()
        column.setMaximumWidth(420)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addWidget(self.passphrase_row)
        inner.addWidget(self.problem)
        inner.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        across = QHBoxLayout()
        across.addStretch(1)
        across.addWidget(column, 4)
        across.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addLayout(across)
        layout.addStretch(2)

    def prepare(self, *, asks_passphrase: bool) -> None:
        """Show the way back in for a file with a passphrase or without; nothing typed."""
        self.asks_passphrase = asks_passphrase
        self.passphrase.clear()
        self.show_passphrase.setChecked(False)
        self.problem.clear()
        self.problem.hide()
        self.passphrase_row.setVisible(asks_passphrase)
        if asks_passphrase:
            self.message.setText(
                _(
                    "The window is locked. Your work is saved. Type the file's passphrase "
                    "to show your data again."
                )
            )
            self.unlock_button.setText(_("&Unlock"))
        else:
            self.message.setText(
                _("The window is locked to hide your data from passers-by. Your work is saved.")
            )
            self.unlock_button.setText(_("&Show my data again"))

    def focus_entry(self) -> None:
        """Give the keyboard to the passphrase field, or to the button."""
        if self.asks_passphrase:
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.unlock_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refuse(self) -> None:
        """Say that the text typed is not the passphrase; it stays, selected, in the field."""
        if self.passphrase.text():
            self.problem.setText(
                _(
                    "This is not the file's passphrase. Check the Caps Lock key and the "
                    "keyboard layout, and try again."
                )
            )
        else:
            self.problem.setText(_("Type the file's passphrase."))
        self.problem.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _typed(self, _text: str) -> None:
        self.problem.hide()

    def _show_toggled(self, shown: bool) -> None:
        self.passphrase.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )


@dataclass(slots=True)
class _Hidden:
    """A window hidden by the lock, and whether it was modal when hidden."""

    widget: QWidget
    modal: bool


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` without input, or when asked (see module doc).

    ``stack`` is the window's central stacked widget: the lock screen becomes one of its
    pages, shown in place of the one that was. ``save_work`` writes what the forms hold.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QMainWindow,
        stack: QStackedWidget,
        *,
        title: str,
        save_work: Callable[[], None],
        minutes: int = DEFAULT_IDLE_MINUTES,
        check_passphrase: PassphraseCheck | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.stack, self.title = window, stack, title
        self.save_work = save_work
        self.check_passphrase = check_passphrase
        self.screen = LockScreen(title)
        self.screen.unlock_requested.connect(self.try_unlock)
        stack.addWidget(self.screen)
        self._locked = False
        self._covered: QWidget | None = None
        self._title = ""
        self._status_shown = True
        self._hidden: list[_Hidden] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.minutes = 0
        self.set_minutes(minutes)
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self._locked

    def set_minutes(self, minutes: int) -> None:
        """Lock after ``minutes`` without input from now on (0: never)."""
        self.minutes = max(0, minutes)
        if self.minutes == 0:
            self.timer.stop()
            return
        self.timer.setInterval(self.minutes * MS_PER_MINUTE)
        if not self._locked:
            self.timer.start()

    # -- input ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if not self._locked and self.minutes:
                self.timer.start()
        elif self._locked:
            if kind == QEvent.Type.Shortcut and not self._on_screen(watched):
                return True  # no menu command, page or dialog behind the lock
            if kind == QEvent.Type.Show and self._foreign_window(watched):
                assert isinstance(watched, QWidget)
                self._hide_later(watched)
        return super().eventFilter(watched, event)

    def _on_screen(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self.screen or self.screen.isAncestorOf(watched)
        )

    def _foreign_window(self, watched: QObject) -> bool:
        """A window other than this one, and not the lock screen's own (the passphrase
        field's context menu, for one)."""
        if not (isinstance(watched, QWidget) and watched.isWindow()):
            return False
        parent = watched.parentWidget()
        return watched is not self.window and not (parent is not None and self._on_screen(parent))

    def _hide_later(self, widget: QWidget) -> None:
        """A window opened while locked: hidden once its showing is over."""

        def hide() -> None:
            if self._locked:
                self._hide(widget)

        QTimer.singleShot(0, widget, hide)

    # -- locking --------------------------------------------------------------------------
    def lock(self) -> None:
        """Save the typing, hide the other windows and cover this one (see module doc)."""
        if self._locked:
            return
        self.timer.stop()
        try:
            self.save_work()
        finally:
            # Even if a form could not write (it says so when unlocked), nothing stays shown.
            self._locked = True
            self._cover()
        log.info("Window locked")
        self.locked.emit()

    def _cover(self) -> None:
        self.screen.prepare(asks_passphrase=self.check_passphrase is not None)
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                self._hide(widget)
        current = self.stack.currentWidget()
        self._covered = None if current is self.screen else current
        self.stack.setCurrentWidget(self.screen)
        self._title = self.window.windowTitle()
        self.window.setWindowTitle(self.title)
        status = self.window.statusBar()
        self._status_shown = not status.isHidden()
        status.hide()
        self.window.menuBar().setEnabled(False)
        self.screen.focus_entry()

    def _hide(self, widget: QWidget) -> None:
        if not widget.isVisible():
            return
        self._hidden.append(_Hidden(widget, widget.isModal()))
        widget.hide()  # a dialog run with exec() returns, cancelled

    def try_unlock(self) -> None:
        """The lock screen's button (or Enter): unlock if the passphrase, if any, is right."""
        if not self._locked:
            return
        check = self.check_passphrase
        if check is not None and not (self.screen.passphrase.text() and self._right(check)):
            self.screen.refuse()
            return
        self.unlock()

    def _right(self, check: PassphraseCheck) -> bool:
        # A key is derived from the text to compare: a fraction of a second, said by the cursor.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return bool(check(self.screen.passphrase.text()))
        finally:
            QApplication.restoreOverrideCursor()

    def unlock(self) -> None:
        """Show the window as it was and the windows the lock hid."""
        if not self._locked:
            return
        self._locked = False
        self.screen.prepare(asks_passphrase=False)  # the passphrase typed goes
        self.window.menuBar().setEnabled(True)
        self.window.statusBar().setVisible(self._status_shown)
        self.window.setWindowTitle(self._title)
        if self._covered is not None:
            self.stack.setCurrentWidget(self._covered)
        self._covered = None
        self._show_hidden()
        if self.minutes:
            self.timer.start()
        log.info("Window unlocked")
        self.unlocked.emit()

    def _show_hidden(self) -> None:
        hidden, self._hidden = self._hidden, []
        shown: list[QWidget] = []
        for entry in hidden:
            widget = entry.widget
            try:
                gone = widget.windowType() in _TRANSIENT or widget.isVisible()
                # A modal dialog no longer modal was run with exec(): that run is over.
                ended = entry.modal and not widget.isModal()
            except RuntimeError:  # deleted since (a dialog run with exec(), for one)
                continue
            if not (gone or ended or widget in shown):
                widget.show()
                shown.append(widget)
        if shown:
            shown[-1].activateWindow()  # the last one hidden, on top as it was

    def remove(self) -> None:
        """Stop watching the application's input (the window is going)."""
        self.timer.stop()
        application = QApplication.instance()
        if application is not None:
            application.removeEventFilter(self)
