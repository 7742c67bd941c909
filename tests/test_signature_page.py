"""No page holds only the signatures: the end of the report goes with them, for every kind
of report, in the four languages, with no answers and with very long ones."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import FieldType
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.reports import interview_report
from tests.helpers import small_company

pytestmark = pytest.mark.slow

LONG = "Une réponse développée sur plusieurs lignes, comme on en écrit en entretien. " * 12


def _answers(kind: InterviewKind, long: bool) -> dict[str, object]:
    company = small_company()
    employee = company.employees[0]
    interview = Interview("X", kind, InterviewStatus.HELD, date(2026, 11, 2))
    template = template_for(company, employee, interview)
    if not long:
        return {}
    return {
        f.id: LONG
        for f in template.fields()
        if f.type in {FieldType.LONG_TEXT, FieldType.SHORT_TEXT}
    }


@pytest.mark.parametrize("long", [False, True], ids=["no answers", "long answers"])
@pytest.mark.parametrize("language", ["fr", "en", "nl", "nb"])
@pytest.mark.parametrize("kind", list(InterviewKind))
def test_the_signatures_never_stand_alone(kind: InterviewKind, language: str, long: bool) -> None:
    company = small_company()
    employee = company.employees[0]
    interview = replace(
        Interview("X", kind, InterviewStatus.HELD, date(2026, 11, 2)),
        answers=_answers(kind, long) or None,
    )
    data = interview_report(company, employee, interview, language)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    last = pages[-1].split("\n")
    # The header's two lines, then something of the report before the signatures' heading.
    headings = [i for i, line in enumerate(last) if line.strip() and i >= 2]
    signatures_at = next(
        i
        for i, line in enumerate(last)
        if line.startswith(("Signatures", "Signaturer", "Handtekeningen"))
    )
    assert headings and headings[0] < signatures_at, f"{kind} {language}: {last[:6]}"


@pytest.mark.parametrize("kind", list(InterviewKind))
def test_the_signatures_stay_on_the_page_when_there_is_room(kind: InterviewKind) -> None:
    """A page break comes before the signatures only when they do not fit: the page with
    the last comments also holds the signatures when it has room for them (measured: the
    signatures with the last section fit whenever the previous page is no more than a
    quarter full: a page of a dozen lines or fewer before them is a page break for
    nothing)."""
    company = small_company()
    employee = company.employees[0]
    interview = Interview("X", kind, InterviewStatus.HELD, date(2026, 11, 2))
    data = interview_report(company, employee, interview, "en")
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    before = pages[-2] if len(pages) > 1 else ""
    # The lines of the page before the signatures' page, header and footer apart: when it
    # holds little, the signatures should have gone on it.
    body = [line for line in before.split("\n")[2:-2] if line.strip()]
    assert not before or len(body) > 12, f"{kind}: {len(body)} lines: {body}"
