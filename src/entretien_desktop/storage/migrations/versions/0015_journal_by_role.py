"""the journal of changes read by role on a server (docs/server.md, "Users and roles"):
HR and the accountant read every entry; a site manager reads the entries whose employees
are all of their sites, and those that name no employee (the company's settings, which
they read anyway). Appending still finds the true last entry whoever appends: the
function ``entretien_journal_head()`` and the trigger that checks the order read the
whole journal as the tables' owner. The chain of signed records stays readable by every
user: it holds no name, employee number or words, only opaque identifiers and digests.
Nothing in a file: one user reads everything

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from entretien_desktop.storage.migrations import postgres

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

ROLE = "(SELECT entretien_role())"

OF_THEIR_SITES = (
    "NOT EXISTS (SELECT FROM json_array_elements_text(employees) AS named(ref) "
    "WHERE NOT EXISTS (SELECT FROM employee e WHERE e.ref = named.ref))"
)
"""Every employee the entry names is one the user reads (the employee table's own policy:
their sites); true for an entry that names none. An entry about an employee no longer in
the database (an undone creation) is read by HR and the accountant only."""

HEAD = (
    "CREATE FUNCTION entretien_journal_head() RETURNS TABLE (seq integer, link text) "
    "LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$ "
    "SELECT a.seq, a.link::text FROM audit_trail a ORDER BY a.seq DESC LIMIT 1 $f$"
)
"""The last entry's number (the journal's length: numbers follow from 1) and link, read
as the function's owner (the tables' owner, who sees every row): what an append needs to
follow it, and what tells a user whether they read the whole journal. A number and a
hash: nothing a user could read of an entry hidden from them."""


def upgrade() -> None:
    if not postgres.on_postgresql():
        return
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    path = f'SET search_path = "{schema}", pg_temp'
    op.execute(HEAD.replace("{path}", path))
    # The order's check reads the last entry as the owner too, not as the user appending.
    op.execute(f"ALTER FUNCTION audit_trail_follows() SECURITY DEFINER {path}")
    op.execute("DROP POLICY audit_trail_by_role ON audit_trail")
    op.execute(
        "CREATE POLICY audit_trail_read_by_role ON audit_trail FOR SELECT USING ("
        f"{ROLE} IN ('hr', 'accountant') OR ({ROLE} = 'site_manager' AND {OF_THEIR_SITES}))"
    )
    op.execute(
        "CREATE POLICY audit_trail_append_by_role ON audit_trail FOR INSERT "
        f"WITH CHECK ({ROLE} IS NOT NULL)"
    )
    # The triggers refuse any change to an entry; only a purge (the owner's) lifts them.
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE POLICY audit_trail_{event.lower()}_by_role ON audit_trail FOR {event} "
            f"USING ({ROLE} = 'hr')"
        )


UNDONE = (
    *(
        f"DROP POLICY audit_trail_{name}_by_role ON audit_trail"
        for name in ("read", "append", "update", "delete")
    ),
    "CREATE POLICY audit_trail_by_role ON audit_trail FOR ALL "
    f"USING ({ROLE} IS NOT NULL) WITH CHECK ({ROLE} IS NOT NULL)",
    "ALTER FUNCTION audit_trail_follows() SECURITY INVOKER RESET search_path",
    "DROP FUNCTION entretien_journal_head()",
)
"""The statements that give the database back as revision 0014 left it."""


def downgrade() -> None:
    if not postgres.on_postgresql():
        return
    for statement in UNDONE:
        op.execute(statement)
