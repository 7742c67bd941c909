"""Filling an interview form: which template, what it starts with, what is still missing.

A form starts prefilled from the history: the dates, the job, the context (which leave,
which visit), the trainings, certifications and progressions since the last interview,
last time's agreements (to say what came of them), last year's objectives (to evaluate
them), and for a summary review the criteria and amount the rules engine computes.
Prefills never overwrite an answer already given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from typing import Any

from entretien_desktop.domain import (
    Company,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.domain.templates import (
    Answers,
    Choice,
    Field,
    FieldType,
    Prefill,
    Role,
    Section,
    Template,
    is_answered,
)
from entretien_desktop.i18n import _, format_date, format_number, prose_date
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
from entretien_desktop.services.interview_skills import refreshed_rows, skill_rows
from entretien_desktop.services.labels import certification_via_label, progression_label
from entretien_desktop.services.summary_reviews import (
    ENGINE_PREFILLS,
    SummaryConclusion,
    computed_answers,
    review_as_of,
    summary_conclusion,
)
from entretien_desktop.services.templates import built_in_template, choose_template, find_template

# What "the last interview" means for each kind: the professional family shares one thread,
# company policies and the forfait-jours review each have their own.
_THREADS: dict[InterviewKind, frozenset[InterviewKind]] = {
    **dict.fromkeys(PROFESSIONAL_FAMILY, PROFESSIONAL_FAMILY),
    InterviewKind.ANNUAL_REVIEW: frozenset({InterviewKind.ANNUAL_REVIEW}),
    InterviewKind.CAREER_CONVERSATION: frozenset({InterviewKind.CAREER_CONVERSATION}),
    InterviewKind.FORFAIT_JOURS_REVIEW: frozenset({InterviewKind.FORFAIT_JOURS_REVIEW}),
}


def template_for(company: Company, employee: Employee, interview: Interview) -> Template:
    """The template the interview was (or is being) filled with: the one it recorded while
    it is known, else the one that fits the employee now."""
    recorded = find_template(interview.template, company.templates)
    if recorded is not None:
        return recorded
    return choose_template(interview.kind, employee, company.templates)


def previous_interview(employee: Employee, interview: Interview) -> Interview | None:
    """The last interview of the same thread held before this one."""
    thread = _THREADS[interview.kind]
    before = interview.date or date.max
    held = [
        i
        for i in employee.interviews
        if i.id != interview.id
        and i.kind in thread
        and i.status is InterviewStatus.HELD
        and i.date is not None
        and i.date <= before
    ]
    return max(held, key=lambda i: i.date or date.min, default=None)


def _table_of(company: Company, interview: Interview, role: Role) -> list[dict[str, str]]:
    """The rows of the table with ``role`` in an interview's answers."""
    template = find_template(interview.template, company.templates)
    if template is None:
        template = built_in_template(interview.kind)
    found = template.with_role(role)
    rows = (interview.answers or {}).get(found.id) if found is not None else None
    if not isinstance(rows, list):
        return []
    return [row for row in rows if isinstance(row, dict)]


def _carried_rows(
    company: Company, employee: Employee, interview: Interview, source_role: Role, target: Field
) -> list[dict[str, str]]:
    previous = previous_interview(employee, interview)
    if previous is None:
        return []
    columns = {column.id for column in target.columns}
    rows = []
    for row in _table_of(company, previous, source_role):
        carried = {key: str(value) for key, value in row.items() if key in columns}
        if any(value.strip() for value in carried.values()):
            rows.append(carried)
    return rows


