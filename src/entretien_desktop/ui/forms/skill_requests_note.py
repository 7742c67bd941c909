"""Under an interview form's training-requests table: the trainings requested for the
employee from the skills map's gaps and still to come (requested or approved), read-only,
so that the interview speaks of them (issue 21). Nothing is shown when there are none."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from entretien_desktop.i18n import _, format_date
from entretien_desktop.services.skill_requests import pending_requests
from entretien_desktop.services.training_requests import request_status_label
from entretien_desktop.services.workspace import Workspace


def pending_skill_requests_note(workspace: Workspace, ref: str) -> QLabel | None:
    """The employee numbered ``ref``'s pending requests from the skills map, one a line
    (title, decision, day requested; the gap's sentence in the tooltip), or ``None``."""
    pending = pending_requests(workspace.employee(ref))
    if not pending:
        return None
    lines = [
        _("• {title} ({state}, {date})").format(
            title=request.title,
            state=request_status_label(request.status).lower(),
            date=format_date(request.requested_on),
        )
        for request in pending
    ]
    note = QLabel("\n".join([_("Requested from the skills map:"), *lines]))
    note.setObjectName("pending_skill_requests")
    note.setWordWrap(True)
    note.setToolTip("\n".join(r.reason for r in pending if r.reason))
    return note
