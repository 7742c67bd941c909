"""The command line as other programs use it: entry points, the demo command, languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from entretien_desktop import __version__, cli
from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.demo import DEMO_COMPANY_NAME
from entretien_desktop.storage import open_database
from tests.helpers import EXAMPLE_COMPANY, file_digest


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "entretien_desktop", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"entretien-desktop {__version__}"


def test_demo_writes_a_company_into_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == EXIT_OK
    assert DEMO_COMPANY_NAME in capsys.readouterr().out
    with open_database(db) as database:
        company = load_company(database)
    assert company is not None and company.name == DEMO_COMPANY_NAME
    assert len(company.employees) >= 20


def test_demo_refuses_a_file_that_holds_a_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "company.sqlite"
    assert main(["import", "--db", str(db), str(EXAMPLE_COMPANY)]) == EXIT_OK
    before = file_digest(db)
    assert main(["demo", "--db", str(db)]) == EXIT_REFUSED
    assert "already holds a company" in capsys.readouterr().err
    assert file_digest(db) == before


def test_lang_switches_the_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.sqlite"
    out = str(tmp_path / "o.json")
    assert main(["export", "--lang", "en", "--db", str(missing), "--out", out]) == EXIT_REFUSED
    english = capsys.readouterr().err
    assert main(["export", "--lang", "fr", "--db", str(missing), "--out", out]) == EXIT_REFUSED
    french = capsys.readouterr().err
    assert "does not exist" in english
    assert french != english and str(missing) in french


@pytest.mark.parametrize("name", ["company.entretien", "old.sqlite", "Company.ENTRETIEN"])
@pytest.mark.parametrize("before", [[], ["--lang", "fr"], ["--lang=nl"]])
def test_a_data_file_given_alone_opens_in_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, before: list[str]
) -> None:
    """What a double click or the menu entry (``entretien-desktop %f``) runs."""
    opened: list[Path] = []
    monkeypatch.setitem(cli.COMMANDS, None, lambda parsed: opened.append(parsed.db) or 0)
    assert main([*before, str(tmp_path / name)]) == 0
    assert opened == [tmp_path / name]


def test_a_command_is_not_taken_for_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "check").write_text("")
    monkeypatch.chdir(tmp_path)
    ran: list[str] = []
    monkeypatch.setitem(cli.COMMANDS, "check", lambda _args: ran.append("check") or 0)
    assert main(["check", "--db", str(tmp_path / "c.sqlite")]) == 0
    assert ran == ["check"]
