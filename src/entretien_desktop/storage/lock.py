"""One process at a time per data file: a lock file beside it, held by the operating system.

The lock is an OS advisory lock (``fcntl`` on POSIX, ``msvcrt`` on Windows) on
``<file>.lock``, so the kernel releases it when the holder dies: a lock left by a killed
process is recovered by the next open. The file's text says who holds it (host, process,
since when) so that a refused second open can name them.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from entretien_desktop.storage.errors import FileLockedError, ReadOnlyFileError

log = logging.getLogger(__name__)

# Windows locks byte ranges and then forbids reading them: lock one byte far past the text.
_WINDOWS_LOCK_OFFSET = 1 << 20


@dataclass(frozen=True, slots=True)
class LockHolder:
    host: str
    pid: int
    since: datetime | None


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _try_os_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt  # noqa: PLC0415

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def read_holder(lock_path: Path) -> LockHolder | None:
    """Who the lock file says holds the lock, or ``None`` when it says nothing readable."""
    try:
        data = json.loads(lock_path.read_text(encoding="utf-8") or "{}")
        since = data.get("since")
        return LockHolder(
            host=str(data["host"]),
            pid=int(data["pid"]),
            since=datetime.fromisoformat(since) if since else None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FileLock:
    """Holds ``<path>.lock`` for the life of an open data file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        self._handle: IO[str] | None = None
        self.recovered_from: LockHolder | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``FileLockedError`` naming who holds it."""
        try:
            handle = self.lock_path.open("a+", encoding="utf-8")
        except PermissionError as error:
            raise ReadOnlyFileError(self.path) from error
        if not _try_os_lock(handle):
            handle.close()
            holder = read_holder(self.lock_path) or LockHolder("?", 0, None)
            raise FileLockedError(self.path, holder.host, holder.pid, holder.since)
        self.recovered_from = read_holder(self.lock_path)
        if self.recovered_from is not None:
            log.warning(
                "Recovered the lock of %s left by process %s on %s",
                self.path,
                self.recovered_from.pid,
                self.recovered_from.host,
            )
        me = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(me))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        # Empty the text first so that a later open does not report a recovery.
        handle.seek(0)
        handle.truncate()
        handle.flush()
        # The file stays: unlinking it would let two processes lock two different files.
        handle.close()

    @property
    def held(self) -> bool:
        return self._handle is not None
