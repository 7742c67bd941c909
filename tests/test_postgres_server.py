"""The throwaway PostgreSQL server of the tests starts, answers and gives each test its own
database (tests/postgres_server.py); skipped where PostgreSQL is not installed."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

pytestmark = pytest.mark.postgres


def test_each_test_gets_an_empty_database_of_its_own(postgres_url: str) -> None:  # noqa: F811
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
            tables = connection.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
            assert tables == 0
            version = connection.execute(text("SHOW server_version_num")).scalar_one()
            assert int(version) >= 130000
    finally:
        engine.dispose()
