"""One cell of the skills matrix: the level to record (level, day, source, note) and,
below, the employee's earlier entries for that skill, newest first. Recording appends an
entry: nothing earlier is overwritten (services/skills_edit.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Employee, Skill, SkillLevel, SkillSource
from entretien_desktop.domain.limits import MAX_TEXT
from entretien_desktop.domain.skills import LEVELS, expiry
from entretien_desktop.i18n import _, table_date
from entretien_desktop.services.skill_words import level_text, source_label
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.date_fields import DateEdit
from entretien_desktop.ui.widgets.text import heading


def history_view(entries: list[SkillLevel], skill: Skill) -> QTreeWidget:
    """The entries given (newest first) as a list: day, level, source, valid until, note."""
    view = QTreeWidget()
    view.setObjectName("skill_history")
    view.setRootIsDecorated(False)
    view.setHeaderLabels([_("Date"), _("Level"), _("Source"), _("Valid until"), _("Note")])
    for entry in entries:
        lapses = expiry(skill, entry)
        item = QTreeWidgetItem(
            [
                table_date(entry.date),
                level_text(entry.level),
                source_label(entry.source),
                "" if lapses is None else table_date(lapses),
                entry.note,
            ]
        )
        view.addTopLevelItem(item)
    for column in range(4):
        view.resizeColumnToContents(column)
    return view


class SkillLevelDialog(QDialog):
    """Record ``employee``'s level in ``skill``; ``history`` their entries, newest first."""

    def __init__(
        self,
        employee: Employee,
        skill: Skill,
        history: list[SkillLevel],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.employee, self.skill = employee, skill
        self.setWindowTitle(_("Level in a skill"))
        title = heading(f"{employee.full_name} — {skill.name}", 1.15)
        title.setTextFormat(Qt.TextFormat.PlainText)
        current = history[0] if history else None
        self.level_combo = QComboBox()
        for level in LEVELS:
            self.level_combo.addItem(level_text(level), int(level))
        self.level_combo.setCurrentIndex(current.level if current is not None else 0)
        self.date_edit = DateEdit(today, today=today)
        self.source_combo = QComboBox()
        for source in SkillSource:
            self.source_combo.addItem(source_label(source), source)
        self.source_combo.setCurrentIndex(self.source_combo.findData(SkillSource.ASSESSMENT))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_TEXT)  # what the checks and the file allow
        self.buttons, self.ok_button = ok_cancel(self, _("Record the level"))

        form = QFormLayout()
        for text, field in (
            (_("&Level:"), self.level_combo),
            (_("&From:"), self.date_edit),
            (_("&Source:"), self.source_combo),
            (_("&Note:"), self.note_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        if skill.expires_after_months is not None:
            valid = QLabel(
                _("A certification: valid {months} months from the day it is reached.").format(
                    months=skill.expires_after_months
                )
            )
            valid.setWordWrap(True)
            layout.addWidget(valid)
        kept = QLabel(
            _("Recording adds an entry: the earlier ones stay in the history below.")
            if history
            else _("Nothing recorded yet for this skill.")
        )
        kept.setWordWrap(True)
        layout.addWidget(kept)
        self.history = history_view(history, skill)
        self.history.setVisible(bool(history))
        layout.addWidget(self.history, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 420 if history else 260)

    def entry(self) -> SkillLevel:
        source = SkillSource(self.source_combo.currentData())  # Qt hands back a plain string
        return SkillLevel(
            skill=self.skill.id,
            level=int(self.level_combo.currentData()),
            date=self.date_edit.last_good(),
            source=source,
            note=self.note_edit.text().strip(),
        )


class SkillHistoryDialog(QDialog):
    """The employee's entries for one skill, newest first (read only)."""

    def __init__(
        self,
        employee: Employee,
        skill: Skill,
        history: list[SkillLevel],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of a skill"))
        layout = QVBoxLayout(self)
        title = heading(f"{employee.full_name} — {skill.name}", 1.15)
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        if not history:
            layout.addWidget(QLabel(_("Nothing recorded yet for this skill.")))
        self.history = history_view(history, skill)
        layout.addWidget(self.history, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 320)
