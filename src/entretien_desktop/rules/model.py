"""What the engine answers: obligations with their status, and the settings it reads."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache, partial
from operator import attrgetter
from typing import Any, NamedTuple

from entretien_desktop.domain import (
    Company,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    LeaveKind,
    Settings,
)
from entretien_desktop.rules.statuses import (
    DUE_SOON,
    NOT_APPLICABLE,
    OVERDUE,
    POLICY_KINDS,
    SATISFIED,
    UPCOMING,
    ObligationKind,
    Status,
)
from entretien_desktop.rules.wording import Sentence, held, held_late, left, render

PROFESSIONAL_FAMILY = frozenset(
    {
        InterviewKind.PROFESSIONAL,
        InterviewKind.RETURN,
        InterviewKind.MID_CAREER,
        InterviewKind.END_OF_CAREER,
        InterviewKind.SUMMARY_REVIEW,
    }
)


class Obligation(NamedTuple):
    """One interview an employee must (or by policy should) have by ``deadline``.

    A named tuple rather than a dataclass: a company's evaluation builds hundreds of
    thousands of them, and a tuple is the cheapest immutable record Python has.
    """

    employee_ref: str
    kind: ObligationKind
    window_start: date
    deadline: date
    status: Status
    satisfied_by: str | None
    basis: str
    reasons: tuple[Sentence, ...]
    amount_at_stake_eur: int = 0
    satisfied_on: date | None = None

    @property
    def explanation(self) -> str:
        """Why, in one or two sentences of the current language."""
        return render(self.reasons)

    @property
    def late(self) -> bool:
        """Satisfied, but by an interview held after the deadline."""
        return self.satisfied_on is not None and self.satisfied_on > self.deadline

    @property
    def by_policy(self) -> bool:
        """Owed under a company policy, not the law: shown apart from the law's."""
        return self.kind in POLICY_KINDS


build: Callable[[tuple[Any, ...]], Obligation] = partial(tuple.__new__, Obligation)
"""An obligation from all its fields, in order. The chains use this rather than
``Obligation(...)``: the named tuple's ``__new__`` is a Python function that repacks its
arguments, and the chains build hundreds of thousands of obligations. A ``partial`` of the
C constructor, so that no Python frame is entered either."""


