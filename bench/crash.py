"""SIGKILL at random moments during creation, upgrade, import and everyday saves.

For each scenario and run, a child process (forked from this one, which has imported
everything already, so a run costs the work and not the start-up) does the work on a file
of its own and is killed at a random moment within 1.2 times what the work takes unkilled (the
saves: within a second of saving without pause). The child reports each change the moment
the file acknowledged it (after its commit). Then this process opens the file and counts:

- files that do not open afterwards (target 0);
- acknowledged changes lost (target 0): the upgraded company not whole, the import's
  company not there although acknowledged (or there only in part), the last acknowledged
  save not in the file.

Usage: ``python bench/crash.py [--runs 300] [--seed 13]`` (POSIX: it forks).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from entretien_desktop.domain import Company
from entretien_desktop.services.company_file import import_company, load_company, read_company_file
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_0001 = ROOT / "tests" / "data" / "schema-0001.sqlite"
EXAMPLE = ROOT / "tests" / "data" / "examples" / "rules-cases.company.json"
SAVES_WINDOW_S = 1.0


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    acknowledged: int = 0
    unopenable: int = 0
    lost: int = 0
    notes: list[str] = field(default_factory=list)


def _ack(pipe: int, text: str) -> None:
    os.write(pipe, (text + "\n").encode())


def _create(path: Path, _pipe: int, _company: Company) -> None:
    open_database(path).close()


def _upgrade(path: Path, _pipe: int, _company: Company) -> None:
    open_database(path).close()


def _import(path: Path, pipe: int, company: Company) -> None:
    with open_database(path) as database:
        import_company(database, company)
    _ack(pipe, "imported")


def _saves(path: Path, pipe: int, _company: Company) -> None:
    with open_database(path) as database:
        workspace = Workspace(database, lambda: date(2026, 11, 22))
        ref = workspace.require_company().employees[0].ref
        number = 0
        while True:
            number += 1
            workspace.update_employee(ref, lambda: "bench", job_title=f"job {number}")
            _ack(pipe, str(number))


def _prepare(scenario: str, path: Path, company: Company) -> None:
    if scenario == "upgrade":
        shutil.copyfile(SCHEMA_0001, path)
    elif scenario == "saves":
        with open_database(path) as database:
            import_company(database, company)


def _run_child(
    work: Callable[[Path, int, Company], None], path: Path, company: Company, kill_after: float
) -> tuple[bool, list[str]]:
    """Run ``work`` in a child killed after ``kill_after`` seconds; (killed, acks)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            work(path, write_end, company)
        except BaseException:
            os._exit(1)
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + kill_after
    killed = False
    while True:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed = True
            break
        time.sleep(0.0005)
    with os.fdopen(read_end, "rb") as pipe:
        acks = pipe.read().decode().split()
    return killed, acks


def _check(scenario: str, path: Path, company: Company, acks: list[str], tally: Tally) -> None:
    try:
        with open_database(path) as database:
            stored = load_company(database)
    except Exception as error:
        tally.unopenable += 1
        tally.notes.append(f"{scenario}: {type(error).__name__}: {error}")
        return
    if scenario == "upgrade" and stored != company:
        tally.lost += 1
        tally.notes.append("upgrade: the company is not whole")
    elif scenario == "import" and (
        ("imported" in acks and stored != company) or stored not in {None, company}
    ):
        tally.lost += 1
        tally.notes.append("import: acknowledged or partial company")
    elif scenario == "saves" and acks:
        assert stored is not None
        title = stored.employees[0].job_title
        kept = int(title.split()[-1]) if title.startswith("job ") else 0
        if kept < int(acks[-1]):
            tally.lost += 1
            tally.notes.append(f"saves: acknowledged {acks[-1]}, kept {kept}")


WORK = {"create": _create, "upgrade": _upgrade, "import": _import, "saves": _saves}


def _duration(scenario: str, folder: Path, company: Company) -> float:
    """How long the work takes unkilled: the longest of three runs (the saves: a fixed
    window)."""
    if scenario == "saves":
        return SAVES_WINDOW_S
    times = []
    for _ in range(3):
        path = folder / "timing.sqlite"
        _prepare(scenario, path, company)
        start = time.perf_counter()
        _run_child(WORK[scenario], path, company, 60.0)
        times.append(time.perf_counter() - start)
        for leftover in folder.iterdir():
            leftover.unlink()
    return max(times)


def _warm_up(folder: Path, company: Company) -> None:
    """Import here, once, what the work imports on first use (Alembic, the migrations),
    so that every child starts from the same point."""
    with open_database(folder / "warm.sqlite") as database:
        import_company(database, company)
        load_company(database)
    for leftover in folder.iterdir():
        leftover.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--scenarios", default="create,upgrade,import,saves")
    args = parser.parse_args()
    if not hasattr(os, "fork"):
        sys.exit("This benchmark forks: run it on Linux or macOS.")
    rng = random.Random(args.seed)
    example = read_company_file(EXAMPLE)
    print(f"{args.runs} runs per scenario, seed {args.seed}")
    total = Tally()
    for scenario in args.scenarios.split(","):
        tally = Tally()
        company = example if scenario != "saves" else replace(example)
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            _warm_up(folder, company)
            took = _duration(scenario, folder, company)
            started = time.perf_counter()
            for run in range(args.runs):
                run_folder = folder / str(run)
                run_folder.mkdir()
                path = run_folder / "c.sqlite"
                _prepare(scenario, path, company)
                killed, acks = _run_child(WORK[scenario], path, company, rng.uniform(0, took * 1.2))
                tally.runs += 1
                tally.killed += killed
                tally.acknowledged += bool(acks)
                _check(scenario, path, company, acks, tally)
                shutil.rmtree(run_folder)
            elapsed = time.perf_counter() - started
        print(
            f"{scenario:8} runs {tally.runs:4}  killed {tally.killed:4}  "
            f"with acknowledged changes {tally.acknowledged:4}  "
            f"work unkilled {took * 1000:6.0f} ms  files that do not open {tally.unopenable}  "
            f"acknowledged changes lost {tally.lost}  ({elapsed:.0f} s)"
        )
        for note in tally.notes[:5]:
            print(f"    {note}")
        total.runs += tally.runs
        total.unopenable += tally.unopenable
        total.lost += tally.lost
    verdict = "met" if total.unopenable == 0 and total.lost == 0 else "NOT MET"
    print(
        f"all     runs {total.runs:4}  files that do not open {total.unopenable}  "
        f"acknowledged changes lost {total.lost}  (targets 0 and 0: {verdict})"
    )


if __name__ == "__main__":
    main()
