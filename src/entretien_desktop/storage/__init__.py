"""Persistence: the SQLite file, its schema and migrations, the file lock, units of work.

This is the only package that knows SQL. Other layers open a file with ``open_database``
and work through ``Database.unit_of_work()`` and its repositories.
"""

from entretien_desktop.storage.building import restore_copy
from entretien_desktop.storage.database import Database, open_database, open_server
from entretien_desktop.storage.errors import (
    DamagedFileError,
    DiskFullError,
    FileLockedError,
    NewerFileError,
    NotADatabaseError,
    ReadOnlyFileError,
    SignedRecordError,
    StorageError,
    UpgradeFailedError,
)

__all__ = [
    "DamagedFileError",
    "Database",
    "DiskFullError",
    "FileLockedError",
    "NewerFileError",
    "NotADatabaseError",
    "ReadOnlyFileError",
    "SignedRecordError",
    "StorageError",
    "UpgradeFailedError",
    "open_database",
    "open_server",
    "restore_copy",
]
