"""Options of a template dated from / until a day (docs/templates.md): written and read
back, refused with their place when wrong, offered by the form's lists on the interview's
day only, an answer given with one kept and shown, the form not finished on one the day
does not offer, a report's tick boxes those of the interview's day."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import Choice, Field, FieldType, Template, offered_choices
from entretien_desktop.i18n import language_context
from entretien_desktop.services.interview_forms import (
    choice_dates_text,
    first_unfinished_section,
    unoffered_choices,
)
from entretien_desktop.services.reports import interview_report
from entretien_desktop.services.templates import (
    TemplateRefused,
    template_document,
    template_from_document,
)
from entretien_desktop.ui.dialogs.template_draft import parse_choices, shown
from entretien_desktop.ui.forms.form_fields import ButtonsEditor, TableEditor, editor_for
from tests.helpers import small_company
from tests.test_reports import _flat, _pages

EVE = date(2025, 12, 31)
NEW_YEAR = date(2026, 1, 1)


def _options() -> list[dict[str, Any]]:
    return [
        {"id": "always", "label": "Always"},
        {"id": "old", "label": "Old scheme", "until": "2025-12-31"},
        {"id": "new", "label": "New scheme", "from": "2026-01-01"},
    ]


def _document() -> dict[str, Any]:
    """A company's template whose options end on 31 Dec 2025 and start on 1 Jan 2026."""
    return {
        "id": "dated",
        "version": 1,
        "kind": "professional",
        "title": "Dated options",
        "sections": [
            {
                "id": "schemes",
                "title": "Schemes",
                "fields": [
                    {"id": "scheme", "type": "choice", "label": "Scheme", "choices": _options()},
                    {"id": "ticks", "type": "checks", "label": "Ticks", "choices": _options()},
                    {
                        "id": "requests",
                        "type": "table",
                        "label": "Requests",
                        "columns": [
                            {"id": "what", "label": "What", "type": "short_text"},
                            {
                                "id": "how",
                                "label": "How",
                                "type": "choice",
                                "choices": _options(),
                            },
                        ],
                    },
                ],
            }
        ],
    }


def _template() -> Template:
    return template_from_document(_document())


def _choices() -> tuple[Choice, ...]:
    return _template().field("scheme").choices


# ------------------------------------------------------------------------ the document


def test_the_dates_are_read_and_written_back() -> None:
    document = _document()
    template = template_from_document(document)
    old, new = template.field("scheme").choices[1:]
    assert (old.since, old.until) == (None, EVE)
    assert (new.since, new.until) == (NEW_YEAR, None)
    assert template_document(template) == document


def test_a_document_without_dates_offers_every_option_every_day() -> None:
    document = _document()
    for item in document["sections"][0]["fields"][0]["choices"]:
        item.pop("from", None)
        item.pop("until", None)
    choices = template_from_document(document).field("scheme").choices
    assert all(c.offered_on(date(1990, 1, 1)) and c.offered_on(date(2090, 1, 1)) for c in choices)


@pytest.mark.parametrize(
    ("item", "place"),
    [
        ({"from": "1 Jan 2026"}, "choices[0].from"),
        ({"until": "2025-02-30"}, "choices[0].until"),
        ({"until": 20251231}, "choices[0].until"),
        ({"until": "20251231"}, "choices[0].until"),
        ({"from": "2026-01-02", "until": "2026-01-01"}, "choices[0].until"),
    ],
)
def test_a_wrong_date_is_refused_with_its_place(item: dict[str, Any], place: str) -> None:
    document = copy.deepcopy(_document())
    document["sections"][0]["fields"][2]["columns"][1]["choices"][0].update(item)
    with pytest.raises(TemplateRefused) as refused:
        template_from_document(document)
    wanted = f"$.sections[0].fields[2].columns[1].{place}"
    assert [p.split(":")[0] for p in refused.value.problems] == [wanted]


def test_an_option_of_one_day() -> None:
    document = _document()
    document["sections"][0]["fields"][0]["choices"][0].update(
        {"from": "2026-01-01", "until": "2026-01-01"}
    )
    choice = template_from_document(document).field("scheme").choices[0]
    assert choice.offered_on(NEW_YEAR)
    assert not choice.offered_on(EVE) and not choice.offered_on(date(2026, 1, 2))


@pytest.mark.parametrize(
    ("day", "offered"),
    [(EVE, ["always", "old"]), (NEW_YEAR, ["always", "new"])],
)
def test_the_options_of_a_day_and_those_kept(day: date, offered: list[str]) -> None:
    assert [c.id for c in offered_choices(_choices(), day)] == offered
    kept = [c.id for c in offered_choices(_choices(), day, {"old", "new"})]
    assert kept == ["always", "old", "new"]


def test_when_an_option_is_offered_in_words() -> None:
    always, old, new = _choices()
    assert choice_dates_text(always) == ""
    assert choice_dates_text(old) == "offered until Dec 31, 2025"
    assert choice_dates_text(new) == "offered from Jan 1, 2026"
    both = replace(new, until=date(2026, 12, 31))
    assert choice_dates_text(both) == "offered from Jan 1, 2026 to Dec 31, 2026"
    with language_context("fr"):
        assert choice_dates_text(old) == "possible jusqu’au 31 déc. 2025"


