"""The "Interview templates" dialog: the built-in templates, the company's own copies, and
the editor of a copy (sections, fields, who it applies to).

Built-in templates and superseded versions are shown read-only; a copy is made from any of
them. Saving checks the whole template the way the data file reads it back, and a changed
template is saved as a new version next to the earlier ones: an interview keeps the
``id@version`` it was filled with, so every version stays readable.

The template being edited is a ``TemplateDraft`` (``template_draft``); the dialog's two tabs
are ``StructureEditor`` (``template_field_form``) and ``AppliesToEditor``
(``template_applies_to``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.template_codec import (
    TemplateRefused,
    template_document,
    template_from_document,
)
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.templates import built_in_templates, deletion_problem
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.changes import show_refusal
from entretien_desktop.ui.dialogs.template_applies_to import AppliesToEditor, applies_summary
from entretien_desktop.ui.dialogs.template_draft import (
    Place,
    TemplateDraft,
    describe_problem,
    kept,
    shown,
)
from entretien_desktop.ui.dialogs.template_field_form import ID_ROLE, StructureEditor, confirm
from entretien_desktop.ui.labels import interview_kind_label
from entretien_desktop.ui.widgets.company_form import problem_label
from entretien_desktop.ui.widgets.text import heading

BUILT_IN, CURRENT, SUPERSEDED, UNSAVED = "built_in", "current", "superseded", "unsaved"


class _WrappedLines(QStyledItemDelegate):
    """Room for every line of a wrapped item. Qt may measure an item a pixel wider than the
    row it paints it in: a word that falls between the two widths (a long Norwegian title)
    wraps once more when painted, and the item's last line is cut off. Measured here at
    the painted width: the list's viewport less its spacing on each side."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = option.widget
        if isinstance(view, QListView):
            painted = view.viewport().width() - 2 * view.spacing()
            if 0 < painted < option.rect.width():
                option = QStyleOptionViewItem(option)
                rect = option.rect
                rect.setWidth(painted)
                option.rect = rect
        return super().sizeHint(option, index)


@dataclass(frozen=True, slots=True)
class Entry:
    template: Template
    state: str

    @property
    def key(self) -> str:
        return ("b:" if self.state == BUILT_IN else "c:") + self.template.key


def ordered(templates: list[Template]) -> list[Template]:
    """Each template's versions together, the newest first (a tie goes to the first)."""
    ids = dict.fromkeys(t.id for t in templates)
    return [
        t
        for wanted in ids
        for t in sorted((t for t in templates if t.id == wanted), key=lambda t: -t.version)
    ]


