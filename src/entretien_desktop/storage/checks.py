"""The full check of a data file: every page (``PRAGMA integrity_check``) and every
reference between records (``PRAGMA foreign_key_check``), where opening a file runs only the
cheap ``quick_check`` (storage/identity.py).

A file given by its path is identified first, read-only and without its lock: a file that is
not ours raises ``NotADatabaseError`` (its pages are not ours to judge), a newer one
``NewerFileError``; a file of ours that fails identification is checked all the same, to
say what is wrong. The open file is checked through its own engine, on the calling thread.
Nothing of the file's content is quoted: SQLite's findings name pages, tables and rows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from entretien_desktop.i18n import _
from entretien_desktop.storage import migrate
from entretien_desktop.storage.cipher import DRIVER_ERRORS, FileKey, connect
from entretien_desktop.storage.database import Database
from entretien_desktop.storage.errors import DamagedFileError, environment_errors
from entretien_desktop.storage.identity import examine

MAX_FINDINGS = 100
"""``integrity_check`` stops after this many problems: enough to tell a damaged file."""


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What the full check found: ``problems`` (empty: the file is whole), the pages read
    and the records counted (``None`` when they could not be counted)."""

    path: Path
    problems: tuple[str, ...]
    pages: int
    employees: int | None
    interviews: int | None

    @property
    def whole(self) -> bool:
        return not self.problems


def check_path(path: Path, key: FileKey | None = None) -> FileCheck:
    """The full check of the data file at ``path`` (encrypted with ``key``, if given),
    read-only (see the module's text)."""
    path = Path(path)
    refused: list[str] = []
    with environment_errors(path):
        try:
            examine(path, migrate.known_revisions_on_disk(), migrate.HEAD_REVISION, key=key)
        except DamagedFileError:
            refused.append(_("Its structure or its records are not what this program writes."))
        try:
            connection = connect(path, key, read_only=True)
        except DRIVER_ERRORS as error:
            return FileCheck(path, (str(error),), 0, None, None)
        try:
            found = _check(path, connection)
        finally:
            connection.close()
    problems = found.problems or tuple(refused)
    return FileCheck(path, problems, found.pages, found.employees, found.interviews)


def check_database(database: Database) -> FileCheck:
    """The full check of the open ``database``, through its engine (on this thread)."""
    raw = database.engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert connection is not None  # sqlite3's, or sqlcipher3's for an encrypted file
        with environment_errors(database.path):
            return _check(database.path, connection)
    finally:
        raw.close()


def _check(path: Path, connection: sqlite3.Connection) -> FileCheck:
    problems: list[str] = []
    pages = 0
    try:
        pages = int(connection.execute("PRAGMA page_count").fetchone()[0])
        rows = connection.execute(f"PRAGMA integrity_check({MAX_FINDINGS})").fetchall()
        if [tuple(row) for row in rows] != [("ok",)]:
            problems.extend(str(row[0]) for row in rows)
        for table, rowid, parent, _key in connection.execute("PRAGMA foreign_key_check"):
            problems.append(
                _("Record {rowid} of {table} refers to a missing record of {parent}.").format(
                    rowid=rowid, table=table, parent=parent
                )
            )
    except DRIVER_ERRORS as error:
        problems.append(str(error))
    employees = _count(connection, "employee")
    interviews = _count(connection, "interview")
    return FileCheck(path, tuple(problems), int(pages), employees, interviews)


def _count(connection: sqlite3.Connection, table: str) -> int | None:
    try:
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    except DRIVER_ERRORS:
        return None
    return int(count)
