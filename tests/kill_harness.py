"""Kill a creation or an upgrade at its N-th SQL statement, for every N, and check the file.

Run as a script in a fresh process (no threads, so forking is safe): it imports everything
once, then for N = 1, 2, ... forks a child that starts the work and SIGKILLs itself just
before its N-th statement, and checks, in the parent, that the file left behind opens and
holds what it should. It stops at the first N the work finishes before reaching. Prints one
JSON object: the number of statements the work ran and the problems found.

Scenarios: ``create`` (a new file), ``upgrade`` (a file of schema 0001 holding the example
company), and ``legacy-create`` / ``legacy-upgrade``, which interrupt the migrations the way
earlier versions ran them (each schema statement committed alone), to check that what they
left behind is completed on open.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from entretien_desktop.services.company_file import load_company, read_company_file
from entretien_desktop.storage import migrate, open_database

HERE = Path(__file__).resolve().parent
SCHEMA_0001 = HERE / "data" / "schema-0001.sqlite"
EXAMPLE_COMPANY = HERE / "data" / "examples" / "rules-cases.company.json"


def _legacy_migrate(path: Path) -> None:
    # Earlier versions held a lock file beside the data file, naming themselves in it.
    Path(f"{path}.lock").write_text(
        json.dumps({"host": "here", "pid": os.getpid(), "since": None}), encoding="utf-8"
    )
    engine = create_engine(f"sqlite:///{path}")  # the driver's default: DDL not transactional
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
    finally:
        engine.dispose()


def _create_or_upgrade(path: Path) -> None:
    open_database(path).close()


def _killed_at(statement: int, work: Callable[[], None]) -> bool:
    """Run ``work`` in a child killed before its ``statement``-th SQL statement; True when
    it finished first."""
    pid = os.fork()
    if pid == 0:  # the child
        seen = 0

        def count(*_args: object) -> None:
            nonlocal seen
            seen += 1
            if seen == statement:
                os.kill(os.getpid(), signal.SIGKILL)

        event.listen(Engine, "before_cursor_execute", count)
        try:
            work()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return False
    if os.WEXITSTATUS(status) != 0:
        raise RuntimeError(f"the work failed on its own at statement {statement}")
    return True


def run(scenario: str, folder: Path) -> dict[str, object]:
    expected = read_company_file(EXAMPLE_COMPANY) if "upgrade" in scenario else None
    problems: list[str] = []
    statement = 0
    finished = False
    while not finished and statement < 2000:
        statement += 1
        path = folder / f"run-{statement}" / "c.sqlite"
        path.parent.mkdir()
        if "upgrade" in scenario:
            shutil.copyfile(SCHEMA_0001, path)
        work = _legacy_migrate if scenario.startswith("legacy") else _create_or_upgrade
        finished = _killed_at(statement, lambda: work(path))  # noqa: B023 (run at once)
        try:
            with open_database(path) as database:
                if expected is not None and load_company(database) != expected:
                    problems.append(f"statement {statement}: the company changed")
            leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".creating")]
            if leftovers:
                problems.append(f"statement {statement}: left {leftovers}")
        except Exception as error:  # every failure is a finding to report
            problems.append(f"statement {statement}: {type(error).__name__}: {error}")
        shutil.rmtree(path.parent)
    return {"statements": statement, "finished": finished, "problems": problems}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as temporary:
        print(json.dumps(run(sys.argv[1], Path(temporary))))
