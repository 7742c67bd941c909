"""optimistic concurrency: each record a user edits (the company, an employee with their
history, an interview) carries a version, bumped by every write that checks the version
it was read at, and who changed it last and when; an interview being typed in carries a
claim (who, since when, last seen) so that a second user gets it read-only. Files made
before start every record at version 1, changed by nobody known

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

VERSIONED = ("company", "employee", "interview")


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        op.add_column(table, sa.Column("changed_by", sa.String(length=200), nullable=True))
        op.add_column(table, sa.Column("changed_at", sa.String(length=32), nullable=True))
    op.create_table(
        "interview_claim",
        sa.Column("public_id", sa.String(length=80), primary_key=True),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("since", sa.String(length=32), nullable=False),
        sa.Column("seen", sa.String(length=32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("interview_claim")
    # SQLite's own DROP COLUMN, as in 0009 (PostgreSQL has it too).
    for table in VERSIONED:
        for column in ("changed_at", "changed_by", "version"):
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
