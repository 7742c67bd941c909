"""The way from an obligation to done: each obligation is to do, in progress (an interview
planned or invited for it) or done, and an employee's open obligations are as many meetings
as the interviews they need, not as many lines.

Shaped from one obligations report, for the dashboard's board: no rule is evaluated here.
An interview is "for" an obligation when it is of a kind that satisfies it (a professional
interview of the family, or the obligation's own kind) and is planned or invited, not yet
held. A summary review is a professional interview too: when an employee's periodic
interview and summary review fall due together, one meeting of the summary-review kind
covers both, and the board counts it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.rules import Obligation, ObligationKind, Status, evaluate_employee
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
from entretien_desktop.rules.regimes import BASIS_POLICY
from entretien_desktop.services.obligations import ObligationsReport

OPEN = frozenset({Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING})
UNDER_WAY = frozenset({InterviewStatus.PLANNED, InterviewStatus.INVITED})
TOGETHER_DAYS = 92
"""A periodic interview and a summary review due within this many days of each other are
one meeting (the summary review is held as the professional interview of its year)."""


class Stage(StrEnum):
    TO_DO = "to_do"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Basis(StrEnum):
    LAW = "law"
    POLICY = "policy"


INTERVIEW_KIND_FOR: dict[ObligationKind, InterviewKind] = {
    ObligationKind.PERIODIC: InterviewKind.PROFESSIONAL,
    ObligationKind.SUMMARY_REVIEW: InterviewKind.SUMMARY_REVIEW,
    ObligationKind.RETURN: InterviewKind.RETURN,
    ObligationKind.MID_CAREER: InterviewKind.MID_CAREER,
    ObligationKind.END_OF_CAREER: InterviewKind.END_OF_CAREER,
    ObligationKind.FORFAIT_JOURS_REVIEW: InterviewKind.FORFAIT_JOURS_REVIEW,
    ObligationKind.ANNUAL_REVIEW: InterviewKind.ANNUAL_REVIEW,
    ObligationKind.CAREER_CONVERSATION: InterviewKind.CAREER_CONVERSATION,
}
"""The kind of interview that is planned for an obligation of each kind."""

_SATISFYING: dict[ObligationKind, frozenset[InterviewKind]] = {
    ObligationKind.PERIODIC: PROFESSIONAL_FAMILY,
    ObligationKind.RETURN: PROFESSIONAL_FAMILY,
}


def satisfying_kinds(kind: ObligationKind) -> frozenset[InterviewKind]:
    """The kinds of interview that, once held, satisfy an obligation of ``kind``."""
    return _SATISFYING.get(kind, frozenset({INTERVIEW_KIND_FOR[kind]}))


def basis_of(obligation: Obligation) -> Basis:
    return Basis.POLICY if obligation.basis == BASIS_POLICY else Basis.LAW


@dataclass(frozen=True, slots=True)
class Card:
    """One obligation on the board, with the interview under way for it (in progress)."""

    obligation: Obligation
    stage: Stage
    interview: Interview | None = None


@dataclass(frozen=True, slots=True)
class Board:
    as_of: date
    to_do: tuple[Card, ...]
    in_progress: tuple[Card, ...]
    done: tuple[Card, ...]

    @property
    def cards(self) -> tuple[Card, ...]:
        return self.to_do + self.in_progress + self.done


def interview_under_way(employee: Employee, obligation: Obligation) -> Interview | None:
    """The interview planned or invited for ``obligation`` (the earliest), if any."""
    kinds = satisfying_kinds(obligation.kind)
    candidates = [
        i
        for i in employee.interviews
        if i.status in UNDER_WAY
        and i.kind in kinds
        and (i.date is None or i.date >= obligation.window_start)
    ]
    return min(candidates, key=lambda i: (i.date or date.max, i.id), default=None)


def _in_horizon(obligation: Obligation, as_of: date, months: int | None) -> bool:
    """Open: overdue, or due within ``months`` (all when ``None``); done: satisfied within
    the last ``months``."""
    if months is None:
        return True
    if obligation.status in OPEN:
        return obligation.status is Status.OVERDUE or obligation.deadline <= add_months(
            as_of, months
        )
    satisfied_on = obligation.satisfied_on or obligation.deadline
    return add_months(as_of, -months) <= satisfied_on <= as_of


def build_board(
    report: ObligationsReport, *, months: int | None = None, basis: Basis | None = None
) -> Board:
    """The obligations of ``report`` in three columns, most urgent first: within the
    horizon of ``months`` (all when ``None``), of one ``basis`` (both when ``None``)."""
    employees = {e.ref: e for e in report.company.employees}
    stages: dict[Stage, list[Card]] = {stage: [] for stage in Stage}
    for obligation in report.obligations:
        if basis is not None and basis_of(obligation) is not basis:
            continue
        if not _in_horizon(obligation, report.as_of, months):
            continue
        if obligation.status is Status.SATISFIED:
            stages[Stage.DONE].append(Card(obligation, Stage.DONE))
            continue
        if obligation.status not in OPEN:
            continue
        employee = employees.get(obligation.employee_ref)
        under_way = None if employee is None else interview_under_way(employee, obligation)
        stage = Stage.TO_DO if under_way is None else Stage.IN_PROGRESS
        stages[stage].append(Card(obligation, stage, under_way))
    open_order = sorted(
        stages[Stage.TO_DO], key=lambda c: (c.obligation.deadline, c.obligation.employee_ref)
    )
    progress_order = sorted(
        stages[Stage.IN_PROGRESS],
        key=lambda c: c.interview.date if c.interview and c.interview.date else date.max,
    )
    done_order = sorted(
        stages[Stage.DONE],
        key=lambda c: c.obligation.satisfied_on or c.obligation.deadline,
        reverse=True,
    )
    return Board(report.as_of, tuple(open_order), tuple(progress_order), tuple(done_order))


@dataclass(frozen=True, slots=True)
class Meeting:
    """One interview to hold, and the open obligations it covers."""

    kind: InterviewKind
    covers: tuple[Obligation, ...]


def meetings(obligations: Iterable[Obligation]) -> list[Meeting]:
    """The meetings one employee's open ``obligations`` need: one each, except a periodic
    interview due with a summary review, which the summary review's meeting covers."""
    pending = sorted(obligations, key=lambda o: o.deadline)
    reviews = [o for o in pending if o.kind is ObligationKind.SUMMARY_REVIEW]
    joined: dict[int, Obligation] = {}
    for review in reviews:
        for other in pending:
            if (
                other.kind is ObligationKind.PERIODIC
                and id(other) not in joined
                and abs((other.deadline - review.deadline).days) <= TOGETHER_DAYS
            ):
                joined[id(other)] = review
                break
    result: list[Meeting] = []
    for obligation in pending:
        if id(obligation) in joined:
            continue
        covers = [obligation] + [p for p in pending if joined.get(id(p)) is obligation]
        covers.sort(key=lambda o: o.deadline)
        result.append(Meeting(INTERVIEW_KIND_FOR[obligation.kind], tuple(covers)))
    return result


