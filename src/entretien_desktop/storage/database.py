"""An open data file: its lock, its engine and the units of work that change it.

``open_database`` takes the lock, refuses a file it must not touch, applies pending
migrations and returns a ``Database``. Close it (or use it as a context manager) to
release the lock.

A file already at the current schema is opened with the standard library alone: SQLAlchemy
is imported, and the engine created, on first use, which the desktop window makes on a
worker thread. Importing SQLAlchemy is more than half of the window's start-up otherwise.

``open_server`` opens a database on a PostgreSQL server instead (docs/server.md): no lock
(the server serves several users), no file to examine, copy or back up; its schema is
created or upgraded by the same migrations, one transaction under an advisory lock so that
two programs opening a new server at once do not both build it.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from entretien_desktop.storage import building, migrate
from entretien_desktop.storage.cipher import FileKey, connect
from entretien_desktop.storage.errors import (
    DamagedFileError,
    NewerFileError,
    NotADatabaseError,
    OlderSchemaError,
    ReadOnlyFileError,
    StorageError,
    environment_errors,
)
from entretien_desktop.storage.identity import examine, is_plain_sqlite
from entretien_desktop.storage.lock import FileLock

log = logging.getLogger(__name__)

PRIVATE_FOLDER_MODE = 0o700

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session, sessionmaker

    from entretien_desktop.domain import Company
    from entretien_desktop.storage.listen import Listener, Notice
    from entretien_desktop.storage.uow import UnitOfWork
    from entretien_desktop.storage.versions import Key

COMPANY_TABLE, EMPLOYEE_TABLE, COMPANY_ID = "company", "employee", 1


class Database:
    """A data file held open by this process; ``key`` is its encryption key (``None``: a
    plain file)."""

    def __init__(
        self,
        path: Path,
        lock: FileLock | None,
        engine: Engine | None = None,
        key: FileKey | None = None,
        url: str | None = None,
    ) -> None:
        self.path = path
        self.lock = lock
        self.key = key
        self.url = url
        """A server's URL to show, its password hidden (``None``: a data file, at ``path``)."""
        self.server: URL | None = None
        """A server's address, password included, to connect again after ``close``."""
        self._engine = engine
        self._sessions: sessionmaker[Session] | None = None
        self._guard = threading.Lock()
        # Other programs' changes on a server (storage/listen.py): this program's id in
        # the triggers' notices, and the listeners stopped when the database closes.
        self.client: str | None = None
        self._listeners: list[Listener] = []

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, created on first use (from any thread)."""
        with self._guard:
            if self._engine is None:
                from entretien_desktop.storage.engine import create_engine_for  # noqa: PLC0415

                if self.server is None:
                    self._engine = create_engine_for(self.path, self.key)
                else:
                    # A server's database closed and used again connects to its server
                    # again, as the same program: its ``path`` is only a name to show (a
                    # file of that name must never be made in the working folder), and
                    # ``url`` hides the password.
                    from entretien_desktop.storage.listen import identify  # noqa: PLC0415

                    self._engine = create_engine_for(self.server)
                    identify(self._engine, self.client)
            return self._engine

    def unit_of_work(self) -> UnitOfWork:
        from entretien_desktop.storage.uow import UnitOfWork  # noqa: PLC0415

        return UnitOfWork(self._session_factory, self.path)

    def read_company(self) -> Company | None:
        """The whole company as the file holds it (``None`` without one); writes nothing."""
        if self.url is not None:  # a server: read again once after a lost connection
            from entretien_desktop.storage.server_errors import read_retrying  # noqa: PLC0415

            return read_retrying(self._load)
        return self._load()

    def _load(self) -> Company | None:
        with self.unit_of_work() as uow:
            return uow.company.load()

    def read_with_versions(self) -> tuple[Company | None, dict[Key, int]]:
        """``read_company`` with the version of every record, read first in the same unit
        of work (storage/versions.py): a record another user writes in between is then
        refused as stale at its next write, never overwritten. On a server, read again
        once after a lost connection, as ``read_company``."""
        from entretien_desktop.storage.versions import read_versions  # noqa: PLC0415

        def load() -> tuple[Company | None, dict[Key, int]]:
            with self.unit_of_work() as uow:
                versions = read_versions(uow.session)
                return uow.company.load(), versions

        if self.url is not None:
            from entretien_desktop.storage.server_errors import read_retrying  # noqa: PLC0415

            return read_retrying(load)
        return load()

    def _session_factory(self) -> Session:
        engine = self.engine
        with self._guard:
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker  # noqa: PLC0415

                self._sessions = sessionmaker(engine, expire_on_commit=False)
            return self._sessions()

    def peek_summary(self) -> tuple[str | None, int]:
        """The company's name (``None`` without a company) and the number of employees,
        read with the standard library alone: a window title needs no SQLAlchemy."""
        if self.url is not None:
            from entretien_desktop.storage.server_errors import read_retrying  # noqa: PLC0415

            return read_retrying(self._peek_server)
        with environment_errors(self.path):
            connection = connect(self.path, self.key, read_only=True)
            try:
                row = connection.execute(
                    f"SELECT name FROM {COMPANY_TABLE} WHERE id = ?", (COMPANY_ID,)
                ).fetchone()
                (count,) = connection.execute(f"SELECT count(*) FROM {EMPLOYEE_TABLE}").fetchone()
            finally:
                connection.close()
        return (None if row is None else str(row[0])), int(count)

    def user_name(self) -> str | None:
        """On a server, the connected user's name (the company's users list, else the
        login); ``None`` for a file, whose user is the one of the computer."""
        if self.url is None:
            return None
        from entretien_desktop.storage.server_users import connected_name  # noqa: PLC0415

        with self.engine.connect() as connection:
            return connected_name(connection)

    def user_access(self) -> tuple[str | None, tuple[str, ...]] | None:
        """On a server, the connected user's role code (``hr``, ``site_manager``,
        ``accountant``; ``None`` for a login the company does not list) and, for a site
        manager, the sites they manage; ``None`` for a file (one user, who may do all)."""
        if self.url is None:
            return None
        from sqlalchemy import text  # noqa: PLC0415

        with self.engine.connect() as connection:
            role = connection.execute(text("SELECT entretien_role()")).scalar()
            sites = connection.execute(text("SELECT site FROM entretien_sites() AS site"))
            return (None if role is None else str(role)), tuple(sorted(str(s) for (s,) in sites))

    def _peek_server(self) -> tuple[str | None, int]:
        with self.unit_of_work() as uow:
            return uow.company.name(), uow.company.employee_count()

    def backup_to(self, path: Path) -> None:
        """Write a consistent copy of this file to ``path``, even while it is in use.

        SQLite's online backup copies the pages under a read transaction into a temporary
        file beside ``path``, which is then renamed over it: a crash leaves either no copy
        or a whole one. An encrypted file's copy is encrypted with the same key. Raises a
        ``StorageError`` when the target folder is read-only or full.
        """
        if self.url is not None:
            raise NotImplementedError("a server is backed up by its administrator (pg_dump)")
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
                    assert source is not None
                    target = connect(temporary, self.key)
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

    def change_protection(self, key: FileKey | None) -> None:
        """Encrypt this open file with ``key`` (a new passphrase's), or write it plain
        (``None``): rewritten whole and checked, then put in the old one's place, whose
        bytes are overwritten (storage/rekey.py). Every connection is closed first: the
        caller lets running work finish. On failure the file stays as it was, and open."""
        from entretien_desktop.storage.rekey import rewrite_locked  # noqa: PLC0415

        if self.url is not None or self.lock is None:
            raise NotImplementedError("a server's data is protected by the server (TLS, roles)")
        with self._guard:
            engine, self._engine, self._sessions = self._engine, None, None
        if engine is not None:
            engine.dispose()
        self.lock = rewrite_locked(self.path, self.key, key, self.lock)
        self.key = key

    def listen(self, callback: Callable[[Notice], None]) -> Listener | None:
        """Hear other programs' changes as they are committed: ``callback`` gets each
        ``Notice`` on a thread of its own (``None``: a file, which nobody else writes).
        Stop it with ``Listener.stop``; closing the database stops it too."""
        if self.url is None:
            return None
        from entretien_desktop.storage.listen import Listener  # noqa: PLC0415

        listener = Listener(self.engine, callback, ignore=self.client)
        with self._guard:  # those stopped meanwhile (a form that waited) are let go
            self._listeners = [kept for kept in self._listeners if kept.running]
            self._listeners.append(listener)
        listener.start()
        return listener

    def close(self) -> None:
        with self._guard:
            listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener.stop()
        with self._guard:
            engine, self._engine, self._sessions = self._engine, None, None
        if engine is not None:
            engine.dispose()
        if self.lock is not None:
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


def open_database(path: Path, key: FileKey | None = None) -> Database:
    """Open (creating if needed) the data file at ``path``, migrated to the current schema.

    ``key``: the file's encryption key (``FileKey.of_file`` for an existing file, a new
    ``FileKey`` to create one encrypted). A key given for an existing plain file is not
    used: the file is opened as it is.

    Raises a ``StorageError`` with a user-facing message when the file is locked by another
    process, read-only, from a newer version, not ours or damaged: the file is then
    untouched. A new file is built whole before it takes its name; an upgrade is one
    transaction, after a verified copy of the file (``building``).
    """
    path = Path(path)
    with environment_errors(path):
        path.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if not os.path.lexists(path):
        try:
            with environment_errors(path):
                return Database(path, building.create(path, key), key=key)
        except FileExistsError:
            pass  # another process gave the name to its new file first: open that one
    lock = FileLock(path)
    lock.acquire()
    try:
        with environment_errors(path):
            if key is not None and (is_plain_sqlite(path) or path.stat().st_size == 0):
                key = None
            _sweep_rewrite_leftovers(path)
            building.finish_interrupted(path, key)
            examined = examine(
                path,
                migrate.known_revisions_on_disk(),
                migrate.HEAD_REVISION,
                left_by_us=lock.recovered_from is not None,
                key=key,
            )
            _make_private(path)
            if examined.revision == migrate.HEAD_REVISION and examined.stamped:
                # Up to date: nothing to write now. os.access cannot see a read-only file as
                # the superuser, but writing to it will still fail with the same message.
                if not os.access(path, os.W_OK):
                    raise ReadOnlyFileError(path)
                return Database(path, lock, key=key)
            building.upgrade(path, examined, key)
    except DamagedFileError as damaged:
        lock.release()
        damaged.key = key
        raise
    except BaseException:
        lock.release()
        raise
    return Database(path, lock, key=key)


SCHEMA_LOCK = 0x454E5452
"""The advisory lock a program holds on a server while it creates or upgrades the schema."""


def open_server(url: str) -> Database:
    """Open the Entretien Desktop database at ``url`` on a PostgreSQL server, creating its
    schema in an empty database or upgrading an older one (one transaction).

    Raises ``NewerFileError`` when a newer version made the schema, ``NotADatabaseError``
    when the database holds tables but none of ours, ``OlderSchemaError`` when an older
    version's schema needs the owner of the tables to bring it up to date and the user is
    not; nothing is changed then.
    """
    from sqlalchemy import inspect, text  # noqa: PLC0415

    from entretien_desktop.storage.engine import create_engine_for, url_for  # noqa: PLC0415

    parsed = url_for(url)
    place = Path(f"{parsed.database} @ {parsed.host or 'localhost'}")
    engine = create_engine_for(parsed)
    from entretien_desktop.storage.listen import identify  # noqa: PLC0415

    client = identify(engine)
    try:
        with environment_errors(place), engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            tables = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar_one_or_none()
            elif tables:
                raise NotADatabaseError(place)
            if revision is not None and revision not in migrate.known_revisions_on_disk():
                raise NewerFileError(place, str(revision))
            if revision != migrate.HEAD_REVISION:
                if revision is not None and not _owns_schema(connection):
                    raise OlderSchemaError(place, str(revision))
                migrate.upgrade(connection)
    except BaseException:
        engine.dispose()
        raise
    database = Database(place, None, engine=engine, url=parsed.render_as_string(hide_password=True))
    database.server = parsed
    database.client = client
    return database


def _owns_schema(connection: Connection) -> bool:
    """Whether the connected user may change the tables: a superuser, or a member of the
    role owning them (the one that ran ``server-init``)."""
    from sqlalchemy import text  # noqa: PLC0415

    return bool(
        connection.execute(
            text(
                "SELECT rolsuper OR pg_has_role(current_user, "
                "(SELECT tableowner FROM pg_tables WHERE tablename = 'alembic_version' "
                "AND schemaname = current_schema()), 'MEMBER') "
                "FROM pg_roles WHERE rolname = current_user"
            )
        ).scalar()
    )


def _sweep_rewrite_leftovers(path: Path) -> None:
    from entretien_desktop.storage.rekey import sweep_leftovers  # noqa: PLC0415

    for leftover in sweep_leftovers(path):
        log.warning("Removed what an interrupted change of passphrase left: %s", leftover.name)


def _make_private(path: Path) -> None:
    """Take away other accounts' access to a file of ours and its journals (files of
    earlier versions were created readable by all); files of another owner are left."""
    if os.name != "posix":
        return
    for name in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm"))):
        try:
            status = name.stat()
            if status.st_uid == os.getuid() and status.st_mode & 0o077:
                name.chmod(status.st_mode & 0o700)
        except OSError:
            continue


__all__ = ["Database", "StorageError", "open_database", "open_server"]
