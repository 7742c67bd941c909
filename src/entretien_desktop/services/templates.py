"""Reading, checking and choosing interview templates.

A template document is JSON (``resources/templates/<kind>.json`` for the built-in ones);
``template_from_document`` checks all of it and names the place of every problem, as the
company file does, so that a broken copy is refused whole. ``choose_template`` picks the
template for one employee and kind: the company's own copy whose ``applies_to`` matches the
employee most closely, else the built-in one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from entretien_desktop.domain import Company, Employee, InterviewKind
from entretien_desktop.domain.template_codec import (
    TemplateRefused,
    template_document,
    template_from_document,
)
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.paths import resources_dir


def templates_dir() -> Path:
    return resources_dir() / "templates"


def _read_templates(folder: Path) -> tuple[Template, ...]:
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append(template_from_document(json.loads(path.read_text("utf-8")), built_in=True))
        except TemplateRefused as error:
            raise TemplateRefused([f"{path.name} {p}" for p in error.problems]) from error
    return tuple(found)


@cache
def built_in_templates() -> tuple[Template, ...]:
    """The templates shipped with the program, one per kind of interview."""
    return _read_templates(templates_dir())


@cache
def previous_built_in_templates() -> tuple[Template, ...]:
    """Earlier versions of the built-in templates (``resources/templates/previous``,
    named ``id@version.json``): kept for the interviews filled with them, whose report
    reads as it did, never offered for a new interview."""
    return _read_templates(templates_dir() / "previous")


def built_in_template(kind: InterviewKind) -> Template:
    for template in built_in_templates():
        if template.kind is kind:
            return template
    raise LookupError(f"no built-in template for {kind}")


def _specificity(template: Template, employee: Employee) -> int | None:
    """How many criteria of ``applies_to`` the employee meets; None if one is not met."""
    applies = template.applies_to
    score = 0
    for wanted, value in (
        (applies.jobs, employee.job_title),
        (applies.departments, employee.department),
        (applies.sites, employee.site),
        (applies.contracts, employee.contract.value),
    ):
        if wanted:
            if value not in wanted:
                return None
            score += 1
    return score


def choose_template(
    kind: InterviewKind, employee: Employee, company_templates: Sequence[Template]
) -> Template:
    """The company's template of ``kind`` that fits ``employee`` best, else the built-in."""
    newest: dict[str, int] = {}
    for template in company_templates:
        newest[template.id] = max(newest.get(template.id, 0), template.version)
    best: tuple[int, Template] | None = None
    for template in company_templates:
        # An older version stays for the interviews filled with it, never for new ones.
        if template.kind is not kind or template.version < newest[template.id]:
            continue
        score = _specificity(template, employee)
        if score is not None and (best is None or score > best[0]):
            best = (score, template)
    return best[1] if best is not None else built_in_template(kind)


def find_template(key: str | None, company_templates: Sequence[Template]) -> Template | None:
    """The template recorded as ``id@version`` by an interview, if it is still known."""
    if not key:
        return None
    for template in (*company_templates, *built_in_templates(), *previous_built_in_templates()):
        if template.key == key:
            return template
    return None


def offered_key(key: str) -> str:
    """The template key a new interview gets for ``key``: the current built-in template's
    when ``key`` names an earlier version of it (a campaign made before the upgrade), else
    ``key`` itself."""
    for previous in previous_built_in_templates():
        if previous.key == key:
            current = next((t for t in built_in_templates() if t.id == previous.id), None)
            return current.key if current is not None else key
    return key


def deletion_problem(company: Company, template_id: str, title: str) -> str | None:
    """Why the company's template ``template_id`` (every version of it) cannot be deleted:
    an interview was filled with it (its report is read with it), or a campaign uses it."""
    keys = {t.key for t in company.templates if t.id == template_id}
    used = sum(i.template in keys for e in company.employees for i in e.interviews)
    if used:
        return ngettext(
            "“{title}” cannot be deleted: {count} interview was filled with it and"
            " is read with it.",
            "“{title}” cannot be deleted: {count} interviews were filled with it and"
            " are read with it.",
            used,
        ).format(title=title, count=used)
    campaigns = [c.name for c in company.campaigns if c.template in {*keys, template_id}]
    if campaigns:
        return _("“{title}” cannot be deleted: the campaign “{name}” uses it.").format(
            title=title, name=campaigns[0]
        )
    return None


def removal_problem(company: Company, kept: Sequence[Template]) -> str | None:
    """Why replacing the company's templates by ``kept`` is refused: it would delete a
    template still in use."""
    kept_keys = {t.key for t in kept}
    for template in company.templates:
        if template.key not in kept_keys:
            title = _(template.title) if template.title else template.id
            problem = deletion_problem(company, template.id, title)
            if problem is not None:
                return problem
    return None


__all__ = [
    "TemplateRefused",
    "built_in_template",
    "built_in_templates",
    "choose_template",
    "deletion_problem",
    "find_template",
    "offered_key",
    "previous_built_in_templates",
    "removal_problem",
    "template_document",
    "template_from_document",
    "templates_dir",
]
