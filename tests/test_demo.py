"""The demo company: believable on any day, valid for the company file, importable as is."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

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
    Level,
    PolicyKind,
    RequestState,
    SkillSource,
    WorkingTime,
)
from entretien_desktop.domain.skills import current_levels, expiry, level_on
from entretien_desktop.domain.templates import Field, FieldType, Role
from entretien_desktop.i18n import format_date, language_context
from entretien_desktop.rules import Status, evaluate_company
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.regimes import END_OF_CAREER_AGE
from entretien_desktop.services.campaigns import BoardColumn, board
from entretien_desktop.services.company_file import (
    company_document,
    dumps_company,
    import_company,
    load_company,
)
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.demo import (
    DEMO_COMPANY_NAME,
    DemoDataError,
    build_demo_company,
    demo_file,
    read_demo_document,
    resolve_dates,
    token_date,
)
from entretien_desktop.services.interview_forms import (
    missing_required,
    previous_interview,
    template_for,
)
from entretien_desktop.services.interview_life import Stage, stage
from entretien_desktop.services.signing import fingerprint
from entretien_desktop.services.summary_reviews import summary_conclusion
from entretien_desktop.services.templates import built_in_template
from entretien_desktop.services.training_requests import RequestStatus, training_requests
from tests.helpers import open_data

TODAYS = [date(2026, 11, 23), date(2027, 3, 1), date(2030, 2, 28), date(2028, 2, 29)]
NOT_YET = {InterviewStatus.PLANNED, InterviewStatus.INVITED}


@pytest.fixture(params=TODAYS, ids=str)
def today(request: pytest.FixtureRequest) -> date:
    value: date = request.param
    return value


@pytest.fixture
def company(today: date) -> Company:
    return build_demo_company(today)


def _dates(value: object) -> Iterator[date]:
    """Every date held anywhere in a company, however deep."""
    if isinstance(value, date):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _dates(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _dates(item)


def _age_on(employee: Employee, day: date) -> int:
    born = employee.birth_date
    assert born is not None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _held(employee: Employee, kind: InterviewKind) -> list[date]:
    return [
        i.date
        for i in employee.interviews
        if i.kind is kind and i.status is InterviewStatus.HELD and i.date is not None
    ]


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert add_months(date(2027, 1, 15), -13) == date(2025, 12, 15)
    assert add_months(date(2027, 12, 15), 1) == date(2028, 1, 15)


def test_the_company_is_a_french_sme_of_more_than_50(company: Company, today: date) -> None:
    assert company.name == DEMO_COMPANY_NAME
    assert company.country == "FR"
    assert company.headcount >= 50
    assert company.headcount_date == date(today.year, 1, 1)
    assert company.interview_agreement is None
    assert [(p.kind, p.every_months) for p in company.policies] == [(PolicyKind.ANNUAL_REVIEW, 12)]
    assert 20 <= len(company.employees) <= 30
    assert len({e.site for e in company.employees}) == 2
    assert len({e.department for e in company.employees}) >= 4
    assert all(e.language == "fr" for e in company.employees)


def test_the_annual_review_policy_started_with_the_first_reviews(
    company: Company, today: date
) -> None:
    """The joinery adopted its annual reviews some fourteen months ago and held the first
    ones then: the demo shows reviews a few months late, never years late for the time
    before the policy existed."""
    (policy,) = company.policies
    reviews = [d for e in company.employees for d in _held(e, InterviewKind.ANNUAL_REVIEW)]
    assert policy.since <= min(reviews)
    assert add_months(today, -15) < policy.since <= add_months(today, -14)
    policy_kinds = {PolicyKind.ANNUAL_REVIEW.value}
    found = [o for o in evaluate_company(company, today) if o.kind.value in policy_kinds]
    assert all(o.deadline >= add_months(policy.since, 12) for o in found)
    overdue = [o for o in found if o.status is Status.OVERDUE]
    assert overdue, "the demo shows an overdue annual review"
    assert all(o.deadline >= add_months(today, -4) for o in overdue), overdue


def test_every_kind_of_contract_and_part_time_is_there(company: Company) -> None:
    assert {e.contract for e in company.employees} == set(Contract)
    assert any(e.working_time is WorkingTime.PART_TIME for e in company.employees)
    permanent = [e for e in company.employees if e.contract is Contract.PERMANENT]
    assert len(permanent) > len(company.employees) / 2


def test_leaves_exits_and_dates_tell_a_story_as_of_today(company: Company, today: date) -> None:
    leaves = [leave for e in company.employees for leave in e.leaves]
    assert any(leave.end is None and leave.start <= today for leave in leaves)
    assert any(
        leave.end is not None and today - timedelta(days=61) <= leave.end < today
        for leave in leaves
    )
    assert any(e.exit_date is not None and e.exit_date <= today for e in company.employees)


def test_every_date_is_plausible(company: Company, today: date) -> None:
    dates = list(_dates(company))
    assert dates
    assert min(dates) >= date(1950, 1, 1)
    assert max(dates) <= add_months(today, 24)
    for e in company.employees:
        assert e.birth_date is not None
        assert _age_on(e, e.hire_date) >= 15, e.ref
        assert _age_on(e, today) < 67, e.ref
        assert e.hire_date <= today, e.ref
        end = min(today, e.exit_date) if e.exit_date is not None else today
        if e.exit_date is not None:
            assert e.hire_date <= e.exit_date, e.ref
        for leave in e.leaves:
            assert e.hire_date <= leave.start <= end, e.ref
            assert leave.end is None or leave.start <= leave.end <= end, e.ref
        for training in e.trainings:
            assert e.hire_date <= training.start <= end, e.ref
            assert training.end is None or training.start <= training.end, e.ref
        for when in [p.date for p in e.progressions] + [c.date for c in e.certifications]:
            assert e.hire_date <= when <= end, e.ref
        for visit in e.medical_visits:
            assert e.hire_date <= visit.date <= today, e.ref


def test_interviews_to_come_are_dated_later_and_held_ones_earlier(
    company: Company, today: date
) -> None:
    statuses = set()
    for e in company.employees:
        for i in e.interviews:
            statuses.add(i.status)
            assert i.date is not None, i.id
            if i.status in NOT_YET:
                assert i.date > today, i.id
            else:
                assert e.seniority_start <= i.date <= today, i.id  # a transfer: since seniority
            if i.invited_on is not None:
                assert i.invited_on < i.date and i.invited_on <= today, i.id
            if i.status is InterviewStatus.HELD:
                assert i.invited_on is not None, i.id
                assert 14 <= (i.date - i.invited_on).days <= 40, i.id
            assert i.date.weekday() < 5, i.id
    assert statuses == set(InterviewStatus)


def test_numbers_are_unique_and_managers_exist(company: Company) -> None:
    refs = [e.ref for e in company.employees]
    assert len(set(refs)) == len(refs)
    ids = [i.id for e in company.employees for i in e.interviews]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"DEMO-\d{4}", i) for i in ids)
    by_ref = {e.ref: e for e in company.employees}
    managed = [e for e in company.employees if e.manager_ref is not None]
    assert len(managed) == len(company.employees) - 1
    for e in managed:
        assert e.manager_ref in by_ref and e.manager_ref != e.ref
        assert by_ref[e.manager_ref].exit_date is None


def test_names_and_titles_are_french(company: Company) -> None:
    text = " ".join(f"{e.full_name} {e.job_title} {e.department}" for e in company.employees)
    assert re.search(r"[éèêëàçïôœ]", text)
    titles = [t.title for e in company.employees for t in e.trainings]
    assert any(t.startswith("SST") for t in titles)
    assert any(t.startswith("CACES R489") for t in titles)
    assert any(t.startswith("Habilitation électrique") for t in titles)


def test_stories_show_every_obligation_state(company: Company, today: date) -> None:
    staff = [e for e in company.employees if e.exit_date is None or e.exit_date > today]
    six_years_ago = add_months(today, -72)
    # overdue: hired 6+ years ago and never interviewed, with only mandatory trainings
    never = [e for e in staff if e.hire_date <= six_years_ago and not e.interviews]
    assert never and all(t.mandatory for e in never for t in e.trainings)
    # overdue: last career-path interview more than 4 years ago
    assert any(
        (held := _held(e, InterviewKind.PROFESSIONAL)) and max(held) < add_months(today, -48)
        for e in staff
    )
    # due soon: mid-career visit in the last 2 months, interview not yet held, 45 this year
    assert any(
        e.medical_visits
        and today - timedelta(days=60) <= e.medical_visits[-1].date < today
        and not _held(e, InterviewKind.MID_CAREER)
        and e.birth_date is not None
        and e.birth_date.year + 45 == e.medical_visits[-1].date.year
        for e in staff
    )
    # due soon: 60th birthday within 60 days; and one within 2 years with the interview held
    sixty = {e.ref: add_months(e.birth_date, 720) for e in staff if e.birth_date is not None}
    assert any(today < day <= today + timedelta(days=60) for day in sixty.values())
    assert any(
        today < sixty[e.ref] <= add_months(today, 24) and _held(e, InterviewKind.END_OF_CAREER)
        for e in staff
    )
    # due soon: back from leave less than a month ago, no return interview held yet
    assert any(
        leave.end is not None
        and today - timedelta(days=28) <= leave.end + timedelta(days=1) <= today
        and not _held(e, InterviewKind.RETURN)
        for e in staff
        for leave in e.leaves
    )
    # satisfied: return interview held, and one refused, after leaves that ended months ago
    returns = [i for e in staff for i in e.interviews if i.kind is InterviewKind.RETURN]
    assert {InterviewStatus.HELD, InterviewStatus.REFUSED} <= {i.status for i in returns}
    # satisfied: career-path interviews held in the last year, annual reviews held
    recent = add_months(today, -12)
    assert sum(any(d >= recent for d in _held(e, InterviewKind.PROFESSIONAL)) for e in staff) >= 5
    assert sum(bool(_held(e, InterviewKind.ANNUAL_REVIEW)) for e in staff) >= 5
    # criteria of the summary review: non-mandatory trainings, certifications, progressions
    assert any(not t.mandatory for e in staff for t in e.trainings)
    assert {c.via for e in staff for c in e.certifications} >= {"vae", "training"}
    assert {p.kind for e in staff for p in e.progressions} >= {"salary", "professional"}


def test_the_same_day_gives_the_same_company_and_another_day_moves_it(today: date) -> None:
    assert build_demo_company(today) == build_demo_company(today)
    later = build_demo_company(today + timedelta(days=400))
    assert later != build_demo_company(today)
    assert len(later.employees) == len(build_demo_company(today).employees)


def test_the_company_file_validator_accepts_it(company: Company) -> None:
    assert read_company_document(dumps_company(company).encode("utf-8")) == company


def test_it_imports_into_a_new_data_file(company: Company, tmp_path: Path) -> None:
    with open_data(tmp_path / "demo.sqlite") as db:
        summary = import_company(db, company)
        assert summary.company_name == DEMO_COMPANY_NAME
        assert summary.employees == len(company.employees)
        assert load_company(db) == company


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2035, 12, 31)))
def test_any_day_gives_a_valid_company(today: date) -> None:
    company = build_demo_company(today)
    assert read_company_document(dumps_company(company).encode("utf-8")) == company
    assert max(_dates(company)) <= add_months(today, 24)
    for e in company.employees:
        for i in e.interviews:
            assert i.date is not None
            assert (i.date > today) == (i.status in NOT_YET), i.id


def test_the_rules_find_overdue_due_soon_and_satisfied_obligations(
    company: Company, today: date
) -> None:
    """What the demo is for: as of the day it is made, the dashboard has something to say."""
    statuses = {o.status for o in evaluate_company(company, today)}
    assert {Status.OVERDUE, Status.DUE_SOON, Status.SATISFIED, Status.UPCOMING} <= statuses
    assert sum(o.amount_at_stake_eur for o in evaluate_company(company, today)) > 0


# -- What the interviews say ----------------------------------------------------------------

FORM_DAYS = [date(2026, 11, 23), date(2027, 6, 30), date(2030, 1, 15), date(2028, 2, 29)]


@pytest.fixture(params=FORM_DAYS, ids=str)
def forms_company(request: pytest.FixtureRequest) -> tuple[Company, date]:
    day: date = request.param
    return build_demo_company(day), day


def _filled(company: Company) -> list[tuple[Employee, Interview]]:
    return [(e, i) for e in company.employees for i in e.interviews if i.answers]


def _check_value(field: Field, value: object) -> None:
    """``value`` has the shape templates.Answers describes for ``field``."""
    choices = {choice.id for choice in field.choices}
    if field.type in {FieldType.CHOICE, FieldType.RATING}:
        assert value in choices, (field.id, value)
    elif field.type is FieldType.CHECKS:
        assert isinstance(value, list) and set(value) <= choices, field.id
    elif field.type is FieldType.YES_NO:
        assert isinstance(value, bool), field.id
    elif field.type is FieldType.DATE:
        assert isinstance(value, str), field.id
        date.fromisoformat(value)
    elif field.type is FieldType.TABLE:
        assert isinstance(value, list) and value, field.id
        columns = {column.id: column for column in field.columns}
        for row in value:
            assert isinstance(row, dict) and set(row) == set(columns), field.id
            for key, cell in row.items():
                column = columns[key]
                assert isinstance(cell, str) and cell.strip(), (field.id, key)
                if column.type is FieldType.CHOICE:
                    assert cell in {c.id for c in column.choices}, (field.id, key, cell)
                elif column.type is FieldType.DATE:
                    date.fromisoformat(cell)
                elif column.type is FieldType.NUMBER:
                    float(cell)
    else:
        assert isinstance(value, str) and value.strip(), field.id


def test_every_kind_has_a_held_interview_whose_form_is_filled(
    forms_company: tuple[Company, date],
) -> None:
    company, _today = forms_company
    kinds = {i.kind for _e, i in _filled(company) if i.status is InterviewStatus.HELD}
    assert kinds == set(InterviewKind)
    for employee, interview in _filled(company):
        # The demo is filled with the current built-in forms.
        assert interview.template == built_in_template(interview.kind).key, interview.id
        template = template_for(company, employee, interview)
        assert template.key == interview.template
        assert interview.interviewer and interview.place, interview.id
        fields = {f.id: f for f in template.fields()}
        assert interview.answers is not None and interview.date is not None
        for key, value in interview.answers.items():
            assert key in fields, (interview.id, key)
            _check_value(fields[key], value)
        assert interview.answers["interview_date"] == interview.date.isoformat()
        if interview.status is not InterviewStatus.HELD:
            continue
        for section in template.sections:
            assert missing_required(section, interview.answers) == [], (interview.id, section.id)
        # Most of the form is answered, not just the required fields.
        assert len(interview.answers) >= 0.6 * len(fields), interview.id


def _french(day: date) -> str:
    """A day as the demo's French texts write it, in full, like the reports' sentences."""
    with language_context("fr"):
        return f"{'1er' if day.day == 1 else day.day} {format_date(day, 'MMMM y')}"


def test_the_forms_follow_from_the_history(forms_company: tuple[Company, date]) -> None:
    company, today = forms_company
    filled = _filled(company)
    by_kind = {i.kind: (e, i) for e, i in filled if i.status is InterviewStatus.HELD}
    # The contexts: which leave, which visit, which birthday.
    employee, back = by_kind[InterviewKind.RETURN]
    ended = [x for x in employee.leaves if x.end is not None and back.date and x.end < back.date]
    leave = max(ended, key=lambda x: x.start)
    assert back.context.startswith("Retour après") and _french(leave.start) in back.context
    assert back.answers is not None and back.answers["leave"] == back.context
    employee, mid = by_kind[InterviewKind.MID_CAREER]
    assert _french(employee.medical_visits[-1].date) in mid.context
    employee, end = by_kind[InterviewKind.END_OF_CAREER]
    assert employee.birth_date is not None and "60 ans" in end.context
    # What came of the last action plan, in the next interview of the same thread.
    reviews = [(e, i) for e, i in filled if i.answers and i.answers.get("agreements_review")]
    assert reviews
    for employee, interview in reviews:
        previous = previous_interview(employee, interview)
        assert previous is not None and previous.answers is not None
        assert interview.answers is not None
        plan = previous.answers["action_plan"]
        review = interview.answers["agreements_review"]
        assert [{k: v for k, v in row.items() if k != "outcome"} for row in review] == plan
        assert all(row["outcome"] for row in review)
    plans = [i for _e, i in filled if i.answers and i.answers.get("action_plan")]
    assert len(plans) >= 4
    # Last year's objectives, evaluated this year (A to D).
    evaluated = [(e, i) for e, i in filled if i.answers and i.answers.get("objectives_review")]
    assert evaluated
    for employee, interview in evaluated:
        previous = previous_interview(employee, interview)
        assert previous is not None and previous.answers is not None
        assert interview.answers is not None
        assert previous.kind is interview.kind is InterviewKind.ANNUAL_REVIEW
        assert previous.date is not None and interview.date is not None
        assert 300 <= (interview.date - previous.date).days <= 450
        wanted = [
            {k: v for k, v in row.items() if k != "deadline"}
            for row in previous.answers["objectives_next"]
        ]
        review = interview.answers["objectives_review"]
        assert [{k: v for k, v in row.items() if k != "evaluation"} for row in review] == wanted
        assert {row["evaluation"] for row in review} <= {"A", "B", "C", "D"}
    assert all(i.date is not None and i.date <= today for _e, i in reviews + evaluated)


def test_signatures_drafts_and_refusals(forms_company: tuple[Company, date]) -> None:
    company, today = forms_company
    every = [i for e in company.employees for i in e.interviews]
    signed = [i for i in every if i.signed_on is not None]
    assert len(signed) >= 4
    for interview in signed:
        signed_on = interview.signed_on
        assert interview.status is InterviewStatus.HELD, interview.id
        assert signed_on is not None and interview.date is not None
        assert interview.date <= signed_on <= today, interview.id
        assert interview.answers is not None
        assert interview.answers.get("signed_on", signed_on.isoformat()) == signed_on.isoformat()
    # A form says it was signed only when the interview was.
    assert not any(i.answers and "signed_on" in i.answers for i in every if i.signed_on is None)
    stages = {stage(i) for i in every if i.answers}
    assert {Stage.SIGNED, Stage.HELD, Stage.IN_PROGRESS} <= stages
    drafts = [i for i in every if stage(i) is Stage.IN_PROGRESS]
    assert all(i.date is not None and i.date > today for i in drafts)
    refused = [i for i in every if i.status is InterviewStatus.REFUSED]
    assert refused and all(i.refusal_reason.strip() for i in refused)


def test_training_requests_carry_every_decision(forms_company: tuple[Company, date]) -> None:
    company, _today = forms_company
    requests = training_requests(company)
    assert {r.status for r in requests} == set(RequestStatus)
    for request in requests:
        field = template_for(company, request.employee, request.interview).with_role(
            Role.TRAINING_REQUESTS
        )
        assert field is not None
        assert request.interview.follow_up is not None
        assert request.number("hours") > 0 and request.number("cost") > 0
        start, end = request.day("start"), request.day("end")
        assert start is not None and end is not None and start <= end
    for request in (r for r in requests if r.status is RequestStatus.DONE):
        followed = [t for t in request.employee.trainings if t.title == request.course]
        assert followed and not any(t.mandatory for t in followed)
        assert followed[0].start == request.day("start")
        assert request.interview.date is not None
        assert request.interview.date <= followed[0].start
    for employee, interview in _filled(company):
        rows = [r for r in requests if r.interview.id == interview.id]
        assert set((interview.follow_up or {}).keys()) == {str(r.row) for r in rows}, employee.ref


def test_the_campaign_board_has_members_at_every_stage(
    forms_company: tuple[Company, date],
) -> None:
    company, today = forms_company
    (campaign,) = company.campaigns
    assert campaign.kind is InterviewKind.ANNUAL_REVIEW
    assert campaign.template == "annual_review@3"
    assert campaign.start <= today <= campaign.end
    rows = board(company, campaign)
    assert rows
    assert {r.employee.department for r in rows} == {campaign.department}
    columns = {r.column for r in rows}
    assert {BoardColumn.TO_INVITE, BoardColumn.INVITED, BoardColumn.HELD} <= columns
    assert BoardColumn.SIGNED in columns
    recorded = [i for e in company.employees for i in e.interviews if i.campaign is not None]
    assert recorded and all(i.campaign == campaign.id for i in recorded)
    assert all(i.kind is campaign.kind for i in recorded)
    assert all(i.date is not None and campaign.start <= i.date <= campaign.end for i in recorded)


def test_the_company_file_round_trips_the_forms(forms_company: tuple[Company, date]) -> None:
    company, _today = forms_company
    document = json.dumps(company_document(company), ensure_ascii=False)
    assert read_company_document(document.encode("utf-8")) == company


# -- The demo file and its date tokens ------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "token", "expected"),
    [
        (date(2026, 11, 23), "today", date(2026, 11, 23)),
        (date(2028, 2, 29), "today+P1Y", date(2029, 2, 28)),
        (date(2028, 2, 29), "today-P4Y", date(2024, 2, 29)),
        (date(2028, 2, 29), "today-P1M", date(2028, 1, 29)),
        (date(2027, 3, 31), "today-P1M", date(2027, 2, 28)),
        (date(2028, 3, 31), "today-P1M", date(2028, 2, 29)),
        (date(2027, 3, 31), "today-P2M", date(2027, 1, 31)),
        (date(2027, 3, 31), "today-P1M -P1M", date(2027, 1, 28)),  # two steps are not one
        (date(2026, 11, 23), "today+P1Y6M", date(2028, 5, 23)),
        (date(2026, 11, 23), "today-P2M10D", date(2026, 9, 13)),
        (date(2026, 11, 23), "today-P3M +P12D", date(2026, 9, 4)),
        (date(2026, 11, 27), "today workday", date(2026, 11, 27)),  # a Friday
        (date(2026, 11, 28), "today workday", date(2026, 11, 30)),  # a Saturday
        (date(2026, 11, 29), "today workday", date(2026, 11, 30)),  # a Sunday
        (date(2028, 2, 29), "today-P1Y workday", date(2027, 3, 1)),
        (date(2026, 11, 23), "today-P3M workday -P31D workday", date(2026, 7, 24)),
        (date(2026, 11, 23), "today-P56Y on 04-18", date(1970, 4, 18)),
        (date(2026, 11, 23), "today-P1Y on 09-30", date(2025, 9, 30)),
        (date(2027, 5, 10), "today on 02-29", date(2027, 2, 28)),
        (date(2028, 5, 10), "today on 02-29", date(2028, 2, 29)),
        (date(2027, 2, 10), "today on day 31", date(2027, 2, 28)),
        (date(2026, 11, 23), "today-P4M-P45Y on day 07", date(1981, 7, 7)),
        (date(2026, 11, 23), "today-P4M  -P45Y  on day 07", date(1981, 7, 7)),
    ],
)
def test_date_tokens_count_from_today(today: date, token: str, expected: date) -> None:
    assert token_date(token, today) == expected


def test_tokens_in_texts_take_the_format_asked() -> None:
    document = {
        "a": "Du {today-P1Y:dd/mm/yyyy} au {today:dd/mm/yyyy}",
        "b": ["{today:yyyy}", "C-{today-P2M:yyyy}-1", "{today-P1D:yyyy-mm-dd}"],
        "c": {"n": 3, "z": None, "yes": True, "d": "{today+P1D}"},
    }
    assert resolve_dates(document, date(2028, 2, 29)) == {
        "a": "Du 28/02/2027 au 29/02/2028",
        "b": ["2028", "C-2027-1", "2028-02-28"],
        "c": {"n": 3, "z": None, "yes": True, "d": "2028-03-01"},
    }


@pytest.mark.parametrize(
    "broken",
    [
        "{today-P3X}",
        "{tomorrow}",
        "{today+P}",
        "{today - P1D}",
        "{today on 13-01}",
        "{today on day 32}",
        "{today on 00-10}",
        "{today:mm/dd}",
        "{today workday",
        "today}",
        "Du {today:dd/mm/yyyy} au {{today}}",
        "{today+P9999Y}",
    ],
)
def test_a_broken_token_is_refused_with_its_json_path(broken: str) -> None:
    document = {"employees": [{"ref": "E1"}, {"ref": "E2", "hire_date": broken}]}
    with pytest.raises(DemoDataError) as refused:
        resolve_dates(document, date(2026, 11, 23))
    assert [p.path for p in refused.value.problems] == ["employees[1].hire_date"]


def _demo_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_file().read_text(encoding="utf-8"))
    return document


def _demo_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def test_broken_tokens_in_the_demo_file_are_all_named() -> None:
    document = _demo_document()
    document["employees"][3]["interviews"][0]["date"] = "{today-P3Q}"
    answers = document["employees"][24]["interviews"][3]["answers"]
    answers["summary_criteria"] += " {today"
    with pytest.raises(DemoDataError) as refused:
        read_demo_document(_demo_bytes(document), date(2026, 11, 23))
    assert [p.path for p in refused.value.problems] == [
        "employees[3].interviews[0].date",
        "employees[24].interviews[3].answers.summary_criteria",
    ]


def test_the_demo_file_goes_through_the_company_file_reader() -> None:
    """Tokens that read well but give a refused document are refused by the import's checks."""
    document = _demo_document()
    document["employees"][0]["exit_date"] = "{today-P30Y}"  # before the hire
    document["employees"][1]["contract"] = "freelance"
    with pytest.raises(DemoDataError) as refused:
        read_demo_document(_demo_bytes(document), date(2026, 11, 23))
    assert [p.path for p in refused.value.problems] == [
        "employees[0].exit_date",
        "employees[1].contract",
    ]
    with pytest.raises(DemoDataError):
        read_demo_document(b"{not json", date(2026, 11, 23))


