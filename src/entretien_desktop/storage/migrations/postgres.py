"""The PostgreSQL variants of the migrations' SQLite-only statements.

SQLite's triggers say ``BEFORE UPDATE ON t WHEN <condition> BEGIN SELECT RAISE(ABORT,
'<message>'); END``; PostgreSQL's call a PL/pgSQL function, which raises the same message
with the SQLSTATE of an integrity violation, so that both drivers report an
``IntegrityError`` carrying the words ``storage/errors.py`` recognises. A trigger's
condition may hold a subquery here (PostgreSQL refuses one in a trigger's WHEN), so the
condition is tested inside the function. Each trigger has a function of its own name.
"""

from __future__ import annotations

from alembic import op

REFUSED = "23000"  # integrity_constraint_violation: an IntegrityError for psycopg


def on_postgresql() -> bool:
    """Whether the migration runs on a PostgreSQL server (else on an SQLite file)."""
    return bool(op.get_bind().dialect.name == "postgresql")


def create_refusal(
    name: str, table: str, event: str, message: str, condition: str | None = None
) -> None:
    """A row trigger ``name`` refusing ``event`` on ``table`` with ``message`` (when
    ``condition``, written with ``OLD`` and ``NEW``, holds; always without one)."""
    row = "OLD" if event == "DELETE" else "NEW"
    refuse = f"RAISE EXCEPTION USING MESSAGE = '{message}', ERRCODE = '{REFUSED}';"
    body = refuse if condition is None else f"IF {condition} THEN {refuse} END IF;"
    op.execute(
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$body$ BEGIN {body} RETURN {row}; END $body$"
    )
    op.execute(
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
    )


def drop_refusal(name: str, table: str) -> None:
    op.execute(f"DROP TRIGGER {name} ON {table}")
    op.execute(f"DROP FUNCTION {name}()")


def changed(columns: tuple[str, ...]) -> str:
    """Whether any of ``columns`` changes in an update; JSON compared as its text, as
    SQLite compares it (``json`` has no equality of its own)."""
    return " OR ".join(f"NEW.{c}::text IS DISTINCT FROM OLD.{c}::text" for c in columns)