class TemplateEditor(QDialog):
    """Lists every template; edits the company's own ones and saves them as new versions."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Interview templates"))
        self.workspace = workspace
        self.entries: dict[str, Entry] = {}
        self.unsaved: Template | None = None
        """A copy not saved yet."""
        self.draft: TemplateDraft | None = None
        self.shown_key = ""
        self.editable = False
        self.dirty = False
        self._loading = False
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        columns.addLayout(self._list_column(), 0)
        columns.addLayout(self._editor_column(), 1)
        layout.addLayout(columns, 1)
        layout.addLayout(self._button_row())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_template)
        for button in self.findChildren(QPushButton):  # Enter in a field must not click one
            button.setAutoDefault(False)
        self.resize(1024, 640)
        self._refresh(None)

    # -- building -------------------------------------------------------------------------
    def _list_column(self) -> QVBoxLayout:
        self.template_list = QListWidget()
        self.template_list.setWordWrap(True)
        self.template_list.setItemDelegate(_WrappedLines(self.template_list))
        self.template_list.setSpacing(3)
        self.template_list.setFixedWidth(280)
        self.template_list.currentItemChanged.connect(self._entry_chosen)
        self.copy_button = QPushButton(_("Make a &copy"))
        self.delete_button = QPushButton(_("&Delete…"))
        self.copy_button.clicked.connect(self.copy_template)
        self.delete_button.clicked.connect(self.delete_template)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.delete_button)
        column = QVBoxLayout()
        column.addWidget(heading(_("Templates"), 1.1))
        column.addWidget(self.template_list, 1)
        column.addLayout(buttons)
        return column

    def _editor_column(self) -> QVBoxLayout:
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.textEdited.connect(self._title_edited)
        title_label = QLabel(_("Templ&ate name:"))
        title_label.setBuddy(self.title_edit)
        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, 1)
        self.tabs = QTabWidget()
        self.structure = StructureEditor()
        self.structure.edited.connect(self._structure_edited)
        self.structure.refused.connect(self._say)
        self.tabs.addTab(self.structure, _("&Sections and fields"))
        self.applies_editor = AppliesToEditor()
        self.applies_editor.edited.connect(self._applies_edited)
        self.applies = self.applies_editor.lists
        self.tabs.addTab(self.applies_editor, _("&Who it is for"))
        column = QVBoxLayout()
        column.addWidget(self.notice)
        column.addLayout(title_row)
        column.addWidget(self.tabs, 1)
        return column

    def _button_row(self) -> QHBoxLayout:
        self.message = problem_label()
        self.message.show()  # holds its place: the buttons keep their size
        self.save_button = QPushButton(_("Save"))
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.save_button.clicked.connect(self.save_template)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        return row

    # -- the list -------------------------------------------------------------------------
    def _collect(self) -> list[Entry]:
        own = list(self.workspace.require_company().templates)
        found = [Entry(self.unsaved, UNSAVED)] if self.unsaved is not None else []
        newest = {t.id: max(v.version for v in own if v.id == t.id) for t in own}
        for template in ordered(own):
            state = CURRENT if template.version == newest[template.id] else SUPERSEDED
            found.append(Entry(template, state))
        return found + [Entry(t, BUILT_IN) for t in built_in_templates()]

    def _item_text(self, entry: Entry) -> str:
        template = entry.template
        states = {
            BUILT_IN: _("built in"),
            CURRENT: _("version {version}"),
            SUPERSEDED: _("version {version}, superseded"),
            UNSAVED: _("not saved yet"),
        }
        state = states[entry.state].format(version=template.version)
        lines = [shown(template.title), f"{interview_kind_label(template.kind)} · {state}"]
        if entry.state != BUILT_IN:
            lines.append(applies_summary(template.applies_to))
        return "\n".join(lines)

    def _refresh(self, key: str | None, place: Place | None = None) -> None:
        """Fill the list again and show the entry ``key`` (else the first one)."""
        entries = self._collect()
        self.entries = {e.key: e for e in entries}
        self._loading = True
        self.template_list.clear()
        for entry in entries:
            item = QListWidgetItem(self._item_text(entry))
            item.setData(ID_ROLE, entry.key)
            self.template_list.addItem(item)
        wanted = key if key in self.entries else entries[0].key
        self._select(wanted)
        self._loading = False
        self._show(self.entries[wanted], place)

    def _select(self, key: str) -> None:
        for row in range(self.template_list.count()):
            if self.template_list.item(row).data(ID_ROLE) == key:
                self.template_list.setCurrentRow(row)

    def selected_entry(self) -> Entry | None:
        item = self.template_list.currentItem()
        return None if item is None else self.entries.get(item.data(ID_ROLE))

    def _entry_chosen(self) -> None:
        entry = self.selected_entry()
        if self._loading or entry is None or entry.key == self.shown_key:
            return
        if self._settle():
            self._refresh(entry.key)
        else:
            self._loading = True
            self._select(self.shown_key)
            self._loading = False

    def _show(self, entry: Entry, place: Place | None = None) -> None:
        self.shown_key = entry.key
        self.draft = TemplateDraft.of(entry.template)
        self.editable = entry.state in {CURRENT, UNSAVED}
        notices = {
            BUILT_IN: _("Built in: it cannot be changed. Make a copy to adapt it."),
            SUPERSEDED: _(
                "An earlier version, kept for the interviews filled with it. Make a copy to"
                " start again from it."
            ),
        }
        self.notice.setText(notices.get(entry.state, ""))
        self.notice.setVisible(entry.state in notices)
        self._loading = True
        self.title_edit.setText(shown(self.draft.title))
        self.title_edit.setReadOnly(not self.editable)
        self._loading = False
        employees = self.workspace.require_company().employees
        self.applies_editor.load(self.draft, employees, editable=self.editable)
        self.structure.load(self.draft, editable=self.editable, place=place)
        self.delete_button.setEnabled(entry.state != BUILT_IN)
        self._say("")
        self._set_dirty(entry.state == UNSAVED)

    # -- editing --------------------------------------------------------------------------
    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty and self.editable)

    def _say(self, text: str, *, refusal: bool = True) -> None:
        self.message.setStyleSheet(theme.ERROR_STYLE if refusal else "")
        self.message.setText(text)

    def _title_edited(self) -> None:
        if self.draft is not None and self.editable:
            self.draft.title = kept(self.draft.title, self.title_edit.text())
            self._set_dirty(True)

    def _structure_edited(self) -> None:
        self._say("")
        self._set_dirty(True)

    def _applies_edited(self) -> None:
        self._set_dirty(True)

    # -- copying, saving, deleting --------------------------------------------------------
    def copy_template(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self._settle():
            return
        source = entry.template
        taken = {t.id for t in self.workspace.require_company().templates}
        number = 1
        while f"{source.kind.value}-copy-{number}" in taken:
            number += 1
        self.unsaved = replace(
            source,
            id=f"{source.kind.value}-copy-{number}",
            version=1,
            title=_("Copy of {title}").format(title=shown(source.title)),
            built_in=False,
        )
        self._refresh(Entry(self.unsaved, UNSAVED).key)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def save_template(self) -> None:
        self._save()

    def _save(self) -> bool:
        """Save the template shown as a new version; whether nothing is left unsaved."""
        draft = self.draft
        if draft is None or not self.editable:
            return True
        company = self.workspace.require_company()
        versions = [t for t in company.templates if t.id == draft.base.id]
        template = draft.build({f.id for t in versions for f in t.fields()})
        if versions:
            latest = max(versions, key=lambda t: t.version)
            if replace(template, version=latest.version) == latest:
                self._set_dirty(False)
                self._say(_("Nothing has changed since the last save."), refusal=False)
                return True
            template = replace(template, version=latest.version + 1)
        try:
            checked = template_from_document(template_document(template))
        except TemplateRefused as refused:
            self._refuse(refused.problems, template)
            return False
        try:
            self.workspace.save_templates(ordered([*company.templates, checked]))
        except UserError as error:
            show_refusal(self, _("The template could not be saved"), error)
            return False
        self.unsaved = None
        self._refresh(Entry(checked, CURRENT).key, self.structure.place())
        self._say(_("Saved as version {version}.").format(version=checked.version), refusal=False)
        return True

    def _refuse(self, problems: list[str], template: Template) -> None:
        described = [describe_problem(p, template) for p in problems]
        lines = [text for text, _place in described[:4]]
        if len(described) > 4:
            lines.append(_("… and {count} more.").format(count=len(described) - 4))
        self._say("\n".join(lines))
        place = described[0][1]
        if place is None:
            self.title_edit.setFocus()
            return
        self.tabs.setCurrentWidget(self.structure)
        self.structure.select(place)
        form = self.structure.part_form
        (form.title_edit if place[1] < 0 else form.label_edit).setFocus()

    def _settle(self) -> bool:
        """Whether the template shown may be left: saved, or its changes dropped."""
        if not self.dirty:
            return True
        assert self.draft is not None
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save the changes to “{title}”?").format(title=shown(self.draft.title)),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self._save()
        if answer == QMessageBox.StandardButton.Discard:
            self.unsaved = None
            self._set_dirty(False)
            return True
        return False

    def reject(self) -> None:
        if self._settle():
            super().reject()

    def delete_template(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.state == BUILT_IN:
            return
        title = shown(entry.template.title)
        company = self.workspace.require_company()
        problem = deletion_problem(company, entry.template.id, title)
        if problem is not None:
            self._say(problem)
            return
        question = _("Delete the template “{title}” with all its versions?")
        if not confirm(self, _("Delete a template"), question.format(title=title)):
            return
        if entry.state != UNSAVED:
            remaining = [t for t in company.templates if t.id != entry.template.id]
            try:
                self.workspace.save_templates(remaining)
            except UserError as error:
                show_refusal(self, _("The template could not be deleted"), error)
                return
        self.unsaved = None
        self._set_dirty(False)
        self._refresh(None)
