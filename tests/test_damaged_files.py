"""Sixty-five kinds of damage to a data file: each is refused on the command line with the
message that the file is damaged (or not ours), never a traceback and never a word of its
content, and the file is left byte for byte as it was."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from entretien_desktop.cli import EXIT_FAILURE, main
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.storage import open_database
from entretien_desktop.storage.identity import APPLICATION_ID

PAGE = 4096
SECRET = "Une réponse très confidentielle"
DAMAGED = ("is damaged", "is not an Entretien Desktop data file")

Damage = Callable[[Path], None]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A demo company's file, one of whose interviews holds ``SECRET``, as bytes."""
    path = tmp_path_factory.mktemp("pristine") / "c.sqlite"
    with open_database(path) as database:
        import_company(database, build_demo_company(date(2026, 11, 22)))
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "UPDATE interview SET answers = json_object('career', ?) "
            "WHERE id = (SELECT min(id) FROM interview WHERE signed_on IS NULL)",
            (SECRET,),
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path.read_bytes()


def _bytes(change: Callable[[bytearray], bytearray]) -> Damage:
    def damage(path: Path) -> None:
        path.write_bytes(bytes(change(bytearray(path.read_bytes()))))

    return damage


def _truncate(fraction: float) -> Damage:
    return _bytes(lambda data: data[: max(1, int(len(data) * fraction))])


def _header(offset: int, value: int) -> Damage:
    def change(data: bytearray) -> bytearray:
        data[offset] = value
        return data

    return _bytes(change)


def _zero_page(number: int) -> Damage:
    def change(data: bytearray) -> bytearray:
        start = (number % (len(data) // PAGE)) * PAGE
        data[start : start + PAGE] = bytes(PAGE)
        return data

    return _bytes(change)


def _garbage(seed: int) -> Damage:
    """Random bytes over the header of a page that holds records: the structure SQLite
    reads. (Bytes changed inside a stored text cannot be seen: SQLite keeps no checksum.)"""

    def change(data: bytearray) -> bytearray:
        rng = random.Random(seed)
        pages = [n for n in range(1, len(data) // PAGE) if data[n * PAGE] in {0x05, 0x0D}]
        start = rng.choice(pages) * PAGE
        data[start : start + 40] = rng.randbytes(40)
        return data

    return _bytes(change)


def _sql(*statements: str, foreign_keys: bool = True) -> Damage:
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            connection.execute("PRAGMA writable_schema = OFF")
            for statement in statements:
                connection.execute(statement)
            connection.commit()
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    return damage


def _foreign(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("INSERT INTO alembic_version VALUES ('0005')")
    connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount REAL)")
    connection.commit()
    connection.close()


def _empty_database(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 3")  # a real, empty SQLite file
    connection.close()


KINDS: dict[str, Damage] = {
    **{f"truncated to {f:.1%}": _truncate(f) for f in (0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9)},
    "truncated by one byte": _bytes(lambda data: data[:-1]),
    "truncated to the header": _bytes(lambda data: data[:100]),
    "empty": _bytes(lambda _data: bytearray()),
    "magic string changed": _header(0, ord("X")),
    "magic string zeroed": _bytes(lambda data: bytearray(16) + data[16:]),
    **{
        f"header byte {offset} set to {value}": _header(offset, value)
        for offset, value in ((16, 3), (17, 1), (20, 8), (19, 9), (21, 1), (22, 10), (28, 255))
    },
    **{f"page {n} zeroed": _zero_page(n) for n in (0, 1, 2, 3, 4, 5, 7, 9, 11, 13, 17, 23)},
    **{f"garbage {seed}": _garbage(seed) for seed in range(12)},
    "another program's database with a version table": _foreign,
    "an empty SQLite database": _empty_database,
    "another application id": _sql("PRAGMA application_id = 1234"),
    "table dropped": _sql("DROP TABLE medical_visit"),
    "column dropped": _sql("ALTER TABLE employee DROP COLUMN site"),
    "table renamed": _sql("ALTER TABLE leave RENAME TO absence"),
    "trigger dropped": _sql("DROP TRIGGER signed_interview_unchanged"),
    "table added": _sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"),
    "index dropped": _sql("DROP INDEX ix_leave_employee_id"),
    "two version rows": _sql("INSERT INTO alembic_version VALUES ('0001')"),
    "version row deleted": _sql("DELETE FROM alembic_version"),
    "employee deleted under its interviews": _sql(
        "DELETE FROM employee WHERE id IN (SELECT employee_id FROM interview LIMIT 1)",
        foreign_keys=False,
    ),
    "a date that is not a date": _sql("UPDATE employee SET hire_date = 'yesterday'"),
    "an unknown kind of interview": _sql(
        "UPDATE interview SET kind = 'tea_party' WHERE signed_on IS NULL"
    ),
    "an unknown kind of leave": _sql("UPDATE leave SET kind = 'nap'"),
    "a manager who is nobody": _sql("UPDATE employee SET manager_id = 99999", foreign_keys=False),
    "a flag that is not a flag": _sql("UPDATE training SET mandatory = 7"),
    "answers that are not JSON": _sql(
        "DROP TRIGGER signed_interview_unchanged",
        f'UPDATE interview SET answers = \'{{"career": "{SECRET}\' ',
        "CREATE TRIGGER signed_interview_unchanged BEFORE UPDATE ON interview BEGIN SELECT 1; END",
    ),
    "settings that are not JSON": _sql("UPDATE company SET settings = '{broken'"),
    "a number that is not a number": _sql("UPDATE company SET headcount = 'many'"),
    "an unknown contract": _sql("UPDATE employee SET contract = 'forever'"),
    "stamped without a version": _sql(
        f"PRAGMA application_id = {APPLICATION_ID}", "DELETE FROM alembic_version"
    ),
}


def test_there_are_sixty_five_kinds() -> None:
    assert len(KINDS) == 65


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", ["check", "export"])
def test_damage_is_refused_with_the_message_and_the_file_is_untouched(
    tmp_path: Path,
    pristine: bytes,
    kind: str,
    command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(pristine)
    KINDS[kind](path)
    damaged = path.read_bytes()
    arguments = ["--out", str(tmp_path / "out.json")] if command == "export" else []
    assert main([command, "--db", str(path), *arguments]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert any(words in err for words in DAMAGED), err
    assert "Traceback" not in err and SECRET not in err
    assert path.read_bytes() == damaged
    assert not (tmp_path / "out.json").exists()
