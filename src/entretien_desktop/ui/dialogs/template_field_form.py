"""The "Sections and fields" tab of the template editor: its Qt widgets.

``StructureEditor`` shows a ``TemplateDraft``'s sections and fields as a tree, with buttons
to add, remove and move them; ``PartForm`` shows the section or field chosen in the tree and
writes every edit back into the draft. The draft itself, and the rules it keeps, are in
``template_draft``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

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

from entretien_desktop.domain.templates import COLUMN_TYPES, Column, Field, FieldType
from entretien_desktop.i18n import _
from entretien_desktop.ui.dialogs.template_draft import (
    CHOICE_TYPES,
    Place,
    SectionDraft,
    TemplateDraft,
    field_type_label,
    kept,
    parse_choices,
    role_reason,
    shown,
)

ID_ROLE = Qt.ItemDataRole.UserRole
_FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


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
        else:
            field = section.fields[f_index]
            required = " *" if field.required else ""
            item.setText(0, (shown(field.label) or _("(no label)")) + required)
            item.setText(1, field_type_label(field.type))
        item.setToolTip(0, item.text(0))  # the whole name, when the column elides it

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
        self._changed(self.draft.add_section(self.place()), self.part_form.title_edit)

    def add_field(self) -> None:
        if self.draft is None:
            return
        self._changed(self.draft.add_field(self.place()), self.part_form.label_edit)

    def remove_part(self) -> None:
        place = self.place()
        if self.draft is None or place is None:
            return
        refusal = self.draft.removal_refusal(place)
        if refusal:
            self.refused.emit(refusal)
            return
        if confirm(self, _("Remove"), self.draft.removal_question(place)):
            self._changed(self.draft.remove(place))

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        """Move the chosen part by one place; a field goes on into the next section."""
        place = self.place()
        if self.draft is None or place is None:
            return
        moved = self.draft.move(place, step)
        if moved is not None:
            self._changed(moved, self.tree)
