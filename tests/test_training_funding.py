"""The funding of a training request, dated by the law: the reconversion period (loi
n° 2025-989, décrets n° 2026-39 and 2026-40) is offered from 1 Jan 2026, Pro-A and Transco,
which it replaces, until 31 Dec 2025. A form offers the options of its interview's day; an
answer given before keeps reading, showing and printing; the training plan words them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import (
    Choice,
    Field,
    FieldType,
    Role,
    Template,
    offered_choices,
)
from entretien_desktop.i18n import language_context
from entretien_desktop.services.information_given import employer_funding
from entretien_desktop.services.interview_forms import (
    choice_dates_text,
    first_unfinished_section,
    unoffered_choices,
)
from entretien_desktop.services.reports import interview_report
from entretien_desktop.services.reports.training_plan import training_plan
from entretien_desktop.services.templates import (
    built_in_template,
    built_in_templates,
    previous_built_in_templates,
    template_document,
    template_from_document,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.forms.form_fields import TableEditor
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.pages.training_requests import request_rows
from tests.helpers import open_workspace, small_company
from tests.qt_helpers import WAIT_MS
from tests.test_reports import _flat, _pages

EVE = date(2025, 12, 31)
"""The last day of Pro-A and Transco."""
NEW_YEAR = date(2026, 1, 1)
"""The first day of the reconversion period."""
OLD_SCHEMES = {"pro_a", "transco"}
ALWAYS = {"company_plan", "cpf", "cpf_co_funded", "opco", "transition_project"}

LABELS = {
    "en": {
        "reconversion_period": "Reconversion period (période de reconversion)",
        "pro_a": "Pro-A: reconversion or promotion through work-study",
        "transco": "Transitions collectives (Transco)",
    },
    "fr": {
        "reconversion_period": "Période de reconversion (décrets 2026-39 et 2026-40)",
        "pro_a": "Pro-A : reconversion ou promotion par alternance",
        "transco": "Transitions collectives (Transco)",
    },
    "nl": {"reconversion_period": "Omscholingsperiode (période de reconversion)"},
    "nb": {"reconversion_period": "Omskoleringsperiode (période de reconversion)"},
}


def _funding_templates() -> list[Template]:
    """Every built-in template with a training-requests table, current and earlier."""
    return [
        t
        for t in (*built_in_templates(), *previous_built_in_templates())
        if t.with_role(Role.TRAINING_REQUESTS) is not None
    ]


def _funding(template: Template) -> tuple[Choice, ...]:
    table = template.with_role(Role.TRAINING_REQUESTS)
    assert table is not None
    return next(c for c in table.columns if c.id == "funding").choices


def _request(
    funding: str, course: str = "Soudure TIG", start: str = "2026-03-02"
) -> dict[str, str]:
    return {
        "course": course,
        "provider": "AFPA",
        "hours": "70",
        "cost": "2100",
        "start": start,
        "end": "",
        "working_hours": "inside",
        "validation": "certificate",
        "funding": funding,
        "priority": "high",
    }


# ------------------------------------------------------------------ the templates' choices


def test_every_template_with_training_requests_has_the_dated_funding_choices() -> None:
    templates = _funding_templates()
    # The five of today and the two earlier versions an interview may still be read with.
    assert {t.key for t in templates} >= {
        "professional@1",
        "return@2",
        "return@1",
        "mid_career@1",
        "end_of_career@1",
        "annual_review@2",
        "annual_review@1",
    }
    for template in templates:
        choices = {c.id: c for c in _funding(template)}
        assert set(choices) == ALWAYS | OLD_SCHEMES | {"reconversion_period"}, template.key
        assert choices["reconversion_period"].since == NEW_YEAR
        assert choices["reconversion_period"].until is None
        for old in OLD_SCHEMES:
            assert choices[old].since is None and choices[old].until == EVE
        for label_id, label in LABELS["en"].items():
            assert choices[label_id].label == label
        assert all(choices[i].since is None and choices[i].until is None for i in ALWAYS)


@pytest.mark.parametrize(
    ("day", "offered"),
    [
        (date(2025, 12, 30), ALWAYS | OLD_SCHEMES),
        (EVE, ALWAYS | OLD_SCHEMES),
        (NEW_YEAR, ALWAYS | {"reconversion_period"}),
        (date(2026, 1, 2), ALWAYS | {"reconversion_period"}),
    ],
)
def test_the_choices_offered_on_the_day_before_and_of_1_january_2026(
    day: date, offered: set[str]
) -> None:
    for template in _funding_templates():
        assert {c.id for c in offered_choices(_funding(template), day)} == offered


def test_an_answer_given_with_an_option_no_longer_offered_is_kept_in_the_list() -> None:
    choices = _funding(built_in_template(InterviewKind.PROFESSIONAL))
    ids = [c.id for c in offered_choices(choices, NEW_YEAR, {"pro_a"})]
    assert "pro_a" in ids and "transco" not in ids
    # In the template's order.
    assert ids == [c.id for c in choices if c.id in ids]


def test_the_summary_review_and_career_conversation_have_no_funding_to_date() -> None:
    for kind in (InterviewKind.SUMMARY_REVIEW, InterviewKind.CAREER_CONVERSATION):
        template = built_in_template(kind)
        assert template.with_role(Role.TRAINING_REQUESTS) is None
        assert all(c.id != "funding" for f in template.fields() for c in f.columns)


# ------------------------------------------------------------------ the template document


def _document() -> dict[str, Any]:
    return template_document(built_in_template(InterviewKind.PROFESSIONAL))


def _funding_items(document: dict[str, Any]) -> list[dict[str, Any]]:
    for section in document["sections"]:
        for field in section["fields"]:
            for column in field.get("columns", []):
                if column["id"] == "funding":
                    items: list[dict[str, Any]] = column["choices"]
                    return items
    raise AssertionError("no funding column")


def test_the_dates_are_written_as_from_and_until_and_read_back() -> None:
    document = _document()
    items = {item["id"]: item for item in _funding_items(document)}
    assert items["reconversion_period"]["from"] == "2026-01-01"
    assert "until" not in items["reconversion_period"]
    assert items["pro_a"]["until"] == "2025-12-31" and "from" not in items["pro_a"]
    assert items["opco"] == {"id": "opco", "label": "Skills operator (OPCO)"}
    assert template_document(template_from_document(document)) == document


# ------------------------------------------------------------------------ the form's lists


def _funding_ids(table: TableEditor, row: int) -> list[str]:
    column = [c.id for c in table.columns].index("funding")
    combo = table.table.cellWidget(row, column)
    assert isinstance(combo, QComboBox)
    return [str(combo.itemData(i)) for i in range(combo.count())]


def _funding_combo(table: TableEditor, row: int) -> QComboBox:
    column = [c.id for c in table.columns].index("funding")
    combo = table.table.cellWidget(row, column)
    assert isinstance(combo, QComboBox)
    return combo


def _plan(workspace: Workspace, day: date, answers: dict[str, Any] | None = None) -> Interview:
    interview = Interview(
        "G1-funding",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.PLANNED,
        day,
        answers=answers,
        template="professional@1" if answers else None,
    )
    workspace.put_interview("G1", interview)
    return interview


def _wizard(qtbot: QtBot, workspace: Workspace, interview: Interview) -> InterviewWizard:
    wizard = InterviewWizard(workspace, "G1", interview.id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _training_table(wizard: InterviewWizard) -> TableEditor:
    table = wizard.editors["training_requests"]
    assert isinstance(table, TableEditor)
    return table


@pytest.mark.parametrize(
    ("day", "offered", "absent"),
    [
        (EVE, OLD_SCHEMES, {"reconversion_period"}),
        (NEW_YEAR, {"reconversion_period"}, OLD_SCHEMES),
    ],
    ids=["2025-12-31", "2026-01-01"],
)
def test_a_new_request_offers_the_funding_of_the_interview_day(
    qtbot: QtBot, tmp_path: Path, day: date, offered: set[str], absent: set[str]
) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company(), today=day) as workspace:
        wizard = _wizard(qtbot, workspace, _plan(workspace, day))
        table = _training_table(wizard)
        table.add_row()
        ids = set(_funding_ids(table, 0))
        assert offered | ALWAYS <= ids
        assert not ids & absent


def test_a_form_offers_the_options_of_its_interview_day_not_of_today(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Filled on 20 Dec 2025 for a meeting planned on 12 Jan 2026: the options of 2026."""
    with open_workspace(tmp_path / "c.sqlite", small_company(), today=date(2025, 12, 20)) as ws:
        wizard = _wizard(qtbot, ws, _plan(ws, date(2026, 1, 12)))
        table = _training_table(wizard)
        table.add_row()
        assert "reconversion_period" in _funding_ids(table, 0)
        assert not OLD_SCHEMES & set(_funding_ids(table, 0))


