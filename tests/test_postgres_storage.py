"""The storage layer on a PostgreSQL server (issue 20, docs/server.md): the migrations
build exactly the mapped schema there as in a file, a company goes in and comes back out
whole, and the server itself refuses any change to a signed interview, as the file does.

Each test runs against a throwaway server (tests/postgres_server.py); without PostgreSQL's
binaries they are skipped, saying why.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, make_url, text
from sqlalchemy.exc import IntegrityError

from entretien_desktop.domain.audit_trail import first_broken
from entretien_desktop.services import signing
from entretien_desktop.services.company_file import import_company, load_company, read_company_file
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.retention import purge
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import (
    Database,
    NotADatabaseError,
    SignedRecordError,
    open_database,
    open_server,
)
from entretien_desktop.storage.engine import create_engine_for, is_server, url_for
from entretien_desktop.storage.migrate import HEAD_REVISION
from entretien_desktop.storage.schema import Base
from tests.helpers import EXAMPLE_COMPANY, TODAY, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.test_retention import INTERVIEW as LEAVERS_INTERVIEW
from tests.test_retention import SECRETS
from tests.test_retention import _company as company_with_a_leaver
from tests.test_signing import HELD

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(postgres_url: str) -> Iterator[Database]:  # noqa: F811
    database = open_server(postgres_url)
    try:
        yield database
    finally:
        database.close()


def _differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_a_server_url_is_told_from_a_file_and_reached_through_psycopg() -> None:
    assert url_for("postgresql://hr@db.example/entretien").drivername == "postgresql+psycopg"
    assert is_server("postgresql://hr@db.example/entretien")
    assert not is_server(Path("company.sqlite"))
    assert url_for(Path("company.sqlite")).get_backend_name() == "sqlite"


def test_the_migrations_build_exactly_the_mapped_schema_on_both(
    server: Database, tmp_path: Path
) -> None:
    assert _differences(server.engine) == []
    with server.engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version"))
        assert revision.scalar_one() == HEAD_REVISION
    with open_database(tmp_path / "c.sqlite") as file:
        assert _differences(file.engine) == []


def test_opening_a_server_again_changes_nothing(postgres_url: str) -> None:  # noqa: F811
    open_server(postgres_url).close()
    with open_server(postgres_url) as database:
        assert database.read_company() is None
        assert database.peek_summary() == (None, 0)


def test_a_database_of_another_program_is_refused_untouched(
    postgres_url: str,  # noqa: F811
) -> None:
    engine = create_engine_for(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    with pytest.raises(NotADatabaseError):
        open_server(postgres_url)
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar_one()
    engine.dispose()
    assert tables == 1


def test_the_example_company_goes_in_and_comes_back_whole(server: Database) -> None:
    company = read_company_file(EXAMPLE_COMPANY)
    import_company(server, company)
    assert load_company(server) == company
    assert server.peek_summary() == (company.name, len(company.employees))


def test_the_demo_company_goes_in_and_comes_back_whole(server: Database) -> None:
    company = build_demo_company(date(2026, 6, 1))
    import_company(server, company)
    assert load_company(server) == company


def test_new_employees_take_their_numbers_from_the_servers_sequence(server: Database) -> None:
    company = small_company()
    workspace = Workspace(server, today=lambda: TODAY)
    workspace.create_company(company)
    added = replace(company.employees[0], ref="G9", first_name="Inès", interviews=())
    workspace.save_employee(added)
    with server.engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM employee ORDER BY id")).scalars().all()
        following = connection.execute(
            text("SELECT nextval(pg_get_serial_sequence('employee', 'id'))")
        ).scalar_one()
    assert len(set(ids)) == len(company.employees) + 1
    assert following > max(ids)  # a row inserted without a number collides with none
    assert workspace.employee("G9").first_name == "Inès"


def test_the_server_itself_refuses_to_change_or_drop_a_signed_interview(
    server: Database,
) -> None:
    workspace = Workspace(server, today=lambda: TODAY)
    workspace.create_company(small_company())
    workspace.put_interview("G1", HELD)
    signed = signing.sign(workspace, "G1", HELD.id, TODAY)
    with pytest.raises(ChangeRefused):
        workspace.put_interview("G1", replace(signed, place="ailleurs"))
    # Below the workspace's checks: the server's own triggers.
    with pytest.raises(SignedRecordError), server.unit_of_work() as uow:
        uow.company.put_interview("G1", replace(signed, answers={"job_missions": "x"}))
        uow.commit()
    employee = workspace.employee("G1")
    others = tuple(i for i in employee.interviews if i.id != signed.id)
    with pytest.raises(SignedRecordError), server.unit_of_work() as uow:
        uow.company.put_employee(replace(employee, interviews=others), replacing="G1")
        uow.commit()
    # Even in raw SQL, and with the same words as the file.
    refused = pytest.raises(IntegrityError, match="a signed interview cannot be changed")
    with refused, server.engine.begin() as connection:
        connection.execute(text("DELETE FROM interview WHERE signed_on IS NOT NULL"))
    # Changing anything else of the employee keeps the signed record as it was.
    workspace.save_employee(replace(employee, job_title="Cheffe d'atelier"), replacing="G1")
    kept = next(i for i in workspace.employee("G1").interviews if i.id == signed.id)
    assert kept == signed
    assert workspace.employee("G1").job_title == "Cheffe d'atelier"


def test_the_chain_and_the_journal_only_grow_at_their_end(server: Database) -> None:
    workspace = Workspace(server, today=lambda: TODAY)
    workspace.create_company(small_company())
    with server.unit_of_work() as uow:
        assert uow.company.journal()  # the creation is journalled
    for statement in ("UPDATE audit_trail SET name = 'x'", "DELETE FROM audit_trail"):
        refused = pytest.raises(IntegrityError, match="the journal of changes only grows")
        with refused, server.engine.begin() as connection:
            connection.execute(text(statement))


def test_a_purge_deletes_signed_records_past_retention_and_keeps_the_protections(
    server: Database,
) -> None:
    workspace = Workspace(server, today=lambda: TODAY)
    workspace.create_company(company_with_a_leaver())
    workspace.put_interview("X7", LEAVERS_INTERVIEW)
    signing.sign(workspace, "X7", LEAVERS_INTERVIEW.id, date(2022, 3, 2))
    done = purge(workspace, ["X7"])
    assert (done.employees, done.interviews) == (1, 1)
    assert "X7" not in {e.ref for e in workspace.require_company().employees}
    assert first_broken(workspace.journal()) is None
    with server.engine.connect() as connection:
        left = connection.execute(
            text("SELECT count(*) FROM interview WHERE public_id = :id"),
            {"id": LEAVERS_INTERVIEW.id},
        ).scalar_one()
        journal = " ".join(connection.execute(text("SELECT action FROM audit_trail")).scalars())
    assert left == 0
    assert not any(secret in journal for secret in SECRETS[:2])
    # The triggers are back on: the journal and the signed records are kept again.
    workspace.put_interview("G1", HELD)
    signing.sign(workspace, "G1", HELD.id, TODAY)
    for statement in (
        "DELETE FROM interview WHERE signed_on IS NOT NULL",
        "UPDATE audit_trail SET action = 'x'",
    ):
        with pytest.raises(IntegrityError), server.engine.begin() as connection:
            connection.execute(text(statement))


def _someone_waits_for_an_advisory_lock(server: Database) -> bool:
    """Whether another connection waits for an advisory lock, asked until it does (the
    server tells; a deadline, not a sleep, bounds the asking)."""
    deadline = time.monotonic() + 30
    with server.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            ).scalar_one()
            connection.rollback()
            if waiting:
                return True
    return False


def test_two_users_appending_to_the_journal_at_once_follow_each_other(
    server: Database,
) -> None:
    Workspace(server, today=lambda: TODAY).create_company(small_company())
    errors: list[BaseException] = []

    def second_user() -> None:
        try:
            with server.unit_of_work() as uow:
                uow.company.append_to_journal("2026-12-05T10:00:01", "bo", "", "B", ())
                uow.commit()
        except BaseException as error:  # reported to the test's thread below
            errors.append(error)

    with server.unit_of_work() as first:
        first.company.append_to_journal("2026-12-05T10:00:00", "ana", "", "A", ())
        other = threading.Thread(target=second_user)
        other.start()
        assert _someone_waits_for_an_advisory_lock(server)
        first.commit()
    other.join()
    assert errors == []
    with server.unit_of_work() as uow:
        journal = uow.company.journal()
    assert [e.action for e in journal[-2:]] == ["A", "B"]
    assert [e.seq for e in journal] == list(range(1, len(journal) + 1))
    assert first_broken(journal) is None


def test_a_server_database_used_after_closing_reaches_its_server_not_a_file(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A late re-read (the window's, after the database was closed) connects to the server
    again: it never makes a file named after the server in the working folder."""
    monkeypatch.chdir(tmp_path)
    # With the password the connect dialog puts in the address (the test server trusts
    # its local users, so any password is taken): it is kept to connect again.
    address = make_url(postgres_url).set(password="s3cret word")
    database = open_server(address.render_as_string(hide_password=False))
    import_company(database, read_company_file(EXAMPLE_COMPANY))
    database.close()
    try:
        assert database.engine.url.get_backend_name() == "postgresql"
        assert database.engine.url.password == "s3cret word"
        assert load_company(database).name == read_company_file(EXAMPLE_COMPANY).name
    finally:
        database.close()
    assert list(tmp_path.iterdir()) == []
