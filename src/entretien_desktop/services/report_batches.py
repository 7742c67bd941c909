"""What a batch of documents holds, and the names of its files: the reports of the
interviews held in a year, and the invitations of a campaign's members whose interview is
planned or invited. The interface only writes what these functions choose
(``ui/batch_reports.py``).

File names are made to be taken by every file system (``safe_file_name``) and to be unique
within a batch: the employee and the date, then what tells two apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import Campaign, Company, Employee, Interview, InterviewStatus
from entretien_desktop.i18n import _
from entretien_desktop.services.campaigns import board
from entretien_desktop.services.interview_life import OPEN_STATUSES
from entretien_desktop.services.labels import interview_kind_label

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True, slots=True)
class BatchEntry:
    """One person's document in a batch, and the name its files take (without suffix)."""

    employee: Employee
    interview: Interview
    stem: str


def safe_file_name(text: str) -> str:
    """``Interview-Éloïse Lefèvre/2`` -> ``Interview-Éloïse-Lefèvre2``: a name every file
    system takes, accents kept, spaces as hyphens."""
    cleaned = _UNSAFE.sub("", text).strip()
    return re.sub(r"\s+", "-", cleaned).strip(".-") or "report"


def interview_file_stem(employee: Employee, interview: Interview, today: date) -> str:
    """``Interview-Éloïse-Lefèvre-2025-03-04``: the employee and the interview's day (else
    ``today``)."""
    day = interview.date or today
    return safe_file_name(
        _("Interview-{name}-{date}").format(name=employee.full_name, date=day.isoformat())
    )


def invitation_file_stem(employee: Employee, interview: Interview, today: date) -> str:
    """``Invitation-Éloïse-Lefèvre-2026-12-03``: the employee and the interview's day (else
    ``today``)."""
    day = interview.date or today
    return safe_file_name(
        _("Invitation-{name}-{date}").format(name=employee.full_name, date=day.isoformat())
    )


def held_interviews(company: Company, year: int) -> list[tuple[Employee, Interview]]:
    """The interviews held in ``year`` (signed or not), by date, then name, then id."""
    found = [
        (employee, interview)
        for employee in company.employees
        for interview in employee.interviews
        if interview.status is InterviewStatus.HELD
        and interview.date is not None
        and interview.date.year == year
    ]
    return sorted(found, key=lambda pair: (pair[1].date, pair[0].full_name, pair[1].id))


def years_held(company: Company) -> list[tuple[int, int]]:
    """(year, number of interviews held that year), the latest year first."""
    counts = Counter(
        interview.date.year
        for employee in company.employees
        for interview in employee.interviews
        if interview.status is InterviewStatus.HELD and interview.date is not None
    )
    return sorted(counts.items(), reverse=True)


def year_reports(company: Company, year: int) -> list[BatchEntry]:
    """The report of every interview held in ``year``, each with a file name of its own:
    the employee and the date, then the kind when one person had two interviews that day,
    then the interview's id."""
    pairs = held_interviews(company, year)
    # Every interview held in ``year`` has its date: the fallback day is never used.
    stems = [interview_file_stem(e, i, date(year, 1, 1)) for e, i in pairs]
    stems = _told_apart(stems, [interview_kind_label(i.kind) for _e, i in pairs])
    stems = _told_apart(stems, [i.id for _e, i in pairs])
    return [BatchEntry(e, i, stem) for stem, (e, i) in zip(stems, pairs, strict=True)]


def campaign_invitations(
    company: Company, campaign: Campaign, today: date
) -> tuple[list[BatchEntry], int]:
    """The invitation of each member of ``campaign`` whose campaign interview is planned or
    invited, by name; and how many members have no interview yet. The files are named by
    employee and interview date (``today`` for an interview without one), then employee
    number when two namesakes meet the same day."""
    rows = board(company, campaign)
    waiting = sum(1 for row in rows if row.interview is None)
    pairs = sorted(
        (
            (row.employee, row.interview)
            for row in rows
            if row.interview is not None and row.interview.status in OPEN_STATUSES
        ),
        key=lambda pair: (pair[0].full_name, pair[0].ref),
    )
    stems = [invitation_file_stem(e, i, today) for e, i in pairs]
    stems = _told_apart(stems, [e.ref for e, _i in pairs])
    entries = [BatchEntry(e, i, stem) for stem, (e, i) in zip(stems, pairs, strict=True)]
    return entries, waiting


def _told_apart(stems: list[str], extras: list[str]) -> list[str]:
    """Each stem that is not unique gets its ``extra`` after a hyphen."""
    repeated = Counter(stems)
    return [
        safe_file_name(f"{stem}-{extra}") if repeated[stem] > 1 else stem
        for stem, extra in zip(stems, extras, strict=True)
    ]
