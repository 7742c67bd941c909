"""PDF reports, measured: one interview report, the register of 1,000 employees, a batch.

Prints (issue 6): the in-process time of one interview report (a filled professional
interview of the demo company; the first call, which loads the fonts, and the best of 5
after it); the time of the compliance register of a 1,000-employee company with 10 years
of history (bench/history.py); and 200 interview reports in a row, as reports per second.
Targets: one report at most 150 ms; the register at most 5 s.

Usage: ``python bench/reports.py [--employees N] [--batch N]``
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from itertools import cycle, islice

from entretien_desktop.domain import InterviewKind
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.reports import compliance_register, interview_report
from history import TODAY, build_document

REPORT_TARGET_S = 0.150
REGISTER_TARGET_S = 5.0


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()

    demo = build_demo_company(TODAY)
    filled = [(e, i) for e in demo.employees for i in e.interviews if i.answers]
    employee, interview = next((e, i) for e, i in filled if i.kind is InterviewKind.PROFESSIONAL)
    first = timed(lambda: interview_report(demo, employee, interview))
    best = min(timed(lambda: interview_report(demo, employee, interview)) for _ in range(5))
    verdict = "within" if best <= REPORT_TARGET_S else "OVER"
    print(
        f"one interview report     first {first * 1000:6.0f} ms, then best of 5 "
        f"{best * 1000:6.0f} ms  (target {REPORT_TARGET_S * 1000:.0f} ms: {verdict})"
    )

    document = build_document(args.employees, 10)
    company = read_company_document(json.dumps(document).encode("utf-8"))
    pages: list[bytes] = []
    register = timed(lambda: pages.append(compliance_register(company, TODAY)))
    verdict = "within" if register <= REGISTER_TARGET_S else "OVER"
    print(
        f"register, {args.employees} employees  {register:6.2f} s, "
        f"{len(pages[0]) // 1024} KiB  (target {REGISTER_TARGET_S} s: {verdict})"
    )

    batch = list(islice(cycle(filled), args.batch))
    elapsed = timed(lambda: [interview_report(demo, e, i) for e, i in batch])
    print(
        f"batch of {args.batch} reports     {elapsed:6.2f} s, "
        f"{args.batch / elapsed:5.1f} reports per second"
    )


if __name__ == "__main__":
    main()
