"""the program's users and their roles (docs/server.md, "Users and roles"): a table of
users (their PostgreSQL login, the name they go by, their role: hr, site_manager with the
sites they manage, accountant). In a file it stays empty: one user, nothing changes. On a
server, row-level security policies make PostgreSQL itself show each user only what their
role may see, and a function gives the group roles their privileges
(``storage/server_users.py``)

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from entretien_desktop.storage.migrations import postgres

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

ROLE = "(SELECT entretien_role())"
"""The current user's role, evaluated once per statement (an init plan), not per row."""

ANNUAL_REVIEW = "annual_review"  # domain.enums.InterviewKind.ANNUAL_REVIEW

INTERVIEWER = "trim(split_part(details->>'interviewer', ',', 1))"
"""The interviewer's name: what the form holds before any comma giving their title
("Marc Girard, chef d'atelier" is Marc Girard's). An annual review with none yet (planned)
is seen by the managers of the employee's site, who plan it."""

HISTORY = ("leave", "training", "certification", "progression", "medical_visit")

LISTED = ("company", "policy", "company_seal", "issued_report", "record_chain", "audit_trail")
"""Tables of the whole company: any user listed in this database reads them (a member of
the group roles listed in another company's database on the same server sees nothing)."""

FUNCTIONS = (
    # The current user's role: theirs in company_user; the tables' owner (who ran
    # server-init) is HR; anyone else none (NULL: every policy refuses them).
    "CREATE FUNCTION entretien_role() RETURNS text LANGUAGE sql STABLE {path} AS $f$ "
    "SELECT coalesce((SELECT role FROM company_user WHERE login = current_user::text), "
    "CASE WHEN pg_has_role(current_user, (SELECT relowner FROM pg_class "
    "WHERE oid = 'company_user'::regclass), 'MEMBER') THEN 'hr' END) $f$",
    # The sites a site manager manages.
    "CREATE FUNCTION entretien_sites() RETURNS SETOF text LANGUAGE sql STABLE {path} AS $f$ "
    "SELECT json_array_elements_text(sites) FROM company_user "
    "WHERE login = current_user::text AND sites IS NOT NULL $f$",
    # The names the current user goes by as an interviewer: their name and their login.
    "CREATE FUNCTION entretien_names() RETURNS SETOF text LANGUAGE sql STABLE {path} AS $f$ "
    "SELECT name FROM company_user WHERE login = current_user::text AND name <> '' "
    "UNION SELECT current_user::text $f$",
)

GRANT_ROLES = """
CREATE FUNCTION entretien_grant_roles() RETURNS void LANGUAGE plpgsql {path} AS $f$
DECLARE
    g text;
    t text;
BEGIN
    FOREACH g IN ARRAY ARRAY['entretien_hr', 'entretien_site_manager', 'entretien_accountant']
    LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = g) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', g);
        END IF;
    END LOOP;
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
        IF t = 'alembic_version' THEN
            EXECUTE format('GRANT SELECT ON %I TO entretien_hr, entretien_site_manager, '
                           'entretien_accountant', t);
            CONTINUE;
        END IF;
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO entretien_hr', t);
        EXECUTE format('GRANT SELECT ON %I TO entretien_site_manager', t);
        IF t NOT IN ('company', 'policy', 'company_seal', 'company_user') THEN
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO entretien_site_manager', t);
        END IF;
        IF t NOT IN ('interview', 'attachment') THEN
            EXECUTE format('GRANT SELECT ON %I TO entretien_accountant', t);
        END IF;
        -- A register printed is recorded (issued_report, record_chain: both only grow).
        IF t IN ('issued_report', 'record_chain') THEN
            EXECUTE format('GRANT INSERT ON %I TO entretien_accountant', t);
        END IF;
    END LOOP;
    -- What the obligations need of an interview, never its content.
    GRANT SELECT (id, public_id, employee_id, kind, status, date, invited_on, signed_on,
                  fingerprint, template, time) ON interview TO entretien_accountant;
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO entretien_hr, '
                   'entretien_site_manager, entretien_accountant', current_schema());
END
$f$
"""


def _policy(table: str, condition: str) -> None:
    op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
    op.execute(
        f'CREATE POLICY {table}_by_role ON "{table}" FOR ALL USING ({condition}) '
        f"WITH CHECK ({condition})"
    )


def upgrade() -> None:
    op.create_table(
        "company_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("sites", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_user")),
        sa.UniqueConstraint("login", name=op.f("uq_company_user_login")),
    )
    if not postgres.on_postgresql():
        return
    # The functions' tables are looked up in this schema, never first in the user's own
    # temporary schema: a temporary table named company_user would otherwise stand for
    # the real one and give its maker any role.
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    path = f'SET search_path = "{schema}", pg_temp'
    for function in FUNCTIONS:
        op.execute(function.replace("{path}", path))
    everyone = f"{ROLE} IS NOT NULL"
    for table in LISTED:
        _policy(table, everyone)
    _policy("employee", f"{ROLE} IN ('hr', 'accountant') OR site IN (SELECT entretien_sites())")
    of_visible_employee = "employee_id IN (SELECT id FROM employee)"
    for table in HISTORY:
        _policy(table, f"{ROLE} IN ('hr', 'accountant') OR {of_visible_employee}")
    _policy(
        "interview",
        f"{ROLE} IN ('hr', 'accountant') OR ({of_visible_employee} AND "
        f"(kind <> '{ANNUAL_REVIEW}' OR coalesce({INTERVIEWER}, '') = '' "
        f"OR {INTERVIEWER} IN (SELECT entretien_names())))",
    )
    _policy(
        "attachment",
        f"{ROLE} = 'hr' OR interview_public_id IN (SELECT public_id FROM interview)",
    )
    op.execute(GRANT_ROLES.replace("{path}", path))
    # The group roles need CREATEROLE: a schema made by a role without it gets them at the
    # first ``server-user add`` (run by the IT provider), which calls the function again.
    op.execute(
        "DO $d$ BEGIN PERFORM entretien_grant_roles(); "
        "EXCEPTION WHEN insufficient_privilege THEN "
        "RAISE NOTICE 'group roles not created: run server-user add as a role that may'; "
        "END $d$"
    )


def downgrade() -> None:
    if postgres.on_postgresql():
        for table in (*LISTED, "employee", *HISTORY, "interview", "attachment"):
            op.execute(f'DROP POLICY {table}_by_role ON "{table}"')
            op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
        op.execute("DROP FUNCTION entretien_grant_roles()")
        for name in ("entretien_names", "entretien_sites", "entretien_role"):
            op.execute(f"DROP FUNCTION {name}()")
    op.drop_table("company_user")
