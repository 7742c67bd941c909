"""A PostgreSQL server's errors in plain words (issue 20): each provoked on the throwaway
server where it can be (no server at the address, a wrong database or user, a connection
cut by the administrator, two users racing for one employee number, a read-only
database), and what the user then reads; those a test cannot provoke here (TLS, a full
disk) from psycopg's own exception classes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.cli import EXIT_FAILURE, main
from entretien_desktop.domain import Contract, Employee
from entretien_desktop.services.errors import (
    RemovedReferenceError,
    ServerAuthenticationError,
    ServerConflictError,
    ServerConnectionLostError,
    ServerDatabaseMissingError,
    ServerTlsError,
    ServerUnreachableError,
    TakenNumberError,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_server
from entretien_desktop.storage.errors import DiskFullError, ReadOnlyFileError, classify
from entretien_desktop.storage.repositories import CompanyRepository
from entretien_desktop.storage.server_errors import TooLongForServerError, read_retrying
from tests.helpers import TODAY, small_company
from tests.postgres_server import PostgresServer, postgres_server, postgres_url  # noqa: F401

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")

PLACE = Path("company @ server")


def _newcomer(ref: str = "0042") -> Employee:
    return Employee(
        ref=ref,
        first_name="Inès",
        last_name="Roussel",
        hire_date=date(2026, 9, 1),
        contract=Contract.PERMANENT,
    )


@pytest.fixture
def company_url(postgres_url: str) -> Iterator[str]:  # noqa: F811
    with open_server(postgres_url) as database:
        Workspace(database, today=lambda: TODAY).create_company(small_company())
    yield postgres_url


def test_no_server_at_the_address_is_unreachable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped = f"postgresql://postgres@/company?host={tmp_path}"  # no server on this socket
    with pytest.raises(ServerUnreachableError, match="cannot be reached"):
        open_server(stopped)
    refused = "postgresql://postgres@127.0.0.1:1/company?connect_timeout=5"
    with pytest.raises(ServerUnreachableError):
        open_server(refused)
    assert main(["check", "--db", stopped]) == EXIT_FAILURE
    error = capsys.readouterr().err
    assert "The server of company @ localhost cannot be reached" in error
    assert "Traceback" not in error and "Unexpected failure" not in error


def test_a_wrong_database_name_or_user_is_named(
    postgres_server: PostgresServer,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(ServerDatabaseMissingError, match="no database named"):
        open_server(postgres_server.url("no_such_company"))
    stranger = postgres_server.url().replace("postgres@", "stranger@", 1)
    with pytest.raises(ServerAuthenticationError, match="refused the user name"):
        open_server(stranger)
    assert main(["server-init", "--db", stranger]) == EXIT_FAILURE
    assert "refused the user name or the password" in capsys.readouterr().err


def test_a_read_cut_by_the_server_is_read_again(
    company_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load = CompanyRepository.load
    cuts: list[int] = []

    def cut_once(self: CompanyRepository) -> Any:
        if not cuts:  # the administrator ends this connection in the middle of the read
            cuts.append(1)
            self.session.connection().exec_driver_sql(
                "SELECT pg_terminate_backend(pg_backend_pid())"
            )
        return load(self)

    monkeypatch.setattr(CompanyRepository, "load", cut_once)
    with open_server(company_url) as database:
        company = database.read_company()
    assert cuts == [1]
    assert company is not None and company.name == "Garage Lefèvre"


def test_a_write_cut_by_the_server_is_reported_and_nothing_is_half_written(
    company_url: str,
) -> None:
    with open_server(company_url) as database:
        space = Workspace(database, today=lambda: TODAY)
        with pytest.raises(ServerConnectionLostError, match="nothing of this change was saved"):  # noqa: SIM117
            with space.change(lambda: "two edits") as change:
                change.store.put_employee(_newcomer("A1"))
                change.store.session.connection().exec_driver_sql(
                    "SELECT pg_terminate_backend(pg_backend_pid())"
                )
        again = database.read_company()  # a fresh connection
    assert again is not None
    assert [e.ref for e in again.employees] == ["G1", "G2"]


def test_two_users_taking_the_same_employee_number(company_url: str) -> None:
    with open_server(company_url) as first, open_server(company_url) as second:
        one = Workspace(first, today=lambda: TODAY)
        other = Workspace(second, today=lambda: TODAY)
        one.company, other.company  # noqa: B018 (both read the company before either adds)
        one.save_employee(_newcomer())
        with pytest.raises(TakenNumberError) as taken:
            other.save_employee(replace(_newcomer(), first_name="Jules"))
        assert str(taken.value) == (
            "The employee number 0042 has just been taken by another user: nothing was "
            "saved. Choose another number."
        )
        stored = first.read_company()
    assert stored is not None
    assert [e.first_name for e in stored.employees if e.ref == "0042"] == ["Inès"]


def test_the_message_of_a_taken_number_in_french(company_url: str) -> None:
    from entretien_desktop.i18n import set_language  # noqa: PLC0415

    with open_server(company_url) as first, open_server(company_url) as second:
        one, other = Workspace(first), Workspace(second)
        one.company, other.company  # noqa: B018
        one.save_employee(_newcomer())
        set_language("fr")
        with pytest.raises(TakenNumberError) as taken:
            other.save_employee(_newcomer())
    assert "Le matricule 0042 vient d’être pris par un autre utilisateur" in str(taken.value)


def test_a_number_longer_than_its_column_is_refused_in_plain_words(company_url: str) -> None:
    with open_server(company_url) as database:
        space = Workspace(database, today=lambda: TODAY)
        with pytest.raises(TooLongForServerError, match="at most 60 characters"):
            space.save_employee(_newcomer("N" * 61))
        stored = database.read_company()
    assert stored is not None and len(stored.employees) == 2


def test_a_reference_removed_by_another_user(company_url: str) -> None:
    with open_server(company_url) as database:
        with pytest.raises(RemovedReferenceError, match="removed by another user"):  # noqa: SIM117
            with database.unit_of_work() as uow:
                uow.session.connection().exec_driver_sql(
                    "INSERT INTO interview (employee_id, public_id, kind, status, date) "
                    "VALUES (999999, 'gone-1', 'professional', 'held', '2026-01-01')"
                )
        assert database.read_company() is not None


def test_two_serializable_transactions_crossing_are_a_conflict(company_url: str) -> None:
    plain = company_url.replace("postgresql+psycopg://", "postgresql://", 1)
    one = psycopg.connect(plain)
    other = psycopg.connect(plain)
    crossing: BaseException | None = None
    try:  # each reads what the other writes: the second to commit is refused
        one.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        other.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        one.execute("SELECT count(*) FROM employee").fetchone()
        other.execute("SELECT name FROM company").fetchone()
        one.execute("UPDATE company SET name = 'One' WHERE id = 1")
        other.execute("UPDATE employee SET first_name = 'Other' WHERE ref = 'G1'")
        one.commit()
        other.commit()
    except psycopg.Error as error:
        crossing = error
    finally:
        one.close()
        other.close()
    assert crossing is not None
    translated = classify(PLACE, crossing)
    assert isinstance(translated, ServerConflictError)
    assert "at the same moment" in str(translated)


def test_a_read_only_server_refuses_changes_in_plain_words(company_url: str) -> None:
    with open_server(company_url) as database:
        database.engine.dispose()
        with database.engine.connect() as connection:
            name = connection.exec_driver_sql("SELECT current_database()").scalar_one()
            connection.exec_driver_sql(
                f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'
            )
            connection.commit()
        database.engine.dispose()  # new connections take the setting
        space = Workspace(database, today=lambda: TODAY)
        with pytest.raises(ReadOnlyFileError, match="accepts no changes now"):
            space.save_employee(_newcomer())
        assert database.read_company() is not None  # reading still works


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (
            "connection failed: server does not support SSL, but SSL was required",
            ServerTlsError,
            "(TLS)",
        ),
        (
            'connection failed: FATAL:  no pg_hba.conf entry for host "10.0.0.2", user "rh", '
            'database "société", no encryption',
            ServerTlsError,
            "(TLS)",
        ),
        (
            'connection failed: FATAL:  password authentication failed for user "rh"',
            ServerAuthenticationError,
            "refused the user name",
        ),
        ("connection failed: timeout expired", ServerUnreachableError, "cannot be reached"),
        (
            "failed to resolve host 'serveur.example': [Errno -2] Name or service not known",
            ServerUnreachableError,
            "cannot be reached",
        ),
        (
            "consuming input failed: server closed the connection unexpectedly",
            ServerConnectionLostError,
            "was lost",
        ),
        (
            "connection failed: FATAL:  la base de données « rh » n’existe pas",
            ServerDatabaseMissingError,
            "no database named",
        ),
    ],
)
def test_connection_failures_without_a_state_are_told_by_their_words(
    error: str, kind: type[Exception], words: str
) -> None:
    translated = classify(PLACE, psycopg.OperationalError(error))
    assert isinstance(translated, kind)
    assert words in str(translated) and "company @ server" in str(translated)


def test_a_full_server_and_a_deadlock_from_their_states() -> None:
    full = classify(PLACE, psycopg.errors.DiskFull("could not extend file"))
    assert isinstance(full, DiskFullError) and "no space left" in str(full)
    deadlock = classify(PLACE, psycopg.errors.DeadlockDetected("deadlock detected"))
    assert isinstance(deadlock, ServerConflictError)
    assert classify(PLACE, psycopg.errors.UndefinedColumn("a bug of ours")) is None


def test_a_read_is_tried_twice_at_most() -> None:
    attempts: list[int] = []

    def read() -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise ServerConflictError(PLACE)
        return "read"

    with pytest.raises(ServerConflictError):
        read_retrying(read)
    assert len(attempts) == 2
    assert read_retrying(lambda: "read") == "read"


def test_a_database_object_knows_its_server(company_url: str) -> None:
    with open_server(company_url) as database:
        assert isinstance(database, Database) and database.url is not None
