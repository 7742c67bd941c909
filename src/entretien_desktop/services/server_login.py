"""Where a server's database is and how to log in (File › Connect to a server…): the
address typed (host, port, database, user, TLS mode), its URL without the password, the
password kept in the system's keychain (``keyring``: service "Entretien Desktop", account
``user@host:port/database``), and the connection itself (docs/server.md, "Connecting the
desktop").

Any failure of the keychain (none installed, locked, refused) reads as "no password
kept": the password is then asked, never a crash.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, unquote, urlsplit

if TYPE_CHECKING:
    from entretien_desktop.storage import Database

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Entretien Desktop"
DEFAULT_PORT = 5432
SSL_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")
"""libpq's TLS modes, weakest first; ``require`` and stronger encrypt the connection."""
DEFAULT_SSL_MODE = "require"
SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A server's database as the user names it. A ``host`` that is a folder (starting
    with ``/``) is the server's local socket there: libpq ignores the TLS mode then."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = DEFAULT_SSL_MODE
    options: tuple[tuple[str, str], ...] = ()
    """Other libpq parameters a URL gave (``sslrootcert``, ``application_name``...)."""

    @property
    def local_socket(self) -> bool:
        return self.host.startswith("/")

    @property
    def label(self) -> str:
        """``database @ host``: how the window, its title and the recent files name it."""
        return f"{self.database} @ {self.host}"

    @property
    def account(self) -> str:
        """The keychain's account for this login: ``user@host:port/database``."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def weak_tls(self) -> bool:
        """Whether the data may travel unencrypted (weaker than ``require``)."""
        return SSL_MODES.index(self.sslmode) < SSL_MODES.index("require")

    def url(self, password: str | None = None) -> str:
        """The ``postgresql://`` URL of this address; with ``password`` only to connect,
        never to show or to keep."""
        login = quote(self.user, safe="")
        if password:
            login += ":" + quote(password, safe="")
        query = {**dict(self.options), "sslmode": self.sslmode, "connect_timeout": "10"}
        if self.local_socket:
            where = ""
            query = {"host": self.host, "port": str(self.port), **query}
        else:
            host = f"[{self.host}]" if ":" in self.host else self.host
            where = f"{host}:{self.port}"
        text = "&".join(f"{key}={quote(value, safe='/')}" for key, value in query.items())
        return f"postgresql://{login}@{where}/{quote(self.database, safe='')}?{text}"


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


def parse_address(url: str) -> tuple[ServerAddress, str | None]:
    """The address and the password (``None`` if absent) of a ``postgresql://`` URL;
    ``ValueError`` when it names no database."""
    parts = urlsplit(url.strip())
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = query.get("host") or parts.hostname or "localhost"
    port = int(query.get("port") or parts.port or DEFAULT_PORT)
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ValueError("no database in the URL")
    sslmode = query.get("sslmode", DEFAULT_SSL_MODE)
    if sslmode not in SSL_MODES:
        sslmode = DEFAULT_SSL_MODE
    user = unquote(parts.username or "")
    password = None if parts.password is None else unquote(parts.password)
    options = tuple(
        (key, value) for key, value in sorted(query.items()) if key not in _ADDRESS_PARAMETERS
    )
    return ServerAddress(host, database, user, port, sslmode, options), password


_ADDRESS_PARAMETERS = frozenset(
    {"host", "port", "sslmode", "connect_timeout", "user", "password", "dbname"}
)


def with_ssl_mode(address: ServerAddress, sslmode: str) -> ServerAddress:
    return replace(address, sslmode=sslmode)


# -- the keychain ---------------------------------------------------------------------------
def keyring_usable() -> bool:
    """Whether a keychain is there to keep passwords (the system's, not keyring's
    "fail" stand-in or a backend that says it is unusable)."""
    try:
        import keyring  # noqa: PLC0415
        from keyring.backends import fail  # noqa: PLC0415

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0
    except Exception as error:
        log.info("No keychain usable: %s", type(error).__name__)
        return False


def stored_password(address: ServerAddress) -> str | None:
    """The password kept for ``address``, ``None`` if none or the keychain fails."""
    try:
        import keyring  # noqa: PLC0415

        return keyring.get_password(KEYRING_SERVICE, address.account)
    except Exception as error:
        log.info("Keychain not read: %s", type(error).__name__)
        return None


def remember_password(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` for ``address`` in the keychain; ``False`` when it could not."""
    try:
        import keyring  # noqa: PLC0415

        keyring.set_password(KEYRING_SERVICE, address.account, password)
    except Exception as error:
        log.info("Keychain not written: %s", type(error).__name__)
        return False
    return True


def forget_password(address: ServerAddress) -> None:
    """Remove the password kept for ``address`` (a refused one), if any."""
    try:
        import keyring  # noqa: PLC0415

        keyring.delete_password(KEYRING_SERVICE, address.account)
    except Exception as error:
        log.info("Keychain entry not removed: %s", type(error).__name__)


# -- connecting -----------------------------------------------------------------------------
def connect(address: ServerAddress, password: str | None) -> Database:
    """Open the database at ``address`` (its schema made or upgraded), raising a
    ``StorageError`` whose message says plainly why a refusal happened."""
    from entretien_desktop.storage.connecting import connect_server  # noqa: PLC0415

    return connect_server(address.url(password), address.label)


def refusal_is_authentication(error: Exception) -> bool:
    """Whether ``error`` is the server refusing the user or the password."""
    return getattr(error, "kind", None) == "authentication"


__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_SSL_MODE",
    "KEYRING_SERVICE",
    "SSL_MODES",
    "ServerAddress",
    "connect",
    "forget_password",
    "is_server_url",
    "keyring_usable",
    "parse_address",
    "refusal_is_authentication",
    "remember_password",
    "stored_password",
]
