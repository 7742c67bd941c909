"""Forms start from the history, refuse what is missing, and live through their stages;
training requests feed the history; campaign boards follow the interviews."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from entretien_desktop.domain import (
    Campaign,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    Training,
)
from entretien_desktop.services import campaigns, interview_life
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.interview_forms import (
    action_plan,
    missing_required,
    prefilled_answers,
    previous_interview,
    template_for,
)
from entretien_desktop.services.templates import built_in_template
from entretien_desktop.services.training_requests import (
    RequestStatus,
    decide,
    training_requests,
)
from tests.helpers import open_review_text, open_workspace

TODAY = date(2026, 11, 23)
PRO = built_in_template(InterviewKind.PROFESSIONAL)
ANNUAL = built_in_template(InterviewKind.ANNUAL_REVIEW)


def _held(iid: str, kind: InterviewKind, day: date, answers: dict | None = None) -> Interview:
    template = built_in_template(kind).key
    return Interview(iid, kind, InterviewStatus.HELD, day, answers=answers, template=template)


def _employee(**changes: object) -> Employee:
    base = Employee(
        ref="E1",
        first_name="Claire",
        last_name="Dubois",
        hire_date=date(2016, 9, 1),
        contract=Contract.PERMANENT,
        job_title="Pâtissière",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _company(employee: Employee, headcount: int = 12) -> Company:
    return Company("Boulangerie Éclair", "FR", headcount, employees=(employee,))


def test_a_new_form_starts_from_the_history() -> None:
    last = _held(
        "I1",
        InterviewKind.PROFESSIONAL,
        date(2024, 3, 14),
        {"action_plan": [{"what": "Formation HACCP", "who": "Claire", "by_when": "2024-12-31"}]},
    )
    employee = _employee(
        interviews=(last,),
        trainings=(
            Training("Ancienne formation", date(2023, 1, 9), hours=7),
            Training("Chocolat niveau 2", date(2025, 5, 5), date(2025, 5, 6), 14, False, True),
        ),
    )
    new = Interview(
        "I2",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.INVITED,
        date(2026, 12, 1),
        invited_on=date(2026, 11, 2),
        context="Retour de congé",
    )
    answers = prefilled_answers(_company(employee), employee, new, PRO, TODAY)
    assert answers["job_title"] == "Pâtissière"
    assert answers["interview_date"] == "2026-12-01"
    assert answers["invitation_date"] == "2026-11-02"
    assert answers["previous_interview_date"] == "2024-03-14"
    assert answers["interview_context"] == "Retour de congé"
    assert "Chocolat niveau 2" in answers["trainings_followed"]
    assert "Ancienne formation" not in answers["trainings_followed"]  # before the last one
    assert answers["agreements_review"] == [
        {"what": "Formation HACCP", "who": "Claire", "by_when": "2024-12-31"}
    ]


def test_a_prefill_never_overwrites_an_answer() -> None:
    employee = _employee()
    new = Interview(
        "I2",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.PLANNED,
        date(2026, 12, 1),
        answers={"job_title": "Cheffe pâtissière"},
    )
    answers = prefilled_answers(_company(employee), employee, new, PRO, TODAY)
    assert answers["job_title"] == "Cheffe pâtissière"


def test_next_years_objectives_are_evaluated_the_year_after() -> None:
    objectives = [{"objective": "Réduire les pertes", "indicator": "%", "deadline": "2026-06-30"}]
    last_year = _held(
        "A1", InterviewKind.ANNUAL_REVIEW, date(2025, 11, 20), {"objectives_next": objectives}
    )
    employee = _employee(interviews=(last_year,))
    this_year = Interview("A2", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED, TODAY)
    answers = prefilled_answers(_company(employee), employee, this_year, ANNUAL, TODAY)
    assert answers["objectives_review"] == [{"objective": "Réduire les pertes", "indicator": "%"}]
    # A professional interview is another thread: it does not pick up annual objectives.
    assert previous_interview(employee, replace(this_year, kind=InterviewKind.PROFESSIONAL)) is None


def test_required_fields_are_named_until_answered() -> None:
    section = next(s for s in PRO.sections if s.id == "current_job")
    assert {f.id for f in missing_required(section, {})} == {"job_title", "job_missions"}
    assert missing_required(section, {"job_title": "x", "job_missions": "  "})[0].id == (
        "job_missions"
    )
    assert missing_required(section, {"job_title": "x", "job_missions": "Fournil"}) == []


def test_the_summary_review_form_shows_the_amount_at_stake() -> None:
    employee = _employee(hire_date=date(2014, 1, 6))  # no interview ever: top-up owed
    text = open_review_text(_company(employee, headcount=80), employee, TODAY)
    assert "3,000" in text
    assert "BOTH conditions" in text  # the cumulative test, stated
    small = open_review_text(_company(employee, headcount=12), employee, TODAY)
    assert "fewer than 50 employees" in small
    assert "€0" not in small and "3,000" not in small  # no amount when none is at stake


def test_an_interview_lives_through_its_stages() -> None:
    planned = Interview("I1", InterviewKind.RETURN, InterviewStatus.PLANNED, date(2026, 12, 1))
    assert interview_life.stage(planned) is interview_life.Stage.PLANNED
    invited = interview_life.invite(planned, date(2026, 11, 1))
    assert invited.invited_on == date(2026, 11, 1)
    assert interview_life.stage(replace(invited, answers={"x": "y"})) is (
        interview_life.Stage.IN_PROGRESS
    )
    with pytest.raises(ChangeRefused):
        interview_life.hold(invited, date(2026, 11, 24), TODAY)  # in the future
    held = interview_life.hold(invited, date(2026, 11, 20), TODAY)
    with pytest.raises(ChangeRefused):
        interview_life.mark_signed(held, date(2026, 11, 19), TODAY)  # before it was held
    signed = interview_life.mark_signed(held, date(2026, 11, 21), TODAY)
    assert interview_life.stage(signed) is interview_life.Stage.SIGNED
    with pytest.raises(ChangeRefused):
        interview_life.cancel(signed)


def test_a_refusal_keeps_its_date_and_reason() -> None:
    planned = Interview("I1", InterviewKind.PROFESSIONAL, InterviewStatus.INVITED, TODAY)
    with pytest.raises(ChangeRefused) as refused:
        interview_life.refuse(planned, TODAY, "  ", TODAY)
    assert refused.value.problems[0].field == "refusal_reason"
    done = interview_life.refuse(planned, date(2026, 11, 20), "Pas disponible", TODAY)
    assert (done.status, done.date, done.refusal_reason) == (
        InterviewStatus.REFUSED,
        date(2026, 11, 20),
        "Pas disponible",
    )


def test_a_return_interview_names_the_leave() -> None:
    employee = _employee(leaves=(Leave(LeaveKind.SABBATICAL, date(2025, 9, 1), date(2026, 8, 31)),))
    context = interview_life.context_for(employee, InterviewKind.RETURN, TODAY)
    assert "sabbatical leave" in context
    assert "Aug 31, 2026" in context


def test_a_training_done_changes_the_summary_review(tmp_path: Path) -> None:
    request = {
        "course": "CACES R489",
        "hours": "21",
        "start": "2026-02-02",
        "end": "2026-02-04",
        "validation": "certificate",
    }
    interview = _held(
        "I1", InterviewKind.PROFESSIONAL, date(2020, 1, 6), {"training_requests": [request]}
    )
    employee = _employee(hire_date=date(2014, 1, 6), interviews=(interview,))
    company = _company(employee, headcount=80)
    before = open_review_text(company, employee, TODAY)
    with open_workspace(tmp_path / "c.sqlite", company, TODAY) as workspace:
        (found,) = training_requests(workspace.require_company())
        assert found.status is RequestStatus.REQUESTED
        decide(workspace, found, RequestStatus.APPROVED)
        (approved,) = training_requests(workspace.require_company())
        assert approved.status is RequestStatus.APPROVED
        decide(workspace, approved, RequestStatus.DONE)
        updated = workspace.employee("E1")
        assert updated.trainings[-1] == Training(
            "CACES R489", date(2026, 2, 2), date(2026, 2, 4), 21, False, True
        )
        after = open_review_text(workspace.require_company(), updated, TODAY)
        (done,) = training_requests(workspace.require_company())
        with pytest.raises(ChangeRefused):
            decide(workspace, done, RequestStatus.DONE)
    assert "3,000" in before
    assert before != after
    assert "3,000" not in after


def test_the_action_plan_lists_agreements_newest_first() -> None:
    old = _held(
        "I1",
        InterviewKind.PROFESSIONAL,
        date(2022, 3, 1),
        {"action_plan": [{"what": "Ancien accord"}]},
    )
    new = _held(
        "I2",
        InterviewKind.CAREER_CONVERSATION,
        date(2025, 3, 1),
        {"action_plan": [{"what": "Nouvel accord"}]},
    )
    employee = _employee(interviews=(old, new))
    plan = action_plan(_company(employee), employee)
    assert [row["what"] for _interview, row in plan] == ["Nouvel accord", "Ancien accord"]


def test_campaign_counts_follow_the_interviews() -> None:
    campaign = Campaign(
        "C-1",
        "Printemps",
        InterviewKind.ANNUAL_REVIEW,
        date(2027, 3, 1),
        date(2027, 4, 30),
        department="Production",
    )
    one = _employee(ref="E1", department="Production")
    two = _employee(ref="E2", department="Production")
    other = _employee(ref="E3", department="Vente")
    company = Company("B", "FR", 12, employees=(one, two, other))
    rows = campaigns.board(company, campaign)
    assert campaigns.counts(rows)[campaigns.BoardColumn.TO_INVITE] == 2
    planned = Interview(
        "X", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED, date(2027, 3, 10), campaign="C-1"
    )
    invited = interview_life.invite(planned, date(2027, 2, 10))
    held = interview_life.hold(invited, date(2027, 3, 10), date(2027, 3, 11))
    signed = interview_life.mark_signed(held, date(2027, 3, 11), date(2027, 3, 11))
    for interview, column in [
        (invited, campaigns.BoardColumn.INVITED),
        (held, campaigns.BoardColumn.HELD),
        (signed, campaigns.BoardColumn.SIGNED),
    ]:
        company = replace(company, employees=(replace(one, interviews=(interview,)), two, other))
        counts = campaigns.counts(campaigns.board(company, campaign))
        assert counts[column] == 1
        assert counts[campaigns.BoardColumn.TO_INVITE] == 1


def test_an_interview_keeps_the_template_it_was_filled_with() -> None:
    interview = _held("I1", InterviewKind.PROFESSIONAL, date(2024, 1, 1))
    employee = _employee(interviews=(interview,))
    assert template_for(_company(employee), employee, interview).key == "professional@2"
