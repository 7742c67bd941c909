"""One window per data file: a second launch on a file the program already has open hands
over to it (its window comes to the front) instead of meeting the lock's refusal.

The running program listens on a local socket (``QLocalServer``) named after the open file
and the user; a launch first knocks there. The lock stays the guard: another user, another
machine, or a program that has not begun listening yet still meets the lock's message.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from entretien_desktop.paths import system_user

log = logging.getLogger(__name__)

KNOCK = b"bring-forward\n"
ANSWER = b"done\n"
CONNECT_MS = 500
ANSWER_MS = 3000


def server_name(path: Path) -> str:
    """The socket's name for ``path``: the same for every spelling of the file (its device
    and inode when it exists, as the lock), different for each user."""
    try:
        status = Path(path).stat()
        identity = f"{status.st_dev}:{status.st_ino}"
    except OSError:
        identity = str(Path(path).resolve())
    digest = hashlib.sha256(f"{system_user()}\0{identity}".encode()).hexdigest()[:24]
    return f"entretien-desktop-{digest}"


def hand_over(path: Path) -> bool:
    """Ask a program that has ``path`` open to bring its window forward; ``True`` when it
    answered (this launch has nothing more to do)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        socket.write(KNOCK)
        if not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_MS):
            answer += bytes(socket.readAll().data())
        return answer == ANSWER
    finally:
        socket.disconnectFromServer()


class InstanceServer(QObject):
    """Listens for later launches on the open file and calls ``bring_forward`` for each."""

    def __init__(self, bring_forward: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bring_forward = bring_forward
        self._server = QLocalServer(self)
        # Only this user may knock (the name already differs per user).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen_for(self, path: Path) -> bool:
        """Listen for launches on ``path`` (and no longer on the file before). A name left
        by a program that stopped without closing it is taken over: this program holds the
        file's lock, so nobody else listens for that file."""
        self._server.close()
        name = server_name(path)
        if self._server.listen(name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(name)
            if self._server.listen(name):
                return True
        log.warning("Cannot listen for other launches: %s", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return  # the rest of the line is still on its way
        if bytes(socket.readLine().data()) != KNOCK:
            socket.disconnectFromServer()
            return
        log.info("Brought forward for another launch on the same file")
        self._bring_forward()
        socket.write(ANSWER)
        socket.flush()
