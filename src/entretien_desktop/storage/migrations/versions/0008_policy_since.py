"""the day each company policy started (``policy.since``); the policies of earlier files
start on the company's first hire, so that the upgrade changes no obligation

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("policy", sa.Column("since", sa.Date(), nullable=True))
    # Earlier files did not know when a policy started, and the rules counted it from each
    # employee's hire: starting it on the first hire keeps every obligation as it was. The
    # settings show that day, to be moved to the day the company really adopted it. A
    # company without employees has nothing to keep: its policies start on the upgrade.
    today = (
        "CURRENT_DATE" if op.get_bind().dialect.name == "postgresql" else "date('now', 'localtime')"
    )
    op.execute(
        "UPDATE policy SET since = COALESCE((SELECT MIN(hire_date) FROM employee), "
        f"{today}) WHERE since IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("policy") as batch:
        batch.drop_column("since")
