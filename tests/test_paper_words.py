"""Nothing internal on paper: every PDF of the demo company, in the four languages, is read
back and holds no template key ("professional@1"), no record id ("DEMO-0024") and no raw
value of a closed list ("summary_review", "company_plan")."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from entretien_desktop.domain import Company, Contract, InterviewKind, LeaveKind, WorkingTime
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.reports import (
    compliance_register,
    employee_dossier,
    interview_report,
    invitation_letter,
    training_plan,
)

pytestmark = pytest.mark.slow

TODAY = date(2026, 12, 4)
TEMPLATE_KEY = re.compile(r"\b[a-z_]+@\d+\b")
RECORD_ID = re.compile(r"\bDEMO-\d+\b")  # the demo's interview ids
# Values of closed lists as the file stores them: with an underscore they are never words.
RAW = {
    value
    for kind in (InterviewKind, Contract, LeaveKind, WorkingTime)
    for value in (member.value for member in kind)
    if "_" in value
} | {"company_plan", "not_mandatory"}


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _documents(company: Company, language: str) -> list[tuple[str, bytes]]:
    documents = [
        ("register", compliance_register(company, TODAY, language)),
        ("plan", training_plan(company, TODAY, language)),
    ]
    for employee in company.employees[:4]:
        documents.append(
            (f"dossier {employee.ref}", employee_dossier(company, employee, TODAY, language))
        )
    for employee in company.employees:
        for interview in employee.interviews:
            if interview.answers:
                documents.append(
                    (
                        f"report {interview.id}",
                        interview_report(company, employee, interview, language),
                    )
                )
            elif interview.date is not None and interview.status.value in {"planned", "invited"}:
                documents.append(
                    (
                        f"letter {interview.id}",
                        invitation_letter(company, employee, interview, language),
                    )
                )
    return documents


@pytest.mark.parametrize("language", ["fr", "en", "nl", "nb"])
def test_no_internal_key_or_raw_value_on_paper(language: str) -> None:
    company = build_demo_company(TODAY)
    found = []
    for name, data in _documents(company, language):
        text = _text(data)
        found += [f"{name}: {key}" for key in TEMPLATE_KEY.findall(text)]
        found += [f"{name}: {key}" for key in RECORD_ID.findall(text)]
        found += [f"{name}: {raw}" for raw in RAW if raw in text]
    assert found == []


def test_how_a_certification_was_obtained_is_in_words() -> None:
    company = build_demo_company(TODAY)
    employee = next(
        e for e in company.employees if any(c.via == "training" for c in e.certifications)
    )
    text = " ".join(_text(employee_dossier(company, employee, TODAY, "fr")).split())
    text = text.replace("’", "'")  # the typographic apostrophe of French print
    title = next(c.title for c in employee.certifications if c.via == "training")
    assert re.search(re.escape(title) + r".{0,40}? Formation", text), text
    assert " training" not in text
