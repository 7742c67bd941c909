"""Import and export of a large company file: seconds and peak memory.

Builds a company of 10,000 employees with 10 years of history each (leaves, interviews,
trainings, certifications, progressions, medical visits), then times
``entretien-desktop import`` and ``export`` in this process through the same service
functions the command line calls. Targets (issue 2): import at most 10 s, export at most 5 s.

Usage: ``python bench/import.py [--employees N] [--years N]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import tempfile
import time
from multiprocessing.queues import Queue
from pathlib import Path

from entretien_desktop.services.company_file import (
    export_company,
    import_company,
    read_company_file,
)
from entretien_desktop.storage import open_database
from history import build_document

IMPORT_TARGET_S = 10.0
EXPORT_TARGET_S = 5.0


def _step(name: str, source: Path, db: Path, out: Path, results: Queue[tuple[float, int]]) -> None:
    """One timed step, run in a fresh process so that its peak memory is its own."""
    started = time.perf_counter()
    if name == "import":
        company = read_company_file(source)
        with open_database(db) as database:
            import_company(database, company)
    else:
        with open_database(db) as database:
            export_company(database, out)
    elapsed = time.perf_counter() - started
    results.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def measure(name: str, source: Path, db: Path, out: Path, target: float) -> None:
    context = multiprocessing.get_context("spawn")
    results: Queue[tuple[float, int]] = context.Queue()
    process = context.Process(target=_step, args=(name, source, db, out, results))
    process.start()
    elapsed, peak_kib = results.get()
    process.join()
    verdict = "within" if elapsed <= target else "OVER"
    print(
        f"{name:<7} {elapsed:6.2f} s  (target {target:.0f} s: {verdict})   "
        f"peak resident memory {peak_kib / 1024:6.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source, db, out = (Path(folder) / name for name in ("in.json", "c.sqlite", "out.json"))
        document = build_document(args.employees, args.years)
        source.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        rows = sum(
            len(e[k])
            for e in document["employees"]
            for k in ("leaves", "interviews", "trainings", "certifications", "progressions")
        )
        print(
            f"{args.employees} employees, {rows + 2 * args.employees} history rows, "
            f"file {source.stat().st_size / 2**20:.1f} MiB"
        )
        measure("import", source, db, out, IMPORT_TARGET_S)
        measure("export", source, db, out, EXPORT_TARGET_S)
        same = json.loads(out.read_text(encoding="utf-8")) == document
        print(f"round trip identical: {same}")


if __name__ == "__main__":
    main()
