"""The summary review's one conclusion (domain.md 3.1 to 3.3): its period, its criteria, the
top-up and when it is paid, all from the rules engine for the review the interview closes.

The form's prefill, the printed report and the check before printing all read this one
conclusion, so that a page never says two things: the computed criteria, the period and the
outcome are the engine's, and a stored answer that contradicts them stops the printing with
the reason (``contradictions``).

Owed and possible amounts are kept apart: a review held (or past its deadline) that fails
the test *owes* the top-up; one still to come only *puts it at stake*.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from entretien_desktop.domain import Company, Employee, Interview, InterviewStatus
from entretien_desktop.domain.errors import UserError
from entretien_desktop.domain.templates import Prefill, Template
from entretien_desktop.i18n import _, format_money, ngettext, prose_date
from entretien_desktop.rules import Obligation, ObligationKind, evaluate_employee
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.age import end_of_career_obligations, mid_career_obligations
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import Facts
from entretien_desktop.rules.periodic import periodic_obligations
from entretien_desktop.rules.statuses import NOT_APPLICABLE, SATISFIED
from entretien_desktop.rules.summary_review import Criteria, criteria, overdue_spans
from entretien_desktop.services.labels import legal_basis_label, obligation_name

OWED, NOT_OWED = "top_up_owed", "no_top_up"
"""The choices of the form's outcome field (the built-in template's ids)."""

_INTERVIEWS_DUE = frozenset(
    {ObligationKind.PERIODIC, ObligationKind.MID_CAREER, ObligationKind.END_OF_CAREER}
)


@dataclass(frozen=True, slots=True)
class SummaryConclusion:
    """The review an interview closes, as the rules engine finds it on ``as_of``."""

    review: Obligation
    criteria: Criteria
    as_of: date
    review_day: date
    """The day the review is (or was to be) held: the interview's date, else the deadline."""
    concluded: bool
    """Held, or past its deadline: a failed test owes the top-up rather than risks it."""
    small_company: bool
    interviews_due: tuple[Obligation, ...]
    headcount: str
    """The headcount the threshold was read on, in a sentence (``headcount_sentence``)."""

    @property
    def amount_eur(self) -> int:
        return self.review.amount_at_stake_eur

    @property
    def owed_eur(self) -> int:
        return self.amount_eur if self.concluded else 0

    @property
    def possible_eur(self) -> int:
        return 0 if self.concluded else self.amount_eur

    @property
    def years(self) -> int:
        start, end = self.review.window_start, self.review.deadline
        return round(((end.year - start.year) * 12 + end.month - start.month) / 12)

    @property
    def payment_deadline(self) -> date | None:
        """The last day of the calendar quarter after the review (decree 2021-1916), when a
        top-up is at stake."""
        return quarter_after(self.review_day) if self.amount_eur else None

    @property
    def with_2014_criteria(self) -> bool:
        """A review held by 30 Sept 2021 could use the 2014 criteria instead."""
        held = self.review.satisfied_on
        return held is not None and held <= law.REVIEW_TRANSITION_LAST_DAY


def quarter_after(day: date) -> date:
    """The last day of the calendar quarter that follows the one holding ``day``."""
    last_month = (day.month - 1) // 3 * 3 + 6  # 6, 9, 12 or 15
    year, month = day.year + (last_month > 12), (last_month - 1) % 12 + 1
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def review_as_of(interview: Interview, today: date) -> date:
    """The day a review's facts are read on: the day it was held, else the day it is planned
    (never later than ``today``), else ``today``."""
    if interview.date is None:
        return today
    if interview.status is InterviewStatus.HELD:
        return interview.date
    return min(interview.date, today)


def _the_review(reviews: list[Obligation], interview_id: str | None, as_of: date) -> Obligation:
    for review in reviews:
        if interview_id is not None and review.satisfied_by == interview_id:
            return review
    current = [o for o in reviews if o.satisfied_by is None and o.window_start <= as_of]
    return current[-1] if current else reviews[-1]


