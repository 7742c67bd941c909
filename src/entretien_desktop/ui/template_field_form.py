"""The parts of the interview template editor that edit one section or one field.

``TemplateDraft`` is a company template being edited: mutable lists of sections and fields,
turned back into a ``Template`` by ``build``. A field added in the editor has no id until
it is first saved; ``build`` then gives it one made from its label, and it never changes
afterwards (answers are keyed by it). ``PartForm`` shows the section or field chosen in the
editor's tree and writes every edit back into the draft.

Template texts are English messages translated when shown (``shown``); a text left as it
was shown keeps its English original (``kept``), so that it stays translated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.templates import (
    COLUMN_TYPES,
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
ID_ROLE = Qt.ItemDataRole.UserRole
_FIELD_ROLE = Qt.ItemDataRole.UserRole + 1
Place = tuple[int, int]
"""A section's index and a field's (-1 for the section itself)."""


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


@dataclass
class TemplateDraft:
    base: Template
    """The saved version (or the copy) it started from: id, version, kind, notice."""
    title: str
    applies_to: AppliesTo
    sections: list[SectionDraft]

    @classmethod
    def of(cls, template: Template) -> TemplateDraft:
        sections = [SectionDraft(s.id, s.title, s.help, list(s.fields)) for s in template.sections]
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


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def quiet_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setEnabled(False)  # the palette's quieter colour, in every style
    return label


def _top_form(page: QWidget) -> QFormLayout:
    """A form at the top of ``page``, whatever room is left below it."""
    form = QFormLayout()
    column = QVBoxLayout(page)
    column.addLayout(form)
    column.addStretch(1)
    return form


def _type_combo(kinds: Iterable[FieldType], current: FieldType) -> QComboBox:
    combo = QComboBox()
    for kind in kinds:
        combo.addItem(field_type_label(kind), kind.value)
    combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


def confirm(parent: QWidget, title: str, question: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, question, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class PartForm(QStackedWidget):
    """The chosen section's title and help, or the chosen field's every property."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section: SectionDraft | None = None
        self.index = -1
        self._loading = False
        self.addWidget(quiet_label(_("Choose a section or a field in the list to edit it.")))
        section_page, field_page = QWidget(), QWidget()
        self.addWidget(section_page)
        self.addWidget(field_page)
        self.title_edit = QLineEdit()
        self.section_help_edit = _text_box(3)
        section_form = _top_form(section_page)
        section_form.addRow(_("Section t&itle:"), self.title_edit)
        section_form.addRow(_("Section &help:"), self.section_help_edit)
        self.title_edit.textChanged.connect(self._write_section)
        self.section_help_edit.textChanged.connect(self._write_section)
        self._build_field_page(field_page)

    def _build_field_page(self, page: QWidget) -> None:
        self.label_edit = QLineEdit()
        self.help_edit = _text_box(2)
        self.type_combo = _type_combo(FieldType, FieldType.SHORT_TEXT)
        self.role_note = quiet_label()
        self.required_check = QCheckBox(_("An answer is re&quired"))
        self.choices_edit = _text_box(4)
        self.choices_edit.setPlaceholderText(_("One option per line"))
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels([_("Column"), _("Type"), _("Options (a; b)")])
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        widest = _type_combo((k for k in FieldType if k in COLUMN_TYPES), FieldType.CHOICE)
        self.columns.setColumnWidth(1, widest.sizeHint().width())
        self.columns.verticalHeader().hide()
        self.columns.setTabKeyNavigation(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_column_button = QPushButton(_("Add colu&mn"))
        self.remove_column_button = QPushButton(_("Remove column"))
        self.columns_note = quiet_label()
        self.key_label = quiet_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_column_button)
        buttons.addWidget(self.remove_column_button)
        buttons.addStretch(1)
        self.columns_box = QVBoxLayout()
        self.columns_box.addWidget(self.columns)
        self.columns_box.addLayout(buttons)
        self.columns_box.addWidget(self.columns_note)
        type_box = QVBoxLayout()
        type_box.addWidget(self.type_combo)
        type_box.addWidget(self.role_note)
        self.field_form = form = _top_form(page)
        form.addRow(_("&Label:"), self.label_edit)
        form.addRow(_("Hel&p:"), self.help_edit)
        type_label = QLabel(_("&Type:"))
        type_label.setBuddy(self.type_combo)
        form.addRow(type_label, type_box)
        form.addRow("", self.required_check)
        form.addRow(_("&Options:"), self.choices_edit)
        form.addRow(_("Columns:"), self.columns_box)
        form.addRow(_("Answer key:"), self.key_label)
        for signal in (
            self.label_edit.textChanged,
            self.help_edit.textChanged,
            self.type_combo.currentIndexChanged,
            self.required_check.toggled,
            self.choices_edit.textChanged,
            self.columns.itemChanged,
        ):
            signal.connect(self._write_field)
        self.add_column_button.clicked.connect(self.add_column)
        self.remove_column_button.clicked.connect(self.remove_column)

    # -- showing --------------------------------------------------------------------------
    def show_nothing(self) -> None:
        self.section, self.index = None, -1
        self.setCurrentIndex(0)

    def show_section(self, section: SectionDraft) -> None:
        self.section, self.index = section, -1
        self._loading = True
        self.title_edit.setText(shown(section.title))
        self.section_help_edit.setPlainText(shown(section.help))
        self._loading = False
        self.setCurrentIndex(1)

    def show_field(self, section: SectionDraft, index: int) -> None:
        self.section, self.index = section, index
        field = section.fields[index]
        self._loading = True
        self.label_edit.setText(shown(field.label))
        self.help_edit.setPlainText(shown(field.help))
        self.type_combo.setCurrentIndex(self.type_combo.findData(field.type.value))
        self.type_combo.setEnabled(field.role is None)
        if field.role is not None:
            self.role_note.setText(
                _("This table cannot be removed or change type: {reason}.").format(
                    reason=role_reason(field.role)
                )
            )
        self.role_note.setVisible(field.role is not None)
        self.required_check.setChecked(field.required)
        self.choices_edit.setPlainText("\n".join(shown(c.label) for c in field.choices))
        self.columns.setRowCount(0)
        for column in field.columns:
            self._append_column(column, locked=field.role is not None and bool(column.id))
        self.columns_note.hide()
        self.key_label.setText(field.id or _("made from the label when saved"))
        self._loading = False
        self._show_rows(field.type)
        self.setCurrentIndex(2)

    def _append_column(self, column: Column, *, locked: bool) -> None:
        row = self.columns.rowCount()
        self.columns.insertRow(row)
        label = QTableWidgetItem(shown(column.label))
        label.setData(ID_ROLE, column)
        self.columns.setItem(row, 0, label)
        options = "; ".join(shown(c.label) for c in column.choices)
        self.columns.setItem(row, 2, QTableWidgetItem(options))
        kind = _type_combo((k for k in FieldType if k in COLUMN_TYPES), column.type)
        kind.setEnabled(not locked)  # the program reads this column of a table with a role
        kind.currentIndexChanged.connect(self._write_field)
        self.columns.setCellWidget(row, 1, kind)

    def _show_rows(self, kind: FieldType) -> None:
        self.field_form.setRowVisible(self.choices_edit, kind in CHOICE_TYPES)
        self.field_form.setRowVisible(self.columns_box, kind is FieldType.TABLE)

    # -- editing --------------------------------------------------------------------------
    def current_field(self) -> Field | None:
        if self.section is None or self.index < 0:
            return None
        return self.section.fields[self.index]

    def _write_section(self) -> None:
        if self._loading or self.section is None:
            return
        self.section.title = kept(self.section.title, self.title_edit.text())
        self.section.help = kept(self.section.help, self.section_help_edit.toPlainText())
        self.edited.emit()

    def _write_field(self) -> None:
        field = self.current_field()
        if self._loading or field is None or self.section is None:
            return
        kind = FieldType(self.type_combo.currentData())
        self.section.fields[self.index] = replace(
            field,
            label=kept(field.label, self.label_edit.text()),
            help=kept(field.help, self.help_edit.toPlainText()),
            type=kind,
            required=self.required_check.isChecked(),
            choices=parse_choices(self.choices_edit.toPlainText().splitlines(), field.choices),
            columns=tuple(self._column(row) for row in range(self.columns.rowCount())),
        )
        self._show_rows(kind)
        self.edited.emit()

    def _column(self, row: int) -> Column:
        label, options = self.columns.item(row, 0), self.columns.item(row, 2)
        kind = self.columns.cellWidget(row, 1)
        assert label is not None and options is not None and isinstance(kind, QComboBox)
        before: Column = label.data(ID_ROLE)
        return Column(
            before.id,
            kept(before.label, label.text()),
            FieldType(kind.currentData()),
            parse_choices(options.text().split(";"), before.choices),
        )

    def add_column(self) -> None:
        self._loading = True
        self._append_column(Column("", ""), locked=False)
        self._loading = False
        self._write_field()
        self.columns.setCurrentCell(self.columns.rowCount() - 1, 0)
        self.columns.setFocus()

    def remove_column(self) -> None:
        field, row = self.current_field(), self.columns.currentRow()
        if field is None or row < 0:
            return
        if field.role is not None and field.columns[row].id:
            self.columns_note.setText(
                _("This column cannot be removed: {reason}.").format(reason=role_reason(field.role))
            )
            self.columns_note.show()
            return
        self.columns.removeRow(row)
        self._write_field()


