"""What a file is, found before a byte of it is written: ours or not, its revision, whole or
damaged.

Our files carry ``APPLICATION_ID`` in their SQLite header (set in the transaction that builds
or upgrades them). A file without it is taken as ours only when it has the version table and
nothing but tables of ours: a file of an earlier version, possibly one whose creation an
earlier version left half-made. Anything else (another program's database, even one with an
``alembic_version`` table, an empty file) is refused untouched.

A file of ours is then checked whole: ``PRAGMA quick_check`` (pages and indexes),
``PRAGMA foreign_key_check`` (no interview left without its employee) and, at the current
revision, the exact structure of ``head_schema``. Any failure is a ``DamagedFileError`` that
quotes nothing of the file's content.

Standard library only (and ``sqlcipher3`` for an encrypted file): this runs on every start,
before SQLAlchemy is imported.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from entretien_desktop.storage.cipher import (
    DRIVER_ERRORS,
    SQLITE_HEADER,
    FileKey,
    connect,
    looks_encrypted,
)
from entretien_desktop.storage.copies import last_copy
from entretien_desktop.storage.errors import (
    DamagedFileError,
    DiskFullError,
    EncryptedFileError,
    NewerFileError,
    NotADatabaseError,
    ReadOnlyFileError,
    StorageError,
    WrongPassphraseError,
    classify,
)
from entretien_desktop.storage.head_schema import HEAD_INDEXES, HEAD_TABLES, HEAD_TRIGGERS

APPLICATION_ID = 0x45445431
"""``PRAGMA application_id`` of an Entretien Desktop file ("EDT1")."""

VERSION_TABLE = "alembic_version"
_BATCH_TABLE_PREFIX = "_alembic_tmp_"  # what an interrupted table rebuild of Alembic leaves
EXAMINATION_CACHE_KIB = 64 * 1024
"""The page cache of the examination's connection (SQLite takes only what the file needs)."""


@dataclass(frozen=True, slots=True)
class Examined:
    """An existing file of ours: its schema revision (``None``: no schema yet) and whether
    it carries our application id (files of earlier versions do not)."""

    revision: str | None
    stamped: bool


@dataclass(frozen=True, slots=True)
class Structure:
    """The names a file's schema defines."""

    tables: dict[str, tuple[str, ...]]
    triggers: tuple[str, ...]
    indexes: tuple[str, ...]


def structure(connection: sqlite3.Connection) -> Structure:
    def names(kind: str) -> list[str]:
        return [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name",
                (kind,),
            )
        ]

    tables = {
        name: tuple(row[1] for row in connection.execute(f"PRAGMA table_info('{name}')"))
        for name in names("table")
    }
    return Structure(tables, tuple(names("trigger")), tuple(names("index")))


HEAD_STRUCTURE = Structure(HEAD_TABLES, HEAD_TRIGGERS, HEAD_INDEXES)


def _looks_ours(application_id: int, tables: set[str]) -> bool:
    if application_id == APPLICATION_ID:
        return True
    if application_id != 0 or VERSION_TABLE not in tables:
        return False
    return all(name in HEAD_TABLES or name.startswith(_BATCH_TABLE_PREFIX) for name in tables)


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def is_plain_sqlite(path: Path) -> bool:
    """Whether ``path`` begins as an SQLite file that is not encrypted does."""
    try:
        return _header(path) == SQLITE_HEADER
    except OSError:
        return False


def examine(
    path: Path,
    known_revisions: frozenset[str],
    head: str,
    *,
    left_by_us: bool = False,
    key: FileKey | None = None,
) -> Examined:
    """Identify and check the existing file ``path`` without writing to it.

    ``left_by_us``: this program held the file's lock when it was killed. An empty file (no
    tables, or no byte at all) is then one whose creation an earlier version began, to be
    built now; any other empty file is another program's and refused.

    ``key``: the file is encrypted with it (``None``: a plain SQLite file).

    Raises ``NotADatabaseError`` for a file that is not ours, ``EncryptedFileError`` for
    one that may be encrypted when no key is given, ``WrongPassphraseError`` when the key
    does not open it, ``NewerFileError`` for one of a newer version, ``DamagedFileError``
    for one of ours that cannot be read safely.
    """
    if path.stat().st_size == 0:
        if left_by_us:
            return Examined(None, stamped=False)
        raise NotADatabaseError(path)
    if key is None and _header(path) != SQLITE_HEADER:
        raise EncryptedFileError(path) if looks_encrypted(path) else NotADatabaseError(path)
    try:
        connection = connect(path, key, read_only=True)
    except DRIVER_ERRORS as error:
        raise _unreadable(path, error) from error
    try:
        if key is not None:
            _check_key(path, connection)
        # One reading of the pages serves every check below (quick_check, then the scans of
        # the values): decrypting them twice is most of an encrypted file's open time.
        connection.execute(f"PRAGMA cache_size = -{EXAMINATION_CACHE_KIB}")
        return _examine_open(path, connection, known_revisions, head, left_by_us)
    except DRIVER_ERRORS as error:
        raise _unreadable(path, error) from error
    finally:
        connection.close()


