"""A whole company copied from one database to another: a data file to a server, a
server to a data file (``entretien-desktop copy``, docs/server.md).

Every table of the schema is copied row by row as it is stored, its ids included: the
signed interviews with their fingerprints, the chain of signed records, the journal of
changes, the attachments, the seal and the issued reports arrive as they left, so that
their chains still verify. The target's schema is made first by the usual opening
(``open_database`` / ``open_server``); the rows go in one transaction of the target, which
must hold no company data (a server's users, ``NOT_COPIED``, neither travel nor count).
Every statement is SQLAlchemy Core's with the schema's typed columns: days travel as
dates, flags as booleans, each back end storing them in its own form. JSON columns travel
as their text (a server's ``json`` keeps it byte for byte): a signed interview's stored
form arrives exactly as it left.

On a server the id sequences are then moved past the copied ids (``setval``), so that the
next employee, interview... gets a new number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Insert,
    Table,
    Text,
    bindparam,
    cast,
    func,
    insert,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.sql import Select

from entretien_desktop.i18n import _
from entretien_desktop.storage.errors import StorageError, environment_errors, role_name
from entretien_desktop.storage.schema import Base

if TYPE_CHECKING:
    from entretien_desktop.storage.database import Database

# Attachments before the interviews: a signed interview's signatures may not be added
# once the interview is there, signed (revision 0007's trigger). The journal and the
# chain in their order (each entry must follow the last). Employees before their history.
ORDER = (
    "company",
    "policy",
    "company_seal",
    "attachment",
    "issued_report",
    "record_chain",
    "audit_trail",
    "employee",
    "leave",
    "interview",
    "training",
    "certification",
    "progression",
    "medical_visit",
    "skill_level",
    "skill_request",
)
NOT_COPIED = frozenset({"company_user", "interview_claim"})
"""The users of a company on a server are the server's (its login roles, its grants): a
file has one user, and another server has its own logins. They neither travel nor make a
target count as holding data (its administrator may add them before the copy). The claims
of interviews being typed in are those of the users at work on the source at that moment:
they mean nothing in the target."""


COPY_LOCK = 0x434F5059
"""The advisory lock a copy into a server holds for its transaction."""


class NoCompanyError(StorageError):
    """The source holds no company to copy."""

    def __init__(self, place: Path) -> None:
        self.path = place
        super().__init__(_("{place} holds no company to copy.").format(place=place))


class TargetNotEmptyError(StorageError):
    """The target holds data already: a copy never mixes two companies."""

    def __init__(self, place: Path, company: str | None) -> None:
        self.path, self.company = place, company
        if company is not None:
            message = _(
                "{place} already holds the company {name}: a copy goes into a database "
                "without a company. Nothing was written."
            ).format(place=place, name=company)
        else:
            message = _(
                "{place} already holds data: a copy goes into a database without a "
                "company. Nothing was written."
            ).format(place=place)
        super().__init__(message)


class PartialSourceError(StorageError):
    """The user reads only part of the company on the source server (a site manager, the
    accountant): a copy would be incomplete, and its journal of changes would not hold."""

    def __init__(self, place: Path, role: str) -> None:
        self.path, self.role = place, role
        super().__init__(
            _(
                "Your role ({role}) reads only part of the company on {place}: a copy would "
                "be incomplete. Run the copy as human resources or as the server's owner. "
                "Nothing was written."
            ).format(role=role_name(role), place=place)
        )


def _partial_reader(connection: Connection) -> str | None:
    """The connected user's role on a server when it reads only part of the company (row-
    level security, docs/server.md "Users and roles"); ``None`` for HR and the owner."""
    role = connection.execute(select(func.entretien_role())).scalar()
    return None if role is None or role == "hr" else str(role)


@dataclass(frozen=True)
class Copied:
    """What a copy moved: the company's name and the rows of each table."""

    company: str
    rows: dict[str, int]


