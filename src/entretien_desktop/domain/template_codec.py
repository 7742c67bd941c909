"""Interview templates to and from their JSON documents.

``template_from_document`` checks a whole document and names the place of every problem, as
the company file does, so that a broken template is refused whole; ``template_document``
writes one back. The same documents are the built-in templates' files, the company's own
copies in the data file and the ``templates`` of the company file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from entretien_desktop.domain.enums import InterviewKind
from entretien_desktop.domain.model import Campaign
from entretien_desktop.domain.templates import (
    COLUMN_TYPES,
    AppliesTo,
    Choice,
    Column,
    Field,
    FieldType,
    Prefill,
    Role,
    Section,
    Template,
)
from entretien_desktop.i18n import _

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
"""How a choice's ``from`` and ``until`` are written."""


class TemplateRefused(ValueError):
    """A template document with problems, each as ``place: what``."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    def text(self, data: dict[str, Any], key: str, place: str, *, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{place}.{key}", _("a non-empty text is required"))
            return ""
        return value

    def items(self, data: dict[str, Any], key: str, place: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"{place}.{key}", _("a list of objects is required"))
            return []
        return value

    def enum(self, kind: type[Any], value: Any, place: str) -> Any:
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(str(member.value) for member in kind)
            self.fail(
                place,
                _("unknown value {value!r} (known: {known})").format(value=value, known=known),
            )
            return None

    def day(self, data: dict[str, Any], key: str, place: str) -> date | None:
        """An optional ISO date (``YYYY-MM-DD``); absent or ``null`` is none."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and _ISO_DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{place}.{key}", _("a date written YYYY-MM-DD is required"))
        return None

    def choices(self, data: dict[str, Any], place: str) -> tuple[Choice, ...]:
        found = []
        for index, item in enumerate(self.items(data, "choices", place)):
            where = f"{place}.choices[{index}]"
            since, until = self.day(item, "from", where), self.day(item, "until", where)
            if since is not None and until is not None and until < since:
                self.fail(f"{where}.until", _("an option cannot end before it starts"))
            found.append(
                Choice(self.text(item, "id", where), self.text(item, "label", where), since, until)
            )
        return tuple(found)

    def column(self, data: dict[str, Any], place: str) -> Column:
        kind = self.enum(FieldType, data.get("type", "short_text"), f"{place}.type")
        if kind is not None and kind not in COLUMN_TYPES:
            self.fail(f"{place}.type", _("a table column cannot hold {kind}").format(kind=kind))
        choices = self.choices(data, place)
        if kind is FieldType.CHOICE and not choices:
            self.fail(f"{place}.choices", _("a choice needs at least one option"))
        return Column(
            self.text(data, "id", place),
            self.text(data, "label", place),
            kind or FieldType.SHORT_TEXT,
            choices,
        )

    def field(self, data: dict[str, Any], place: str) -> Field:
        kind = self.enum(FieldType, data.get("type"), f"{place}.type")
        choices = self.choices(data, place)
        if kind in {FieldType.CHOICE, FieldType.CHECKS, FieldType.RATING} and not choices:
            self.fail(f"{place}.choices", _("this field needs at least one option"))
        columns = tuple(
            self.column(item, f"{place}.columns[{index}]")
            for index, item in enumerate(self.items(data, "columns", place))
        )
        if kind is FieldType.TABLE and not columns:
            self.fail(f"{place}.columns", _("a table needs at least one column"))
        role = data.get("role")
        prefill = data.get("prefill")
        required = data.get("required", False)
        if not isinstance(required, bool):
            self.fail(f"{place}.required", _("true or false is required"))
            required = False
        return Field(
            id=self.text(data, "id", place),
            type=kind or FieldType.SHORT_TEXT,
            label=self.text(data, "label", place),
            help=self.text(data, "help", place, required=False),
            required=required,
            choices=choices,
            columns=columns,
            role=None if role is None else self.enum(Role, role, f"{place}.role"),
            prefill=None if prefill is None else self.enum(Prefill, prefill, f"{place}.prefill"),
        )

    def section(self, data: dict[str, Any], place: str) -> Section:
        fields = tuple(
            self.field(item, f"{place}.fields[{index}]")
            for index, item in enumerate(self.items(data, "fields", place))
        )
        if not fields:
            self.fail(f"{place}.fields", _("a section needs at least one field"))
        optional = data.get("optional", False)
        if not isinstance(optional, bool):
            self.fail(f"{place}.optional", _("true or false is required"))
            optional = False
        return Section(
            self.text(data, "id", place),
            self.text(data, "title", place),
            self.text(data, "help", place, required=False),
            fields,
            optional,
        )

    def applies_to(self, data: Any, place: str) -> AppliesTo:
        if data is None:
            return AppliesTo()
        if not isinstance(data, dict):
            self.fail(place, _("an object is required"))
            return AppliesTo()
        lists = {}
        for key in ("jobs", "departments", "sites", "contracts"):
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.fail(f"{place}.{key}", _("a list of texts is required"))
                value = []
            lists[key] = tuple(value)
        return AppliesTo(**lists)


