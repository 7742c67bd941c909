"""Optimistic concurrency: the version of each record a user edits, and the claim on an
interview being typed in (since migration 0012; docs/server.md, "Two users at once").

The records are the company's own data (its row), an employee with their history (their
row: leaves, trainings and the rest are written with it) and an interview (its row, which
the form's autosave writes alone). Each carries a ``version``, bumped by every write that
says which version it read (``bump``: ``UPDATE … WHERE … AND version = :read``); no row
updated means that another user wrote it since, and ``StaleRecordError`` says who and
when; the caller's unit of work then rolls back, so nothing of the change is written.

On a file, the lock makes one program its only writer: the versions it read are always
the newest, and this never refuses anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from entretien_desktop.storage.errors import StaleRecordError

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Table
    from sqlalchemy.orm import Session

Kind = Literal["company", "employee", "interview"]
Key = tuple[Kind, str]
"""A record: ``("company", "")``, ``("employee", ref)``, ``("interview", public_id)``."""

COMPANY: Key = ("company", "")


def _table(kind: str) -> Table:
    """The table named ``kind``, its schema imported on first use: the window opens a
    current file without SQLAlchemy (tests/test_lazy_open.py), and the gate imports this
    module."""
    from entretien_desktop.storage.schema import Base  # noqa: PLC0415

    return Base.metadata.tables[kind]


def _where(key: Key) -> ColumnElement[bool]:
    """The condition that picks the record ``key`` in its table."""
    kind, value = key
    table = _table(kind)
    if kind == "company":
        return table.c.id == 1
    return (table.c.ref if kind == "employee" else table.c.public_id) == value


@dataclass(frozen=True)
class Stamp:
    """A record's version, and who wrote it last and when (``None`` when unknown: written
    before 0012, or by a write that does not check versions)."""

    version: int
    by: str | None
    at: str | None


def read_versions(session: Session) -> dict[Key, int]:
    """The version of every record, to read just before the company itself: a record
    written in between is then refused as stale, never overwritten."""
    from sqlalchemy import select  # noqa: PLC0415

    versions: dict[Key, int] = {}
    connection = session.connection()
    if _readable(session, "company"):
        for (version,) in connection.execute(select(_table("company").c.version)):
            versions[COMPANY] = int(version)
    kinds: tuple[tuple[Kind, str], ...] = (("employee", "ref"), ("interview", "public_id"))
    for kind, name in kinds:
        if _readable(session, kind):
            table = _table(kind)
            for value, version in connection.execute(select(table.c[name], table.c.version)):
                versions[(kind, str(value))] = int(version)
    return versions


def _readable(session: Session, table: str) -> bool:
    """Whether the connected user may read the versions of ``table``: always in a file;
    on a server, not an accountant's of the interviews (docs/server.md, "Users and
    roles"), who may not change them either."""
    if session.connection().dialect.name == "sqlite":
        return True
    from entretien_desktop.storage.server_roles import unreadable  # noqa: PLC0415

    return not unreadable(session, table, ["version"])


def stamp(session: Session, key: Key) -> Stamp | None:
    """The record's version and last writer as stored now (``None``: no such record)."""
    from sqlalchemy import select  # noqa: PLC0415

    table = _table(key[0])
    query = select(table.c.version, table.c.changed_by, table.c.changed_at).where(_where(key))
    row = session.connection().execute(query).first()
    return None if row is None else Stamp(int(row[0]), row[1], row[2])


def bump(session: Session, key: Key, read: int, *, by: str, at: str, what: str) -> int:
    """Mark the record as written by ``by`` at ``at`` if it is still at version ``read``;
    its new version. ``StaleRecordError`` (about ``what``, a name the user knows) when
    another user wrote it since or removed it."""
    from sqlalchemy import update  # noqa: PLC0415

    table = _table(key[0])
    result: Any = session.connection().execute(
        update(table)
        .where(_where(key), table.c.version == read)
        .values(version=table.c.version + 1, changed_by=by, changed_at=at)
    )
    if result.rowcount == 1:
        return read + 1
    raise stale(session, key, what)


def stale(session: Session, key: Key, what: str) -> StaleRecordError:
    """The refusal of a write of ``key`` on a stale copy, naming who wrote it last."""
    now = stamp(session, key)
    if now is None:
        return StaleRecordError(what, None, None, removed=True)
    return StaleRecordError(what, now.by, moment_of(now.at))


