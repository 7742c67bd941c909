"""The settings page: the company's own data, what it tells employees about their data
(GDPR), the rule settings, the interface language and idle lock.

The company part and the rule settings (domain.md section 4) are saved together with
``Workspace.update_company``; a setting is written only when it differs from its default or
was chosen before, so that the company file carries only what someone decided. The
interface language and the minutes before the window locks itself (``ui/idle_lock.py``) are
preferences of this computer, kept in ``QSettings``. The seal of
the reports (``services.seal``) is created and switched on at once, apart from Save.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, LeaveKind, Privacy, Settings, limits
from entretien_desktop.domain.model import SETTING_DEFAULTS, SettingValue
from entretien_desktop.i18n import _, current_language, format_date
from entretien_desktop.services import seal
from entretien_desktop.services.errors import ChangeRefused, FieldProblem, UserError
from entretien_desktop.services.permissions import Permission
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change, show_refusal
from entretien_desktop.ui.dialogs.restore_dialog import BACKUP_FOLDER_KEY, backup_folder
from entretien_desktop.ui.idle_lock import (
    IDLE_LOCK_KEY,
    MAX_IDLE_MINUTES,
    idle_minutes,
    minutes_suffix,
)
from entretien_desktop.ui.labels import LANGUAGES, language_label, leave_label
from entretien_desktop.ui.widgets.buttons import enable_or_say_why
from entretien_desktop.ui.widgets.company_form import (
    CompanyForm,
    compact,
    count_spin,
    days_suffix,
    months_suffix,
    problem_label,
)
from entretien_desktop.ui.widgets.date_fields import dates_valid
from entretien_desktop.ui.widgets.privacy_form import PrivacyForm
from entretien_desktop.ui.widgets.protection_box import ProtectionBox
from entretien_desktop.ui.widgets.text import heading

LANGUAGE_KEY = "interface/language"
_COLUMN_WIDTH = 760

# name -> (minimum, maximum, unit is days)
_NUMBERS: dict[str, tuple[int, int, bool]] = {
    name: (*limits.SETTINGS[name], name.endswith("_days"))
    for name in (
        "due_soon_days",
        "return_interview_grace_months",
        "invitation_notice_days",
        "long_sickness_months",
    )
}
_FLAGS = (
    "apply_seniority_suspension",
    "any_interview_restarts_clock",
    "late_interview_counts_as_missed",
)
_LEAVE_LISTS = ("return_interview_leaves", "seniority_suspending_leaves")


def _texts() -> dict[str, tuple[str, str]]:
    """Each rule setting's label and one-line help, in the current language."""
    return {
        "due_soon_days": (
            _("Due soon:"),
            _("An obligation shows as due soon this many days before its deadline."),
        ),
        "return_interview_grace_months": (
            _("Return interview within:"),
            _("After a return from leave; the law says 'on return' and gives no delay."),
        ),
        "invitation_notice_days": (
            _("Invitation notice:"),
            _("Days between the invitation and the interview (some practice says 14)."),
        ),
        "long_sickness_months": (
            _("Long sick leave from:"),
            _("A sick leave at least this long calls for a return interview."),
        ),
        "apply_seniority_suspension": (
            _("Suspended periods push deadlines back"),
            _("Off: the earlier, safer deadline. On: leaves ticked below delay the cycle."),
        ),
        "any_interview_restarts_clock": (
            _("Any professional-family interview restarts the two-year clock"),
            _("Return, mid-career, end-of-career interviews and summary reviews count too."),
        ),
        "late_interview_counts_as_missed": (
            _("An interview held after its deadline counts as missed"),
            _("For the summary review's test. Off: only interviews never held are missed."),
        ),
        "return_interview_leaves": (
            _("Leaves followed by a return interview:"),
            _("The law's list; a branch agreement may add others."),
        ),
        "seniority_suspending_leaves": (
            _("Leaves that suspend seniority:"),
            _("Used only when suspended periods push deadlines back."),
        ),
    }


def _help_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("help_text")
    label.setWordWrap(True)
    label.setEnabled(False)  # the palette's quieter colour, in every style
    return label


