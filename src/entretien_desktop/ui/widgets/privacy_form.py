"""The settings' box of what the company tells employees about their data (GDPR): the
contact, the purposes, the legal bases, the recipients and the retention, printed at the
head of an employee's dossier (services/privacy.py).

Each text shows the default wording until someone changes it; a text left as the default
(in the current language) is kept as "default", so that it follows the reader's language.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from entretien_desktop.domain import Privacy, limits
from entretien_desktop.domain.model import PRIVACY_TEXTS
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.services import privacy as wording
from entretien_desktop.ui.widgets.company_form import count_spin


def _years_suffix(count: int) -> str:
    return ngettext(" year after leaving", " years after leaving", count)


class PrivacyForm(QGroupBox):
    """The company's privacy information, read as a ``Privacy``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Personal data (GDPR)"), parent)
        self.setObjectName("privacy_box")
        self._loading = False
        self._years_shown = wording.DEFAULT_RETENTION_YEARS
        form = QFormLayout(self)
        note = QLabel(
            _(
                "Printed at the head of an employee's dossier, with their rights and the "
                "right to complain to the data protection authority. Change the texts to "
                "fit the company; a text left as it is follows the reader's language."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.contact = QLineEdit()
        self.contact.setObjectName("privacy_contact")
        self.contact.setMaxLength(limits.MAX_NAME)
        self.contact.setPlaceholderText(_("Data protection officer or contact (optional)"))
        form.addRow(_("Contact:"), self.contact)
        labels = {
            "purposes": _("Purposes:"),
            "legal_bases": _("Legal bases:"),
            "recipients": _("Recipients:"),
            "retention": _("Retention:"),
        }
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in PRIVACY_TEXTS:
            editor = QPlainTextEdit()
            editor.setObjectName(f"privacy_{name}")
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 6 + 12)
            editor.textChanged.connect(self._edited)
            self.texts[name] = editor
            form.addRow(labels[name], editor)
        self.years: QSpinBox = count_spin(*limits.RETENTION_YEARS, _years_suffix)
        self.years.setObjectName("privacy_retention_years")
        self.years.valueChanged.connect(self._years_changed)
        form.addRow(_("Interview records kept:"), self.years)
        self.contact.textChanged.connect(self._edited)

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _years_changed(self, years: int) -> None:
        # A retention text still at its default wording follows the number of years.
        editor = self.texts["retention"]
        if editor.toPlainText() == wording.default_retention(self._years_shown):
            editor.setPlainText(wording.default_retention(years))
        self._years_shown = years
        self._edited()

    def set_privacy(self, privacy: Privacy) -> None:
        self._loading = True
        try:
            self.contact.setText(privacy.contact)
            self.years.setValue(wording.retention_years(privacy))
            self._years_shown = self.years.value()
            for name, editor in self.texts.items():
                editor.setPlainText(wording.text_of(privacy, name))
        finally:
            self._loading = False

    def read(self, before: Privacy) -> Privacy:
        """The privacy information on screen: a text equal to its default wording is kept
        as the default (``None``), unless it had been chosen before."""
        years = self.years.value()
        as_if = Privacy(retention_years=years)
        texts: dict[str, str | None] = {}
        for name, editor in self.texts.items():
            text = editor.toPlainText().strip()
            default = wording.DEFAULT_TEXTS[name](as_if)
            texts[name] = None if text in ("", default) else text
        chosen_years = None if years == wording.DEFAULT_RETENTION_YEARS else years
        if before.retention_years is not None:
            chosen_years = years
        return Privacy(
            contact=self.contact.text().strip(),
            retention_years=chosen_years,
            **texts,
        )