def put_stamp(session: Session, key: Key, stored: Stamp) -> None:
    """Set the record's version and last writer (a record written again as a whole, such
    as an employee's interviews rewritten with them, keeps its place in the sequence)."""
    from sqlalchemy import update  # noqa: PLC0415

    session.connection().execute(
        update(_table(key[0]))
        .where(_where(key))
        .values(version=stored.version, changed_by=stored.by, changed_at=stored.at)
    )


def interview_stamps(session: Session, ref: str) -> dict[str, Stamp]:
    """The stamps of the interviews of the employee numbered ``ref``, by public id. On a
    server the rows stay locked until the transaction ends: another user's autosave of one
    of them waits for the employee's write (which rewrites them) instead of slipping in
    between this check and that write."""
    from sqlalchemy import select  # noqa: PLC0415

    connection = session.connection()
    interview, employee = _table("interview"), _table("employee")
    query = (
        select(
            interview.c.public_id,
            interview.c.version,
            interview.c.changed_by,
            interview.c.changed_at,
        )
        .join_from(interview, employee, employee.c.id == interview.c.employee_id)
        .where(employee.c.ref == ref)
    )
    if connection.dialect.name != "sqlite":
        query = query.with_for_update(of=interview)
    rows = connection.execute(query)
    return {str(r[0]): Stamp(int(r[1]), r[2], r[3]) for r in rows}


def moment_of(at: str | None) -> datetime | None:
    if not at:
        return None
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- claims on an interview being typed in -----------------------------------------------

CLAIMS = "interview_claim"
"""The table of the claims (its changes are told by ``listen.notify``)."""


@dataclass(frozen=True)
class Claim:
    """Someone typing in an interview's form: ``holder`` tells one program from another,
    ``name`` is shown to the others; ``since`` and ``seen`` (their last save) are ISO
    times in UTC."""

    public_id: str
    holder: str
    name: str
    since: str
    seen: str

    def fresh(self, now: datetime, stale_after: timedelta) -> bool:
        seen = moment_of(self.seen)
        return seen is not None and now - seen < stale_after


def claim(
    session: Session,
    public_id: str,
    *,
    holder: str,
    name: str,
    now: datetime,
    stale_after: timedelta,
) -> Claim | None:
    """Take the claim on the interview ``public_id`` for ``holder``, or keep it; the other
    program's claim when it holds a fresh one (then nothing is taken). A claim not saved
    for ``stale_after`` is taken over: its program is gone or its user left."""
    at = now.isoformat(timespec="seconds")
    connection = session.connection()
    # Both SQLite and PostgreSQL know ON CONFLICT: of two programs claiming at once, the
    # second finds the first's row.
    claims = _table("interview_claim")
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert  # noqa: PLC0415
    else:
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]  # noqa: PLC0415
    connection.execute(
        insert(claims)
        .values(public_id=public_id, holder=holder, name=name, since=at, seen=at)
        .on_conflict_do_nothing()
    )
    current = held(session, public_id)
    assert current is not None
    if current.holder == holder:
        return None
    if current.fresh(now, stale_after):
        return current
    from sqlalchemy import update  # noqa: PLC0415

    taken: Any = connection.execute(
        update(claims)
        .where(
            claims.c.public_id == public_id,
            claims.c.holder == current.holder,
            claims.c.seen == current.seen,
        )
        .values(holder=holder, name=name, since=at, seen=at)
    )
    if taken.rowcount == 1:
        return None
    return held(session, public_id)  # a third program took it over first


def held(session: Session, public_id: str) -> Claim | None:
    from sqlalchemy import select  # noqa: PLC0415

    claims = _table("interview_claim")
    columns = ("public_id", "holder", "name", "since", "seen")
    query = select(*(claims.c[c] for c in columns)).where(claims.c.public_id == public_id)
    row = session.connection().execute(query).first()
    return None if row is None else Claim(*(str(v) for v in row))


def touch(session: Session, public_id: str, holder: str, now: datetime) -> None:
    """``holder`` saved the form now: its claim stays fresh."""
    from sqlalchemy import update  # noqa: PLC0415

    claims = _table("interview_claim")
    session.connection().execute(
        update(claims)
        .where(claims.c.public_id == public_id, claims.c.holder == holder)
        .values(seen=now.isoformat(timespec="seconds"))
    )


def release(session: Session, public_id: str, holder: str) -> None:
    """``holder`` closed the form: the others may type."""
    from sqlalchemy import delete  # noqa: PLC0415

    claims = _table("interview_claim")
    session.connection().execute(
        delete(claims).where(claims.c.public_id == public_id, claims.c.holder == holder)
    )