def test_an_old_pro_a_answer_still_shows_and_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    answers = {"training_requests": [_request("pro_a", start="2025-11-03")]}
    company = small_company()
    held = Interview(
        "G1-2025",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date(2025, 10, 6),
        answers=answers,
        template="professional@1",
    )
    employee = replace(company.employees[0], interviews=(*company.employees[0].interviews, held))
    company = replace(company, employees=(employee, *company.employees[1:]))
    # Opened in 2026: the interview's day, not today, decides.
    with open_workspace(tmp_path / "c.sqlite", company, today=date(2026, 11, 22)) as workspace:
        wizard = _wizard(qtbot, workspace, held)
        table = _training_table(wizard)
        combo = _funding_combo(table, 0)
        assert combo.currentData() == "pro_a"
        assert combo.currentText() == LABELS["en"]["pro_a"]
        assert "reconversion_period" not in _funding_ids(table, 0)
        assert table.value()[0]["funding"] == "pro_a"
        assert wizard.steps.item(wizard.template.section_index("training_requests")).text()[0] in (
            "✓",
            "○",
        )


def test_a_2026_form_holding_pro_a_says_so_and_is_not_finished_on_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A draft of 2025 moved to January 2026: the answer is shown with its dates and kept,
    the step is marked, and the form is not finished until another funding is chosen."""
    answers = {"training_requests": [_request("pro_a")]}
    with open_workspace(tmp_path / "c.sqlite", small_company(), today=NEW_YEAR) as workspace:
        wizard = _wizard(qtbot, workspace, _plan(workspace, NEW_YEAR, answers))
        table = _training_table(wizard)
        combo = _funding_combo(table, 0)
        assert combo.currentData() == "pro_a"
        assert combo.currentText() == (
            "Pro-A: reconversion or promotion through work-study (offered until Dec 31, 2025)"
        )
        assert "transco" not in _funding_ids(table, 0)
        step = wizard.template.section_index("training_requests")
        assert wizard.steps.item(step).text().startswith("⚠")
        _fill_required(qtbot, wizard)
        assert not wizard.finish()
        assert wizard.current == step
        assert wizard.problem.text() == (
            "Not offered for an interview on Jan 1, 2026: Training requests: "
            "“Pro-A: reconversion or promotion through work-study”, offered until Dec 31, "
            "2025. Choose another."
        )
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            combo.setCurrentIndex(combo.findData("reconversion_period"))
        assert not wizard.steps.item(step).text().startswith("⚠")
        assert wizard.finish()
    assert workspace.interview("G1", "G1-funding").status is InterviewStatus.HELD


def test_a_form_finished_before_its_planned_day_is_checked_on_the_day_it_is_held(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Planned on 12 Jan 2026, finished on 20 Dec 2025: held that day, when the
    reconversion period did not exist yet."""
    answers = {"training_requests": [_request("reconversion_period")]}
    with open_workspace(tmp_path / "c.sqlite", small_company(), today=date(2025, 12, 20)) as ws:
        wizard = _wizard(qtbot, ws, _plan(ws, date(2026, 1, 12), answers))
        _fill_required(qtbot, wizard)
        assert not wizard.finish()
        assert "interview on Dec 20, 2025" in wizard.problem.text()
        assert "offered from Jan 1, 2026" in wizard.problem.text()


