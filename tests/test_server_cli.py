"""The command line on a PostgreSQL server's database (``--db postgresql://...``): the
schema made by ``server-init``, a company imported and checked as in a file, and the
file-only commands refused with the reason. Against a throwaway server
(tests/postgres_server.py), skipped where PostgreSQL is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from tests.helpers import EXAMPLE_COMPANY
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

pytestmark = pytest.mark.postgres

AS_OF = "2026-11-22"


def test_a_company_on_a_server_is_checked_as_in_a_file(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["server-init", "--db", postgres_url]) == EXIT_OK
    assert "holds the schema of this version" in capsys.readouterr().out
    assert main(["import", "--db", postgres_url, str(EXAMPLE_COMPANY)]) == EXIT_OK
    capsys.readouterr()
    assert main(["check", "--db", postgres_url, "--json", "--as-of", AS_OF]) == EXIT_OK
    on_server = json.loads(capsys.readouterr().out)
    data_file = tmp_path / "c.entretien"
    assert main(["import", "--db", str(data_file), str(EXAMPLE_COMPANY)]) == EXIT_OK
    capsys.readouterr()
    assert main(["check", "--db", str(data_file), "--json", "--as-of", AS_OF]) == EXIT_OK
    in_file = json.loads(capsys.readouterr().out)
    assert on_server == in_file and on_server["obligations"]
    assert main(["server-init", "--db", postgres_url]) == EXIT_OK  # again: nothing to do


def test_file_only_commands_say_why_on_a_server(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["backup", "--db", postgres_url, "--out", str(tmp_path)]) == EXIT_REFUSED
    assert "pg_dump" in capsys.readouterr().err
    assert main(["verify-file", "--db", postgres_url]) == EXIT_REFUSED
    assert "not on a server" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_server_init_needs_a_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server-init", "--db", str(tmp_path / "c.entretien")]) == EXIT_REFUSED
    assert "needs a server's database" in capsys.readouterr().err
    assert not (tmp_path / "c.entretien").exists()