def summary_conclusion(
    company: Company, employee: Employee, interview: Interview | None, as_of: date
) -> SummaryConclusion | None:
    """The conclusion of the review ``interview`` closes (the one it satisfied, else the one
    open on ``as_of``), on the facts known on ``as_of``; ``None`` when no summary review
    applies to the employee (outside France, an intern...)."""
    obligations = evaluate_employee(company, employee, as_of)
    reviews = [o for o in obligations if o.kind is ObligationKind.SUMMARY_REVIEW]
    if not reviews:
        return None
    review = _the_review(reviews, interview.id if interview else None, as_of)
    facts = Facts.of(company, employee, as_of)
    # The interviews due, as rules.summary_review counts them: the periodic ones, and
    # under the 2025 regime the mid-career and end-of-career ones too.
    late_missed = facts.settings.late_interview_counts_as_missed
    due = overdue_spans(periodic_obligations(facts), late_missed=late_missed)
    kinds = {ObligationKind.PERIODIC}
    if review.deadline >= law.LAW_2025_IN_FORCE:
        age = mid_career_obligations(facts) + end_of_career_obligations(facts)
        due += overdue_spans(age, late_missed=late_missed)
        kinds = set(_INTERVIEWS_DUE)
    found = criteria(facts, review.window_start, review.deadline, due)
    planned_on = interview.date if interview is not None else None
    review_day = review.satisfied_on or planned_on or review.deadline
    concluded = review.status is SATISFIED or review.deadline < as_of or review_day <= as_of
    in_period = tuple(
        o
        for o in obligations
        if o.kind in kinds
        and o.status is not NOT_APPLICABLE
        and review.window_start <= o.deadline <= review.deadline
    )
    return SummaryConclusion(
        review,
        found,
        as_of,
        review_day,
        concluded,
        company.headcount < law.TOP_UP_HEADCOUNT,
        in_period,
        headcount_sentence(company),
    )


# What the conclusion says, sentence by sentence: the form's computed text and the report's
# table are made of the same sentences.


def period_sentence(found: SummaryConclusion) -> str:
    return _("{start} to {end} ({years} years)").format(
        start=prose_date(found.review.window_start),
        end=prose_date(found.review.deadline),
        years=found.years,
    )


def test_sentence(found: SummaryConclusion) -> str:
    """The cumulative test, stated: both failures are needed for a top-up."""
    if found.small_company:
        return _(
            "The company has fewer than 50 employees: no corrective top-up can be owed, "
            "whatever the criteria."
        )
    text = _(
        "A corrective top-up is owed only when BOTH conditions are met over the period: "
        "interviews due were missed, AND no non-mandatory training was followed."
    )
    if found.with_2014_criteria:
        text += " " + _(
            "For a review held by 30 September 2021 the employer could rely on the 2014 "
            "criteria instead: the interviews held, or two of training, certification and "
            "progression."
        )
    return text


def amount_sentence(found: SummaryConclusion) -> str:
    """The top-up owed, at stake, or none; never "0": an amount is written only when due."""
    amount = format_money(found.amount_eur, cents=False)
    payment = found.payment_deadline
    if not found.amount_eur or payment is None:
        return _("No corrective top-up is owed for this review.")
    if found.concluded:
        return _(
            "Corrective top-up owed: {amount}, paid into the employee's CPF through the Caisse "
            "des dépôts et consignations by {date}."
        ).format(amount=amount, date=prose_date(payment))
    return _(
        "Corrective top-up at stake if nothing changes by {deadline}: {amount} (not owed yet)."
    ).format(deadline=prose_date(found.review.deadline), amount=amount)


def payment_sentence(found: SummaryConclusion) -> str:
    """Where and by when a top-up at stake is paid; empty when none is."""
    payment = found.payment_deadline
    if payment is None:
        return ""
    return _(
        "Paid into the employee's CPF through the Caisse des dépôts et consignations by the "
        "last day of the calendar quarter after the review: {date}."
    ).format(date=prose_date(payment))


def penalty_sentence(found: SummaryConclusion) -> str:
    """What an unpaid top-up costs (art. L6323-13); empty when none is at stake."""
    if not found.amount_eur:
        return ""
    return _(
        "If it is not paid by then, the employer is given formal notice and then pays the "
        "shortfall increased by 100 % to the Treasury (art. L6323-13 of the Labour Code)."
    )


def conclusion_text(found: SummaryConclusion | None) -> str:
    """The conclusion in sentences: what the form shows in its computed field."""
    if found is None:
        return _("No summary review applies to this employee.")
    lines = [
        _("Period covered: {period}.").format(period=period_sentence(found)),
        found.review.explanation,
        test_sentence(found),
        amount_sentence(found),
        penalty_sentence(found),
        _("Legal basis: {basis}.").format(basis=legal_basis_label(found.review.basis, full=True)),
    ]
    return "\n".join(line for line in lines if line)


def interviews_due_text(found: SummaryConclusion | None) -> str:
    """Each interview due in the period, with the day it was held or the note that it was
    missed (or is not due yet)."""
    if found is None:
        return ""
    lines = []
    for o in found.interviews_due:
        name = obligation_name(o)
        deadline = prose_date(o.deadline)
        if o.satisfied_on is not None and o.satisfied_on <= o.deadline:
            state = _("held on {date}").format(date=prose_date(o.satisfied_on))
        elif o.satisfied_on is not None:
            state = _("held late, on {date}").format(date=prose_date(o.satisfied_on))
        elif o.deadline < found.as_of:
            state = _("missed")
        else:
            state = _("not due yet")
        lines.append(
            _("• {name} due by {deadline}: {state}").format(
                name=name, deadline=deadline, state=state
            )
        )
    return "\n".join(lines) or _("No interview was due in the period.")


def computed_answers(found: SummaryConclusion | None) -> dict[Prefill, Any]:
    """The answers the engine gives, by the prefill that asks for them."""
    if found is None:
        return {Prefill.SUMMARY_CRITERIA: conclusion_text(None)}
    payment = found.payment_deadline
    return {
        Prefill.SUMMARY_CRITERIA: conclusion_text(found),
        Prefill.REVIEW_PERIOD_START: found.review.window_start.isoformat(),
        Prefill.REVIEW_PERIOD_END: found.review.deadline.isoformat(),
        Prefill.REVIEW_OUTCOME: OWED if found.amount_eur else NOT_OWED,
        Prefill.TOP_UP_DEADLINE: payment.isoformat() if payment else None,
        Prefill.INTERVIEWS_DUE_AND_HELD: interviews_due_text(found),
    }


ENGINE_PREFILLS = frozenset(
    {
        Prefill.SUMMARY_CRITERIA,
        Prefill.REVIEW_PERIOD_START,
        Prefill.REVIEW_PERIOD_END,
        Prefill.REVIEW_OUTCOME,
        Prefill.TOP_UP_DEADLINE,
        Prefill.INTERVIEWS_DUE_AND_HELD,
    }
)
"""The fields whose value is the engine's conclusion (checked before printing)."""

_CHECKED: dict[Prefill, Callable[[Any], str]] = {
    Prefill.REVIEW_PERIOD_START: lambda v: prose_date(date.fromisoformat(v)),
    Prefill.REVIEW_PERIOD_END: lambda v: prose_date(date.fromisoformat(v)),
    Prefill.TOP_UP_DEADLINE: lambda v: prose_date(date.fromisoformat(v)),
    Prefill.REVIEW_OUTCOME: lambda v: (
        _("Corrective top-up owed") if v == OWED else _("No top-up owed")
    ),
}


def _comparable(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value).strip()


def contradictions(
    found: SummaryConclusion | None, template: Template, answers: Mapping[str, Any]
) -> list[str]:
    """Each stored answer that says otherwise than the engine's conclusion, as a sentence
    naming the field, what the form says and what the rules find (``[]`` when none)."""
    if found is None:
        return []
    expected = computed_answers(found)
    problems = []
    for field in template.fields():
        show = _CHECKED.get(field.prefill) if field.prefill is not None else None
        if show is None or field.prefill is None:
            continue
        given, wanted = _comparable(answers.get(field.id)), expected.get(field.prefill)
        if given is None or given == wanted:
            continue
        if field.prefill is Prefill.REVIEW_OUTCOME and given not in (OWED, NOT_OWED):
            continue  # a custom choice: the engine has no word on it
        try:
            said = show(given)
        except ValueError:
            said = given
        problems.append(
            _("“{field}”: the form says {given}, the rules find {wanted}.").format(
                field=_(field.label),
                given=said,
                wanted=show(wanted) if wanted else _("nothing (no top-up is owed)"),
            )
        )
    return problems


class ReviewContradicted(UserError):
    """A summary review's stored answers say otherwise than the rules: not printed."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "\n".join(
                [
                    _(
                        "This summary review is not printed: its form contradicts what the "
                        "rules find for the review it closes."
                    ),
                    *problems,
                    _(
                        "Correct these answers in the form, or empty them to take the computed "
                        "values."
                    ),
                ]
            )
        )


def headcount_sentence(company: Company) -> str:
    """The headcount the 50-employee threshold was read on: the company's legal headcount
    as declared, not the number of people in the file."""
    count = company.headcount
    if company.headcount_date is not None:
        return ngettext(
            "Headcount used for the 50-employee threshold: {count} employee, the company's "
            "legal headcount as declared on {date}.",
            "Headcount used for the 50-employee threshold: {count} employees, the company's "
            "legal headcount as declared on {date}.",
            count,
        ).format(count=count, date=prose_date(company.headcount_date))
    return ngettext(
        "Headcount used for the 50-employee threshold: {count} employee, the company's legal "
        "headcount as declared.",
        "Headcount used for the 50-employee threshold: {count} employees, the company's legal "
        "headcount as declared.",
        count,
    ).format(count=count)
