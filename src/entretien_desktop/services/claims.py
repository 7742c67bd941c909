"""Who is typing in an interview's form, so that a second user gets it read-only.

On a server, the form claims its interview when it opens (storage/versions.py's
``interview_claim``), keeps the claim fresh with each autosave and releases it when it
closes. A second user's form finds the claim and opens read-only, saying who has been
typing since when. A claim not saved for ``STALE_AFTER`` (a program that crashed, a user
who left the form open and went home) is taken over by the next form that opens.

On a file there is one user, its lock: no claim is taken, nothing changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from entretien_desktop.i18n import _
from entretien_desktop.paths import system_user
from entretien_desktop.services.employee_checks import refusal
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import versions
from entretien_desktop.storage.errors import local_moment
from entretien_desktop.storage.versions import Claim

if TYPE_CHECKING:
    from entretien_desktop.storage.repositories import CompanyRepository

__all__ = [
    "CLAIMS",
    "STALE_AFTER",
    "Claim",
    "claim_interview",
    "claim_notice",
    "keep_claim",
    "refuse_if_typed_elsewhere",
    "release_interview",
    "released_notice",
]

CLAIMS = versions.CLAIMS
"""The table a notice names when a claim was released (``Arrival.table``)."""
STALE_AFTER = timedelta(minutes=2)
"""A claim whose form has not saved for this long is taken over."""


def _shared(workspace: Workspace) -> bool:
    return workspace.database.url is not None


def claim_interview(
    workspace: Workspace, interview_id: str, *, now: datetime | None = None
) -> Claim | None:
    """Claim the interview for this program's form; the other user's claim (the form then
    opens read-only) when they hold a fresh one. ``None`` on a file."""
    if not _shared(workspace):
        return None
    with workspace.recording() as store:  # beside the company: no undo, no journal
        return versions.claim(
            store.session,
            interview_id,
            holder=workspace.holder,
            name=workspace.user_name or system_user(),
            now=now or datetime.now(UTC),
            stale_after=STALE_AFTER,
        )


def keep_claim(workspace: Workspace, interview_id: str) -> None:
    """The form saved: its claim stays fresh."""
    if not _shared(workspace):
        return
    with workspace.recording() as store:
        versions.touch(store.session, interview_id, workspace.holder, datetime.now(UTC))


def release_interview(workspace: Workspace, interview_id: str) -> None:
    """The form closed: another user may type."""
    if not _shared(workspace):
        return
    with workspace.recording() as store:
        versions.release(store.session, interview_id, workspace.holder)
        # A form waiting read-only in another program takes it over (claim_released).
        from entretien_desktop.storage import listen  # noqa: PLC0415 (SQLAlchemy, lazily)

        listen.notify(store.session.connection(), CLAIMS)


def refuse_if_typed_elsewhere(
    workspace: Workspace, store: CompanyRepository, interview_id: str
) -> None:
    """Refuse (``ChangeRefused``) to sign an interview another program's form holds a
    fresh claim on: the signature would cover a text still being typed. In the signing's
    own unit of work (``store``)."""
    if not _shared(workspace):
        return
    other = versions.held(store.session, interview_id)
    now = datetime.now(UTC)
    if other is None or other.holder == workspace.holder or not other.fresh(now, STALE_AFTER):
        return
    message = _(
        "{name} has been typing in this interview since {time}: sign it once they close the form."
    )
    raise refusal(message.format(name=other.name, time=_moment(other.since)))


def claim_notice(claim: Claim) -> str:
    """What a second user's form says: who is typing, since when."""
    return _("Being edited by {name} since {time}: this form is read-only.").format(
        name=claim.name, time=_moment(claim.since)
    )


def released_notice(claim: Claim) -> str:
    """What a form waiting read-only says once the other user's claim is gone and it has
    taken it: it may be typed in now."""
    return _("{name} has finished: you can type now.").format(name=claim.name)


def _moment(at: str) -> str:
    """An ISO time of a claim as the refusals say a time (local; the day when not today)."""
    when = versions.moment_of(at)
    return "" if when is None else local_moment(when)
