"""A form opened read-only because another user types in it, waiting for their claim to go
(issue 20; services/claims.py).

The other program releases its claim when its form closes and tells the others
(a notice for the table ``interview_claim``, ``claims.CLAIMS``). ``ClaimWait``
listens for it with a watch of its own (``Workspace.watch``: its own connection, only while
the form waits), and looks again at the claim when it hears it, after a lost connection
(anything may have changed), and every ``CHECK_MS`` (a program killed never releases: its
claim goes stale after ``claims.STALE_AFTER`` and is taken over). Looking is trying to
claim: of two forms waiting, the first takes it (``taken``), the other keeps waiting,
told of its new holder (``held_by``). Nothing of this on a file: there is no claim there.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from entretien_desktop.services.claims import CLAIMS, Claim, claim_interview
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.live import Arrival, Watch
from entretien_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)

CHECK_MS = 30_000
"""How often a waiting form looks whether the claim went stale (its program was killed)."""


class ClaimWait(QObject):
    taken = Signal()
    """The other user's claim is gone: this program holds it now."""
    held_by = Signal(object)
    """Another user holds the claim now (a ``Claim``): still read-only, another name."""
    _heard = Signal()

    def __init__(
        self, workspace: Workspace, interview_id: str, claim: Claim, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.interview_id, self.claim = workspace, interview_id, claim
        self.waiting = True
        self._heard.connect(self.check, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.watch: Watch | None = workspace.watch(self._hear)
        if self.watch is not None:
            self.destroyed.connect(self.watch.stop)

    def _hear(self, arrival: Arrival) -> None:
        """On the listening thread: a claim released (or anything, after a lost connection)."""
        if arrival.table in {CLAIMS, None}:
            try:
                self._heard.emit()
            except RuntimeError:  # the form went meanwhile
                log.debug("A claim's notice for a form already closed")

    def check(self) -> None:
        """Try to take the claim: ``taken`` when it is this program's now."""
        if not self.waiting:
            return
        try:
            claim = claim_interview(self.workspace, self.interview_id)
        except UserError as error:
            log.warning("Claim on %s not looked at: %s", self.interview_id, error)
            return
        if claim is None:
            self.stop()
            self.taken.emit()
        elif claim.holder != self.claim.holder:
            self.claim = claim
            self.held_by.emit(claim)

    def stop(self) -> None:
        self.waiting = False
        self.timer.stop()
        if self.watch is not None:
            self.watch.stop()


__all__ = ["CHECK_MS", "ClaimWait"]
