"""The URI through which SQLite opens a data file read-only, on every system."""

from __future__ import annotations

from pathlib import Path, PurePath
from urllib.parse import quote


def read_only_uri(path: Path) -> str:
    """``file:...?mode=ro`` for ``path`` (made absolute, its links resolved)."""
    return f"{file_uri(Path(path).resolve())}?mode=ro"


def file_uri(absolute: PurePath) -> str:
    """The ``file:`` URI SQLite reads as the absolute path ``absolute``.

    Not ``PurePath.as_uri()``: it gives a Windows network path (``\\\\server\\share\\...``,
    which is also what ``resolve()`` makes of a mapped drive letter) an authority,
    ``file://server/share/...``, and SQLite refuses every authority but ``localhost``. Here
    the authority stays empty and the path keeps its two slashes, which Windows reads as a
    network path: ``file:////server/share/...``. A drive gets ``file:///C:/...``, the form
    SQLite documents for Windows (it drops the slash before the drive letter).
    """
    text = absolute.as_posix()
    if not text.startswith("/"):
        text = f"/{text}"
    return f"file://{quote(text, safe='/:')}"
