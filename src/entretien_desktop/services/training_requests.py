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


NEXT_STATUSES: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.REQUESTED: frozenset(
        {RequestStatus.APPROVED, RequestStatus.REFUSED, RequestStatus.DONE}
    ),
    RequestStatus.APPROVED: frozenset({RequestStatus.REFUSED, RequestStatus.DONE}),
    RequestStatus.REFUSED: frozenset({RequestStatus.APPROVED}),
    RequestStatus.DONE: frozenset(),
}
"""The decisions that may follow each one: done is final (the training is in the
history), and a refused request is approved before it is done."""


def allowed(current: RequestStatus, decision: RequestStatus) -> bool:
    return decision in NEXT_STATUSES[current]


def decision_problem(current: RequestStatus, decision: RequestStatus) -> str | None:
    """Why ``decision`` cannot follow ``current`` (``None`` when it can)."""
    if allowed(current, decision):
        return None
    if current is RequestStatus.DONE:
        return _("This training is already recorded as done.")
    if current is RequestStatus.REFUSED and decision is RequestStatus.DONE:
        return _("A refused request must be approved before it is done.")
    return _("The request is already {status}.").format(
        status=request_status_label(current).lower()
    )


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
    return [r for employee in company.employees for r in requests_of(company, employee)]


def requests_of(company: Company, employee: Employee) -> list[TrainingRequest]:
    """The training requests made in ``employee``'s interviews, oldest interview first."""
    found = []
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


def request_key(request: TrainingRequest) -> tuple[str, str, int]:
    """What names a request across changes: its employee, interview and row."""
    return (request.employee.ref, request.interview.id, request.row)


def decide(workspace: Workspace, request: TrainingRequest, status: RequestStatus) -> None:
    """Record the decision on ``request``, as the file holds it now (a screen may show it
    as it was); ``DONE`` also records the training followed, in the same change."""
    name = request.employee.full_name
    describe = lambda: _("the decision on a training request of {name}").format(name=name)  # noqa: E731
    with workspace.change(describe):
        key = request_key(request)
        current = next(
            (r for r in training_requests(workspace.require_company()) if request_key(r) == key),
            None,
        )
        if current is None:
            raise ChangeRefused(
                [FieldProblem("", _("This training request is no longer in the file."))]
            )
        problem = decision_problem(current.status, status)
        if problem is not None:
            raise ChangeRefused([FieldProblem("status", problem)])

        def decided(interview: Interview) -> Interview:
            follow_up = dict(interview.follow_up or {})
            follow_up[str(current.row)] = status.value
            return replace(interview, follow_up=follow_up)

        ref = current.employee.ref
        workspace.update_interview(ref, current.interview.id, decided)
        if status is RequestStatus.DONE:
            start = current.day("start") or workspace.today()
            end = current.day("end")
            training = Training(
                title=current.course,
                start=start,
                end=end if end is not None and end >= start else None,
                hours=current.number("hours"),
                mandatory=False,
                certification=current.values.get("validation", "none") not in {"", "none"},
            )
            trainings = (*workspace.employee(ref).trainings, training)
            workspace.update_employee(ref, describe, trainings=trainings)
