"""Figures of data safety (issue 18), one section each; ``main`` runs the sections asked for.

``encryption``: the cost of encryption at rest on a company of 10,000 employees with 10
years of history, plain and encrypted in this process: the open of the file (the passphrase's
key derived, the file examined; target under 0.5 s), the import, and the load of the company
plus the evaluation of the rules that ``check`` does (targets: at most 1.5 times the plain
file's); then how many of the company's names and numbers can be read in the encrypted file's
bytes (target 0).

``crash``: SIGKILL during writes through the gate (``Workspace.change``), at random moments.
Each run forks a child (from this process, which has imported everything already, so that
a run costs the work and not the start-up) that opens a copy of a company's file and adds
one employee per change, each change one commit through the gate, and writes the new
employee's reference to a pipe the moment the change is acknowledged (after its commit).
This process kills it with SIGKILL after a random delay, then opens the file with
``open_database`` and counts:

- acknowledged changes lost (target 0): an employee acknowledged and not in the file;
- integrity failures (target 0): the file does not open, or ``PRAGMA integrity_check``
  of the file afterwards is not ``ok``.

bench/crash.py kills creation, upgrade and import the same way (its child runner is the
one used here).

A section is a function taking the parsed options and returning its figures; to add one,
write it and name it in ``SECTIONS``.

Usage: ``python bench/safety.py [--runs 300] [--seed 18] [--employees 10000]
[--sections crash,encryption]`` (POSIX: the crash section forks).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crash import _run_child  # bench/crash.py: fork, acknowledge through a pipe, SIGKILL
from entretien_desktop.domain import Company, Contract, Employee
from entretien_desktop.rules.engine import evaluate_company
from entretien_desktop.services.company_file import import_company, load_company, read_company_file
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.storage.cipher import FileKey
from entretien_desktop.storage.snapshots import integrity_problems
from history import build_document  # bench/history.py: a company with years of history

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "examples" / "rules-cases.company.json"
TODAY = date(2026, 11, 22)
KILL_WITHIN_S = 0.8
"""The child is killed after a delay drawn uniformly below this (it opens the file, then
writes without pause until killed)."""


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass
class CrashTally:
    runs: int = 0
    killed: int = 0
    acknowledged: int = 0
    lost: int = 0
    integrity_failures: int = 0
    notes: list[str] = field(default_factory=list)


def _writes(path: Path, pipe: int, _company: Company) -> None:
    """The child: one new employee per change through the gate, acknowledged once
    committed, until killed."""
    with open_database(path) as database:
        workspace = Workspace(database, lambda: TODAY)
        workspace.require_company()
        number = 0
        while True:
            number += 1
            ref = f"K{number}"
            workspace.save_employee(
                Employee(ref, "Kill", f"Number {number}", TODAY, Contract.PERMANENT)
            )
            os.write(pipe, f"{ref}\n".encode())


def _check(path: Path, acks: list[str], tally: CrashTally) -> None:
    try:
        with open_database(path) as database:
            stored = load_company(database)
    except Exception as error:  # every failure to open is a finding
        tally.integrity_failures += 1
        tally.notes.append(f"does not open: {type(error).__name__}: {error}")
        return
    kept = set() if stored is None else {employee.ref for employee in stored.employees}
    lost = [ref for ref in acks if ref not in kept]
    tally.lost += len(lost)
    if lost:
        tally.notes.append(f"lost {lost[:5]} of {len(acks)} acknowledged")
    problems = integrity_problems(path)
    if problems:
        tally.integrity_failures += 1
        tally.notes.append(f"integrity_check: {problems[:3]}")


def crash_section(args: argparse.Namespace) -> list[Figure]:
    rng = random.Random(args.seed)
    company = read_company_file(EXAMPLE)
    tally = CrashTally()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        template = folder / "template.entretien"
        with open_database(template) as database:
            import_company(database, company)
            load_company(database)  # imported here once: every child starts from this point
        started = time.perf_counter()
        for run in range(args.runs):
            run_folder = folder / str(run)
            run_folder.mkdir()
            path = run_folder / "c.entretien"
            shutil.copyfile(template, path)
            killed, acks = _run_child(_writes, path, company, rng.uniform(0, KILL_WITHIN_S))
            tally.runs += 1
            tally.killed += killed
            tally.acknowledged += len(acks)
            _check(path, acks, tally)
            shutil.rmtree(run_folder)
        elapsed = time.perf_counter() - started
    for note in tally.notes[:5]:
        print(f"    {note}")
    return [
        Figure("runs", str(tally.runs)),
        Figure("killed by SIGKILL", str(tally.killed)),
        Figure("acknowledged changes", str(tally.acknowledged)),
        Figure("acknowledged changes lost", str(tally.lost), "0", tally.lost == 0),
        Figure(
            "integrity failures",
            str(tally.integrity_failures),
            "0",
            tally.integrity_failures == 0,
        ),
        Figure("time", f"{elapsed:.0f} s"),
    ]


PASSPHRASE = "Une phrase de passe pour le banc d'essai"


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def encryption_section(args: argparse.Namespace) -> list[Figure]:
    """The cost of encryption on a company of ``--employees`` (10 years of history each),
    plain and encrypted in this process: the open (the passphrase's derivation and the
    file's examination), the import, and the load plus the evaluation of the rules that
    ``check`` does; then the plain text of names and answers found in the encrypted file."""
    document = build_document(args.employees, 10)
    company = read_company_document(json.dumps(document).encode("utf-8"))
    names = sorted({e.last_name for e in company.employees} | {e.ref for e in company.employees})
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as temporary:
        plain, encrypted = Path(temporary) / "plain.entretien", Path(temporary) / "secret.entretien"

        def import_into(path: Path, key: FileKey | None) -> None:
            with open_database(path, key) as database:
                import_company(database, company)

        plain_import = _timed(lambda: import_into(plain, None))
        secret_import = _timed(lambda: import_into(encrypted, FileKey.new(PASSPHRASE)))

        def open_and_peek(path: Path, passphrase: str | None) -> None:
            key = None if passphrase is None else FileKey.of_file(path, passphrase)
            with open_database(path, key) as database:
                database.peek_summary()

        opens_plain = [_timed(lambda: open_and_peek(plain, None)) for _ in range(5)]
        opens_secret = [_timed(lambda: open_and_peek(encrypted, PASSPHRASE)) for _ in range(5)]

        def check(path: Path, passphrase: str | None) -> None:
            key = None if passphrase is None else FileKey.of_file(path, passphrase)
            with open_database(path, key) as database:
                loaded = load_company(database)
            assert loaded is not None
            evaluate_company(loaded, TODAY)

        check_plain = min(_timed(lambda: check(plain, None)) for _ in range(3))
        check_secret = min(_timed(lambda: check(encrypted, PASSPHRASE)) for _ in range(3))
        data = b"".join(p.read_bytes() for p in (encrypted, Path(f"{encrypted}-wal")) if p.exists())
        readable = [n for n in names if n.encode() in data]
        in_plain = sum(1 for n in names if n.encode() in plain.read_bytes())
    open_median = sorted(opens_secret)[2]
    figures += [
        Figure("employees", f"{args.employees:,}"),
        Figure("open, plain (median of 5)", f"{sorted(opens_plain)[2] * 1000:.0f} ms"),
        Figure(
            "open, encrypted (median of 5)",
            f"{open_median * 1000:.0f} ms",
            "under 500 ms",
            open_median < 0.5,
        ),
        Figure("import, plain", f"{plain_import:.2f} s"),
        Figure("import, encrypted", f"{secret_import:.2f} s"),
        Figure(
            "import slowdown",
            f"{secret_import / plain_import:.2f}x",
            "at most 1.5x",
            secret_import / plain_import <= 1.5,
        ),
        Figure("load + rules, plain (best of 3)", f"{check_plain:.2f} s"),
        Figure("load + rules, encrypted", f"{check_secret:.2f} s"),
        Figure(
            "rules slowdown",
            f"{check_secret / check_plain:.2f}x",
            "at most 1.5x",
            check_secret / check_plain <= 1.5,
        ),
        Figure("names readable, plain file", f"{in_plain} of {len(names)}"),
        Figure(
            "names readable, encrypted",
            f"{len(readable)} of {len(names)}",
            "0",
            not readable,
        ),
    ]
    return figures


SECTIONS: dict[str, Callable[[argparse.Namespace], list[Figure]]] = {
    "crash": crash_section,
    "encryption": encryption_section,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="runs of the crash section")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument(
        "--employees", type=int, default=10_000, help="employees of the encryption section"
    )
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated")
    args = parser.parse_args()
    # Each killed child leaves its lock behind, which the next open recovers and logs.
    logging.getLogger("entretien_desktop").setLevel(logging.ERROR)
    if not hasattr(os, "fork"):
        sys.exit("This benchmark forks: run it on Linux or macOS.")
    all_met = True
    for name in args.sections.split(","):
        print(f"== {name} (seed {args.seed})", flush=True)
        for figure in SECTIONS[name](args):
            target = ""
            if figure.target:
                target = f"  (target {figure.target}: {'met' if figure.met else 'NOT MET'})"
                all_met = all_met and bool(figure.met)
            print(f"{figure.label:28} {figure.value}{target}")
    print("all targets met" if all_met else "SOME TARGETS NOT MET")


if __name__ == "__main__":
    main()
