"""Backups that restore (services/backups.py): checked, dated, rotated, listed, restored into
a new file only; and the ``backup``, ``backups`` and ``restore`` commands."""

from __future__ import annotations

import calendar
import shutil
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from entretien_desktop.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.services import backups
from entretien_desktop.services.backups import (
    RestoreRefused,
    backup_name,
    list_backups,
    make_backup,
    restore,
    rotate,
)
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.storage import open_database, snapshots
from entretien_desktop.storage.cipher import FileKey
from entretien_desktop.storage.errors import BackupNotVerifiedError
from entretien_desktop.storage.migrate import head_revision, read_revision
from tests.helpers import DATA, EXAMPLE_COMPANY, small_company

PARIS = timezone(timedelta(hours=1))  # a backup is named after the wall time it is given
NOW = datetime(2026, 11, 22, 9, 30, 15, tzinfo=PARIS)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "company.entretien"
    with open_database(path) as database:
        import_company(database, small_company())
    return path


def _corrupt(path: Path) -> None:
    """Garbage over every page after the first: the header still says SQLite."""
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    path.write_bytes(bytes(data))


def test_a_backup_is_named_by_its_date_and_holds_the_company(data_file: Path) -> None:
    folder = data_file.parent / "backups"
    written = make_backup(data_file, folder, NOW)
    assert written == folder / "company-2026-11-22-093015.entretien-backup"
    assert sorted(p.name for p in folder.iterdir()) == [written.name]  # no temporary left
    target = data_file.parent / "restored.entretien"
    restore(written, target)
    with open_database(target) as restored, open_database(data_file) as original:
        assert load_company(restored) == load_company(original) == small_company()


def test_a_backup_of_an_open_file_and_a_second_in_the_same_second(data_file: Path) -> None:
    folder = data_file.parent / "backups"
    with open_database(data_file) as database:
        first = make_backup(database, folder, NOW)
        second = make_backup(database, folder, NOW)
    assert first != second
    assert [item.backup.path for item in list_backups(folder)] == [second, first]


