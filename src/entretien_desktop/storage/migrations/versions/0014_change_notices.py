"""change notices on a server: after every statement that writes a data table, the server
sends a notice on the channel ``entretien_changes`` naming the table and the program that
wrote (its connections' ``entretien.client`` setting), so that the other programs on that
database read the company again (storage/listen.py). Nothing in a file: its lock makes
the program the only writer

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from alembic import op

from entretien_desktop.storage.migrations import postgres

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CHANNEL = "entretien_changes"
FUNCTION = "entretien_notify_change"
TABLES = (
    "company",
    "policy",
    "employee",
    "leave",
    "interview",
    "training",
    "certification",
    "progression",
    "medical_visit",
    "issued_report",
    "attachment",
    "company_seal",
    "audit_trail",
    "record_chain",
    "company_user",
)
"""The data tables at this revision; a later revision adding a table gives it the trigger."""


def upgrade() -> None:
    if not postgres.on_postgresql():
        return
    # One notice per statement, not per row (a 10,000-row COPY is one), sent when the
    # transaction commits; the same notice twice in a transaction is sent once.
    op.execute(
        f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN "
        f"PERFORM pg_notify('{CHANNEL}', json_build_object('table', TG_TABLE_NAME, "
        "'client', coalesce(current_setting('entretien.client', true), ''))::text); "
        "RETURN NULL; END $body$"
    )
    for table in TABLES:
        op.execute(
            f'CREATE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def downgrade() -> None:
    if not postgres.on_postgresql():
        return
    for table in TABLES:
        op.execute(f'DROP TRIGGER {FUNCTION} ON "{table}"')
    op.execute(f"DROP FUNCTION {FUNCTION}()")
