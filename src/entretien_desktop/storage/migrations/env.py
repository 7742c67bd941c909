"""Alembic environment: runs the migrations on the connection handed over by ``migrate``."""

from alembic import context

from entretien_desktop.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
