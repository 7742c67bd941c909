"""One window per data file: a second launch on a file a running program has open brings
that window forward and exits, instead of meeting the lock's refusal (two real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from entretien_desktop.ui.single_instance import InstanceServer, server_name

pytestmark = pytest.mark.gui


def _environment(home: Path) -> dict[str, str]:
    """A user of their own: settings, data and log folders in ``home``, no display."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    return env


def _launch(db: Path) -> list[str]:
    return [sys.executable, "-m", "entretien_desktop", "--db", str(db), "--lang", "en"]


def _answers(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(200)
    socket.abort()
    return connected


@pytest.fixture
def first(tmp_path: Path, qtbot: QtBot) -> Iterator[subprocess.Popen[bytes]]:
    db = tmp_path / "c.sqlite"
    with subprocess.Popen(
        _launch(db), env=_environment(tmp_path), stdout=subprocess.DEVNULL
    ) as process:
        try:
            qtbot.waitUntil(lambda: db.exists() and _answers(server_name(db)), timeout=60_000)
            yield process
        finally:
            process.kill()
            process.wait(timeout=30)


def test_a_second_launch_on_the_same_file_hands_over_and_exits(
    first: subprocess.Popen[bytes], tmp_path: Path, qtbot: QtBot
) -> None:
    db = tmp_path / "c.sqlite"
    # Another spelling of the same file: the same window.
    alias = tmp_path / "sub" / ".." / "c.sqlite"
    (tmp_path / "sub").mkdir()
    second = subprocess.run(
        _launch(alias),
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "is already open in another window; it was brought to the front." in second.stdout
    assert first.poll() is None  # the first window goes on
    logs = list((tmp_path / "xdg_state_home").rglob("*.log"))
    assert logs

    def brought_forward() -> bool:
        return any("Brought forward for another launch" in p.read_text() for p in logs)

    qtbot.waitUntil(brought_forward, timeout=30_000)
    assert db.exists()


def test_a_launch_on_another_file_opens_its_own_window(
    first: subprocess.Popen[bytes], tmp_path: Path, qtbot: QtBot
) -> None:
    other = tmp_path / "other.sqlite"
    with subprocess.Popen(
        _launch(other), env=_environment(tmp_path), stdout=subprocess.PIPE, text=True
    ) as second:
        try:
            qtbot.waitUntil(lambda: _answers(server_name(other)), timeout=60_000)
            assert second.poll() is None
            assert server_name(other) != server_name(tmp_path / "c.sqlite")
        finally:
            second.kill()
            second.wait(timeout=30)


def test_a_name_left_behind_by_a_stopped_program_is_taken_over(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"")
    left = QLocalServer()
    assert left.listen(server_name(db))  # as if its program had stopped without closing it
    knocked: list[bool] = []
    server = InstanceServer(lambda: knocked.append(True))
    try:
        assert server.listen_for(db)
    finally:
        server.close()
        left.close()
