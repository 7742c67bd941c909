"""interview forms: the template an interview was filled with, its details, and the
company's own templates and campaigns

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("company", sa.Column("templates", sa.JSON(), nullable=True))
    op.add_column("company", sa.Column("campaigns", sa.JSON(), nullable=True))
    op.add_column("interview", sa.Column("template", sa.String(length=120), nullable=True))
    op.add_column("interview", sa.Column("details", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interview") as batch:
        batch.drop_column("details")
        batch.drop_column("template")
    with op.batch_alter_table("company") as batch:
        batch.drop_column("campaigns")
        batch.drop_column("templates")
