"""The shared PostgreSQL server against the data file (issue 20): seconds and ratios.

Starts a throwaway server the way the tests do (``tests/postgres_server.py``: ``initdb`` in
a temporary folder, a local socket, no TCP port). Unless ``--fast`` is given, the server
syncs to disk as a real one does (``fsync`` on); the tests' server has durability off.

Prints, for the file and for the server, and the ratio server/file (target: within 2x):

- the import of N employees with 10 years of history (``bench/history.py``'s company),
  through ``import_company`` as ``entretien-desktop import`` does;
- ``entretien-desktop check --json`` on that company, a fresh process each;
- the window opened offscreen on that company, from the process's start to the first
  dashboard painted with its figures (a fresh process each, best of ``--runs``).

Then a simulated day of ``--users`` users (one process each) on one company on the
server for ``--seconds`` seconds: each adds trainings to three employees every user
shares (a user's copy of the company goes stale as the others write) and types in the
form of an interview of its own (the form's autosave: changes that merge). Prints the
edits per second held, the conflicts detected (a refusal of a stale write, if the program
has optimistic concurrency: an exception whose name says stale or conflict; the user
reloads and does it again) and the edits lost: every training a user saw saved, looked
for at the end, and every form's last text.

Usage: ``python bench/server.py [--employees N] [--runs N] [--users N] [--seconds S]
[--fast]`` (PostgreSQL's binaries needed: ``make test`` installs them).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from multiprocessing.queues import Queue
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.postgres_server

from tests.postgres_server import PostgresServer, start_server, stop_server

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Training,
)
from entretien_desktop.services.company_file import import_company, read_company_file
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_database, open_server
from history import build_document

RATIO_TARGET = 2.0
AS_OF = "2026-11-23"
SHARED = ("S1", "S2", "S3")
DAY = date(2026, 11, 23)

WINDOW = """
import sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication
from entretien_desktop.app import Session, build_window
from entretien_desktop.storage import open_database, open_server
app = QApplication([])
settings = QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat)
target = sys.argv[1]
database = open_server(target) if "://" in target else open_database(Path(target))
session = Session(settings)
window = build_window(database, settings, session._file_actions(database), QThreadPool())
loop = QEventLoop()
window.feed.report_ready.connect(lambda _report: loop.quit())
window.show()
window.feed.refresh()
if window.feed.latest is None:
    loop.exec()
