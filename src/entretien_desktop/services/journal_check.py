"""The check of the journal of changes (domain/audit_trail.py) for whoever runs it.

Each entry's link covers the one before it, so only a reader of every entry can verify
the chain. In a file, and on a server for HR and the accountant, that is every reader; a
site manager on a server reads only the entries about their sites' employees and the
company's settings (docs/server.md, "Users and roles"): their check says so instead of
reporting the missing entries as a broken chain."""

from __future__ import annotations

from dataclasses import dataclass

from entretien_desktop.domain.audit_trail import AuditEntry, first_broken
from entretien_desktop.i18n import ngettext
from entretien_desktop.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class JournalCheck:
    entries: tuple[AuditEntry, ...]
    """The entries the user reads, first to last."""
    total: int
    """How many entries the whole journal holds."""
    partial: bool
    """The user reads only part of the journal: its links cannot be verified by them."""
    broken: int | None
    """The number of the first entry that does not follow from the one before it (never
    when ``partial``)."""


def check_journal(workspace: Workspace) -> JournalCheck:
    """The journal as the user reads it, and whether its chain holds."""
    with workspace.reading() as store:
        entries = tuple(store.journal())
        total = store.journal_length()
        partial = len(entries) < total and store.reads_part_of_journal()
    broken = None if partial else first_broken(entries)
    return JournalCheck(entries, total, partial, broken)


def partial_notice(check: JournalCheck) -> str:
    """What a user who reads only part of the journal is told instead of a verdict."""
    return ngettext(
        "You read {count} of the {total} entries of the journal of changes: those about "
        "your sites' employees and the company's settings. Each entry is linked to the one "
        "before it, so only a user who reads every entry (human resources, the "
        "accountant) can verify the whole journal.",
        "You read {count} of the {total} entries of the journal of changes: those about "
        "your sites' employees and the company's settings. Each entry is linked to the one "
        "before it, so only a user who reads every entry (human resources, the "
        "accountant) can verify the whole journal.",
        check.total,
    ).format(count=len(check.entries), total=check.total)
