"""Other programs' changes on a server, heard as they are committed (LISTEN / NOTIFY).

Revision 0014 gives every data table a statement trigger that sends, when its transaction
commits, a notice on ``CHANNEL``: a JSON object naming the table and the program that wrote
(``client``, the ``entretien.client`` setting each of its connections is given when it is
opened: ``identify``). A ``Listener`` holds one connection of its own outside the pool,
waits for those notices on a thread of its own and hands each one, decoded, to a callback
on that thread; the notices of its own program are left out. A lost connection (the server
restarted, the administrator ended it) is opened again, waiting longer between attempts
while the server is away; since notices sent meanwhile are lost, the callback is then told
that anything may have changed (``Notice.everything``). Nothing of this on a file: its lock
makes the program its only writer.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

CHANNEL = "entretien_changes"
CLIENT_SETTING = "entretien.client"
WAIT_SECONDS = 0.25
"""How long the listening thread waits for a notice before it looks whether to stop."""
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0)
"""The waits between attempts to reconnect, the last one repeated."""


@dataclass(frozen=True)
class Notice:
    """What another program changed: a table (``None``: anything may have changed)."""

    table: str | None
    client: str = ""

    @property
    def everything(self) -> bool:
        return self.table is None


def decode(payload: str) -> Notice:
    """A notice's payload as the trigger writes it; anything else means "read it all"."""
    try:
        document = json.loads(payload)
        table, client = document["table"], document.get("client") or ""
    except (ValueError, TypeError, KeyError):
        log.warning("A change notice not understood: %r", payload[:200])
        return Notice(None)
    return Notice(str(table), str(client))


def identify(engine: Engine, client: str | None = None) -> str:
    """Give each connection ``engine`` opens this program's client id (``client``, or a
    new one; returned), which the triggers put in their notices."""
    client = client or uuid.uuid4().hex

    def _set_client(dbapi_connection: Any, _record: Any) -> None:
        # Outside a transaction: a setting made in one that is rolled back would be undone.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SELECT set_config(%s, %s, false)", (CLIENT_SETTING, client))
        finally:
            dbapi_connection.autocommit = autocommit

    event.listen(engine, "connect", _set_client)
    return client


class Listener:
    """One connection of its own listening on ``CHANNEL``: ``callback`` is called on the
    listening thread with each notice of another program (``ignore``: this program's
    client id) and with ``Notice(None)`` after a lost connection was opened again."""

    def __init__(
        self,
        engine: Engine,
        callback: Callable[[Notice], None],
        ignore: str | None = None,
    ) -> None:
        self._engine = engine
        self._callback = callback
        self._ignore = ignore
        self._stop = threading.Event()
        self._connection: Any = None
        self._thread = threading.Thread(target=self._run, name="entretien-listen", daemon=True)

    @property
    def backend_pid(self) -> int | None:
        """The server process of the listening connection (``None`` while it has none)."""
        connection = self._connection
        return None if connection is None else int(connection.info.backend_pid)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        """Listen from now on: the connection is opened here, so that every change
        committed after this returns is heard (if the server is away, the thread keeps
        trying and reports ``Notice(None)`` once it is back)."""
        try:
            self._connection = self._listening_connection()
        except Exception as error:
            log.warning("Cannot listen for other users' changes yet (%s)", type(error).__name__)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and close the connection (waits for the thread, a moment)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def _listening_connection(self) -> Any:
        raw = self._engine.raw_connection()
        connection = raw.driver_connection
        assert connection is not None
        # Out of the pool: this connection is the listener's alone, closed by it.
        raw.detach()
        try:
            connection.rollback()
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            connection.close()
            raise
        return connection

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            if self._connection is None:
                try:
                    self._connection = self._listening_connection()
                except Exception as error:
                    wait = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                    attempt += 1
                    log.info(
                        "Listening for changes: server not reached (%s); again in %s s",
                        type(error).__name__,
                        wait,
                    )
                    self._stop.wait(wait)
                    continue
                attempt = 0
                log.info("Listening for changes again: everything is read again")
                self._deliver(Notice(None))
            try:
                for notify in self._connection.notifies(timeout=WAIT_SECONDS):
                    self._deliver(decode(notify.payload))
            except Exception as error:
                log.warning("Listening for changes: connection lost (%s)", error)
                self._close()
        self._close()

    def _deliver(self, notice: Notice) -> None:
        if notice.client and notice.client == self._ignore:
            return
        try:
            self._callback(notice)
        except Exception:
            log.exception("A change notice could not be handled")

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:
                log.debug("Listening connection closed broken")


def notify(connection: Connection, table: str) -> None:
    """Send, when the transaction of ``connection`` commits, the notice a trigger would
    for ``table`` (nothing on a file)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(
        text(
            "SELECT pg_notify(:channel, json_build_object('table', CAST(:table AS text), "
            "'client', coalesce(current_setting(:setting, true), ''))::text)"
        ),
        {"channel": CHANNEL, "table": table, "setting": CLIENT_SETTING},
    )


__all__ = ["CHANNEL", "Listener", "Notice", "decode", "identify", "notify"]
