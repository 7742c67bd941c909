"""The engine against the oracle (tests/oracle): a second, plain reading of the domain brief,
on generated companies. Zero differences expected; on failure, each difference is printed
with the employee's facts, the as-of date, and what the engine and the oracle each found.

Reproducible: a fixed seed, and hypothesis derandomised (the same companies at every run);
more than 20,000 employees in a few seconds. bench/oracle.py runs many more from any seed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants

from entretien_desktop.domain import Company
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.employee_checks import company_problems, employee_problems
from tests.helpers import EXAMPLE_COMPANY, EXAMPLE_EXPECTED
from tests.oracle.compare import Tally, compare_company
from tests.oracle.evaluate import oracle_employee
from tests.oracle.generate import RandomSource, case, cases

SEED = 20261205
SEEDED_EMPLOYEES = 20_000


def _check(company: Company, as_of: date, tally: Tally) -> None:
    differences = compare_company(company, as_of, tally)
    assert not differences, (
        f"{len(differences)} employee(s) on whom the engine and the oracle disagree:\n"
        + "\n".join(difference.describe() for difference in differences)
    )


def test_the_engine_agrees_with_the_oracle_on_seeded_companies() -> None:
    """Companies of 1 to 40 people from a fixed seed: the bulk of the comparison."""
    tally = Tally()
    source = RandomSource(SEED)
    while tally.employees < SEEDED_EMPLOYEES:
        _check(*case(source, source.integer(1, 40)), tally)
    assert tally.obligations > 2 * tally.employees, tally


@pytest.fixture
def _draws_in_any_order(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hypothesis now and then draws a constant found in the program's modules loaded so
    far, which depend on the tests run before this one (their order is random): without
    those constants, derandomised draws are the same whatever ran before."""
    monkeypatch.setattr(providers, "_get_local_constants", Constants)
    providers.CONSTANTS_CACHE.cache.clear()
    yield
    providers.CONSTANTS_CACHE.cache.clear()


@pytest.mark.usefixtures("_draws_in_any_order")
def test_the_engine_agrees_with_the_oracle_on_companies_hypothesis_draws() -> None:
    """Small companies drawn by hypothesis (derandomised): fewer, but a difference found
    here is shrunk to a small example before it is printed."""
    tally = Tally()

    @settings(
        derandomize=True,
        database=None,
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(cases(most=4))
    def compare(drawn: tuple[Company, date]) -> None:
        _check(*drawn, tally)

    compare()
    assert tally.employees >= 500, tally


def test_the_generated_companies_are_ones_the_program_accepts() -> None:
    source = RandomSource(7)
    for _ in range(30):
        company, _as_of = case(source, 20)
        assert company_problems(company) == []
        for employee in company.employees:
            assert employee_problems(employee, company, employee.ref) == [], employee


def test_the_oracle_answers_the_shared_examples() -> None:
    """The rule cases given with the specification, read by the oracle alone."""
    document: dict[str, Any] = json.loads(EXAMPLE_EXPECTED.read_text(encoding="utf-8"))
    company = read_company_document(EXAMPLE_COMPANY.read_bytes())
    as_of = date.fromisoformat(document["as_of"])
    found = {
        employee.ref: oracle_employee(company, employee, as_of) for employee in company.employees
    }
    for expected in document["expect"]:
        matches = [
            o
            for o in found[expected["employee_ref"]]
            if o.kind == expected["kind"] and o.deadline.isoformat() == expected["deadline"]
        ]
        assert len(matches) == 1, expected
        assert matches[0].status == expected["status"], expected
        if "amount_at_stake_eur" in expected:
            assert matches[0].amount_at_stake_eur == expected["amount_at_stake_eur"], expected
    for absent in document["absent"]:
        statuses = {o.status for o in found[absent["employee_ref"]]}
        assert not statuses & set(absent["statuses"]), absent