def test_a_folder_without_hard_links_takes_backups_too(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB stick formatted FAT or exFAT refuses hard links."""

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(snapshots.os, "link", no_links)
    folder = data_file.parent / "stick"
    first = make_backup(data_file, folder, NOW)
    second = make_backup(data_file, folder, NOW)
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name])
    assert [item.damaged for item in list_backups(folder)] == [False, False]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_backup_is_private(data_file: Path) -> None:
    written = make_backup(data_file, data_file.parent / "backups", NOW)
    assert written.stat().st_mode & 0o777 == 0o600
    assert written.parent.stat().st_mode & 0o777 == 0o700


def test_a_backup_that_fails_its_check_is_not_kept(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_check = snapshots.verify_backup

    def corrupt_then_check(path: Path, key: FileKey | None = None) -> bool:
        _corrupt(path)
        return real_check(path, key)

    monkeypatch.setattr(snapshots, "verify_backup", corrupt_then_check)
    folder = data_file.parent / "backups"
    with pytest.raises(BackupNotVerifiedError) as failed:
        make_backup(data_file, folder, NOW)
    assert "integrity check" in str(failed.value)
    assert list(folder.iterdir()) == []  # neither under a backup's name nor a temporary one
    assert list_backups(folder) == []
    assert rotate(folder, NOW) == []


def test_a_damaged_backup_is_listed_as_damaged(data_file: Path) -> None:
    folder = data_file.parent / "backups"
    good = make_backup(data_file, folder, NOW)
    bad = make_backup(data_file, folder, NOW + timedelta(days=1))
    _corrupt(bad)
    (folder / backup_name(data_file, NOW - timedelta(days=1))).write_bytes(b"not a database")
    (folder / "notes.txt").write_text("not a backup")
    listing = list_backups(folder)
    assert [item.damaged for item in listing] == [True, False, True]
    assert listing[0].backup.path == bad
    assert listing[1].backup.path == good
    assert listing[1].company_name == "Garage Lefèvre"
    assert (listing[1].employees, listing[1].interviews) == (2, 1)
    assert listing[1].size == good.stat().st_size


def test_restore_never_overwrites_a_file(data_file: Path) -> None:
    written = make_backup(data_file, data_file.parent / "backups", NOW)
    before = data_file.read_bytes()
    with pytest.raises(RestoreRefused) as refused:
        restore(written, data_file)
    assert str(data_file) in refused.value.user_message
    assert data_file.read_bytes() == before


def test_restore_refuses_a_damaged_backup_and_writes_nothing(data_file: Path) -> None:
    written = make_backup(data_file, data_file.parent / "backups", NOW)
    _corrupt(written)
    target = data_file.parent / "restored.entretien"
    with pytest.raises(RestoreRefused) as refused:
        restore(written, target)
    assert str(written) in refused.value.user_message
    assert not target.exists()


def test_a_backup_of_an_older_version_restores_migrated(tmp_path: Path) -> None:
    old = tmp_path / "old-2025-01-01-000000.entretien-backup"
    shutil.copyfile(DATA / "schema-0001.sqlite", old)
    target = tmp_path / "restored.entretien"
    restore(old, target)
    assert read_revision(old) == "0001"  # the backup itself is left as it was
    assert read_revision(target) == head_revision()
    from entretien_desktop.services.company_file import read_company_file  # noqa: PLC0415

    with open_database(target) as restored:
        assert load_company(restored) == read_company_file(EXAMPLE_COMPANY)


# Rotation -------------------------------------------------------------------------------


def _newest_on(day: date) -> datetime:
    """The simulation's newest backup of a day: at 14:00 on even days, else at 02:00."""
    return datetime.combine(day, time(14) if day.toordinal() % 2 == 0 else time(2))


def _expected(today: date) -> set[datetime]:
    """What the rotation keeps after a backup every day, counted by calendar alone."""
    kept = {_newest_on(today - timedelta(days=k)) for k in range(7)}
    year, week, _weekday = today.isocalendar()
    for back in range(4):
        sunday = date.fromisocalendar(year, week, 7) - timedelta(weeks=back)
        kept.add(_newest_on(min(sunday, today)))
    for back in range(12):
        month_index = today.year * 12 + today.month - 1 - back
        year_of, month = divmod(month_index, 12)
        last = date(year_of, month + 1, calendar.monthrange(year_of, month + 1)[1])
        kept.add(_newest_on(min(last, today)))
    return kept


def test_rotation_over_500_days_keeps_7_days_4_weeks_12_months(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    source = tmp_path / "company.entretien"
    start = date(2025, 2, 13)
    deleted: list[Path] = []
    for offset in range(500):
        day = start + timedelta(days=offset)
        moments = [datetime.combine(day, time(2))]
        if day.toordinal() % 2 == 0:
            moments.append(datetime.combine(day, time(14)))
        for moment in moments:
            (folder / backup_name(source, moment)).write_bytes(b"")  # rotation reads names
            deleted += rotate(folder, moment)
    today = start + timedelta(days=499)
    remaining = {backup.taken for backup in backups.backups_in(folder)}
    assert remaining == _expected(today)
    assert len(deleted) + len(remaining) == 500 + sum(
        (start + timedelta(days=k)).toordinal() % 2 == 0 for k in range(500)
    )


def test_the_newest_backup_is_kept_however_old(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    source = tmp_path / "company.entretien"
    old = [
        datetime(2020, 3, 1, 8, tzinfo=PARIS),
        datetime(2020, 3, 2, 8, tzinfo=PARIS),
        datetime(2019, 1, 1, 8, tzinfo=PARIS),
    ]
    for moment in old:
        (folder / backup_name(source, moment)).write_bytes(b"")
    other = folder / backup_name(tmp_path / "other.entretien", datetime(2018, 5, 5, tzinfo=PARIS))
    other.write_bytes(b"")
    deleted = rotate(folder, NOW)
    assert [path.name for path in deleted] == [
        backup_name(source, old[0]),
        backup_name(source, old[2]),
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [backup_name(source, old[1]), other.name]  # each data file's series apart
    )


# The command line ---------------------------------------------------------------------------


def test_the_backup_command_writes_rotates_and_says_so(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_file.parent / "backups"
    folder.mkdir()
    stale = folder / backup_name(data_file, datetime(2020, 1, 1, tzinfo=PARIS))
    shutil.copyfile(make_backup(data_file, folder, datetime(2020, 1, 2, tzinfo=PARIS)), stale)
    args = ["backup", "--lang", "en", "--db", str(data_file), "--out", str(folder)]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out
    written = [item.backup.path for item in list_backups(folder)]
    assert len(written) == 1
    assert f"Backup written to {written[0]}." in out
    assert str(stale) in out and "rotation" in out
    assert not stale.exists()


def test_the_backup_command_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.entretien"
    args = ["backup", "--lang", "en", "--db", str(missing), "--out", str(tmp_path / "b")]
    assert main(args) == EXIT_REFUSED
    assert str(missing) in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_the_backup_command_fails_on_a_backup_not_verified(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(snapshots, "verify_backup", lambda _path, _key=None: False)
    folder = data_file.parent / "backups"
    args = ["backup", "--lang", "en", "--db", str(data_file), "--out", str(folder)]
    assert main(args) == EXIT_FAILURE
    assert "integrity check" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_the_backups_command_lists_good_and_damaged(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_file.parent / "backups"
    good = make_backup(data_file, folder, NOW)
    bad = folder / backup_name(data_file, NOW - timedelta(days=3))
    bad.write_bytes(b"garbage")
    assert main(["backups", "--lang", "en", "--dir", str(folder)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2026-11-22 09:30:15")
    assert "Garage Lefèvre, 2 employees, 1 interview" in lines[0] and str(good) in lines[0]
    assert "DAMAGED" in lines[1] and str(bad) in lines[1]


def test_the_restore_command(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written = make_backup(data_file, data_file.parent / "backups", NOW)
    target = data_file.parent / "restored.entretien"
    base = ["restore", "--lang", "en", "--from", str(written), "--to"]
    before = data_file.read_bytes()
    assert main([*base, str(data_file)]) == EXIT_REFUSED
    assert f"{data_file} already exists" in capsys.readouterr().err
    assert data_file.read_bytes() == before
    assert main([*base, str(target)]) == EXIT_OK
    assert str(target) in capsys.readouterr().out
    with open_database(target) as restored:
        assert load_company(restored) == small_company()
    _corrupt(written)
    assert main([*base, str(data_file.parent / "other.entretien")]) == EXIT_REFUSED
    assert f"{written} is damaged" in capsys.readouterr().err
    assert not (data_file.parent / "other.entretien").exists()


def test_what_a_killed_backup_or_export_left_is_removed_later(data_file: Path) -> None:
    """A temporary copy that a killed write left (personal data in a hidden file) is
    removed by the next rotation of the folder, or the next write of the same file; one
    being written now (recent) is left alone."""
    import os  # noqa: PLC0415

    from entretien_desktop.services.company_file import write_file_atomically  # noqa: PLC0415

    folder = data_file.parent / "backups"
    make_backup(data_file, folder, NOW)
    old = folder / f".company-2026-12-01-101010{backups.BACKUP_SUFFIX}.a1b2c3.tmp"
    recent = folder / f".company-2026-12-05-101010{backups.BACKUP_SUFFIX}.d4e5f6.tmp"
    for leftover in (old, recent):
        leftover.write_bytes(b"Zephyrin Quintavalle")
    os.utime(old, (0, 0))
    rotate(folder, NOW)
    assert not old.exists() and recent.exists()
    report = data_file.parent / "rapport.pdf"
    stale = data_file.parent / ".rapport.pdf.xyz.tmp"
    stale.write_bytes(b"Zephyrin Quintavalle")
    os.utime(stale, (0, 0))
    write_file_atomically(report, b"%PDF")
    assert report.read_bytes() == b"%PDF" and not stale.exists()