def _tables() -> list[Table]:
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    missing = set(tables) - set(ORDER) - NOT_COPIED
    assert not missing, f"tables not copied: {sorted(missing)}"
    return [tables[name] for name in ORDER]


def _on_server(connection: Connection) -> bool:
    return connection.dialect.name != "sqlite"


def _select(table: Table, server: bool) -> Select[Any]:
    """Every column of ``table`` typed, but its JSON as the text stored."""
    columns: list[ColumnElement[Any]] = []
    for column in table.columns:
        if isinstance(column.type, JSON):
            # A server's JSON comes back decoded by psycopg: its text is what is copied.
            text = cast(column, Text) if server else type_coerce(column, Text)
            columns.append(text.label(column.name))
        else:
            columns.append(column)
    return select(*columns).order_by(*table.primary_key.columns)


def _insert(table: Table, server: bool) -> Insert:
    """The insert of a row of ``table`` as ``_select`` read it: its JSON given as text,
    which a server casts to ``json`` (keeping it as it is) and a file stores as it is."""
    values: dict[str, ColumnElement[Any]] = {}
    for column in table.columns:
        if isinstance(column.type, JSON):
            text = bindparam(column.name, type_=Text)
            values[column.name] = cast(text, column.type) if server else type_coerce(text, Text)
        else:
            values[column.name] = bindparam(column.name, type_=column.type)
    return insert(table).values(values)


def _company_name(connection: Connection) -> str | None:
    company = Base.metadata.tables["company"]
    row = connection.execute(select(company.c.name).order_by(company.c.id)).first()
    return None if row is None else str(row[0])


def _holds_data(connection: Connection, tables: list[Table]) -> bool:
    return any(
        connection.execute(select(literal_column("1")).select_from(table).limit(1)).first()
        is not None
        for table in tables
    )


def _write(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(_insert(table, _on_server(connection)), rows)


def _move_sequences(connection: Connection, tables: list[Table]) -> None:
    """Each serial id's sequence past the largest id copied (a server only)."""
    for table in tables:
        for column in table.primary_key.columns:
            sequence = func.pg_get_serial_sequence(
                literal(f'"{table.name}"', Text), literal(column.name, Text)
            )
            largest = func.max(column)
            connection.execute(
                select(
                    func.setval(sequence, func.coalesce(largest, 1), largest.is_not(None))
                ).select_from(table)
            )


def copy_company(source: Database, target: Database) -> Copied:
    """Copy the whole company of ``source`` into ``target``, which holds no data.

    Raises ``NoCompanyError`` when the source has no company, ``TargetNotEmptyError`` when
    the target holds any row; the target is unchanged then, and on any failure (the rows
    go in one transaction).
    """
    tables = _tables()
    with environment_errors(source.path), source.engine.connect() as reading:
        server = _on_server(reading)
        if server:
            # One snapshot of the whole company, whatever other users commit meanwhile.
            reading.execution_options(isolation_level="REPEATABLE READ")
        name = _company_name(reading)
        if name is None:
            raise NoCompanyError(source.path)
        partial = _partial_reader(reading) if server else None
        if partial is not None:
            raise PartialSourceError(source.path, partial)
        contents = {
            table.name: [dict(row) for row in reading.execute(_select(table, server)).mappings()]
            for table in tables
        }
    with environment_errors(target.path), target.engine.begin() as writing:
        if _on_server(writing):
            # Two copies into the same empty database: the second waits, then finds data.
            writing.execute(select(func.pg_advisory_xact_lock(COPY_LOCK)))
        if _holds_data(writing, tables):
            raise TargetNotEmptyError(target.path, _company_name(writing))
        for table in tables:
            _write(writing, table, contents[table.name])
        if _on_server(writing):
            _move_sequences(writing, tables)
    return Copied(name, {table: len(rows) for table, rows in contents.items()})


__all__ = ["Copied", "NoCompanyError", "PartialSourceError", "TargetNotEmptyError", "copy_company"]
