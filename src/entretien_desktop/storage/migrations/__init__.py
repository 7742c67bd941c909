"""Alembic migrations of the data file schema, applied automatically on open."""
