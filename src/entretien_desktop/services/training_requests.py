"""Training requests: every row of every interview form's training-requests table, in one
register with its decision (requested, approved, refused, done).

Decisions live in the interview's ``follow_up``, apart from its answers, so that deciding on
a request never changes a signed form; so do corrections of its dates and figures, made
until the training is done (``<row>.<column>`` keys beside the ``<row>`` decision), which
read over what the form says. Marking a request done records the training in the
employee's history, where the summary review counts it (a request is never mandatory
training: it is what the employee asked for).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from entretien_desktop.domain import Company, Employee, Interview, RequestState, Training, limits
from entretien_desktop.domain.templates import Role
from entretien_desktop.i18n import _
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.retry import retried
from entretien_desktop.services.workspace import Workspace

RequestStatus = RequestState
"""The decisions on a training request: the same for the forms' requests and the skills
map's (domain/skills.py)."""


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


CORRECTABLE = ("start", "end", "hours")
"""What a request's decision-maker may correct until the training is done."""


def _correction_key(row: int, column: str) -> str:
    return f"{row}.{column}"


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
            for column in CORRECTABLE:
                corrected = decisions.get(_correction_key(index, column))
                if corrected is not None:
                    values[column] = corrected
            found.append(TrainingRequest(employee, interview, index, values, status))
    return found


def request_key(request: TrainingRequest) -> tuple[str, str, int]:
    """What names a request across changes: its employee, interview and row."""
    return (request.employee.ref, request.interview.id, request.row)


@retried  # run again after a serialization failure or deadlock
def decide(workspace: Workspace, request: TrainingRequest, status: RequestStatus) -> None:
    """Record the decision on ``request``, as the file holds it now (a screen may show it
    as it was); ``DONE`` also records the training followed, in the same change."""
    name = request.employee.full_name
    describe = lambda: _("the decision on a training request of {name}").format(name=name)  # noqa: E731
    with workspace.change(describe):
        current = _as_stored(workspace, request)
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


def _as_stored(workspace: Workspace, request: TrainingRequest) -> TrainingRequest:
    """``request`` as the file holds it now (a screen may show it as it was)."""
    key = request_key(request)
    company = workspace.require_company()
    employee = next((e for e in company.employees if e.ref == request.employee.ref), None)
    found = [] if employee is None else requests_of(company, employee)
    current = next((r for r in found if request_key(r) == key), None)
    if current is None:
        gone = _("This training request is no longer in the file.")
        raise ChangeRefused([FieldProblem("", gone)])
    return current


@retried  # run again after a serialization failure or deadlock
def correct(
    workspace: Workspace,
    request: TrainingRequest,
    start: date | None,
    end: date | None,
    hours: float,
) -> None:
    """Correct the dates and hours of a request not yet done (kept with its decision: the
    form's answers may be signed). Refused once the training is done (it is then in the
    history, corrected there), for an end before the start, or hours out of bounds."""
    name = request.employee.full_name
    describe = lambda: _("the correction of a training request of {name}").format(name=name)  # noqa: E731
    with workspace.change(describe):
        current = _as_stored(workspace, request)
        problems = []
        if current.status is RequestStatus.DONE:
            problems.append(
                FieldProblem("status", _("This training is done: correct it in the history."))
            )
        if start is not None and end is not None and end < start:
            problems.append(FieldProblem("end", _("The training cannot end before it starts.")))
        if hours not in limits.HOURS:
            problems.append(
                FieldProblem(
                    "hours",
                    _("Hours must be between {low} and {high}.").format(
                        low=limits.HOURS.low, high=limits.HOURS.high
                    ),
                )
            )
        if problems:
            raise ChangeRefused(problems)
        values = {
            "start": start.isoformat() if start else "",
            "end": end.isoformat() if end else "",
            "hours": f"{hours:g}",
        }

        def corrected(interview: Interview) -> Interview:
            follow_up = dict(interview.follow_up or {})
            for column, value in values.items():
                follow_up[_correction_key(current.row, column)] = value
            return replace(interview, follow_up=follow_up)

        workspace.update_interview(current.employee.ref, current.interview.id, corrected)
