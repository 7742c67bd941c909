"""Checks on one employee's record as typed in a form: every refused field with its reason,
and the warnings that do not block saving (overlapping leaves)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import Company, Employee, InterviewStatus
from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _, format_date


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A field of a form (``ref``, ``exit_date``, ``leaves[1].end``) and why it is refused."""

    field: str
    message: str


class ChangeRefused(UserError):
    """A change the data cannot take; ``problems`` says where and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{p.field}: {p.message}" for p in problems))

    @property
    def user_message(self) -> str:
        return "\n".join(p.message for p in self.problems)


def refusal(message: str, field: str = "") -> ChangeRefused:
    """A refusal of one change, for one reason (raise it)."""
    return ChangeRefused([FieldProblem(field, message)])


def employee_problems(
    employee: Employee, company: Company, replacing: str | None = None
) -> list[FieldProblem]:
    """Why ``employee`` cannot be saved into ``company`` (in place of ``replacing``)."""
    problems: list[FieldProblem] = []

    def refuse(field: str, message: str) -> None:
        problems.append(FieldProblem(field, message))

    others = [e for e in company.employees if e.ref != replacing]
    if not employee.ref.strip():
        refuse("ref", _("The employee number is required."))
    elif any(e.ref == employee.ref for e in others):
        refuse("ref", _("Another employee already has the number {ref}.").format(ref=employee.ref))
    if not employee.first_name.strip():
        refuse("first_name", _("The first name is required."))
    if not employee.last_name.strip():
        refuse("last_name", _("The last name is required."))
    if employee.birth_date is not None and employee.birth_date >= employee.hire_date:
        refuse("hire_date", _("The hire date must come after the birth date."))
    if employee.exit_date is not None and employee.exit_date < employee.hire_date:
        refuse("exit_date", _("The exit date cannot be before the hire date."))
    if employee.manager_ref is not None:
        if employee.manager_ref == employee.ref:
            refuse("manager_ref", _("An employee cannot be their own manager."))
        elif not any(e.ref == employee.manager_ref for e in others):
            refuse(
                "manager_ref",
                _("No employee has the number {ref}.").format(ref=employee.manager_ref),
            )
    for index, leave in enumerate(employee.leaves):
        if leave.end is not None and leave.end < leave.start:
            refuse(f"leaves[{index}].end", _("A leave cannot end before it starts."))
    taken = {i.id for e in others for i in e.interviews}
    for index, interview in enumerate(employee.interviews):
        if interview.id in taken:
            refuse(f"interviews[{index}].id", _("This interview number is already used."))
        taken.add(interview.id)
    problems.extend(_history_problems(employee))
    return problems


def _history_problems(employee: Employee) -> Iterator[FieldProblem]:
    """Why the dated facts of the record (interviews, trainings...) cannot be saved."""
    for index, interview in enumerate(employee.interviews):
        if interview.status is InterviewStatus.HELD and interview.date is None:
            yield FieldProblem(f"interviews[{index}].date", _("A held interview needs a date."))
        if (
            interview.invited_on is not None
            and interview.date is not None
            and interview.invited_on > interview.date
        ):
            yield FieldProblem(
                f"interviews[{index}].invited_on",
                _("The invitation cannot come after the interview."),
            )
    for index, training in enumerate(employee.trainings):
        if not training.title.strip():
            yield FieldProblem(f"trainings[{index}].title", _("The title is required."))
        if training.end is not None and training.end < training.start:
            yield FieldProblem(
                f"trainings[{index}].end", _("A training cannot end before it starts.")
            )
        if training.hours < 0:
            yield FieldProblem(f"trainings[{index}].hours", _("The hours cannot be negative."))
    for index, certification in enumerate(employee.certifications):
        if not certification.title.strip():
            yield FieldProblem(f"certifications[{index}].title", _("The title is required."))
    for field, day in _history_dates(employee):
        if employee.birth_date is not None and day < employee.birth_date:
            yield FieldProblem(
                field,
                _("This date is before the birth date ({date}).").format(
                    date=format_date(employee.birth_date)
                ),
            )


def _history_dates(employee: Employee) -> Iterator[tuple[str, date]]:
    """Every date of the employee's history, with its field (``trainings[1].start``)."""
    for index, leave in enumerate(employee.leaves):
        yield f"leaves[{index}].start", leave.start
    for index, interview in enumerate(employee.interviews):
        if interview.invited_on is not None:
            yield f"interviews[{index}].invited_on", interview.invited_on
        if interview.date is not None:
            yield f"interviews[{index}].date", interview.date
    for index, training in enumerate(employee.trainings):
        yield f"trainings[{index}].start", training.start
    for index, certification in enumerate(employee.certifications):
        yield f"certifications[{index}].date", certification.date
    for index, progression in enumerate(employee.progressions):
        yield f"progressions[{index}].date", progression.date
    for index, visit in enumerate(employee.medical_visits):
        yield f"medical_visits[{index}].date", visit.date


def employee_warnings(employee: Employee) -> list[FieldProblem]:
    """What deserves a second look without blocking the save."""
    warnings = []
    ordered = sorted(enumerate(employee.leaves), key=lambda item: item[1].start)
    for (_first, earlier), (index, later) in itertools.pairwise(ordered):
        if earlier.end is None or later.start <= earlier.end:
            warnings.append(
                FieldProblem(f"leaves[{index}].start", _("This leave overlaps the one before it."))
            )
    return warnings


def planning_problem(employee: Employee, day: date) -> FieldProblem | None:
    """Why an interview cannot be planned on ``day``: it falls while the employee works
    for the company, or not at all."""
    if employee.present_on(day):
        return None
    if day < employee.hire_date:
        message = _("{name} is hired on {date}: plan the interview from that day on.")
        return FieldProblem(
            "date", message.format(name=employee.full_name, date=format_date(employee.hire_date))
        )
    if employee.exit_date is not None and day > employee.exit_date:
        message = _("{name} leaves on {date}: plan the interview by that day.")
        return FieldProblem(
            "date", message.format(name=employee.full_name, date=format_date(employee.exit_date))
        )
    return None
