"""Interview templates: ordered sections of fields, the form an interview is filled with.

Templates are data (``resources/templates/*.json`` for the built-in ones, the database for
the company's own copies). Every text in them (titles, labels, help, choices) is written in
English and translated when shown, like any other message of the program.

An interview keeps the ``key`` (``id@version``) of the template it was filled with, so that
changing a template never changes the meaning of answers already given.

An option of a choice may be dated (``Choice.since``, ``Choice.until``): a scheme the law
creates or ends on a given day. A form offers it only to an interview held within its dates
(``offered_choices``), and an answer already given with it keeps reading and printing as it
was (docs/templates.md).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from entretien_desktop.domain.enums import InterviewKind


class FieldType(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"
    CHECKS = "checks"
    """Several tick boxes (the information given, for instance)."""
    YES_NO = "yes_no"
    RATING = "rating"
    """One of ``choices``, shown as a scale (A to D, or 1 to 4)."""
    TABLE = "table"
    """Rows of ``columns``: objectives, training requests, agreements."""


COLUMN_TYPES = frozenset(
    {FieldType.SHORT_TEXT, FieldType.LONG_TEXT, FieldType.DATE, FieldType.NUMBER, FieldType.CHOICE}
)


class Role(StrEnum):
    """What the rest of the program does with a table's rows."""

    TRAINING_REQUESTS = "training_requests"
    """Feeds the training plan (course, provider, hours, cost...)."""
    OBJECTIVES_REVIEW = "objectives_review"
    """Last period's objectives, evaluated: filled from the previous review's next ones."""
    OBJECTIVES_NEXT = "objectives_next"
    """Next period's objectives: carried into the next review of the same kind."""
    ACTION_PLAN = "action_plan"
    """SMART agreements: shown on the employee page and brought back next time."""
    AGREEMENTS_REVIEW = "agreements_review"
    """What came of last time's agreements: filled from the previous action plan."""
    SKILLS_REVIEW = "skills_review"
    """The skills map's table (issue 21): a row per skill the employee's job needs or
    they hold, prefilled from the matrix; the levels agreed are recorded in the
    employee's level history when the interview is signed (services/interview_skills.py)."""


class Prefill(StrEnum):
    """Where a field's first value comes from, when the interview starts."""

    PREVIOUS_INTERVIEW_DATE = "previous_interview_date"
    INVITATION_DATE = "invitation_date"
    INTERVIEW_DATE = "interview_date"
    JOB_TITLE = "job_title"
    CONTEXT = "context"
    """Which leave, which medical visit: the interview's context."""
    TRAININGS_SINCE_LAST = "trainings_since_last"
    CERTIFICATIONS_SINCE_LAST = "certifications_since_last"
    PROGRESSIONS_SINCE_LAST = "progressions_since_last"
    SUMMARY_CRITERIA = "summary_criteria"
    """The summary review's criteria and amount, computed by the rules engine."""
    REVIEW_PERIOD_START = "review_period_start"
    REVIEW_PERIOD_END = "review_period_end"
    REVIEW_OUTCOME = "review_outcome"
    """Whether the review owes the top-up (``top_up_owed`` or ``no_top_up``)."""
    TOP_UP_DEADLINE = "top_up_deadline"
    INTERVIEWS_DUE_AND_HELD = "interviews_due_and_held"
    """The interviews due in the review's period, held or missed: the rules engine's."""
    PLACE = "place"
    """Where the interview was planned to be held."""
    PARTICIPANTS = "participants"
    """The employee and the interviewer named when it was planned."""


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    since: date | None = None
    """The first day the option is offered (``"from"`` in the document), if it has one:
    a scheme that did not exist before (the reconversion period, 1 Jan 2026)."""
    until: date | None = None
    """The last day the option is offered (``"until"``), if it has one: a scheme the law
    ended (Pro-A, 31 Dec 2025). Kept in the template, so that answers given before still
    read and print with its label."""

    def offered_on(self, day: date) -> bool:
        """Whether a form of an interview held on ``day`` offers this option."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


def offered_choices(
    choices: Iterable[Choice], day: date, kept: Collection[str] = ()
) -> list[Choice]:
    """The options a form offers for an interview held on ``day``, in the template's order;
    with those of ``kept`` (the answers already given) even when they are not offered on
    that day, so that opening a form never loses an answer."""
    return [c for c in choices if c.offered_on(day) or c.id in kept]


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    label: str
    type: FieldType = FieldType.SHORT_TEXT
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    """Unique in its template: answers are keyed by it."""
    type: FieldType
    label: str
    help: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    columns: tuple[Column, ...] = ()
    role: Role | None = None
    prefill: Prefill | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    help: str = ""
    fields: tuple[Field, ...] = ()
    optional: bool = False
    """Only for some interviews of the form's kind (the mid-career questions of a
    professional interview, pay at an annual review): left empty, it is not printed."""


@dataclass(frozen=True, slots=True)
class AppliesTo:
    """Which employees a company template is for; an empty list matches everyone."""

    jobs: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()

    @property
    def everyone(self) -> bool:
        return not (self.jobs or self.departments or self.sites or self.contracts)


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    version: int
    kind: InterviewKind
    title: str
    sections: tuple[Section, ...]
    built_in: bool = False
    applies_to: AppliesTo = AppliesTo()
    notice: str = ""
    """A legal mention printed with the report (confidentiality, not an evaluation...)."""

    @property
    def key(self) -> str:
        """What an interview records: ``id@version``."""
        return f"{self.id}@{self.version}"

    def fields(self) -> tuple[Field, ...]:
        return tuple(f for section in self.sections for f in section.fields)

    def field(self, field_id: str) -> Field:
        for candidate in self.fields():
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    def section_index(self, field_id: str) -> int:
        """The step (0 first) where the field ``field_id`` is asked."""
        for index, section in enumerate(self.sections):
            if any(f.id == field_id for f in section.fields):
                return index
        raise KeyError(field_id)

    def with_role(self, role: Role) -> Field | None:
        for candidate in self.fields():
            if candidate.role is role:
                return candidate
        return None


Answers = dict[str, Any]
"""An interview's content, by field id: ``str`` for texts, dates (ISO), choices and ratings;
``bool`` for yes/no; ``list[str]`` for tick boxes; ``list[dict[str, str]]`` for tables."""


def is_answered(field: Field, value: Any) -> bool:
    """Whether ``value`` counts as an answer to a required ``field``."""
    if value is None:
        return False
    if field.type is FieldType.YES_NO:
        return isinstance(value, bool)
    if field.type is FieldType.TABLE:
        return isinstance(value, list) and any(
            any(str(cell).strip() for cell in row.values())
            for row in value
            if isinstance(row, dict)
        )
    if field.type is FieldType.CHECKS:
        return isinstance(value, list) and bool(value)
    return bool(str(value).strip())