# ---------------------------------------------------------------------- what a form checks


def test_the_options_not_offered_on_the_day_are_named_once_with_their_field() -> None:
    template = _template()
    answers = {
        "scheme": "old",
        "ticks": ["always", "old"],
        "requests": [{"what": "a", "how": "old"}, {"what": "b", "how": "old"}],
    }
    found = unoffered_choices(template.sections[0], answers, NEW_YEAR)
    assert [(f.id, c.id) for f, c in found] == [
        ("scheme", "old"),
        ("ticks", "old"),
        ("requests", "old"),
    ]
    assert unoffered_choices(template.sections[0], answers, EVE) == []
    assert first_unfinished_section(template, answers, NEW_YEAR) == 0
    assert first_unfinished_section(template, answers, EVE) is None
    # Without a day (what the form's steps use for dates and required fields alone).
    assert first_unfinished_section(template, answers) is None


# ----------------------------------------------------------------------- the form's editors


def test_a_single_choice_offers_the_options_of_its_day(qtbot: QtBot) -> None:
    editor = editor_for(_template().field("scheme"), NEW_YEAR)
    qtbot.addWidget(editor)
    combo = editor.findChild(QComboBox)
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "always", "new"]
    editor.set_value("old")  # an answer given before: shown with its dates, kept
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "always", "old", "new"]
    assert combo.currentText() == "Old scheme (offered until Dec 31, 2025)"
    assert editor.value() == "old"
    editor.set_value("gone")  # an id the template no longer has: kept as it is
    assert editor.value() == "gone"
    # Without a day, every option.
    every = editor_for(_template().field("scheme"))
    qtbot.addWidget(every)
    assert every.findChild(QComboBox).count() == 4


def test_a_table_choice_column_offers_the_options_of_its_day(qtbot: QtBot) -> None:
    editor = editor_for(_template().field("requests"), EVE)
    assert isinstance(editor, TableEditor)
    qtbot.addWidget(editor)
    editor.set_value([{"what": "a", "how": "new"}])
    editor.add_row()

    def ids(row: int) -> list[str]:
        combo = editor.table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)
        return [str(combo.itemData(i)) for i in range(combo.count())]

    assert ids(0) == ["", "always", "old", "new"]
    assert ids(1) == ["", "always", "old"]
    assert editor.value() == [{"what": "a", "how": "new"}, {"what": "", "how": ""}]


def test_tick_boxes_hide_an_option_not_offered_unless_it_was_ticked(qtbot: QtBot) -> None:
    editor = editor_for(_template().field("ticks"), NEW_YEAR)
    assert isinstance(editor, ButtonsEditor)
    qtbot.addWidget(editor)
    editor.show()
    boxes = {box.text(): box for box in editor.findChildren(QCheckBox)}
    old = boxes["Old scheme (offered until Dec 31, 2025)"]
    assert not old.isVisible()
    assert boxes["New scheme"].isVisible() and boxes["Always"].isVisible()
    editor.set_value(["old"])
    assert old.isVisible() and old.isChecked()
    assert editor.value() == ["old"]


def test_a_rating_hides_an_option_not_offered(qtbot: QtBot) -> None:
    field = Field(
        "level", FieldType.RATING, "Level", choices=(Choice("a", "A"), Choice("b", "B", until=EVE))
    )
    editor = editor_for(field, NEW_YEAR)
    qtbot.addWidget(editor)
    editor.show()
    assert [b.isVisible() for b in editor.group.buttons()] == [True, False]


def test_the_template_editor_keeps_the_dates_of_the_options_it_shows() -> None:
    """A company's template edited in Settings › Interview templates: the options, shown
    by their labels, keep their ids and dates; an option added there has none."""
    choices = _choices()
    kept = parse_choices([*(shown(c.label) for c in choices), "Another"], choices)
    assert kept[: len(choices)] == choices
    assert (kept[-1].since, kept[-1].until) == (None, None)


# ------------------------------------------------------------------------------ the report


def _company(day: date, answers: dict[str, Any]) -> Company:
    company = small_company()
    interview = Interview(
        "G1-dated",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        day,
        answers=answers,
        template="dated@1",
    )
    employee = replace(company.employees[0], interviews=(interview,))
    return replace(company, employees=(employee, *company.employees[1:]), templates=(_template(),))


def _report_text(company: Company) -> str:
    employee = company.employees[0]
    return _flat(
        " ".join(_pages(interview_report(company, employee, employee.interviews[0], "en")))
    )


def test_a_report_prints_the_answer_and_the_tick_boxes_of_its_day() -> None:
    answers = {"scheme": "old", "ticks": ["always"], "requests": [{"what": "Weld", "how": "old"}]}
    text = _report_text(_company(EVE, answers))
    assert "Scheme Old scheme Ticks ☒ Always ☐ Old scheme Requests What How Weld Old scheme" in text
    assert "New scheme" not in text
    # A 2026 interview holding the old option (moved, or imported): printed as it is.
    later = _report_text(_company(NEW_YEAR, {"ticks": ["old"]}))
    assert "Ticks ☐ Always ☒ Old scheme ☐ New scheme" in later
