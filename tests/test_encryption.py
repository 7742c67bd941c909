"""Encryption at rest (issue 18 part 1): a file protected by a passphrase holds none of its
names or answers in plain text (nor its WAL, its backups or its copies); it opens with its
passphrase only, a wrong one is told apart, and protection can be given, changed and taken
away without losing a record."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.services.backups import list_backups, make_backup, restore
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.protection import (
    PassphraseRefused,
    change_passphrase,
    is_protected,
    passphrase_matches,
    passphrase_problem,
)
from entretien_desktop.storage import open_database
from entretien_desktop.storage.cipher import FileKey, looks_encrypted
from entretien_desktop.storage.errors import (
    EncryptedFileError,
    FileLockedError,
    NotADatabaseError,
    WrongPassphraseError,
)
from entretien_desktop.storage.rekey import change_protection
from entretien_desktop.storage.snapshots import verify_backup
from tests.helpers import file_digest, open_workspace, small_company

PASSPHRASE = "Correct horse, battery staple"
NOW = datetime(2026, 12, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def _secret_company() -> tuple[Company, list[str]]:
    """A company of 20 people with names and answers found nowhere else: the words that
    must not be readable in the file's bytes."""
    words: list[str] = []
    employees = []
    for n in range(20):
        first, last = f"Zéphyrin{n:02d}", f"Quintavalle{n:02d}"
        answer = f"Souhaite devenir chef d'atelier numéro {n:02d} à Besançon"
        words += [first, last, answer]
        employees.append(
            Employee(
                ref=f"S{n:03d}",
                first_name=first,
                last_name=last,
                hire_date=date(2015, 3, 1),
                contract=Contract.PERMANENT,
                interviews=(
                    Interview(
                        f"S{n:03d}-1",
                        InterviewKind.PROFESSIONAL,
                        InterviewStatus.HELD,
                        date(2024, 3, 1),
                        answers={"career": answer},
                    ),
                ),
            )
        )
    company = dataclasses.replace(
        small_company("Menuiserie Confidentielle"), employees=tuple(employees)
    )
    return company, words


def _plain_words(path: Path, words: list[str]) -> list[str]:
    """The ``words`` readable in the bytes of ``path`` and its journals (UTF-8 and the
    UTF-16 SQLite could use)."""
    found = []
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if not name.exists():
            continue
        data = name.read_bytes()
        found += [w for w in words if w.encode() in data or w.encode("utf-16-le") in data]
    return found


@pytest.fixture
def protected(tmp_path: Path) -> tuple[Path, list[str]]:
    company, words = _secret_company()
    path = tmp_path / "atelier.entretien"
    with open_database(path, FileKey.new(PASSPHRASE)) as database:
        import_company(database, company)
        # Still open: the WAL holds the last writes, and must be as unreadable as the file.
        assert _plain_words(path, words) == []
    return path, words


def test_a_plain_file_holds_the_names_in_clear(tmp_path: Path) -> None:
    """The check below can fail: the same company in a plain file is readable."""
    company, words = _secret_company()
    path = tmp_path / "plain.entretien"
    with open_database(path) as database:
        import_company(database, company)
    assert set(_plain_words(path, words)) == set(words)


def test_no_name_or_answer_is_readable_in_a_protected_file(
    protected: tuple[Path, list[str]],
) -> None:
    path, words = protected
    assert _plain_words(path, words) == []
    assert looks_encrypted(path)


def test_the_passphrase_opens_it_and_every_record_is_there(
    protected: tuple[Path, list[str]],
) -> None:
    path, words = protected
    with open_database(path, FileKey.of_file(path, PASSPHRASE)) as database:
        company = load_company(database)
    assert company is not None
    assert {e.last_name for e in company.employees} == {w for w in words if "Quint" in w}
    assert company.employees[0].interviews[0].answers == {"career": words[2]}


def test_without_its_passphrase_the_file_is_refused_untouched(
    protected: tuple[Path, list[str]],
) -> None:
    path, _words = protected
    before = file_digest(path)
    with pytest.raises(EncryptedFileError) as refused:
        open_database(path)
    assert "passphrase" in str(refused.value)
    assert file_digest(path) == before


