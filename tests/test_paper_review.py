"""What a reading of every demo PDF by a French HR professional asked for: a draft carries
no signatures, a copy signed on paper says where the signed one is, an unsigned copy leaves
room for the comments, the summary review's notice states the cumulative test, and the
letters say what the law asks them to say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from entretien_desktop.domain import InterviewKind, InterviewStatus
from entretien_desktop.services.reports import find_interview, interview_report, invitation_letter
from tests.test_reports import _flat, _pages, sample_company


def _english(interview_id: str, **changes: object) -> str:
    company = sample_company()
    employee, interview = find_interview(company, interview_id)
    changed = replace(interview, **changes)
    return _flat(" ".join(_pages(interview_report(company, employee, changed, "en"))))


@pytest.mark.parametrize("status", [InterviewStatus.PLANNED, InterviewStatus.INVITED])
def test_a_draft_has_nothing_to_sign(status: InterviewStatus) -> None:
    text = _english("P-2026-01", status=status, signed_on=None)
    assert "Draft: this interview has not been held yet" in text
    assert "Signatures" not in text and "Initials" not in text


def test_a_copy_signed_on_paper_says_where_the_signed_one_is() -> None:
    signed = _english("P-2026-01", signed_on=date(2026, 3, 10), fingerprint="ab" * 32)
    assert "Signed on paper on March 10, 2026; the signed copy is kept by the company" in signed
    unsigned = _english("P-2026-01", signed_on=None)
    assert "Signed on paper" not in unsigned


def test_an_unsigned_copy_leaves_room_for_the_comments_a_signed_one_does_not() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    answers = {k: v for k, v in (interview.answers or {}).items() if "comments" not in k}
    unsigned = replace(interview, answers=answers, signed_on=None)
    text = _flat(" ".join(_pages(interview_report(company, employee, unsigned, "en"))))
    assert "Employee's comments —" not in text  # a box to write in, not a dash
    signed = replace(unsigned, signed_on=date(2026, 3, 10), fingerprint="ab" * 32)
    text = _flat(" ".join(_pages(interview_report(company, employee, signed, "en"))))
    assert "Employee's comments —" in text  # nothing was written: nothing can be added


def test_the_summary_review_notice_states_the_cumulative_test_and_the_payment() -> None:
    text = _english("S-2026-01").replace("\u202f", " ")
    assert "when interviews due were missed and, over the same period, no non-mandatory" in text
    assert "€3,000" in text and "last day of the calendar quarter after the review" in text
    assert "; the corrective top-up: art. L6323-13 and R6323-3" not in text  # 2018 basis has it


def _letter(kind: InterviewKind, day: date, language: str = "en") -> str:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    letter = invitation_letter(company, employee, replace(interview, kind=kind, date=day), language)
    return _flat(" ".join(_pages(letter)))


def test_the_annual_review_letter_tells_the_evaluation_methods_beforehand() -> None:
    text = _letter(InterviewKind.ANNUAL_REVIEW, date(2026, 12, 14))
    assert "How you will be evaluated (article L1222-3 of the Labour Code)" in text
    assert "separate from your career-path interview" in text
    older = _letter(InterviewKind.ANNUAL_REVIEW, date(2025, 10, 20))
    assert "separate from your professional interview" in older


def test_the_end_of_career_letter_covers_what_every_career_path_interview_does() -> None:
    text = _letter(InterviewKind.END_OF_CAREER, date(2026, 12, 14))
    assert "personal training account (CPF)" in text and "(CEP)" in text
    assert "progressive retirement" in text and "not an evaluation of your work" in text


def test_a_policy_interview_before_2025_names_the_professional_interview() -> None:
    before = _english("A-2026-01", date=date(2025, 10, 20))
    assert "does not replace the professional interview the law requires" in before
    after = _english("A-2026-01")
    assert "does not replace the career-path interview the law requires" in after


def test_a_training_request_in_a_held_report_says_its_decision() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    refused = replace(interview, follow_up={"0": "refused"})
    text = _flat(" ".join(_pages(interview_report(company, employee, refused, "en"))))
    assert "Decision Refused" in text
    pending = _flat(" ".join(_pages(interview_report(company, employee, interview, "en"))))
    assert "Decision Requested" in pending


def test_a_draft_annual_review_does_not_state_the_employee_was_informed() -> None:
    draft = _english("A-2026-01", status=InterviewStatus.INVITED, signed_on=None)
    assert "expressly informed" not in draft
    held = _english("A-2026-01")
    assert "expressly informed beforehand" in held
