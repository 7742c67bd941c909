"""Creating and upgrading a data file so that an interruption at any moment leaves a file
that opens: either as it was or whole.

A new file is built under a temporary name in its folder (``.<name>.<random>.creating``),
locked from its first byte, and given its name only once it is complete, by a hard link
that fails if the name was taken meanwhile. A kill before that leaves only the temporary
file, which the next creation removes.

An upgrade first writes a copy of the file beside it (``copies.pre_upgrade_copy_path``),
checks that the copy reads back whole, then runs every migration of the upgrade and stamps
the file as ours in ONE SQLite transaction (schema statements included: see
``engine.create_migration_engine``), so that SQLite's journal undoes all of it after a kill.
Should the file still differ from the copy after a failure, the copy is written back into it.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from entretien_desktop.storage import migrate
from entretien_desktop.storage.cipher import DRIVER_ERRORS, FileKey, connect
from entretien_desktop.storage.copies import glob_escape, pre_upgrade_copy_path
from entretien_desktop.storage.errors import (
    DamagedFileError,
    StorageError,
    UpgradeFailedError,
    environment_errors,
)
from entretien_desktop.storage.identity import APPLICATION_ID, Examined, examine
from entretien_desktop.storage.lock import PRIVATE_FILE_MODE, FileLock

log = logging.getLogger(__name__)

CREATING_SUFFIX = ".creating"
_COMPANIONS = ("-journal", "-wal", "-shm")


def create(path: Path, key: FileKey | None = None) -> FileLock:
    """Build the new file ``path`` (encrypted with ``key``, if given) whole and return the
    lock held on it.

    Raises ``FileExistsError`` when another process gave the name to its own file first.
    """
    _remove_abandoned(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}{CREATING_SUFFIX}")
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    lock = FileLock(temporary)
    lock.adopt(os.open(temporary, flags, PRIVATE_FILE_MODE), named=False)
    try:
        _build(temporary, key)
        return _give_name(lock, temporary, path)
    except BaseException:
        lock.release()
        _discard(temporary)
        raise


def _build(path: Path, key: FileKey | None) -> None:
    from entretien_desktop.storage.engine import create_migration_engine  # noqa: PLC0415

    engine = create_migration_engine(path, key)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        engine.dispose()
    raw = connect(path, key)
    try:
        raw.execute("PRAGMA journal_mode = WAL")  # kept in the file's header
    finally:
        raw.close()
    _fsync_file(path)


def _give_name(lock: FileLock, temporary: Path, path: Path) -> FileLock:
    if sys.platform == "win32":  # pragma: no cover - Windows cannot unlink an open file
        lock.release()
        temporary.rename(path)  # refuses an existing name there
        renamed = FileLock(path)
        renamed.acquire()
        return renamed
    os.link(temporary, path)  # refuses an existing name, unlike a rename
    temporary.unlink()
    _fsync_folder(path.parent)
    lock.move_to(path)
    return lock


def _remove_abandoned(path: Path) -> None:
    """Remove the temporary files of creations that were killed (none holds their lock)."""
    for leftover in path.parent.glob(f".{glob_escape(path.name)}.*{CREATING_SUFFIX}"):
        probe = FileLock(leftover)
        try:
            probe.adopt(os.open(leftover, os.O_RDWR), named=False)
        except (OSError, StorageError):
            continue  # gone meanwhile, or a creation still under way
        # Nobody builds it: let go of it first, since Windows deletes no file a process has
        # open (the probe's own handle included). No creation takes a leftover's name.
        probe.release()
        _discard(leftover)


def _discard(path: Path) -> None:
    for name in (path, *(Path(f"{path}{suffix}") for suffix in _COMPANIONS)):
        try:
            name.unlink(missing_ok=True)
        except OSError as error:
            log.warning("Cannot remove an unfinished data file: %s", error.strerror)


def finish_interrupted(path: Path, key: FileKey | None = None) -> None:
    """Roll back the transaction a killed writer left in ``path``'s rollback journal.

    A read-only connection cannot do it, and would find the file unreadable (half its pages
    written); SQLite's own recovery, run by a connection that may write, puts back the file
    as it was at its last commit, as any program opening it would. Files in WAL mode need
    nothing: their readers ignore what a killed writer did not commit.
    """
    journal = Path(f"{path}-journal")
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    connection = connect(path, key)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    except DRIVER_ERRORS:
        pass  # the examination that follows will say what the file is
    finally:
        connection.close()


def upgrade(path: Path, examined: Examined, key: FileKey | None = None) -> Path | None:
    """Bring the file ``path`` (locked by the caller) to the newest schema and stamp it as
    ours; returns the copy made before, if one was needed."""
    copy = None
    if examined.revision != migrate.HEAD_REVISION:
        copy = pre_upgrade_copy_path(path, examined.revision)
        with environment_errors(copy):
            write_verified_copy(path, copy, key)
    from entretien_desktop.storage.engine import create_migration_engine  # noqa: PLC0415

    engine = create_migration_engine(path, key)
    try:
        with environment_errors(path), engine.begin() as connection:
            migrate.upgrade(connection)
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            if connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise DamagedFileError(path, copy)
    except StorageError:
        _restore_if_changed(path, copy, examined, key)
        raise
    except Exception as error:
        log.error("Upgrade from schema %s failed: %s", examined.revision, type(error).__name__)
        _restore_if_changed(path, copy, examined, key)
        raise UpgradeFailedError(path, copy) from error
    finally:
        engine.dispose()
    return copy


def write_verified_copy(source: Path, target: Path, key: FileKey | None = None) -> None:
    """Copy ``source`` to ``target`` (0600) through SQLite's backup, and check that the copy
    reads back whole before it takes its name. An encrypted source (``key``) gives a copy
    encrypted with the same key and salt: the same passphrase opens it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        reader = connect(source, key, read_only=True)
        writer = connect(temporary, key)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            if writer.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise DamagedFileError(source)
        finally:
            writer.close()
            reader.close()
        _fsync_file(Path(temporary))
        Path(temporary).replace(target)
        _fsync_folder(target.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _restore_if_changed(
    path: Path, copy: Path | None, examined: Examined, key: FileKey | None
) -> None:
    """After a failed upgrade SQLite has rolled the file back; should it still not be what
    it was, write the copy back into it (into the same file: the lock stays valid)."""
    try:
        again = examine(path, migrate.known_revisions_on_disk(), migrate.HEAD_REVISION, key=key)
        if again.revision == examined.revision:
            return
    except StorageError:
        pass
    if copy is None:
        return
    log.warning("Writing the copy made before the upgrade back into the data file")
    source = connect(copy, key, read_only=True)
    target = connect(path, key)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore_copy(path: Path, copy: Path, key: FileKey | None = None) -> Path:
    """Put the ``copy`` kept beside it in the place of the damaged file ``path``, which is
    kept, with its journals, under a name of its own: returns that name. Refused
    (``FileLockedError``) while another process has the file open."""
    now = datetime.now().astimezone()
    aside = path.with_name(f"{path.name}.damaged-{now:%Y%m%d-%H%M%S}")
    lock = FileLock(path)
    lock.acquire()
    try:
        if sys.platform == "win32":
            # Windows renames no file a process has open, the lock's own handle included:
            # let go of it, the file now known to be free. A program that opens the file
            # meanwhile holds it open in turn, and Windows refuses the rename (a message).
            lock.release()
        with environment_errors(path):
            for suffix in ("", *_COMPANIONS):
                companion = Path(f"{path}{suffix}")
                if companion.exists():  # a journal left beside a copy would be replayed into it
                    companion.rename(Path(f"{aside}{suffix}"))
    finally:
        lock.release()
    with environment_errors(path):
        write_verified_copy(copy, path, key)
    log.warning("The copy kept beside a damaged data file was put in its place")
    return aside
