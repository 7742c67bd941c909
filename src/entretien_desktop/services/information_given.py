"""What a career-path interview tells the employee, in sentences (art. L6315-1 of the Labour
Code as amended by the law of 24 Oct 2025): the personal training account (CPF) and how to
activate it, the top-ups the employer may pay into it, career development advice (CEP) and
how to reach it, the validation of acquired experience (VAE), the skills assessment and the
professional transition project, and what the employer is prepared to fund.

The form's "Information given" tick boxes keep their choice ids (``cpf_activation``...);
each id has its sentence here. The report states every sentence whatever was ticked: the
copy of the report handed to the employee is where the information is given in writing,
and a tick records that the item was also explained aloud. The form shows the same
sentences under its tick boxes, so that the interviewer reads out what the report prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from entretien_desktop.domain.templates import Role, Template
from entretien_desktop.i18n import _

INFORMATION_IDS = (
    "cpf_activation",
    "cpf_top_ups",
    "cep",
    "vae",
    "skills_assessment",
    "transition_project",
)
"""The choice ids of the mandatory items, in the order the report states them."""

EMPLOYER_FUNDINGS = frozenset({"company_plan", "cpf_co_funded", "opco", "reconversion_period"})
"""Funding choices of a training request that the employer pays or arranges (its skills
development plan, a top-up of the CPF, its skills operator, a reconversion period: the
employer asks its skills operator to fund it, from 2026). Pro-A and Transco, offered until
2025, are not added: a report printed before keeps printing the same list."""

SMALL_COMPANY = 300
"""Below this headcount the employee may use the CEP to prepare the interview."""


@dataclass(frozen=True, slots=True)
class InformationItem:
    id: str
    title: str
    sentence: str


def information_items(headcount: int | None = None) -> tuple[InformationItem, ...]:
    """Every mandatory item, translated, in the order of ``INFORMATION_IDS``.
    ``headcount``: the company's, to say that in a company under 300 the employee may use
    the CEP to prepare the interview (said of no company when unknown)."""
    cep = _(
        "Every employee may get personalised support from a career development adviser, "
        "free of charge and in confidence, on their own initiative and without telling the "
        "employer, to take stock of their situation, build a career project and find how "
        "to fund it. To reach an adviser: mon-cep.org."
    )
    if headcount is not None and headcount < SMALL_COMPANY:
        cep += " " + _(
            "In a company of fewer than 300 employees, the employee may also use it to "
            "prepare this interview."
        )
    texts = {
        "cpf_activation": (
            _("Personal training account (CPF)"),
            _(
                "Every employee has a personal training account, credited in euros each "
                "year, to follow a certifying training of their choice. The employee "
                "activates the account and checks their rights on moncompteformation.gouv.fr "
                "or in the Mon Compte Formation app."
            ),
        ),
        "cpf_top_ups": (
            _("Top-ups of the CPF"),
            _(
                "The employer may pay additional amounts into the employee's CPF (top-ups), "
                "in particular to complete the funding of a training whose cost exceeds the "
                "rights on the account, or under a company or branch agreement."
            ),
        ),
        "cep": (_("Career development advice (CEP)"), cep),
        "vae": (
            _("Validation of acquired experience (VAE)"),
            _(
                "The employee may obtain all or part of a diploma, professional title or "
                "certificate on the strength of their experience, paid or voluntary. "
                "Information and support: vae.gouv.fr."
            ),
        ),
        "skills_assessment": (
            _("Skills assessment"),
            _(
                "With a specialised provider, the employee analyses their professional and "
                "personal skills, aptitudes and motivations to define a career project and, "
                "where relevant, a training project. It may be funded by the CPF; its "
                "results are given to the employee alone."
            ),
        ),
        "transition_project": (
            _("Professional transition project"),
            _(
                "An employee who wishes to change job or trade may use their CPF to follow a "
                "certifying training during a leave for that purpose. Subject to length of "
                "service, the regional Transitions Pro association examines the project and "
                "pays for the training and the salary during the leave."
            ),
        ),
    }
    return tuple(InformationItem(i, *texts[i]) for i in INFORMATION_IDS)


def information_item(choice_id: str) -> InformationItem | None:
    """The item of a tick box, if it is one of the mandatory items."""
    return next((i for i in information_items() if i.id == choice_id), None)


def employer_funding(template: Template, answers: Mapping[str, Any]) -> list[str]:
    """The interview's training requests the employer would fund, each as
    "course (funding)", from the table with the training-requests role."""
    table = template.with_role(Role.TRAINING_REQUESTS)
    rows = answers.get(table.id) if table is not None else None
    if table is None or not isinstance(rows, list):
        return []
    funding = next((c for c in table.columns if c.id == "funding"), None)
    labels = {c.id: _(c.label) for c in funding.choices} if funding is not None else {}
    found = []
    for row in rows:
        if not isinstance(row, dict) or str(row.get("funding", "")) not in EMPLOYER_FUNDINGS:
            continue
        course = str(row.get("course") or "").strip() or _("Training without a title")
        found.append(f"{course} – {labels.get(str(row['funding']), str(row['funding']))}")
    return found
