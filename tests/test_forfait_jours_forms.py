"""The forfait-jours review on paper: its report prints every section of the form and the
legal basis (in English and French), a company copy without the notice still states the
law, and its invitation says what the review covers, with its own preparation sheet."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.i18n import _, set_language
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.reports import find_interview, interview_report, invitation_letter
from entretien_desktop.services.reports.interview_report import legal_mentions
from entretien_desktop.services.templates import built_in_template

TODAY = date(2026, 11, 23)
DEMO_REVIEW = "DEMO-0091"
SECTIONS = (
    "Workload",
    "Organisation of work",
    "Balance between work and private life",
    "Pay",
    "Right to disconnect",
    "Measures agreed and follow-up",
    "Comments and signatures",
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _text(data: bytes) -> str:
    return _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture(scope="module")
def demo() -> Company:
    return build_demo_company(TODAY)


# ---------------------------------------------------------------- the report


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_report_prints_every_section_and_the_legal_basis(demo: Company, language: str) -> None:
    employee, interview = find_interview(demo, DEMO_REVIEW)
    assert interview.kind is InterviewKind.FORFAIT_JOURS_REVIEW
    assert interview.template == built_in_template(InterviewKind.FORFAIT_JOURS_REVIEW).key
    text = _text(interview_report(demo, employee, interview, language))
    try:
        set_language(language)
        titles = [_(title) for title in SECTIONS]
        title = _("Forfait-jours review")
        heavy = _("Heavy at times")
    finally:
        set_language("en")
    if language == "fr":
        assert "Charge de travail" in titles and "Droit à la déconnexion" in titles
    for number, section in enumerate(titles, start=2):
        assert f"{number}. {section}" in text, section
    assert text.startswith(f"Menuiserie Duval SARL {title} ")
    assert "L3121-64" in text and "L3121-65" in text
    assert heavy in text  # the workload's assessment, by its label
    assert "Charte de déconnexion" in text  # the answers as typed
    assert "Planifier les chiffrages des salons" in text  # the measures agreed
    assert "€" not in text


def test_a_company_copy_without_the_notice_still_states_the_law() -> None:
    """The law's mention is printed from the kind, when the form's notice does not make it."""
    template = built_in_template(InterviewKind.FORFAIT_JOURS_REVIEW)
    mentions = legal_mentions(template, InterviewKind.FORFAIT_JOURS_REVIEW)
    assert len(mentions) == 1 and "L3121-64" in mentions[0]  # said once, by the notice
    bare = legal_mentions(replace(template, notice=""), InterviewKind.FORFAIT_JOURS_REVIEW)
    assert len(bare) == 1
    assert "art. L3121-64 and L3121-65 of the Labour Code" in bare[0]
    assert "right to disconnect" in bare[0]


def test_the_invitation_says_what_the_review_covers(demo: Company) -> None:
    employee = next(e for e in demo.employees if e.ref == "E023")
    planned = Interview(
        "E023-next",
        InterviewKind.FORFAIT_JOURS_REVIEW,
        InterviewStatus.PLANNED,
        date(2026, 12, 14),
        interviewer="Philippe Duval",
    )
    text = _text(invitation_letter(demo, employee, planned, "en", on=TODAY))
    assert "We invite you to your forfait-jours review" in text
    assert "articles L3121-64 and L3121-65 of the Labour Code" in text
    assert "right to disconnect" in text
    assert "career development adviser" not in text  # the CEP is for career-path interviews
    assert "Your workload over the past year" in text  # its own preparation prompts
    assert "record of the days worked" in text
    assert "trainings you followed" not in text
    for language in ("en", "fr", "nl", "nb"):  # the letter, then the sheet on one page
        letter = invitation_letter(demo, employee, planned, language, on=TODAY)
        assert len(PdfReader(io.BytesIO(letter)).pages) == 2, language
