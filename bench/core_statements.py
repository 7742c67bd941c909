"""The company's bulk statements, as SQLAlchemy Core sends them (issue 20): seconds.

Imports a company of N employees with 10 years of history (``bench/history.py``'s) into a
data file and into a throwaway PostgreSQL server (local socket, fsync on unless
``--fast``), then reads it whole back from each, as the window and ``check`` do; a fresh
process each time, best of ``--runs``. Prints each figure and the ratio server/file.

Run it on two versions of the program to compare them: ``PYTHONPATH=OTHER/src python
bench/core_statements.py`` runs another checkout's code with this bench.

Usage: ``python bench/core_statements.py [--employees N] [--runs N] [--fast]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.queues import Queue
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.postgres_server

from tests.postgres_server import start_server, stop_server

import entretien_desktop
from entretien_desktop.services.company_file import import_company, read_company_file
from entretien_desktop.storage import Database, open_database, open_server
from history import build_document


def _open(target: str) -> Database:
    return open_server(target) if "://" in target else open_database(Path(target))


def _import(target: str, source: Path, results: Queue[float]) -> None:
    company = read_company_file(source)
    started = time.perf_counter()
    with _open(target) as database:
        import_company(database, company)
    results.put(time.perf_counter() - started)


def _load(target: str, results: Queue[float]) -> None:
    with _open(target) as database:
        started = time.perf_counter()
        with database.unit_of_work() as uow:
            company = uow.company.load()
        assert company is not None and company.employees
        results.put(time.perf_counter() - started)


def _in_process(function: object, *args: object) -> float:
    context = multiprocessing.get_context("spawn")
    results: Queue[float] = context.Queue()
    process = context.Process(target=function, args=(*args, results))
    process.start()
    elapsed = results.get()
    process.join()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fast", action="store_true", help="the tests' server: no fsync")
    args = parser.parse_args()
    print(f"code: {Path(entretien_desktop.__file__).parent}")
    server = start_server(durable=not args.fast)
    try:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "company.json"
            document = build_document(args.employees, 10)
            source.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
            figures: dict[str, list[float]] = {}
            for run in range(args.runs):
                data_file, url = str(Path(folder) / f"c{run}.entretien"), server.create_database()
                for where, target in (("file", data_file), ("server", url)):
                    figures.setdefault(f"import {where}", []).append(
                        _in_process(_import, target, source)
                    )
                    figures.setdefault(f"load {where}", []).append(_in_process(_load, target))
        print(f"{args.employees} employees with 10 years of history; best of {args.runs}")
        for step in ("import", "load"):
            in_file, on_server = min(figures[f"{step} file"]), min(figures[f"{step} server"])
            print(
                f"{step:<7} file {in_file:6.2f} s   server {on_server:6.2f} s   "
                f"ratio {on_server / in_file:4.2f}"
            )
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