def test_the_demo_file_is_a_company_file_with_a_story_for_everyone() -> None:
    document = _demo_document()
    assert document["format"] == "entretien-desktop/1"
    assert document["company"]["name"] == DEMO_COMPANY_NAME
    assert all(e["story"].strip() for e in document["employees"])
    assert not any("fingerprint" in i for e in document["employees"] for i in e["interviews"])


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name))


def test_no_token_is_left_and_signed_interviews_carry_their_fingerprint(
    company: Company, today: date
) -> None:
    assert not [text for text in _texts(company) if "{" in text or "}" in text]
    (campaign,) = company.campaigns
    assert campaign.id == f"C-{campaign.start.year}-1"
    assert campaign.name == f"Entretiens annuels {campaign.start.year} – atelier"
    signed = [(e, i) for e in company.employees for i in e.interviews if i.signed_on]
    assert signed
    for employee, interview in signed:
        assert interview.fingerprint == fingerprint(employee, interview), interview.id


@pytest.mark.parametrize(
    "today",
    [date(2026, 11, 23), date(2028, 2, 29), date(2030, 1, 15), date(2033, 6, 15)],
    ids=str,
)
def test_the_summary_review_form_says_what_the_rules_say(today: date) -> None:
    """The period of 8 years and the cumulative test, as the engine finds them; from 2033
    the employee is a hire since 26 Oct 2025 (7 years after the first interview), and the
    form still says the same as the engine."""
    company = build_demo_company(today)
    forms = [
        (e, i)
        for e in company.employees
        for i in e.interviews
        if i.kind is InterviewKind.SUMMARY_REVIEW and i.answers
    ]
    assert forms
    for employee, interview in forms:
        assert interview.answers is not None
        found = summary_conclusion(company, employee, interview, today)
        assert found is not None
        review = found.review
        assert review.satisfied_by == interview.id
        assert interview.answers["period_start"] == review.window_start.isoformat()
        assert interview.answers["period_end"] == review.deadline.isoformat()
        assert add_months(review.window_start, 96) == review.deadline
        text = interview.answers["summary_criteria"]
        assert "huit ans" in text and "Six ans" not in text
        assert "les deux conditions réunies" in text  # the cumulative reading
        assert found.criteria.non_mandatory_training and not found.criteria.missed_interviews
        assert review.amount_at_stake_eur == 0
        assert interview.answers["outcome"] == "no_top_up"


