"""The four languages everywhere: explanations, dates in PDFs, and complete catalogs."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.i18n import prose_date, set_language
from entretien_desktop.rules import evaluate_employee
from entretien_desktop.services.reports import interview_report
from tests.helpers import small_company

LANGUAGES = ("fr", "en", "nl", "nb")
TODAY = date(2026, 11, 23)


def _pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_one_obligation_is_explained_differently_in_each_language() -> None:
    company = small_company()
    obligation = evaluate_employee(company, company.employees[0], TODAY)[0]
    texts = {}
    for language in LANGUAGES:
        set_language(language)
        texts[language] = obligation.explanation
    assert len(set(texts.values())) == len(LANGUAGES), texts
    assert "entretien" in texts["fr"].lower()
    assert "interview" in texts["en"].lower()
    assert "gesprek" in texts["nl"].lower()
    assert "samtale" in texts["nb"].lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_shows_the_dates_of_its_language(language: str) -> None:
    company = small_company()
    employee = company.employees[0]
    interview = Interview(
        "G1-9",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date(2026, 3, 14),
        answers={"job_missions": "Accueil"},
        template="professional@1",
    )
    data = interview_report(company, employee, interview, language)
    shown = {lang: _date_in(lang, date(2026, 3, 14)) for lang in LANGUAGES}
    text = _pdf_text(data)
    assert shown[language] in text
    assert all(shown[other] not in text for other in LANGUAGES if other != language)


def _date_in(language: str, day: date) -> str:
    set_language(language)
    # As the report writes a date of its own: in full (prose_date).
    return " ".join(prose_date(day).replace("\u202f", " ").replace("\u00a0", " ").split())
