"""A throwaway PostgreSQL server for the storage tests (issue 20, part 5).

The server is the Debian ``postgresql`` package's (``make test`` installs it, like the Qt
libraries): ``initdb`` in a temporary folder, then ``pg_ctl`` starts it listening on a Unix
socket in that folder only (no TCP port, nothing reachable from outside), with durability
off (a test database is thrown away). Started once per test session, on first use; each test
gets a database of its own (``postgres_url``). Run as root, the server runs as the
``postgres`` account (PostgreSQL refuses root). Where the binaries are missing (macOS,
Windows, a machine without the package), every test that asks for it is skipped, saying so.

``ENTRETIEN_PG_BINDIR`` names another folder of binaries (``pg_config --bindir``).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Debian and Ubuntu install each major version under its own folder.
DEBIAN_VERSIONS = "/usr/lib/postgresql"
SUPERUSER = "postgres"
_databases = itertools.count(1)


def find_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None."""
    given = os.environ.get("ENTRETIEN_PG_BINDIR")
    candidates = [Path(given)] if given else []
    candidates += sorted(
        Path(DEBIAN_VERSIONS).glob("*/bin"),
        key=_major,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _major(folder: Path) -> int:
    try:
        return int(folder.parent.name)
    except ValueError:
        return 0


@dataclass(frozen=True)
class PostgresServer:
    """A running server: its binaries, its data folder and the folder of its socket."""

    bindir: Path
    folder: Path
    as_postgres: bool

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def run(self, *command: str) -> None:
        """Run one of the server's programs as the account that owns the server."""
        argv = list(command)
        if self.as_postgres:
            argv = ["runuser", "-u", SUPERUSER, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(
                f"{Path(command[0]).name} failed ({done.returncode}): {done.stdout}{done.stderr}"
            )

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server, through its socket."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg  # noqa: PLC0415

        name = f"test_{os.getpid()}_{next(_databases)}"
        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
        return self.url(name)


def start_server(*, durable: bool = False) -> PostgresServer:
    """initdb in a new temporary folder and start the server on a socket there; ``durable``:
    with fsync on, as a real server (bench/server.py), not the tests' throwaway one."""
    bindir = find_binaries()
    if bindir is None:
        raise FileNotFoundError("initdb")
    as_postgres = sys.platform != "win32" and os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="entretien-pg-"))
    server = PostgresServer(bindir, folder, as_postgres)
    server.socket_dir.mkdir()
    if as_postgres:
        shutil.chown(folder, SUPERUSER)
        shutil.chown(server.socket_dir, SUPERUSER)
    user = ["-U", SUPERUSER]
    server.run(
        str(bindir / "initdb"), "--no-sync", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
        *user, "-D", str(server.data_dir),
    )  # fmt: skip
    options = f"-c listen_addresses='' -c unix_socket_directories='{server.socket_dir}'"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    server.run(
        str(bindir / "pg_ctl"), "-D", str(server.data_dir), "-o", options,
        "-l", str(folder / "server.log"), "-w", "-t", "60", "start",
    )  # fmt: skip
    return server


def stop_server(server: PostgresServer) -> None:
    try:
        server.run(
            str(server.bindir / "pg_ctl"), "-D", str(server.data_dir), "-m", "immediate", "stop"
        )
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)


_shared: list[PostgresServer] = []


def shared_server() -> PostgresServer:
    """A server for the whole run, started on first use and stopped when Python exits
    (for ``tests.helpers.open_data`` under ``ENTRETIEN_TEST_SERVER=1``, outside fixtures)."""
    if not _shared:
        import atexit  # noqa: PLC0415

        _shared.append(start_server())
        atexit.register(stop_server, _shared[0])
    return _shared[0]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server, started on first use; skipped without the binaries."""
    if find_binaries() is None:
        pytest.skip(
            "PostgreSQL's binaries (initdb, pg_ctl) are not installed: "
            "apt-get install postgresql, or set ENTRETIEN_PG_BINDIR"
        )
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    server = start_server()
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database on the session's server."""
    return postgres_server.create_database()