def test_a_wrong_passphrase_is_told_and_changes_nothing(
    protected: tuple[Path, list[str]],
) -> None:
    path, _words = protected
    before = file_digest(path)
    with pytest.raises(WrongPassphraseError) as refused:
        open_database(path, FileKey.of_file(path, PASSPHRASE.upper()))
    assert "The passphrase does not open" in str(refused.value)
    assert file_digest(path) == before
    # Then the right one still opens it (the lock was let go).
    with open_database(path, FileKey.of_file(path, PASSPHRASE)) as database:
        assert database.peek_summary() == ("Menuiserie Confidentielle", 20)


def test_a_foreign_file_is_not_mistaken_for_an_encrypted_one(tmp_path: Path) -> None:
    text = tmp_path / "notes.entretien"
    text.write_text("Réunion du lundi\n" * 100, encoding="utf-8")
    with pytest.raises(NotADatabaseError) as refused:
        open_database(text)
    assert not isinstance(refused.value, EncryptedFileError)
    assert "is not an Entretien Desktop data file" in str(refused.value)


def test_a_passphrase_given_for_a_plain_file_opens_it_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "plain.entretien"
    with open_database(path) as database:
        import_company(database, small_company())
    before = file_digest(path)
    with open_database(path, FileKey.new(PASSPHRASE)) as database:
        assert database.key is None
        assert database.peek_summary()[0] == "Garage Lefèvre"
    assert file_digest(path) == before


def test_the_key_matches_its_passphrase_only(protected: tuple[Path, list[str]]) -> None:
    path, _words = protected
    key = FileKey.of_file(path, PASSPHRASE)
    assert key.matches(PASSPHRASE)
    assert not key.matches(PASSPHRASE + " ")
    assert PASSPHRASE not in repr(key) and key.key.hex() not in repr(key)


