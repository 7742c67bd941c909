"""Schema versions: read a file's revision, refuse a newer one, upgrade an older one.

The revision is Alembic's ``alembic_version`` row. It is read through a read-only SQLite
connection before anything else touches the file, so that a file from a newer version, or
one that is not a database at all, is refused without a single byte written. Alembic itself
is imported only when a file needs migrating: it is a third of the application's start-up.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from entretien_desktop.storage.errors import NewerFileError, NotADatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

HEAD_REVISION = "0007"
"""The newest revision in ``migrations/versions``; a test checks that Alembic agrees."""


def alembic_config() -> Config:
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def read_revision(path: Path) -> str | None:
    """The schema revision of an existing file, ``None`` for a file with no schema yet.

    Raises ``NotADatabaseError`` for anything SQLite cannot read.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise NotADatabaseError(path) from error
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise NotADatabaseError(path)
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.DatabaseError as error:
        raise NotADatabaseError(path) from error
    finally:
        connection.close()


def refuse_if_newer(path: Path) -> str | None:
    """The file's revision, after refusing one this version does not know."""
    revision = read_revision(path)
    if revision not in {None, HEAD_REVISION} and revision not in known_revisions():
        raise NewerFileError(path, str(revision))
    return revision


def upgrade(connection: Connection) -> None:
    """Bring the schema on ``connection`` to the newest revision, inside its transaction."""
    from alembic import command  # noqa: PLC0415

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