def test_the_transferred_employee_s_cycle_counts_from_the_seniority_date(
    company: Company, today: date
) -> None:
    """E026's contract came with a workshop taken over: seniority from before the hire,
    and the former employer's interview opens the current 4-year cycle."""
    julien = next(e for e in company.employees if e.ref == "E026")
    assert julien.seniority_date is not None and julien.seniority_date < julien.hire_date
    periodic = [
        o
        for o in evaluate_company(company, today)
        if o.employee_ref == "E026" and o.kind.value == "periodic"
    ]
    assert periodic[0].window_start == julien.seniority_date
    assert periodic[0].satisfied_by == "DEMO-0090"
    held = julien.interviews[0].date
    assert held is not None and held < julien.hire_date
    assert (periodic[-1].window_start, periodic[-1].deadline) == (
        held,
        held.replace(year=held.year + 4),
    )
    assert periodic[-1].status is Status.UPCOMING


# -- The skills map (issue 21): each kind of gap shows, computed plainly here -------------------


def _present(company: Company, today: date) -> list[Employee]:
    return [
        e
        for e in company.employees
        if e.hire_date <= today and (e.exit_date is None or e.exit_date >= today)
    ]


def test_the_demo_has_a_joinerys_skills_map_with_histories(company: Company, today: date) -> None:
    families = {s.family for s in company.skills}
    assert families == {"Machines", "Finition", "Pose", "Sécurité et habilitations"}
    months = {s.id: s.expires_after_months for s in company.skills}
    assert (months["caces-r489-3"], months["habilitation-bs-be"]) == (60, 36)
    assert (months["sst"], months["travail-hauteur"]) == (24, 36)
    titles = {j.title for j in company.jobs}
    workshop = [e for e in company.employees if e.department in ("Atelier", "Pose")]
    assert {e.job_title for e in workshop} <= titles
    assert all(e.skill_levels for e in workshop if e.exit_date is None or e.exit_date >= today)
    assert {n.site for n in company.staffing} == {"Lyon", "Villeurbanne"}
    # Histories over several years: a skill whose level rose, from entries years apart.
    risen = [
        e.ref
        for e in company.employees
        for skill in {x.skill for x in e.skill_levels}
        if len(dated := sorted((x.date, x.level) for x in e.skill_levels if x.skill == skill)) > 1
        and dated[-1][1] > dated[0][1]
        and (dated[-1][0] - dated[0][0]).days > 3 * 365
    ]
    assert len(risen) >= 5
    assert {x.source for e in company.employees for x in e.skill_levels} == set(SkillSource)
    assert {r.status for e in company.employees for r in e.skill_requests} >= {
        RequestState.REQUESTED
    }


