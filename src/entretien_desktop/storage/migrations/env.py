"""Alembic environment: runs the migrations on the connection handed over by ``migrate``.

That connection is already inside the one transaction of the whole creation or upgrade
(``engine.create_migration_engine``); Alembic is told that SQLite's schema statements are
transactional so that it neither commits between migrations nor opens its own transaction.
Statements skip what an earlier version left half-done (``tolerant``).
"""

from alembic import context

from entretien_desktop.storage.migrations.tolerant import make_tolerant, stop_tolerance
from entretien_desktop.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    transactional_ddl=True,
    transaction_per_migration=False,
)
# Only a file can have been left half-migrated by an earlier version; a server never was.
tolerant = connection.dialect.name == "sqlite"
if tolerant:
    make_tolerant(connection)
try:
    with context.begin_transaction():
        context.run_migrations()
finally:
    if tolerant:
        stop_tolerance(connection)
