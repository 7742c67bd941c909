"""A write the server broke off because two users' transactions crossed, run again.

On a server, PostgreSQL may end a transaction with a serialization failure (SQLSTATE
40001, at the ``repeatable read`` or ``serializable`` isolation an administrator may make
the default) or as the victim of a deadlock (40P01: two transactions each waiting for a
row the other holds, say two imports touching the same employees in another order). The
server says the transaction may simply be run again: it rolled all of it back.

The gate (``Workspace.change``) is a context manager around its caller's code, which
cannot be run a second time from inside it. What can be run again is a whole operation of
the workspace (``save_employee``, ``update_interview``…): when its change fails, the gate
puts back the company held in memory, the versions read and the journal's merge key as
they were before it, and the operation's arguments are frozen records; running it again
reads the company as it was and writes it all again in a new transaction. Those
operations carry ``@retried``: they are tried up to ``ATTEMPTS`` times, and the user sees
nothing unless every attempt fails (then ``ServerConflictError``'s plain message, as
before). An operation called inside a change already open on this thread joins that
change and is not retried alone: the outer operation is (or reports the failure).

The pause between attempts is short and jittered (at most 20 ms, then 60 ms), so that two
programs refused together do not cross again in step. It is taken on the thread that
writes, the interface's one for most changes: a write holds it for about as long, and the
server's deadlock detection has already waited its ``deadlock_timeout`` (one second by
default) before refusing.

A file never raises these errors (its lock makes the program the only writer).
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from entretien_desktop.storage.server_errors import ServerConflictError

if TYPE_CHECKING:
    from entretien_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)

ATTEMPTS = 3
"""How many times an operation is tried in all."""

P = ParamSpec("P")
T = TypeVar("T")
W = TypeVar("W", bound="Workspace")


def pause(attempt: int) -> None:
    """Wait a little, at random, after the failed ``attempt`` (1, 2…)."""
    time.sleep(random.uniform(0.02 * (attempt - 1), 0.02 * (2 * attempt - 1)))


def retrying(
    workspace: Workspace,
    operation: Callable[[], T],
    *,
    attempts: int = ATTEMPTS,
    wait: Callable[[int], None] | None = None,
) -> T:
    """``operation()``, run again (up to ``attempts`` times in all) while the server
    refuses it as crossing another user's transaction; the last refusal is raised.
    ``wait(attempt)`` pauses between attempts (``pause`` by default). Inside a change
    already open on this thread, run once (the outer one is retried)."""
    if workspace.in_change:
        return operation()
    for attempt in range(1, attempts + 1):
        try:
            return operation()
        except ServerConflictError:
            if attempt >= attempts:
                log.warning("A write crossed another user's %d times: given up", attempts)
                raise
            log.info("A write crossed another user's (attempt %d): run again", attempt)
            (wait or pause)(attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def retried(method: Callable[Concatenate[W, P], T]) -> Callable[Concatenate[W, P], T]:
    """A workspace's operation, run again by ``retrying`` when the server asks for it."""

    @functools.wraps(method)
    def run(workspace: W, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return retrying(workspace, lambda: method(workspace, *args, **kwargs))

    return run
