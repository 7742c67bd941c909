"""Trainings requested from the skills map's gaps: made on a gap (``request_training``),
listed on the training plan beside the requests of the interview forms, decided the same
way (approve, refuse, done: ``decide_skill_request``, the decisions that may follow each
other are the interview requests', ``training_requests.NEXT_STATUSES``), and shown in the
employee's next interview form while pending.

A request lives in the employee's ``skill_requests``; every write is one change through
the gate (one undo step). Marking one done records the training in the employee's
history, as for an interview's request; the level is assessed apart, in the matrix.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from entretien_desktop.domain import (
    Company,
    Employee,
    RequestState,
    Skill,
    SkillRequest,
    Training,
    limits,
)
from entretien_desktop.i18n import _
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.skills_gaps import Gap, GapKind
from entretien_desktop.services.training_requests import RequestStatus, decision_problem
from entretien_desktop.services.workspace import Workspace

PENDING = frozenset({RequestState.REQUESTED, RequestState.APPROVED})
"""A request not yet refused nor done: the training is still to come."""


def proposed_title(gap: Gap) -> str:
    """The title a request made on ``gap`` starts with: the skill's name, or its renewal
    for a certification."""
    if gap.kind in (GapKind.CERTIFICATION, GapKind.EXPIRY_NOTICE):
        return _("{skill} (renewal)").format(skill=gap.skill.name)
    return gap.skill.name


def pending_requests(employee: Employee, skill_id: str | None = None) -> list[SkillRequest]:
    """``employee``'s requests still to come (of one skill when given), oldest first."""
    return sorted(
        (
            r
            for r in employee.skill_requests
            if r.status in PENDING and (skill_id is None or r.skill == skill_id)
        ),
        key=lambda r: (r.requested_on, r.id),
    )


def _new_id(taken: Collection[str]) -> str:
    while True:
        candidate = f"skill-{uuid.uuid4().hex[:10]}"
        if candidate not in taken:
            return candidate


def request_training(
    workspace: Workspace, gap: Gap, employee_ref: str | None = None, title: str | None = None
) -> SkillRequest:
    """Put a training on the plan for the employee ``gap`` names, or ``employee_ref`` (who
    should be trained to close a gap naming nobody to train): its title ``title`` (the
    proposed one when ``None``), its reason the gap's sentence, requested today. Refused
    without anyone to train, without a title, or when a training in the skill is already
    pending for that employee."""
    ref = employee_ref if employee_ref is not None else (gap.trainee.ref if gap.trainee else None)
    wanted = (proposed_title(gap) if title is None else title).strip()
    problems = []
    if ref is None:
        problems.append(FieldProblem("employee", _("Choose who should be trained.")))
    if not wanted:
        problems.append(FieldProblem("title", _("The title is required.")))
    elif len(wanted) > limits.MAX_NAME:
        problems.append(
            FieldProblem(
                "title",
                _("The title must be at most {count} characters.").format(count=limits.MAX_NAME),
            )
        )
    if problems or ref is None:
        raise ChangeRefused(problems)
    employee = workspace.employee(ref)
    name = employee.full_name
    describe = lambda: _("a training request for {name}").format(name=name)  # noqa: E731
    with workspace.change(describe):
        company = workspace.require_company()
        current = workspace.employee(ref)
        if pending_requests(current, gap.skill.id):
            message = _("A training in {skill} is already requested for {name}.").format(
                skill=gap.skill.name, name=current.full_name
            )
            raise ChangeRefused([FieldProblem("employee", message)])
        taken = {r.id for e in company.employees for r in e.skill_requests}
        request = SkillRequest(
            id=_new_id(taken),
            skill=gap.skill.id,
            title=wanted,
            requested_on=workspace.today(),
            reason=gap.sentence,
        )
        edited = replace(current, skill_requests=(*current.skill_requests, request))
        workspace.save_employee(edited, replacing=current.ref, based_on=current)
    return request


@dataclass(frozen=True, slots=True)
class SkillTrainingRequest:
    """A request of the skills map as the training plan lists it, beside the interview
    forms' ``TrainingRequest``: the same reading of a decision, no figures (hours, cost
    and dates are set when the training is organised)."""

    employee: Employee
    request: SkillRequest
    skill: Skill | None

    @property
    def status(self) -> RequestStatus:
        return self.request.status

    @property
    def course(self) -> str:
        return self.request.title

    def number(self, _column: str) -> float:
        return 0.0

    def day(self, _column: str) -> date | None:
        return None


def skill_training_requests(company: Company) -> list[SkillTrainingRequest]:
    """Every request made from the skills map, employee by employee, oldest first."""
    skills = {skill.id: skill for skill in company.skills}
    return [
        SkillTrainingRequest(employee, request, skills.get(request.skill))
        for employee in company.employees
        for request in sorted(employee.skill_requests, key=lambda r: (r.requested_on, r.id))
    ]


def skill_request_key(request: SkillTrainingRequest) -> tuple[str, str, int]:
    """What names a request across changes, in the shape of an interview request's key
    (employee, a name no interview id takes, no row)."""
    return (request.employee.ref, f"skills-map:{request.request.id}", -1)


def decide_skill_request(
    workspace: Workspace, request: SkillTrainingRequest, status: RequestStatus
) -> None:
    """Record the decision on ``request`` as the file holds it now; ``DONE`` also records
    the training followed (today, non-mandatory, a certification for a skill that
    expires) in the same change."""
    name = request.employee.full_name
    describe = lambda: _("the decision on a training request of {name}").format(name=name)  # noqa: E731
    with workspace.change(describe):
        ref = request.employee.ref
        employee = next((e for e in workspace.require_company().employees if e.ref == ref), None)
        current = next(
            (
                r
                for r in (employee.skill_requests if employee else ())
                if r.id == request.request.id
            ),
            None,
        )
        if employee is None or current is None:
            gone = _("This training request is no longer in the file.")
            raise ChangeRefused([FieldProblem("", gone)])
        problem = decision_problem(current.status, status)
        if problem is not None:
            raise ChangeRefused([FieldProblem("status", problem)])
        decided = replace(current, status=status)
        fields: dict[str, object] = {
            "skill_requests": tuple(
                decided if r.id == current.id else r for r in employee.skill_requests
            )
        }
        if status is RequestStatus.DONE:
            skill = next(
                (s for s in workspace.require_company().skills if s.id == current.skill), None
            )
            training = Training(
                title=current.title,
                start=workspace.today(),
                mandatory=False,
                certification=skill is not None and skill.expires,
            )
            fields["trainings"] = (*employee.trainings, training)
        workspace.update_employee(ref, describe, **fields)
