"""Interview templates: the built-in ones load, have what the product relies on and are
translated; documents round-trip and are refused with the place of every problem; the
company's own copy is chosen for the employees it applies to."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.domain import Employee, InterviewKind
from entretien_desktop.domain.templates import (
    AppliesTo,
    Choice,
    Column,
    Field,
    FieldType,
    Role,
    Template,
    is_answered,
)
from entretien_desktop.i18n import _, set_language
from entretien_desktop.i18n.template_messages import extract, template_texts
from entretien_desktop.services.templates import (
    TemplateRefused,
    built_in_template,
    built_in_templates,
    choose_template,
    template_document,
    template_from_document,
    templates_dir,
)
from tests.helpers import small_company

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_FILES = sorted((ROOT / "resources" / "templates").glob("*.json"))
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

TRAINING_COLUMNS = {
    "course": (FieldType.SHORT_TEXT, ()),
    "provider": (FieldType.SHORT_TEXT, ()),
    "hours": (FieldType.NUMBER, ()),
    "cost": (FieldType.NUMBER, ()),
    "start": (FieldType.DATE, ()),
    "end": (FieldType.DATE, ()),
    "working_hours": (FieldType.CHOICE, ("inside", "outside")),
    "validation": (FieldType.CHOICE, ("none", "diploma", "title", "certificate")),
    "funding": (
        FieldType.CHOICE,
        (
            "company_plan",
            "cpf",
            "cpf_co_funded",
            "opco",
            "reconversion_period",
            "pro_a",
            "transco",
            "transition_project",
        ),
    ),
    "priority": (FieldType.CHOICE, ("high", "medium", "low")),
}

# The tables each built-in template has, by what the rest of the product does with them.
ROLES = {
    InterviewKind.PROFESSIONAL: {
        Role.AGREEMENTS_REVIEW,
        Role.TRAINING_REQUESTS,
        Role.ACTION_PLAN,
        Role.SKILLS_REVIEW,
    },
    InterviewKind.RETURN: {Role.TRAINING_REQUESTS, Role.ACTION_PLAN},
    InterviewKind.MID_CAREER: {Role.AGREEMENTS_REVIEW, Role.TRAINING_REQUESTS, Role.ACTION_PLAN},
    InterviewKind.END_OF_CAREER: {
        Role.AGREEMENTS_REVIEW,
        Role.TRAINING_REQUESTS,
        Role.ACTION_PLAN,
    },
    InterviewKind.ANNUAL_REVIEW: {
        Role.OBJECTIVES_REVIEW,
        Role.OBJECTIVES_NEXT,
        Role.TRAINING_REQUESTS,
        Role.SKILLS_REVIEW,
    },
    InterviewKind.CAREER_CONVERSATION: {Role.AGREEMENTS_REVIEW, Role.ACTION_PLAN},
    InterviewKind.SUMMARY_REVIEW: set(),
    InterviewKind.FORFAIT_JOURS_REVIEW: {Role.AGREEMENTS_REVIEW, Role.ACTION_PLAN},
}

# Texts that read the same in French as in English. Add proper nouns and acronyms here
# (with the reason) rather than leaving a text untranslated by mistake.
SAME_IN_FRENCH: frozenset[str] = frozenset(
    {
        # The scheme's own name, the one French employers know it by (ended 2025).
        "Transitions collectives (Transco)",
    }
)


def _kinds() -> list[InterviewKind]:
    return list(InterviewKind)


def _texts(template: Template) -> list[str]:
    return list(template_texts(template_document(template)))


# ---------------------------------------------------------------- the built-in templates


def test_there_is_one_built_in_template_per_kind_of_interview() -> None:
    templates = built_in_templates()
    assert len(templates) == 8
    assert sorted(t.kind for t in templates) == sorted(InterviewKind)
    assert templates_dir() == ROOT / "resources" / "templates"
    assert [p.stem for p in TEMPLATE_FILES] == sorted(kind.value for kind in InterviewKind)
    for template in templates:
        assert template.built_in
        assert template.id == template.kind.value
        assert template.key == f"{template.kind.value}@{template.version}"
        assert template.applies_to.everyone
        assert template.notice


@pytest.mark.parametrize("kind", _kinds())
def test_the_built_in_template_has_the_roles_the_product_relies_on(kind: InterviewKind) -> None:
    template = built_in_template(kind)
    roles = {f.role for f in template.fields() if f.role is not None}
    assert roles == ROLES[kind]
    for role in roles:
        table = template.with_role(role)
        assert table is not None and table.type is FieldType.TABLE


@pytest.mark.parametrize("kind", _kinds())
def test_fields_are_well_formed(kind: InterviewKind) -> None:
    template = built_in_template(kind)
    ids = [f.id for f in template.fields()]
    assert len(ids) == len(set(ids))
    section_ids = [s.id for s in template.sections]
    assert len(section_ids) == len(set(section_ids))
    for identifier in [*ids, *section_ids]:
        assert SNAKE_CASE.match(identifier), identifier
    for field in template.fields():
        assert field.help, f"{field.id} has no help"
        assert (field.role is None) or field.type is FieldType.TABLE
        assert bool(field.choices) == (
            field.type in {FieldType.CHOICE, FieldType.CHECKS, FieldType.RATING}
        )
        assert bool(field.columns) == (field.type is FieldType.TABLE)
        column_ids = [c.id for c in field.columns]
        assert len(column_ids) == len(set(column_ids))
        choice_ids = [c.id for c in field.choices]
        assert len(choice_ids) == len(set(choice_ids))
    assert template.field("interview_date").required


@pytest.mark.parametrize("kind", [k for k in InterviewKind if Role.TRAINING_REQUESTS in ROLES[k]])
def test_training_request_tables_have_the_columns_of_the_training_plan(
    kind: InterviewKind,
) -> None:
    table = built_in_template(kind).with_role(Role.TRAINING_REQUESTS)
    assert table is not None
    found = {c.id: (c.type, tuple(choice.id for choice in c.choices)) for c in table.columns}
    assert found == TRAINING_COLUMNS
    assert [c.id for c in table.columns] == list(TRAINING_COLUMNS)


@pytest.mark.parametrize("kind", [k for k in InterviewKind if Role.ACTION_PLAN in ROLES[k]])
def test_action_plans_are_smart_agreements(kind: InterviewKind) -> None:
    table = built_in_template(kind).with_role(Role.ACTION_PLAN)
    assert table is not None
    assert [(c.id, c.type) for c in table.columns] == [
        ("what", FieldType.SHORT_TEXT),
        ("who", FieldType.SHORT_TEXT),
        ("by_when", FieldType.DATE),
        ("indicator", FieldType.SHORT_TEXT),
    ]


@pytest.mark.parametrize(
    "kind",
    [
        InterviewKind.PROFESSIONAL,
        InterviewKind.CAREER_CONVERSATION,
        InterviewKind.FORFAIT_JOURS_REVIEW,
    ],
)
def test_the_review_of_agreements_reads_the_previous_action_plan(kind: InterviewKind) -> None:
    review = built_in_template(kind).with_role(Role.AGREEMENTS_REVIEW)
    plan = built_in_template(kind).with_role(Role.ACTION_PLAN)
    assert review is not None and plan is not None
    assert [c.id for c in review.columns] == ["what", "who", "by_when", "indicator", "outcome"]
    assert [(c.id, c.type) for c in review.columns[:4]] == [(c.id, c.type) for c in plan.columns]


def test_the_annual_review_carries_objectives_over() -> None:
    template = built_in_template(InterviewKind.ANNUAL_REVIEW)
    review = template.with_role(Role.OBJECTIVES_REVIEW)
    following = template.with_role(Role.OBJECTIVES_NEXT)
    assert review is not None and following is not None
    assert [c.id for c in review.columns] == ["objective", "indicator", "condition", "evaluation"]
    assert [c.id for c in following.columns] == ["objective", "indicator", "condition", "deadline"]
    assert following.columns[3].type is FieldType.DATE
    evaluation = review.columns[3]
    assert evaluation.type is FieldType.CHOICE
    assert [c.id for c in evaluation.choices] == ["A", "B", "C", "D"]
    assert evaluation.choices[0].label == "A: exceeded"
    ratings = [f for f in template.fields() if f.type is FieldType.RATING]
    assert ratings
    assert all([c.id for c in f.choices] == ["A", "B", "C", "D"] for f in ratings)
    assert not template.field("pay_note").required
    assert "confidential" in template.notice


def test_the_professional_interview_follows_the_law() -> None:
    template = built_in_template(InterviewKind.PROFESSIONAL)
    assert "not an evaluation" in template.notice
    assert "copy" in template.notice
    information = template.field("information_given")
    assert information.type is FieldType.CHECKS
    assert information.required
    assert [c.id for c in information.choices] == [
        "cpf_activation",
        "cpf_top_ups",
        "cep",
        "vae",
        "skills_assessment",
        "transition_project",
    ]
    assert template.field("job_missions").required
    assert template.field("copy_handed_over").type is FieldType.DATE
    assert not template.field("employee_comments").required
    assert {f.id: f.prefill for f in template.fields() if f.prefill is not None} == {
        "interview_date": "interview_date",
        "place": "place",
        "participants": "participants",
        "interview_context": "context",
        "previous_interview_date": "previous_interview_date",
        "invitation_date": "invitation_date",
        "job_title": "job_title",
        "trainings_followed": "trainings_since_last",
        "certifications": "certifications_since_last",
        "progressions": "progressions_since_last",
    }
    for block_field in ("job_adaptation", "wear_prevention", "progressive_retirement"):
        assert not template.field(block_field).required


def test_the_forfait_jours_review_covers_what_the_law_names() -> None:
    """L3121-64 and L3121-65: workload (with an assessment), organisation of work, work and
    private life, pay, the right to disconnect; then measures, comments and signatures."""
    template = built_in_template(InterviewKind.FORFAIT_JOURS_REVIEW)
    assert [s.id for s in template.sections] == [
        "context",
        "workload",
        "organisation",
        "balance",
        "pay",
        "disconnect",
        "measures",
        "closing",
    ]
    assessment = template.field("workload_assessment")
    assert assessment.type is FieldType.CHOICE and assessment.required
    assert [c.id for c in assessment.choices] == [
        "reasonable",
        "heavy_at_times",
        "too_heavy",
        "too_light",
    ]
    for required in ("organisation", "balance", "pay"):
        assert template.field(required).required
    assert template.field("forfait_agreement").prefill == "context"
    for closing in ("employee_comments", "manager_comments", "signed_on", "copy_handed_over"):
        assert template.section_index(closing) == len(template.sections) - 1
    assert "L3121-64" in template.notice and "L3121-65" in template.notice
    assert "not an evaluation" in template.notice


@pytest.mark.parametrize(
    ("kind", "context_field"),
    [
        (InterviewKind.RETURN, "leave"),
        (InterviewKind.MID_CAREER, "medical_visit"),
        (InterviewKind.END_OF_CAREER, "medical_visit"),
    ],
)
def test_the_interviews_of_an_occasion_name_it(kind: InterviewKind, context_field: str) -> None:
    template = built_in_template(kind)
    assert template.field(context_field).prefill == "context"
    assert template.field("information_given").required


def test_the_summary_review_states_the_outcome() -> None:
    template = built_in_template(InterviewKind.SUMMARY_REVIEW)
    assert template.field("summary_criteria").prefill == "summary_criteria"
    outcome = template.field("outcome")
    assert outcome.type is FieldType.CHOICE and outcome.required
    assert [c.id for c in outcome.choices] == ["no_top_up", "top_up_owed"]
    assert template.field("top_up_deadline").type is FieldType.DATE
    assert template.field("trainings_followed").prefill == "trainings_since_last"


@pytest.mark.parametrize("kind", _kinds())
def test_a_template_document_round_trips(kind: InterviewKind) -> None:
    template = built_in_template(kind)
    document = template_document(template)
    assert template_from_document(document, built_in=True) == template
    assert template_from_document(json.loads(json.dumps(document)), built_in=True) == template
    assert template_from_document(document) == dataclasses.replace(template, built_in=False)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_the_files_are_written_as_template_document_writes_them(path: Path) -> None:
    """No key of a built-in file is ignored by the reader (a typo would be)."""
    document = json.loads(path.read_text("utf-8"))
    assert template_document(template_from_document(document)) == document


def test_a_company_copy_round_trips_with_whom_it_applies_to() -> None:
    template = dataclasses.replace(
        built_in_template(InterviewKind.PROFESSIONAL),
        id="workshop_professional",
        version=3,
        built_in=False,
        applies_to=AppliesTo(jobs=("Mechanic",), departments=("Workshop",)),
    )
    document = template_document(template)
    assert document["applies_to"]["departments"] == ["Workshop"]
    assert template_from_document(document) == template


# ---------------------------------------------------------------- refused documents


def _professional_document() -> dict[str, Any]:
    return copy.deepcopy(template_document(built_in_template(InterviewKind.PROFESSIONAL)))


def _refusal(document: Any) -> list[str]:
    with pytest.raises(TemplateRefused) as refused:
        template_from_document(document)
    return refused.value.problems


def test_a_refused_document_names_the_place_of_every_problem() -> None:
    document = _professional_document()
    document["sections"][0]["fields"][1]["type"] = "signature"
    document["sections"][1]["fields"][0]["id"] = document["sections"][0]["fields"][0]["id"]
    problems = _refusal(document)
    assert len(problems) == 2
    assert problems[0].startswith("$.sections[0].fields[1].type: ")
    assert "'signature'" in problems[0]
    assert problems[1].startswith("$.sections[1].fields[0].id: ")
    assert "interview_date" in problems[1]


def test_every_problem_of_a_document_is_named_at_once() -> None:
    document = _professional_document()
    del document["title"]
    document["version"] = 0
    document["kind"] = "exit_interview"
    document["sections"][2]["fields"] = []
    table = document["sections"][8]["fields"][0]
    table["columns"][6]["choices"] = []
    table["columns"][0]["type"] = "checks"
    document["sections"][9]["fields"][0]["required"] = "yes"
    document["applies_to"] = {"jobs": "Mechanic"}
    problems = _refusal(document)
    places = [p.split(": ", 1)[0] for p in problems]
    assert sorted(places) == sorted(
        [
            "$.version",
            "$.kind",
            "$.sections[2].fields",
            "$.sections[8].fields[0].columns[0].type",
            "$.sections[8].fields[0].columns[6].choices",
            "$.sections[9].fields[0].required",
            "$.applies_to.jobs",
            "$.title",
        ]
    )


def test_a_role_may_be_given_once_and_to_a_table_only() -> None:
    document = _professional_document()
    document["sections"][1]["fields"][1]["role"] = "action_plan"
    document["sections"][1]["fields"][0]["role"] = "minutes"
    problems = _refusal(document)
    assert len(problems) == 3
    assert problems[0].startswith("$.sections[1].fields[0].role: ")
    assert any("action_plan" in p for p in problems)
    assert any("only a table may have a role" in p for p in problems)


@pytest.mark.parametrize("document", [None, [], "professional"])
def test_a_document_that_is_not_an_object_is_refused(document: Any) -> None:
    assert _refusal(document) == ["$: an object is required"]


def test_the_problems_are_translated() -> None:
    document = _professional_document()
    document["sections"] = []
    set_language("fr")
    assert _refusal(document) == ["$.sections: un modèle demande au moins une section"]


# ---------------------------------------------------------------- choosing a template


def _employee(**changes: Any) -> Employee:
    return dataclasses.replace(small_company().employees[0], **changes)


def _copy(name: str, kind: InterviewKind = InterviewKind.PROFESSIONAL, **applies: Any) -> Template:
    return dataclasses.replace(
        built_in_template(kind), id=name, built_in=False, applies_to=AppliesTo(**applies)
    )


def test_without_a_company_copy_the_built_in_template_is_chosen() -> None:
    employee = _employee(department="Workshop")
    for kind in InterviewKind:
        assert choose_template(kind, employee, []) == built_in_template(kind)


def test_the_company_copy_that_fits_the_employee_best_is_chosen() -> None:
    everyone = _copy("everyone")
    workshop = _copy("workshop", departments=("Workshop", "Paint shop"))
    mechanics = _copy("mechanics", jobs=("Mechanic",), departments=("Workshop",))
    office = _copy("office", departments=("Office",))
    annual = _copy("annual", InterviewKind.ANNUAL_REVIEW, departments=("Workshop",))
    company = [mechanics, office, workshop, annual, everyone]

    def chosen(employee: Employee, kind: InterviewKind = InterviewKind.PROFESSIONAL) -> str:
        return choose_template(kind, employee, company).id

    assert chosen(_employee(department="Workshop", job_title="Mechanic")) == "mechanics"
    assert chosen(_employee(department="Workshop", job_title="Painter")) == "workshop"
    assert chosen(_employee(department="Paint shop", job_title="Mechanic")) == "workshop"
    assert chosen(_employee(department="Office")) == "office"
    assert chosen(_employee(department="Sales")) == "everyone"
    assert chosen(_employee(department="Workshop"), InterviewKind.ANNUAL_REVIEW) == "annual"
    assert chosen(_employee(department="Sales"), InterviewKind.ANNUAL_REVIEW) == "annual_review"
    assert chosen(_employee(), InterviewKind.RETURN) == "return"


def test_a_company_copy_for_others_falls_back_to_the_built_in() -> None:
    apprentices = _copy("apprentices", contracts=("apprenticeship",), sites=("Lyon",))
    employee = small_company().employees[1]
    assert employee.contract.value == "apprenticeship"
    assert choose_template(InterviewKind.PROFESSIONAL, employee, [apprentices]).built_in
    in_lyon = dataclasses.replace(employee, site="Lyon")
    assert choose_template(InterviewKind.PROFESSIONAL, in_lyon, [apprentices]) == apprentices


# ---------------------------------------------------------------- answers


def _field(kind: FieldType) -> Field:
    return Field(
        "answer",
        kind,
        "Answer",
        choices=(Choice("a", "A"),),
        columns=(Column("what", "What"), Column("who", "Who")),
    )


@pytest.mark.parametrize(
    ("kind", "value", "answered"),
    [
        (FieldType.SHORT_TEXT, "Mechanic", True),
        (FieldType.SHORT_TEXT, "   ", False),
        (FieldType.SHORT_TEXT, "", False),
        (FieldType.SHORT_TEXT, None, False),
        (FieldType.LONG_TEXT, "Line one\nline two", True),
        (FieldType.LONG_TEXT, "\n\t", False),
        (FieldType.DATE, "2026-03-14", True),
        (FieldType.DATE, "", False),
        (FieldType.NUMBER, "0", True),
        (FieldType.NUMBER, 0, True),
        (FieldType.NUMBER, 12.5, True),
        (FieldType.NUMBER, "", False),
        (FieldType.CHOICE, "a", True),
        (FieldType.CHOICE, "", False),
        (FieldType.RATING, "B", True),
        (FieldType.RATING, None, False),
        (FieldType.CHECKS, ["cep"], True),
        (FieldType.CHECKS, [], False),
        (FieldType.CHECKS, "cep", False),
        (FieldType.YES_NO, True, True),
        (FieldType.YES_NO, False, True),
        (FieldType.YES_NO, None, False),
        (FieldType.YES_NO, "yes", False),
        (FieldType.TABLE, [{"what": "Forklift licence", "who": ""}], True),
        (FieldType.TABLE, [{"what": " ", "who": ""}, {}], False),
        (FieldType.TABLE, [], False),
        (FieldType.TABLE, ["Forklift licence"], False),
        (FieldType.TABLE, {"what": "Forklift licence"}, False),
    ],
)
def test_what_counts_as_an_answer(kind: FieldType, value: Any, answered: bool) -> None:
    assert is_answered(_field(kind), value) is answered


# ---------------------------------------------------------------- translations


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_the_extractor_finds_every_text_of_a_template(path: Path) -> None:
    template = template_from_document(json.loads(path.read_text("utf-8")))
    expected = {template.title, template.notice}
    for section in template.sections:
        expected |= {section.title, section.help}
        for field in section.fields:
            expected |= {field.label, field.help, *(c.label for c in field.choices)}
            for column in field.columns:
                expected |= {column.label, *(c.label for c in column.choices)}
    expected.discard("")
    lines = path.read_text("utf-8").splitlines()
    with path.open("rb") as stream:
        found = list(extract(stream, {}, [], {}))
    assert {text for _line, _func, text, _notes in found} == expected
    for line, func, text, notes in found:
        assert func is None and notes == []
        assert json.dumps(text, ensure_ascii=False) in lines[line - 1]


@pytest.mark.parametrize("kind", _kinds())
def test_every_text_of_a_template_is_translated_into_french(kind: InterviewKind) -> None:
    texts = _texts(built_in_template(kind))
    set_language("fr")
    untranslated = [t for t in texts if _(t) == t and t not in SAME_IN_FRENCH]
    assert untranslated == [], "run `make translations`, or translate them in fr.po"
