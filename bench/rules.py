"""Evaluating every obligation of a large company, in process and through ``check --json``.

Builds a file of 10,000 employees with 10 years of history each (bench/history.py), then
prints: the in-process time of ``evaluate_company`` over everyone (best and median of 5
runs after loading the company, and the first, which also fills the caches of dates and
sentences); the wall time of ``entretien-desktop check --json`` on the file; and the wall
time of a baseline program that only reads every row of the same file and prints it as
JSON, with the ratio of the two; and a digest of the answers, which a change meant only to
make the engine faster must leave unchanged. Targets (issue 3): in-process at most 0.5 s;
``check --json`` at most 3 times the baseline.

Usage: ``python bench/rules.py [--employees N] [--years N]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from entretien_desktop.domain import Company
from entretien_desktop.i18n import set_language
from entretien_desktop.rules import Obligation, evaluate_company
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.storage import open_database
from history import TODAY, build_document

IN_PROCESS_TARGET_S = 0.5
RATIO_TARGET = 3.0
RUNS = 5

BASELINE = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in connection.execute(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
out = {}
for table in tables:
    cursor = connection.execute(f'SELECT * FROM "{table}"')
    names = [c[0] for c in cursor.description]
    out[table] = [dict(zip(names, row)) for row in cursor]
json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
"""


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def answers_digest(obligations: list[Obligation]) -> str:
    """SHA-256 of every obligation and its French explanation: a change meant to make the
    engine faster must leave it as it was."""
    set_language("fr")
    digest = hashlib.sha256()
    for o in obligations:
        digest.update(repr((*o[:7], o.amount_at_stake_eur, o.satisfied_on)).encode())
        digest.update(o.explanation.encode())
    return digest.hexdigest()[:16]


def load_workload(db: Path, employees: int, years: int) -> Company:
    """The company of the measurement, written into ``db`` and loaded back from it."""
    document = build_document(employees, years)
    company = read_company_document(json.dumps(document).encode("utf-8"))
    with open_database(db) as database:
        import_company(database, company)
        loaded = load_company(database)
    assert loaded is not None
    return loaded


def time_evaluation(company: Company, as_of: date) -> tuple[list[float], list[Obligation]]:
    """The time of ``evaluate_company`` in each of ``RUNS`` runs, and its answer."""
    timings = []
    obligations: list[Obligation] = []
    for _ in range(RUNS):
        # The previous run's result is let go before the clock starts: freeing 150,000
        # obligations is not part of evaluating them (about 45 ms here).
        del obligations
        started = time.perf_counter()
        obligations = evaluate_company(company, as_of)
        timings.append(time.perf_counter() - started)
    return timings, obligations


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    as_of: date = TODAY
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "c.sqlite"
        loaded = load_workload(db, args.employees, args.years)
        timings, obligations = time_evaluation(loaded, as_of)
        best, median = min(timings), sorted(timings)[RUNS // 2]
        verdict = "within" if best <= IN_PROCESS_TARGET_S else "OVER"
        print(f"{args.employees} employees, {len(obligations)} obligations as of {as_of}")
        print(
            f"in-process evaluation   {best:6.2f} s  (best of {RUNS}, median {median:.2f} s, "
            f"first {timings[0]:.2f} s; target {IN_PROCESS_TARGET_S} s: {verdict})"
        )
        started = time.perf_counter()
        texts = [o.explanation for o in obligations]
        print(f"wording every explanation {time.perf_counter() - started:5.2f} s ({len(texts)})")
        print(f"digest of the answers     {answers_digest(obligations)}")
        check = wall_time(
            [
                sys.executable,
                "-m",
                "entretien_desktop",
                "check",
                "--db",
                str(db),
                "--json",
                "--as-of",
                as_of.isoformat(),
                "--lang",
                "en",
            ]
        )
        baseline = wall_time([sys.executable, "-c", BASELINE, str(db)])
        ratio = check / baseline
        verdict = "within" if ratio <= RATIO_TARGET else "OVER"
        print(f"check --json            {check:6.2f} s")
        print(f"baseline (rows as JSON) {baseline:6.2f} s")
        print(f"ratio                   {ratio:6.2f}  (target {RATIO_TARGET}: {verdict})")


if __name__ == "__main__":
    main()
