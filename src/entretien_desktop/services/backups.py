"""Backups that restore: dated, checked copies of a data file in a folder of their own.

``make_backup`` writes one (storage/snapshots.py: SQLite's online backup into a temporary
name, ``PRAGMA integrity_check``, 0600, then its name), named
``<data file's stem>-YYYY-MM-DD-HHMMSS.entretien-backup`` after the local time given, so
that names sort by date. ``rotate`` keeps, for each data file's series in a folder, the
newest backup of each of the last 7 days, of each of the last 4 ISO weeks and of each of
the last 12 months (calendar windows counted back from now, the current one included), and
always the newest backup; it deletes the rest. ``list_backups`` says what each holds, a
damaged one as damaged. ``restore`` writes a backup into a new file only: the current data
file is never overwritten. The backup of an encrypted file is encrypted with the same key and
salt: the file's key reads it, and its passphrase opens it on any computer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _
from entretien_desktop.storage import (
    Database,
    NotADatabaseError,
    StorageError,
    open_database,
)
from entretien_desktop.storage.cipher import SALT_BYTES, FileKey, key_opens, looks_encrypted
from entretien_desktop.storage.copies import remove_stale_temporaries
from entretien_desktop.storage.errors import EncryptedFileError, WrongPassphraseError
from entretien_desktop.storage.snapshots import peek, restore_backup, verify_backup, write_backup

BackupKey = FileKey
"""The key of an encrypted data file and of its backups, as the interface holds it."""

BACKUP_SUFFIX = ".entretien-backup"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<when>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<n>\d+))?"
    + re.escape(BACKUP_SUFFIX)
    + "$"
)
_WHEN = "%Y-%m-%d-%H%M%S"


class RestoreRefused(UserError):
    """A restore that would overwrite a file, or from a backup that cannot be trusted."""


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup in a folder: its file, the data file's stem and when it was taken."""

    path: Path
    stem: str
    taken: datetime
    number: int = 0  # a second backup in the same second

    @property
    def key(self) -> tuple[datetime, int]:
        return self.taken, self.number


@dataclass(frozen=True, slots=True)
class BackupListing:
    """A backup as ``list_backups`` shows it; ``damaged``: it fails its integrity check
    (its name and counts are then ``None``); ``locked``: it is encrypted with a key not
    given (another passphrase), so that nothing of it can be read or checked."""

    backup: Backup
    size: int
    damaged: bool
    locked: bool = False
    company_name: str | None = None
    employees: int | None = None
    interviews: int | None = None
    last_change: str | None = None
    """When the backed-up file was last changed (UTC ISO 8601), if its journal says."""


def backup_name(data_file: Path, now: datetime, number: int = 0) -> str:
    extra = f"-{number}" if number else ""
    return f"{Path(data_file).stem}-{now:{_WHEN}}{extra}{BACKUP_SUFFIX}"


def read_backup_name(path: Path) -> Backup | None:
    """The backup a file's name describes, ``None`` when it is not a backup's name."""
    found = _NAME.match(path.name)
    if found is None:
        return None
    try:
        taken = datetime.strptime(found["when"], _WHEN)  # noqa: DTZ007 - local time, as named
    except ValueError:
        return None
    return Backup(path, found["stem"], taken, int(found["n"] or 0))


