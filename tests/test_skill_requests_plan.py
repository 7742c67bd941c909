"""The printed training plan lists the trainings requested from the skills map, with the
gap that led to each and its decision, after the interview forms' requests; a company
whose skills map requested nothing has no such part. The spreadsheet's requests sheet has
them as the page lists them."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from entretien_desktop.domain import Company, RequestState, SkillRequest
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.reports import training_plan
from entretien_desktop.services.xlsx_export import Export, export_xlsx
from tests.skills_company import TODAY, joinery


def text_of(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def with_requests() -> Company:
    company = joinery()
    camille = replace(
        company.employees[1],
        skill_requests=(
            SkillRequest(
                "skill-1",
                "cnc",
                "CNC 5 axes - perfectionnement",
                date(2026, 11, 2),
                "Camille Roux is below her job's level in CNC 5 axes.",
            ),
        ),
    )
    julien = replace(
        company.employees[2],
        skill_requests=(
            SkillRequest(
                "skill-2",
                "caces",
                "CACES R489 (renewal)",
                date(2026, 10, 5),
                "Julien Petit's CACES expires on December 20, 2026.",
                RequestState.APPROVED,
            ),
        ),
    )
    employees = (company.employees[0], camille, julien, *company.employees[3:])
    return replace(company, employees=employees)


def test_the_plan_lists_the_skills_map_requests_still_to_come_first() -> None:
    text = text_of(training_plan(with_requests(), TODAY, "en"))
    assert "Requested from the skills map" in text
    part = text[text.index("Requested from the skills map") :]
    assert part.index("CNC 5 axes - perfectionnement") < part.index("CACES R489 (renewal)")
    assert "Camille Roux is below her job's level in CNC 5 axes." in part
    assert "Approved" in part


def test_no_part_without_requests_from_the_skills_map() -> None:
    assert "Requested from the skills map" not in text_of(training_plan(joinery(), TODAY, "en"))


def test_the_spreadsheet_of_requests_has_them_too(tmp_path: Path) -> None:
    report = company_obligations(with_requests(), TODAY)
    export_xlsx(report, Export.TRAINING, tmp_path / "plan.xlsx", "en")
    sheet = load_workbook(tmp_path / "plan.xlsx")["Training requests"]
    rows = [row[:6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [
        ("M2", "Camille Roux", "CNC 5 axes - perfectionnement", "Requested", None, None),
        ("M3", "Julien Petit", "CACES R489 (renewal)", "Approved", None, None),
    ]