def _lines(items: Sequence[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _trainings_text(employee: Employee, since: date) -> str:
    lines = []
    for t in sorted(employee.trainings, key=lambda t: t.start):
        if t.start < since:
            continue
        period = (
            prose_date(t.start)
            if t.end is None
            else (f"{prose_date(t.start)} – {prose_date(t.end)}")
        )
        kind = _("mandatory") if t.mandatory else _("not mandatory")
        line = _("{title}, {period}, {hours} h, {kind}").format(
            title=t.title, period=period, hours=format_number(t.hours), kind=kind
        )
        if t.certification:
            line += _(", with a certification")
        lines.append(line)
    return _lines(lines)


def _certifications_text(employee: Employee, since: date) -> str:
    """The certifications obtained since ``since``: those recorded, and those a training
    gave (the summary review's criterion counts both)."""
    found = [
        (
            c.date,
            f"{c.title}, {prose_date(c.date)}"
            + (f" ({certification_via_label(c.via)})" if c.via else ""),
        )
        for c in employee.certifications
        if c.date >= since
    ]
    found += [
        (
            t.end or t.start,
            _("{title}, {date} (certification through training)").format(
                title=t.title, date=prose_date(t.end or t.start)
            ),
        )
        for t in employee.trainings
        if t.certification and t.start >= since
    ]
    return _lines([text for _day, text in sorted(found, key=lambda item: item[0])])


def _progressions_text(employee: Employee, since: date) -> str:
    return _lines(
        [
            f"{prose_date(p.date)}: {progression_label(p.kind)}"
            + (f" ({p.note})" if p.note else "")
            for p in sorted(employee.progressions, key=lambda p: p.date)
            if p.date >= since
        ]
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Prefills:
    """What one form's prefills read, each worked out once: a summary review's conclusion
    evaluates the employee, and several fields (and "since last time") read it."""

    def __init__(
        self, company: Company, employee: Employee, interview: Interview, as_of: date
    ) -> None:
        self.company, self.employee, self.interview, self.as_of = (
            company,
            employee,
            interview,
            as_of,
        )

    @cached_property
    def engine_answers(self) -> dict[Prefill, Any]:
        """The summary review's conclusion, the engine's, for the review this interview
        closes, on the facts of the day it is held: the form never writes its own."""
        return computed_answers(self._conclusion)

    @cached_property
    def _conclusion(self) -> SummaryConclusion | None:
        interview = self.interview
        day = review_as_of(interview, self.as_of)
        return summary_conclusion(self.company, self.employee, interview, day)

    @cached_property
    def previous(self) -> Interview | None:
        return previous_interview(self.employee, self.interview)

    @cached_property
    def since(self) -> date:
        """Where "since last time" starts: for a summary review, its period (the trainings,
        certifications and progressions it weighs); else the previous interview of the
        thread, or the hire."""
        if self.interview.kind is InterviewKind.SUMMARY_REVIEW and self._conclusion is not None:
            return self._conclusion.review.window_start
        previous = self.previous
        if previous is not None and previous.date is not None:
            return previous.date
        return self.employee.hire_date

    def value(self, prefill: Prefill) -> Any:
        if prefill in ENGINE_PREFILLS:
            return self.engine_answers.get(prefill) or None
        employee, interview = self.employee, self.interview
        values: dict[Prefill, Callable[[], Any]] = {
            Prefill.INTERVIEW_DATE: lambda: _iso(interview.date),
            Prefill.INVITATION_DATE: lambda: _iso(interview.invited_on),
            Prefill.PREVIOUS_INTERVIEW_DATE: lambda: _iso(
                self.previous.date if self.previous else None
            ),
            Prefill.JOB_TITLE: lambda: employee.job_title,
            Prefill.CONTEXT: lambda: interview.context,
            Prefill.TRAININGS_SINCE_LAST: lambda: _trainings_text(employee, self.since),
            Prefill.CERTIFICATIONS_SINCE_LAST: lambda: _certifications_text(employee, self.since),
            Prefill.PROGRESSIONS_SINCE_LAST: lambda: _progressions_text(employee, self.since),
            Prefill.PLACE: lambda: interview.place,
            Prefill.PARTICIPANTS: lambda: _participants_text(employee, interview),
        }
        return values[prefill]() or None


def _participants_text(employee: Employee, interview: Interview) -> str:
    """The two people named when the interview was planned (nothing without an interviewer:
    the form then asks)."""
    if not interview.interviewer:
        return ""
    return _("{employee} (employee), {interviewer} (interviewer)").format(
        employee=employee.full_name, interviewer=interview.interviewer
    )


_CARRIED = {
    Role.AGREEMENTS_REVIEW: Role.ACTION_PLAN,
    Role.OBJECTIVES_REVIEW: Role.OBJECTIVES_NEXT,
}


def prefilled_answers(
    company: Company, employee: Employee, interview: Interview, template: Template, as_of: date
) -> Answers:
    """The interview's answers with every empty prefilled field filled from the history."""
    answers: Answers = dict(interview.answers or {})
    prefills = _Prefills(company, employee, interview, as_of)
    for field in template.fields():
        typed = answers.get(field.id)
        if field.role is Role.SKILLS_REVIEW and isinstance(typed, list) and _not_held(interview):
            day = form_day(interview, as_of)  # the skills map read again until it is held
            answers[field.id] = refreshed_rows(typed, skill_rows(company, employee, day))
            continue
        if is_answered(field, typed):
            continue
        value: Any = None
        if field.prefill is not None:
            value = prefills.value(field.prefill)
        elif field.role in _CARRIED:
            value = _carried_rows(company, employee, interview, _CARRIED[field.role], field) or None
        elif field.role is Role.SKILLS_REVIEW:  # the skills map's table (issue 21)
            value = skill_rows(company, employee, form_day(interview, as_of)) or None
        if value is not None:
            answers[field.id] = value
    return answers


def _not_held(interview: Interview) -> bool:
    return interview.status in {InterviewStatus.PLANNED, InterviewStatus.INVITED}


def missing_required(section: Section, answers: Answers) -> list[Field]:
    """The required fields of ``section`` still without an answer."""
    return [f for f in section.fields if f.required and not is_answered(f, answers.get(f.id))]


def required_progress(template: Template, answers: Answers) -> tuple[int, int]:
    """(required answers given, required answers in all): what the form's progress shows.
    Counting steps instead said "9 of 12" before anything was typed, as a step with nothing
    required is complete from the start."""
    required = [f for section in template.sections for f in section.fields if f.required]
    given = sum(1 for f in required if is_answered(f, answers.get(f.id)))
    return given, len(required)


def first_incomplete_section(template: Template, answers: Answers) -> int | None:
    for index, section in enumerate(template.sections):
        if missing_required(section, answers):
            return index
    return None


def _is_date(value: Any) -> bool:
    """Whether an answer (or a table cell) kept for a date is one: ISO, or nothing."""
    text = "" if value is None else str(value).strip()
    if not text:
        return True
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _dates_right(field: Field, value: Any) -> bool:
    if field.type is FieldType.DATE:
        return _is_date(value)
    if field.type is not FieldType.TABLE or not isinstance(value, list):
        return True
    dated = [c.id for c in field.columns if c.type is FieldType.DATE]
    return all(_is_date(row.get(c)) for row in value if isinstance(row, dict) for c in dated)


def invalid_dates(section: Section, answers: Answers) -> list[Field]:
    """The fields of ``section`` (a date, or a table with date cells) holding text typed
    for a date that is no date: the editors keep it as typed (so that nothing is lost)
    and the form cannot be finished on it."""
    return [f for f in section.fields if not _dates_right(f, answers.get(f.id))]


def form_day(interview: Interview, today: date) -> date:
    """The day a form offers its options for: its interview's (planned or held), else
    today. A dated option (docs/templates.md) is offered only within its dates."""
    return interview.date or today


def _chosen_ids(field: Field, value: Any) -> list[tuple[Sequence[Choice], str]]:
    """The options an answer of ``field`` chose, each with the options it was one of."""
    if field.type in {FieldType.CHOICE, FieldType.RATING} and isinstance(value, str):
        return [(field.choices, value)]
    if field.type is FieldType.CHECKS and isinstance(value, list):
        return [(field.choices, str(v)) for v in value]
    if field.type is FieldType.TABLE and isinstance(value, list):
        return [
            (column.choices, str(row.get(column.id) or ""))
            for row in value
            if isinstance(row, dict)
            for column in field.columns
            if column.type is FieldType.CHOICE
        ]
    return []


def unoffered_choices(section: Section, answers: Answers, day: date) -> list[tuple[Field, Choice]]:
    """The options chosen in ``section`` that its template does not offer for an interview
    held on ``day`` (Pro-A in 2026, the reconversion period in 2025), each once with its
    field. The form shows such an answer as it was given, never drops it, and is not
    finished on it; an interview held within the option's dates reads and prints it."""
    found: list[tuple[Field, Choice]] = []
    for field in section.fields:
        for choices, chosen in _chosen_ids(field, answers.get(field.id)):
            choice = next((c for c in choices if c.id == chosen), None)
            if choice is not None and not choice.offered_on(day) and (field, choice) not in found:
                found.append((field, choice))
    return found


def choice_dates_text(choice: Choice) -> str:
    """When an option is offered, in words (``offered until 31 Dec 2025``); ``""`` for
    an option offered on every day."""
    if choice.since is not None and choice.until is not None:
        return _("offered from {start} to {end}").format(
            start=format_date(choice.since), end=format_date(choice.until)
        )
    if choice.until is not None:
        return _("offered until {date}").format(date=format_date(choice.until))
    if choice.since is not None:
        return _("offered from {date}").format(date=format_date(choice.since))
    return ""


def first_unfinished_section(
    template: Template, answers: Answers, day: date | None = None
) -> int | None:
    """The first section with a required field missing, a date that is no date, or (with
    the ``day`` the interview is held on) an option not offered on that day."""
    for index, section in enumerate(template.sections):
        if (
            missing_required(section, answers)
            or invalid_dates(section, answers)
            or (day is not None and unoffered_choices(section, answers, day))
        ):
            return index
    return None


def action_plan(company: Company, employee: Employee) -> list[tuple[Interview, dict[str, str]]]:
    """The agreements of the employee's interviews (newest interview first), for the
    employee page and the next interview."""
    found: list[tuple[Interview, dict[str, str]]] = []
    dated = [i for i in employee.interviews if i.answers]
    for interview in sorted(dated, key=lambda i: i.date or date.min, reverse=True):
        found.extend((interview, row) for row in _table_of(company, interview, Role.ACTION_PLAN))
    return found
