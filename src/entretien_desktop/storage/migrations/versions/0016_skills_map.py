"""the skills map (domain/skills.py): the company's catalogue of skills, the skills each job
needs and the staffing needs of its sites and teams, as JSON documents on the company's
row (as its templates); each employee's levels, the whole history, and the trainings
requested from the map's gaps, as tables of their own. Files made before have none

On a server the new tables get what every history table has: the group roles' grants
(0013's ``entretien_grant_roles()`` run again), a row-level security policy and the
change-notice trigger (0014). Levels are register data: HR and the accountant read every
employee's, a site manager their sites' employees'. The trainings requested are the
training plan's, as the requests of the interviews' forms: the accountant, who reads no
form, reads none of them; HR all; a site manager their sites' employees'

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from entretien_desktop.storage.migrations import postgres

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ROLE = "(SELECT entretien_role())"
OF_VISIBLE_EMPLOYEE = "employee_id IN (SELECT id FROM employee)"
NOTIFY = "entretien_notify_change"  # 0014's function

COMPANY_COLUMNS = ("skills", "jobs", "staffing")

POLICIES = {
    "skill_level": f"{ROLE} IN ('hr', 'accountant') OR {OF_VISIBLE_EMPLOYEE}",
    "skill_request": f"{ROLE} = 'hr' OR ({ROLE} = 'site_manager' AND {OF_VISIBLE_EMPLOYEE})",
}
"""Each new table's condition (``<table>_by_role``, for reading and writing)."""


def _employee_id(table: str) -> sa.Column[int]:
    return sa.Column(
        "employee_id",
        sa.Integer(),
        sa.ForeignKey(
            "employee.id", name=op.f(f"fk_{table}_employee_id_employee"), ondelete="CASCADE"
        ),
        nullable=False,
    )


def upgrade() -> None:
    for column in COMPANY_COLUMNS:
        op.add_column("company", sa.Column(column, sa.JSON(), nullable=True))
    op.create_table(
        "skill_level",
        sa.Column("id", sa.Integer(), nullable=False),
        _employee_id("skill_level"),
        sa.Column("skill", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_level")),
    )
    op.create_index(op.f("ix_skill_level_employee_id"), "skill_level", ["employee_id"])
    op.create_table(
        "skill_request",
        sa.Column("id", sa.Integer(), nullable=False),
        _employee_id("skill_request"),
        sa.Column("public_id", sa.String(length=100), nullable=False),
        sa.Column("skill", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_request")),
        sa.UniqueConstraint("public_id", name=op.f("uq_skill_request_public_id")),
    )
    op.create_index(op.f("ix_skill_request_employee_id"), "skill_request", ["employee_id"])
    if not postgres.on_postgresql():
        return
    for table, condition in POLICIES.items():
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {table}_by_role ON "{table}" FOR ALL USING ({condition}) '
            f"WITH CHECK ({condition})"
        )
        op.execute(
            f'CREATE TRIGGER {NOTIFY} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {NOTIFY}()"
        )
    # The group roles' grants on the new tables (as 0013: a role without CREATEROLE gets
    # them at the next ``server-user add``, which calls the function again).
    op.execute(
        "DO $d$ BEGIN PERFORM entretien_grant_roles(); "
        "EXCEPTION WHEN insufficient_privilege THEN "
        "RAISE NOTICE 'group roles not granted: run server-user add as a role that may'; "
        "END $d$"
    )


UNDONE = (
    # Dropping a table drops its index, policy, trigger and grants with it.
    'DROP TABLE "skill_request"',
    'DROP TABLE "skill_level"',
    # SQLite's own DROP COLUMN, as in 0009 (PostgreSQL has it too).
    *(f'ALTER TABLE "company" DROP COLUMN "{column}"' for column in reversed(COMPANY_COLUMNS)),
)
"""The statements that give the database back as revision 0015 left it."""


def downgrade() -> None:
    for statement in UNDONE:
        op.execute(statement)
