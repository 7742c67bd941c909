"""The data file: safety pragmas, transactions, schema versions and refused files."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, event, text

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, Training
from entretien_desktop.services.company_file import import_company, load_company, read_company_file
from entretien_desktop.storage import (
    Database,
    DiskFullError,
    NewerFileError,
    NotADatabaseError,
    ReadOnlyFileError,
)
from entretien_desktop.storage.engine import create_engine_for
from entretien_desktop.storage.identity import APPLICATION_ID, HEAD_STRUCTURE, structure
from entretien_desktop.storage.lock import FileLock
from entretien_desktop.storage.migrate import (
    HEAD_REVISION,
    head_revision,
    known_revisions,
    known_revisions_on_disk,
    read_revision,
)
from entretien_desktop.storage.schema import Base
from tests.helpers import DATA, EXAMPLE_COMPANY, file_digest, open_data, small_company


@pytest.mark.file_only("SQLite's pragmas")
def test_connections_use_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    with open_data(tmp_path / "c.sqlite") as db, db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_the_head_revision_named_in_code_is_alembics() -> None:
    assert head_revision() == HEAD_REVISION


@pytest.mark.file_only("reads the file with sqlite3")
def test_a_new_file_gets_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_data(path).close()
    assert read_revision(path) == head_revision()


def test_migrations_build_exactly_the_mapped_schema(tmp_path: Path) -> None:
    with open_data(tmp_path / "c.sqlite") as db, db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_unit_of_work_rolls_back_unless_committed(tmp_path: Path) -> None:
    with open_data(tmp_path / "c.sqlite") as db:
        with db.unit_of_work() as uow:
            uow.company.add(small_company())
        assert load_company(db) is None
        with db.unit_of_work() as uow:
            uow.company.add(small_company())
            uow.commit()
        assert load_company(db) == small_company()


def test_a_failure_inside_a_unit_of_work_keeps_nothing(tmp_path: Path) -> None:
    with open_data(tmp_path / "c.sqlite") as db:
        with pytest.raises(RuntimeError), db.unit_of_work() as uow:
            uow.company.add(small_company())
            raise RuntimeError("power cut")
        assert load_company(db) is None


def test_the_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with open_data(path) as db:
        import_company(db, small_company())
    with open_data(path) as db:
        assert load_company(db) == small_company()


def test_typed_values_come_back_as_written_whatever_their_mix(tmp_path: Path) -> None:
    """Whole and decimal hours side by side, days, flags, non-ASCII answers and absent
    documents: each back end stores its own form and gives the same values back (a
    server's column arrays hold one type: 14 beside 7.5 must still go in)."""
    company = small_company()
    first = company.employees[0]
    trainings = (
        Training("Sécurité", date(2024, 3, 4), date(2024, 3, 5), 14, mandatory=True),
        Training("Élagage", date(2024, 6, 1), None, 7.5, certification=True),
    )
    interview = Interview(
        "I-typed",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date=date(2024, 5, 2),
        answers={"souhaits": "Former à l’élagage — «\u00a0oui\u00a0»"},
    )
    changed = replace(first, trainings=trainings, interviews=(interview,))
    expected = replace(company, employees=(changed, *company.employees[1:]))
    path = tmp_path / "typed.sqlite"
    with open_data(path) as db:
        import_company(db, expected)
    with open_data(path) as db:
        loaded = load_company(db)
    assert loaded == expected
    hours = [t.hours for t in loaded.employees[0].trainings]
    assert hours == [14, 7.5] and isinstance(hours[0], int)


@pytest.mark.file_only("a file of an old schema")
def test_a_file_kept_from_schema_0001_opens_with_everything_in_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "schema-0001.sqlite", path)
    assert read_revision(path) == "0001"
    with open_data(path) as db:
        assert load_company(db) == read_company_file(EXAMPLE_COMPANY)
    assert read_revision(path) == head_revision()


@pytest.mark.file_only("a file stamped by a newer version")
def test_a_file_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    shutil.copyfile(DATA / "schema-0001.sqlite", path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = file_digest(path)
    with pytest.raises(NewerFileError) as refused:
        open_data(path)
    assert "newer version" in str(refused.value)
    assert "9999_from_the_future" in str(refused.value)
    assert file_digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 this is a zip file, not a database" * 40, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["a zip file", "a damaged header"],
)
@pytest.mark.file_only("other files than ours")
def test_a_file_that_is_not_a_data_file_is_refused_and_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "other.sqlite"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError) as refused:
        open_data(path)
    assert str(path) in str(refused.value)
    assert path.read_bytes() == content


