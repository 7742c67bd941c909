"""The skills matrix printed and exported for a large company: 300 employees and 150 skills.

Builds the joinery of tests/skills_builders.py (about half the cells recorded, some twice,
certifications lapsed and lapsing), then prints the time to build the landscape PDF
(services/reports/skills_matrix_pdf.py) and the workbook (services/skills_matrix_xlsx.py),
in process and best of ``RUNS``, with the pages, sheets' rows and sizes.

Usage: ``python bench/skills_outputs.py [--employees N] [--skills N]``
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from entretien_desktop.domain import Company
from entretien_desktop.i18n import set_language
from entretien_desktop.services.reports.skills_matrix_pdf import skills_matrix_pdf
from entretien_desktop.services.skills_matrix_xlsx import export_skills_matrix_xlsx

RUNS = 3


def _company(employees: int, skills: int) -> tuple[Company, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.skills_builders import AS_OF, skills_company  # noqa: PLC0415

    return skills_company(employees, skills), AS_OF


def _best(work: Callable[[], object]) -> tuple[float, object]:
    timings, outcome = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        outcome = work()
        timings.append(time.perf_counter() - started)
    return min(timings), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=300)
    parser.add_argument("--skills", type=int, default=150)
    args = parser.parse_args()
    set_language("fr")
    company, as_of = _company(args.employees, args.skills)
    entries = sum(len(e.skill_levels) for e in company.employees)
    print(f"{args.employees} employees, {args.skills} skills, {entries} levels recorded")
    seconds, data = _best(lambda: skills_matrix_pdf(company, as_of))
    assert isinstance(data, bytes)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"PDF: {seconds:.2f} s (best of {RUNS}), {pages} pages, {len(data) / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "matrix.xlsx"
        seconds, written = _best(lambda: export_skills_matrix_xlsx(company, as_of, out))
        rows = getattr(written, "rows", {})
        size = out.stat().st_size / 1e6
        print(f".xlsx: {seconds:.2f} s (best of {RUNS}), {size:.2f} MB, rows {rows}")


if __name__ == "__main__":
    main()
