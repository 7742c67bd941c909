"""A year of DSN for 300 people (12 monthly files): seconds for the dry run and for the
write (issue 19; target: each under 3 s).

Run: ``.venv/bin/python bench/import_dsn.py``.
"""

from __future__ import annotations

import calendar
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' DSN builder

from tests.dsn_builder import Person, write_dsn

from entretien_desktop.domain import Company
from entretien_desktop.services.dsn import import_files, plan_files
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database

PEOPLE = 300


def year(folder: Path) -> list[Path]:
    files = []
    for month in range(1, 13):
        people = []
        for n in range(PEOPLE):
            person = Person(
                nir=f"{1 + n % 2}{80 + n % 20:02d}{1 + n % 12:02d}75{n:06d}",
                last_name=f"NOM{n:03d}",
                first_names=f"Prénom{n:03d}",
                birth=date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                matricule=f"M{n:04d}",
                start=date(2015 + n % 10, 1 + n % 12, 1),
                nature="02" if n % 10 == 0 else "01",
            )
            if n % 15 == 0 and month >= 3:  # a stoppage opened in March, closed in May
                back = date(2026, 5, 4) if month >= 5 else None
                person.stoppages = [("01", date(2026, 3, 9), back)]
            if n % 40 == 1 and month >= 6:  # parental education leave, month by month
                first = date(2026, month, 1)
                last = first.replace(day=calendar.monthrange(2026, month)[1])
                person.suspensions = [("632", first, last)]
            if n % 50 == 2 and month == 9:
                person.end = date(2026, 9, 30)
            if n % 50 == 2 and month > 9:
                continue
            people.append(person)
        files.append(write_dsn(folder, date(2026, month, 1), people))
    return files


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        files = year(folder)
        database = open_database(folder / "bench.entretien")
        try:
            workspace = Workspace(database)
            workspace.create_company(Company(name="Bench", country="FR", headcount=PEOPLE))
            started = time.perf_counter()
            plan = plan_files(workspace, files)
            dry = time.perf_counter() - started
            started = time.perf_counter()
            import_files(workspace, files)
            write = time.perf_counter() - started
            started = time.perf_counter()
            again = plan_files(workspace, files)
            second = time.perf_counter() - started
        finally:
            database.close()
    print(f"{len(files)} files, {plan.people} people, {len(plan.leaves_added)} leaves")
    print(f"dry run: {dry:.2f} s")
    print(f"write:   {write:.2f} s (dry run again inside the change)")
    print(f"dry run of the same year once imported: {second:.2f} s ({again.unchanged} unchanged)")


if __name__ == "__main__":
    main()
