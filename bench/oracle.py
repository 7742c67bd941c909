"""The rules engine against the oracle (tests/oracle) on many generated employees.

Generates companies from a seed (tests/oracle/generate.py), evaluates each with the engine
(``evaluate_company``) and with the oracle, and prints: the employees and obligations
compared, the differences (target 0, each printed with its facts, the first ``--show``
of them), the time taken (generating, the engine, the oracle), and the in-process time of
bench/rules.py's workload (10,000 employees with 10 years of history, best of 5), so that
a fix found here can be seen not to slow the engine down. Exits 1 when there is a
difference.

Usage: ``python bench/oracle.py [--employees N] [--seed N] [--company-size N] [--show N]
[--no-workload]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

# The oracle lives with the tests: make the repository's root importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.oracle.compare import Difference, Tally, compare_company
from tests.oracle.evaluate import oracle_employee
from tests.oracle.generate import RandomSource, case

from entretien_desktop.rules import evaluate_company
from rules import RUNS, TODAY, load_workload, time_evaluation


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--company-size", type=int, default=40, help="at most, per company")
    parser.add_argument("--show", type=int, default=5, help="differences printed in full")
    parser.add_argument("--no-workload", action="store_true", help="skip bench/rules.py's")
    args = parser.parse_args()

    source = RandomSource(args.seed)
    tally = Tally()
    differences: list[Difference] = []
    generating = engine = oracle = 0.0
    while tally.employees < args.employees:
        started = time.perf_counter()
        company, as_of = case(source, source.integer(1, args.company_size))
        generating += time.perf_counter() - started
        differences += compare_company(company, as_of, tally)
        # The two sides timed apart (compare_company above runs both, with the comparison).
        started = time.perf_counter()
        evaluate_company(company, as_of)
        engine += time.perf_counter() - started
        started = time.perf_counter()
        for employee in company.employees:
            oracle_employee(company, employee, as_of)
        oracle += time.perf_counter() - started

    for difference in differences[: args.show]:
        print(difference.describe())
    print(f"seed {args.seed}")
    print(f"employees compared      {tally.employees:9,}")
    print(f"obligations compared    {tally.obligations:9,}")
    print(f"differences             {len(differences):9,}  (employees; target 0)")
    print(
        f"time                    {generating + engine + oracle:9.2f} s  (generating "
        f"{generating:.2f} s, engine {engine:.2f} s, oracle {oracle:.2f} s)"
    )
    if not args.no_workload:
        with tempfile.TemporaryDirectory() as folder:
            company = load_workload(Path(folder) / "c.sqlite", 10_000, 10)
            timings, obligations = time_evaluation(company, TODAY)
        print(
            f"bench/rules.py workload {min(timings):9.2f} s  (in-process, 10,000 employees, "
            f"{len(obligations):,} obligations; best of {RUNS}, median "
            f"{sorted(timings)[RUNS // 2]:.2f} s)"
        )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
