"""The command line on an encrypted file: ``--passphrase-file`` on every command; a missing
or wrong passphrase is refused (exit 2) with how to give it, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.storage.cipher import looks_encrypted
from tests.helpers import file_digest

PASSPHRASE = "Le chêne et le roseau, 1668"


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def demo(tmp_path: Path, passphrase_file: Path) -> Path:
    path = tmp_path / "demo.entretien"
    assert main(["demo", "--db", str(path), "--passphrase-file", str(passphrase_file)]) == EXIT_OK
    return path


def test_a_demo_written_with_a_passphrase_file_is_encrypted(demo: Path, tmp_path: Path) -> None:
    assert looks_encrypted(demo)
    assert b"Marchand" not in demo.read_bytes()
    plain = tmp_path / "plain.entretien"
    assert main(["demo", "--db", str(plain)]) == EXIT_OK
    assert b"Marchand" in plain.read_bytes()  # the same demo, unprotected, shows the name


def test_every_reading_command_takes_the_passphrase_file(
    demo: Path, passphrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = ["--db", str(demo), "--passphrase-file", str(passphrase_file)]
    capsys.readouterr()
    assert main(["check", "--json", *key]) == EXIT_OK
    obligations = json.loads(capsys.readouterr().out)
    assert obligations["obligations"]
    assert main(["export", "--out", str(tmp_path / "c.json"), *key]) == EXIT_OK
    exported = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert len(exported["employees"]) == 26
    assert main(["audit", *key]) == EXIT_OK


def test_without_the_passphrase_the_command_is_refused_and_says_how(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = file_digest(demo)
    capsys.readouterr()
    assert main(["check", "--db", str(demo)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "protected by a passphrase" in err
    assert "--passphrase-file" in err
    assert file_digest(demo) == before


def test_a_wrong_passphrase_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("le roseau et le chêne\n", encoding="utf-8")
    before = file_digest(demo)
    capsys.readouterr()
    assert main(["check", "--db", str(demo), "--passphrase-file", str(wrong)]) == EXIT_REFUSED
    assert "The passphrase does not open" in capsys.readouterr().err
    assert file_digest(demo) == before


def test_an_empty_or_missing_passphrase_file_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--db", str(demo), "--passphrase-file", str(empty)]) == EXIT_REFUSED
    assert "no passphrase" in capsys.readouterr().err
    missing = tmp_path / "missing.txt"
    assert main(["check", "--db", str(demo), "--passphrase-file", str(missing)]) == EXIT_REFUSED
    assert "cannot be read" in capsys.readouterr().err


def test_backup_list_and_restore_of_an_encrypted_file(
    demo: Path, passphrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = ["--passphrase-file", str(passphrase_file)]
    folder = tmp_path / "backups"
    assert main(["backup", "--db", str(demo), "--out", str(folder), *key]) == EXIT_OK
    (made,) = folder.iterdir()
    assert looks_encrypted(made) and b"Marchand" not in made.read_bytes()
    capsys.readouterr()
    assert main(["backups", "--dir", str(folder)]) == EXIT_OK
    assert "ENCRYPTED" in capsys.readouterr().out
    assert main(["backups", "--dir", str(folder), *key]) == EXIT_OK
    assert "26" in capsys.readouterr().out
    restored = tmp_path / "restored.entretien"
    assert main(["restore", "--from", str(made), "--to", str(restored)]) == EXIT_REFUSED
    assert not restored.exists()
    assert main(["restore", "--from", str(made), "--to", str(restored), *key]) == EXIT_OK
    assert looks_encrypted(restored)
    assert main(["check", "--db", str(restored), *key]) == EXIT_OK
