"""What a batch of documents holds, chosen in services: the interviews held in a year and
their file names, the invitations of a campaign and theirs (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from entretien_desktop.domain import (
    Campaign,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.services.report_batches import (
    campaign_invitations,
    held_interviews,
    safe_file_name,
    year_reports,
    years_held,
)
from tests.helpers import small_company

HELD, PLANNED = InterviewStatus.HELD, InterviewStatus.PLANNED
PROFESSIONAL, ANNUAL = InterviewKind.PROFESSIONAL, InterviewKind.ANNUAL_REVIEW


def company() -> Company:
    """Éloïse held three interviews in 2025 (two on one day, of two kinds), one in 2023;
    one was cancelled in 2025 and one is planned in 2026. Noé held one in 2025 and one
    the same day as another of his, of the same kind (a copy typed twice)."""
    base = small_company()
    eloise, noe = base.employees
    eloise = replace(
        eloise,
        interviews=(
            Interview("G1-1", PROFESSIONAL, HELD, date(2023, 2, 1)),
            Interview("G1-2", ANNUAL, HELD, date(2025, 3, 4)),
            Interview("G1-3", PROFESSIONAL, HELD, date(2025, 3, 4)),
            Interview("G1-4", ANNUAL, InterviewStatus.CANCELLED, date(2025, 9, 1)),
            Interview("G1-5", ANNUAL, PLANNED, date(2026, 12, 3)),
            Interview("G1-6", ANNUAL, HELD, None),  # held, its date not recorded
        ),
    )
    noe = replace(
        noe,
        interviews=(
            Interview("G2-1", PROFESSIONAL, HELD, date(2025, 6, 10)),
            Interview("G2-2", PROFESSIONAL, HELD, date(2025, 6, 10)),
        ),
    )
    return replace(base, employees=(eloise, noe))


def test_the_interviews_held_in_a_year_by_date_then_name() -> None:
    held = [(e.ref, i.id) for e, i in held_interviews(company(), 2025)]
    assert held == [("G1", "G1-2"), ("G1", "G1-3"), ("G2", "G2-1"), ("G2", "G2-2")]
    assert [i.id for _e, i in held_interviews(company(), 2023)] == ["G1-1"]
    assert held_interviews(company(), 2026) == []  # planned is not held


def test_the_years_with_interviews_held_latest_first() -> None:
    assert years_held(company()) == [(2025, 4), (2023, 1)]
    assert years_held(small_company()) == [(2023, 1)]


def test_each_report_of_a_year_has_a_file_name_of_its_own() -> None:
    stems = [(entry.interview.id, entry.stem) for entry in year_reports(company(), 2025)]
    assert stems == [
        ("G1-2", "Interview-Éloïse-Lefèvre-2025-03-04-Annual-review"),
        ("G1-3", "Interview-Éloïse-Lefèvre-2025-03-04-Professional-interview"),
        ("G2-1", "Interview-Noé-Garnier-2025-06-10-Professional-interview-G2-1"),
        ("G2-2", "Interview-Noé-Garnier-2025-06-10-Professional-interview-G2-2"),
    ]
    assert year_reports(company(), 2023)[0].stem == "Interview-Éloïse-Lefèvre-2023-02-01"


def test_the_invitations_of_a_campaign_go_to_members_planned_or_invited() -> None:
    campaign = Campaign("C1", "Workshop", PROFESSIONAL, date(2026, 11, 1), date(2026, 12, 31))
    people = [
        Employee(ref, first, "Martin", date(2020, 1, 6), Contract.PERMANENT, interviews=held)
        for ref, first, held in (
            ("A1", "Anaïs", (Interview("A1-1", PROFESSIONAL, PLANNED, None, campaign="C1"),)),
            ("A2", "Bruno", (Interview("A2-1", PROFESSIONAL, HELD, date(2026, 11, 5)),)),
            (
                "A3",
                "Anaïs",
                (
                    Interview(
                        "A3-1",
                        PROFESSIONAL,
                        InterviewStatus.INVITED,
                        None,
                        invited_on=date(2026, 11, 2),
                        campaign="C1",
                    ),
                ),
            ),
            ("A4", "Chloé", ()),
        )
    ]
    workshop = Company("Atelier", "FR", 4, employees=tuple(people), campaigns=(campaign,))
    entries, waiting = campaign_invitations(workshop, campaign, date(2026, 11, 20))
    # The two namesakes meet on the same day (today: no date yet): told apart by number.
    assert [(e.employee.ref, e.stem) for e in entries] == [
        ("A1", "Invitation-Anaïs-Martin-2026-11-20-A1"),
        ("A3", "Invitation-Anaïs-Martin-2026-11-20-A3"),
    ]
    assert waiting == 1  # Chloé has none; Bruno's (of its kind, in its period) was held


def test_a_file_name_every_file_system_takes() -> None:
    assert safe_file_name("Interview-Éloïse Lefèvre/2") == "Interview-Éloïse-Lefèvre2"
    assert safe_file_name('  a:b*c?"<>| d ') == "abc-d"
    assert safe_file_name("...") == "report"
