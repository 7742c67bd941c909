"""Plain-text renderings for the command line: the obligations table of ``check``."""

from __future__ import annotations

import shutil
import textwrap

from entretien_desktop.i18n import _, format_date, format_money, ngettext
from entretien_desktop.rules import Obligation, Status
from entretien_desktop.services.labels import obligation_name, obligation_state_label
from entretien_desktop.services.obligations import ObligationsReport

_GROUP_ORDER = (
    (Status.OVERDUE, False),
    (Status.DUE_SOON, False),
    (Status.UPCOMING, False),
    (Status.SATISFIED, True),
    (Status.SATISFIED, False),
    (Status.NOT_APPLICABLE, False),
)
"""The groups of the table, most urgent first: a status, and whether the obligations were
met late (those met after their deadline have a group of their own, before those met on
time)."""


def _group(obligation: Obligation) -> tuple[Status, bool]:
    return obligation.status, obligation.status is Status.SATISFIED and obligation.late


def obligations_table(report: ObligationsReport, width: int | None = None) -> str:
    """The obligations grouped by status (those met late apart from those met on time),
    most urgent first, then the total at stake."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    names = {e.ref: e.full_name for e in report.company.employees}
    lines = [
        _("{company}: obligations as of {date}").format(
            company=report.company.name, date=format_date(report.as_of, "long")
        ),
        "",
    ]
    for key in _GROUP_ORDER:
        group = sorted(
            (o for o in report.by_status(key[0]) if _group(o) == key),
            key=lambda o: (o.deadline, o.employee_ref),
        )
        if not group:
            continue
        heading = f"{obligation_state_label(group[0])} ({len(group)})"
        lines += [heading, "=" * len(heading)]
        for o in group:
            who = f"{o.employee_ref} {names.get(o.employee_ref, '')}".strip()
            amount = (
                f"  {format_money(o.amount_at_stake_eur, cents=False)}"
                if o.amount_at_stake_eur
                else ""
            )
            kind = obligation_name(o)
            lines.append(f"{format_date(o.deadline, 'short'):>10}  {who} — {kind}{amount}")
            lines += textwrap.wrap(
                o.explanation,
                width=max(40, width - 14),
                initial_indent=" " * 14,
                subsequent_indent=" " * 14,
                break_on_hyphens=False,
            )
        lines.append("")
    lines.append(
        ngettext(
            "{count} obligation listed. Top-ups owed: {owed}; possible if nothing changes: "
            "{possible}.",
            "{count} obligations listed. Top-ups owed: {owed}; possible if nothing changes: "
            "{possible}.",
            len(report.obligations),
        ).format(
            count=len(report.obligations),
            owed=format_money(report.owed_eur, cents=False),
            possible=format_money(report.possible_eur, cents=False),
        )
    )
    lines.append(_("This is not legal advice."))
    return "\n".join(lines)