def met_by(
    ref: str,
    kind: ObligationKind,
    window_start: date,
    deadline: date,
    interview: Interview,
    *,
    basis: str,
    text: Sentence,
) -> Obligation:
    """A cycle of a chain (periodic, forfait-jours, policy) met by ``interview``: satisfied
    on time or late, its explanation followed by the sentence that says which."""
    held_on = interview.date
    assert held_on is not None
    outcome = held_late(held_on) if held_on > deadline else held(held_on)
    return build(
        (
            ref,
            kind,
            window_start,
            deadline,
            SATISFIED,
            interview.id,
            basis,
            (text, outcome),
            0,
            held_on,
        )
    )


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The company settings the rules read, with their defaults applied."""

    due_soon_days: int
    return_grace_months: int
    long_sickness_months: int
    apply_seniority_suspension: bool
    any_interview_restarts_clock: bool
    late_interview_counts_as_missed: bool
    return_leaves: frozenset[LeaveKind]
    suspending_leaves: frozenset[LeaveKind]

    @classmethod
    def of(cls, settings: Settings) -> RuleSettings:
        def number(name: str) -> int:
            value = settings.effective(name)
            assert isinstance(value, int)
            return value

        def kinds(name: str) -> frozenset[LeaveKind]:
            value = settings.effective(name)
            assert isinstance(value, tuple)
            return frozenset(LeaveKind(kind) for kind in value)

        return cls(
            due_soon_days=number("due_soon_days"),
            return_grace_months=number("return_interview_grace_months"),
            long_sickness_months=number("long_sickness_months"),
            apply_seniority_suspension=bool(settings.effective("apply_seniority_suspension")),
            any_interview_restarts_clock=bool(settings.effective("any_interview_restarts_clock")),
            late_interview_counts_as_missed=bool(
                settings.effective("late_interview_counts_as_missed")
            ),
            return_leaves=kinds("return_interview_leaves"),
            suspending_leaves=kinds("seniority_suspending_leaves"),
        )


@lru_cache(maxsize=64)
def _read_settings(settings: Settings) -> RuleSettings:
    return RuleSettings.of(settings)


_last_read: tuple[Settings, RuleSettings] | None = None


def _rule_settings(settings: Settings) -> RuleSettings:
    """Settings are the same for every employee of a company: read them once. The very
    object asked for last is recognised without hashing it (a frozen dataclass hashes all
    its fields in Python at every call)."""
    global _last_read  # noqa: PLW0603 - a one-entry cache; replacing a tuple is atomic
    last = _last_read
    if last is not None and last[0] is settings:
        return last[1]
    read = _read_settings(settings)
    _last_read = (settings, read)
    return read


@lru_cache(maxsize=64)
def _due_soon_until(as_of: date, days: int) -> date:
    return as_of + timedelta(days=days)


_NONE_HELD: tuple[list[date], list[Interview]] = ([], [])
"""What ``Facts.held_of`` answers when no interview of the kinds was held (never mutated)."""

# A C-level sort key: (date, id).
_DATE_AND_ID = attrgetter("date", "id")


@dataclass(slots=True)
class Facts:
    """One employee's history as known on ``as_of``: nothing recorded after it counts.

    Read-only by convention, not frozen: a frozen dataclass sets each field through
    ``object.__setattr__``, and one of these is made for every employee evaluated."""

    company: Company
    employee: Employee
    as_of: date
    settings: RuleSettings
    held: list[Interview]
    """Interviews held on or before ``as_of``, oldest first (ties in input order by id)."""
    due_soon_until: date
    """The last deadline that counts as due soon on ``as_of``."""
    kinds_held: set[InterviewKind]
    """The kinds of ``held``: most kinds asked for (summary review, age interviews) are
    never held by most employees, and their lookup then needs no scan."""
    _held_by_kinds: dict[frozenset[InterviewKind], tuple[list[date], list[Interview]]] = field(
        default_factory=dict
    )
    """``held`` filtered on a set of kinds, with its dates, built on first use: the chains
    look an interview up at every cycle, and a bisection beats a scan from the start."""

    @classmethod
    def of(cls, company: Company, employee: Employee, as_of: date) -> Facts:
        held_status = InterviewStatus.HELD
        held = [
            i
            for i in employee.interviews
            if i.status is held_status and i.date is not None and i.date <= as_of
        ]
        held.sort(key=_DATE_AND_ID)
        settings = _rule_settings(company.settings)
        return cls(
            company,
            employee,
            as_of,
            settings,
            held,
            _due_soon_until(as_of, settings.due_soon_days),
            {i.kind for i in held},
        )

    def held_of(self, kinds: frozenset[InterviewKind]) -> tuple[list[date], list[Interview]]:
        """The interviews of ``held`` of ``kinds``, and their dates (sorted)."""
        found = self._held_by_kinds.get(kinds)
        if found is None:
            if kinds.isdisjoint(self.kinds_held):
                return _NONE_HELD
            interviews = [i for i in self.held if i.kind in kinds]
            found = ([i.date for i in interviews], interviews)  # type: ignore[misc]
            self._held_by_kinds[kinds] = found
        return found

    def first_held(
        self, kinds: frozenset[InterviewKind], after: date, *, inclusive: bool = False
    ) -> Interview | None:
        """The earliest held interview of ``kinds`` on (or strictly) after ``after``."""
        dates, interviews = self.held_of(kinds)
        index = bisect_left(dates, after) if inclusive else bisect_right(dates, after)
        return interviews[index] if index < len(interviews) else None

    def standing(self, deadline: date, held_on: date | None) -> tuple[Status, tuple[Sentence, ...]]:
        """The status of an obligation due on ``deadline`` and satisfied on ``held_on``
        (``None``: not satisfied), and the sentence that follows its rule: held on time or
        late, not applicable after an exit, or none."""
        if held_on is not None:
            return SATISFIED, (held_late(held_on) if held_on > deadline else held(held_on),)
        exit_date = self.employee.exit_date
        if exit_date is not None and deadline > exit_date:
            return NOT_APPLICABLE, left(exit_date)
        if self.as_of > deadline:
            return OVERDUE, ()
        if deadline <= self.due_soon_until:
            return DUE_SOON, ()
        return UPCOMING, ()


__all__ = ["Facts", "Obligation", "ObligationKind", "RuleSettings", "Status"]
