"""The journal of changes: who changed what, when, and about which employees.

Every change made through the gate (services/workspace.py) appends an entry. Each entry's
``link`` is the SHA-256 of the previous entry's link followed by the entry's canonical text,
so that an entry edited, removed or moved in the file breaks every link after it
(``first_broken``), as in the chain of signed records (domain/record_chain.py).

Pure functions. The text hashed here is a file format: it never changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from entretien_desktop.domain.record_chain import GENESIS, sha256_hex


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    """When, in UTC (ISO 8601, to the second)."""
    user: str
    """The operating system's user who made the change."""
    name: str
    """The name the person gave the program, when they gave one."""
    action: str
    """What was done, as the program described it to the person."""
    employees: tuple[str, ...]
    """The numbers of the employees the change was about (none for company settings)."""
    previous: str
    link: str


def link_of(
    previous: str,
    seq: int,
    *,
    at: str,
    user: str,
    name: str,
    action: str,
    employees: tuple[str, ...],
) -> str:
    entry = {
        "seq": seq,
        "at": at,
        "user": user,
        "name": name,
        "action": action,
        "employees": list(employees),
    }
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sha256_hex(previous.encode("ascii") + text.encode("utf-8"))


def next_entry(
    last: AuditEntry | None,
    *,
    at: str,
    user: str,
    name: str,
    action: str,
    employees: tuple[str, ...],
) -> AuditEntry:
    """The entry that follows ``last`` (the first one when ``last`` is ``None``)."""
    seq = 1 if last is None else last.seq + 1
    previous = GENESIS if last is None else last.link
    link = link_of(previous, seq, at=at, user=user, name=name, action=action, employees=employees)
    return AuditEntry(seq, at, user, name, action, employees, previous, link)


def first_broken(entries: Iterable[AuditEntry]) -> int | None:
    """The number of the first entry that does not follow from the one before it, ``None``
    when the journal holds."""
    previous, expected = GENESIS, 1
    for e in entries:
        if (
            e.seq != expected
            or e.previous != previous
            or e.link
            != link_of(
                previous,
                e.seq,
                at=e.at,
                user=e.user,
                name=e.name,
                action=e.action,
                employees=e.employees,
            )
        ):
            return e.seq
        previous, expected = e.link, e.seq + 1
    return None


def cleared(
    entries: Iterable[AuditEntry],
    refs: Iterable[str],
    names: Iterable[str],
    action: str,
) -> list[AuditEntry]:
    """The journal once the employees numbered ``refs`` were deleted for good (their
    retention over): every entry about one of them, or whose text names one of them
    (``names``), says ``action`` instead of what it said and no longer lists them, and
    every entry from the first one cleared is linked again, so that the journal still
    holds. An entry that neither lists nor names them is kept as it was."""
    gone = set(refs)
    named = [n for n in names if n.strip()]
    result: list[AuditEntry] = []
    previous, relinking = GENESIS, False
    for e in entries:
        about = gone.intersection(e.employees) or any(n in e.action for n in named)
        if about or relinking:
            relinking = True
            text = action if about else e.action
            employees = tuple(r for r in e.employees if r not in gone)
            link = link_of(
                previous,
                e.seq,
                at=e.at,
                user=e.user,
                name=e.name,
                action=text,
                employees=employees,
            )
            e = AuditEntry(e.seq, e.at, e.user, e.name, text, employees, previous, link)  # noqa: PLW2901
        result.append(e)
        previous = e.link
    return result