window.show_page(0)
window.grab()  # the dashboard painted, with its figures
print("painted", flush=True)
window.close()
database.close()
"""


def _environment() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def _timed_process(argv: list[str], expected: str | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=_environment())
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or (expected is not None and expected not in done.stdout):
        raise RuntimeError(f"{argv[:3]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def _import(target: str, source: Path, results: Queue[float]) -> None:
    """One import in a fresh process (as the command line runs it)."""
    started = time.perf_counter()
    company = read_company_file(source)
    with _open(target) as database:
        import_company(database, company)
    results.put(time.perf_counter() - started)


def _open(target: str) -> Database:
    return open_server(target) if "://" in target else open_database(Path(target))


def _in_process(function: object, *args: object) -> float:
    context = multiprocessing.get_context("spawn")
    results: Queue[float] = context.Queue()
    process = context.Process(target=function, args=(*args, results))
    process.start()
    elapsed = results.get()
    process.join()
    return elapsed


def _line(name: str, in_file: float, on_server: float) -> None:
    ratio = on_server / in_file
    verdict = "within" if ratio <= RATIO_TARGET else "OVER"
    print(
        f"{name:<14} file {in_file:6.2f} s   server {on_server:6.2f} s   "
        f"ratio {ratio:4.2f} (target {RATIO_TARGET:.0f}x: {verdict})"
    )


def compare(server: PostgresServer, folder: Path, employees: int, runs: int) -> None:
    source = folder / "company.json"
    source.write_text(json.dumps(build_document(employees, 10), ensure_ascii=False), "utf-8")
    data_file = str(folder / "c.entretien")
    url = server.create_database()
    print(f"{employees} employees with 10 years of history; best of {runs} for each")
    imports = []
    for run in range(runs):
        file_target = str(folder / f"import-{run}.entretien")
        server_target = server.create_database()
        imports.append((_in_process(_import, file_target, source), 0.0))
        imports[-1] = (imports[-1][0], _in_process(_import, server_target, source))
    _line("import", min(f for f, _ in imports), min(s for _, s in imports))
    _in_process(_import, data_file, source)
    _in_process(_import, url, source)
    command = [sys.executable, "-m", "entretien_desktop", "check", "--json", "--as-of", AS_OF]
    check_file = min(_timed_process([*command, "--db", data_file]) for _ in range(runs))
    check_server = min(_timed_process([*command, "--db", url]) for _ in range(runs))
    _line("check --json", check_file, check_server)
    window = [sys.executable, "-c", WINDOW]
    window_file = min(_timed_process([*window, data_file], "painted") for _ in range(runs))
    window_server = min(_timed_process([*window, url], "painted") for _ in range(runs))
    _line("window", window_file, window_server)


# -- a simulated day of several users ---------------------------------------------------


def _day_company(users: int) -> Company:
    def person(ref: str, first: str) -> Employee:
        return Employee(ref, first, "Martin", date(2020, 1, 6), Contract.PERMANENT)

    own = tuple(
        replace(
            person(f"U{user}", f"Utilisateur {user}"),
            interviews=(
                Interview(f"U{user}-form", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED),
            ),
        )
        for user in range(users)
    )
    shared = tuple(person(ref, f"Partagé {ref}") for ref in SHARED)
    return Company(
        name="Journée à plusieurs",
        country="FR",
        headcount=len(own) + len(shared),
        headcount_date=DAY,
        employees=(*shared, *own),
    )


def _is_conflict(error: BaseException) -> bool:
    name = type(error).__name__.lower()
    return "stale" in name or "conflict" in name


def _user(url: str, user: int, seconds: float, start_at: float, results: Queue[dict]) -> None:  # type: ignore[type-arg]
    """One user's day: trainings added to the shared employees, a form typed in."""
    rng = random.Random(user)
    saved: list[str] = []
    typed = ""
    edits = conflicts = 0
    errors: dict[str, int] = {}
    with open_server(url) as database:
        space = Workspace(database, today=lambda: DAY)
        space.company  # noqa: B018 (the window's first read)
        while time.time() < start_at:
            time.sleep(0.01)
        deadline = start_at + seconds
        n = 0
        while time.time() < deadline:
            n += 1
            try:
                if n % 2:  # a training added to a shared employee, on this user's copy
                    ref = rng.choice(SHARED)
                    title = f"u{user}-{n}"
                    current = space.employee(ref)
                    trainings = (*current.trainings, Training(title, DAY))
                    space.update_employee(ref, lambda: "training", trainings=trainings)
                    saved.append(title)
                else:  # a keystroke in this user's form: the autosave merges them
                    text = f"note {n}"
                    space.update_interview(
                        f"U{user}",
                        f"U{user}-form",
                        lambda interview, text=text: replace(interview, answers={"notes": text}),
                        merge=("form", user),
                    )
                    typed = text
                edits += 1
            except Exception as error:
                if _is_conflict(error):
                    conflicts += 1
                else:
                    errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
                space = Workspace(database, today=lambda: DAY)  # the user reloads
    results.put(
        {
            "user": user,
            "edits": edits,
            "conflicts": conflicts,
            "errors": errors,
            "saved": saved,
            "typed": typed,
        }
    )


def simulated_day(server: PostgresServer, users: int, seconds: float) -> None:
    url = server.create_database()
    with open_server(url) as database:
        Workspace(database, today=lambda: DAY).create_company(_day_company(users))
    context = multiprocessing.get_context("spawn")
    results: Queue[dict] = context.Queue()  # type: ignore[type-arg]
    start_at = time.time() + 3.0  # every process started and connected first
    processes = [
        context.Process(target=_user, args=(url, user, seconds, start_at, results))
        for user in range(users)
    ]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    with open_server(url) as database:
        company = database.read_company()
    assert company is not None
    present = {t.title for e in company.employees if e.ref in SHARED for t in e.trainings}
    forms = {
        e.ref: (e.interviews[0].answers or {}).get("notes", "")
        for e in company.employees
        if e.ref.startswith("U")
    }
    edits = sum(r["edits"] for r in reports)
    conflicts = sum(r["conflicts"] for r in reports)
    lost = sum(1 for r in reports for title in r["saved"] if title not in present)
    lost += sum(1 for r in reports if r["typed"] and forms[f"U{r['user']}"] != r["typed"])
    errors: dict[str, int] = {}
    for report in reports:
        for name, count in report["errors"].items():
            errors[name] = errors.get(name, 0) + count
    print(f"simulated day: {users} users for {seconds:.0f} s on one company on the server")
    print(f"  edits saved       {edits} ({edits / seconds:.1f} per second held)")
    print(f"  conflicts detected {conflicts}")
    print(f"  edits lost        {lost} (target 0)")
    if errors:
        print(f"  other refusals    {errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--users", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--fast", action="store_true", help="the tests' server: no fsync")
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args()
    server = start_server(durable=not args.fast)
    try:
        print(f"server: PostgreSQL, local socket, fsync {'off' if args.fast else 'on'}")
        with tempfile.TemporaryDirectory() as folder:
            if not args.skip_compare:
                compare(server, Path(folder), args.employees, args.runs)
            simulated_day(server, args.users, args.seconds)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
