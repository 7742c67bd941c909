"""The summary review's criteria as the rules engine finds them, for the report: the period,
whether interviews due were missed, the trainings (non-mandatory ones apart),
certifications and progressions, and the top-up at stake in euros.

The review shown is the one the interview satisfied, else the one open on the as-of date
(as the form's prefill does), else the last one listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from entretien_desktop.domain import Company, Employee
from entretien_desktop.i18n import _, format_money, prose_date
from entretien_desktop.rules import Obligation, ObligationKind, evaluate_employee
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.age import end_of_career_obligations, mid_career_obligations
from entretien_desktop.rules.model import Facts
from entretien_desktop.rules.periodic import periodic_obligations
from entretien_desktop.rules.summary_review import Criteria, criteria, overdue_spans
from entretien_desktop.services.reports.blocks import key_values, markup
from entretien_desktop.services.reports.layout import styles


@dataclass(frozen=True, slots=True)
class SummaryCriteria:
    review: Obligation
    criteria: Criteria
    as_of: date

    @property
    def amount_eur(self) -> int:
        return self.review.amount_at_stake_eur


def _the_review(reviews: list[Obligation], interview_id: str | None, as_of: date) -> Obligation:
    for review in reviews:
        if interview_id is not None and review.satisfied_by == interview_id:
            return review
    current = [o for o in reviews if o.satisfied_by is None and o.window_start <= as_of]
    return current[-1] if current else reviews[-1]


def summary_criteria(
    company: Company, employee: Employee, as_of: date, interview_id: str | None = None
) -> SummaryCriteria | None:
    """The criteria of the employee's summary review as of ``as_of``; ``None`` when no
    summary review applies (outside France, an intern...)."""
    reviews = [
        o
        for o in evaluate_employee(company, employee, as_of)
        if o.kind is ObligationKind.SUMMARY_REVIEW
    ]
    if not reviews:
        return None
    review = _the_review(reviews, interview_id, as_of)
    facts = Facts.of(company, employee, as_of)
    # The interviews due, as rules.summary_review counts them: the periodic ones, and
    # under the 2025 regime the mid-career and end-of-career ones too.
    due = overdue_spans(periodic_obligations(facts))
    if review.deadline >= law.LAW_2025_IN_FORCE:
        due += overdue_spans(mid_career_obligations(facts) + end_of_career_obligations(facts))
    found = criteria(facts, review.window_start, review.deadline, due)
    return SummaryCriteria(review, found, as_of)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def criteria_table(found: SummaryCriteria) -> list[Flowable]:
    """The criteria as a label and value table, with the outcome and the amount."""
    look = styles()
    review, facts = found.review, found.criteria
    # The amount is printed as babel writes it (narrow no-break spaces in French): a plain
    # string cell draws it as it is, where a paragraph would respace it.
    amount = format_money(found.amount_eur, cents=False)
    rows: list[tuple[str, str | Flowable]] = [
        (
            _("Period covered"),
            _("{start} to {end}").format(
                start=prose_date(review.window_start), end=prose_date(review.deadline)
            ),
        ),
        (_("Facts known on"), prose_date(found.as_of)),
        (_("Interviews due missed"), _yes_no(facts.missed_interviews)),
        (_("Training followed"), _yes_no(facts.training)),
        (_("Non-mandatory training followed"), _yes_no(facts.non_mandatory_training)),
        (_("Certification obtained"), _yes_no(facts.certification)),
        (_("Salary or professional progression"), _yes_no(facts.progression)),
        (_("Outcome"), review.explanation),
        (_("Amount at stake"), amount),
        (_("Legal basis"), review.basis),
    ]
    note = _(
        "Computed by the program from the employee's history as recorded; check it against "
        "your records."
    )
    return [
        Paragraph(markup(_("Criteria under the rules that apply")), look.heading),
        key_values(rows, 6 * cm, plain={len(rows) - 2}),
        Spacer(1, 3),
        Paragraph(markup(note), look.empty),
    ]
