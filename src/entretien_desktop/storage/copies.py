"""The copies a data file leaves beside itself: the one made before each upgrade.

They are named ``<file>.before-<revision>.bak`` in the file's folder, so that a user who
looks for them finds them next to the file, and so that a damaged file's message can offer
the newest one. (Regular backups are another matter: services/backups.py, in a folder of their own.)
"""

from __future__ import annotations

import os
import time
from pathlib import Path

COPY_SUFFIX = ".bak"


def pre_upgrade_copy_path(path: Path, revision: str | None) -> Path:
    """Where the copy of ``path`` made before upgrading it from ``revision`` goes."""
    real = Path(os.path.realpath(path))
    return real.with_name(f"{real.name}.before-{revision or 'none'}{COPY_SUFFIX}")


def last_copy(path: Path) -> Path | None:
    """The newest copy of ``path`` kept beside it, ``None`` when there is none."""
    real = Path(os.path.realpath(path))
    try:
        found = [
            candidate
            for candidate in real.parent.glob(f"{glob_escape(real.name)}.before-*{COPY_SUFFIX}")
            if candidate.is_file()
        ]
    except OSError:
        return None
    return max(found, key=lambda candidate: candidate.stat().st_mtime, default=None)


def glob_escape(name: str) -> str:
    """``name`` with the characters glob reads as patterns made literal."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


STALE_AFTER_S = 15 * 60
"""A temporary file of ours older than this was left by a write that was killed: no write
of the program takes that long."""


def remove_stale_temporaries(folder: Path, pattern: str) -> list[Path]:
    """Remove the files of ``folder`` matching ``pattern`` (the temporary names of an
    atomic write, which may hold personal data) that were last written more than
    ``STALE_AFTER_S`` ago; returns them. A file that cannot be removed is left."""
    removed: list[Path] = []
    limit = time.time() - STALE_AFTER_S
    try:
        candidates = list(Path(folder).glob(pattern))
    except OSError:
        return removed
    for candidate in candidates:
        try:
            if candidate.is_file() and candidate.stat().st_mtime < limit:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed
