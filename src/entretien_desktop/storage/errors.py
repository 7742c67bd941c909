"""Environment problems with a data file, each carrying a message a user can act on.

These are not bugs: the file is locked, read-only, full, or was written by a newer version.
Callers show ``str(error)``; programming errors are left to propagate as they are.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _
from entretien_desktop.storage.copies import last_copy


class StorageError(UserError):
    """A problem with the data file that the user, not the program, can resolve."""


class FileLockedError(StorageError):
    def __init__(self, path: Path, host: str, pid: int, since: datetime | None) -> None:
        self.path, self.host, self.pid, self.since = path, host, pid, since
        since_text = since.strftime("%Y-%m-%d %H:%M") if since else _("an unknown time")
        if pid == 0:  # the holder did not, or could not, write its name
            message = _(
                "{path} is already open in Entretien Desktop, in another window or program. "
                "Close it there, then try again."
            ).format(path=path)
        else:
            message = _(
                "{path} is already open in Entretien Desktop on computer {host} "
                "(process {pid}, since {since}). Close it there, then try again."
            ).format(path=path, host=host, pid=pid, since=since_text)
        super().__init__(message)


class NewerFileError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        self.path, self.revision = path, revision
        super().__init__(
            _(
                "{path} was saved by a newer version of Entretien Desktop (schema {revision}). "
                "Install the newer version to open it; the file was left untouched."
            ).format(path=path, revision=revision)
        )


class OlderSchemaError(StorageError):
    """A server's schema made by an older version, opened by a user whose role may not
    change the tables: only their owner brings them up to date (docs/server.md)."""

    def __init__(self, path: Path, revision: str) -> None:
        self.path, self.revision = path, revision
        super().__init__(
            _(
                "{path} holds the tables of an older version of Entretien Desktop (schema "
                "{revision}). The person who manages the server brings them up to date with "
                "“entretien-desktop server-init”, as the owner of the tables; nothing was "
                "changed."
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


class DamagedFileError(NotADatabaseError):
    """The file is ours, or looks like a database, but cannot be read safely: its pages,
    its structure or its records are damaged. Nothing of its content is quoted."""

    key: object = None
    """The key that opened an encrypted file refused as damaged (set by ``open_database``),
    so that its copies and backups, encrypted with it, can be offered and read."""

    def __init__(self, path: Path, backup: Path | None = None) -> None:
        self.path, self.backup = path, backup
        if backup is not None:
            offer = _(
                "The last good copy is {backup}: open that copy, or put it in the damaged "
                "file's place."
            ).format(backup=backup)
        else:
            offer = _("Keep a copy of the file as it is, then restore your last backup copy of it.")
        StorageError.__init__(
            self,
            _("{path} is damaged and cannot be read safely; it was left untouched.").format(
                path=path
            )
            + " "
            + offer,
        )


class EncryptedFileError(NotADatabaseError):
    """The file is not a plain SQLite file but is made of whole pages: an encrypted data
    file, or another program's file, which only the passphrase tells apart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        StorageError.__init__(
            self,
            _(
                "{path} is protected by a passphrase, or is not an Entretien Desktop data "
                "file. Give its passphrase to open it; the file was left untouched."
            ).format(path=path),
        )


class WrongPassphraseError(StorageError):
    """The passphrase given does not open the file (or the file is not ours at all)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "The passphrase does not open {path}. Check it (capital letters, the keyboard's "
                "layout) and try again; the file was left untouched. If the file was never "
                "protected by a passphrase, it is not an Entretien Desktop data file."
            ).format(path=path)
        )


class UpgradeFailedError(StorageError):
    """Bringing an older file to this version's schema failed; the file is as it was."""

    def __init__(self, path: Path, backup: Path | None) -> None:
        self.path, self.backup = path, backup
        message = _(
            "{path} could not be brought up to this version of Entretien Desktop; it was "
            "left as it was."
        ).format(path=path)
        if backup is not None:
            message += " " + _("A copy made before the attempt is at {backup}.").format(
                backup=backup
            )
        super().__init__(message)


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


class BackupNotVerifiedError(StorageError):
    """A backup just written failed its integrity check: it was removed, nothing kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "The backup {path} failed its integrity check and was removed: no backup "
                "was kept. Check the disk of its folder, then try again."
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


class StaleRecordError(StorageError):
    """A write made on a copy another user changed (or removed) since it was read: nothing
    was written (storage/versions.py). ``what`` names the record as the user knows it;
    ``who`` and ``when`` say who wrote it last, when known."""

    def __init__(
        self, what: str, who: str | None, when: datetime | None, *, removed: bool = False
    ) -> None:
        self.what, self.who, self.when, self.removed = what, who, when, removed
        if removed:
            message = _("{what}: removed by another user — reload?").format(what=what)
        elif who and when is not None:
            message = _("{what}: changed by {who} at {time} — reload?").format(
                what=what, who=who, time=local_moment(when)
            )
        else:
            message = _("{what}: changed by another user — reload?").format(what=what)
        super().__init__(message)


def local_moment(when: datetime) -> str:
    """``when`` in local time: its hour today, its day and hour before."""
    local = when.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


class RoleRefusedError(StorageError):
    """The server refused what the user's role may not do (SQLSTATE 42501: a privilege
    not granted, or a row its row-level security policies hide): docs/server.md, "Users
    and roles". Nothing was changed."""

    def __init__(
        self, path: Path, role: str | None, reading: bool = False, *, message: str = ""
    ) -> None:
        """``message`` in place of the usual words (a command's own, more precise)."""
        self.path, self.role, self.reading = path, role, reading
        super().__init__(message or _refusal_words(path, role, reading))


