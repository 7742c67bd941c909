"""The summary review's conclusion on paper: the period, the criteria, the cumulative test,
the top-up owed (or at stake) with its payment deadline and penalty, and the legal basis,
all from ``services.summary_reviews`` (the same sentences the form shows).

An amount is written only when one is at stake: a review that owes nothing says so in words,
never "0 €"; owed and possible amounts are never added.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from entretien_desktop.i18n import _, format_money, prose_date
from entretien_desktop.rules import regimes as law
from entretien_desktop.services.labels import legal_basis_label
from entretien_desktop.services.reports.blocks import key_values, markup
from entretien_desktop.services.reports.layout import styles
from entretien_desktop.services.summary_reviews import (
    SummaryConclusion,
    amount_sentence,
    payment_sentence,
    penalty_sentence,
    period_sentence,
    test_sentence,
)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def criteria_table(found: SummaryConclusion) -> list[Flowable]:
    """The conclusion as a label and value table, under the section's own heading."""
    look = styles()
    review, facts = found.review, found.criteria
    rows: list[tuple[str, str]] = [
        (_("Period covered"), period_sentence(found)),
        (_("Facts reviewed up to"), prose_date(found.as_of)),
        (_("Interviews due missed"), _yes_no(facts.missed_interviews)),
        (_("Non-mandatory training followed"), _yes_no(facts.non_mandatory_training)),
    ]
    if found.with_2014_criteria:
        rows += [
            (_("Training followed"), _yes_no(facts.training)),
            (_("Certification obtained"), _yes_no(facts.certification)),
            (_("Salary or professional progression"), _yes_no(facts.progression)),
        ]
    rows += [
        (_("Test applied"), f"{test_sentence(found)} {found.headcount}"),
        (_("Outcome"), review.explanation),
    ]
    plain = set()
    if found.amount_eur:
        # The amount as babel writes it (narrow no-break spaces in French): a plain cell
        # draws it as it is, where a paragraph would respace it.
        plain.add(len(rows))
        label = _("Top-up owed") if found.concluded else _("Top-up at stake, not owed yet")
        rows.append((label, format_money(found.amount_eur, cents=False)))
    if found.amount_eur:
        rows.append((_("Payment"), payment_sentence(found)))
        rows.append((_("If unpaid"), penalty_sentence(found)))
    else:
        rows.append((_("Corrective top-up"), amount_sentence(found)))
    basis = legal_basis_label(review.basis, full=True)
    if review.basis != law.BASIS_2018:  # the 2018 basis names the top-up's articles already
        basis += _("; the corrective top-up: art. L6323-13 and R6323-3 of the Labour Code")
    rows.append((_("Legal basis"), basis))
    note = _(
        "Computed by the program from the employee's history as recorded; check it against "
        "your records."
    )
    return [
        Spacer(1, 4),
        key_values(rows, 6 * cm, plain=plain),
        Spacer(1, 3),
        Paragraph(markup(note), look.empty),
    ]
