"""Environment problems with a data file, each carrying a message a user can act on.

These are not bugs: the file is locked, read-only, full, or was written by a newer version.
Callers show ``str(error)``; programming errors are left to propagate as they are.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _


class StorageError(UserError):
    """A problem with the data file that the user, not the program, can resolve."""


class FileLockedError(StorageError):
    def __init__(self, path: Path, host: str, pid: int, since: datetime | None) -> None:
        self.path, self.host, self.pid, self.since = path, host, pid, since
        since_text = since.strftime("%Y-%m-%d %H:%M") if since else _("an unknown time")
        super().__init__(
            _(
                "{path} is already open in Entretien Desktop on computer {host} "
                "(process {pid}, since {since}). Close it there, then try again."
            ).format(path=path, host=host, pid=pid, since=since_text)
        )


class NewerFileError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        self.path, self.revision = path, revision
        super().__init__(
            _(
                "{path} was saved by a newer version of Entretien Desktop (schema {revision}). "
                "Install the newer version to open it; the file was left untouched."
            ).format(path=path, revision=revision)
        )


class NotADatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("{path} is not an Entretien Desktop data file; it was left untouched.").format(
                path=path
            )
        )


class ReadOnlyFileError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "{path} cannot be written: it or its folder is read-only. "
                "Copy it to a folder you can write to, or change its permissions."
            ).format(path=path)
        )


class DiskFullError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "The disk holding {path} is full: nothing was saved. "
                "Free some space, then try again."
            ).format(path=path)
        )


class SignedRecordError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "A signed interview cannot be changed or removed; record an amendment instead. "
                "Nothing was saved."
            )
        )


SIGNED_MESSAGE = "a signed interview cannot be changed"
"""What the file's triggers say (storage/migrations/versions/0003_signed_records.py)."""


def classify(path: Path, error: BaseException) -> StorageError | None:
    """The ``StorageError`` an SQLite or OS error stands for, ``None`` if it is not one."""
    original = getattr(error, "orig", None)  # SQLAlchemy's wrapper of a driver error
    if isinstance(original, sqlite3.Error):
        error = original
    kind: type[StorageError] | None = None
    if isinstance(error, sqlite3.IntegrityError) and SIGNED_MESSAGE in str(error):
        kind = SignedRecordError
    elif isinstance(error, sqlite3.OperationalError):
        message = str(error).lower()
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            kind = ReadOnlyFileError
        elif "disk is full" in message:
            kind = DiskFullError
    elif isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            kind = DiskFullError
        elif error.errno in {errno.EACCES, errno.EROFS, errno.EPERM}:
            kind = ReadOnlyFileError
    return None if kind is None else kind(path)


@contextmanager
def environment_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's and the OS's complaints about the file into ``StorageError``s."""
    try:
        yield
    except Exception as error:  # anything else is re-raised as it is
        translated = classify(path, error)
        if translated is None:
            raise
        raise translated from error
