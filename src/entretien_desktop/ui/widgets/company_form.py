"""The company's own data as a form, shared by the first-run page and the settings page.

Name, postal address, SIRET, who signs the letters, country, currency, legal headcount and
its date, the interview agreement and the company's policies, each with the day it was
adopted. The currency follows the country (babel's currency of the territory) until the user
picks another one. ``read`` turns the fields into a ``Company`` (refusing what cannot be one
with ``ChangeRefused``: a SIRET whose checksum is wrong says so), and ``show_problems`` puts
each refused field's reason under it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from babel import Locale
from babel.numbers import get_territory_currencies, list_currencies
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, InterviewAgreement, Policy, PolicyKind, limits
from entretien_desktop.domain.enums import FRANCE
from entretien_desktop.domain.siret import normal_siret, siret_problem, siret_text
from entretien_desktop.i18n import _, current_language, ngettext
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.date_fields import (
    DateEdit,
    OptionalDateField,
    make_date_edit,
)

# Codes babel names that are not countries (regions, pseudo-locales, reserved codes).
_NOT_COUNTRIES = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
_Editor = TypeVar("_Editor", bound=QWidget)
DEFAULT_AGREEMENT_MONTHS = 24
_POLICY_DEFAULT_MONTHS = {PolicyKind.ANNUAL_REVIEW: 12, PolicyKind.CAREER_CONVERSATION: 24}
DEFAULT_CURRENCY = "EUR"
COMMON_CURRENCIES = ("EUR", "NOK", "SEK", "DKK", "CHF", "GBP", "USD")
"""Offered first, in this order; every other currency babel knows follows, by name."""


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_names() -> list[tuple[str, str]]:
    """(code, name) of every country in the current language: France first, then by name."""
    territories: Mapping[str, str] = Locale.parse(current_language()).territories
    countries = {
        code: str(name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    first = [(FRANCE, countries.pop(FRANCE, FRANCE))]
    return first + sorted(countries.items(), key=lambda item: _sort_key(item[1]))


def currency_names() -> list[tuple[str, str]]:
    """(code, label) of every currency babel knows, in the current language: the common
    ones first, then the others by name; a label is the currency's name and its code."""
    names: Mapping[str, str] = Locale.parse(current_language()).currencies
    labels = {
        code: _("{name} ({code})").format(name=names.get(code, code), code=code)
        for code in (str(code) for code in list_currencies())
    }
    first = [(code, labels.pop(code)) for code in COMMON_CURRENCIES]
    return first + sorted(labels.items(), key=lambda item: _sort_key(item[1]))


def country_currency(country: str, today: date) -> str:
    """The currency of ``country`` on ``today`` as babel knows it (``NO`` -> ``NOK``); the
    euro when babel knows none."""
    known = list_currencies()
    found = get_territory_currencies(country, today, tender=True) if country else []
    return next((str(code) for code in found if code in known), DEFAULT_CURRENCY)


def months_suffix(count: int) -> str:
    return ngettext(" month", " months", count)


def days_suffix(count: int) -> str:
    return ngettext(" day", " days", count)


def count_spin(low: int, high: int, suffix: Callable[[int], str] | None = None) -> QSpinBox:
    """A spin box as wide as its largest value, with a unit that agrees with the number."""
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    if suffix is not None:
        spin.setSuffix(suffix(spin.value()))
        spin.valueChanged.connect(lambda value: spin.setSuffix(suffix(value)))
    return spin


def compact(editor: _Editor) -> _Editor:
    """Keep ``editor`` at its natural width instead of the whole column's."""
    editor.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return editor


def problem_label() -> QLabel:
    """A red line under a field, hidden until the field is refused."""
    label = QLabel()
    label.setObjectName("field_problem")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(theme.ERROR_STYLE)
    label.hide()
    return label


