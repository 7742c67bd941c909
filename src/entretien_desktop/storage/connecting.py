"""Connecting to a PostgreSQL server from the window (File › Connect to a server…): the
server's database opened by ``open_server``, and a refusal told in words a user can act
on: the server unreachable, the password refused, the database missing, TLS refused, or a
database that is not Entretien Desktop's (docs/server.md, "Connecting the desktop").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entretien_desktop.i18n import _
from entretien_desktop.storage.errors import NewerFileError, NotADatabaseError, StorageError
from entretien_desktop.storage.server_errors import (
    ServerAuthenticationError,
    ServerDatabaseMissingError,
    ServerTlsError,
    ServerUnreachableError,
    connection_failure,
)

if TYPE_CHECKING:
    from entretien_desktop.storage.database import Database

_KINDS: dict[type[StorageError], str] = {
    ServerUnreachableError: "unreachable",
    ServerAuthenticationError: "authentication",
    ServerDatabaseMissingError: "database",
    ServerTlsError: "tls",
}

CONNECT_TIMEOUT_S = 10
"""How long libpq waits for a server that does not answer, before saying so."""


class ServerRefusedError(StorageError):
    """The server could not be reached or refused the connection; ``kind`` says why:
    ``unreachable``, ``authentication``, ``database``, ``tls`` or ``other``."""

    def __init__(self, place: str, kind: str, detail: str) -> None:
        self.place, self.kind, self.detail = place, kind, detail
        super().__init__(refusal_message(place, kind, detail))


def refusal_message(place: str, kind: str, detail: str) -> str:
    """The plain sentence for a refusal of ``kind`` by the server at ``place``."""
    if kind == "unreachable":
        return _(
            "The server of {place} cannot be reached. Check the host and the port, and "
            "that this computer can reach the server (network, VPN)."
        ).format(place=place)
    if kind == "authentication":
        return _(
            "The server refused the user name or the password for {place}. Check them "
            "with the server's administrator."
        ).format(place=place)
    if kind == "database":
        return _("The server has no database named as in {place}. Check its name.").format(
            place=place
        )
    if kind == "tls":
        return _(
            "The encrypted connection (TLS) to {place} was refused: the server does not "
            "offer TLS, or its certificate could not be verified. Ask the server's "
            "administrator; weakening the TLS setting sends the data unprotected."
        ).format(place=place)
    return _("The server of {place} refused the connection: {detail}").format(
        place=place, detail=detail
    )


def refusal_kind(message: str, sqlstate: str | None = None) -> str:
    """Why a connection failed, from libpq's message (and the SQLSTATE, when the server
    sent one), told as storage/server_errors.py tells it."""
    return _kind_of(connection_failure(message, sqlstate))


def _kind_of(failure: type[StorageError] | None) -> str:
    if failure is None:
        return "other"
    for kind, name in _KINDS.items():
        if issubclass(failure, kind):
            return name
    return "other"


def connect_server(url: str, place: str) -> Database:
    """``open_server(url)``; a refusal raised as ``ServerRefusedError`` (or a
    ``StorageError`` saying the database is another program's or a newer version's)
    naming ``place`` (``database @ host``), never with the password."""
    from sqlalchemy.exc import DBAPIError  # noqa: PLC0415

    from entretien_desktop.storage.database import open_server  # noqa: PLC0415

    try:
        return open_server(url)
    except NotADatabaseError as error:
        raise ServerRefusedError(
            place,
            "other",
            _("the database holds tables of another program; it was left untouched."),
        ) from error
    except NewerFileError:
        raise
    except (
        ServerUnreachableError,
        ServerAuthenticationError,
        ServerDatabaseMissingError,
        ServerTlsError,
    ) as error:
        cause = error.__cause__
        original = getattr(cause, "orig", cause)
        detail = str(original).strip().splitlines()[0] if str(original or "").strip() else ""
        raise ServerRefusedError(place, _kind_of(type(error)), detail) from error
    except DBAPIError as error:
        original = error.orig
        sqlstate = getattr(original, "sqlstate", None)
        detail = str(original).strip().splitlines()[0] if str(original).strip() else ""
        raise ServerRefusedError(place, refusal_kind(str(original), sqlstate), detail) from error
    except StorageError:
        raise
    except OSError as error:
        raise ServerRefusedError(place, "unreachable", str(error)) from error


__all__ = [
    "CONNECT_TIMEOUT_S",
    "ServerRefusedError",
    "connect_server",
    "refusal_kind",
    "refusal_message",
]
