"""Schema statements that find their work already done and go on.

Earlier versions committed each schema statement of a migration alone, so a kill could
leave a file with part of a migration applied and its revision not yet moved on; running
that migration again then failed on the first table, index, trigger or column that already
existed ("table company already exists", "duplicate column name: currency"). Every migration
now runs in one transaction and can no longer be half-applied; for the files those versions
left, the statements are made to skip what exists, which completes the migration instead.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, event

_CREATE = re.compile(
    r"^\s*CREATE\s+(UNIQUE\s+INDEX|INDEX|TABLE|TRIGGER)\s+(?!IF\s+NOT\s+EXISTS)", re.I
)
_ADD_COLUMN = re.compile(
    r"^\s*ALTER\s+TABLE\s+\"?(?P<table>\w+)\"?\s+ADD\s+(COLUMN\s+)?\"?(?P<column>\w+)\"?", re.I
)
_NOTHING = "SELECT 1"


def _tolerant(
    _connection: Connection, cursor: Any, statement: str, parameters: Any, *_rest: Any
) -> tuple[str, Any]:
    statement = _CREATE.sub(lambda found: f"CREATE {found.group(1)} IF NOT EXISTS ", statement)
    added = _ADD_COLUMN.match(statement)
    if added is not None:
        columns = {
            row[1] for row in cursor.execute(f"PRAGMA table_info('{added['table']}')").fetchall()
        }
        if added["column"] in columns:
            return _NOTHING, ()
    return statement, parameters


def make_tolerant(connection: Connection) -> None:
    """Make the schema statements run on ``connection`` skip what already exists."""
    event.listen(connection, "before_cursor_execute", _tolerant, retval=True)


def stop_tolerance(connection: Connection) -> None:
    event.remove(connection, "before_cursor_execute", _tolerant)
