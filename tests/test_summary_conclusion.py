"""The summary review says one thing: its period, criteria, amount and payment deadline come
from the rules engine, on the form and on paper, and a form that says otherwise is not
printed."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entretien_desktop.cli import main
from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Training,
)
from entretien_desktop.i18n import set_language
from entretien_desktop.services.interview_forms import prefilled_answers
from entretien_desktop.services.reports import find_interview, interview_report
from entretien_desktop.services.summary_reviews import (
    ReviewContradicted,
    quarter_after,
    summary_conclusion,
)
from entretien_desktop.services.templates import built_in_template
from tests.helpers import db_arg, open_workspace
from tests.test_reports import _flat, _pages, sample_company

SUMMARY = built_in_template(InterviewKind.SUMMARY_REVIEW)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 20), date(2026, 6, 30)),
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 4, 1), date(2026, 9, 30)),
        (date(2026, 9, 30), date(2026, 12, 31)),
        (date(2026, 10, 26), date(2027, 3, 31)),
        (date(2026, 12, 31), date(2027, 3, 31)),
    ],
    ids=str,
)
def test_the_top_up_is_paid_by_the_end_of_the_next_quarter(day: date, expected: date) -> None:
    assert quarter_after(day) == expected


@given(st.dates(min_value=date(2014, 1, 1), max_value=date(2060, 12, 31)))
def test_the_payment_deadline_ends_the_quarter_after(day: date) -> None:
    deadline = quarter_after(day)
    assert (deadline + timedelta(days=1)).day == 1  # a month's last day
    assert deadline.month in (3, 6, 9, 12)  # a quarter's
    assert 3 * 30 <= (deadline - day).days <= 6 * 31  # the next quarter, not this one


def _french_report(company: Company, interview_id: str) -> str:
    employee, interview = find_interview(company, interview_id)
    return _flat("".join(_pages(interview_report(company, employee, interview, "fr"))))


def test_a_review_that_owes_never_says_nothing_is_owed() -> None:
    text = _french_report(sample_company(), "S-2026-01")
    assert not re.search(r"(?<!\d)(?<!\d )0 €", text)  # no zero amount (3 000 € is fine)
    assert "pas d'abondement" not in text.lower() and "pas d’abondement" not in text.lower()
    assert "Aucun abondement" not in text
    assert "Abondement dû 3 000 €" in text
    assert "dernier jour du trimestre civil qui suit l’état des lieux : le 30 juin 2026" in text
    assert "majorée de 100 %" in text  # the penalty if unpaid
    assert "les DEUX conditions sont réunies" in text  # the cumulative test
    assert "art. L6315-1, L6323-13 et R6323-3 C. trav., loi n° 2018-771" in text
    # The form's sections say the same as the computed block: the outcome, the period.
    assert "Abondement correctif dû" in text
    assert "Période du 9 janv. 2017" in text or "Période du 9 janvier 2017" in text


def _with_answers(company: Company, interview_id: str, **answers: object) -> Company:
    employees = []
    for employee in company.employees:
        interviews = tuple(
            dataclasses.replace(i, answers={**(i.answers or {}), **answers})
            if i.id == interview_id
            else i
            for i in employee.interviews
        )
        employees.append(dataclasses.replace(employee, interviews=interviews))
    return dataclasses.replace(company, employees=tuple(employees))


def test_a_form_that_contradicts_the_rules_is_not_printed() -> None:
    company = _with_answers(
        sample_company(), "S-2026-01", outcome="no_top_up", period_end="2025-01-09"
    )
    employee, interview = find_interview(company, "S-2026-01")
    set_language("en")
    with pytest.raises(ReviewContradicted) as refused:
        interview_report(company, employee, interview, "en")
    message = refused.value.user_message.replace("\u00a0", " ")
    assert "“Corrective top-up”: the form says No top-up owed" in message
    assert "the rules find Corrective top-up owed" in message
    assert "“Period to”: the form says January 9, 2025, the rules find January 9, 2023" in message
    assert "empty them to take the computed values" in message


def test_the_command_line_refuses_a_contradicted_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path
    company = _with_answers(sample_company(), "S-2026-01", outcome="no_top_up")
    with open_workspace(folder / "c.sqlite", company, date(2026, 11, 22)):
        pass
    out = folder / "s.pdf"
    db = db_arg(folder / "c.sqlite")
    code = main(["report", "--db", db, "--interview", "S-2026-01", "--out", str(out)])
    assert code == 2
    assert not out.exists()
    assert "Corrective top-up" in capsys.readouterr().err


def _planned_review(headcount: int) -> tuple[Company, Employee, Interview]:
    """An employee with no interview since 2019 whose review is planned ahead."""
    interview = Interview(
        "S1", InterviewKind.SUMMARY_REVIEW, InterviewStatus.PLANNED, date(2027, 5, 3)
    )
    employee = Employee(
        ref="E1",
        first_name="Inès",
        last_name="Roux",
        hire_date=date(2019, 12, 4),
        contract=Contract.PERMANENT,
        trainings=(Training("CACES R489", date(2023, 2, 2), date(2023, 2, 4), 21, True, True),),
        interviews=(interview,),
    )
    company = Company(
        name="Atelier",
        country="FR",
        headcount=headcount,
        headcount_date=date(2026, 1, 1),
        employees=(employee,),
    )
    return company, employee, interview


def test_a_review_to_come_puts_the_top_up_at_stake_without_owing_it() -> None:
    company, employee, interview = _planned_review(80)
    found = summary_conclusion(company, employee, interview, date(2026, 12, 4))
    assert found is not None
    assert found.review.deadline == date(2027, 12, 4)  # 8 years: the 2025 law
    assert found.possible_eur == 3000 and found.owed_eur == 0  # never both
    set_language("en")
    answers = prefilled_answers(company, employee, interview, SUMMARY, date(2026, 12, 4))
    assert answers["period_start"] == "2019-12-04"
    assert answers["period_end"] == "2027-12-04"
    assert answers["outcome"] == "top_up_owed"
    text = answers["summary_criteria"].replace("\u00a0", " ")
    assert "December 4, 2019 to December 4, 2027 (8 years)" in text
    assert "at stake if nothing changes by December 4, 2027: €3,000 (not owed yet)" in text
    assert "law no. 2025-989 of 24 October 2025" in text
    # The certification the criteria count is the one the form lists.
    assert found.criteria.certification
    assert "CACES R489" in answers["certifications"]
    assert "certification through training" in answers["certifications"]


def test_a_small_company_owes_nothing_and_prints_no_amount() -> None:
    company, employee, interview = _planned_review(12)
    set_language("en")
    answers = prefilled_answers(company, employee, interview, SUMMARY, date(2026, 12, 4))
    assert answers["outcome"] == "no_top_up"
    assert "top_up_deadline" not in answers
    assert "fewer than 50 employees" in answers["summary_criteria"]
    assert "€" not in answers["summary_criteria"]


def test_the_french_basis_is_written_as_a_lawyer_writes_it() -> None:
    company, employee, interview = _planned_review(80)
    held = dataclasses.replace(interview, date=date(2026, 11, 20))
    employee = dataclasses.replace(employee, interviews=(held,))
    company = dataclasses.replace(company, employees=(employee,))
    text = _flat("".join(_pages(interview_report(company, employee, held, "fr"))))
    assert "art. L6315-1 C. trav., loi n° 2025-989 du 24 octobre 2025" in text
    assert "(law" not in text
