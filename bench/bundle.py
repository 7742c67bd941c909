"""The frozen bundle (``make bundle``): its size, its file count, and its start-up to an
interactive window next to the same program run from the virtual environment.

Prints the build time when ``make bundle`` passes it (``--build-seconds``), the bundle's size
on disk and number of files (target: under 200 MB unpacked on Linux), and the start-up of
each, best of N fresh processes, interleaved in the same run, on a file of 5,000 employees:
from before the process is spawned to the line the window prints once it is shown and its
event loop turns (``ENTRETIEN_DESKTOP_QUIT_WHEN_INTERACTIVE``). Target: the bundle within
1.3 times the virtual environment.

Usage: ``python bench/bundle.py [--bundle DIR] [--employees N] [--runs N]`` (offscreen
unless QT_QPA_PLATFORM is set).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from entretien_desktop.app import QUIT_WHEN_INTERACTIVE
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.storage import open_database
from history import build_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "build" / "bundle" / "dist" / "entretien-desktop"
SIZE_TARGET_MB = 200.0
RATIO_TARGET = 1.3
STARTUP_TIMEOUT_S = 120.0


def bundle_size(folder: Path) -> tuple[int, int]:
    """Bytes and files of ``folder``, symbolic links not followed."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def startup(command: list[str], environment: dict[str, str]) -> float:
    """Seconds from spawning ``command`` to its window's "interactive" line."""
    started = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment
    ) as process:
        assert process.stdout is not None
        # A program without the hook would wait for its user forever.
        watchdog = threading.Timer(STARTUP_TIMEOUT_S, process.kill)
        watchdog.start()
        try:
            elapsed = _until_interactive(process.stdout, started, command[0])
        finally:
            watchdog.cancel()
        process.wait(timeout=60)
    return elapsed


def _until_interactive(lines: Iterable[str], started: float, name: str) -> float:
    for line in lines:
        if line.strip() == "interactive":
            return time.perf_counter() - started
    raise RuntimeError(f"{name} exited without an interactive window")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-seconds", type=float, default=None)
    args = parser.parse_args()
    executable = args.bundle / "entretien-desktop"
    if not executable.exists():
        sys.exit(f"no bundle at {args.bundle}: run `make bundle` first")
    if args.build_seconds is not None:
        print(f"build                   {args.build_seconds:6.1f} s")
    size, count = bundle_size(args.bundle)
    verdict = "within" if size / 1e6 <= SIZE_TARGET_MB else "OVER"
    print(
        f"bundle                  {size / 1e6:6.1f} MB, {count} files "
        f"(target {SIZE_TARGET_MB:.0f} MB: {verdict})"
    )
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db = home / "c.sqlite"
        document = build_document(args.employees, 10)
        with open_database(db) as database:
            import_company(database, read_company_document(json.dumps(document).encode("utf-8")))
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            QUIT_WHEN_INTERACTIVE: "1",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
        }
        commands = {
            "bundle": [str(executable), "--db", str(db)],
            "venv": [sys.executable, "-m", "entretien_desktop", "--db", str(db)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _run in range(args.runs):  # interleaved: both see the same machine
            for name, command in commands.items():
                times[name].append(startup(command, environment))
        bundle, venv = min(times["bundle"]), min(times["venv"])
        ratio = bundle / venv
        verdict = "within" if ratio <= RATIO_TARGET else "OVER"
        print(f"{args.employees} employees, best of {args.runs} start-ups each")
        print(f"from the bundle         {bundle:6.2f} s")
        print(f"from the venv           {venv:6.2f} s")
        print(f"ratio                   {ratio:6.2f}    (target {RATIO_TARGET}: {verdict})")


if __name__ == "__main__":
    main()
