"""The skills map's catalogue and needs, in one dialog of three tabs saved as one change
(services/skills_edit.py): the skills (code, name, family, months of validity of a
certification), what each job needs (job, skill, level) and how many people a site or
team needs (skill, level, count, site, department).

A skill's code is the company's own and is what employees' levels name: it is typed once,
for a new skill, then kept (the name, family and validity can change: renaming is
editing the name). A skill employees hold levels in is not removed: the dialog says how
many levels and people refer to it and that their history names it. One nobody holds is
removed after a confirmation saying which jobs' and staffing needs go with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Job, Skill, SkillNeed, StaffingNeed
from entretien_desktop.domain.skills import LEVELS
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.services.skill_words import level_text
from entretien_desktop.services.skills_edit import (
    catalogue_problems,
    jobs_problems,
    references,
    save_skills_map,
    staffing_problems,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.problems import error_label, show_messages

CODE, NAME, FAMILY, MONTHS = range(4)
JOB, JOB_SKILL, JOB_LEVEL = range(3)
STAFF_SKILL, STAFF_LEVEL, STAFF_COUNT, STAFF_SITE, STAFF_DEPARTMENT = range(5)
KEPT_CODE = Qt.ItemDataRole.UserRole + 1
"""On a code's cell: the skill was in the catalogue when the dialog opened."""


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _level_combo(level: int) -> QComboBox:
    combo = QComboBox()
    for value in LEVELS[1:]:
        combo.addItem(level_text(value), int(value))
    combo.setCurrentIndex(max(0, combo.findData(level)))
    return combo


