"""A damaged file caught and recovered: the full check of a file, and the latest good backup
offered when a file is refused.

``check_open_file`` and ``check_file`` run the full check (storage/checks.py:
``PRAGMA integrity_check`` and ``foreign_key_check``) of the open file or of a file by its
path; opening a file runs only the cheap ``quick_check``. ``latest_good_backup`` is the
newest backup of a data file's name, in the folder of the automatic backups, that passes
its check; ``restore_beside`` restores it into a new file next to the refused one, which
is never overwritten nor moved. ``refusal_text`` is what the command line says of a file
refused as damaged or not ours: the latest good backup and the command that restores it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from entretien_desktop.i18n import _, format_date, ngettext
from entretien_desktop.services.backups import BackupListing, backups_in, key_for_backup, restore
from entretien_desktop.storage import (
    DamagedFileError,
    Database,
    NotADatabaseError,
    StorageError,
    restore_copy,
)
from entretien_desktop.storage.checks import FileCheck, check_database, check_path
from entretien_desktop.storage.cipher import FileKey
from entretien_desktop.storage.errors import EncryptedFileError
from entretien_desktop.storage.snapshots import peek, verify_backup

RESTORED_SUFFIX = ".entretien"


def check_open_file(database: Database) -> FileCheck:
    """The full check of the open file (slow on a large file: run it off the interface
    thread)."""
    return check_database(database)


def check_file(path: Path, key: FileKey | None = None) -> FileCheck:
    """The full check of the data file at ``path``, read-only and without its lock.
    Raises ``NotADatabaseError`` (not ``DamagedFileError``) for a file that is not ours."""
    return check_path(path, key)


def is_damage(error: BaseException) -> bool:
    """Whether ``error`` says a file of ours is damaged (rather than not ours at all)."""
    return isinstance(error, DamagedFileError)


def is_refusal(error: BaseException) -> bool:
    """Whether ``error`` refused a file as damaged or as not a data file of ours (a file
    that may be encrypted is neither: its passphrase is asked for)."""
    return isinstance(error, NotADatabaseError) and not isinstance(error, EncryptedFileError)


def pre_upgrade_copy(error: BaseException) -> Path | None:
    """The good copy beside a damaged file that the refusal names, if any."""
    return error.backup if isinstance(error, DamagedFileError) else None


def put_copy_in_place(data_file: Path, copy: Path, key: FileKey | None = None) -> None:
    """Put the good ``copy`` in the damaged ``data_file``'s place; the damaged file is kept
    beside it under another name (storage's ``restore_copy``). An encrypted file's copy is
    read with its ``key``."""
    restore_copy(data_file, copy, key)


def key_of(error: BaseException) -> FileKey | None:
    """The key that opened an encrypted file refused as damaged (``None`` for a plain
    file): its copies and backups are encrypted with it."""
    key = getattr(error, "key", None)
    return key if isinstance(key, FileKey) else None


def latest_good_backup(
    data_file: Path, folder: Path, key: FileKey | None = None
) -> BackupListing | None:
    """The newest backup of ``data_file``'s name in ``folder`` that passes its integrity
    check and holds a data file of ours; ``None`` when there is none. An encrypted backup
    is read with ``key`` (the file's); one it cannot read is passed over."""
    stem = Path(data_file).stem
    for backup in backups_in(folder):
        if backup.stem != stem:
            continue
        try:
            backup_key = key_for_backup(backup.path, key)
        except (EncryptedFileError, OSError):
            continue
        if not verify_backup(backup.path, backup_key):
            continue
        try:
            contents = peek(backup.path, backup_key)
            size = backup.path.stat().st_size
        except (StorageError, OSError):
            continue
        return BackupListing(
            backup,
            size,
            damaged=False,
            company_name=contents.company_name,
            employees=contents.employees,
            interviews=contents.interviews,
            last_change=contents.last_change,
        )
    return None


def taken_text(taken: datetime) -> str:
    """When a backup was taken, as the user reads it: the date and the time."""
    return f"{format_date(taken.date())} {taken:%H:%M}"


def holding_text(listing: BackupListing) -> str:
    """What a backup holds, in a few words: its company and employees."""
    employees = listing.employees or 0
    count = ngettext("{count} employee", "{count} employees", employees).format(count=employees)
    return f"{listing.company_name or _('(no company)')}, {count}"


def restored_path(data_file: Path, listing: BackupListing) -> Path:
    """A new file's name next to ``data_file`` for the backup restored: "<name> (restored
    <date>)", numbered if taken (the file or one of its journals)."""
    data_file = Path(data_file)
    day = listing.backup.taken.date().isoformat()
    base = _("{name} (restored {date})").format(name=data_file.stem, date=day)
    number = 1
    while True:
        name = base if number == 1 else f"{base} {number}"
        candidate = data_file.with_name(name + RESTORED_SUFFIX)
        journals = (Path(f"{candidate}{end}") for end in ("", "-wal", "-shm", "-journal"))
        if not any(path.exists() or path.is_symlink() for path in journals):
            return candidate
        number += 1


def restore_beside(data_file: Path, listing: BackupListing, key: FileKey | None = None) -> Path:
    """Restore the backup into a new file next to ``data_file`` (never over it); returns
    the new file. An encrypted backup is read with ``key`` (the file's), and the new file
    is encrypted the same way. Raises ``RestoreRefused`` or a ``StorageError``."""
    backup_key = key_for_backup(listing.backup.path, key)
    return restore(listing.backup.path, restored_path(data_file, listing), backup_key)


def refusal_text(data_file: Path, error: BaseException, folder: Path) -> str:
    """What the command line adds to the refusal of ``data_file``: the latest good backup
    in ``folder`` and the command that restores it into a new file, or that there is none.
    Empty for an error that is no refusal."""
    if not is_refusal(error):
        return ""
    listing = latest_good_backup(data_file, folder)
    if listing is None:
        if not is_damage(error):
            return ""
        return _("No good backup of it was found in {folder}.").format(folder=folder)
    target = restored_path(data_file, listing)
    if is_damage(error):
        found = _("The latest good backup of it, taken on {taken}, holds {held}: {backup}")
    else:
        found = _(
            "A checked backup of a data file of this name, taken on {taken}, holds {held}: {backup}"
        )
    command = f'entretien-desktop restore --from "{listing.backup.path}" --to "{target}"'
    return "\n".join(
        (
            found.format(
                taken=taken_text(listing.backup.taken),
                held=holding_text(listing),
                backup=listing.backup.path,
            ),
            _("To restore it into a new file (the refused file stays as it is):"),
            f"  {command}",
        )
    )


__all__ = [
    "FileCheck",
    "check_file",
    "check_open_file",
    "holding_text",
    "is_damage",
    "is_refusal",
    "key_of",
    "latest_good_backup",
    "pre_upgrade_copy",
    "put_copy_in_place",
    "refusal_text",
    "restore_beside",
    "restored_path",
    "taken_text",
]
