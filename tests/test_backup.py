"""``Database.backup_to`` writes a whole, consistent copy of an open data file."""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from pathlib import Path

import pytest

from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.storage import open_database
from entretien_desktop.storage.errors import DiskFullError, ReadOnlyFileError
from tests.helpers import small_company


def test_the_copy_holds_the_company_and_the_original_stays_open(tmp_path: Path) -> None:
    with open_database(tmp_path / "live.sqlite") as database:
        import_company(database, small_company())
        copy = tmp_path / "copies" / "copy.sqlite"
        copy.parent.mkdir()

        database.backup_to(copy)

        assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite"]
        assert load_company(database) == small_company()
        with open_database(copy) as reopened:
            assert load_company(reopened) == small_company()


def test_a_copy_replaces_an_older_file_of_that_name(tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    target.write_bytes(b"an older copy")
    with open_database(tmp_path / "live.sqlite") as database:
        import_company(database, small_company("Renamed SARL"))
        database.backup_to(target)
    with open_database(target) as reopened:
        company = load_company(reopened)
    assert company is not None
    assert company.name == "Renamed SARL"


def test_a_refused_folder_is_a_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    with open_database(tmp_path / "live.sqlite") as database:
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
        with pytest.raises(ReadOnlyFileError):
            database.backup_to(tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()


def test_a_failed_copy_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    with open_database(tmp_path / "live.sqlite") as database:
        monkeypatch.setattr(database.engine, "raw_connection", _FullDiskRaw)
        with pytest.raises(DiskFullError):
            database.backup_to(folder / "copy.sqlite")
    assert list(folder.iterdir()) == []


def test_the_file_cannot_be_copied_onto_itself(tmp_path: Path) -> None:
    with open_database(tmp_path / "live.sqlite") as database, pytest.raises(ValueError):
        database.backup_to(tmp_path / "live.sqlite")


class _FullDiskConnection(sqlite3.Connection):
    def backup(self, *_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")


class _FullDiskRaw:
    """Stands for SQLAlchemy's pooled connection around a driver on a full disk."""

    def __init__(self) -> None:
        self.driver_connection = sqlite3.connect(":memory:", factory=_FullDiskConnection)

    def close(self) -> None:
        self.driver_connection.close()
