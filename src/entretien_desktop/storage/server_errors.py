"""A PostgreSQL server's errors in plain words (issue 20): what psycopg reports, turned
into a ``StorageError`` a user can act on, naming the server's database rather than a file.

psycopg gives a server's error its SQLSTATE (``sqlstate``); an error met while connecting
has none (libpq's message only), so those are told apart by libpq's words, which are
English whatever the server's language, and by the server's own when they are quoted
(``FATAL: database "x" does not exist``; French servers' words are known too).

``read_retrying`` reads once more after a connection lost or a transaction the server
broke off (serialization failure, deadlock): a read changes nothing, so a second attempt
on a fresh connection is safe. A write is never sent twice: its unit of work was rolled
back whole by the server, and the error says that nothing was saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from entretien_desktop.i18n import _
from entretien_desktop.storage.errors import DiskFullError, ReadOnlyFileError, StorageError

T = TypeVar("T")


class ServerError(StorageError):
    """A problem with the server or the connection to it; ``place`` names its database."""

    def __init__(self, place: Path, message: str) -> None:
        self.path = place
        super().__init__(message)


class ServerUnreachableError(ServerError):
    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "The server of {place} cannot be reached: it is stopped, its name or port is "
                "wrong, or the network is down. Check the address with your IT provider, "
                "then try again."
            ).format(place=place),
        )


class ServerAuthenticationError(ServerError):
    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "The server of {place} refused the user name or the password. Check them "
                "(your IT provider gives them), then try again."
            ).format(place=place),
        )


class ServerDatabaseMissingError(ServerError):
    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "The server has no database named as in {place}. Check the database's name; "
                "your IT provider creates the database."
            ).format(place=place),
        )


class ServerTlsError(ServerError):
    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "The secure connection (TLS) to the server of {place} failed: the server "
                "requires it and it was not asked, or it was required and the server does "
                "not offer it or its certificate. Ask your IT provider which setting to use."
            ).format(place=place),
        )


class ServerConnectionLostError(ServerError):
    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "The connection to the server of {place} was lost during the work: nothing "
                "of this change was saved. Try again when the server answers."
            ).format(place=place),
        )


class ServerConflictError(ServerError):
    """A serialization failure or a deadlock: two users' transactions crossed."""

    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "Another user was changing the same records at the same moment: nothing of "
                "this change was saved. Try again."
            ),
        )


class TakenNumberError(ServerError):
    """A unique value (an employee's number) another user has just written first."""

    def __init__(self, place: Path, value: str | None) -> None:
        self.value = value
        if value is None:
            message = _(
                "Another user has just recorded the same entry: nothing was saved. Reload, "
                "then try again."
            )
        else:
            message = _(
                "The employee number {ref} has just been taken by another user: nothing was "
                "saved. Choose another number."
            ).format(ref=value)
        super().__init__(place, message)


class RemovedReferenceError(ServerError):
    """A foreign key refused: what the change refers to was removed by another user."""

    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "What this change refers to was removed by another user meanwhile: nothing "
                "was saved. Reload, then try again."
            ),
        )


class TooLongForServerError(ServerError):
    """A text longer than its column: a file stores it, a server refuses it."""

    def __init__(self, place: Path) -> None:
        super().__init__(
            place,
            _(
                "A text is longer than the server of {place} accepts in its field (an "
                "employee's number: at most 60 characters): nothing was saved. Shorten it."
            ).format(place=place),
        )


class ServerFullError(DiskFullError):
    def __init__(self, place: Path) -> None:
        self.path = place
        StorageError.__init__(
            self,
            _(
                "The server of {place} has no space left: nothing was saved. Tell your IT provider."
            ).format(place=place),
        )


class ServerReadOnlyError(ReadOnlyFileError):
    def __init__(self, place: Path) -> None:
        self.path = place
        StorageError.__init__(
            self,
            _(
                "The server of {place} accepts no changes now (a read-only or standby "
                "server, or a user allowed to read only): nothing was saved. Tell your IT "
                "provider."
            ).format(place=place),
        )


_LOST_STATES = {"57P01", "57P02", "57P03"}  # administrator, crash, cannot connect now
_CONFLICT_STATES = {"40001", "40P01"}  # serialization failure, deadlock
_FULL_STATES = {"53100", "53200"}  # disk full, out of memory
_READ_ONLY_STATES = {"25006", "42501"}  # read-only transaction, insufficient privilege