@dataclass(frozen=True, slots=True)
class EmployeeGroup:
    """One employee's cards on the board, and the meetings their open ones need."""

    employee: Employee
    cards: tuple[Card, ...]
    meetings: tuple[Meeting, ...]


def by_employee(board: Board, employees: Sequence[Employee]) -> list[EmployeeGroup]:
    """The board's cards grouped by employee, in register order (employees without a card
    left out)."""
    by_ref: dict[str, list[Card]] = {}
    for card in board.cards:  # one pass: a register of thousands stays instant
        by_ref.setdefault(card.obligation.employee_ref, []).append(card)
    groups = []
    for employee in employees:
        cards = by_ref.get(employee.ref)
        if not cards:
            continue
        to_plan = [c.obligation for c in cards if c.stage is Stage.TO_DO]
        groups.append(EmployeeGroup(employee, tuple(cards), tuple(meetings(to_plan))))
    return groups


def shared_meeting(
    company: Company, employee: Employee, obligation: Obligation, as_of: date
) -> Meeting | None:
    """The meeting that covers ``obligation`` together with others of the employee's open
    obligations (a summary review with the periodic interview due with it), ``None`` when
    it covers ``obligation`` alone."""
    still_open = [
        o
        for o in evaluate_employee(company, employee, as_of)
        if o.status in OPEN and interview_under_way(employee, o) is None
    ]
    key = (obligation.kind, obligation.deadline)
    for meeting in meetings(still_open):
        kinds = {(o.kind, o.deadline) for o in meeting.covers}
        if key in kinds and len(meeting.covers) > 1:
            return meeting
    return None
