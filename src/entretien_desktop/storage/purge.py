"""Deleting employees for good, once their records are past retention, and leaving nothing
of them in the file's free pages (docs/privacy.md).

An ordinary change cannot delete a signed interview, an issued report, the attachments of
a signed interview or rewrite an entry of the journal of changes: the file's triggers refuse
it (revisions 0007 and 0011). The retention of those records is over when their employee is
purged, so ``purge_employees`` lifts exactly those triggers for the one transaction that
deletes them, and puts them back, with the text the file had, before the transaction ends:
the file is never committed without them, and a failure rolls the whole of it back, the
triggers' removal included (SQLite's schema changes are transactional). The chain of signed
records keeps its entries: they hold interview numbers and SHA-256 digests only, and still
link to one another.

``vacuum`` then rebuilds the file and empties its write-ahead log, so that no page of the
deleted rows stays in the file's free pages or beside it.

On a PostgreSQL server (docs/server.md) the same triggers are switched off with ``ALTER
TABLE … DISABLE TRIGGER`` and on again inside the one transaction (transactional there
too; the tables are locked for its length), and ``vacuum`` has the server reclaim the
deleted rows' space (``VACUUM`` of the tables a purge touches, outside a transaction).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from entretien_desktop.domain import audit_trail
from entretien_desktop.storage.errors import environment_errors

if TYPE_CHECKING:  # SQLAlchemy is imported on first use of the file, not with the window
    from sqlalchemy.orm import Session

    from entretien_desktop.storage.database import Database

LIFTED_ON = {
    "signed_interview_kept": "interview",
    "signed_attachment_kept": "attachment",
    "issued_report_delete_refused": "issued_report",
    "audit_trail_update_refused": "audit_trail",
}
LIFTED = tuple(LIFTED_ON)
"""The triggers a purge lifts, inside its transaction only."""

PURGED_TABLES = ("employee", "interview", "attachment", "issued_report", "audit_trail")

_JOURNAL = 'SELECT seq, at, "user", name, action, employees, previous, link FROM audit_trail'


@dataclass(frozen=True, slots=True)
class Purged:
    employees: int
    interviews: int
    journal_entries: int
    """Entries of the journal of changes whose text was cleared."""


def _placeholders(values: Sequence[object], mark: str = "?") -> str:
    return ", ".join(mark for _ in values)


def purge_employees(
    session: Session, refs: Sequence[str], names: Sequence[str], cleared_action: str
) -> Purged:
    """Delete the employees numbered ``refs`` with all their history, signed interviews,
    attachments and issued reports, and clear the journal's entries about them or naming
    them (``names``) to ``cleared_action``, in the session's transaction (not committed)."""
    connection = session.connection()
    refs = list(refs)
    if not refs:
        return Purged(0, 0, 0)
    if connection.dialect.name != "sqlite":
        return _purge_on_server(session, refs, names, cleared_action)
    raw: Any = connection.connection.driver_connection  # sqlite3's, or sqlcipher3's
    ids = [
        row[0]
        for row in connection.exec_driver_sql(
            f"SELECT id FROM employee WHERE ref IN ({_placeholders(refs)})", tuple(refs)
        )
    ]
    interviews = [
        row[0]
        for row in connection.exec_driver_sql(
            f"SELECT public_id FROM interview WHERE employee_id IN ({_placeholders(ids)})",
            tuple(ids),
        )
    ]
    texts: dict[str, str] = {
        str(name): str(sql)
        for name, sql in connection.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            f"AND name IN ({_placeholders(LIFTED)})",
            LIFTED,
        )
    }
    # Overwrite what is deleted with zeros in the pages this transaction writes (the
    # write-ahead log included), before the vacuum rebuilds the file.
    (secure,) = connection.exec_driver_sql("PRAGMA secure_delete").one()
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    # A statement that writes first: the driver opens the transaction before it, so that
    # the schema statements below belong to it.
    connection.exec_driver_sql("UPDATE company SET id = id WHERE 0")
    assert raw.in_transaction
    for name in texts:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    if interviews:
        marks = _placeholders(interviews)
        connection.exec_driver_sql(
            f"DELETE FROM attachment WHERE interview_public_id IN ({marks})", tuple(interviews)
        )
        connection.exec_driver_sql(
            f"DELETE FROM issued_report WHERE interview_public_id IN ({marks})",
            tuple(interviews),
        )
    connection.exec_driver_sql(
        f"DELETE FROM employee WHERE id IN ({_placeholders(ids)})", tuple(ids)
    )
    cleared = _clear_journal(session, refs, names, cleared_action)
    for text in texts.values():
        connection.exec_driver_sql(text)
    connection.exec_driver_sql(f"PRAGMA secure_delete = {int(secure)}")
    return Purged(len(ids), len(interviews), cleared)


