"""an employee's seniority date (a contract transferred from another employer keeps its
seniority) and the start of an annual days-based working-time agreement (forfait jours).
Both optional: earlier files read no date, and seniority starts at the hire date

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("employee", sa.Column("seniority_date", sa.Date(), nullable=True))
    op.add_column("employee", sa.Column("forfait_jours_since", sa.Date(), nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN, as in 0009.
    for column in ("forfait_jours_since", "seniority_date"):
        op.execute(f'ALTER TABLE "employee" DROP COLUMN "{column}"')
