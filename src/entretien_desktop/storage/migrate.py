"""Schema versions: the revisions this version knows, and the upgrade of an older file.

The revision is Alembic's ``alembic_version`` row, read by ``identity.examine`` before
anything touches the file. Alembic itself is imported only when a file needs migrating: it
is a third of the application's start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

    from entretien_desktop.storage.cipher import FileKey

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

HEAD_REVISION = "0016"
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


def known_revisions_on_disk() -> frozenset[str]:
    """The revisions of ``migrations/versions``, read from the file names (no Alembic)."""
    return frozenset(
        path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")
    )


def upgrade(connection: Connection) -> None:
    """Bring the schema on ``connection`` to the newest revision, inside its transaction."""
    from alembic import command  # noqa: PLC0415

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def read_revision(path: Path, key: FileKey | None = None) -> str | None:
    """The revision row of the file at ``path`` (for tests and tools; opening a file uses
    ``identity.examine``, which checks much more)."""
    from entretien_desktop.storage.cipher import connect  # noqa: PLC0415

    connection = connect(path, key, read_only=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])
