"""the journal of changes: one entry per change made through the program (when, the
system's user, the name given, what, which employees), each linked to the one before by
SHA-256 (domain/audit_trail.py); the file refuses to change or delete an entry, and to
append one that does not follow the last. Files made before start an empty journal

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from entretien_desktop.domain.record_chain import GENESIS
from entretien_desktop.storage.migrations import postgres

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KEPT = "the journal of changes only grows at its end"


def _abort() -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{KEPT}'); END"


def upgrade() -> None:
    op.create_table(
        "audit_trail",
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("employees", sa.JSON(), nullable=False),
        sa.Column("previous", sa.String(length=64), nullable=False),
        sa.Column("link", sa.String(length=64), nullable=False),
    )
    last_link = "(SELECT link FROM audit_trail ORDER BY seq DESC LIMIT 1)"
    if postgres.on_postgresql():
        for event in ("UPDATE", "DELETE"):
            postgres.create_refusal(
                f"audit_trail_{event.lower()}_refused", "audit_trail", event, KEPT
            )
        postgres.create_refusal(
            "audit_trail_follows",
            "audit_trail",
            "INSERT",
            KEPT,
            "NEW.seq IS DISTINCT FROM (SELECT coalesce(max(seq), 0) + 1 FROM audit_trail) "
            f"OR NEW.previous IS DISTINCT FROM coalesce({last_link}, '{GENESIS}')",
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_trail_{event.lower()}_refused BEFORE {event} ON audit_trail "
            f"{_abort()}"
        )
    op.execute(
        "CREATE TRIGGER audit_trail_follows BEFORE INSERT ON audit_trail "
        "WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_trail) "
        f"OR NEW.previous IS NOT coalesce({last_link}, '{GENESIS}') {_abort()}"
    )


def downgrade() -> None:
    for trigger in (
        "audit_trail_follows",
        "audit_trail_delete_refused",
        "audit_trail_update_refused",
    ):
        if postgres.on_postgresql():
            postgres.drop_refusal(trigger, "audit_trail")
        else:
            op.execute(f"DROP TRIGGER {trigger}")
    op.drop_table("audit_trail")