def _text_combo(values: Iterable[str], text: str, anyone: str) -> QComboBox:
    """An editable list of ``values`` (a site, a job...), ``text`` shown; empty is any."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("")
    for value in sorted({v for v in values if v}, key=str.casefold):
        combo.addItem(value)
    combo.setCurrentText(text)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(anyone)
    return combo


def _buttons(add: QPushButton, remove: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(add)
    row.addWidget(remove)
    row.addStretch(1)
    return row


def _tab(hint: str, table: QTableWidget, add: QPushButton, remove: QPushButton) -> QWidget:
    """A tab of the dialog: what it is for, its table, its two buttons."""
    words = QLabel(hint)
    words.setWordWrap(True)
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.addWidget(words)
    layout.addWidget(table, 1)
    layout.addLayout(_buttons(add, remove))
    return tab


class SkillsCatalogueDialog(QDialog):
    """Edit ``workspace``'s catalogue of skills, jobs' needs and staffing needs."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        company = workspace.require_company()
        self.company: Company = company
        self.setWindowTitle(_("Skills catalogue and needs"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._skills_tab(company), _("Skills"))
        self._choices = self.skills()
        """The skills the needs' lists offer: the catalogue as typed (read again when
        another tab is shown)."""
        self.tabs.addTab(self._jobs_tab(company), _("Jobs' needs"))
        self.tabs.addTab(self._staffing_tab(company), _("Staffing needs"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.error = error_label()
        self.buttons, self.ok_button = ok_cancel(self, _("Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 480)

    # -- the skills -----------------------------------------------------------------------
    def _skills_tab(self, company: Company) -> QWidget:
        self.skills_table = _table([_("Code"), _("Name"), _("Family"), _("Valid for (months)")])
        self.skills_table.setObjectName("catalogue_skills")
        for skill in company.skills:
            self._add_skill_row(skill, kept=True)
        self.skills_table.resizeColumnsToContents()
        self.skills_table.setColumnWidth(NAME, max(220, self.skills_table.columnWidth(NAME)))
        self.add_skill_button = QPushButton(_("&Add a skill"))
        self.add_skill_button.clicked.connect(self.add_skill)
        self.remove_skill_button = QPushButton(_("&Remove the skill…"))
        self.remove_skill_button.clicked.connect(self.remove_skill)
        return _tab(
            _(
                "The code is the company's own short name for a skill; it is kept once "
                "saved. A validity in months makes the skill a certification that "
                "expires (CACES, SST…); leave it empty otherwise."
            ),
            self.skills_table,
            self.add_skill_button,
            self.remove_skill_button,
        )

    def _add_skill_row(self, skill: Skill, *, kept: bool) -> int:
        table = self.skills_table
        row = table.rowCount()
        table.insertRow(row)
        code = QTableWidgetItem(skill.id)
        code.setData(KEPT_CODE, kept)
        if kept:
            code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
            code.setToolTip(_("The code of a saved skill is kept: the levels recorded name it."))
        table.setItem(row, CODE, code)
        table.setItem(row, NAME, QTableWidgetItem(skill.name))
        table.setItem(row, FAMILY, QTableWidgetItem(skill.family))
        months = "" if skill.expires_after_months is None else str(skill.expires_after_months)
        table.setItem(row, MONTHS, QTableWidgetItem(months))
        return row

    def add_skill(self) -> None:
        row = self._add_skill_row(Skill("", ""), kept=False)
        self.skills_table.setCurrentCell(row, CODE)
        item = self.skills_table.item(row, CODE)
        if item is not None:
            self.skills_table.editItem(item)

    def skills(self) -> list[Skill]:
        """The catalogue as the table shows it."""
        table = self.skills_table
        result = []
        for row in range(table.rowCount()):
            texts = [(table.item(row, c) or QTableWidgetItem()).text().strip() for c in range(4)]
            months = texts[MONTHS]
            result.append(
                Skill(
                    texts[CODE],
                    texts[NAME],
                    texts[FAMILY],
                    int(months) if months.isdigit() else (None if not months else 0),
                )
            )
        return result

    def remove_skill(self) -> None:
        """Remove the chosen skill, after saying what refers to it."""
        row = self.skills_table.currentRow()
        if row < 0:
            return
        skill = self.skills()[row]
        name = skill.name or skill.id
        code = self.skills_table.item(row, CODE)
        kept = code is not None and bool(code.data(KEPT_CODE))
        found = references(self.company, skill.id)
        if kept and found.entries:
            QMessageBox.information(
                self,
                _("Remove a skill"),
                ngettext(
                    "{name}: {entries} level recorded for {people} employee refers to it. "
                    "It stays in the catalogue: their history names it. Rename it if it "
                    "changed.",
                    "{name}: {entries} levels recorded for {people} employees refer to it. "
                    "It stays in the catalogue: their history names it. Rename it if it "
                    "changed.",
                    found.entries,
                ).format(name=name, entries=found.entries, people=found.employees),
            )
            return
        jobs = self._job_rows_of(skill.id)
        staffing = self._staffing_rows_of(skill.id)
        question = _("Remove {name} from the catalogue? No employee holds a level in it.").format(
            name=name
        )
        if jobs or staffing:
            question += " " + _(
                "The needs naming it go with it: {jobs} of jobs, {staffing} of staffing."
            ).format(jobs=len(jobs), staffing=len(staffing))
        answer = QMessageBox.question(self, _("Remove a skill"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        for job_row in reversed(jobs):
            self.jobs_table.removeRow(job_row)
        for staff_row in reversed(staffing):
            self.staffing_table.removeRow(staff_row)
        self.skills_table.removeRow(row)

    # -- the jobs' needs ------------------------------------------------------------------
    def _jobs_tab(self, company: Company) -> QWidget:
        self.job_titles = sorted(
            {e.job_title for e in company.employees if e.job_title}
            | {j.title for j in company.jobs},
            key=str.casefold,
        )
        self.jobs_table = _table([_("Job title"), _("Skill"), _("Level needed")])
        self.jobs_table.setObjectName("catalogue_jobs")
        for job in company.jobs:
            for need in job.needs:
                self._add_job_row(job.title, need.skill, need.level)
        self.jobs_table.setColumnWidth(JOB, 220)
        self.jobs_table.setColumnWidth(JOB_SKILL, 260)
        self.add_job_button = QPushButton(_("Add a &need"))
        self.add_job_button.clicked.connect(self.add_job_need)
        self.remove_job_button = QPushButton(_("Remove the need"))
        self.remove_job_button.clicked.connect(self._remove_job_need)
        return _tab(
            _(
                "A job is matched on the employees' job title. A level under the job's "
                "need is marked in the matrix."
            ),
            self.jobs_table,
            self.add_job_button,
            self.remove_job_button,
        )

    def _skill_combo(self, chosen: str) -> QComboBox:
        combo = QComboBox()
        self._fill_skill_combo(combo, chosen)
        return combo

    def _fill_skill_combo(self, combo: QComboBox, chosen: str) -> None:
        combo.clear()
        for skill in self._choices:
            if skill.id:
                combo.addItem(skill.name or skill.id, skill.id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def _add_job_row(self, title: str, skill: str, level: int) -> int:
        table = self.jobs_table
        row = table.rowCount()
        table.insertRow(row)
        table.setCellWidget(row, JOB, _text_combo(self.job_titles, title, _("Job title")))
        table.setCellWidget(row, JOB_SKILL, self._skill_combo(skill))
        table.setCellWidget(row, JOB_LEVEL, _level_combo(level))
        return row

    def add_job_need(self) -> None:
        row = self._add_job_row("", "", 2)
        self.jobs_table.setCurrentCell(row, JOB)
        self.jobs_table.cellWidget(row, JOB).setFocus()

    def _remove_job_need(self) -> None:
        if self.jobs_table.currentRow() >= 0:
            self.jobs_table.removeRow(self.jobs_table.currentRow())

    def _combo(self, table: QTableWidget, row: int, column: int) -> QComboBox:
        widget = table.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def _job_rows_of(self, skill: str) -> list[int]:
        return [
            row
            for row in range(self.jobs_table.rowCount())
            if self._combo(self.jobs_table, row, JOB_SKILL).currentData() == skill
        ]

    def jobs(self) -> list[Job]:
        """The jobs' needs as the table shows them, one job per title (in first order)."""
        needs: dict[str, list[SkillNeed]] = {}
        table = self.jobs_table
        for row in range(table.rowCount()):
            title = self._combo(table, row, JOB).currentText().strip()
            skill = self._combo(table, row, JOB_SKILL).currentData()
            level = self._combo(table, row, JOB_LEVEL).currentData()
            needs.setdefault(title, []).append(SkillNeed(str(skill or ""), int(level)))
        return [Job(title, tuple(found)) for title, found in needs.items()]

    # -- the staffing needs ---------------------------------------------------------------
    def _staffing_tab(self, company: Company) -> QWidget:
        self.sites = {e.site for e in company.employees} | {s.site for s in company.staffing}
        self.departments = {e.department for e in company.employees} | {
            s.department for s in company.staffing
        }
        self.staffing_table = _table(
            [_("Skill"), _("Level at least"), _("People"), _("Site"), _("Department")]
        )
        self.staffing_table.setObjectName("catalogue_staffing")
        for need in company.staffing:
            self._add_staffing_row(need)
        self.staffing_table.setColumnWidth(STAFF_SKILL, 220)
        self.staffing_table.setColumnWidth(STAFF_LEVEL, 150)
        self.staffing_table.setColumnWidth(STAFF_COUNT, 70)
        self.staffing_table.setColumnWidth(STAFF_SITE, 150)
        self.add_staffing_button = QPushButton(_("Add a staffing &need"))
        self.add_staffing_button.clicked.connect(self.add_staffing_need)
        self.remove_staffing_button = QPushButton(_("Remove the staffing need"))
        self.remove_staffing_button.clicked.connect(self._remove_staffing_need)
        return _tab(
            _(
                "How many people a site or a department needs at a level or above "
                "(two first-aiders per site…). An empty site or department is any."
            ),
            self.staffing_table,
            self.add_staffing_button,
            self.remove_staffing_button,
        )

    def _add_staffing_row(self, need: StaffingNeed) -> int:
        table = self.staffing_table
        row = table.rowCount()
        table.insertRow(row)
        table.setCellWidget(row, STAFF_SKILL, self._skill_combo(need.skill))
        table.setCellWidget(row, STAFF_LEVEL, _level_combo(need.level))
        count = QSpinBox()
        count.setRange(1, 999)
        count.setValue(max(1, need.count))
        table.setCellWidget(row, STAFF_COUNT, count)
        table.setCellWidget(row, STAFF_SITE, _text_combo(self.sites, need.site, _("Any site")))
        table.setCellWidget(
            row,
            STAFF_DEPARTMENT,
            _text_combo(self.departments, need.department, _("Any department")),
        )
        return row

    def add_staffing_need(self) -> None:
        row = self._add_staffing_row(StaffingNeed("", 2, 1))
        self.staffing_table.setCurrentCell(row, STAFF_SKILL)

    def _remove_staffing_need(self) -> None:
        if self.staffing_table.currentRow() >= 0:
            self.staffing_table.removeRow(self.staffing_table.currentRow())

    def _staffing_rows_of(self, skill: str) -> list[int]:
        return [
            row
            for row in range(self.staffing_table.rowCount())
            if self._combo(self.staffing_table, row, STAFF_SKILL).currentData() == skill
        ]

    def staffing(self) -> list[StaffingNeed]:
        table = self.staffing_table
        result = []
        for row in range(table.rowCount()):
            count = table.cellWidget(row, STAFF_COUNT)
            assert isinstance(count, QSpinBox)
            result.append(
                StaffingNeed(
                    skill=str(self._combo(table, row, STAFF_SKILL).currentData() or ""),
                    level=int(self._combo(table, row, STAFF_LEVEL).currentData()),
                    count=count.value(),
                    site=self._combo(table, row, STAFF_SITE).currentText().strip(),
                    department=self._combo(table, row, STAFF_DEPARTMENT).currentText().strip(),
                )
            )
        return result

    # -- saving ---------------------------------------------------------------------------
    def _tab_changed(self, _index: int) -> None:
        """The skills' lists of the needs follow the catalogue as typed."""
        self._choices = self.skills()
        for table, column in ((self.jobs_table, JOB_SKILL), (self.staffing_table, STAFF_SKILL)):
            for row in range(table.rowCount()):
                combo = self._combo(table, row, column)
                self._fill_skill_combo(combo, str(combo.currentData() or ""))

    def problems(self) -> list[str]:
        skills = self.skills()
        return [
            *catalogue_problems(skills),
            *jobs_problems(self.jobs(), skills),
            *staffing_problems(self.staffing(), skills),
        ]

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            show_messages(self.error, problems)
            return
        skills, jobs, staffing = self.skills(), self.jobs(), self.staffing()

        def save() -> None:
            save_skills_map(self.workspace, skills, jobs, staffing)

        if run_change(self, _("Save the skills catalogue"), save) is None:
            super().accept()
