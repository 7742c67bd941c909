"""The training plan's part on the trainings requested from the skills map's gaps (issue
21): who, which training, why (the gap's sentence), when it was asked for and the decision,
still to come first. Absent when the skills map requested nothing."""

from __future__ import annotations

from reportlab.platypus import Flowable

from entretien_desktop.domain import Company
from entretien_desktop.i18n import _, table_date
from entretien_desktop.services.reports.register import (
    Cell,
    Rows,
    TableColumn,
    ruled_table,
    section,
)
from entretien_desktop.services.skill_requests import skill_training_requests
from entretien_desktop.services.training_requests import RequestStatus, request_status_label

_ORDER = (
    RequestStatus.REQUESTED,
    RequestStatus.APPROVED,
    RequestStatus.DONE,
    RequestStatus.REFUSED,
)


def skill_requests_part(company: Company) -> list[Flowable]:
    """The heading and table of the skills map's requests (nothing when there are none)."""
    requests = skill_training_requests(company)
    if not requests:
        return []
    requests.sort(
        key=lambda r: (_ORDER.index(r.status), r.request.requested_on, r.employee.last_name)
    )
    columns = [
        TableColumn(_("Employee"), 0.6),
        TableColumn(_("Training"), 1.0),
        TableColumn(_("Reason"), 2.0),
        TableColumn(_("Requested on"), 0.1, wrap=False),
        TableColumn(_("Status"), 0.1, wrap=False),
    ]
    rows = Rows()
    for asked in requests:
        row: list[Cell] = [
            asked.employee.full_name,
            asked.course,
            asked.request.reason,
            table_date(asked.request.requested_on),
            request_status_label(asked.status),
        ]
        rows.add_block([row])
    return [*section(_("Requested from the skills map")), ruled_table(columns, rows)]
