"""One process per data file: a second one is refused with who holds it; a killed holder's
lock is recovered. Uses real processes, since the lock is the operating system's."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from entretien_desktop.cli import EXIT_FAILURE, main
from entretien_desktop.storage import FileLockedError, ReadOnlyFileError, open_database

pytestmark = pytest.mark.slow

HOLDER = """
import sys
from pathlib import Path
from entretien_desktop.storage import open_database
database = open_database(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
database.close()
print("closed", flush=True)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "c.sqlite")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        yield process
        if process.poll() is None:
            process.kill()


def test_a_second_process_is_refused_with_host_process_and_time(
    holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    with pytest.raises(FileLockedError) as refused:
        open_database(tmp_path / "c.sqlite")
    error = refused.value
    assert error.pid == holder.pid
    assert error.host == socket.gethostname()
    assert error.since is not None
    message = str(error)
    assert str(holder.pid) in message and socket.gethostname() in message
    assert error.since.strftime("%Y-%m-%d %H:%M") in message


def test_the_command_line_refuses_a_locked_file_with_the_message(
    holder: subprocess.Popen[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert main(["export", "--db", str(tmp_path / "c.sqlite"), "--out", str(out)]) == EXIT_FAILURE
    assert str(holder.pid) in capsys.readouterr().err
    assert not out.exists()


def test_the_file_opens_again_once_the_holder_closes_it(
    holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "closed"
    with open_database(tmp_path / "c.sqlite") as database:
        assert database.lock.recovered_from is None


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX kill")
def test_a_lock_left_by_a_killed_process_is_recovered(
    holder: subprocess.Popen[str], tmp_path: Path
) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    with open_database(tmp_path / "c.sqlite") as database:
        recovered = database.lock.recovered_from
        assert recovered is not None and recovered.pid == holder.pid


@pytest.mark.parametrize("alias", ["symbolic link", "hard link", "another spelling"])
def test_a_second_process_is_refused_through_any_name_of_the_file(
    holder: subprocess.Popen[str], tmp_path: Path, alias: str
) -> None:
    original = tmp_path / "c.sqlite"
    other = tmp_path / "other.sqlite"
    if alias == "symbolic link":
        other.symlink_to(original)
    elif alias == "hard link":
        os.link(original, other)
    else:
        (tmp_path / "sub").mkdir()
        other = tmp_path / "sub" / ".." / "c.sqlite"
    before = original.read_bytes()
    with pytest.raises(FileLockedError):
        open_database(other)
    assert original.read_bytes() == before


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(
    holder: subprocess.Popen[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c.sqlite.lock").unlink()
    with pytest.raises(FileLockedError):
        open_database(tmp_path / "c.sqlite")
    out = tmp_path / "out.json"
    assert main(["export", "--db", str(tmp_path / "c.sqlite"), "--out", str(out)]) == EXIT_FAILURE
    assert "already open" in capsys.readouterr().err
    assert not out.exists()


def test_a_lock_file_that_cannot_be_written_only_costs_the_holders_name(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_database(path).close()
    (tmp_path / "c.sqlite.lock").unlink()
    (tmp_path / "c.sqlite.lock").mkdir()  # neither readable nor writable as a file
    with open_database(path) as database:
        assert database.lock.held


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_file_system_at_open_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path = tmp_path / "c.sqlite"
    open_database(path).close()
    real_open = os.open

    def refusing(name: object, flags: int, *args: int) -> int:
        if flags & os.O_RDWR and str(name) == str(path):
            raise OSError(code, os.strerror(code), str(name))
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(ReadOnlyFileError, match="read-only"):
        open_database(path)
