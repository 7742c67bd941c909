"""Other users' changes on a shared server, arriving in the open workspace (issue 20).

On a server, several programs write the same company. ``watch`` listens for the changes the
others commit (storage/listen.py: the server's notices, this program's own left out) and
calls ``arrived`` on the listening thread, once per notice; the interface hands that over to
its own thread, lets a burst of notices settle, then reads the company again off its
thread (``Workspace.read_company``) and gives it to the workspace with
``Workspace.take_company``, which announces it as after a change of its own: every page
shows the company anew. A change of this program committed while the company was read
makes that read stale: ``take_company`` refuses it, and it is read again.

Nothing on a file: its lock makes this program the only writer (``watch`` returns None).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entretien_desktop.services.workspace import Workspace
    from entretien_desktop.storage import Database
    from entretien_desktop.storage.listen import Listener, Notice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Arrival:
    """Another program's change: the table it wrote (``None``: anything may have changed,
    after the connection to the server was lost and found again)."""

    table: str | None


class Watch:
    """Listening for other programs' changes to a workspace's database; ``stop`` ends it
    (closing the database does too). Once stopped, ``arrived`` is never called again."""

    def __init__(self, database: Database, arrived: Callable[[Arrival], None]) -> None:
        self._arrived = arrived
        self._lock = threading.Lock()
        self._stopped = False
        self._listener: Listener | None = database.listen(self._hear)

    @property
    def listening(self) -> bool:
        """Whether there is anything to hear (``False`` on a file)."""
        return self._listener is not None

    def _hear(self, notice: Notice) -> None:
        with self._lock:
            if not self._stopped:
                self._arrived(Arrival(notice.table))

    @property
    def active(self) -> bool:
        return not self._stopped and self._listener is not None and self._listener.running

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
        if self._listener is not None:
            self._listener.stop()


def watch(workspace: Workspace, arrived: Callable[[Arrival], None]) -> Watch | None:
    """Call ``arrived`` (on another thread) each time another program commits a change to
    the database of ``workspace``; ``None`` for a file."""
    result = Watch(workspace.database, arrived)
    if not result.listening:
        return None
    log.info("Watching %s for other users' changes", workspace.path)
    return result


__all__ = ["Arrival", "Watch", "watch"]
