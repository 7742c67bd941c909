"""Protecting a data file with a passphrase, changing it, or taking it away: the file is
written again, whole, under a temporary name, checked, and only then takes the old one's
place; the old file's bytes are then overwritten before it is removed.

SQLite's backup API copies pages between two files of the same kind only (both plain, or
both encrypted with one key): a change of protection goes through SQLCipher's
``sqlcipher_export``, which writes the schema and every row into an attached database keyed
as asked, and is given back the application id it does not copy.

Overwriting the old file is what a program can do; a file system that keeps old blocks
(copy-on-write, snapshots, an SSD's wear levelling) may still hold them: docs/privacy.md says
so, and that a file protected from its creation never had a plain copy.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from entretien_desktop.storage import migrate
from entretien_desktop.storage.building import _fsync_file, _fsync_folder
from entretien_desktop.storage.cipher import DRIVER_ERRORS, FileKey, apply_key, connect
from entretien_desktop.storage.copies import glob_escape
from entretien_desktop.storage.errors import DamagedFileError, environment_errors
from entretien_desktop.storage.identity import APPLICATION_ID, examine
from entretien_desktop.storage.lock import PRIVATE_FILE_MODE, FileLock

CONVERTING_SUFFIX = ".converting"
_COMPANIONS = ("-wal", "-shm", "-journal")
_OVERWRITE_CHUNK = 1 << 20


def change_protection(path: Path, old: FileKey | None, new: FileKey | None) -> None:
    """Write the data file ``path`` (encrypted with ``old``, or plain) again encrypted with
    ``new`` (or plain), in its place. The file must not be open: its lock is taken here
    (``FileLockedError`` otherwise). The file is first examined like any file opened
    (``WrongPassphraseError``, ``DamagedFileError``...): a refused file is left as it was.
    """
    lock = FileLock(Path(path))
    lock.acquire()
    try:
        with environment_errors(path):
            examine(path, migrate.known_revisions_on_disk(), migrate.HEAD_REVISION, key=old)
        lock = rewrite_locked(Path(path), old, new, lock)
    finally:
        lock.release()


def rewrite_locked(
    path: Path, old: FileKey | None, new: FileKey | None, lock: FileLock
) -> FileLock:
    """``change_protection`` of a file whose ``lock`` the caller holds (an open
    ``Database``, its connections closed): returns the lock now held on the new file, the
    old one being released. On failure the file is left as it was, ``lock`` still held."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}{CONVERTING_SUFFIX}")
    aside = path.with_name(f".{path.name}.{secrets.token_hex(6)}.old")
    with environment_errors(path):
        try:
            convert_copy(path, temporary, old, new)
            new_lock = FileLock(temporary)
            if sys.platform == "win32":  # pragma: no cover - no rename of an open file there
                lock.release()
                _swap(path, temporary, aside)
                new_lock = FileLock(path)
                new_lock.acquire()
            else:
                new_lock.adopt(os.open(temporary, os.O_RDWR), named=False)
                try:
                    _swap(path, temporary, aside)
                except BaseException:
                    new_lock.release()
                    raise
                lock.release()
                new_lock.move_to(path)
        except BaseException:
            _remove(temporary)
            raise
    _overwrite_and_remove(aside)
    return new_lock


def rewrite_backup(path: Path, old: FileKey | None, new: FileKey | None) -> None:
    """A backup (no lock, nobody writes it) written again encrypted with ``new`` (plain
    for ``None``), in its place, its old bytes overwritten."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}{CONVERTING_SUFFIX}")
    aside = path.with_name(f".{path.name}.{secrets.token_hex(6)}.old")
    with environment_errors(path):
        try:
            convert_copy(path, temporary, old, new)
            converted = connect(temporary, new)
            try:
                converted.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                converted.close()
            _swap(path, temporary, aside)
        except BaseException:
            _remove(temporary)
            raise
    _overwrite_and_remove(aside)


def _swap(path: Path, temporary: Path, aside: Path) -> None:
    """``temporary`` in ``path``'s place, the old file (with its journals: a WAL left
    beside the new file would be replayed into it) moved to ``aside``; put back should the
    last rename fail."""
    moved = []
    try:
        for suffix in ("", *_COMPANIONS):
            if os.path.lexists(f"{path}{suffix}"):
                Path(f"{path}{suffix}").rename(Path(f"{aside}{suffix}"))
                moved.append(suffix)
        temporary.rename(path)
    except BaseException:
        for suffix in moved:
            Path(f"{aside}{suffix}").rename(Path(f"{path}{suffix}"))
        raise
    _fsync_folder(path.parent)


def convert_copy(source: Path, target: Path, old: FileKey | None, new: FileKey | None) -> None:
    """Write ``source`` (read with ``old``) as the new file ``target`` encrypted with
    ``new`` (plain for ``None``), in WAL mode, private, and checked whole."""
    reader = sqlcipher.connect(str(source))
    try:
        reader.isolation_level = None
        if old is not None:
            apply_key(reader, old)
        # Whatever the WAL holds goes into the file first: the export reads the file.
        reader.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target_key = "" if new is None else new.pragma_value().strip('"')
        reader.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), target_key))
        try:
            reader.execute("SELECT sqlcipher_export('converted')")
            reader.execute(f"PRAGMA converted.application_id = {APPLICATION_ID}")
        finally:
            reader.execute("DETACH DATABASE converted")
    finally:
        reader.close()
    if os.name == "posix":
        target.chmod(PRIVATE_FILE_MODE)
    writer = connect(target, new)
    try:
        writer.execute("PRAGMA journal_mode = WAL")  # kept in the file's header
        whole = writer.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except DRIVER_ERRORS:
        whole = False
    finally:
        writer.close()
    if not whole:
        raise DamagedFileError(source)
    _fsync_file(target)


def sweep_leftovers(path: Path) -> list[Path]:
    """Remove what a rewrite of ``path`` killed half-way left beside it (the caller holds
    its lock, so no rewrite is under way): a temporary copy, and the old file moved aside
    but not yet overwritten, a plain file's pages perhaps, overwritten now. Returns what
    was removed."""
    path = Path(path)
    removed = []
    for pattern in (
        f".{glob_escape(path.name)}.*{CONVERTING_SUFFIX}",
        f".{glob_escape(path.name)}.*.old",
    ):
        for leftover in path.parent.glob(pattern):
            if leftover.is_file():
                _overwrite_and_remove(leftover)
                removed.append(leftover)
    return removed


def _remove(path: Path) -> None:
    for name in (path, *(Path(f"{path}{suffix}") for suffix in _COMPANIONS)):
        name.unlink(missing_ok=True)


def _overwrite_and_remove(path: Path) -> None:
    """Overwrite the file ``path`` (and its journals) with zeros, to the disk, then remove
    it: its plain pages are not left to be read back from the free space."""
    for name in (path, *(Path(f"{path}{suffix}") for suffix in _COMPANIONS)):
        try:
            size = name.stat().st_size
        except FileNotFoundError:
            continue
        with name.open("r+b") as handle:
            zeros = bytes(min(size, _OVERWRITE_CHUNK))
            left = size
            while left > 0:
                left -= handle.write(zeros[: min(left, len(zeros))])
            handle.flush()
            os.fsync(handle.fileno())
        name.unlink()
