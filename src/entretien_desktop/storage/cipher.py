"""Encryption at rest: the key of a data file protected by a passphrase, and the one way
every part of storage connects to a data file, encrypted or not.

An encrypted file is an SQLCipher 4 database (``sqlcipher3``). Its key is derived from the
passphrase exactly as SQLCipher 4 derives it by default (PBKDF2-HMAC-SHA512, 256,000
iterations, over the 16 random bytes of salt that begin the file), so any SQLCipher 4 tool
opens the file with the passphrase alone: the KDF settings are SQLCipher's defaults, and the
salt is in the file. The program derives the key once, when the file is opened (about a
tenth of a second), and hands SQLCipher the raw key afterwards: every further connection
(a worker thread's, a backup's, a check's) costs nothing more.

A file that is not encrypted goes on through the standard ``sqlite3`` module. Both drivers
share one interface (``sqlcipher3`` is a fork of it); their exceptions are distinct classes,
hence ``DRIVER_ERRORS`` and ``storage.errors.classify``, which know both.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlcipher3 import dbapi2 as sqlcipher

from entretien_desktop.storage.uri import read_only_uri

KDF_ALGORITHM = "sha512"
KDF_ITERATIONS = 256_000
"""SQLCipher 4's defaults: a file made with other settings would open only with them."""
KEY_BYTES = 32
SALT_BYTES = 16
SQLITE_HEADER = b"SQLite format 3\x00"
SMALLEST_PAGE = 512

DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
"""What either driver raises."""


@dataclass(frozen=True, slots=True, repr=False)
class FileKey:
    """The raw key of an encrypted file and the salt it was derived with. Its ``repr``
    shows nothing of either, so that no log or traceback can carry it."""

    key: bytes
    salt: bytes

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> FileKey:
        """The key SQLCipher 4 derives from ``passphrase`` for a file with ``salt``."""
        key = hashlib.pbkdf2_hmac(
            KDF_ALGORITHM, passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
        )
        return cls(key, salt)

    @classmethod
    def new(cls, passphrase: str) -> FileKey:
        """A key for a new file (or a new passphrase): a fresh random salt."""
        return cls.derive(passphrase, secrets.token_bytes(SALT_BYTES))

    @classmethod
    def of_file(cls, path: Path, passphrase: str) -> FileKey:
        """The key ``passphrase`` gives for the existing encrypted file ``path`` (whether it
        is the right one is known only when the file is read: ``connect``)."""
        with Path(path).open("rb") as handle:
            salt = handle.read(SALT_BYTES)
        return cls.derive(passphrase, salt)

    def matches(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is this file's (the idle lock asks it again)."""
        return hmac.compare_digest(FileKey.derive(passphrase, self.salt).key, self.key)

    def pragma_value(self) -> str:
        """The raw key and salt as ``PRAGMA key`` reads them: SQLCipher skips its KDF, and
        a new file gets this salt in its header (so the passphrase alone opens it)."""
        return f"\"x'{self.key.hex()}{self.salt.hex()}'\""

    def __repr__(self) -> str:
        return "FileKey(<hidden>)"


SQLITE_PAYLOAD_FRACTIONS = b"\x40\x20\x20"
"""Bytes 21 to 23 of every SQLite header (fixed by the file format): still there when only
the first bytes of a plain file were damaged, random in an encrypted one."""


def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` may be an encrypted data file: made of whole pages, beginning with
    16 bytes of salt that are not SQLite's header (nor one byte repeated), and with no
    plain header after them. Encrypted pages look like random bytes, so a foreign file of
    whole random-looking pages looks the same; only the passphrase tells them apart."""
    path = Path(path)
    size = path.stat().st_size
    if size < SMALLEST_PAGE or size % SMALLEST_PAGE:
        return False
    with path.open("rb") as handle:
        start = handle.read(24)
    salt = start[:SALT_BYTES]
    return salt != SQLITE_HEADER and len(set(salt)) > 1 and start[21:24] != SQLITE_PAYLOAD_FRACTIONS


def connect(
    path: Path | str,
    key: FileKey | None = None,
    *,
    read_only: bool = False,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """A DB-API connection to the data file ``path``: ``sqlite3``'s without a key,
    ``sqlcipher3``'s keyed with ``key`` otherwise (not yet checked: the first read with a
    wrong key fails with "file is not a database", see ``key_opens``)."""
    target = read_only_uri(Path(path)) if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, uri=read_only, check_same_thread=check_same_thread)
    connection = sqlcipher.connect(target, uri=read_only, check_same_thread=check_same_thread)
    apply_key(connection, key)
    # sqlcipher3 is a fork of sqlite3 with the same interface: typed as the standard one.
    return cast(sqlite3.Connection, connection)


def apply_key(connection: object, key: FileKey) -> None:
    """Key a new SQLCipher connection (before its first read)."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    try:
        # A wrong key would otherwise print SQLCipher's "ERROR CORE" lines on the console.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA key = {key.pragma_value()}")
    finally:
        cursor.close()


def key_opens(path: Path, key: FileKey) -> bool:
    """Whether ``key`` opens the encrypted file ``path`` (read-only, writes nothing)."""
    try:
        connection = connect(path, key, read_only=True)
    except DRIVER_ERRORS:
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS:
        return False
    finally:
        connection.close()
    return True
