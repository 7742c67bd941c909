"""Bringing a register in: the seconds of the dry run and of the write, one part per source.

Part "spreadsheet": a 2,000-row ``.xlsx`` written with openpyxl (French headers, Excel dates
and day-first text dates, contracts and working times in words, a manager for most) is
imported into a file that holds a small company: the read of the sheet, the dry run (every
row read and checked, services/sheet_import.py) and the write (one change through the
gate), then a second dry run of the same sheet (everything unchanged). Target (issue 19):
the dry run and the write each under 3 s.

Part "dsn": a year of DSN for 300 people (12 monthly files, built as bench/import_dsn.py
builds them): the dry run, the write and a second dry run. Same target.

Each part is a function returning its figures (name -> seconds); another source adds its
own part to ``PARTS``.

Usage: ``python bench/import_sheet.py [--rows N]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from entretien_desktop.domain import Company
from entretien_desktop.i18n import set_language
from entretien_desktop.services import sheet_import
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database

TARGET_S = 3.0
TODAY = date(2026, 11, 22)
CONTRACTS = ("CDI", "CDI", "CDI", "CDD", "Apprenti", "Intérim", "Stage")
TIMES = ("Temps plein", "Temps plein", "Temps partiel 80 %", "Temps partiel 50 %")


def write_register(path: Path, rows: int) -> Path:
    """A register of ``rows`` employees as a payroll export would give it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Salariés"
    sheet.append(
        [
            "Matricule",
            "Nom",
            "Prénom",
            "Date de naissance",
            "Date d'entrée",
            "Contrat",
            "Temps de travail",
            "Poste",
            "Service",
            "Site",
            "Responsable",
        ]
    )
    for index in range(rows):
        birth = date(1960, 1, 1) + timedelta(days=(index * 37) % 14000)
        hire = date(2000, 1, 3) + timedelta(days=(index * 11) % 9000)
        sheet.append(
            [
                f"M{index:05d}",
                f"Nom{index}",
                f"Prénom{index}",
                birth if index % 2 else birth.strftime("%d/%m/%Y"),
                hire,
                CONTRACTS[index % len(CONTRACTS)],
                TIMES[index % len(TIMES)],
                "Technicien",
                f"Service {index % 12}",
                f"Site {index % 3}",
                "" if index < 10 else f"M{index % 10:05d}",
            ]
        )
    book.save(path)
    return path


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def spreadsheet_part(folder: Path, rows: int) -> dict[str, float]:
    """Read, dry run, write, and a second dry run of a ``rows``-row .xlsx."""
    path = write_register(folder / "registre.xlsx", rows)
    with open_database(folder / "sheet.sqlite") as database:
        workspace = Workspace(database, today=lambda: TODAY)
        workspace.create_company(Company(name="Bench", country="FR", headcount=rows))
        read_s, sheet = timed(lambda: sheet_import.read_sheet(path))
        assert isinstance(sheet, sheet_import.Sheet)
        settings = sheet_import.settings_for(sheet.headers)
        company = workspace.require_company()
        dry_s, plan = timed(lambda: sheet_import.dry_run(sheet, settings, company, TODAY))
        assert isinstance(plan, sheet_import.Plan)
        assert not plan.problems, plan.problems[:3]
        assert len(plan.added) == rows
        write_s, _written = timed(lambda: sheet_import.write(workspace, plan, path.name))
        company = workspace.require_company()
        again_s, again = timed(lambda: sheet_import.dry_run(sheet, settings, company, TODAY))
        assert isinstance(again, sheet_import.Plan) and len(again.unchanged) == rows
    return {
        "read": read_s,
        "dry run": dry_s,
        "write": write_s,
        "second dry run": again_s,
    }


def dsn_part(folder: Path) -> dict[str, float]:
    """A year of DSN for 300 people (12 monthly files, bench/import_dsn.py's): the dry run,
    the write, and a second dry run of the same year."""
    from entretien_desktop.services.dsn import import_files, plan_files  # noqa: PLC0415
    from import_dsn import PEOPLE, year  # noqa: PLC0415 (this folder's, the tests' builder)

    files = year(folder)
    with open_database(folder / "dsn.sqlite") as database:
        workspace = Workspace(database, today=lambda: TODAY)
        workspace.create_company(Company(name="Bench", country="FR", headcount=PEOPLE))
        dry_s, _plan = timed(lambda: plan_files(workspace, files))
        write_s, _done = timed(lambda: import_files(workspace, files))
        again_s, _again = timed(lambda: plan_files(workspace, files))
    return {"dry run": dry_s, "write": write_s, "second dry run": again_s}


PARTS: dict[str, Callable[[Path, argparse.Namespace], dict[str, float]]] = {
    "spreadsheet": lambda folder, args: spreadsheet_part(folder, args.rows),
    "dsn": lambda folder, _args: dsn_part(folder),
}
TARGETED = ("dry run", "write")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    set_language("en")
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for name, part in PARTS.items():
            part_folder = Path(folder) / name
            part_folder.mkdir()
            figures = part(part_folder, args)
            for what, seconds in figures.items():
                verdict = ""
                if what in TARGETED:
                    ok = seconds < TARGET_S
                    failed |= not ok
                    verdict = f"  (target < {TARGET_S:.0f} s: {'met' if ok else 'MISSED'})"
                print(f"{name:12} {what:16} {seconds:7.3f} s{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
