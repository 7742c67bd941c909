"""An open data file: its lock, its engine and the units of work that change it.

``open_database`` takes the lock, refuses a file it must not touch, applies pending
migrations and returns a ``Database``. Close it (or use it as a context manager) to
release the lock.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from entretien_desktop.storage import migrate
from entretien_desktop.storage.engine import create_engine_for
from entretien_desktop.storage.errors import StorageError, environment_errors
from entretien_desktop.storage.lock import FileLock
from entretien_desktop.storage.uow import UnitOfWork


class Database:
    """A data file held open by this process."""

    def __init__(self, path: Path, engine: Engine, lock: FileLock) -> None:
        self.path = path
        self.engine = engine
        self.lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._session_factory, self.path)

    def _session_factory(self) -> Session:
        return self._sessions()

    def backup_to(self, path: Path) -> None:
        """Write a consistent copy of this file to ``path``, even while it is in use.

        SQLite's online backup copies the pages under a read transaction into a temporary
        file beside ``path``, which is then renamed over it: a crash leaves either no copy
        or a whole one. Raises a ``StorageError`` when the target folder is read-only or full.
        """
        path = Path(path)
        if path.resolve() == self.path.resolve():
            raise ValueError(f"cannot back {self.path} up onto itself")
        with environment_errors(path):
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            os.close(handle)
            try:
                raw = self.engine.raw_connection()
                try:
                    source = raw.driver_connection
                    assert isinstance(source, sqlite3.Connection)
                    target = sqlite3.connect(temporary)
                    try:
                        source.backup(target)
                        # One self-contained file to carry away: no -wal beside it.
                        target.execute("PRAGMA journal_mode = DELETE")
                    finally:
                        target.close()
                finally:
                    raw.close()
                Path(temporary).replace(path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    def close(self) -> None:
        self.engine.dispose()
        self.lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_database(path: Path) -> Database:
    """Open (creating if needed) the data file at ``path``, migrated to the current schema.

    Raises a ``StorageError`` with a user-facing message when the file is locked by another
    process, read-only, from a newer version or not a data file; the file is then untouched.
    """
    path = Path(path)
    with environment_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    lock.acquire()
    try:
        revision = migrate.refuse_if_newer(path) if path.exists() else None
        engine = create_engine_for(path)
        try:
            with environment_errors(path), engine.begin() as connection:
                connection.execute(text("SELECT 1"))
                if revision != migrate.HEAD_REVISION:
                    migrate.upgrade(connection)
        except BaseException:
            engine.dispose()
            raise
    except BaseException:
        lock.release()
        raise
    return Database(path, engine, lock)


__all__ = ["Database", "StorageError", "open_database"]
