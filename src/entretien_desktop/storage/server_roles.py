"""What the user connected to a PostgreSQL server may read and write, as the server says
(docs/server.md, "Users and roles"): the repositories ask here which columns of a table the
user may select (an accountant reads an interview's kind and dates, not its content), and
remember each connection's role so that a refusal names it.

Nothing here runs for a file: there is one user, who may do everything.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

ROLES = ("hr", "site_manager", "accountant")
"""The roles a user may have (company_user.role)."""

_known: dict[str, str | None] = {}
_known_guard = threading.Lock()


def _cached(session: Session, key: tuple[str, ...], compute: Any) -> Any:
    """``compute()`` once per session (one unit of work): privileges do not change
    within it."""
    cache: dict[tuple[str, ...], Any] = session.info.setdefault("server_roles", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def unreadable(session: Session, table: str, columns: Sequence[str]) -> frozenset[str]:
    """The ``columns`` of ``table`` the connected user may not select."""

    def compute() -> frozenset[str]:
        rows = session.execute(
            text(
                "SELECT c FROM unnest(CAST(:columns AS text[])) AS c "
                "WHERE NOT has_column_privilege(:table, c, 'SELECT')"
            ),
            {"columns": list(columns), "table": table},
        )
        return frozenset(str(c) for (c,) in rows)

    result: frozenset[str] = _cached(session, ("columns", table, *columns), compute)
    return result


def selected(session: Session, table: str, columns: Sequence[str], alias: str = "") -> str:
    """The select list of ``columns``, each the user may not read given as ``NULL`` in
    its place: what they may read, the rest left empty."""
    hidden = unreadable(session, table, columns)
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'NULL AS "{c}"' if c in hidden else f'{prefix}"{c}"' for c in columns)


def remember(session: Session) -> str | None:
    """The connected user's role (``hr`` for the tables' owner, ``None`` for a user this
    database does not list), kept by database for the messages of refusals: a program
    works on a database as one user."""
    database, role = session.execute(
        text("SELECT current_database()::text, entretien_role()")
    ).one()
    found = None if role is None else str(role)
    with _known_guard:
        _known[str(database)] = found
    return found


def known_role(database: str) -> str | None:
    """The role ``remember`` last found on ``database``, if it ran."""
    with _known_guard:
        return _known.get(database)
