"""On a shared computer other accounts read nothing: the data file, its journals, the copy
made before an upgrade and the log are the owner's alone, and the log holds no personal
data, not even in the message of an exception."""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

from entretien_desktop import cli, paths
from entretien_desktop.cli import EXIT_FAILURE, main
from entretien_desktop.logs import LOG_FILE_NAME, log_to_file
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.storage import open_database
from tests.helpers import DATA, small_company

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

SECRET = "Mon manager me harcèle"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_file_its_journals_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "c.sqlite"
    with open_database(path) as database:
        import_company(database, small_company())
        load_company(database)
        assert _mode(path.with_name("c.sqlite-wal")) == 0o600
        assert _mode(path.with_name("c.sqlite-shm")) == 0o600
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert _mode(path.with_name("c.sqlite.lock")) == 0o600


def test_a_file_an_earlier_version_left_readable_by_all_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "schema-0001.sqlite", path)
    path.chmod(0o644)
    with open_database(path) as database:
        assert load_company(database) is not None
    assert _mode(path) == 0o600
    copies = list(tmp_path.glob("old.sqlite.before-*.bak"))
    assert len(copies) == 1 and _mode(copies[0]) == 0o600


def test_the_log_is_private_and_quotes_no_exception_message(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    logger = logging.getLogger("entretien_desktop.test")
    with log_to_file(folder) as log_path:
        try:
            raise ValueError(f"Invalid isoformat string: {SECRET!r}")
        except ValueError as error:
            logger.exception("Reading failed")
            logger.warning("Refused: %s", error)
    assert log_path == folder / LOG_FILE_NAME
    text = log_path.read_text(encoding="utf-8")
    assert "Reading failed" in text and "ValueError" in text and "test_private_files" in text
    assert SECRET not in text
    assert _mode(log_path) == 0o600 and _mode(folder) == 0o700


def test_an_unexpected_failure_of_a_command_shows_and_logs_no_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(_args: object) -> int:
        raise KeyError(SECRET)

    monkeypatch.setitem(cli.COMMANDS, "check", failing)
    assert main(["check", "--db", str(tmp_path / "c.sqlite")]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert "KeyError" in err and SECRET not in err and "Traceback" not in err
    log_text = (paths.log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "KeyError" in log_text and SECRET not in log_text


def test_an_exception_chained_to_itself_is_logged_once(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    logger = logging.getLogger("entretien_desktop.test")
    error = ValueError(SECRET)
    error.__cause__ = error  # what ``raise error from error`` leaves
    with log_to_file(folder) as log_path:
        logger.error("Looping", exc_info=error)
    assert log_path is not None
    text = log_path.read_text(encoding="utf-8")
    assert text.count("builtins.ValueError") == 1 and SECRET not in text


def test_the_default_data_file_is_the_earlier_one_where_it_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update keeps opening the data file of an earlier version (``entretien.sqlite``);
    a new installation starts ``entretien.entretien``; both in the user's data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = tmp_path / paths.APP_NAME
    assert paths.default_database_path() == folder / "entretien.entretien"
    folder.mkdir()
    (folder / "entretien.sqlite").write_bytes(b"")
    assert paths.default_database_path() == folder / "entretien.sqlite"