@pytest.mark.file_only("another program's SQLite file")
def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "accounts.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    connection.close()
    before = file_digest(path)
    with pytest.raises(NotADatabaseError):
        open_data(path)
    assert file_digest(path) == before


@pytest.mark.skipif(
    hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0,
    reason="root writes through read-only permissions",
)
def test_a_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReadOnlyFileError) as refused:
            open_data(folder / "c.sqlite")
        assert "read-only" in str(refused.value)
    finally:
        folder.chmod(0o700)


def _database_on(path: Path, url: str) -> Database:
    """A ``Database`` whose engine uses ``url``, to put SQLite in a constrained state."""
    lock = FileLock(path)
    lock.acquire()
    return Database(path, lock, create_engine_for(url))


@pytest.mark.file_only("a read-only file")
def test_writing_to_a_read_only_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_data(path).close()
    before = file_digest(path)
    read_only = f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true"
    with (
        _database_on(path, read_only) as db,
        pytest.raises(ReadOnlyFileError) as refused,
        db.unit_of_work() as uow,
    ):
        uow.company.add(small_company())
        uow.commit()
    assert "read-only" in str(refused.value)
    assert file_digest(path) == before


@pytest.mark.file_only("a full disk under the file")
def test_a_full_disk_says_nothing_was_saved(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_data(path).close()
    with _database_on(path, f"sqlite+pysqlite:///{path}") as db:
        with db.engine.connect() as connection:
            pages = connection.execute(text("PRAGMA page_count")).scalar()
        limit = f"PRAGMA max_page_count = {pages}"
        event.listen(db.engine, "connect", lambda dbapi, _record: dbapi.execute(limit))
        db.engine.dispose()
        big = replace(small_company(), name="x" * 200_000)
        with pytest.raises(DiskFullError) as refused, db.unit_of_work() as uow:
            uow.company.add(big)
            uow.commit()
        assert "full" in str(refused.value)
        assert load_company(db) is None


@pytest.mark.file_only("the file's structure check")
def test_the_structure_checked_on_open_is_what_the_migrations_build(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_data(path).close()
    connection = sqlite3.connect(path)
    try:
        built = structure(connection)
    finally:
        connection.close()
    assert built == HEAD_STRUCTURE, f"put this in storage/head_schema.py: {built!r}"


def test_the_revisions_read_from_the_file_names_are_alembics() -> None:
    assert known_revisions_on_disk() == known_revisions()


@pytest.mark.file_only("a new file's creation")
def test_a_new_file_is_stamped_as_ours_and_built_whole_before_it_has_its_name(
    tmp_path: Path,
) -> None:
    seen: list[bool] = []

    def name_taken(*_args: object) -> None:
        seen.append((tmp_path / "c.sqlite").exists())

    event.listen(Engine, "before_cursor_execute", name_taken)
    try:
        open_data(tmp_path / "c.sqlite").close()
    finally:
        event.remove(Engine, "before_cursor_execute", name_taken)
    assert seen and not any(seen), "the file had its name before it was whole"
    connection = sqlite3.connect(tmp_path / "c.sqlite")
    try:
        assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    finally:
        connection.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.sqlite", "c.sqlite.lock"]


@pytest.mark.file_only("SQLite's journal")
@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="kills a forked writer")
def test_a_writer_killed_in_the_middle_of_its_commit_is_rolled_back_on_open(
    tmp_path: Path,
) -> None:
    import os  # noqa: PLC0415

    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "schema-0001.sqlite", path)  # a rollback-journal file
    before = path.read_bytes()
    pid = os.fork()
    if pid == 0:  # a writer whose pages reach the file before the commit, then dies
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA cache_size = 1")
        connection.execute("BEGIN")
        connection.execute("CREATE TABLE filler (x)")
        connection.execute(
            "INSERT INTO filler SELECT randomblob(900) FROM "
            "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
            "SELECT i FROM n)"
        )
        connection.execute("UPDATE employee SET first_name = 'half written'")
        os._exit(0)
    os.waitpid(pid, 0)
    assert path.with_name("old.sqlite-journal").stat().st_size > 0
    assert path.read_bytes() != before, "the writer did not spill into the file"
    with open_data(path) as db:
        assert load_company(db) == read_company_file(EXAMPLE_COMPANY)
