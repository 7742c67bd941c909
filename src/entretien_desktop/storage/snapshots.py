"""Backup files as SQLite sees them: written whole, checked, peeked at, restored.

A backup is written through SQLite's online backup API (from an open ``Database``, or from
a data file read without its lock, so that a backup can be taken while the window has the
file open) into a temporary name in its folder, checked with ``PRAGMA integrity_check`` on
a fresh read-only connection, made private (0600), and only then given its name: a backup
that fails its check is removed and never carries a backup's name. The backup of an
encrypted file is encrypted with the same key (and salt): its passphrase opens it. The naming,
the rotation and the listing are services/backups.py's.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from entretien_desktop.storage import migrate
from entretien_desktop.storage.building import _fsync_file, _fsync_folder
from entretien_desktop.storage.cipher import DRIVER_ERRORS, FileKey, connect
from entretien_desktop.storage.database import Database
from entretien_desktop.storage.errors import (
    BackupNotVerifiedError,
    DamagedFileError,
    environment_errors,
)
from entretien_desktop.storage.identity import examine

PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True, slots=True)
class Contents:
    """What a backup holds: the company's name (``None`` without one), its counts, and
    when its last change was made (the journal's last entry, UTC ISO 8601; ``None`` for a
    file with no journal yet, or of a version before it)."""

    company_name: str | None
    employees: int
    interviews: int
    last_change: str | None = None


def integrity_problems(path: Path, key: FileKey | None = None) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong with the file at ``path`` (read-only,
    encrypted with ``key`` if given), an empty list when it is whole. A file SQLite cannot
    read at all is one problem."""
    try:
        connection = connect(path, key, read_only=True)
    except DRIVER_ERRORS as error:
        return [str(error)]
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except DRIVER_ERRORS as error:
        return [str(error)]
    finally:
        connection.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def verify_backup(path: Path, key: FileKey | None = None) -> bool:
    """Whether the backup at ``path`` passes ``PRAGMA integrity_check``."""
    return not integrity_problems(path, key)


def peek(path: Path, key: FileKey | None = None) -> Contents:
    """What the backup at ``path`` holds, read-only with the standard library. Raises
    ``DamagedFileError`` when it cannot be read (or is no data file of ours)."""
    try:
        connection = connect(path, key, read_only=True)
        try:
            row = connection.execute("SELECT name FROM company WHERE id = 1").fetchone()
            (employees,) = connection.execute("SELECT count(*) FROM employee").fetchone()
            (interviews,) = connection.execute("SELECT count(*) FROM interview").fetchone()
            last_change = _last_change(connection)
        finally:
            connection.close()
    except DRIVER_ERRORS as error:
        raise DamagedFileError(path) from error
    return Contents(
        None if row is None else str(row[0]), int(employees), int(interviews), last_change
    )


def _last_change(connection: sqlite3.Connection) -> str | None:
    """The time of the journal's last entry; ``None`` without one (or without a journal:
    a backup of a version before revision 0011)."""
    try:
        row = connection.execute("SELECT at FROM audit_trail ORDER BY seq DESC LIMIT 1").fetchone()
    except DRIVER_ERRORS:
        return None
    return None if row is None else str(row[0])


def write_backup(source: Database | Path, target: Path, key: FileKey | None = None) -> None:
    """Write a backup of ``source`` at ``target`` (a name not yet taken: an existing one is
    refused with ``FileExistsError``), checked whole and private.

    A source given by its path (encrypted with ``key``, if given) is first identified
    (``NotADatabaseError``, ``DamagedFileError``, ``NewerFileError``), read-only and
    without taking its lock; an open ``Database`` brings its own key.
    Raises ``BackupNotVerifiedError`` when the copy fails its integrity check: it is then
    removed. Read-only or full folders are ``StorageError``s too.
    """
    target = Path(target)
    if isinstance(source, Database):
        key = source.key
    else:
        examine(source, migrate.known_revisions_on_disk(), migrate.HEAD_REVISION, key=key)
    with environment_errors(target):
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        temporary = Path(name)
        try:
            _copy(source, temporary, key)
            if sys.platform != "win32":
                temporary.chmod(PRIVATE_FILE_MODE)
            _fsync_file(temporary)
            if not verify_backup(temporary, key):
                raise BackupNotVerifiedError(target)
            _give_name(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def _copy(source: Database | Path, temporary: Path, key: FileKey | None) -> None:
    if isinstance(source, Database):
        raw = source.engine.raw_connection()
        try:
            reader = raw.driver_connection
            assert reader is not None
            _backup(reader, temporary, key)
        finally:
            raw.close()
        return
    reader = connect(source, key, read_only=True)
    try:
        _backup(reader, temporary, key)
    finally:
        reader.close()


def _backup(reader: sqlite3.Connection, temporary: Path, key: FileKey | None) -> None:
    writer = connect(temporary, key)
    try:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        writer.close()


def _give_name(temporary: Path, target: Path) -> None:
    """``temporary`` renamed ``target``, never over an existing file."""
    if sys.platform == "win32":  # pragma: no cover - a rename refuses an existing name there
        temporary.rename(target)
    else:
        try:
            os.link(temporary, target)  # refuses an existing name, unlike a rename
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links (FAT, exFAT: a USB stick): a rename after a
            # look, the name being ours to give in a folder of backups.
            if os.path.lexists(target):
                raise FileExistsError(target) from None
            temporary.rename(target)
        else:
            temporary.unlink()
    _fsync_folder(target.parent)


def restore_backup(backup: Path, target: Path, key: FileKey | None = None) -> None:
    """Copy the backup at ``backup`` to the new file ``target`` (``FileExistsError`` if it
    exists), after checking it: ``DamagedFileError`` when it fails ``integrity_check`` or
    its identification, ``NotADatabaseError`` when it is not ours, ``NewerFileError``.
    The caller opens the result with ``open_database`` (which migrates it). An encrypted
    backup needs its ``key`` (``examine`` says ``EncryptedFileError`` without it, and
    ``WrongPassphraseError`` with a wrong one), and gives a file encrypted the same way."""
    backup, target = Path(backup), Path(target)
    with environment_errors(backup):
        examine(backup, migrate.known_revisions_on_disk(), migrate.HEAD_REVISION, key=key)
        whole = verify_backup(backup, key)
    if not whole:
        raise DamagedFileError(backup)
    write_backup(backup, target, key)
