"""The one engine factory: a path or a URL to a configured SQLAlchemy engine.

Every SQLite connection gets WAL journaling, ``synchronous=FULL`` and foreign keys on, so
each committed transaction survives a crash or a power cut and no orphan row can appear.
An encrypted file (a ``FileKey``) is reached through ``sqlcipher3`` with the raw key: a
connection opened by a worker thread does not pay the passphrase's derivation again.
A ``postgresql://`` URL reaches a shared server through psycopg 3 (docs/server.md).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool, QueuePool

from entretien_desktop.storage.cipher import FileKey, connect

BUSY_TIMEOUT_MS = 5000


SERVER_DRIVER = "postgresql+psycopg"


def url_for(target: Path | str | URL) -> URL:
    """A URL for a data file path, or the URL given (a server's always through psycopg)."""
    if isinstance(target, URL):
        url = target
    elif isinstance(target, str) and "://" in target:
        url = make_url(target)
    else:
        return URL.create("sqlite+pysqlite", database=str(Path(target)))
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername=SERVER_DRIVER)
    return url


def is_server(target: Path | str | URL) -> bool:
    """Whether ``target`` names a database server rather than a data file."""
    return url_for(target).get_backend_name() != "sqlite"


def json_text(value: Any) -> str:
    """A JSON column's text as every statement writes it: the characters as typed (no
    ``\\u`` escapes) and the standard separators, on both back ends. The triggers that
    keep a signed interview as it was compare this text: the same value must always give
    the same text."""
    return json.dumps(value, ensure_ascii=False)


ENGINE_OPTIONS: dict[str, Any] = {"json_serializer": json_text}
"""What every engine of the program is created with."""


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _keyed_engine(path: Path, key: FileKey, **options: Any) -> Engine:
    """An engine whose connections are ``sqlcipher3``'s, keyed with ``key``; the dialect
    is pysqlite's with the driver module swapped, so that errors are wrapped as usual."""
    from sqlcipher3 import dbapi2  # noqa: PLC0415

    def keyed_connection() -> sqlite3.Connection:
        return connect(path, key, check_same_thread=False)

    return create_engine(
        "sqlite://", module=dbapi2, creator=keyed_connection, **ENGINE_OPTIONS, **options
    )


def create_engine_for(target: Path | str | URL, key: FileKey | None = None) -> Engine:
    """An engine for a data file (encrypted with ``key``, if given); SQLite files get the
    data-safety pragmas."""
    url = url_for(target)
    if key is not None:
        if url.get_backend_name() != "sqlite":
            raise ValueError("a server is not encrypted with a file's passphrase")
        engine = _keyed_engine(Path(str(url.database)), key, poolclass=QueuePool)
    elif url.get_backend_name() == "sqlite":
        engine = create_engine(url, **ENGINE_OPTIONS)
    else:
        # A connection the server closed meanwhile (a restart, an idle timeout) is
        # replaced before use rather than failing the next unit of work.
        engine = create_engine(url, pool_pre_ping=True, **ENGINE_OPTIONS)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _migration_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The driver's own transaction handling is switched off: it would commit each schema
    # statement alone. The "begin" listener below opens the one real transaction instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous = FULL")
        # Table rebuilds must not cascade; references are checked before the commit instead.
        cursor.execute("PRAGMA foreign_keys = OFF")
    finally:
        cursor.close()


def _begin_immediately(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_migration_engine(path: Path, key: FileKey | None = None) -> Engine:
    """An engine whose transactions are SQLite's own, schema statements included: everything
    a creation or an upgrade does is committed at once or not at all."""
    if key is not None:
        engine = _keyed_engine(Path(path), key, poolclass=NullPool)
    else:
        engine = create_engine(url_for(path), poolclass=NullPool, **ENGINE_OPTIONS)
    event.listen(engine, "connect", _migration_pragmas)
    event.listen(engine, "begin", _begin_immediately)
    return engine