class StructureEditor(QWidget):
    """The sections and fields of a draft as a tree, with buttons to add, remove and move
    them, next to the form of the one chosen. ``refused`` says why a change is refused."""

    edited = Signal()
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft: TemplateDraft | None = None
        self._loading = False
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Section or field"), _("Type")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._part_chosen)
        self.part_form = PartForm()
        self.part_form.edited.connect(self._part_edited)
        texts = (_("Add s&ection"), _("Add &field"), _("&Remove…"), _("Move &up"), _("Move dow&n"))
        slots = (self.add_section, self.add_field, self.remove_part, self.move_up, self.move_down)
        self.buttons = [QPushButton(text) for text in texts]
        grid = QGridLayout()
        for number, (button, slot) in enumerate(zip(self.buttons, slots, strict=True)):
            button.clicked.connect(slot)
            grid.addWidget(button, number // 3, number % 3)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.tree, 1)
        left.addLayout(grid)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 5)
        row.addWidget(self.part_form, 6)

    def load(self, draft: TemplateDraft, *, editable: bool, place: Place | None = None) -> None:
        self.draft = draft
        for button in self.buttons:
            button.setEnabled(editable)
        self.part_form.setEnabled(editable)
        self._fill(place)

    # -- the tree -------------------------------------------------------------------------
    def _fill(self, place: Place | None = None) -> None:
        assert self.draft is not None
        self._loading = True
        self.tree.clear()
        for s_index, section in enumerate(self.draft.sections):
            top = QTreeWidgetItem(self.tree)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for f_index in range(-1, len(section.fields)):
                item = top if f_index < 0 else QTreeWidgetItem(top)
                item.setData(0, ID_ROLE, s_index)
                item.setData(0, _FIELD_ROLE, f_index)
                self._name(item)
        self.tree.expandAll()
        self._loading = False
        self.select(place or (0, -1))

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for row in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(row)
            assert top is not None
            found.append(top)
            found.extend(top.child(n) for n in range(top.childCount()))  # type: ignore[misc]
        return found

    @staticmethod
    def _place_of(item: QTreeWidgetItem) -> Place:
        return int(item.data(0, ID_ROLE)), int(item.data(0, _FIELD_ROLE))

    def _name(self, item: QTreeWidgetItem) -> None:
        assert self.draft is not None
        s_index, f_index = self._place_of(item)
        section = self.draft.sections[s_index]
        if f_index < 0:
            item.setText(0, shown(section.title) or _("(untitled section)"))
            return
        field = section.fields[f_index]
        item.setText(0, (shown(field.label) or _("(no label)")) + (" *" if field.required else ""))
        item.setText(1, field_type_label(field.type))

    def select(self, place: Place) -> None:
        items = self._items()
        chosen = next((i for i in items if self._place_of(i) == place), None)
        if chosen is None and items:
            chosen = items[min(len(items) - 1, max(0, place[0]))]
        if chosen is None:
            self.part_form.show_nothing()
            return
        self.tree.setCurrentItem(chosen)
        self._part_chosen()

    def place(self) -> Place | None:
        item = self.tree.currentItem()
        return None if item is None else self._place_of(item)

    def _part_chosen(self) -> None:
        place = self.place()
        if self._loading or self.draft is None or place is None:
            return
        section = self.draft.sections[place[0]]
        if place[1] < 0:
            self.part_form.show_section(section)
        else:
            self.part_form.show_field(section, place[1])

    def _part_edited(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._name(item)
        self.edited.emit()

    # -- changes --------------------------------------------------------------------------
    def _changed(self, place: Place, focus: QWidget | None = None) -> None:
        self._fill(place)
        self.edited.emit()
        if focus is not None:
            focus.setFocus()

    def add_section(self) -> None:
        if self.draft is None:
            return
        place = self.place()
        at = len(self.draft.sections) if place is None else place[0] + 1
        self.draft.sections.insert(at, SectionDraft("", "", "", []))
        self._changed((at, -1), self.part_form.title_edit)

    def add_field(self) -> None:
        if self.draft is None:
            return
        place = self.place()
        if place is None:
            self.draft.sections.append(SectionDraft("", "", "", []))
            place = (len(self.draft.sections) - 1, -1)
        fields = self.draft.sections[place[0]].fields
        at = len(fields) if place[1] < 0 else place[1] + 1
        fields.insert(at, Field("", FieldType.SHORT_TEXT, ""))
        self._changed((place[0], at), self.part_form.label_edit)

    def remove_part(self) -> None:
        place = self.place()
        if self.draft is None or place is None:
            return
        section = self.draft.sections[place[0]]
        fields = section.fields if place[1] < 0 else [section.fields[place[1]]]
        locked = next((f for f in fields if f.role is not None), None)
        if locked is not None and locked.role is not None:
            self.refused.emit(
                _("“{label}” cannot be removed: {reason}.").format(
                    label=shown(locked.label), reason=role_reason(locked.role)
                )
            )
            return
        if place[1] < 0:
            question = ngettext(
                "Remove the section “{title}” and its {count} field?",
                "Remove the section “{title}” and its {count} fields?",
                len(fields),
            ).format(title=shown(section.title), count=len(fields))
        else:
            question = _("Remove the field “{label}”?").format(label=shown(fields[0].label))
        if not confirm(self, _("Remove"), question):
            return
        if place[1] < 0:
            del self.draft.sections[place[0]]
            self._changed((max(0, place[0] - 1), -1))
        else:
            del section.fields[place[1]]
            self._changed((place[0], place[1] - 1))

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        """Move the chosen part by one place; a field goes on into the next section."""
        place = self.place()
        if self.draft is None or place is None:
            return
        sections = self.draft.sections
        s_index, f_index = place
        target = s_index + step
        if f_index < 0:
            if 0 <= target < len(sections):
                sections[s_index], sections[target] = sections[target], sections[s_index]
                self._changed((target, -1), self.tree)
            return
        fields = sections[s_index].fields
        if 0 <= f_index + step < len(fields):
            at = f_index + step
            fields[f_index], fields[at] = fields[at], fields[f_index]
            self._changed((s_index, at), self.tree)
        elif 0 <= target < len(sections):
            field = fields.pop(f_index)
            at = len(sections[target].fields) if step < 0 else 0
            sections[target].fields.insert(at, field)
            self._changed((target, at), self.tree)
