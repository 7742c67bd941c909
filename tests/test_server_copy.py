"""``entretien-desktop copy``: a whole company moved from a data file to a PostgreSQL server
and back, with its history (signed interviews, the chain of signed records, the journal,
attachments, issued reports); a target holding a company refused, nothing written. Against
a throwaway server (tests/postgres_server.py)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from entretien_desktop.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import record_chain
from entretien_desktop.services.seal import (
    create_company_seal,
    seal_certificate,
    seal_status,
    sealing_enabled,
    set_sealing,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database, open_server
from entretien_desktop.storage.cipher import looks_encrypted
from entretien_desktop.storage.transfer import TargetNotEmptyError, copy_company
from tests.helpers import EXAMPLE_COMPANY
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

pytestmark = pytest.mark.postgres

AS_OF = "2026-11-22"
PAPER = bytes(range(256)) * 4  # every byte value, as a scan would hold


def _check(db: str, capsys: pytest.CaptureFixture[str]) -> object:
    capsys.readouterr()
    assert main(["check", "--db", db, "--json", "--as-of", AS_OF]) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def _signed_interview(path: Path) -> str:
    with open_database(path) as database:
        company = database.read_company()
    assert company is not None
    return next(
        interview.id
        for employee in company.employees
        for interview in employee.interviews
        if interview.signed_on is not None
    )


History = tuple[list[object], list[object], list[tuple[str, str, bytes]]]


def _history(database_target: Path | str) -> History:
    opened = (
        open_server(database_target)
        if isinstance(database_target, str)
        else open_database(database_target)
    )
    with opened as database, database.unit_of_work() as uow:
        chain = uow.company.chain()
        journal = uow.company.journal()
        attachments = [
            (public_id, kind, bytes(data))
            for public_id, kind, data in uow.session.execute(
                text("SELECT interview_public_id, kind, data FROM attachment ORDER BY id")
            )
        ]
    return list(chain), list(journal), attachments


def test_file_to_server_to_file_keeps_the_company_and_its_history(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = tmp_path / "first.entretien"
    assert main(["demo", "--db", str(first)]) == EXIT_OK
    report = tmp_path / "report.pdf"
    interview = _signed_interview(first)
    with open_database(first) as database, database.unit_of_work() as uow:
        uow.company.add_attachment(interview, "paper", "application/pdf", PAPER, "2026-11-20")
        uow.commit()
    with open_database(first) as database:
        workspace = Workspace(database)
        create_company_seal(workspace)
        set_sealing(workspace, True)
    assert main(["report", "--db", str(first), "--interview", interview, "--out", str(report)]) == 0
    capsys.readouterr()

    assert main(["copy", "--from", str(first), "--to", postgres_url]) == EXIT_OK
    said = capsys.readouterr().out
    assert "Copied" in said and "employees" in said
    back = tmp_path / "back.entretien"
    assert main(["copy", "--from", postgres_url, "--to", str(back)]) == EXIT_OK

    in_file = _check(str(first), capsys)
    assert _check(postgres_url, capsys) == in_file
    assert _check(str(back), capsys) == in_file
    chain, journal, attachments = _history(first)
    assert chain and attachments
    assert _history(postgres_url) == (chain, journal, attachments)
    assert _history(back) == (chain, journal, attachments)
    assert record_chain.first_broken(_history(back)[0]) is None  # type: ignore[arg-type]
    # The report issued from the first file is recognised by the copy's copy.
    capsys.readouterr()
    assert main(["verify", "--db", str(back), str(report)]) == EXIT_OK
    with open_database(back) as database:
        workspace = Workspace(database)
        assert sealing_enabled(workspace)
        certificate = seal_certificate(workspace)
    # The report was sealed in the first file; the copy's certificate is the same seal.
    assert certificate is not None
    assert seal_status(report.read_bytes(), certificate)[0]
    assert main(["audit", "--db", str(back)]) == EXIT_OK


def test_ids_on_the_server_continue_after_the_copied_ones(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    source = tmp_path / "c.entretien"
    assert main(["import", "--db", str(source), str(EXAMPLE_COMPANY)]) == EXIT_OK
    assert main(["copy", "--from", str(source), "--to", postgres_url]) == EXIT_OK
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as connection:
            biggest = connection.execute(text("SELECT max(id) FROM employee")).scalar_one()
            following = connection.execute(
                text("SELECT nextval(pg_get_serial_sequence('employee', 'id'))")
            ).scalar_one()
    finally:
        engine.dispose()
    assert following == biggest + 1


def test_a_target_holding_a_company_is_refused_untouched(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo = tmp_path / "demo.entretien"
    assert main(["demo", "--db", str(demo)]) == EXIT_OK
    assert main(["import", "--db", postgres_url, str(EXAMPLE_COMPANY)]) == EXIT_OK
    before = _check(postgres_url, capsys)
    assert main(["copy", "--from", str(demo), "--to", postgres_url]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "already holds the company" in err and "Nothing was written" in err
    assert _check(postgres_url, capsys) == before
    # The other way: an existing file with a company is kept as it was.
    assert main(["copy", "--from", postgres_url, "--to", str(demo)]) == EXIT_REFUSED
    assert "already holds the company" in capsys.readouterr().err


def test_copy_refuses_a_missing_source_and_one_without_a_company(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "new.entretien"
    missing = tmp_path / "missing.entretien"
    assert main(["copy", "--from", str(missing), "--to", str(target)]) == EXIT_REFUSED
    assert "does not exist" in capsys.readouterr().err
    assert main(["server-init", "--db", postgres_url]) == EXIT_OK
    assert main(["copy", "--from", postgres_url, "--to", str(target)]) == EXIT_REFUSED
    assert "holds no company to copy" in capsys.readouterr().err
    assert not target.exists()
    assert main(["copy", "--from", postgres_url, "--to", postgres_url]) == EXIT_REFUSED


def test_the_company_file_goes_through_a_server_both_ways(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", "--db", postgres_url, str(EXAMPLE_COMPANY)]) == EXIT_OK
    exported = tmp_path / "from-server.json"
    assert main(["export", "--db", postgres_url, "--out", str(exported)]) == EXIT_OK
    in_file = tmp_path / "c.entretien"
    assert main(["import", "--db", str(in_file), str(exported)]) == EXIT_OK
    again = tmp_path / "from-file.json"
    assert main(["export", "--db", str(in_file), "--out", str(again)]) == EXIT_OK
    assert json.loads(again.read_text("utf-8")) == json.loads(exported.read_text("utf-8"))
    assert _check(str(in_file), capsys) == _check(postgres_url, capsys)


def test_a_server_copied_into_a_new_encrypted_file(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", "--db", postgres_url, str(EXAMPLE_COMPANY)]) == EXIT_OK
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    target = tmp_path / "protected.entretien"
    copied = ["copy", "--from", postgres_url, "--to", str(target), "--passphrase-file", str(secret)]
    assert main(copied) == EXIT_OK
    assert looks_encrypted(target)
    capsys.readouterr()
    assert (
        main(
            [
                "check",
                "--db",
                str(target),
                "--passphrase-file",
                str(secret),
                "--json",
                "--as-of",
                AS_OF,
            ]
        )
        == EXIT_OK
    )
    assert json.loads(capsys.readouterr().out) == _check(postgres_url, capsys)


def test_a_server_that_refuses_is_said_plainly(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "c.entretien"
    assert main(["import", "--db", str(source), str(EXAMPLE_COMPANY)]) == EXIT_OK
    capsys.readouterr()
    missing = postgres_url.replace("/test_", "/absent_", 1)
    assert main(["copy", "--from", str(source), "--to", missing]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert "has no database named as in absent_" in err and "Unexpected" not in err


def test_two_copies_into_one_server_at_once_give_one_company(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    sources = [tmp_path / "one.entretien", tmp_path / "two.entretien"]
    assert main(["import", "--db", str(sources[0]), str(EXAMPLE_COMPANY)]) == EXIT_OK
    assert main(["demo", "--db", str(sources[1])]) == EXIT_OK
    outcomes: list[object] = []

    def copy(source: Path) -> None:
        with open_database(source) as origin, open_server(postgres_url) as target:
            try:
                outcomes.append(copy_company(origin, target).company)
            except TargetNotEmptyError as refused:
                outcomes.append(refused)

    threads = [threading.Thread(target=copy, args=(source,)) for source in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    copied = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, TargetNotEmptyError)]
    assert len(copied) == 1 and len(refused) == 1
    assert refused[0].company == copied[0]


def test_users_added_before_the_copy_stay_the_servers(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["server-init", "--db", postgres_url]) == EXIT_OK
    password = tmp_path / "password.txt"
    password.write_text("a long password\n", encoding="utf-8")
    login = f"copy_hr_{tmp_path.name[-12:].replace('-', '_').lower()}"
    added = ["server-user", "--db", postgres_url, "add", login, "--role", "hr"]
    assert main([*added, "--password-file", str(password)]) == EXIT_OK
    source = tmp_path / "c.entretien"
    assert main(["import", "--db", str(source), str(EXAMPLE_COMPANY)]) == EXIT_OK
    capsys.readouterr()
    assert main(["copy", "--from", str(source), "--to", postgres_url]) == EXIT_OK
    assert main(["server-user", "--db", postgres_url, "list"]) == EXIT_OK
    assert login in capsys.readouterr().out
    back = tmp_path / "back.entretien"
    assert main(["copy", "--from", postgres_url, "--to", str(back)]) == EXIT_OK
    with open_database(back) as database, database.unit_of_work() as uow:
        users = uow.session.execute(text("SELECT count(*) FROM company_user")).scalar_one()
    assert users == 0  # a file has one user
