"""The copies a data file leaves beside itself: the one made before each upgrade.

They are named ``<file>.before-<revision>.bak`` in the file's folder, so that a user who
looks for them finds them next to the file, and so that a damaged file's message can offer
the newest one. (Regular backups are another matter: services/backups.py, in a folder of their own.)
"""

from __future__ import annotations

import os
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
