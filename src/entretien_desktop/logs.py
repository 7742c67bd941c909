"""The log file: private to the account, and free of personal data.

The log is for finding bugs, and it sits in the user's folder where a shared computer's other
accounts, a backup tool or a support request may reach it. So it is created 0600 in a 0700
folder, and nothing the user typed goes into it: an exception is written as its type and the
lines of code it passed through, never with its message (an invalid date error quotes the
date, a JSON error the text around it, a refusal the value refused), and an exception given
as an argument of a message becomes its type's name.
"""

from __future__ import annotations

import io
import logging
import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_FILE_NAME = "entretien-desktop.log"
_PRIVATE_FILE, _PRIVATE_FOLDER = 0o600, 0o700

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class _PrivateFileHandler(RotatingFileHandler):
    """A rotating log whose files only their owner can read."""

    def _open(self) -> io.TextIOWrapper:
        # O_BINARY (Windows): a descriptor in text mode would turn the \r\n that Python
        # writes at the end of each line into \r\r\n.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.baseFilename, flags, _PRIVATE_FILE)
        return open(fd, "a", encoding=self.encoding)  # noqa: PTH123 (a descriptor, not a path)


class _WithoutPersonalData(logging.Formatter):
    """Exceptions as types and code lines, never their messages."""

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.args, tuple):
            record.args = tuple(
                type(arg).__name__ if isinstance(arg, BaseException) else arg for arg in record.args
            )
        # Another handler may have formatted the record first, message included, and left
        # its text cached on the record: ours is made afresh, and theirs is put back.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo) -> str:  # noqa: N802 (logging's name)
        return describe_exception(ei[1]) if ei[1] is not None else ""


def describe_exception(error: BaseException) -> str:
    """``error``'s chain as its types and the code lines it passed through."""
    parts: list[str] = []
    seen: set[int] = set()  # a chain may loop back on itself (``raise error from error``)
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.format_tb(current.__traceback__)
        parts.append("".join(frames) + f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
    return "\nraised while handling:\n".join(reversed(parts))


def private_formatter() -> logging.Formatter:
    return _WithoutPersonalData("%(asctime)s %(levelname)s %(name)s: %(message)s")


@contextmanager
def log_to_file(directory: Path, level: int = logging.INFO) -> Iterator[Path | None]:
    """Log to a private rotating file in ``directory`` for the duration; yields its path
    (``None`` when it cannot be written: the log then goes to standard error)."""
    root = logging.getLogger()
    try:
        directory.mkdir(mode=_PRIVATE_FOLDER, parents=True, exist_ok=True)
        handler = _PrivateFileHandler(
            directory / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as error:
        log.warning("Cannot write the log: %s", error.strerror)
        yield None
        return
    handler.setFormatter(private_formatter())
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield directory / LOG_FILE_NAME
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()
