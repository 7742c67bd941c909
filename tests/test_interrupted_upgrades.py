"""A creation or an upgrade killed at any of its SQL statements leaves a file that opens
with everything in it, and so does one an earlier version left half-done.

The kills run in ``tests/kill_harness.py``, in a process of its own: it forks once per
statement, which is only safe in a process with a single thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="kills by forking (POSIX)"),
]

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("scenario", "at_least"),
    [("create", 30), ("upgrade", 15), ("legacy-create", 30), ("legacy-upgrade", 15)],
)
def test_a_kill_at_every_statement_leaves_a_file_that_opens(scenario: str, at_least: int) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.kill_harness", scenario],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["finished"], "the work never ran to its end"
    assert result["statements"] >= at_least, "the kills did not reach the migrations"
    assert result["problems"] == []