def _purge_on_server(
    session: Session, refs: list[str], names: Sequence[str], cleared_action: str
) -> Purged:
    """``purge_employees`` on a PostgreSQL server: the triggers switched off and on again
    inside the transaction."""
    connection = session.connection()

    def marks(values: Sequence[object]) -> str:
        return _placeholders(values, "%s")

    ids = [
        row[0]
        for row in connection.exec_driver_sql(
            f"SELECT id FROM employee WHERE ref IN ({marks(refs)})", tuple(refs)
        )
    ]
    interviews = [
        row[0]
        for row in connection.exec_driver_sql(
            f"SELECT public_id FROM interview WHERE employee_id IN ({marks(ids)})", tuple(ids)
        )
    ]
    for name, table in LIFTED_ON.items():
        connection.exec_driver_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER "{name}"')
    if interviews:
        connection.exec_driver_sql(
            f"DELETE FROM attachment WHERE interview_public_id IN ({marks(interviews)})",
            tuple(interviews),
        )
        connection.exec_driver_sql(
            f"DELETE FROM issued_report WHERE interview_public_id IN ({marks(interviews)})",
            tuple(interviews),
        )
    connection.exec_driver_sql(f"DELETE FROM employee WHERE id IN ({marks(ids)})", tuple(ids))
    cleared = _clear_journal(session, refs, names, cleared_action)
    for name, table in LIFTED_ON.items():
        connection.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"')
    return Purged(len(ids), len(interviews), cleared)


def _refs(employees: Any) -> list[str]:
    """The employees' numbers of a journal entry, as the driver gives them back."""
    values = json.loads(employees) if isinstance(employees, str | bytes) else employees
    return [str(ref) for ref in values]


def _clear_journal(
    session: Session, refs: Sequence[str], names: Sequence[str], cleared_action: str
) -> int:
    connection = session.connection()
    entries = [
        audit_trail.AuditEntry(seq, at, user, name, action, tuple(_refs(employees)), previous, link)
        for seq, at, user, name, action, employees, previous, link in connection.exec_driver_sql(
            f"{_JOURNAL} ORDER BY seq"
        )
    ]
    after = audit_trail.cleared(entries, refs, names, cleared_action)
    changed = [new for old, new in zip(entries, after, strict=True) if new != old]
    if changed:
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        connection.exec_driver_sql(
            f"UPDATE audit_trail SET action = {mark}, employees = {mark}, previous = {mark}, "
            f"link = {mark} WHERE seq = {mark}",
            [
                (
                    e.action,
                    json.dumps(list(e.employees), ensure_ascii=False),
                    e.previous,
                    e.link,
                    e.seq,
                )
                for e in changed
            ],
        )
    return sum(1 for old, new in zip(entries, after, strict=True) if new.action != old.action)


def vacuum(database: Database) -> None:
    """Rebuild the file without its free pages, then empty its write-ahead log into it.
    Outside any transaction (after the purge's commit). On a server: the purged tables'
    dead rows reclaimed by the server's VACUUM."""
    if database.url is not None:
        autocommit = database.engine.execution_options(isolation_level="AUTOCOMMIT")
        with autocommit.connect() as server:
            for table in PURGED_TABLES:
                server.exec_driver_sql(f'VACUUM "{table}"')
        return
    with environment_errors(database.path):
        raw = database.engine.raw_connection()
        try:
            connection: Any = raw.driver_connection  # sqlite3's, or sqlcipher3's
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