def _fill_required(qtbot: QtBot, wizard: InterviewWizard) -> None:
    for field in wizard.template.fields():
        if field.required and not wizard.answers.get(field.id):
            editor = wizard.editors[field.id]
            with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
                editor.set_value(_answer_for(field))
                editor.changed.emit()


def _answer_for(field: Field) -> Any:
    if field.type is FieldType.DATE:
        return "2025-12-01"
    if field.type is FieldType.YES_NO:
        return True
    if field.type is FieldType.CHECKS:
        return [field.choices[0].id]
    if field.type in {FieldType.CHOICE, FieldType.RATING}:
        return field.choices[0].id
    if field.type is FieldType.TABLE:
        return [{field.columns[0].id: "x"}]
    return "Réponse"


def test_the_service_names_the_options_not_offered_on_a_day() -> None:
    template = built_in_template(InterviewKind.PROFESSIONAL)
    answers = {"training_requests": [_request("pro_a"), _request("transco"), _request("pro_a")]}
    section = template.sections[template.section_index("training_requests")]
    found = unoffered_choices(section, answers, NEW_YEAR)
    assert [c.id for _f, c in found] == ["pro_a", "transco"]
    assert unoffered_choices(section, answers, EVE) == []
    assert first_unfinished_section(template, answers, NEW_YEAR) is not None
    assert choice_dates_text(found[0][1]) == "offered until Dec 31, 2025"


