"""The template being edited in the template editor, without Qt: the draft and its rules.

``TemplateDraft`` is a company template being edited: mutable lists of sections and fields,
turned back into a ``Template`` by ``build``. A field added in the editor has no id until
it is first saved; ``build`` then gives it one made from its label, and it never changes
afterwards (answers are keyed by it). The draft also adds, removes and moves its parts (a
``Place``), and refuses to remove the fields the rest of the program needs (``role_reason``).
``describe_problem`` turns a problem found when the built template is checked into words
and the place it is about.

Template texts are English messages translated when shown (``shown``); a text left as it
was shown keeps its English original (``kept``), so that it stays translated.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from entretien_desktop.domain.templates import (
    AppliesTo,
    Choice,
    Column,
    Field,
    FieldType,
    Role,
    Section,
    Template,
)
from entretien_desktop.i18n import _, ngettext

CHOICE_TYPES = frozenset({FieldType.CHOICE, FieldType.CHECKS, FieldType.RATING})
Place = tuple[int, int]
"""A section's index and a field's (-1 for the section itself)."""
_PLACE = re.compile(r"\$\.sections\[(\d+)\](?:\.fields\[(\d+)\])?\.?(.*)")


def shown(text: str) -> str:
    """A template text as people read it (``_("")`` would be the catalog's header)."""
    return _(text) if text else ""


def kept(current: str, typed: str) -> str:
    """What to store for ``typed``: ``current`` itself when it was left as shown."""
    typed = typed.strip()
    return current if typed == shown(current) else typed


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:40].strip("_")


def unique_id(text: str, taken: set[str], fallback: str) -> str:
    """An id made from ``text``, not in ``taken`` (which it joins)."""
    base = slug(text) or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate


def field_type_label(kind: FieldType) -> str:
    labels = {
        FieldType.SHORT_TEXT: _("Short text"),
        FieldType.LONG_TEXT: _("Long text"),
        FieldType.DATE: _("Date"),
        FieldType.NUMBER: _("Number"),
        FieldType.CHOICE: _("One choice"),
        FieldType.CHECKS: _("Tick boxes"),
        FieldType.YES_NO: _("Yes or no"),
        FieldType.RATING: _("Rating"),
        FieldType.TABLE: _("Table"),
    }
    return labels[kind]


def role_reason(role: Role) -> str:
    """Why a field with ``role`` must stay: what the rest of the program does with it."""
    reasons = {
        Role.TRAINING_REQUESTS: _("its rows feed the training plan"),
        Role.OBJECTIVES_REVIEW: _("it is filled from the objectives set at the last review"),
        Role.OBJECTIVES_NEXT: _("its objectives are brought into the next review"),
        Role.ACTION_PLAN: _("its agreements are shown on the employee's page"),
        Role.AGREEMENTS_REVIEW: _("it is filled from the last action plan"),
        Role.SKILLS_REVIEW: _("it is filled from the skills map, which its agreed levels update"),
    }
    return reasons[role]


