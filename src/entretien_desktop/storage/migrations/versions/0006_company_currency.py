"""the company's currency (ISO 4217) for its own money: training costs; files of earlier
revisions read euros

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "company",
        sa.Column("currency", sa.String(length=3), nullable=False, server_default="EUR"),
    )


def downgrade() -> None:
    with op.batch_alter_table("company") as batch:
        batch.drop_column("currency")