_TLS_SIGNS = ("ssl", "tls", "no encryption", "certificate")
_AUTH_SIGNS = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "pg_hba.conf",
    "échec de l'authentification",
    "échec de l’authentification",
)
_ROLE_MISSING = re.compile(r"\b(role|rôle) [\"«]")
_DATABASE_MISSING = re.compile(r"\b(database|base de données) [\"«]")
_UNREACHABLE_SIGNS = (
    "connection refused",
    "connexion refusée",
    "failed to resolve host",
    "could not translate host name",
    "name or service not known",
    "no such file or directory",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
)
_LOST_SIGNS = (
    "server closed the connection unexpectedly",
    "consuming input failed",
    "connection is lost",
    "the connection is closed",
    "connection already closed",
    "terminating connection",
    "ssl syscall error: eof",
)
_KEY = re.compile(r"Key \((?P<column>[^)]*)\)=\((?P<value>.*)\) already exists")


_BY_STATE: dict[str, Callable[[Path], StorageError]] = {
    "22001": TooLongForServerError,  # string data, right truncation
    "23503": RemovedReferenceError,
    "3D000": ServerDatabaseMissingError,
    **dict.fromkeys(_CONFLICT_STATES, ServerConflictError),
    **dict.fromkeys(_FULL_STATES, ServerFullError),
    **dict.fromkeys(_READ_ONLY_STATES, ServerReadOnlyError),
    **dict.fromkeys(_LOST_STATES, ServerConnectionLostError),
}
_BY_CLASS: dict[str, Callable[[Path], StorageError]] = {
    "08": ServerConnectionLostError,  # connection exception
    "28": ServerAuthenticationError,  # invalid authorization
}


def classify_server(place: Path, error: BaseException) -> StorageError | None:
    """The ``StorageError`` a psycopg error stands for, ``None`` when it is none of those
    a user can act on (a bug of ours is left to propagate)."""
    state = getattr(error, "sqlstate", None) or ""
    if state == "23505":
        return TakenNumberError(place, _taken_value(error))
    kind = _BY_STATE.get(state) or _BY_CLASS.get(state[:2])
    if kind is None and not state and _is_operational(error):
        kind = _by_words(str(error).lower())
    return None if kind is None else kind(place)


def connection_failure(message: str, state: str | None = None) -> type[ServerError] | None:
    """The kind of a failure to connect, from libpq's message and the SQLSTATE when the
    server sent one (the connect dialog's words: storage/connecting.py)."""
    if state:
        kind = _BY_STATE.get(state) or _BY_CLASS.get(state[:2])
        if isinstance(kind, type) and issubclass(kind, ServerError):
            return kind
    found = _by_words(message.lower())
    return found if isinstance(found, type) and issubclass(found, ServerError) else None


def _by_words(message: str) -> Callable[[Path], StorageError] | None:
    """A connection's failure, which has no SQLSTATE, told by libpq's and the server's
    words (the order matters: a TLS refusal also names pg_hba.conf)."""
    if any(sign in message for sign in _LOST_SIGNS):
        return ServerConnectionLostError
    if any(sign in message for sign in _TLS_SIGNS):
        return ServerTlsError
    if any(sign in message for sign in _AUTH_SIGNS) or _ROLE_MISSING.search(message):
        return ServerAuthenticationError
    if _DATABASE_MISSING.search(message):
        return ServerDatabaseMissingError
    if any(sign in message for sign in _UNREACHABLE_SIGNS):
        return ServerUnreachableError
    return None


def _is_operational(error: BaseException) -> bool:
    return any(kind.__name__ == "OperationalError" for kind in type(error).__mro__)


def _taken_value(error: BaseException) -> str | None:
    """The employee number a unique violation on the employees' numbers names."""
    diagnostic = getattr(error, "diag", None)
    detail = getattr(diagnostic, "message_detail", None) or str(error)
    table = getattr(diagnostic, "table_name", None)
    found = _KEY.search(detail)
    if found is None or found.group("column") != "ref" or table not in {None, "employee"}:
        return None
    return found.group("value")


RETRIED = (ServerConnectionLostError, ServerConflictError)


def read_retrying(read: Callable[[], T]) -> T:
    """``read()``, once more if the connection was lost or the server broke the
    transaction off; the second failure is raised."""
    try:
        return read()
    except RETRIED:
        return read()


__all__ = [
    "RemovedReferenceError",
    "ServerAuthenticationError",
    "ServerConflictError",
    "ServerConnectionLostError",
    "ServerDatabaseMissingError",
    "ServerError",
    "ServerFullError",
    "ServerReadOnlyError",
    "ServerTlsError",
    "ServerUnreachableError",
    "TakenNumberError",
    "TooLongForServerError",
    "classify_server",
    "read_retrying",
]
