"""What the reports say by kind of interview: the career-path interview's information in
sentences (whatever was ticked), the return interview's skills, the annual review's
L1222-3 statement and copy line, the mid- and end-of-career mentions, earlier template
versions still read, in the four languages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Campaign, Company, InterviewKind
from entretien_desktop.i18n import language_context
from entretien_desktop.services.campaigns import interviews_to_plan
from entretien_desktop.services.information_given import information_items
from entretien_desktop.services.reports import find_interview, interview_report
from entretien_desktop.services.templates import (
    built_in_template,
    choose_template,
    find_template,
    previous_built_in_templates,
)
from entretien_desktop.ui.forms.form_fields import editor_for
from tests.test_reports import _flat, _pages, sample_company


def _plain(text: str) -> str:
    """The text flattened, typographic apostrophes as typed ones (French reports set ’)."""
    return _flat(text).replace("\u2019", "'")


LANGUAGES = ("fr", "en", "nl", "nb")


def _text(
    kind: InterviewKind,
    answers: dict[str, Any],
    language: str,
    template: str | None = None,
    company: Company | None = None,
) -> str:
    company = company or sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    other = replace(interview, kind=kind, template=template, answers=answers)
    return _plain(" ".join(_pages(interview_report(company, employee, other, language))))


# ------------------------------------------------------- the information given, in sentences


def test_a_professional_report_states_every_item_in_french_even_when_nothing_was_ticked() -> None:
    text = _text(InterviewKind.PROFESSIONAL, {"information_given": []}, "fr", "professional@1")
    # Each mandatory item is stated, with how to reach it, not left as an empty tick box.
    assert "Compte personnel de formation (CPF). Tout salarié dispose" in text
    assert "moncompteformation.gouv.fr" in text
    assert "Abondements du CPF. L'employeur peut abonder le CPF" in text
    assert "Conseil en évolution professionnelle (CEP). Tout salarié peut bénéficier" in text
    assert "gratuitement" in text and "confidentialité" in text
    assert "Pour joindre un conseiller : mon-cep.org." in text
    assert "Validation des acquis de l'expérience (VAE). Le salarié peut obtenir" in text
    assert "Bilan de compétences. Réalisé auprès d'un prestataire spécialisé" in text
    assert "Projet de transition professionnelle. Le salarié qui souhaite changer" in text
    assert "Transitions Pro" in text
    # 62 employees: the CEP may help prepare the interview.
    assert "moins de 300 salariés" in text
    # No funding was discussed: a line to write it on.
    assert "Financements envisagés par l'employeur (abondements du CPF, formations) : ___" in text
    # An unticked item is stated, not flagged; no tick box is left on paper.
    assert "☐" not in text and "☒" not in text
    assert "présentés oralement" not in text


def test_the_ticks_and_the_employer_funding_are_reported_from_the_answers() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    text = _plain(" ".join(_pages(interview_report(company, employee, interview, "fr"))))
    # The training asked for on the OPCO is the employer's; the one on the CPF alone is not.
    assert (
        "Financements envisagés par l'employeur : Chocolaterie avancée – "
        "Opérateur de compétences (OPCO)." in text
    )
    assert "Management d'équipe – " not in text
    assert (
        "Également présentés oralement au cours de l'entretien : Compte personnel de formation "
        "(CPF), Conseil en évolution professionnelle (CEP), Validation des acquis de "
        "l'expérience (VAE)." in text
    )


def test_no_cep_preparation_sentence_in_a_company_of_300_or_more() -> None:
    company = replace(sample_company(), headcount=300)
    text = _text(InterviewKind.PROFESSIONAL, {}, "en", "professional@1", company)
    assert "mon-cep.org" in text and "fewer than 300 employees" not in text


@pytest.mark.parametrize(
    ("kind", "informs"),
    [
        (InterviewKind.PROFESSIONAL, True),
        (InterviewKind.RETURN, True),
        (InterviewKind.MID_CAREER, True),
        (InterviewKind.END_OF_CAREER, True),
        (InterviewKind.ANNUAL_REVIEW, False),
        (InterviewKind.CAREER_CONVERSATION, False),
    ],
)
def test_every_career_path_report_informs_and_the_company_policies_do_not(
    kind: InterviewKind, informs: bool
) -> None:
    text = _text(kind, {}, "en")
    assert ("To reach an adviser: mon-cep.org." in text) is informs
    assert ("moncompteformation.gouv.fr" in text) is informs


def test_the_form_shows_the_sentence_under_each_tick(qtbot: QtBot) -> None:
    field = built_in_template(InterviewKind.PROFESSIONAL).field("information_given")
    editor = editor_for(field)
    qtbot.addWidget(editor)
    texts = [label.text() for label in editor.findChildren(QLabel)]
    assert [item.sentence for item in information_items()] == texts
    assert any("mon-cep.org" in text for text in texts)
    editor.set_value(["cep"])
    assert editor.value() == ["cep"]


# --------------------------------------------------------------- the return interview's skills


def test_the_return_report_has_its_skills_and_qualifications_section() -> None:
    answers = {
        "skills_used": "Conduite du four à sole",
        "skills_evolution": "Nouveau four mixte en 2027",
        "adaptation_needed": "Une semaine en binôme",
    }
    text = _text(InterviewKind.RETURN, answers, "en", "return@2")
    assert "Skills and qualifications Skills and qualifications used now Conduite du four" in text
    assert "How these skills may evolve Nouveau four mixte en 2027" in text
    assert "Training needs after the absence Une semaine en binôme" in text
    assert built_in_template(InterviewKind.RETURN).key == "return@2"


def test_an_interview_filled_with_the_previous_template_reads_as_it_was() -> None:
    answers = {"adaptation_needed": "Une semaine en binôme", "wishes": "Rester en équipe"}
    text = _text(InterviewKind.RETURN, answers, "en", "return@1")
    assert "Adaptation or training needed Une semaine en binôme" in text
    assert "Wishes for the future Rester en équipe" in text
    assert "Skills and qualifications used now" not in text
    # The old version is still known for what was filled with it, never offered anew.
    company = sample_company()
    old = find_template("return@1", company.templates)
    assert old is not None and old.version == 1
    employee = company.employees[0]
    assert choose_template(InterviewKind.RETURN, employee, company.templates).key == "return@2"
    assert {t.key for t in previous_built_in_templates()} == {
        "return@1",
        "annual_review@1",
        "annual_review@2",
        "professional@1",
    }


def test_a_campaign_made_with_the_previous_template_plans_with_the_current_one() -> None:
    company = sample_company()
    campaign = Campaign(
        "C-2026-9",
        "Entretiens annuels",
        InterviewKind.ANNUAL_REVIEW,
        date(2026, 12, 1),
        date(2026, 12, 31),
        template="annual_review@1",
    )
    planned = interviews_to_plan(replace(company, campaigns=(campaign,)), campaign)
    assert planned and {i.template for _ref, i in planned} == {"annual_review@3"}


# ------------------------------------------------------------------- the annual review


def test_the_annual_review_states_l1222_3_and_has_a_copy_line() -> None:
    text = _text(InterviewKind.ANNUAL_REVIEW, {}, "fr", "annual_review@2")
    assert (
        "Le salarié a été expressément informé, préalablement à leur mise en œuvre, des "
        "méthodes et techniques d'évaluation" in text
    )
    assert "pertinentes au regard de la finalité poursuivie (art. L1222-3 du Code du travail)" in (
        text
    )
    assert "Copie remise le ______________" in text
    handed = _text(
        InterviewKind.ANNUAL_REVIEW, {"copy_handed_over": "2026-01-21"}, "fr", "annual_review@2"
    )
    assert "Copie remise le 21 janvier 2026" in handed


def test_the_french_law_is_not_cited_to_a_company_outside_france() -> None:
    company = replace(sample_company(), country="NL")
    text = _text(InterviewKind.ANNUAL_REVIEW, {}, "nl", "annual_review@2", company)
    assert "L1222-3" not in text


def test_an_annual_review_of_the_previous_version_still_renders_its_answers() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "A-2026-01")
    assert interview.template == "annual_review@1"
    text = _plain(" ".join(_pages(interview_report(company, employee, interview, "en"))))
    assert "Réduire les pertes" in text and "B: met" in text
    assert "(art. L1222-3 of the Labour Code)" in text


# ---------------------------------------------------------- mid-career and end-of-career


def test_the_mid_and_end_of_career_reports_say_what_the_law_adds() -> None:
    mid = _text(InterviewKind.MID_CAREER, {}, "fr")
    assert "visite médicale de mi-carrière (art. L4624-2-2 du Code du travail)" in mid
    assert "prévention de l'usure professionnelle" in mid and "médecin du travail" in mid
    end = _text(InterviewKind.END_OF_CAREER, {}, "fr")
    assert "soixantième anniversaire du salarié" in end
    assert "le temps partiel et la retraite progressive" in end
    assert "L4624-2-2" not in end


# ---------------------------------------------------------------- the four languages


def _english_sentences() -> list[str]:
    """The opening words of every sentence this part of the report adds, in English."""
    with language_context("en"):
        items = information_items(62)
    openings = [item.sentence[:40] for item in items] + [item.title for item in items[1:2]]
    return [
        *openings,
        "The employee is informed of the following",
        "Funding the employer is considering",
        "Also explained aloud during the interview",
        "The mid-career interview is held",
        "The end-of-career interview is held",
        "The employee was expressly informed",
        "Skills and qualifications used now",
        "Training needs after the absence",
        "Copy handed over on",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_renders_the_new_text_translated(language: str) -> None:
    ticked = {"information_given": ["cep"]}
    texts = [
        _text(InterviewKind.PROFESSIONAL, ticked, language, "professional@1"),
        _text(InterviewKind.RETURN, ticked, language, "return@2"),
        _text(InterviewKind.MID_CAREER, ticked, language),
        _text(InterviewKind.END_OF_CAREER, ticked, language),
        _text(InterviewKind.ANNUAL_REVIEW, {}, language, "annual_review@2"),
    ]
    text = " ".join(texts)
    assert "mon-cep.org" in text and "L1222-3" in text
    english = [s for s in _english_sentences() if s in text]
    assert english == ([] if language != "en" else _english_sentences())