def parse_choices(lines: list[str], current: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """Options from their shown labels: a label kept as it was keeps its choice (and id)."""
    known = {shown(c.label): c for c in current}
    wanted = [line.strip() for line in lines if line.strip()]
    found: list[Choice | None] = []
    taken: set[str] = set()
    for line in wanted:
        choice = known.pop(line, None)
        found.append(choice)
        if choice is not None:
            taken.add(choice.id)
    return tuple(
        choice or Choice(unique_id(line, taken, "option"), line)
        for line, choice in zip(wanted, found, strict=True)
    )


@dataclass
class SectionDraft:
    id: str
    """Empty until the section is first saved."""
    title: str
    help: str
    fields: list[Field]
    optional: bool = False
    """Kept from the section it was made from (not edited here)."""


@dataclass
class TemplateDraft:
    base: Template
    """The saved version (or the copy) it started from: id, version, kind, notice."""
    title: str
    applies_to: AppliesTo
    sections: list[SectionDraft]

    @classmethod
    def of(cls, template: Template) -> TemplateDraft:
        sections = [
            SectionDraft(s.id, s.title, s.help, list(s.fields), s.optional)
            for s in template.sections
        ]
        return cls(template, template.title, template.applies_to, sections)

    def build(self, taken: set[str]) -> Template:
        """The template as edited; new parts get ids that are not in ``taken``."""
        field_ids = set(taken) | {f.id for s in self.sections for f in s.fields if f.id}
        section_ids = {s.id for s in self.sections if s.id}
        sections = tuple(
            Section(
                s.id or unique_id(s.title, section_ids, "section"),
                s.title,
                s.help,
                tuple(_finished(f, field_ids) for f in s.fields),
                s.optional,
            )
            for s in self.sections
        )
        return replace(
            self.base,
            title=self.title,
            applies_to=self.applies_to,
            sections=sections,
            built_in=False,
        )

    # -- changes; each answers the place to show next -------------------------------------
    def add_section(self, place: Place | None) -> Place:
        """A new section after the one at ``place`` (at the end when there is none)."""
        at = len(self.sections) if place is None else place[0] + 1
        self.sections.insert(at, SectionDraft("", "", "", []))
        return (at, -1)

    def add_field(self, place: Place | None) -> Place:
        """A new field after the one at ``place``, or last in the section at ``place``;
        in a new last section when there is no ``place``."""
        if place is None:
            self.sections.append(SectionDraft("", "", "", []))
            place = (len(self.sections) - 1, -1)
        fields = self.sections[place[0]].fields
        at = len(fields) if place[1] < 0 else place[1] + 1
        fields.insert(at, Field("", FieldType.SHORT_TEXT, ""))
        return (place[0], at)

    def fields_at(self, place: Place) -> list[Field]:
        """The field at ``place``, or every field of the section there."""
        section = self.sections[place[0]]
        return section.fields if place[1] < 0 else [section.fields[place[1]]]

    def removal_refusal(self, place: Place) -> str:
        """Why the part at ``place`` cannot be removed (a field of it has a role), or ""."""
        locked = next((f for f in self.fields_at(place) if f.role is not None), None)
        if locked is None or locked.role is None:
            return ""
        return _("“{label}” cannot be removed: {reason}.").format(
            label=shown(locked.label), reason=role_reason(locked.role)
        )

    def removal_question(self, place: Place) -> str:
        """The question asked before the part at ``place`` is removed."""
        fields = self.fields_at(place)
        if place[1] < 0:
            return ngettext(
                "Remove the section “{title}” and its {count} field?",
                "Remove the section “{title}” and its {count} fields?",
                len(fields),
            ).format(title=shown(self.sections[place[0]].title), count=len(fields))
        return _("Remove the field “{label}”?").format(label=shown(fields[0].label))

    def remove(self, place: Place) -> Place:
        """Remove the section or the field at ``place``."""
        if place[1] < 0:
            del self.sections[place[0]]
            return (max(0, place[0] - 1), -1)
        del self.sections[place[0]].fields[place[1]]
        return (place[0], place[1] - 1)

    def move(self, place: Place, step: int) -> Place | None:
        """Move the part at ``place`` by one place; a field goes on into the next section.
        None when it is already at the end it goes towards."""
        sections = self.sections
        s_index, f_index = place
        target = s_index + step
        if f_index < 0:
            if 0 <= target < len(sections):
                sections[s_index], sections[target] = sections[target], sections[s_index]
                return (target, -1)
            return None
        fields = sections[s_index].fields
        if 0 <= f_index + step < len(fields):
            at = f_index + step
            fields[f_index], fields[at] = fields[at], fields[f_index]
            return (s_index, at)
        if 0 <= target < len(sections):
            field = fields.pop(f_index)
            at = len(sections[target].fields) if step < 0 else 0
            sections[target].fields.insert(at, field)
            return (target, at)
        return None


def _finished(field: Field, taken: set[str]) -> Field:
    """``field`` with its id, and only the options or columns its type uses."""
    columns: tuple[Column, ...] = ()
    if field.type is FieldType.TABLE:
        column_ids = {c.id for c in field.columns if c.id}
        columns = tuple(
            replace(
                c,
                id=c.id or unique_id(c.label, column_ids, "column"),
                choices=c.choices if c.type is FieldType.CHOICE else (),
            )
            for c in field.columns
        )
    return replace(
        field,
        id=field.id or unique_id(field.label, taken, "field"),
        choices=field.choices if field.type in CHOICE_TYPES else (),
        columns=columns,
    )


# -- problems -----------------------------------------------------------------------------
def describe_problem(problem: str, template: Template) -> tuple[str, Place | None]:
    """A problem of ``template_from_document`` in words, and the part it is about."""
    place, _sep, what = problem.partition(": ")
    found = _PLACE.fullmatch(place)
    if found is None:
        names = {"$.title": _("Template name"), "$.sections": _("Sections")}
        return f"{names.get(place, place)}: {what}", None
    s_index = int(found[1])
    section = template.sections[s_index]
    title = shown(section.title)
    where = (
        _("Section {number} “{title}”").format(number=s_index + 1, title=title)
        if title
        else _("Section {number} (no title)").format(number=s_index + 1)
    )
    f_index = -1
    if found[2] is not None:
        f_index = int(found[2])
        label = shown(section.fields[f_index].label)
        where += ", " + (
            _("field {number} “{label}”").format(number=f_index + 1, label=label)
            if label
            else _("field {number} (no label)").format(number=f_index + 1)
        )
    part = _part_words(found[3])
    return (f"{where} — {part}: {what}" if part else f"{where}: {what}"), (s_index, f_index)


def _part_words(path: str) -> str:
    """``columns[1].label`` -> ``column 2 › label``."""
    names = {
        "label": _("label"),
        "title": _("title"),
        "choices": _("options"),
        "fields": _("fields"),
    }
    numbered = {"columns": _("column {number}"), "choices": _("option {number}")}
    words = [
        numbered.get(name, name).format(number=int(index) + 1) if index else names.get(name, name)
        for name, index in re.findall(r"(\w+)(?:\[(\d+)\])?", path)
    ]
    return " › ".join(words)
