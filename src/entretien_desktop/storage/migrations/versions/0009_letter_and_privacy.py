"""what the invitation letter and the data-access dossier need: the company's postal
address, SIRET, the signatory of its letters and what it tells employees about their data
(GDPR); the employee's postal address; the time of an interview. All optional: earlier
files read empty fields (and the program's default privacy wording)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("company", sa.Column("address", sa.Text(), nullable=True))
    op.add_column("company", sa.Column("siret", sa.String(length=14), nullable=True))
    op.add_column("company", sa.Column("signatory_name", sa.String(length=200), nullable=True))
    op.add_column("company", sa.Column("signatory_title", sa.String(length=200), nullable=True))
    op.add_column("company", sa.Column("privacy", sa.JSON(), nullable=True))
    op.add_column("employee", sa.Column("address", sa.Text(), nullable=True))
    op.add_column("interview", sa.Column("time", sa.String(length=5), nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN: a batch copy of ``interview`` would break the triggers of
    # the tables that name it.
    for table, column in (
        ("interview", "time"),
        ("employee", "address"),
        ("company", "privacy"),
        ("company", "signatory_title"),
        ("company", "signatory_name"),
        ("company", "siret"),
        ("company", "address"),
    ):
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
