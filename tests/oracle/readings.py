"""The oracle's reading of the law: one function per interpretation of the domain brief
(section 4), named after it, quoting the sentence it implements; and one per rule of the
law's sections 3.1 to 3.6 that the interpretations build on.

Written from the brief and, where the brief is silent, from the readings docs/rules.md
states (the spec too), never from the engine's code. Deliberately plain: every function
scans the whole record again (no caches, no bisection, no chain shared between families),
so that it is easy to check against the text and hard to get wrong in the same way as the
engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    Policy,
    WorkingTime,
)
from entretien_desktop.domain.model import SettingValue
from tests.oracle import law
from tests.oracle.days import (
    ONE_DAY,
    days_in_common,
    end_of_february,
    months_later,
    years_later,
)

# Statuses and kinds as plain words, as the interchange format writes them.
SATISFIED = "satisfied"
NOT_APPLICABLE = "not_applicable"
OVERDUE = "overdue"
DUE_SOON = "due_soon"
UPCOMING = "upcoming"

PERIODIC = "periodic"
SUMMARY_REVIEW = "summary_review"
RETURN = "return"
MID_CAREER = "mid_career"
END_OF_CAREER = "end_of_career"
FORFAIT_JOURS_REVIEW = "forfait_jours_review"

PROFESSIONAL_FAMILY = (
    InterviewKind.PROFESSIONAL,
    InterviewKind.RETURN,
    InterviewKind.MID_CAREER,
    InterviewKind.END_OF_CAREER,
    InterviewKind.SUMMARY_REVIEW,
)
"""docs/rules.md, section 2: the interviews of the professional family."""


@dataclass(frozen=True)
class Case:
    """One employee of one company, looked at on ``as_of``."""

    company: Company
    employee: Employee
    as_of: date

    def setting(self, name: str) -> SettingValue:
        """The company's value of a rule setting, or its default (domain brief, section 4:
        "each a company setting with this default")."""
        return self.company.settings.effective(name)

    def number(self, name: str) -> int:
        value = self.setting(name)
        assert isinstance(value, int)
        return value

    def leave_kinds(self, name: str) -> set[str]:
        value = self.setting(name)
        assert isinstance(value, tuple)
        return set(value)


@dataclass
class Item:
    """An obligation as the oracle finds it (``satisfied_on`` is the day of the interview
    that met it, for the summary review's test)."""

    kind: str
    window_start: date
    deadline: date
    status: str
    satisfied_by: str | None = None
    satisfied_on: date | None = None
    amount_at_stake_eur: int = 0


# -- What is known on the as-of date --------------------------------------------------------


def known_interviews(
    case: Case, kinds: tuple[InterviewKind, ...], statuses: tuple[InterviewStatus, ...]
) -> list[Interview]:
    """The interviews of ``kinds`` with one of ``statuses``, dated on or before the as-of
    date, oldest first; two on the same day in the order of their ids (docs/rules.md 1:
    "dated after the as-of date are ignored")."""
    found = [
        interview
        for interview in case.employee.interviews
        if interview.kind in kinds
        and interview.status in statuses
        and interview.date is not None
        and interview.date <= case.as_of
    ]
    found.sort(key=lambda interview: (interview.date, interview.id))
    return found


def held(case: Case, kinds: tuple[InterviewKind, ...]) -> list[Interview]:
    return known_interviews(case, kinds, (InterviewStatus.HELD,))


def interview_day(interview: Interview) -> date:
    assert interview.date is not None
    return interview.date


def make_item(
    case: Case, kind: str, window_start: date, deadline: date, interview: Interview | None
) -> Item:
    satisfied_on = None if interview is None else interview.date
    return Item(
        kind=kind,
        window_start=window_start,
        deadline=deadline,
        status=interpretation_9_status(case, deadline, satisfied_on),
        satisfied_by=None if interview is None else interview.id,
        satisfied_on=satisfied_on,
    )


# -- The interpretations of section 4 --------------------------------------------------------


def interpretation_1_interviews_that_restart_the_clock(case: Case) -> list[Interview]:
    """1. "Any held interview of the professional family (periodic, return, mid-career,
    end-of-career, summary review) restarts the periodic clock." Setting
    ``any_interview_restarts_clock``: off, only interviews recorded as professional
    (docs/rules.md 2.1). A refused interview never does."""
    if case.setting("any_interview_restarts_clock"):
        return held(case, PROFESSIONAL_FAMILY)
    return held(case, (InterviewKind.PROFESSIONAL,))


def interpretation_2_return_interview(case: Case, leave: Leave) -> Item | None:
    """2. "Return interview deadline: 1 month after the return date (the law says "on
    return" and gives no delay). Satisfied by an interview held, or proposed and refused in
    writing, from the employee's request before the return up to the deadline."

    The leaves that call for it are those of 3.4 (``law_3_4_leave_calls_for_a_return``).
    The return date is the day after the leave's last day; the delay is the setting
    ``return_interview_grace_months``. The interview may be held from the first day of the
    leave (the employee's request), and one after the deadline satisfies it late
    (docs/rules.md 2.3): its window opens on the first day of the leave."""
    if leave.end is None:
        return None  # still on leave: nothing yet
    back = leave.end + ONE_DAY
    if not law_3_4_leave_calls_for_a_return(case, leave, back):
        return None
    deadline = months_later(back, case.number("return_interview_grace_months"))
    if not interpretation_10_owed_after_seniority_start(case, deadline):
        return None
    if interpretation_11_return_exempt(case, leave, back):
        return Item(RETURN, leave.start, deadline, NOT_APPLICABLE)
    proposed = known_interviews(
        case, PROFESSIONAL_FAMILY, (InterviewStatus.HELD, InterviewStatus.REFUSED)
    )
    interview = next((i for i in proposed if interview_day(i) >= leave.start), None)
    return make_item(case, RETURN, leave.start, deadline, interview)


def interpretation_3_summary_review_deadline(case: Case, start: date, first: bool) -> date:
    """3. "Summary review deadline: old regime hire + 6 years (then every 6); new regime:
    7 years after the first interview for hires since 26 Oct 2025, hire + 8 years for
    employees whose 6-year deadline had not expired on 26 Oct 2025, then every 8 years."

    "Hire" is the seniority start (interpretation 10). For a hire since 26 Oct 2025 with
    no interview yet, the first interview is due a year after the hire (3.3), so the review
    is due 7 years after that (docs/rules.md 2.2)."""
    seniority = case.employee.seniority_start
    if first and seniority >= law.LAW_2025_IN_FORCE:
        interviews = [
            i
            for i in held(case, PROFESSIONAL_FAMILY)
            if interpretation_16_hire_day_interview_counts(interview_day(i), seniority, True)
        ]
        if interviews:
            first_interview = interview_day(interviews[0])
        else:
            first_interview = years_later(seniority, law.FIRST_INTERVIEW_2025_YEARS)
        return years_later(first_interview, law.FIRST_REVIEW_AFTER_FIRST_INTERVIEW_YEARS)
    six_years = years_later(start, law.REVIEW_2014_YEARS)
    if six_years < law.LAW_2025_IN_FORCE:
        return six_years
    return years_later(start, law.REVIEW_2025_YEARS)


def interpretation_4_suspensions_push_back(case: Case, window_start: date, deadline: date) -> date:
    """4. "Suspensions do not push deadlines back by default (the earlier date is the safe
    one); a setting applies the seniority rule of 3.3 with a per-leave-type "suspends
    seniority" flag."

    With ``apply_seniority_suspension`` on, the deadline moves back by every day spent on a
    suspending leave (interpretation 17) from the window's start to the day before the
    deadline, again until it no longer moves; a day is a day, even on two leaves at once; a
    leave still going on counts up to the as-of date (docs/rules.md 2.7)."""
    if not case.setting("apply_seniority_suspension"):
        return deadline
    suspended: set[date] = set()
    for leave in interpretation_17_leaves_suspending_seniority(case):
        day = leave.start
        last_day = case.as_of if leave.end is None else leave.end
        while day <= last_day:
            suspended.add(day)
            day += ONE_DAY
    # Walk the suspended days in order from the window's start: each one before the
    # deadline moves it a day later, so that the next may fall before it too.
    moved = deadline
    for day in sorted(suspended):
        if day < window_start:
            continue
        if day >= moved:
            break
        moved += ONE_DAY
    return moved


def interpretation_5_mid_career(case: Case) -> Item | None:
    """5. "Mid-career: if the visit date is recorded, deadline = visit + 2 months; if not,
    deadline = end of February after the calendar year of the 45th birthday, and the app
    asks for the visit date. Applies when that deadline falls on or after 26 Oct 2025."

    The visit may be brought forward by up to 2 years (3.5): visits from 1 January two
    years before the 45th birthday's year count, the earliest one. Without a visit the
    window opens on 1 January of that year. Only an interview recorded as mid-career meets
    it (docs/rules.md 2.4)."""
    birth = case.employee.birth_date
    if birth is None:
        return None
    year = birth.year + law.MID_CAREER_AGE
    earliest = date(year - law.MID_CAREER_VISIT_BROUGHT_FORWARD_YEARS, 1, 1)
    visits = sorted(
        visit.date
        for visit in case.employee.medical_visits
        if visit.kind.value == "mid_career" and earliest <= visit.date <= case.as_of
    )
    if visits:
        window_start = visits[0]
        deadline = months_later(window_start, law.MID_CAREER_AFTER_VISIT_MONTHS)
    else:
        window_start = date(year, 1, 1)
        deadline = end_of_february(year + 1)
    if deadline < law.LAW_2025_IN_FORCE:
        return None
    if not interpretation_10_owed_after_seniority_start(case, deadline):
        return None
    interviews = held(case, (InterviewKind.MID_CAREER,))
    interview = next((i for i in interviews if interview_day(i) >= window_start), None)
    return make_item(case, MID_CAREER, window_start, deadline, interview)


def interpretation_6_end_of_career(case: Case) -> Item | None:
    """6. "End of career: window = [60th birthday - 2 years, 60th birthday). Applies when
    the birthday falls after 26 Oct 2025."

    The birthday is the deadline (an interview on it is on time); only an interview
    recorded as end-of-career meets it (docs/rules.md 2.5)."""
    birth = case.employee.birth_date
    if birth is None:
        return None
    birthday = years_later(birth, law.END_OF_CAREER_AGE)
    if birthday <= law.LAW_2025_IN_FORCE:
        return None
    if not interpretation_10_owed_after_seniority_start(case, birthday):
        return None
    window_start = years_later(birthday, -law.END_OF_CAREER_WINDOW_YEARS)
    interviews = held(case, (InterviewKind.END_OF_CAREER,))
    interview = next((i for i in interviews if interview_day(i) >= window_start), None)
    return make_item(case, END_OF_CAREER, window_start, birthday, interview)


def interpretation_7_not_applicable_after_exit(case: Case, deadline: date) -> bool:
    """7. "Obligations whose deadline falls after the exit date are `not_applicable`;
    missed ones before exit stay in the history (they still count for the exposure)." """
    exit_date = case.employee.exit_date
    return exit_date is not None and deadline > exit_date


def interpretation_8_headcount_reaches(case: Case, threshold: int) -> bool:
    """8. "Company headcount (for the 50 and 300 thresholds) is a company setting with its
    date, not a count of rows." """
    return case.company.headcount >= threshold


def interpretation_9_status(case: Case, deadline: date, satisfied_on: date | None) -> str:
    """9. "`due_soon` horizon: 60 days (setting)." With the statuses of docs/rules.md 1, in
    this order: satisfied, not applicable (7), overdue after the deadline day, due soon
    when the deadline is at most ``due_soon_days`` away, else upcoming."""
    if satisfied_on is not None:
        return SATISFIED
    if interpretation_7_not_applicable_after_exit(case, deadline):
        return NOT_APPLICABLE
    if case.as_of > deadline:
        return OVERDUE
    if (deadline - case.as_of).days <= case.number("due_soon_days"):
        return DUE_SOON
    return UPCOMING


def interpretation_10_owed_after_seniority_start(case: Case, deadline: date) -> bool:
    """10. "Nothing is owed before the employee's seniority start (the hire date, or the
    `seniority_date` carried over on a transfer of the contract ...): an age-based
    interview whose deadline falls before it does not exist, and does not count in the
    summary review." Nor a return interview due before it (a leave recorded from before
    the hire); the periodic and review chains start at it."""
    return deadline >= case.employee.seniority_start


def interpretation_11_return_exempt(case: Case, leave: Leave, back: date) -> bool:
    """11. "The 12-month exemption of a return interview (since 26 Oct 2025) is decided on
    the return date: when an interview of the professional family was held in the 12
    months before the return, the return obligation is `not_applicable`, whatever is held
    or refused later."

    An interview held during the leave is the return interview held early (2): the window
    runs from the return date minus 12 months to the day before the leave (docs/rules.md
    2.3)."""
    if back < law.LAW_2025_IN_FORCE:
        return False
    window_start = months_later(back, -law.RETURN_EXEMPTION_MONTHS)
    return any(
        window_start <= interview_day(i) < leave.start for i in held(case, PROFESSIONAL_FAMILY)
    )


def interpretation_12_long_agreement_stopped(
    case: Case, cycle_start: date, agreed: date, stop: date
) -> date:
    """12. "An agreement whose periodicity is over 4 years stops applying on 1 Oct 2026. A
    deadline it had set after that day is recomputed under the law: when that deadline was
    still running on 26 Oct 2025, it becomes the later of 1 Oct 2026 and 4 years after the
    last interview (or the hire); an employee is never overdue on a date the agreement had
    pushed back while it applied."

    ``stop`` is 1 Oct 2026, or the agreement's own end when earlier but on or after 26 Oct
    2025: its deadline was running on 26 Oct 2025 either way (the agreement applied then).
    One that ended before 26 Oct 2025 is not this case: its deadline was the law's. The
    same reading for an agreement of 4 years or less that stops, after 26 Oct 2025, before
    the date it had set: that date was running on 26 Oct 2025 (Q&A n° 2 gives 4 years from
    the same start), and the last sentence quoted holds for any agreement (docs/rules.md
    2.1)."""
    assert agreed > stop >= law.LAW_2025_IN_FORCE  # so still running on 26 Oct 2025
    return max(stop, years_later(cycle_start, law.PERIOD_2025_YEARS))


def interpretation_13_summary_review_periods(
    case: Case, periodic: list[Item], age_based: list[Item]
) -> list[Item]:
    """13. "The summary review's periods follow seniority (L6315-1 II "par référence à
    l'ancienneté"): an early or late review does not move the next one; each review closes
    exactly one period."

    The first period starts at the seniority start (7 March 2014 at the earliest); each
    next one at the previous deadline. A period is met by the first review held after its
    start (the first period's first day too: 16) and after the day of the review that
    closed the period before: two reviews recorded on one day close one period. The
    periods go on past a missed review, up to the first one due after the as-of date and
    not met yet (docs/rules.md 1 and 2.2), or the first one due after the exit (not
    applicable: nothing later is owed)."""
    reviews = held(case, (InterviewKind.SUMMARY_REVIEW,))
    last_taken: date | None = None  # the day of the review that closed the last period
    start = max(case.employee.seniority_start, law.LAW_2014_IN_FORCE)
    first = True
    items: list[Item] = []
    while True:
        deadline = interpretation_3_summary_review_deadline(case, start, first)
        deadline = interpretation_4_suspensions_push_back(case, start, deadline)
        review = next(
            (
                r
                for r in reviews
                if interpretation_16_hire_day_interview_counts(interview_day(r), start, first)
                and (last_taken is None or interview_day(r) > last_taken)
            ),
            None,
        )
        if review is not None:
            last_taken = interview_day(review)
        item = make_item(case, SUMMARY_REVIEW, start, deadline, review)
        item.amount_at_stake_eur = summary_review_top_up(case, item, periodic, age_based)
        items.append(item)
        if (review is None and deadline > case.as_of) or item.status == NOT_APPLICABLE:
            return items
        start, first = deadline, False


def interpretation_14_criteria(
    case: Case, missed: bool, non_mandatory_training: bool, measures_2014: int, review: Item
) -> int:
    """14. "The choice between the 2014 criteria and the 2018 test exists only for a review
    held by 30 Sept 2021; a review not held by then is judged by the 2018 test."

    2018 (3.2): owed when interviews were missed **and** no non-mandatory training was
    followed: €3,000. 2014 (3.1), same cumulative reading: missed interviews and fewer than
    2 of the 3 measures: €3,000, or €3,900 part time. The employer takes the more favourable
    set (the lower amount): the part-time figure never wins over the 2018 one."""
    owed_2018 = law.TOP_UP_2018_EUR if missed and not non_mandatory_training else 0
    held_on = review.satisfied_on
    if held_on is None or held_on > law.CRITERIA_CHOICE_LAST_DAY:
        return owed_2018
    if not missed or measures_2014 >= 2:
        owed_2014 = 0
    elif case.employee.working_time is WorkingTime.PART_TIME:
        owed_2014 = law.TOP_UP_2014_PART_TIME_EUR
    else:
        owed_2014 = law.TOP_UP_2014_FULL_TIME_EUR
    return min(owed_2018, owed_2014)


def interpretation_15_interviews_missed(
    case: Case, obligations: list[Item], period_start: date, period_end: date, review_due: date
) -> bool:
    """15. "An interview held after its deadline counts as missed for the summary review
    (setting: `late_interview_counts_as_missed`, default true)."

    An obligation is missed in a period when it was overdue on one of its days: from the
    day after its deadline to the day it was held (a day late is late), or to the as-of
    date while it is not held. Off, only obligations not held are missed. Reviews due until
    30 Sept 2021 do not count an interview held late but by that day (3.2's transition;
    docs/rules.md 2.2). `not_applicable` obligations never count."""
    late_counts = bool(case.setting("late_interview_counts_as_missed"))
    for obligation in obligations:
        if obligation.status == NOT_APPLICABLE:
            continue
        held_on = obligation.satisfied_on
        if held_on is None:
            if case.as_of <= obligation.deadline:
                continue
            last_overdue = case.as_of
        elif held_on > obligation.deadline:
            if not late_counts:
                continue
            if (
                review_due <= law.CRITERIA_CHOICE_LAST_DAY
                and held_on <= law.CRITERIA_CHOICE_LAST_DAY
            ):
                continue
            last_overdue = held_on
        else:
            continue
        overdue_from = obligation.deadline + ONE_DAY
        if days_in_common(overdue_from, last_overdue, period_start, period_end):
            return True
    return False


def interpretation_16_hire_day_interview_counts(day: date, cycle_start: date, first: bool) -> bool:
    """16. "An interview held on the hire day counts as held, for the periodic chain and
    for the summary review alike (one reading, used everywhere)."

    A cycle is met by an interview after its start; the first cycle's start (the hire, or
    7 March 2014) counts too (docs/rules.md 2.1)."""
    return day > cycle_start or (first and day == cycle_start)


def interpretation_17_leaves_suspending_seniority(case: Case) -> list[Leave]:
    """17. "Seniority is counted in completed years; by default these suspensions do not
    count toward it when the seniority setting of interpretation 4 is on: parental presence
    leave, family solidarity leave, sabbatical leave, unpaid leave." The list is the setting
    ``seniority_suspending_leaves``."""
    kinds = case.leave_kinds("seniority_suspending_leaves")
    return [leave for leave in case.employee.leaves if leave.kind.value in kinds]


def interpretation_18_forfait_jours_reviews(case: Case) -> list[Item]:
    """18. "Forfait-jours review (L3121-64 and L3121-65 C. trav.): an employee on an annual
    days-based working-time agreement (`forfait_jours_since`) has an interview every 12
    months on workload, the organisation of work, the balance between work and private
    life, and pay. Missing it exposes the company to the agreement being held void
    (overtime claims): no fixed amount, so the obligation carries a risk note, not euros."

    Read as a chain like the periodic one: due 12 months after the start of the agreement,
    then 12 months after each review held, met by the first review held after the cycle's
    start; no euros."""
    since = case.employee.forfait_jours_since
    if since is None:
        return []
    kind = forfait_jours_interview_kind()
    if kind is None:
        return []
    interviews = held(case, (kind,))
    start = since
    items: list[Item] = []
    while True:
        deadline = months_later(start, law.FORFAIT_JOURS_REVIEW_MONTHS)
        interview = next((i for i in interviews if interview_day(i) > start), None)
        items.append(make_item(case, FORFAIT_JOURS_REVIEW, start, deadline, interview))
        if interview is None:
            return items
        start = interview_day(interview)


def forfait_jours_interview_kind() -> InterviewKind | None:
    """The interview kind of the forfait-jours review, once the domain has one."""
    for kind in InterviewKind:
        if kind.value == FORFAIT_JOURS_REVIEW:
            return kind
    return None


# -- The law's rules the interpretations build on (section 3) --------------------------------


def law_3_6_covered(case: Case) -> bool:
    """3.6 "Who is covered: every employee. Not covered by the employer's obligation:
    temporary agency workers (employed by the agency), interns (not employees)." Nor
    anyone hired after the as-of date (docs/rules.md 1)."""
    if case.employee.contract in (Contract.TEMP_AGENCY, Contract.INTERN):
        return False
    return case.employee.hire_date <= case.as_of


def law_periodic_deadline(case: Case, cycle_start: date, first: bool) -> date:
    """3.1 "at least every 2 years, counted from the hire date, then from the previous
    interview"; 3.3 "the first interview happens within the first year. Then every 4
    years", and the transition (Q&A n° 2): "for deadlines not yet expired on 26 Oct 2025,
    the 4-year period runs from the same starting point as before ... A deadline that had
    already expired before 26 Oct 2025 stays missed until an interview is held."
    "Hired since 26 Oct 2025" reads the seniority start (interpretation 10)."""
    if first and case.employee.seniority_start >= law.LAW_2025_IN_FORCE:
        return years_later(cycle_start, law.FIRST_INTERVIEW_2025_YEARS)
    two_years = years_later(cycle_start, law.PERIOD_2014_YEARS)
    if two_years < law.LAW_2025_IN_FORCE:
        return two_years
    return years_later(cycle_start, law.PERIOD_2025_YEARS)


def law_agreement_end(case: Case) -> date | None:
    """3.3: agreements "keep its periodicity until it is renegotiated, and 1 Oct 2026 at the
    latest": the last day an agreement applies (None: open-ended). One over 4 years stops on
    1 Oct 2026 at the latest (interpretation 12)."""
    agreement = case.company.interview_agreement
    assert agreement is not None
    end = agreement.until
    if agreement.periodicity_months > law.AGREEMENT_LONGEST_MONTHS_2025 and (
        end is None or end > law.LONG_AGREEMENTS_STOP
    ):
        end = law.LONG_AGREEMENTS_STOP
    return end


def law_agreement_deadline(case: Case, cycle_start: date, law_deadline: date, first: bool) -> date:
    """3.2 "A company or branch agreement may set another periodicity"; 3.3 "never longer
    than 4 years", and agreements "keep its periodicity until it is renegotiated, and 1 Oct
    2026 at the latest" (interpretation 12).

    As docs/rules.md 2.1 states it: the agreement governs a cycle when signed by the law's
    deadline and not ended before the cycle began, and when its date (the cycle's start +
    its months) does not fall before its signature (else the cycle keeps the law's); that
    date applies when it falls by the agreement's end, else the later of the law's
    deadline and that end (12 for one over 4 years). One over 4 years signed since 26 Oct
    2025 is void. Never for the first-year interview of a 2025 hire."""
    agreement = case.company.interview_agreement
    if agreement is None:
        return law_deadline
    too_long = agreement.periodicity_months > law.AGREEMENT_LONGEST_MONTHS_2025
    end = law_agreement_end(case)
    agreed = months_later(cycle_start, agreement.periodicity_months)
    governs = not (
        (first and case.employee.seniority_start >= law.LAW_2025_IN_FORCE)
        or (too_long and agreement.since >= law.LAW_2025_IN_FORCE)
        or agreement.since > law_deadline
        or (end is not None and end < cycle_start)
        or agreed < agreement.since  # it would fall before the agreement existed
    )
    if not governs:
        return law_deadline
    if end is None or agreed <= end:
        return agreed
    if end >= law.LAW_2025_IN_FORCE:
        return interpretation_12_long_agreement_stopped(case, cycle_start, agreed, end)
    return max(law_deadline, end)


def law_periodic_interviews(case: Case) -> list[Item]:
    """3.1 and 3.3: the chain of periodic interviews. The first cycle starts at the
    seniority start, or on 7 March 2014 for earlier ones; each next cycle at the interview
    that met the previous one, held on time or late. The chain stops at the first cycle not
    met: no later deadline is invented while one is missed (docs/rules.md 1)."""
    counting = interpretation_1_interviews_that_restart_the_clock(case)
    start = max(case.employee.seniority_start, law.LAW_2014_IN_FORCE)
    first = True
    items: list[Item] = []
    while True:
        deadline = law_periodic_deadline(case, start, first)
        deadline = law_agreement_deadline(case, start, deadline, first)
        deadline = interpretation_4_suspensions_push_back(case, start, deadline)
        interview = next(
            (
                i
                for i in counting
                if interpretation_16_hire_day_interview_counts(interview_day(i), start, first)
            ),
            None,
        )
        items.append(make_item(case, PERIODIC, start, deadline, interview))
        if interview is None:
            return items
        start, first = interview_day(interview), False


def law_3_4_leave_calls_for_a_return(case: Case, leave: Leave, back: date) -> bool:
    """3.4 "Proposed systematically to an employee who comes back from: maternity leave;
    adoption leave; parental education leave ...; caregiver leave ...; sabbatical leave;
    secure voluntary mobility (companies of 300+ employees); long-term sick leave (...
    more than 6 months); end of a union mandate. ... Branch agreements add other leaves:
    the list is a setting." An ordinary sick leave qualifies when the return comes
    ``long_sickness_months`` or more after its start; returns before the 2014 law are not
    counted (docs/rules.md 2.3)."""
    if leave.kind.value not in case.leave_kinds("return_interview_leaves"):
        return False
    if leave.kind is LeaveKind.SECURE_MOBILITY and not interpretation_8_headcount_reaches(
        case, law.SECURE_MOBILITY_HEADCOUNT
    ):
        return False
    if leave.kind is LeaveKind.SICKNESS:
        long_enough = months_later(leave.start, case.number("long_sickness_months"))
        if long_enough > back:
            return False
    return back >= law.LAW_2014_IN_FORCE


def law_3_4_return_interviews(case: Case) -> list[Item]:
    """3.4: one return interview per leave that calls for one (interpretations 2, 11)."""
    items = []
    for leave in case.employee.leaves:
        item = interpretation_2_return_interview(case, leave)
        if item is not None:
            items.append(item)
    return items


def summary_review_top_up(
    case: Case, review: Item, periodic: list[Item], age_based: list[Item]
) -> int:
    """3.1, 3.2, 3.3: the CPF top-up at stake on a summary review, on the facts known at
    the as-of date, over the period from its start to its deadline (or the as-of date if
    earlier). Companies of 50+ only (interpretation 8); none on a review not applicable.
    The interviews counted are the periodic ones and, for reviews due since 26 Oct 2025,
    the mid-career and end-of-career ones (Q&A Q11); return interviews are not."""
    if review.status == NOT_APPLICABLE:
        return 0
    if not interpretation_8_headcount_reaches(case, law.TOP_UP_HEADCOUNT):
        return 0
    start = review.window_start
    end = min(review.deadline, case.as_of)
    counted = list(periodic)
    if review.deadline >= law.LAW_2025_IN_FORCE:
        counted += age_based
    missed = interpretation_15_interviews_missed(case, counted, start, end, review.deadline)
    trainings = [t for t in case.employee.trainings if start <= t.start <= end]
    non_mandatory = any(not t.mandatory for t in trainings)
    certified = any(t.certification for t in trainings) or any(
        start <= c.date <= end for c in case.employee.certifications
    )
    progressed = any(start <= p.date <= end for p in case.employee.progressions)
    measures = sum((bool(trainings), certified, progressed))
    return interpretation_14_criteria(case, missed, non_mandatory, measures, review)


def company_policy_interviews(case: Case, policy: Policy) -> list[Item]:
    """Section 4: "Company-policy obligations (annual review every 12 months, career
    conversation every N years) are the same machinery with a `policy` basis instead of a
    legal one." Nothing is owed before the policy's start: the first cycle starts at the
    later of the hire and ``since``; each held interview of the policy's kind after a
    cycle's start meets it and starts the next (docs/rules.md 2.6)."""
    kind = InterviewKind(policy.kind.value)
    interviews = held(case, (kind,))
    start = max(case.employee.hire_date, policy.since)
    items: list[Item] = []
    while True:
        deadline = months_later(start, policy.every_months)
        interview = next((i for i in interviews if interview_day(i) > start), None)
        items.append(make_item(case, policy.kind.value, start, deadline, interview))
        if interview is None:
            return items
        start = interview_day(interview)