def template_from_document(data: Any, *, built_in: bool = False) -> Template:
    """A template from its JSON document; raises ``TemplateRefused`` naming every problem."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise TemplateRefused([f"$: {_('an object is required')}"])
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        reader.fail("$.version", _("a whole number of 1 or more is required"))
        version = 1
    kind = reader.enum(InterviewKind, data.get("kind"), "$.kind")
    sections = tuple(
        reader.section(item, f"$.sections[{index}]")
        for index, item in enumerate(reader.items(data, "sections", "$"))
    )
    if not sections:
        reader.fail("$.sections", _("a template needs at least one section"))
    template = Template(
        id=reader.text(data, "id", "$"),
        version=version,
        kind=kind or InterviewKind.PROFESSIONAL,
        title=reader.text(data, "title", "$"),
        sections=sections,
        built_in=built_in,
        applies_to=reader.applies_to(data.get("applies_to"), "$.applies_to"),
        notice=reader.text(data, "notice", "$", required=False),
    )
    _check_ids(template, reader)
    if reader.problems:
        raise TemplateRefused(reader.problems)
    return template


def _check_ids(template: Template, reader: _Reader) -> None:
    """Ids unique where answers or rows are keyed by them; roles once, on tables only."""
    twice = _("{id!r} is used twice: answers are keyed by it")
    sections: set[str] = set()
    fields: set[str] = set()
    roles: set[Role] = set()
    for s_index, section in enumerate(template.sections):
        place = f"$.sections[{s_index}]"
        if section.id and section.id in sections:
            reader.fail(f"{place}.id", twice.format(id=section.id))
        sections.add(section.id)
        for f_index, field in enumerate(section.fields):
            where = f"{place}.fields[{f_index}]"
            if field.id and field.id in fields:
                reader.fail(f"{where}.id", twice.format(id=field.id))
            fields.add(field.id)
            columns = [column.id for column in field.columns]
            for c_index, column_id in enumerate(columns):
                if column_id and column_id in columns[:c_index]:
                    reader.fail(f"{where}.columns[{c_index}].id", twice.format(id=column_id))
            if field.role is None:
                continue
            if field.type is not FieldType.TABLE:
                reader.fail(f"{where}.role", _("only a table may have a role"))
            if field.role in roles:
                message = _("only one field may have the role {role}")
                reader.fail(f"{where}.role", message.format(role=field.role.value))
            roles.add(field.role)


def template_document(template: Template) -> dict[str, Any]:
    """The JSON document of ``template`` (what ``template_from_document`` reads back)."""

    def choices(items: Iterable[Choice]) -> list[dict[str, str]]:
        return [
            {"id": c.id, "label": c.label}
            | ({"from": c.since.isoformat()} if c.since is not None else {})
            | ({"until": c.until.isoformat()} if c.until is not None else {})
            for c in items
        ]

    def field(f: Field) -> dict[str, Any]:
        out: dict[str, Any] = {"id": f.id, "type": f.type.value, "label": f.label}
        if f.help:
            out["help"] = f.help
        if f.required:
            out["required"] = True
        if f.choices:
            out["choices"] = choices(f.choices)
        if f.columns:
            out["columns"] = [
                {"id": c.id, "label": c.label, "type": c.type.value}
                | ({"choices": choices(c.choices)} if c.choices else {})
                for c in f.columns
            ]
        if f.role is not None:
            out["role"] = f.role.value
        if f.prefill is not None:
            out["prefill"] = f.prefill.value
        return out

    document: dict[str, Any] = {
        "id": template.id,
        "version": template.version,
        "kind": template.kind.value,
        "title": template.title,
    }
    if template.notice:
        document["notice"] = template.notice
    if not template.applies_to.everyone:
        applies = template.applies_to
        document["applies_to"] = {
            "jobs": list(applies.jobs),
            "departments": list(applies.departments),
            "sites": list(applies.sites),
            "contracts": list(applies.contracts),
        }
    document["sections"] = [
        {"id": s.id, "title": s.title}
        | ({"help": s.help} if s.help else {})
        | ({"optional": True} if s.optional else {})
        | {"fields": [field(f) for f in s.fields]}
        for s in template.sections
    ]
    return document


def campaign_document(campaign: Campaign) -> dict[str, Any]:
    """A campaign as the company file and the data file keep it."""
    return {
        "id": campaign.id,
        "name": campaign.name,
        "kind": campaign.kind.value,
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
        "template": campaign.template,
        "site": campaign.site,
        "department": campaign.department,
        "contract": campaign.contract,
    }
