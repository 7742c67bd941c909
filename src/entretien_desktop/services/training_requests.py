"""Training requests: every row of every interview form's training-requests table, in one
register with its decision (requested, approved, refused, done).

Decisions live in the interview's ``follow_up``, apart from its answers, so that deciding on
a request never changes a signed form. Marking a request done records the training in the
employee's history, where the summary review counts it (a request is never mandatory
training: it is what the employee asked for).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from entretien_desktop.domain import Company, Employee, Interview, Training
from entretien_desktop.domain.templates import Role
from entretien_desktop.i18n import _
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.workspace import Workspace


class RequestStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"
    DONE = "done"


def request_status_label(status: RequestStatus) -> str:
    """The decision on a request as people read it."""
    labels = {
        RequestStatus.REQUESTED: _("Requested"),
        RequestStatus.APPROVED: _("Approved"),
        RequestStatus.REFUSED: _("Refused"),
        RequestStatus.DONE: _("Done"),
    }
    return labels[status]


@dataclass(frozen=True, slots=True)
class TrainingRequest:
    employee: Employee
    interview: Interview
    row: int
    """Its row in the interview's table (the key of its decision)."""
    values: dict[str, str]
    status: RequestStatus

    @property
    def course(self) -> str:
        return self.values.get("course", "")

    def number(self, column: str) -> float:
        try:
            return float(str(self.values.get(column, "")).replace(",", ".") or 0)
        except ValueError:
            return 0.0

    def day(self, column: str) -> date | None:
        try:
            return date.fromisoformat(self.values.get(column, ""))
        except ValueError:
            return None


def training_requests(company: Company) -> list[TrainingRequest]:
    """Every training request of every employee, in the order of the register."""
    found = []
    for employee in company.employees:
        for interview in employee.interviews:
            if not interview.answers:
                continue
            field = template_for(company, employee, interview).with_role(Role.TRAINING_REQUESTS)
            rows = interview.answers.get(field.id) if field is not None else None
            if not isinstance(rows, list):
                continue
            decisions = interview.follow_up or {}
            for index, row in enumerate(rows):
                if not isinstance(row, dict) or not str(row.get("course", "")).strip():
                    continue
                status = RequestStatus(decisions.get(str(index), RequestStatus.REQUESTED))
                values = {key: str(value) for key, value in row.items()}
                found.append(TrainingRequest(employee, interview, index, values, status))
    return found


def decide(workspace: Workspace, request: TrainingRequest, status: RequestStatus) -> None:
    """Record the decision on ``request``; ``DONE`` also records the training followed."""
    if request.status is RequestStatus.DONE:
        raise ChangeRefused(
            [FieldProblem("status", _("This training is already recorded as done."))]
        )
    if status is RequestStatus.DONE and request.status is RequestStatus.REFUSED:
        raise ChangeRefused(
            [FieldProblem("status", _("A refused request must be approved before it is done."))]
        )
    employee = workspace.employee(request.employee.ref)
    interview = next(i for i in employee.interviews if i.id == request.interview.id)
    follow_up = dict(interview.follow_up or {})
    follow_up[str(request.row)] = status.value
    updated = replace(interview, follow_up=follow_up)
    if status is not RequestStatus.DONE:
        workspace.put_interview(employee.ref, updated)
        return
    start = request.day("start") or workspace.today()
    end = request.day("end")
    training = Training(
        title=request.course,
        start=start,
        end=end if end is not None and end >= start else None,
        hours=request.number("hours"),
        mandatory=False,
        certification=request.values.get("validation", "none") not in {"", "none"},
    )
    interviews = tuple(updated if i.id == interview.id else i for i in employee.interviews)
    workspace.save_employee(
        replace(employee, interviews=interviews, trainings=(*employee.trainings, training)),
        replacing=employee.ref,
    )