# --------------------------------------------------------------- what is read and printed


def _company(*requests: tuple[date, str, dict[str, str]]) -> Company:
    """The small company; each request in an interview of its own, held on its day."""
    company = small_company()
    interviews = tuple(
        Interview(
            f"G1-{number}",
            InterviewKind.PROFESSIONAL,
            InterviewStatus.HELD,
            day,
            answers={"training_requests": [row]},
            template=template,
        )
        for number, (day, template, row) in enumerate(requests)
    )
    employee = replace(company.employees[0], interviews=interviews)
    return replace(company, employees=(employee, *company.employees[1:]))


def _text(data: bytes) -> str:
    return _flat(" ".join(_pages(data)))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_old_pro_a_answer_prints_with_its_label(language: str) -> None:
    company = _company((date(2025, 10, 6), "professional@1", _request("pro_a", "Soudure")))
    employee = company.employees[0]
    text = _text(interview_report(company, employee, employee.interviews[0], language))
    assert _flat(LABELS[language]["pro_a"]) in text
    assert "pro_a" not in text


def test_an_interview_filled_with_an_earlier_version_prints_transco() -> None:
    company = _company((date(2025, 3, 3), "return@1", _request("transco", "Reconversion")))
    employee = company.employees[0]
    interview = replace(employee.interviews[0], kind=InterviewKind.RETURN)
    text = _text(interview_report(company, employee, interview, "fr"))
    assert "Transitions collectives (Transco)" in text


@pytest.mark.parametrize("language", ["fr", "en", "nl", "nb"])
def test_the_training_plan_words_the_funding(language: str) -> None:
    company = _company(
        (date(2026, 2, 2), "professional@1", _request("reconversion_period", "Soudure TIG")),
        (date(2025, 6, 2), "annual_review@1", _request("pro_a", "Usinage", "2025-09-01")),
    )
    text = _text(training_plan(company, date(2026, 3, 1), language))
    assert _flat(LABELS[language]["reconversion_period"]) in text
    if language in {"fr", "en"}:
        assert _flat(LABELS[language]["pro_a"]) in text
    assert "reconversion_period" not in text and "pro_a" not in text


def test_the_requests_page_words_the_funding() -> None:
    company = _company(
        (date(2026, 2, 2), "professional@1", _request("reconversion_period")),
        (date(2025, 6, 2), "professional@1", _request("transco")),
    )
    with language_context("fr"):
        words = [row.choices["funding"] for row in request_rows(company)]
    assert words == [LABELS["fr"]["reconversion_period"], LABELS["fr"]["transco"]]


def test_a_reconversion_period_is_funding_the_employer_considers() -> None:
    template = built_in_template(InterviewKind.PROFESSIONAL)
    answers = {
        "training_requests": [
            _request("reconversion_period", "Soudure TIG"),
            _request("transco", "Usinage"),
        ]
    }
    with language_context("fr"):
        assert employer_funding(template, answers) == [
            "Soudure TIG – Période de reconversion (décrets 2026-39 et 2026-40)"
        ]