def test_backups_are_encrypted_and_restore_with_the_passphrase(
    protected: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path, words = protected
    key = FileKey.of_file(path, PASSPHRASE)
    folder = tmp_path / "backups"
    with open_database(path, key) as database:
        made = make_backup(database, folder, NOW)
    assert _plain_words(made, words) == []
    assert verify_backup(made, key)
    (listed,) = list_backups(folder, key)
    assert (listed.damaged, listed.locked, listed.employees) == (False, False, 20)
    # Read with another passphrase's key, the backup is listed as locked, not as damaged.
    (other,) = list_backups(folder, FileKey.new("une autre"))
    assert (other.damaged, other.locked, other.employees) == (False, True, None)
    restored = restore(made, tmp_path / "restored.entretien", key)
    assert _plain_words(restored, words) == []
    with open_database(restored, FileKey.of_file(restored, PASSPHRASE)) as database:
        assert database.peek_summary() == ("Menuiserie Confidentielle", 20)


def test_protecting_a_plain_file_keeps_every_record_and_leaves_no_plain_byte(
    tmp_path: Path,
) -> None:
    company, words = _secret_company()
    path = tmp_path / "atelier.entretien"
    with open_database(path) as database:
        import_company(database, company)
        before = load_company(database)
    change_protection(path, None, FileKey.new(PASSPHRASE))
    assert _plain_words(path, words) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with open_database(path, FileKey.of_file(path, PASSPHRASE)) as database:
        assert load_company(database) == before


def test_changing_and_removing_the_passphrase(protected: tuple[Path, list[str]]) -> None:
    path, words = protected
    with open_database(path, FileKey.of_file(path, PASSPHRASE)) as database:
        before = load_company(database)
    change_protection(path, FileKey.of_file(path, PASSPHRASE), FileKey.new("nouvelle phrase"))
    with pytest.raises(WrongPassphraseError):
        open_database(path, FileKey.of_file(path, PASSPHRASE))
    with open_database(path, FileKey.of_file(path, "nouvelle phrase")) as database:
        assert load_company(database) == before
    change_protection(path, FileKey.of_file(path, "nouvelle phrase"), None)
    assert set(_plain_words(path, words)) == set(words)
    with open_database(path) as database:
        assert load_company(database) == before


def test_a_change_of_protection_with_a_wrong_passphrase_changes_nothing(
    protected: tuple[Path, list[str]],
) -> None:
    path, _words = protected
    before = file_digest(path)
    with pytest.raises(WrongPassphraseError):
        change_protection(path, FileKey.of_file(path, "wrong"), None)
    assert file_digest(path) == before


def test_an_open_file_cannot_be_converted_under_its_user(
    protected: tuple[Path, list[str]],
) -> None:
    path, _words = protected
    key = FileKey.of_file(path, PASSPHRASE)
    with open_database(path, key), pytest.raises(FileLockedError):
        change_protection(path, key, None)


def test_worker_threads_do_not_derive_the_key_again(
    protected: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passphrase is turned into a key once; connections from other threads use it."""
    path, _words = protected
    key = FileKey.of_file(path, PASSPHRASE)
    derived: list[str] = []
    original = FileKey.derive.__func__  # type: ignore[attr-defined]

    def counting(cls: type[FileKey], passphrase: str, salt: bytes) -> FileKey:
        derived.append(passphrase)
        made: FileKey = original(cls, passphrase, salt)
        return made

    monkeypatch.setattr(FileKey, "derive", classmethod(counting))
    counts: list[int] = []
    with open_database(path, key) as database:

        def read() -> None:
            with database.unit_of_work() as uow:
                company = uow.company.load()
                counts.append(-1 if company is None else len(company.employees))

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert counts == [20, 20, 20, 20]
    assert derived == []


def test_the_open_file_is_protected_in_place_with_its_backups(tmp_path: Path) -> None:
    """Settings › Protect with a passphrase: the open file and its older plain backups are
    rewritten encrypted; the window's workspace goes on reading and writing it."""
    company, words = _secret_company()
    path = tmp_path / "atelier.entretien"
    folder = tmp_path / "backups"
    with open_workspace(path, company) as workspace:
        older = make_backup(workspace.database, folder, NOW)
        assert set(_plain_words(older, words)) == set(words)
        assert not is_protected(workspace)
        assert change_passphrase(workspace, PASSPHRASE, folder) == 1
        assert is_protected(workspace)
        assert passphrase_matches(workspace, PASSPHRASE)
        assert not passphrase_matches(workspace, "autre chose")
        assert len(workspace.read_company().employees) == 20  # type: ignore[union-attr]
        assert _plain_words(path, words) == []
        assert _plain_words(older, words) == []
        newer = make_backup(workspace.database, folder, NOW + timedelta(hours=1))
        assert [b.locked or b.damaged for b in list_backups(folder, workspace.database.key)] == [
            False,
            False,
        ]
        with pytest.raises(FileLockedError):  # still held by this process
            open_database(path, FileKey.of_file(path, PASSPHRASE))
        # Taking the protection away writes both back plain.
        assert change_passphrase(workspace, None, folder) == 2
        assert not is_protected(workspace)
        assert set(_plain_words(newer, words)) == set(words)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_short_passphrase_is_refused_and_the_file_stays_plain(tmp_path: Path) -> None:
    path = tmp_path / "atelier.entretien"
    with open_workspace(path, small_company()) as workspace:
        before = file_digest(path)
        with pytest.raises(PassphraseRefused) as refused:
            change_passphrase(workspace, "court")
        assert "at least 8 characters" in str(refused.value)
        assert not is_protected(workspace)
        assert file_digest(path) == before
    assert passphrase_problem("assez longue", "assez longue") is None
    assert "differ" in (passphrase_problem("assez longue", "assez longue!") or "")


def test_what_an_interrupted_change_of_passphrase_left_is_removed_at_open(
    protected: tuple[Path, list[str]],
) -> None:
    """A kill between the swap and the overwrite leaves the old (plain) file aside under a
    hidden name: the next open overwrites and removes it, and a half-written copy too."""
    path, words = protected
    plain = path.with_name(f".{path.name}.0123456789ab.old")
    plain.write_bytes(" ".join(words).encode())
    Path(f"{plain}-wal").write_bytes(words[0].encode())
    half = path.with_name(f".{path.name}.ba9876543210.converting")
    half.write_bytes(b"half")
    other = path.with_name(".another.entretien.0123456789ab.old")  # not this file's
    other.write_bytes(b"kept")
    with open_database(path, FileKey.of_file(path, PASSPHRASE)):
        pass
    assert not plain.exists() and not Path(f"{plain}-wal").exists() and not half.exists()
    assert other.read_bytes() == b"kept"
