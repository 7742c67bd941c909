"""Trainings typed in a form's "trainings followed": offered to the employee's history.

The field starts with the trainings the history already holds, one a line ("title, period,
hours h, ..."). A line whose title the history does not hold is a training the people in
the interview added: its title is what comes before the first comma, its day the first date
read in the rest (else the interview's), its hours the first number followed by "h". Nothing
is recorded without a confirmation that lists them (the form offers it once held).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from entretien_desktop.domain import Company, Employee, Interview, Training, limits
from entretien_desktop.domain.date_entry import read_date
from entretien_desktop.domain.templates import Prefill
from entretien_desktop.i18n import _
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.workspace import Workspace

_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*h\b", re.IGNORECASE)
_BULLETS = " \t-•*·"


def typed_trainings(
    company: Company, employee: Employee, interview: Interview, today: date
) -> list[Training]:
    """The trainings typed in ``interview``'s "trainings followed" that the history lacks."""
    template = template_for(company, employee, interview)
    field = next((f for f in template.fields() if f.prefill is Prefill.TRAININGS_SINCE_LAST), None)
    text = (interview.answers or {}).get(field.id) if field is not None else None
    if not isinstance(text, str):
        return []
    known = {t.title.strip().casefold() for t in employee.trainings}
    found: list[Training] = []
    for raw in text.splitlines():
        line = raw.strip(_BULLETS)
        title, _comma, rest = line.partition(",")
        title = title.strip()[: limits.MAX_NAME]
        if not title or title.casefold() in known:
            continue
        known.add(title.casefold())
        found.append(
            Training(
                title=title,
                start=_first_day(rest, today) or interview.date or today,
                hours=_hours(line),
            )
        )
    return found


def _first_day(text: str, today: date) -> date | None:
    for part in text.split(","):
        day = read_date(part, today).value
        if day is not None and limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
            return day
    return None


def _hours(text: str) -> float:
    found = _HOURS.search(text)
    if found is None:
        return 0.0
    hours = float(found.group(1).replace(",", "."))
    return hours if hours in limits.HOURS else 0.0


def record_trainings(workspace: Workspace, ref: str, trainings: Sequence[Training]) -> None:
    """Add ``trainings`` to the history of the employee numbered ``ref`` (one undo step)."""
    employee = workspace.employee(ref)
    describe = lambda: _("the trainings typed in a form of {name}").format(  # noqa: E731
        name=employee.full_name
    )
    workspace.update_employee(ref, describe, trainings=(*employee.trainings, *trainings))