def test_the_demos_skills_map_shows_every_kind_of_gap(company: Company, today: date) -> None:
    skills = {s.id: s for s in company.skills}
    jobs = {j.title: j for j in company.jobs}
    present = _present(company, today)
    in_two_years = add_months(today, 24)

    def level(employee: Employee, skill: str) -> int:
        return level_on(skills[skill], employee.skill_levels, today)

    needed = {n.skill for j in company.jobs for n in j.needs}
    holders = {s: [e for e in present if level(e, s) >= Level.AUTONOMOUS] for s in needed}
    single = {s for s, held in holders.items() if len(held) == 1}
    assert {"cnc-5axes", "laque-pistolet"} <= single, single
    leaving = {
        e.ref
        for e in present
        if e.exit_date is not None
        and e.exit_date <= in_two_years
        and any(level(e, s) >= Level.AUTONOMOUS for s in needed)
    }
    assert {"E014", "E015"} <= leaving, leaving
    retiring = {
        e.ref
        for e in present
        if e.birth_date is not None
        and today < add_months(e.birth_date, 12 * END_OF_CAREER_AGE) <= in_two_years
        and any(level(e, s) == Level.CAN_TRAIN for s in needed)
    }
    assert {"E008", "E017"} <= retiring, retiring
    due_soon = timedelta(days=company.settings.effective("due_soon_days"))
    expiring = {
        (e.ref, entry.skill)
        for e in present
        for entry in current_levels(e.skill_levels).values()
        if (lapses := expiry(skills[entry.skill], entry)) is not None
        and today < lapses <= today + due_soon
    }
    assert ("E012", "travail-hauteur") in expiring, expiring
    lapsed = {
        (e.ref, s)
        for e in present
        for s, entry in current_levels(e.skill_levels).items()
        if entry.level >= Level.AUTONOMOUS and level(e, s) == Level.NOT_TRAINED
    }
    assert ("E019", "travail-hauteur") in lapsed, lapsed
    under = {
        (e.ref, n.skill)
        for e in present
        if e.job_title in jobs
        for n in jobs[e.job_title].needs
        if level(e, n.skill) < n.level
    }
    assert {("E026", "toupie"), ("E018", "travail-hauteur"), ("E008", "sst")} <= under, under
    short = [
        n
        for n in company.staffing
        if sum(
            1
            for e in present
            if (not n.site or e.site == n.site)
            and (not n.department or e.department == n.department)
            and level(e, n.skill) >= n.level
        )
        < n.count
    ]
    assert short, "a site lacks people at a level"