def _stacked(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box


JOURNAL_NAME_KEY = "journal/name"
"""The name written, with the system's user name, on each change made on this computer."""
JOURNAL_NAME_LIMIT = 200


def journal_name(settings: QSettings) -> str:
    """The name this computer writes in the journal of changes ("" for none)."""
    value = settings.value(JOURNAL_NAME_KEY)
    return value.strip()[:JOURNAL_NAME_LIMIT] if isinstance(value, str) else ""


class SettingsPage(QWidget):
    """Company data, rule settings and language, saved or reverted with two buttons."""

    language_changed = Signal(str)
    """A new interface language was saved (the composition root switches to it)."""
    idle_lock_changed = Signal(int)
    """New minutes without input before the window locks were saved (0: never)."""

    def __init__(
        self, workspace: Workspace, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_page")
        self.workspace = workspace
        self.settings = settings
        self.dirty = False
        self._loading = False
        self._form: CompanyForm | None = None
        self._form_slot = QVBoxLayout()
        self._form_slot.setContentsMargins(0, 0, 0, 0)
        self.numbers: dict[str, QSpinBox] = {}
        self.flags: dict[str, QCheckBox] = {}
        self.leave_lists: dict[str, QListWidget] = {}
        self.problems: dict[str, QLabel] = {}

        column = QWidget()
        column.setMaximumWidth(_COLUMN_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(heading(_("Settings"), 1.3))
        column_layout.addLayout(self._form_slot)
        self.privacy = PrivacyForm()
        self.privacy.changed.connect(self._edited)
        column_layout.addWidget(self.privacy)
        column_layout.addWidget(self._rules_box())
        column_layout.addWidget(self._templates_box())
        column_layout.addWidget(self._seal_box())
        self.protection = ProtectionBox(workspace)
        column_layout.addWidget(self.protection)
        column_layout.addWidget(self._language_box())
        column_layout.addStretch(1)
        inner = QWidget()
        inner_layout = QHBoxLayout(inner)
        inner_layout.setContentsMargins(24, 16, 24, 16)
        inner_layout.addWidget(column, 1)
        inner_layout.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._button_row())

        workspace.add_listener(self._workspace_changed)
        # Filled when first shown: the company may still be loading while the window opens.
        self._filled = False

    @property
    def form(self) -> CompanyForm:
        """The company's data, built when first needed (shown, filled or read): its lists
        of countries and currencies in the user's language are costly at start-up."""
        if self._form is None:
            self._form = CompanyForm(self.workspace.today())
            self._form_slot.addWidget(self._form)
            self._form.changed.connect(self._edited)
        return self._form

    def showEvent(self, event: QShowEvent) -> None:
        if not self._filled:
            self.revert()
        super().showEvent(event)

    # -- building -------------------------------------------------------------------------
    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(_("Rules"))
        form = QFormLayout(box)
        texts = _texts()
        intro = _help_label(
            _("How the application reads the points the law leaves open. Not legal advice.")
        )
        form.addRow(intro)
        for name, (low, high, days) in _NUMBERS.items():
            spin = count_spin(low, high, days_suffix if days else months_suffix)
            spin.setObjectName(name)
            spin.valueChanged.connect(self._edited)
            self.numbers[name] = spin
            label, help_text = texts[name]
            form.addRow(label, self._with_help(name, spin, help_text))
        for name in _FLAGS:
            check = QCheckBox(texts[name][0])
            check.setObjectName(name)
            check.toggled.connect(self._edited)
            self.flags[name] = check
            form.addRow(self._with_help(name, check, texts[name][1]))
        for name in _LEAVE_LISTS:
            self.leave_lists[name] = self._leave_list(name)
            label, help_text = texts[name]
            title = QLabel(label)
            title.setWordWrap(True)
            form.addRow(title)
            form.addRow(self._with_help(name, self.leave_lists[name], help_text))
        return box

    def _with_help(self, name: str, editor: QWidget, help_text: str) -> QWidget:
        self.problems[name] = problem_label()
        return _stacked(editor, _help_label(help_text), self.problems[name])

    def _leave_list(self, name: str) -> QListWidget:
        leaves = QListWidget()
        leaves.setObjectName(name)
        leaves.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        leaves.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for kind in LeaveKind:
            item = QListWidgetItem(leave_label(kind))
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            leaves.addItem(item)
        leaves.itemChanged.connect(self._edited)
        return leaves

    def _templates_box(self) -> QGroupBox:
        box = QGroupBox(_("Interview forms"))
        self.templates_button = compact(QPushButton(_("Interview templates…")))
        self.templates_button.setObjectName("templates_button")
        self.templates_button.clicked.connect(self.open_templates)
        note = _help_label(_("Copy a built-in template to adapt it, and choose whom it is for."))
        form = QFormLayout(box)
        form.addRow(_stacked(self.templates_button, note))
        return box

    def open_templates(self) -> None:
        """Open the interview templates dialog (nothing to edit before a company exists)."""
        if self.workspace.company is None:
            return
        # Imported on first use: the editor is a large module the start-up does not need.
        from entretien_desktop.ui.dialogs.template_editor import TemplateEditor  # noqa: PLC0415

        dialog = TemplateEditor(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _seal_box(self) -> QGroupBox:
        """The company's seal: created here, then every report sealed with it if chosen.
        Both act at once on the file, apart from the Save button."""
        box = QGroupBox(_("Seal of the reports"))
        self.seal_button = compact(QPushButton(_("Create the company's seal…")))
        self.seal_button.setObjectName("seal_button")
        self.seal_button.clicked.connect(self.create_seal)
        self.seal_state = QLabel()
        self.seal_state.setObjectName("seal_state")
        self.seal_state.setWordWrap(True)
        self.seal_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seal_reports = QCheckBox(_("Seal every report"))
        self.seal_reports.setObjectName("seal_reports")
        self.seal_reports.toggled.connect(self._seal_reports_toggled)
        note = _help_label(
            _(
                "A sealed report carries the company's electronic seal: PDF readers show it "
                "as signed by the company and flag any change made to it afterwards. The seal "
                "is a certificate the company makes here; its key is kept in this data file."
            )
        )
        form = QFormLayout(box)
        form.addRow(_stacked(self.seal_state, self.seal_button, self.seal_reports, note))
        return box

    def _show_seal(self) -> None:
        info = seal.seal_info(self.workspace) if self.workspace.company is not None else None
        enable_or_say_why(
            self.seal_button,
            [] if self.workspace.company is not None else [_("Create the company first.")],
        )
        if info is None:
            self.seal_state.setText(_("The company has no seal yet."))
        else:
            self.seal_state.setText(
                _("Seal: {subject}\nValid from {start} to {end}.").format(
                    subject=info.subject,
                    start=format_date(info.valid_from),
                    end=format_date(info.valid_until),
                )
            )
        enable_or_say_why(
            self.seal_reports, [] if info is not None else [_("Make the company's seal first.")]
        )
        self.seal_reports.blockSignals(True)
        self.seal_reports.setChecked(info is not None and info.enabled)
        self.seal_reports.blockSignals(False)

    def create_seal(self) -> None:
        """Create the company's seal (a new one replaces the old) once confirmed."""
        if self.workspace.company is None:
            return
        if seal.has_seal(self.workspace):
            question = _(
                "Replace the company's seal with a new one? Reports sealed before stay "
                "sealed with the old one."
            )
        else:
            question = _(
                "Create the company's seal? It is a certificate in the company's name, "
                "valid five years, kept in this data file."
            )
        answer = QMessageBox.question(
            self,
            _("Seal of the reports"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_change(
            self,
            _("The seal could not be created"),
            lambda: seal.create_company_seal(self.workspace),
        )
        self._show_seal()

    def _seal_reports_toggled(self, on: bool) -> None:
        run_change(
            self,
            _("The seal could not be changed"),
            lambda: seal.set_sealing(self.workspace, on),
        )
        self._show_seal()

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(_("Interface"))
        form = QFormLayout(box)
        self.language = compact(QComboBox())
        self.language.setObjectName("language")
        for code in LANGUAGES:
            self.language.addItem(language_label(code), code)
        self.language.currentIndexChanged.connect(self._edited)
        note = _help_label(_("The window changes language as soon as you save."))
        form.addRow(_("Language:"), _stacked(self.language, note))
        self.idle_lock_minutes = count_spin(0, MAX_IDLE_MINUTES, minutes_suffix)
        self.idle_lock_minutes.setObjectName("idle_lock_minutes")
        self.idle_lock_minutes.setSpecialValueText(_("Never"))
        self.idle_lock_minutes.valueChanged.connect(self._edited)
        lock_note = _help_label(
            _(
                "After this long without the keyboard or the mouse, the window hides your "
                "data until you unlock it (File › Lock now, Ctrl+L, at once). What was typed "
                "is saved first. A locked window is not an encrypted file."
            )
        )
        form.addRow(_("Lock the window after:"), _stacked(self.idle_lock_minutes, lock_note))
        self.journal_name = QLineEdit()
        self.journal_name.setObjectName("journal_name")
        self.journal_name.setMaxLength(JOURNAL_NAME_LIMIT)
        self.journal_name.textEdited.connect(self._edited)
        name_note = _help_label(
            _(
                "Written with this computer's user name on each change made here, in the "
                "journal of changes (File › Journal of changes)."
            )
        )
        form.addRow(_("Your name:"), _stacked(self.journal_name, name_note))
        self.backup_folder_label = QLabel()
        self.backup_folder_label.setObjectName("backup_folder")
        self.backup_folder_label.setWordWrap(True)
        choose = QPushButton(_("C&hoose a folder…"))
        choose.setObjectName("choose_backup_folder")
        choose.clicked.connect(self.choose_backup_folder)
        beside = QPushButton(_("Beside the &file"))
        beside.setObjectName("backups_beside_file")
        beside.clicked.connect(self.backups_beside_file)
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(beside)
        buttons.addStretch(1)
        row = QWidget()
        row.setLayout(buttons)
        backups_note = _help_label(
            _(
                "Where the automatic backups go (once a day and on closing): a USB key or a "
                "synced folder keeps them off this laptop. A setting of this computer."
            )
        )
        form.addRow(_("Backups:"), _stacked(self.backup_folder_label, row, backups_note))
        self._show_backup_folder()
        return box

    def _show_backup_folder(self) -> None:
        self.backup_folder_label.setText(str(backup_folder(self.settings, self.workspace.path)))

    def choose_backup_folder(self) -> None:
        """Settings › Interface › Backups: the automatic backups go to a folder chosen."""
        current = backup_folder(self.settings, self.workspace.path)
        name = QFileDialog.getExistingDirectory(
            self, _("Folder of the backups"), str(current if current.exists() else current.parent)
        )
        if not name:
            return
        self.settings.setValue(BACKUP_FOLDER_KEY, name)
        self.settings.sync()
        self._show_backup_folder()

    def backups_beside_file(self) -> None:
        """The automatic backups go back to ``backups`` beside the data file."""
        self.settings.remove(BACKUP_FOLDER_KEY)
        self.settings.sync()
        self._show_backup_folder()

    def _button_row(self) -> QHBoxLayout:
        self.general_problem = problem_label()
        self.revert_button = QPushButton(_("Revert"))
        self.revert_button.setObjectName("revert_button")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.setContentsMargins(24, 8, 24, 12)
        row.addWidget(self.general_problem, 1)
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        return row

    # -- state ----------------------------------------------------------------------------
    def _edited(self) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        unchanged = [] if dirty else [_("Nothing has changed since the last save.")]
        enable_or_say_why(self.save_button, unchanged)
        enable_or_say_why(self.revert_button, unchanged)

    def _workspace_changed(self) -> None:
        if not self.dirty and (self._filled or self.isVisible()):
            self.revert()

    def revert(self) -> None:
        """Show what the file and this computer hold now, dropping unsaved edits."""
        self._filled = True
        company = self.workspace.company
        chosen = company.settings if company else Settings()
        self._loading = True
        try:
            self.form.set_company(company)
            self.privacy.set_privacy(company.privacy if company else Privacy())
            for name, spin in self.numbers.items():
                number = chosen.effective(name)
                assert isinstance(number, int)
                spin.setValue(number)
            for name, check in self.flags.items():
                check.setChecked(bool(chosen.effective(name)))
            for name, leaves in self.leave_lists.items():
                kinds = chosen.effective(name)
                ticked = set(kinds) if isinstance(kinds, tuple) else set()
                for row in range(leaves.count()):
                    item = leaves.item(row)
                    kind = item.data(Qt.ItemDataRole.UserRole)
                    item.setCheckState(
                        Qt.CheckState.Checked if kind in ticked else Qt.CheckState.Unchecked
                    )
            index = self.language.findData(self.saved_language())
            self.language.setCurrentIndex(max(index, 0))
            self.idle_lock_minutes.setValue(idle_minutes(self.settings))
            self.journal_name.setText(journal_name(self.settings))
            self._show_seal()
        finally:
            self._loading = False
        self._show_problems([])
        self._set_dirty(False)

    def saved_language(self) -> str:
        value = self.settings.value(LANGUAGE_KEY)
        return value if isinstance(value, str) and value in LANGUAGES else current_language()

    # -- reading and saving ---------------------------------------------------------------
    def _value(self, name: str) -> SettingValue:
        if name in self.numbers:
            return self.numbers[name].value()
        if name in self.flags:
            return self.flags[name].isChecked()
        leaves = self.leave_lists[name]
        return tuple(
            str(leaves.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(leaves.count())
            if leaves.item(row).checkState() == Qt.CheckState.Checked
        )

    def rule_settings(self, before: Settings) -> Settings:
        """The rule settings on screen, keeping only the chosen ones (see module doc)."""
        values: dict[str, SettingValue | None] = {}
        for name, default in SETTING_DEFAULTS.items():
            value = self._value(name)
            if isinstance(value, tuple) and isinstance(default, tuple):
                same = set(value) == set(default)
            else:
                same = value == default
            chosen = getattr(before, name) is not None
            values[name] = value if chosen or not same else None
        return Settings(**values)  # type: ignore[arg-type]

    def profile(self) -> Company:
        """The company as the page shows it (raises ``ChangeRefused`` for refused fields)."""
        company = self.workspace.require_company()
        profile = self.form.read(company)
        return replace(
            profile,
            settings=self.rule_settings(company.settings),
            privacy=self.privacy.read(company.privacy),
        )

    def save(self) -> None:
        if self.workspace.company is None or not dates_valid(self.form):
            return
        before = self.saved_language()
        chosen = str(self.language.currentData())
        self.settings.setValue(LANGUAGE_KEY, chosen)
        lock_before, lock_minutes = idle_minutes(self.settings), self.idle_lock_minutes.value()
        self.settings.setValue(IDLE_LOCK_KEY, lock_minutes)
        name = self.journal_name.text().strip()
        self.settings.setValue(JOURNAL_NAME_KEY, name)
        self.workspace.user_name = name
        self.settings.sync()
        if lock_minutes != lock_before:
            self.idle_lock_changed.emit(lock_minutes)
        # A role that may not change the company (services/permissions.py) saves only
        # this computer's settings: the company's are greyed out.
        if self.workspace.access.allows(Permission.COMPANY):
            try:
                self.workspace.update_company(self.profile())
            except ChangeRefused as refused:
                self._show_problems(refused.problems)
                self.form.focus_first_problem()
                return
            except UserError as error:
                show_refusal(self, _("The settings could not be saved"), error)
                return
        self.revert()
        if chosen != before or chosen != current_language():
            self.language_changed.emit(chosen)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        for label in self.problems.values():
            label.clear()
            label.hide()
        leftover: list[FieldProblem] = []
        for problem in self.form.show_problems(problems):
            name = problem.field.removeprefix("settings.")
            if name in self.problems:
                self.problems[name].setText(problem.message)
                self.problems[name].show()
            else:
                leftover.append(problem)
        self.general_problem.setText("\n".join(p.message for p in leftover))
        self.general_problem.setVisible(bool(leftover))
