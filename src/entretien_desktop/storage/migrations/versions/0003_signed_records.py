"""signed records: decisions on training requests in their own column, amendments, the
reports issued, and triggers that refuse any change to a signed interview

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from entretien_desktop.storage.migrations import postgres

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The columns a signature covers: once signed_on is set, none of them may change.
SIGNED_COLUMNS = (
    "public_id",
    "employee_id",
    "kind",
    "status",
    "date",
    "invited_on",
    "answers",
    "signed_on",
    "fingerprint",
    "template",
    "details",
)
MESSAGE = "a signed interview cannot be changed"


def upgrade() -> None:
    op.add_column("interview", sa.Column("follow_up", sa.JSON(), nullable=True))
    if postgres.on_postgresql():
        _upgrade_postgresql()
        return
    # Decisions on training requests leave the details, which a signature covers.
    op.execute(
        "UPDATE interview SET follow_up = json_extract(details, '$.follow_up'), "
        "details = json_remove(details, '$.follow_up') "
        "WHERE json_extract(details, '$.follow_up') IS NOT NULL"
    )
    op.execute("UPDATE interview SET details = NULL WHERE details = '{}'")
    _create_issued_report()
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in SIGNED_COLUMNS)
    op.execute(
        "CREATE TRIGGER signed_interview_unchanged BEFORE UPDATE ON interview "
        f"WHEN OLD.signed_on IS NOT NULL AND ({changed}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    op.execute(
        "CREATE TRIGGER signed_interview_kept BEFORE DELETE ON interview "
        f"WHEN OLD.signed_on IS NOT NULL BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def _upgrade_postgresql() -> None:
    follow_up = "(details::jsonb -> 'follow_up')"
    op.execute(
        f"UPDATE interview SET follow_up = {follow_up}::json, "
        "details = (details::jsonb - 'follow_up')::json "
        f"WHERE {follow_up} IS NOT NULL AND {follow_up} <> 'null'::jsonb"
    )
    op.execute("UPDATE interview SET details = NULL WHERE details::jsonb = '{}'::jsonb")
    _create_issued_report()
    postgres.create_refusal(
        "signed_interview_unchanged",
        "interview",
        "UPDATE",
        MESSAGE,
        f"OLD.signed_on IS NOT NULL AND ({postgres.changed(SIGNED_COLUMNS)})",
    )
    postgres.create_refusal(
        "signed_interview_kept", "interview", "DELETE", MESSAGE, "OLD.signed_on IS NOT NULL"
    )


def _create_issued_report() -> None:
    op.create_table(
        "issued_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("interview_public_id", sa.String(length=80), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("fingerprint", sa.String(length=128), nullable=True),
        sa.Column("issued_on", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_report")),
        sa.UniqueConstraint("sha256", name=op.f("uq_issued_report_sha256")),
    )


def downgrade() -> None:
    if postgres.on_postgresql():
        postgres.drop_refusal("signed_interview_kept", "interview")
        postgres.drop_refusal("signed_interview_unchanged", "interview")
    else:
        op.execute("DROP TRIGGER signed_interview_kept")
        op.execute("DROP TRIGGER signed_interview_unchanged")
    op.drop_table("issued_report")
    with op.batch_alter_table("interview") as batch:
        batch.drop_column("follow_up")