def _refusal_words(path: Path, role: str | None, reading: bool) -> str:
    if role is None:
        return _(
            "Your account on the server {place} is not one of this company's users: "
            "ask the person who manages the server to add you. Nothing was changed."
        ).format(place=path)
    if reading:
        return _(
            "Your role ({role}) cannot read this part of the register. Nothing was changed."
        ).format(role=role_name(role))
    return _("Your role ({role}) cannot change the register: nothing was saved.").format(
        role=role_name(role)
    )


def role_name(role: str) -> str:
    """A user's role as the interface names it."""
    names = {
        "hr": _("human resources"),
        "site_manager": _("site manager"),
        "accountant": _("accountant"),
    }
    return names.get(role, role)


INSUFFICIENT_PRIVILEGE = "42501"


def _role_refusal(path: Path, statement: object) -> RoleRefusedError:
    """The refusal of a psycopg error of SQLSTATE 42501 on the server's database ``path``
    (``<database> @ <host>``), naming the role this program last read it with
    (``server_roles.remember``; the driver's error does not say who was connected)."""
    from entretien_desktop.storage.server_roles import known_role  # noqa: PLC0415

    role = known_role(str(path).rsplit(" @ ", 1)[0])
    reading = isinstance(statement, str) and statement.lstrip().upper().startswith("SELECT")
    return RoleRefusedError(path, role, reading)


_DAMAGE_SIGNS = ("malformed", "no such table", "no such column", "not a database", "corrupt")
"""What SQLite says when the file's pages or its structure are not what they were."""

SIGNED_MESSAGE = "a signed interview cannot be changed"
"""What the file's triggers say (storage/migrations/versions/0003_signed_records.py)."""


class UnreadableRecord(Exception):
    """A stored value cannot be decoded (a date, a number, a JSON text, a reference): the
    file was changed outside the program. Raised by the repositories, where the path is not
    known; the unit of work turns it into ``DamagedFileError``."""


def classify(path: Path, error: BaseException) -> StorageError | None:
    """The ``StorageError`` an SQLite, PostgreSQL or OS error stands for, ``None`` if it is
    not one. PostgreSQL's (psycopg's) other than a signed record's refusal are told by
    ``server_errors.classify_server``."""
    if isinstance(error, UnreadableRecord):
        return DamagedFileError(path, last_copy(path))
    original = getattr(error, "orig", None)  # SQLAlchemy's wrapper of a driver error
    statement = getattr(error, "statement", None)
    if isinstance(original, Exception) and (
        _driver_error(original, "Error") or _server_error(original, "Error")
    ):
        error = original
    kind: type[StorageError] | None = None
    if (
        _driver_error(error, "IntegrityError") or _server_error(error, "IntegrityError")
    ) and SIGNED_MESSAGE in str(error):
        kind = SignedRecordError
    elif _server_error(error, "Error"):
        if getattr(error, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            return _role_refusal(path, statement)
        from entretien_desktop.storage.server_errors import classify_server  # noqa: PLC0415

        return classify_server(path, error)
    elif _driver_error(error, "OperationalError"):
        message = str(error).lower()
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            kind = ReadOnlyFileError
        elif "disk is full" in message:
            kind = DiskFullError
        elif any(sign in message for sign in _DAMAGE_SIGNS):
            return DamagedFileError(path, last_copy(path))
    elif _driver_error(error, "DatabaseError") and (
        type(error).__name__ == "DatabaseError" or "malformed" in str(error).lower()
    ):
        return DamagedFileError(path, last_copy(path))
    elif isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            kind = DiskFullError
        elif error.errno in {errno.EACCES, errno.EROFS, errno.EPERM}:
            kind = ReadOnlyFileError
    return None if kind is None else kind(path)


def _driver_error(error: object, name: str) -> bool:
    """Whether ``error`` is the driver exception ``name`` (or a subclass) of ``sqlite3`` or
    of ``sqlcipher3``, whose classes have the same names but are not the same classes."""
    return any(
        kind.__name__ == name and kind.__module__.split(".")[0] in _DRIVERS
        for kind in type(error).__mro__
    )


_DRIVERS = {"sqlite3", "sqlcipher3"}


def _server_error(error: object, name: str) -> bool:
    """Whether ``error`` is psycopg's exception ``name`` (or a subclass): the triggers of
    a server raise theirs with the SQLSTATE of an integrity violation, an IntegrityError."""
    return any(
        kind.__name__ == name and kind.__module__.split(".")[0] == "psycopg"
        for kind in type(error).__mro__
    )


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
