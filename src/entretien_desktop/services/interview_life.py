"""An interview's life: planned, invited (the date is kept as proof), held, signed; or
refused by the employee (date and reason kept as proof), or cancelled.

Each step is a pure function from an interview to the next one, refusing with a
``ChangeRefused`` that says why when the step does not apply; the workspace saves it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from enum import StrEnum
from typing import TYPE_CHECKING

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.enums import MedicalVisitKind
from entretien_desktop.i18n import _, format_date
from entretien_desktop.rules.return_interview import LEAVE_NAMES
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem, planning_problem
from entretien_desktop.services.retry import retried

if TYPE_CHECKING:
    from entretien_desktop.services.workspace import Workspace


class Stage(StrEnum):
    """Where an interview stands, as the interviews page and the campaign board show it."""

    PLANNED = "planned"
    INVITED = "invited"
    IN_PROGRESS = "in_progress"
    """Its form has answers but it is not marked held yet."""
    HELD = "held"
    SIGNED = "signed"
    REFUSED = "refused"
    CANCELLED = "cancelled"


def stage(interview: Interview) -> Stage:
    status = interview.status
    if status is InterviewStatus.HELD:
        return Stage.SIGNED if interview.signed_on is not None else Stage.HELD
    if status is InterviewStatus.REFUSED:
        return Stage.REFUSED
    if status is InterviewStatus.CANCELLED:
        return Stage.CANCELLED
    if interview.answers:
        return Stage.IN_PROGRESS
    return Stage.INVITED if status is InterviewStatus.INVITED else Stage.PLANNED


OPEN_STATUSES = frozenset({InterviewStatus.PLANNED, InterviewStatus.INVITED})


def _refuse(field: str, message: str) -> ChangeRefused:
    return ChangeRefused([FieldProblem(field, message)])


def _require_open(interview: Interview) -> None:
    if interview.status not in OPEN_STATUSES:
        raise _refuse("status", _("Only a planned or invited interview can change this way."))


def invite(interview: Interview, on: date) -> Interview:
    """Record that the invitation went out on ``on`` (kept as proof)."""
    _require_open(interview)
    if interview.date is not None and on > interview.date:
        raise _refuse("invited_on", _("The invitation cannot be sent after the interview."))
    return replace(interview, status=InterviewStatus.INVITED, invited_on=on)


def hold(interview: Interview, on: date, today: date) -> Interview:
    """Record that the interview took place on ``on``."""
    _require_open(interview)
    if on > today:
        raise _refuse("date", _("An interview cannot be held in the future."))
    if interview.invited_on is not None and on < interview.invited_on:
        raise _refuse("date", _("The interview cannot take place before the invitation."))
    return replace(interview, status=InterviewStatus.HELD, date=on)


def held_on(interview: Interview, today: date) -> date:
    """The day an interview is recorded as held when its form is finished: its planned
    date if that day has come, else today."""
    planned = interview.date
    return planned if planned is not None and planned <= today else today


def refuse(interview: Interview, on: date, reason: str, today: date) -> Interview:
    """Record that the employee declined on ``on``, and why (kept as proof)."""
    _require_open(interview)
    if not reason.strip():
        raise _refuse("refusal_reason", _("Write down the reason the employee gave."))
    if on > today:
        raise _refuse("date", _("A refusal cannot be dated in the future."))
    return replace(
        interview, status=InterviewStatus.REFUSED, date=on, refusal_reason=reason.strip()
    )


def cancel(interview: Interview) -> Interview:
    _require_open(interview)
    return replace(interview, status=InterviewStatus.CANCELLED)


def mark_signed(interview: Interview, on: date, today: date) -> Interview:
    """Record that both people signed the report (on screen or on paper) on ``on``."""
    if interview.status is not InterviewStatus.HELD or interview.date is None:
        raise _refuse("signed_on", _("Only a held interview can be signed."))
    if interview.signed_on is not None:
        raise _refuse("signed_on", _("This interview is already signed."))
    if on < interview.date or on > today:
        raise _refuse(
            "signed_on",
            _("The signature date must fall between the interview ({date}) and today.").format(
                date=format_date(interview.date)
            ),
        )
    return replace(interview, signed_on=on)


def context_for(employee: Employee, kind: InterviewKind, as_of: date) -> str:
    """What a new interview of ``kind`` follows: the leave the employee came back from, the
    mid-career medical visit, the forfait jours' start; empty for the other kinds."""
    if kind is InterviewKind.RETURN:
        ended = [leave for leave in employee.leaves if leave.end is not None and leave.end <= as_of]
        if not ended:
            return ""
        leave = max(ended, key=lambda x: x.end or date.min)
        assert leave.end is not None
        return _("Return from {leave} ({start} to {end})").format(
            leave=_(LEAVE_NAMES[leave.kind]),
            start=format_date(leave.start),
            end=format_date(leave.end),
        )
    if kind is InterviewKind.MID_CAREER:
        visits = [
            v.date
            for v in employee.medical_visits
            if v.kind is MedicalVisitKind.MID_CAREER and v.date <= as_of
        ]
        if not visits:
            return _("No mid-career medical visit recorded yet.")
        return _("Mid-career medical visit on {date}").format(date=format_date(max(visits)))
    if kind is InterviewKind.FORFAIT_JOURS_REVIEW and employee.forfait_jours_since is not None:
        return _("On a forfait jours since {date}").format(
            date=format_date(employee.forfait_jours_since)
        )
    return ""


def new_interview_id(company: Company, ref: str, day: date) -> str:
    """``E004-20270115-1``: the employee, the day, and the first number no interview uses."""
    taken = {i.id for e in company.employees for i in e.interviews}
    number = 1
    while f"{ref}-{day:%Y%m%d}-{number}" in taken:
        number += 1
    return f"{ref}-{day:%Y%m%d}-{number}"


@retried  # run again after a serialization failure or deadlock
def plan(workspace: Workspace, ref: str, interview: Interview) -> Interview:
    """Plan ``interview`` (its id is given here) for the employee numbered ``ref``, on a day
    they work for the company; returns it as saved."""
    with workspace.change(lambda: _("planning an interview")):
        employee = workspace.employee(ref)
        day = interview.date
        if day is not None:
            problem = planning_problem(employee, day)
            if problem is not None:
                raise ChangeRefused([problem])
        planned = replace(
            interview,
            id=new_interview_id(workspace.require_company(), ref, day or workspace.today()),
            status=InterviewStatus.PLANNED,
        )
        workspace.put_interview(ref, planned)
        return planned


def reschedule(
    workspace: Workspace,
    ref: str,
    interview_id: str,
    *,
    day: date,
    interviewer: str,
    place: str,
    context: str,
    at: time | None = None,
) -> Interview:
    """Change the day, time (``at``; ``None``: to be written by hand), interviewer, place
    and context of an interview still planned or invited (the one the plan dialog found
    already planned for an obligation, rather than planning a second one); the day is
    checked as ``plan`` checks it, and an invitation already sent cannot come after it.
    Returns the interview as saved."""

    def step(stored: Interview) -> Interview:
        _require_open(stored)
        problem = planning_problem(workspace.employee(ref), day)
        if problem is not None:
            raise ChangeRefused([problem])
        if stored.invited_on is not None and day < stored.invited_on:
            raise _refuse("date", _("The interview cannot take place before the invitation."))
        return replace(
            stored, date=day, time=at, interviewer=interviewer, place=place, context=context
        )

    return workspace.update_interview(
        ref, interview_id, step, describe=lambda: _("planning an interview")
    )
