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

from entretien_desktop.services.errors import UserError

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
    except UserError as error:  # the cursor is back by now
        log.info("%s refused: %s", title, error)
        show_refusal(parent, title, error)
        return FAILED


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
