"""The one error path of the interface's actions.

Every action that changes the file runs through ``run_change``: a refusal or a problem
with the file (``UserError``: a rule refused the change, the disk is full, the file became
read-only) is shown in a message box titled with what was being done, and nothing was
saved (the gate rolled the change back). What the user typed stays in its window. Any
other exception is a bug: it is left to the crash dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from entretien_desktop.services.errors import StaleRecordError, UserError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.stale import offer_reload

T = TypeVar("T")
log = logging.getLogger(__name__)


class Failed:
    """What ``run_change`` returns when the change was refused (falsy)."""

    def __bool__(self) -> bool:
        return False


FAILED = Failed()


def run_change(
    parent: QWidget | None, title: str, action: Callable[[], T], *, wait: bool = False
) -> T | Failed:
    """Run ``action``; on a ``UserError`` say why under ``title`` and return ``FAILED``.
    ``wait``: show the wait cursor meanwhile (a change of many records)."""
    try:
        with _waiting(wait):
            return action()
    except StaleRecordError as stale:  # another user saved first: who, when, Reload
        log.info("%s refused: %s", title, stale)
        workspace = _workspace_of(parent)
        if workspace is None or parent is None:
            show_refusal(parent, title, stale)
        else:
            offer_reload(parent, workspace, stale)
        return FAILED
    except UserError as error:  # the cursor is back by now
        log.info("%s refused: %s", title, error)
        show_refusal(parent, title, error)
        return FAILED


def _workspace_of(widget: QWidget | None) -> Workspace | None:
    """The workspace the widget (a page, a dialog) or its window shows, if any."""
    for holder in (widget, widget.window() if widget is not None else None):
        workspace = getattr(holder, "workspace", None)
        if isinstance(workspace, Workspace):
            return workspace
    return None


@contextmanager
def _waiting(wait: bool) -> Iterator[None]:
    if not wait:
        yield
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def show_refusal(parent: QWidget | None, title: str, error: UserError) -> None:
    QMessageBox.warning(parent, title, error.user_message)
