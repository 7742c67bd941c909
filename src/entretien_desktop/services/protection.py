"""The passphrase of the open file: whether it has one, giving, changing or taking it away
(with the backups it can read, so that no plain copy of an encrypted file stays behind), and
checking a passphrase typed again (the idle lock).

The file is rewritten whole (storage/rekey.py); the window keeps working on the same open
``Database``, whose key changes. Typed work is flushed first, and running evaluations are
the caller's to let finish (the window's thread pool).
"""

from __future__ import annotations

from pathlib import Path

from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _
from entretien_desktop.services.backups import backups_in, key_for_backup
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage.cipher import FileKey
from entretien_desktop.storage.errors import EncryptedFileError
from entretien_desktop.storage.rekey import rewrite_backup

MINIMUM_LENGTH = 8
"""Characters a passphrase has at least: a passphrase is typed, a key is derived from it,
and only its length can be asked of it without advice the user would resent."""


class PassphraseRefused(UserError):
    """A new passphrase that is too short, or not typed the same twice."""


def passphrase_problem(passphrase: str, again: str) -> str | None:
    """Why the new ``passphrase`` (typed twice: ``again``) cannot be used, ``None`` when it
    can."""
    if len(passphrase) < MINIMUM_LENGTH:
        return _("A passphrase has at least {count} characters.").format(count=MINIMUM_LENGTH)
    if passphrase != again:
        return _("The two passphrases differ: type the same one twice.")
    if passphrase != passphrase.strip():
        return _("A passphrase does not begin or end with a space.")
    return None


def is_protected(workspace: Workspace) -> bool:
    """Whether the open file is encrypted with a passphrase."""
    return workspace.database.key is not None


def passphrase_matches(workspace: Workspace, passphrase: str) -> bool:
    """Whether ``passphrase`` is the open file's (``False`` for a file without one)."""
    key = workspace.database.key
    return key is not None and key.matches(passphrase)


def change_passphrase(
    workspace: Workspace, passphrase: str | None, backup_folder: Path | None = None
) -> int:
    """Protect the open file with ``passphrase`` (a new one, or the first), or take its
    protection away (``None``); the backups of the file in ``backup_folder`` that its
    current key reads are rewritten the same way. Returns how many backups were.

    Raises ``PassphraseRefused`` for a passphrase ``passphrase_problem`` refuses, a
    ``StorageError`` when the file cannot be rewritten (it is then as it was, still open).
    """
    problem = None if passphrase is None else passphrase_problem(passphrase, passphrase)
    if problem is not None:
        raise PassphraseRefused(problem)
    workspace.flush_drafts()
    database = workspace.database
    old = database.key
    new = None if passphrase is None else FileKey.new(passphrase)
    database.change_protection(new)
    if backup_folder is None:
        return 0
    rewritten = 0
    stem = database.path.stem
    for backup in backups_in(backup_folder):
        if backup.stem != stem:
            continue
        try:
            backup_key = key_for_backup(backup.path, old)
        except (EncryptedFileError, OSError):
            continue  # another passphrase's, or gone: left as it is
        if backup_key != old:
            continue
        rewrite_backup(backup.path, old, new)
        rewritten += 1
    return rewritten
