"""The forfait-jours review (L3121-64, L3121-65; domain interpretation 18): a yearly
interview for an employee on a forfait jours, the first due 12 months after the forfait's
start, each next one 12 months after the review held; a risk note, never euros.

Expected dates are worked out by hand from docs/rules.md (2.9), not by the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
)
from entretien_desktop.i18n import set_language
from entretien_desktop.rules import ObligationKind, Status, evaluate_employee
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.forfait_jours import RISK
from entretien_desktop.rules.regimes import BASIS_FORFAIT_JOURS
from entretien_desktop.rules.wording import render
from entretien_desktop.services.employee_checks import employee_problems
from entretien_desktop.services.labels import legal_basis_label, obligation_name
from entretien_desktop.services.obligations import (
    amount_owed,
    amount_possible,
    at_risk,
    company_obligations,
    obligation_document,
)
from tests.rules_builders import AS_OF, company, d, employee, find, iv, leave, obligations

FORFAIT = "forfait_jours_review"
RISK_TEXT = (
    "Without this yearly review, the forfait-jours agreement may be held void and the employee "
    "may claim overtime."
)


def review(when: str, status: str = "held") -> Interview:
    return iv(when, FORFAIT, status)


def plain(text: str) -> str:
    """An explanation with its no-break spaces (a date is never split) as plain ones."""
    return text.replace("\u00a0", " ")


# On a forfait jours since 2 March 2026: the first review is due on 2 March 2027.
ON_FORFAIT = employee("2020-01-06", forfait_jours_since="2026-03-02", interviews=[iv("2025-06-02")])


@dataclass(frozen=True)
class Case:
    name: str
    who: Employee
    deadline: str
    status: str
    as_of: date = AS_OF
    firm: Company = field(default_factory=company)
    window: str | None = None
    by: str | None = None
    late: bool = False


CASES = [
    # --- the first review: 12 months after the forfait's start -----------------------------
    Case("first review, long before", ON_FORFAIT, "2027-03-02", "upcoming", window="2026-03-02"),
    Case("61 days before: upcoming", ON_FORFAIT, "2027-03-02", "upcoming", d("2026-12-31")),
    Case("60 days before: due soon", ON_FORFAIT, "2027-03-02", "due_soon", d("2027-01-01")),
    Case("the day before the deadline", ON_FORFAIT, "2027-03-02", "due_soon", d("2027-03-01")),
    Case("on the deadline: still due", ON_FORFAIT, "2027-03-02", "due_soon", d("2027-03-02")),
    Case("the day after: overdue", ON_FORFAIT, "2027-03-02", "overdue", d("2027-03-03")),
    Case(
        "31 January + 12 months",
        employee("2020-01-06", forfait_jours_since="2024-01-31"),
        "2025-01-31",
        "overdue",
    ),
    Case(
        "29 February + 12 months: 28 February",
        employee("2020-01-06", forfait_jours_since="2024-02-29"),
        "2025-02-28",
        "overdue",
    ),
    # --- held on time, on the day, late, on the forfait's first day --------------------------
    Case(
        "held before the deadline",
        replace(ON_FORFAIT, interviews=(review("2027-02-15"),)),
        "2027-03-02",
        "satisfied",
        d("2027-06-01"),
        by="forfait_jours_review-2027-02-15",
    ),
    Case(
        "the next one: 12 months after the review held",
        replace(ON_FORFAIT, interviews=(review("2027-02-15"),)),
        "2028-02-15",
        "upcoming",
        d("2027-06-01"),
        window="2027-02-15",
    ),
    Case(
        "held on the deadline: on time",
        replace(ON_FORFAIT, interviews=(review("2027-03-02"),)),
        "2027-03-02",
        "satisfied",
        d("2027-06-01"),
        by="forfait_jours_review-2027-03-02",
    ),
    Case(
        "held the day after: late",
        replace(ON_FORFAIT, interviews=(review("2027-03-03"),)),
        "2027-03-02",
        "satisfied",
        d("2027-06-01"),
        by="forfait_jours_review-2027-03-03",
        late=True,
    ),
    Case(
        "after a late review, 12 months from the review, not from the deadline",
        replace(ON_FORFAIT, interviews=(review("2027-03-03"),)),
        "2028-03-03",
        "upcoming",
        d("2027-06-01"),
        window="2027-03-03",
    ),
    Case(
        "a review on the forfait's first day reviews no year: it does not count",
        replace(ON_FORFAIT, interviews=(review("2026-03-02"),)),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
    ),
    Case(
        "nor does one the day before",
        replace(ON_FORFAIT, interviews=(review("2026-03-01"),)),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
    ),
    Case(
        "one the day after does",
        replace(ON_FORFAIT, interviews=(review("2026-03-03"),)),
        "2027-03-02",
        "satisfied",
        d("2027-03-03"),
        by="forfait_jours_review-2026-03-03",
    ),
    Case(
        "two reviews the same year close two years, the second opening the third",
        replace(ON_FORFAIT, interviews=(review("2026-09-01"), review("2027-01-15"))),
        "2028-01-15",
        "upcoming",
        d("2027-06-01"),
        window="2027-01-15",
    ),
    # --- what does not count -------------------------------------------------------------
    Case(
        "a career-path interview is not a forfait-jours review",
        replace(ON_FORFAIT, interviews=(iv("2026-10-05"),)),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
    ),
    Case(
        "an annual review is not one either",
        replace(ON_FORFAIT, interviews=(iv("2026-10-05", "annual_review"),)),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
    ),
    Case(
        "a review refused or only planned does not satisfy it",
        replace(
            ON_FORFAIT,
            interviews=(review("2026-10-05", "refused"), review("2027-04-01", "planned")),
        ),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
    ),
    # --- exit, leave, transfer -----------------------------------------------------------
    Case(
        "left before the deadline: not applicable",
        replace(ON_FORFAIT, exit_date=d("2027-02-26")),
        "2027-03-02",
        "not_applicable",
        d("2027-06-01"),
    ),
    Case(
        "left on the deadline: still owed",
        replace(ON_FORFAIT, exit_date=d("2027-03-02")),
        "2027-03-02",
        "overdue",
        d("2027-06-01"),
    ),
    Case(
        "a missed review before the exit stays overdue",
        replace(ON_FORFAIT, exit_date=d("2027-05-31")),
        "2027-03-02",
        "overdue",
        d("2027-06-01"),
    ),
    Case(
        "a leave does not move the deadline",
        replace(ON_FORFAIT, leaves=(leave("sabbatical", "2026-05-01", "2026-10-31"),)),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
    ),
    Case(
        "nor with the seniority suspension on",
        replace(ON_FORFAIT, leaves=(leave("sabbatical", "2026-05-01", "2026-10-31"),)),
        "2027-03-02",
        "overdue",
        d("2027-03-03"),
        firm=company(apply_seniority_suspension=True),
    ),
    Case(
        "a transferred contract: the review the previous employer held counts",
        employee(
            "2026-06-01",
            seniority_date="2021-04-06",
            forfait_jours_since="2025-09-01",
            interviews=[review("2026-03-16")],
        ),
        "2027-03-16",
        "upcoming",
        window="2026-03-16",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_forfait_jours_review(case: Case) -> None:
    found = obligations(case.who, case.as_of, case.firm)
    obligation = find(found, FORFAIT, case.deadline)
    assert obligation is not None, [(o.kind.value, o.deadline) for o in found]
    assert obligation.status.value == case.status
    if case.window is not None:
        assert obligation.window_start == d(case.window)
    if case.by is not None:
        assert obligation.satisfied_by == case.by
    assert obligation.late is case.late
    assert obligation.basis == BASIS_FORFAIT_JOURS
    assert obligation.amount_at_stake_eur == 0


def test_the_first_review_counts_from_the_forfait_and_says_so() -> None:
    (first,) = [o for o in obligations(ON_FORFAIT) if o.kind.value == FORFAIT]
    assert (first.window_start, first.deadline) == (d("2026-03-02"), d("2027-03-02"))
    assert plain(first.explanation) == (
        "Forfait-jours review due within 12 months of the start of the forfait jours "
        "(March 2, 2026). " + RISK_TEXT
    )


def test_the_next_review_counts_from_the_last_one_and_a_held_one_has_no_risk_note() -> None:
    person = replace(ON_FORFAIT, interviews=(review("2027-02-15"),))
    held, following = [o for o in obligations(person, d("2027-06-01")) if o.kind.value == FORFAIT]
    assert plain(held.explanation).endswith("Held on February 15, 2027.")
    assert RISK_TEXT not in held.explanation
    assert plain(following.explanation) == (
        "Next forfait-jours review due within 12 months of the last one (February 15, 2027). "
        + RISK_TEXT
    )


def test_after_the_exit_it_says_why_and_carries_no_risk() -> None:
    person = replace(ON_FORFAIT, exit_date=d("2027-02-26"))
    (gone,) = [o for o in obligations(person, d("2027-06-01")) if o.kind.value == FORFAIT]
    assert gone.status is Status.NOT_APPLICABLE
    assert "the employee left on February 26, 2027" in plain(gone.explanation)
    assert RISK_TEXT not in gone.explanation
    assert not at_risk(gone)


def test_the_chain_is_listed_after_the_age_interviews_and_before_the_policies() -> None:
    person = replace(ON_FORFAIT, birth_date=d("1967-06-30"))
    found = obligations(person, AS_OF, company(policies=(("annual_review", 12),)))
    kinds = list(dict.fromkeys(o.kind for o in found))
    assert kinds == [
        ObligationKind.PERIODIC,
        ObligationKind.SUMMARY_REVIEW,
        ObligationKind.END_OF_CAREER,
        ObligationKind.FORFAIT_JOURS_REVIEW,
        ObligationKind.ANNUAL_REVIEW,
    ]
    order = list(ObligationKind)
    assert order.index(ObligationKind.END_OF_CAREER) < order.index(
        ObligationKind.FORFAIT_JOURS_REVIEW
    )
    assert order.index(ObligationKind.FORFAIT_JOURS_REVIEW) < order.index(
        ObligationKind.ANNUAL_REVIEW
    )


def test_an_old_forfait_lists_nine_years_and_the_current_review() -> None:
    """A chain: the 9-year look-back, and its current obligation whatever its age."""
    held = [review(f"{year}-03-01") for year in range(2012, 2020)]
    person = employee("2010-01-04", forfait_jours_since="2011-03-01", interviews=held)
    found = [o for o in obligations(person) if o.kind.value == FORFAIT]
    assert found[-1].deadline == d("2020-03-01")
    assert found[-1].status is Status.OVERDUE
    assert all(o.deadline >= d("2017-11-22") for o in found)


def test_it_does_not_restart_the_career_path_clock() -> None:
    """The topics are not a career-path interview's: a forfait-jours review held neither
    satisfies the periodic interview nor restarts its clock."""
    person = employee(
        "2026-04-06", forfait_jours_since="2026-04-06", interviews=[review("2026-10-05")]
    )
    found = obligations(person, d("2027-04-07"))
    periodic = find(found, "periodic", "2027-04-06")
    assert periodic is not None and periodic.status is Status.OVERDUE


def test_no_forfait_no_review() -> None:
    person = replace(ON_FORFAIT, forfait_jours_since=None, interviews=(review("2026-10-05"),))
    assert not [o for o in obligations(person) if o.kind.value == FORFAIT]


def test_a_company_outside_france_owes_none() -> None:
    for country in ("NL", "NO", "BE"):
        found = obligations(ON_FORFAIT, AS_OF, company(country=country))
        assert not [o for o in found if o.kind.value == FORFAIT]


def test_nothing_before_the_hire_date_is_looked_at_for_a_future_hire() -> None:
    person = employee("2027-01-04", forfait_jours_since="2027-01-04")
    assert obligations(person) == []


def test_a_forfait_starting_before_seniority_is_refused_and_never_counted_from_there() -> None:
    person = employee("2020-01-06", forfait_jours_since="2019-12-02")
    firm = replace(company(), employees=(person,))
    problems = {p.field: p.message for p in employee_problems(person, firm, replacing="E1")}
    assert problems == {
        "forfait_jours_since": "The forfait jours cannot start before seniority starts."
    }
    # Should one come through, nothing is owed for the time before the seniority start.
    (first,) = [o for o in obligations(person, d("2020-06-01")) if o.kind.value == FORFAIT]
    assert (first.window_start, first.deadline) == (d("2020-01-06"), d("2021-01-06"))


def test_the_risk_is_a_note_never_euros() -> None:
    person = replace(ON_FORFAIT, exit_date=None)
    # A company of 12: no summary review's top-up is at stake beside it.
    firm = replace(company(headcount=12), employees=(person,))
    report = company_obligations(firm, d("2027-03-03"))
    (overdue,) = [o for o in report.obligations if o.kind.value == FORFAIT]
    assert at_risk(overdue)
    assert (amount_owed(overdue), amount_possible(overdue)) == (0, 0)
    document = obligation_document(overdue)
    assert document["kind"] == FORFAIT and document["amount_at_stake_eur"] == 0
    assert document["basis"] == "L3121-64, L3121-65 (law 2016-1088)"
    assert RISK_TEXT in document["explanation"]
    assert (report.owed_eur, report.possible_eur) == (0, 0)
    assert obligation_name(overdue) == "Forfait-jours review"
    assert legal_basis_label(overdue.basis) == "Art. L3121-64, L3121-65 Labour Code (law 2016-1088)"
    assert legal_basis_label(overdue.basis, full=True) == (
        "Art. L3121-64 and L3121-65 of the Labour Code, law no. 2016-1088 of 8 August 2016"
    )


def test_the_risk_note_reads_in_each_language() -> None:
    try:
        for language, words in (
            ("fr", "forfait"),
            ("nl", "forfait"),
            ("nb", "forfait"),
        ):
            set_language(language)
            text = render((RISK,))
            assert text != RISK_TEXT and words in text.lower()
            assert "€" not in text
    finally:
        set_language("en")


# ---------------------------------------------------------------- a property over any history

DAY = st.dates(min_value=date(2012, 1, 1), max_value=date(2034, 12, 31))


@st.composite
def forfait_employees(draw: st.DrawFn) -> Employee:
    hire = draw(DAY)
    since = draw(st.dates(min_value=hire, max_value=date(2035, 12, 31)))
    exit_date = draw(st.none() | st.dates(min_value=since, max_value=date(2036, 12, 31)))
    kinds = st.sampled_from([InterviewKind.FORFAIT_JOURS_REVIEW] * 4 + list(InterviewKind))
    interviews = tuple(
        Interview(
            f"I{n}",
            draw(kinds),
            draw(st.sampled_from([InterviewStatus.HELD] * 3 + list(InterviewStatus))),
            draw(st.dates(min_value=hire, max_value=date(2036, 12, 31))),
        )
        for n in range(draw(st.integers(0, 12)))
    )
    leaves = tuple(
        Leave(draw(st.sampled_from(LeaveKind)), start, start)
        for start in draw(
            st.lists(st.dates(min_value=hire, max_value=date(2036, 1, 1)), max_size=2)
        )
    )
    return Employee(
        ref="P1",
        first_name="Prop",
        last_name="Erty",
        hire_date=hire,
        contract=Contract.PERMANENT,
        exit_date=exit_date,
        forfait_jours_since=since,
        interviews=interviews,
        leaves=leaves,
    )


@settings(max_examples=300, deadline=None)
@given(forfait_employees(), DAY, st.booleans())
def test_every_review_falls_12_months_after_its_start_and_never_costs_euros(
    person: Employee, as_of: date, suspension: bool
) -> None:
    firm = company(apply_seniority_suspension=suspension)
    found = [
        o
        for o in evaluate_employee(firm, person, as_of)
        if o.kind is ObligationKind.FORFAIT_JOURS_REVIEW
    ]
    since = person.forfait_jours_since
    assert since is not None
    if person.hire_date > as_of:
        assert found == []
        return
    assert found, "an employee on a forfait jours always has a current review"
    assert found[-1].status is not Status.SATISFIED  # the chain ends on the current one
    reviews = {i.id: i for i in person.interviews}
    for previous, obligation in zip([None, *found], found, strict=False):
        assert obligation.deadline == add_months(obligation.window_start, 12)
        assert obligation.deadline >= add_months(since, 12)
        assert obligation.window_start >= since
        assert obligation.amount_at_stake_eur == 0
        assert obligation.basis == BASIS_FORFAIT_JOURS
        if previous is not None:
            # Each year starts on the review that closed the one before.
            assert previous.status is Status.SATISFIED
            assert obligation.window_start == previous.satisfied_on
        if obligation.status is Status.SATISFIED:
            interview = reviews[obligation.satisfied_by or ""]
            assert interview.kind is InterviewKind.FORFAIT_JOURS_REVIEW
            assert interview.status is InterviewStatus.HELD
            assert interview.date is not None and obligation.window_start < interview.date
        assert (RISK_TEXT in obligation.explanation) is at_risk(obligation)
    for earlier, later in pairwise(found):
        # Never more than 12 months between a review and the next deadline.
        assert later.deadline == add_months(earlier.satisfied_on or earlier.deadline, 12)