def backups_in(folder: Path) -> list[Backup]:
    """The backups in ``folder`` by their names, newest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [
        backup
        for path in folder.iterdir()
        if path.is_file() and (backup := read_backup_name(path)) is not None
    ]
    return sorted(found, key=lambda backup: backup.key, reverse=True)


def make_backup(
    source: Database | Path, folder: Path, now: datetime, key: FileKey | None = None
) -> Path:
    """Write a checked backup of ``source`` (an open ``Database`` or a data file's path)
    into ``folder`` (made if needed, 0700), named after ``now``; returns its path. A path
    of an encrypted file needs its ``key`` (a ``Database`` brings its own).

    Raises ``BackupNotVerifiedError`` (a ``StorageError``) when the copy fails its integrity
    check (nothing is kept), other ``StorageError``s when the source is not a data file of
    ours or the folder cannot be written.
    """
    data_file = source.path if isinstance(source, Database) else Path(source)
    folder = Path(folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        from entretien_desktop.storage import ReadOnlyFileError  # noqa: PLC0415

        raise ReadOnlyFileError(folder) from error
    number = 0
    while True:
        target = folder / backup_name(data_file, now.replace(tzinfo=None), number)
        if target.exists():
            number += 1
            continue
        try:
            write_backup(source, target, key)
        except FileExistsError:
            number += 1
            continue
        return target


AUTOMATIC_EVERY = timedelta(days=1)
"""How often the window backs up the file it has open (and on closing it)."""


def backup_due(data_file: Path, folder: Path, now: datetime) -> bool:
    """Whether ``data_file`` has no backup in ``folder`` taken in the last day."""
    stem = Path(data_file).stem
    newest = next((b for b in backups_in(folder) if b.stem == stem), None)
    return newest is None or now.replace(tzinfo=None) - newest.taken >= AUTOMATIC_EVERY


def automatic_backup(database: Database, folder: Path, now: datetime) -> tuple[Path, list[Path]]:
    """The backup the window makes (on closing, and daily while open): a checked backup,
    then the rotation of ``folder``; returns the backup and what the rotation removed."""
    made = make_backup(database, folder, now)
    return made, rotate(folder, now)


def to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """The backups of one series that the rotation keeps (see the module's text)."""
    if not backups:
        return set()
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    this_month = today.year * 12 + today.month - 1
    newest: dict[tuple[str, object], Backup] = {}

    def offer(period: tuple[str, object], backup: Backup) -> None:
        if period not in newest or backup.key > newest[period].key:
            newest[period] = backup

    kept = {max(backups, key=lambda backup: backup.key).path}
    for backup in backups:
        day = backup.taken.date()
        if day > today:  # taken "later" than now (the clock was moved): left alone
            kept.add(backup.path)
            continue
        if (today - day).days < KEEP_DAILY:
            offer(("day", day), backup)
        monday = day - timedelta(days=day.weekday())
        if (this_monday - monday).days // 7 < KEEP_WEEKLY:
            offer(("week", monday), backup)
        if this_month - (day.year * 12 + day.month - 1) < KEEP_MONTHLY:
            offer(("month", (day.year, day.month)), backup)
    return kept | {backup.path for backup in newest.values()}


def rotate(folder: Path, now: datetime) -> list[Path]:
    """Delete the backups in ``folder`` that the rotation does not keep, each data file's
    series apart; returns those deleted, newest first."""
    # What a backup killed half-way left: a temporary copy (storage/snapshots.py).
    remove_stale_temporaries(folder, f".*{BACKUP_SUFFIX}.*.tmp")
    series: dict[str, list[Backup]] = {}
    for backup in backups_in(folder):
        series.setdefault(backup.stem, []).append(backup)
    deleted: list[Backup] = []
    for backups in series.values():
        kept = to_keep(backups, now.replace(tzinfo=None))
        for backup in backups:
            if backup.path not in kept:
                backup.path.unlink(missing_ok=True)
                deleted.append(backup)
    return [backup.path for backup in sorted(deleted, key=lambda b: b.key, reverse=True)]


def key_for_backup(
    path: Path,
    key: FileKey | None,
    passphrase: str | None = None,
    known: Iterable[FileKey] = (),
) -> FileKey | None:
    """The key that reads the backup ``path``: none for a plain one; ``key`` (or one of
    the ``known`` keys) when made with the same salt; else the key of ``passphrase``, if
    it opens it. Raises ``EncryptedFileError`` for an encrypted backup that none reads."""
    if not looks_encrypted(path):
        return None  # plain, or damaged: its check will say so
    with path.open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    for candidate in (key, *known):
        if candidate is not None and candidate.salt == salt:
            return candidate
    derived = None if passphrase is None else passphrase_key(path, passphrase)
    if derived is None:
        raise EncryptedFileError(path)
    return derived


def list_backups(
    folder: Path, key: FileKey | None = None, passphrase: str | None = None
) -> list[BackupListing]:
    """Every backup in ``folder``, newest first, with what it holds; one that fails its
    integrity check (or cannot be read) is listed as damaged, an encrypted one that
    neither ``key`` (the open file's) nor ``passphrase`` reads as locked."""
    listed = []
    derived: dict[bytes, FileKey] = {}  # a passphrase's key, derived once per salt
    for backup in backups_in(folder):
        try:
            size = backup.path.stat().st_size
            backup_key = key_for_backup(backup.path, key, passphrase, derived.values())
            if backup_key is not None:
                derived[backup_key.salt] = backup_key
        except EncryptedFileError:
            listed.append(BackupListing(backup, size, damaged=False, locked=True))
            continue
        except OSError:
            continue  # removed meanwhile
        if not verify_backup(backup.path, backup_key):
            listed.append(BackupListing(backup, size, damaged=True))
            continue
        try:
            contents = peek(backup.path, backup_key)
        except StorageError:
            listed.append(BackupListing(backup, size, damaged=True))
            continue
        listed.append(
            BackupListing(
                backup,
                size,
                damaged=False,
                company_name=contents.company_name,
                employees=contents.employees,
                interviews=contents.interviews,
                last_change=contents.last_change,
            )
        )
    return listed


def passphrase_key(path: Path, passphrase: str) -> FileKey | None:
    """The key ``passphrase`` gives for the encrypted backup ``path``; ``None`` when it
    does not open it."""
    key = FileKey.of_file(path, passphrase)
    return key if key_opens(path, key) else None


def restore(backup: Path, new_path: Path, key: FileKey | None = None) -> Path:
    """Write the backup ``backup`` into the new data file ``new_path``, checked first, and
    open it once (an older backup is brought to this version's schema then, leaving the
    usual copy beside it). Returns ``new_path``.

    Refused (``RestoreRefused``, nothing written) when ``new_path`` or one of its journals
    exists (the current file is never overwritten), or when the backup is missing, damaged
    or not a data file of ours. An encrypted backup needs its ``key`` (``FileKey.of_file``
    of the backup and its passphrase): without it, or with a wrong one, the
    ``EncryptedFileError`` or ``WrongPassphraseError`` is raised as it is; the new file is
    encrypted the same way.
    """
    backup, new_path = Path(backup), Path(new_path)
    companions = [new_path, *(Path(f"{new_path}{end}") for end in ("-wal", "-shm", "-journal"))]
    taken = next((path for path in companions if path.exists() or path.is_symlink()), None)
    if taken is not None:
        raise RestoreRefused(
            _("{path} already exists: a backup is restored into a new file only.").format(
                path=taken
            )
        )
    if not backup.is_file():
        raise RestoreRefused(_("{path} does not exist").format(path=backup))
    try:
        restore_backup(backup, new_path, key)
    except (EncryptedFileError, WrongPassphraseError):
        raise
    except FileExistsError as error:  # taken meanwhile
        raise RestoreRefused(
            _("{path} already exists: a backup is restored into a new file only.").format(
                path=new_path
            )
        ) from error
    except NotADatabaseError as error:  # DamagedFileError among them
        raise RestoreRefused(
            _(
                "{path} is damaged or is not a backup of an Entretien Desktop data file: "
                "it cannot be restored. Choose another backup."
            ).format(path=backup)
        ) from error
    try:
        with open_database(new_path, key):
            pass
    except BaseException:
        for path in companions:
            path.unlink(missing_ok=True)
        raise
    return new_path