def _check_key(path: Path, connection: sqlite3.Connection) -> None:
    """The first read of an encrypted file: "file is not a database" means the key is
    wrong (or the file is no SQLCipher file of ours: the same random-looking bytes)."""
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS as error:
        if "not a database" in str(error).lower():
            raise WrongPassphraseError(path) from error
        raise


def _unreadable(path: Path, error: Exception) -> StorageError:
    """Why SQLite could not read the file: the folder's permissions (a file in WAL mode
    needs its ``-shm`` beside it), or damage."""
    translated = classify(path, error)
    if isinstance(translated, ReadOnlyFileError | DiskFullError):
        return translated
    return DamagedFileError(path, last_copy(path))


def _examine_open(
    path: Path,
    connection: sqlite3.Connection,
    known_revisions: frozenset[str],
    head: str,
    left_by_us: bool,
) -> Examined:
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    found = structure(connection)
    if not found.tables and application_id == 0 and left_by_us:
        return Examined(None, stamped=False)
    if not _looks_ours(application_id, set(found.tables)):
        raise NotADatabaseError(path)
    if VERSION_TABLE not in found.tables:
        raise DamagedFileError(path, last_copy(path))
    rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    if len(rows) > 1:
        raise DamagedFileError(path, last_copy(path))
    revision = str(rows[0][0]) if rows else None
    if revision is not None and revision not in known_revisions:
        raise NewerFileError(path, revision)
    stamped = application_id == APPLICATION_ID
    if stamped and revision is None:
        raise DamagedFileError(path, last_copy(path))  # we stamp and version in one go
    # int(): SQLCipher gives some pragmas' values as text.
    page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    if path.stat().st_size % page_size:  # SQLite writes whole pages: the file was cut
        raise DamagedFileError(path, last_copy(path))
    checks = connection.execute("PRAGMA quick_check").fetchall()
    orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    if checks != [("ok",)] or orphans:
        raise DamagedFileError(path, last_copy(path))
    if revision == head and (found != HEAD_STRUCTURE or not _values_sound(connection, found)):
        raise DamagedFileError(path, last_copy(path))
    return Examined(revision, stamped)


_DATE_PATTERN = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


_WRONG_BY_TYPE = {
    "INTEGER": "typeof({c}) NOT IN ('integer', 'null')",
    "BOOLEAN": "{c} NOT IN (0, 1)",
    "DOUBLE": "typeof({c}) NOT IN ('integer', 'real', 'null')",
    "DATE": f"{{c}} IS NOT NULL AND {{c}} NOT GLOB '{_DATE_PATTERN}'",
    "JSON": "{c} IS NOT NULL AND NOT json_valid({c})",
    "TEXT": "typeof({c}) NOT IN ('text', 'null')",
}


def _wrong_value(column: str, declared: str) -> str | None:
    """An SQL condition true when ``column`` holds a value its declared type cannot hold
    (SQLite stores whatever it is given; the program reads back only what it wrote)."""
    kind = declared.upper()
    if kind.startswith("VARCHAR"):
        kind = "TEXT"
    pattern = _WRONG_BY_TYPE.get(kind)
    return None if pattern is None else pattern.format(c=f'"{column}"')


def _values_sound(connection: sqlite3.Connection, found: Structure) -> bool:
    """Whether every stored value has the type of its column: one scan of each table."""
    for table in found.tables:
        declared = {row[1]: row[2] for row in connection.execute(f"PRAGMA table_info('{table}')")}
        wrong = [w for c, t in declared.items() if (w := _wrong_value(c, t)) is not None]
        if (
            wrong
            and connection.execute(
                f'SELECT 1 FROM "{table}" WHERE {" OR ".join(wrong)} LIMIT 1'
            ).fetchone()
        ):
            return False
    return True
