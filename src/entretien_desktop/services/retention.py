"""Retention of personal data and the purge of what is past it (GDPR art. 5.1.e;
docs/privacy.md).

An employee's records are kept for the employment, then the years the privacy notice tells
employees (``services/privacy.retention_years``: the same figure, so that the purge never
disagrees with what employees were told). Past that, ``purge_candidates`` lists them and
``purge`` deletes them for good: their record, leaves, interviews (signed ones too), their
attachments and issued reports, and what the journal of changes said about them; then the
file is rebuilt so that nothing stays in its free pages. A purge is not undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import Company, Employee
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.rules.calendar import add_years
from entretien_desktop.services.employee_checks import refusal
from entretien_desktop.services.privacy import retention_years
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage.purge import purge_employees, vacuum


@dataclass(frozen=True, slots=True)
class PurgeCandidate:
    """An employee whose records are past retention, and why."""

    ref: str
    name: str
    exit_date: date
    retention_end: date
    """The last day the records are kept: the exit day plus the retention years."""
    interviews: int
    signed: int


@dataclass(frozen=True, slots=True)
class PurgeDone:
    employees: int
    interviews: int
    journal_entries: int


def retention_end(exit_date: date, years: int) -> date:
    """The last day an employee's records are kept after they left on ``exit_date``."""
    return add_years(exit_date, years)


def past_retention(employee: Employee, years: int, today: date) -> date | None:
    """The end of the employee's retention when it is over on ``today`` (they left, and
    ``years`` years went by since), ``None`` otherwise."""
    if employee.exit_date is None or employee.exit_date > today:
        return None
    end = retention_end(employee.exit_date, years)
    return end if end < today else None


def purge_candidates(company: Company, today: date) -> list[PurgeCandidate]:
    """Every employee of ``company`` past retention on ``today``, the longest gone first."""
    years = retention_years(company.privacy)
    found = []
    for e in company.employees:
        end = past_retention(e, years, today)
        if end is not None:
            assert e.exit_date is not None
            signed = sum(1 for i in e.interviews if i.signed_on is not None)
            found.append(
                PurgeCandidate(e.ref, e.full_name, e.exit_date, end, len(e.interviews), signed)
            )
    return sorted(found, key=lambda c: (c.exit_date, c.ref))


def purge_action(count: int) -> str:
    """What the journal of changes says of a purge (no name: the people are gone)."""
    return ngettext(
        "records of {count} employee past retention deleted for good",
        "records of {count} employees past retention deleted for good",
        count,
    ).format(count=count)


def cleared_action() -> str:
    """What an entry of the journal about a purged employee says once cleared."""
    return _("(cleared: about an employee whose records were deleted after their retention)")


def purge(workspace: Workspace, refs: Sequence[str]) -> PurgeDone:
    """Delete for good the employees numbered ``refs``, each of them past retention today,
    through the gate (one transaction, one entry in the journal, no undo step; the undo
    history is cleared), then rebuild the file. Refused, with nothing deleted, when one of
    them is not past retention."""
    workspace.flush_drafts()
    wanted = list(dict.fromkeys(refs))
    if not wanted:
        return PurgeDone(0, 0, 0)
    with workspace.change() as change:
        company = workspace.require_company()
        allowed = {c.ref: c for c in purge_candidates(company, workspace.today())}
        for ref in wanted:
            if ref not in allowed:
                message = _("Employee {ref} is not past retention: nothing was deleted.")
                raise refusal(message.format(ref=ref))
        names = [allowed[ref].name for ref in wanted]
        done = purge_employees(change.uow.session, wanted, names, cleared_action())
        change.journal_action = purge_action(done.employees)
        workspace.forget_employees(wanted)
    vacuum(workspace.database)
    return PurgeDone(done.employees, done.interviews, done.journal_entries)
