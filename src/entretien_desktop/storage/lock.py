"""One process at a time per data file: a lock on the file itself, held by the operating system.

The lock is an OS advisory lock (``flock`` on POSIX, ``msvcrt`` on Windows) taken on the data
file's own open file, so it belongs to the file's identity (its device and inode), not to the
name it was opened by: a symbolic link, a hard link or another spelling of the path reaches
the same lock, and there is no lock file whose deletion would let a second writer in. The
kernel releases it when the holder dies, so a lock left by a killed process is recovered by
the next open.

``flock`` locks do not interfere with the POSIX record locks SQLite takes on the same file.
The descriptor stays open for as long as the file is open, and is closed only after every
SQLite connection is, because closing a descriptor of a file drops the POSIX locks the
process holds on it.

Who holds the lock (host, process, since when) is written, for the message of a refused
second open only, into ``<file>.lock`` beside the file's real path; that text proves nothing
and losing it loses nothing but the name in the message.
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

from entretien_desktop.storage.errors import FileLockedError, ReadOnlyFileError, classify

log = logging.getLogger(__name__)

# Windows locks byte ranges and forbids others to read them: lock one byte far past any data
# (and past SQLite's own lock bytes at 1 GiB).
_WINDOWS_LOCK_OFFSET = 1 << 40
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True, slots=True)
class LockHolder:
    host: str
    pid: int
    since: datetime | None


def lock_path_for(path: Path) -> Path:
    """Where the holder of ``path``'s lock is named: beside the file's real path."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + ".lock")


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":  # tested on Linux with a fake msvcrt (test_other_systems)
        import msvcrt  # noqa: PLC0415

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    """Let go of the lock before its descriptor is closed. Windows does release the locks
    of a closed handle, but "the time it takes ... depends upon available system resources"
    (LockFileEx's documentation, which asks for an explicit unlock): a file closed and
    opened again at once, as a new file is once it has its name, could be refused by its
    own lock. POSIX releases ``flock`` locks at the close itself."""
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        try:
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError as error:  # closing the handle releases it anyway, later
            log.warning("Cannot unlock the data file before closing it: %s", error.strerror)


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


def _write_private(path: Path, text: str) -> None:
    """Replace the text of ``path`` (created 0600); a failure only costs the holder's name."""
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        log.warning("Cannot write the lock holder beside the data file: %s", error.strerror)


class FileLock:
    """Holds the lock of the data file ``path`` for as long as it is open."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self.recovered_from: LockHolder | None = None

    @property
    def lock_path(self) -> Path:
        return lock_path_for(self.path)

    def acquire(self) -> None:
        """Take the lock of the existing file or raise ``FileLockedError`` naming who holds
        it (``ReadOnlyFileError`` when the file cannot be opened for writing)."""
        try:
            fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError as error:
            raise (classify(self.path, error) or ReadOnlyFileError(self.path)) from error
        self.adopt(fd)

    def adopt(self, fd: int, *, named: bool = True) -> None:
        """Take the lock through ``fd``, a descriptor of the file opened for writing (a file
        being created opens its own, and is ``named`` only once it has its name); the
        descriptor is this lock's from now on."""
        if not _try_os_lock(fd):
            os.close(fd)
            holder = read_holder(self.lock_path) or LockHolder("?", 0, None)
            raise FileLockedError(self.path, holder.host, holder.pid, holder.since)
        self._fd = fd
        if named:
            self._name_holder()

    def move_to(self, path: Path) -> None:
        """The locked file now has the name ``path`` (a new file renamed into place)."""
        self.path = Path(path)
        self._name_holder()

    def _name_holder(self) -> None:
        self.recovered_from = read_holder(self.lock_path)
        if self.recovered_from is not None:
            log.warning(
                "Recovered the lock of a data file left by process %s on %s",
                self.recovered_from.pid,
                self.recovered_from.host,
            )
        me = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }
        _write_private(self.lock_path, json.dumps(me))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Empty the text first so that a later open does not report a recovery.
        if self.lock_path.exists():
            _write_private(self.lock_path, "")
        _os_unlock(fd)
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