def with_problem(editor: QWidget, problem: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    layout.addWidget(problem)
    return box


def field_key(field: str) -> str:
    """``interview_agreement.until`` -> ``interview_agreement``; ``policies[1]`` -> ``policies``."""
    return field.split(".", 1)[0].split("[", 1)[0]


class CompanyForm(QWidget):
    """Every field of the company's own data; its employees are not part of it."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._loading = False
        self.problems: dict[str, QLabel] = {}

        self.name = QLineEdit()
        self.name.setObjectName("company_name")
        self.name.setMaxLength(limits.MAX_NAME)
        self.country = QComboBox()
        self.country.setObjectName("company_country")
        for code, name in country_names():
            self.country.addItem(name, code)
        self.country.insertSeparator(1)
        self.currency = QComboBox()
        self.currency.setObjectName("company_currency")
        self.currency.setToolTip(
            _(
                "The currency of the company's own money, such as training costs. "
                "Amounts set by French law stay in euros."
            )
        )
        for code, label in currency_names():
            self.currency.addItem(label, code)
        self.currency.insertSeparator(len(COMMON_CURRENCIES))
        self._currency_picked = False
        """Whether the user chose a currency other than the country's own: it then stays
        when the country changes."""
        self.headcount = count_spin(*limits.HEADCOUNT)
        self.headcount.setObjectName("company_headcount")
        self.headcount.setToolTip(
            _("The legal headcount, counted as the law counts it, not the number of rows.")
        )
        self.headcount_date = OptionalDateField(_("Counted on"), today, today)
        self.headcount_date.setObjectName("company_headcount_date")
        compact(self.headcount_date)

        self._letter_fields()

        company_box = QGroupBox(_("Company"))
        company_form = QFormLayout(company_box)
        company_form.addRow(_("Name:"), self._field("name", self.name))
        company_form.addRow(_("Postal address:"), self._field("address", self.address))
        company_form.addRow(_("SIRET:"), self._field("siret", self.siret))
        company_form.addRow(
            _("Letters signed by:"), self._field("signatory_name", self.signatory_name)
        )
        company_form.addRow(
            _("Signatory's title:"), self._field("signatory_title", self.signatory_title)
        )
        company_form.addRow(_("Country:"), self._field("country", self.country))
        company_form.addRow(_("Currency:"), self._field("currency", self.currency))
        company_form.addRow(_("Legal headcount:"), self._field("headcount", self.headcount))
        company_form.addRow("", self._field("headcount_date", self.headcount_date))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(company_box)
        layout.addWidget(self._agreement_box())
        layout.addWidget(self._policies_box())
        self._connect_changes()

    def _letter_fields(self) -> None:
        """What the letters print about the company: its address, SIRET, signatory."""
        self.address = QPlainTextEdit()
        self.address.setObjectName("company_address")
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(_("Street\nPostcode and city"))
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 4 + 12)
        self.address.setToolTip(
            _("Printed on the letters; the last line's city is where a letter is made.")
        )
        self.siret = compact(QLineEdit())
        self.siret.setObjectName("company_siret")
        self.siret.setMaxLength(20)
        self.siret.setPlaceholderText("732 829 320 00074")
        self.siret.setToolTip(_("The establishment's SIRET: 14 digits (optional)."))
        self.signatory_name = QLineEdit()
        self.signatory_name.setObjectName("company_signatory_name")
        self.signatory_name.setMaxLength(limits.MAX_NAME)
        self.signatory_title = QLineEdit()
        self.signatory_title.setObjectName("company_signatory_title")
        self.signatory_title.setMaxLength(limits.MAX_NAME)
        self.signatory_title.setPlaceholderText(_("Managing director"))

    def _field(self, key: str, editor: QWidget) -> QWidget:
        self.problems[key] = problem_label()
        return with_problem(editor, self.problems[key])

    def _agreement_box(self) -> QGroupBox:
        box = QGroupBox(_("Interview agreement (company or branch)"))
        box.setObjectName("agreement_box")
        box.setCheckable(True)
        box.setChecked(False)
        self.agreement = box
        self.agreement_months = count_spin(*limits.PERIOD_MONTHS, months_suffix)
        self.agreement_months.setObjectName("agreement_months")
        self.agreement_months.setValue(DEFAULT_AGREEMENT_MONTHS)
        self.agreement_since = compact(make_date_edit(self._today))
        self.agreement_since.setObjectName("agreement_since")
        self.agreement_until = OptionalDateField(_("Ends on"), None, self._today)
        self.agreement_until.setObjectName("agreement_until")
        compact(self.agreement_until)
        form = QFormLayout(box)
        help_text = QLabel(
            _("An agreement may set another periodicity for the professional interviews.")
        )
        help_text.setWordWrap(True)
        form.addRow(help_text)
        form.addRow(_("Interviews every:"), self.agreement_months)
        form.addRow(_("Signed on:"), self.agreement_since)
        form.addRow("", self._field("interview_agreement", self.agreement_until))
        return box

    def _policies_box(self) -> QGroupBox:
        box = QGroupBox(_("Company policies"))
        form = QFormLayout(box)
        help_text = QLabel(_("Interviews the company holds by its own rule, beyond the law."))
        help_text.setWordWrap(True)
        form.addRow(help_text)
        texts = {
            PolicyKind.ANNUAL_REVIEW: _("Annual review every"),
            PolicyKind.CAREER_CONVERSATION: _("Career conversation every"),
        }
        self.policy_checks: dict[PolicyKind, QCheckBox] = {}
        self.policy_months: dict[PolicyKind, QSpinBox] = {}
        self.policy_since: dict[PolicyKind, DateEdit] = {}
        for kind in PolicyKind:
            check = QCheckBox(texts[kind])
            check.setObjectName(f"policy_{kind.value}")
            months = count_spin(*limits.PERIOD_MONTHS, months_suffix)
            months.setObjectName(f"policy_{kind.value}_months")
            months.setValue(_POLICY_DEFAULT_MONTHS[kind])
            since = self._policy_since_edit(kind)
            since_label = QLabel(_("since"))
            since_label.setBuddy(since)
            since_label.setToolTip(since.toolTip())
            for editor in (months, since_label, since):
                editor.setEnabled(False)
                check.toggled.connect(editor.setEnabled)
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(months)
            row.addWidget(since_label)
            row.addWidget(since)
            row.addStretch(1)
            form.addRow(row)
            self.policy_checks[kind], self.policy_months[kind] = check, months
            self.policy_since[kind] = since
        self.problems["policies"] = problem_label()
        form.addRow(self.problems["policies"])
        return box

    def _policy_since_edit(self, kind: PolicyKind) -> DateEdit:
        """The day the company adopted a policy: today for a new one, so that adopting a
        policy never makes anyone late for the years before it."""
        since = compact(make_date_edit(self._today))
        since.setObjectName(f"policy_{kind.value}_since")
        since.setToolTip(
            _(
                "The day the company adopted this policy. Nothing is owed for the time "
                "before: the first interview is due a full period after this day, or after "
                "the hire for someone hired later."
            )
        )
        return since

    def _connect_changes(self) -> None:
        # A refused field's reason goes as soon as the field is edited.
        self.name.textEdited.connect(self.problems["name"].hide)
        self.headcount.valueChanged.connect(self.problems["headcount"].hide)
        self.headcount_date.changed.connect(self.problems["headcount_date"].hide)
        self.agreement_until.changed.connect(self.problems["interview_agreement"].hide)
        self.agreement_since.changed.connect(self.problems["interview_agreement"].hide)
        self.name.textChanged.connect(self._edited)
        self.siret.textEdited.connect(self.problems["siret"].hide)
        for editor in (self.address, self.siret, self.signatory_name, self.signatory_title):
            editor.textChanged.connect(self._edited)
        self.country.currentIndexChanged.connect(self._country_changed)
        self.country.currentIndexChanged.connect(self._edited)
        self.currency.activated.connect(self._currency_activated)
        self.currency.currentIndexChanged.connect(self._edited)
        self.headcount.valueChanged.connect(self._edited)
        self.headcount_date.changed.connect(self._edited)
        self.agreement.toggled.connect(self._edited)
        self.agreement_months.valueChanged.connect(self._edited)
        self.agreement_since.changed.connect(self._edited)
        self.agreement_until.changed.connect(self._edited)
        for kind in PolicyKind:
            self.policy_checks[kind].toggled.connect(self._edited)
            self.policy_months[kind].valueChanged.connect(self._edited)
            self.policy_since[kind].changed.connect(self._edited)

    # -- values ---------------------------------------------------------------------------
    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _country_changed(self) -> None:
        # The currency follows the country unless the user picked another one.
        if not self._currency_picked:
            self._select_currency(country_currency(self._country_code(), self._today))

    def _currency_activated(self, _index: int) -> None:
        # Picking the country's own currency again lets it follow the country once more.
        chosen = str(self.currency.currentData())
        self._currency_picked = chosen != country_currency(self._country_code(), self._today)

    def _country_code(self) -> str:
        return str(self.country.currentData() or FRANCE)

    def set_company(self, company: Company | None) -> None:
        """Show ``company``'s data, or a blank French company; ``changed`` stays quiet."""
        self._loading = True
        try:
            self._fill(company)
        finally:
            self._loading = False
        self.clear_problems()

    def _fill(self, company: Company | None) -> None:
        self.name.setText(company.name if company else "")
        self.address.setPlainText(company.address if company else "")
        self.siret.setText(siret_text(company.siret) if company else "")
        self.signatory_name.setText(company.signatory_name if company else "")
        self.signatory_title.setText(company.signatory_title if company else "")
        self._select_country(company.country if company else FRANCE)
        currency = company.currency if company else country_currency(FRANCE, self._today)
        self._select_currency(currency)
        self._currency_picked = currency != country_currency(self._country_code(), self._today)
        self.headcount.setValue(company.headcount if company else 0)
        self.headcount_date.set_value(company.headcount_date if company else self._today)
        agreement = company.interview_agreement if company else None
        self.agreement.setChecked(agreement is not None)
        self.agreement_months.setValue(
            agreement.periodicity_months if agreement else DEFAULT_AGREEMENT_MONTHS
        )
        self.agreement_since.set_value(agreement.since if agreement else self._today)
        self.agreement_until.set_value(agreement.until if agreement else None)
        policies = {p.kind: p for p in company.policies} if company else {}
        for kind in PolicyKind:
            policy = policies.get(kind)
            self.policy_checks[kind].setChecked(policy is not None)
            self.policy_months[kind].setValue(
                policy.every_months if policy else _POLICY_DEFAULT_MONTHS[kind]
            )
            self.policy_since[kind].set_value(policy.since if policy else self._today)

    def _select_country(self, code: str) -> None:
        index = self.country.findData(code)
        if index < 0:
            self.country.addItem(code, code)
            index = self.country.count() - 1
        self.country.setCurrentIndex(index)

    def _select_currency(self, code: str) -> None:
        index = self.currency.findData(code)
        if index < 0:
            self.currency.addItem(code, code)
            index = self.currency.count() - 1
        self.currency.setCurrentIndex(index)

    def read(self, base: Company | None = None) -> Company:
        """The company the fields describe, built on ``base`` (its settings, employees)."""
        problems: list[FieldProblem] = []
        name = self.name.text().strip()
        if not name:
            problems.append(FieldProblem("name", _("The company name is required.")))
        siret = normal_siret(self.siret.text())
        siret_refused = siret_problem(siret)
        if siret_refused is not None:
            problems.append(FieldProblem("siret", siret_refused))
        agreement: InterviewAgreement | None = None
        if self.agreement.isChecked():
            since = self.agreement_since.last_good()
            until = self.agreement_until.value()
            if until is not None and until < since:
                problems.append(
                    FieldProblem(
                        "interview_agreement.until",
                        _("The agreement cannot end before it was signed."),
                    )
                )
            agreement = InterviewAgreement(self.agreement_months.value(), since, until)
        if problems:
            raise ChangeRefused(problems)
        policies = tuple(
            Policy(kind, self.policy_months[kind].value(), self.policy_since[kind].last_good())
            for kind in PolicyKind
            if self.policy_checks[kind].isChecked()
        )
        return replace(
            base or Company(name, FRANCE, 0),
            name=name,
            country=str(self.country.currentData()),
            currency=str(self.currency.currentData()),
            headcount=self.headcount.value(),
            headcount_date=self.headcount_date.value(),
            interview_agreement=agreement,
            policies=policies,
            address="\n".join(
                line.strip() for line in self.address.toPlainText().splitlines() if line.strip()
            ),
            siret=siret,
            signatory_name=self.signatory_name.text().strip(),
            signatory_title=self.signatory_title.text().strip(),
        )

    # -- problems -------------------------------------------------------------------------
    def clear_problems(self) -> None:
        for label in self.problems.values():
            label.clear()
            label.hide()

    def show_problems(self, problems: Sequence[FieldProblem]) -> list[FieldProblem]:
        """Show each problem under its field; returns those of fields this form lacks."""
        self.clear_problems()
        elsewhere: list[FieldProblem] = []
        for problem in problems:
            label = self.problems.get(field_key(problem.field))
            if label is None:
                elsewhere.append(problem)
                continue
            label.setText("\n".join(filter(None, (label.text(), problem.message))))
            label.show()
        return elsewhere

    def focus_first_problem(self) -> None:
        editors = {
            "name": self.name,
            "address": self.address,
            "siret": self.siret,
            "signatory_name": self.signatory_name,
            "signatory_title": self.signatory_title,
            "country": self.country,
            "currency": self.currency,
            "headcount": self.headcount,
            "headcount_date": self.headcount_date,
            "interview_agreement": self.agreement_until,
            "policies": next(iter(self.policy_checks.values())),
        }
        for key, editor in editors.items():
            if self.problems[key].isVisible() or self.problems[key].text():
                editor.setFocus()
                return
