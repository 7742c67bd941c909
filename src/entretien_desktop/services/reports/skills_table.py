"""The skills map's table of an interview report (the field with the role
``skills_review``, services/interview_skills.py), as a grid a page wide: the day a
certification is valid until is said under its current level, so that the table keeps
six columns (skill, family, current level, level the job needs, agreed level, comment)
instead of becoming a card per skill. A level is worded with the scale's words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from entretien_desktop.domain.templates import Column, Field, FieldType
from entretien_desktop.i18n import _, prose_date, table_date
from entretien_desktop.services.interview_skills import SKILL_ID
from entretien_desktop.services.reports.blocks import EMPTY, ColumnSpec, data_table
from entretien_desktop.services.reports.layout import styles
from entretien_desktop.services.skill_words import level_label

VALID_UNTIL = "valid_until"
CURRENT = "current"
_LEVELS = ("0", "1", "2", "3")
_WEIGHTS = {FieldType.LONG_TEXT: 2.4, FieldType.SHORT_TEXT: 1.4, FieldType.CHOICE: 1.0}


def _valid_until(value: Any, dense: bool) -> str:
    try:
        day = date.fromisoformat(str(value or "").strip())
    except ValueError:
        return str(value or "").strip()
    return table_date(day) if dense else prose_date(day)


def _cell(column: Column, row: dict[str, Any], dense: bool) -> str:
    value = str(row.get(column.id) or "").strip()
    if column.type is FieldType.CHOICE and value in _LEVELS:
        text = level_label(int(value))
    elif column.type is FieldType.CHOICE:
        choice = next((c for c in column.choices if c.id == value), None)
        text = _(choice.label) if choice is not None else value
    else:
        text = value
    until = _valid_until(row.get(VALID_UNTIL), dense) if column.id == CURRENT else ""
    if until:
        valid = _("valid until {date}").format(date=until)
        text = f"{text}\n{valid}" if text else valid
    return text


def skills_table(field: Field, value: Any) -> list[Flowable]:
    """The rows of the skills table ``field`` (one per skill), or the line saying it is
    empty."""
    rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
    columns = [c for c in field.columns if c.id != VALID_UNTIL]
    if not rows or not columns:
        return [Paragraph(EMPTY, styles().empty)]
    specs = [ColumnSpec(_(c.label), _WEIGHTS.get(c.type, 1.0)) for c in columns]

    def texts(*, dense: bool) -> list[list[str]]:
        return [
            [_cell(c, row, dense) for c in columns]
            for row in rows
            if row.get(SKILL_ID) or any(str(v).strip() for v in row.values())
        ]

    return data_table(specs, texts(dense=True), texts(dense=False))
