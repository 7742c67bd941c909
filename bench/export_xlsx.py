"""Exporting the register and the obligations of a large company to Excel.

Builds a file of 10,000 employees with 10 years of history each (bench/history.py, as
bench/rules.py does), evaluates their obligations once, then prints the time of each
workbook of services/xlsx_export.py (the rows shaped, the workbook written, the file
saved), in process and best of ``RUNS``, with its rows and size; then the wall time of
``entretien-desktop export-xlsx --what all`` on the file, opening and evaluating included.

Usage: ``python bench/export_xlsx.py [--employees N] [--years N]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from entretien_desktop.i18n import set_language
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.xlsx_export import Export, export_xlsx
from history import TODAY
from rules import load_workload

RUNS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    set_language("fr")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "c.sqlite"
        company = load_workload(db, args.employees, args.years)
        report = company_obligations(company, TODAY)
        print(f"{args.employees} employees, {len(report.obligations)} obligations as of {TODAY}")
        for what in (Export.REGISTER, Export.OBLIGATIONS, Export.TRAINING):
            out = Path(folder) / f"{what.value}.xlsx"
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                written = export_xlsx(report, what, out)
                timings.append(time.perf_counter() - started)
            rows = sum(written.rows.values())
            size = out.stat().st_size / 1_000_000
            print(
                f"{what.value:<12} {min(timings):6.2f} s  (best of {RUNS}; {rows} rows, "
                f"{size:.1f} MB)"
            )
        out = Path(folder) / "all.xlsx"
        command = [sys.executable, "-m", "entretien_desktop", "export-xlsx", "--db", str(db)]
        command += ["--out", str(out), "--what", "all", "--as-of", TODAY.isoformat()]
        started = time.perf_counter()
        subprocess.run([*command, "--lang", "fr"], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        print(f"export-xlsx --what all {wall:6.2f} s (wall: opened, evaluated, written)")


if __name__ == "__main__":
    main()
