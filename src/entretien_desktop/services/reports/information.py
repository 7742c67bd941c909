"""The information block of a career-path interview's report, in sentences.

A report of the professional family states every mandatory item (CPF and how to activate
it, top-ups, CEP and how to reach it, VAE, skills assessment, transition project: see
``services/information_given.py``) whether or not its tick box was ticked, then what the
employer is considering funding (from the interview's training requests, else a line to
write on), then the items the interviewer ticked as also explained aloud. An unticked item
is not flagged: the law asks that the employee be informed, and this copy, handed to them,
informs them in writing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from entretien_desktop.domain import Company
from entretien_desktop.domain.templates import Field, Template
from entretien_desktop.i18n import _
from entretien_desktop.services.information_given import (
    INFORMATION_IDS,
    employer_funding,
    information_items,
)
from entretien_desktop.services.reports.blocks import markup
from entretien_desktop.services.reports.layout import styles

_WRITE_IN = "_" * 40


def is_information(field: Field) -> bool:
    """Whether ``field`` is the tick list of the mandatory items (the built-in one, or a
    company copy that kept at least one of its choices)."""
    return any(choice.id in INFORMATION_IDS for choice in field.choices)


def information_block(
    company: Company, template: Template, answers: Mapping[str, Any], value: Any
) -> list[Flowable]:
    """The mandatory items stated in sentences, the employer's funding, and the items
    ticked as explained aloud."""
    look = styles()
    ticked = {str(v) for v in value} if isinstance(value, list) else set()
    items = information_items(company.headcount)
    story: list[Flowable] = [
        Paragraph(
            markup(
                _(
                    "The employee is informed of the following schemes; this report, a copy "
                    "of which is handed to the employee, states them in writing."
                )
            ),
            look.body,
        )
    ]
    story += [
        Paragraph(f"<b>{markup(item.title)}.</b> {markup(item.sentence)}", look.body)
        for item in items
    ]
    funding = employer_funding(template, answers)
    if funding:
        said = _("Funding the employer is considering: {items}.").format(items="; ".join(funding))
    else:
        said = _(
            "Funding the employer is considering (top-ups of the CPF, training): {line}"
        ).format(line=_WRITE_IN)
    story.append(Paragraph(markup(said), look.body))
    aloud = [item.title for item in items if item.id in ticked]
    if aloud:
        story.append(
            Paragraph(
                markup(
                    _("Also explained aloud during the interview: {items}.").format(
                        items=", ".join(aloud)
                    )
                ),
                look.body,
            )
        )
    return story
