"""The dialog that starts a campaign: a name, a kind of interview and its template, a period
and a group of employees (site, department, contract; each may be "any").

The period is checked as it is typed, with the reason under the end date; the name when it
is left empty. The number of employees the group holds over the period is shown live, as
the campaign board will count them (``services.campaigns.members``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Campaign, Company, Contract, Employee, InterviewKind, limits
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.campaigns import members, new_campaign_id
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.templates import built_in_template
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.labels import contract_label, interview_kind_label
from entretien_desktop.ui.widgets.buttons import enable_or_say_why, ok_cancel
from entretien_desktop.ui.widgets.date_fields import make_date_edit
from entretien_desktop.ui.widgets.problems import error_label, show_messages

DEFAULT_LENGTH = timedelta(days=90)
"""A campaign runs about a quarter unless told otherwise."""


def _group_combo(any_text: str, values: list[tuple[str, str]]) -> QComboBox:
    """``any_text`` (an empty criterion), then each value present, by its label."""
    combo = QComboBox()
    combo.addItem(any_text, "")
    for label, value in values:
        combo.addItem(label, value)
    return combo


def _present(company: Company, today: date) -> list[Employee]:
    """Employed today, or hired later (a campaign may include who is about to join)."""
    return [e for e in company.employees if e.employed_during(today, date.max)]


class CampaignDialog(QDialog):
    """Start a campaign in the workspace's company; ``created`` is the campaign once saved."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaign_dialog")
        self.setWindowTitle(_("New campaign"))
        self._workspace = workspace
        self._company = company = workspace.require_company()
        self.created: Campaign | None = None
        today = workspace.today()
        present = _present(company, today)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(limits.MAX_NAME)
        self.name_edit.setPlaceholderText(
            _("Professional interviews {year}").format(year=today.year)
        )
        self.name_errors = error_label()
        self.kind_combo = QComboBox()
        for kind in InterviewKind:
            self.kind_combo.addItem(interview_kind_label(kind), kind.value)
        self.template_combo = QComboBox()
        self.start_edit = make_date_edit(today)
        self.end_edit = make_date_edit(today + DEFAULT_LENGTH)
        self.period_errors = error_label()
        self.site_combo = _group_combo(
            _("Any site"), [(s, s) for s in sorted({e.site for e in present if e.site})]
        )
        self.department_combo = _group_combo(
            _("Any department"),
            [(d, d) for d in sorted({e.department for e in present if e.department})],
        )
        contracts = {e.contract for e in present}
        self.contract_combo = _group_combo(
            _("Any contract"), [(contract_label(c), c.value) for c in Contract if c in contracts]
        )
        self.group_count_label = QLabel()
        self.group_count_label.setObjectName("group_count")
        self.group_count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.general_errors = error_label()
        buttons, self.ok_button = ok_cancel(self, _("Create campaign"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(self._form())
        layout.addWidget(self.general_errors)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

        self._fill_templates()
        self.kind_combo.currentIndexChanged.connect(self._fill_templates)
        self.name_edit.textEdited.connect(self._check_name)
        for edit in (self.start_edit, self.end_edit):
            edit.changed.connect(self._period_changed)
        for combo in (self.site_combo, self.department_combo, self.contract_combo):
            combo.currentIndexChanged.connect(self._count_group)
        self._count_group()

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            (_("&Name:"), self.name_edit, self.name_errors),
            (_("&Kind:"), self.kind_combo, None),
            (_("&Template:"), self.template_combo, None),
            (_("&Start:"), self.start_edit, None),
            (_("&End:"), self.end_edit, self.period_errors),
            (_("S&ite:"), self.site_combo, None),
            (_("&Department:"), self.department_combo, None),
            (_("&Contract:"), self.contract_combo, self.group_count_label),
        )
        for text, field, under in rows:
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            if under is not None:
                form.addRow("", under)
        return form

    # -- reading the fields ---------------------------------------------------------------
    def kind(self) -> InterviewKind:
        return InterviewKind(self.kind_combo.currentData())

    def start(self) -> date:
        return self.start_edit.last_good()

    def end(self) -> date:
        return self.end_edit.last_good()

    def draft(self) -> Campaign:
        """The campaign as the fields describe it now (its number is given when saved)."""
        return Campaign(
            id="",
            name=self.name_edit.text().strip(),
            kind=self.kind(),
            start=self.start(),
            end=self.end(),
            template=self.template_combo.currentData(),
            site=self.site_combo.currentData(),
            department=self.department_combo.currentData(),
            contract=self.contract_combo.currentData(),
        )

    # -- live checks ----------------------------------------------------------------------
    def _fill_templates(self) -> None:
        """The templates of the kind chosen: the built-in one first (the default), then the
        company's own copies."""
        kind = self.kind()
        built_in = built_in_template(kind)
        self.template_combo.clear()
        self.template_combo.addItem(
            _("{title} (built-in)").format(title=_(built_in.title)), built_in.key
        )
        for template in self._company.templates:
            if template.kind is kind:
                self.template_combo.addItem(
                    _("{title}, version {version}").format(
                        title=_(template.title), version=template.version
                    ),
                    template.key,
                )
        self.template_combo.setCurrentIndex(0)

    def _name_problems(self) -> list[str]:
        return [] if self.name_edit.text().strip() else [_("Give the campaign a name.")]

    def _period_problems(self) -> list[str]:
        if self.end() < self.start():
            return [_("The campaign cannot end before it starts.")]
        return []

    def _check_name(self) -> None:
        show_messages(self.name_errors, self._name_problems())

    def _period_changed(self) -> None:
        problems = self._period_problems()
        show_messages(self.period_errors, problems)
        enable_or_say_why(self.ok_button, problems)
        self._count_group()

    def _count_group(self) -> None:
        if self._period_problems():
            self.group_count_label.setText("")
            return
        count = len(members(self._company, self.draft()))
        self.group_count_label.setText(
            ngettext(
                "{count} employee in this group over the period",
                "{count} employees in this group over the period",
                count,
            ).format(count=format_number(count))
        )

    # -- saving ---------------------------------------------------------------------------
    def accept(self) -> None:
        """Save the campaign; while a field is wrong, say why and stay open."""
        self._check_name()
        self._period_changed()
        if self._name_problems() or self._period_problems():
            (self.name_edit if self._name_problems() else self.end_edit).setFocus()
            return
        company = self._workspace.require_company()
        campaign = self.draft()
        campaign = replace(campaign, id=new_campaign_id(company, campaign.start))
        try:
            self._workspace.save_campaigns([*company.campaigns, campaign])
        except UserError as error:
            show_messages(self.general_errors, error.user_message.splitlines())
            return
        self.created = campaign
        super().accept()


__all__ = ["CampaignDialog"]
