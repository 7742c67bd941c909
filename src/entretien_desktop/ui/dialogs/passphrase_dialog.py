"""The dialogs of a file's passphrase: asked to open a protected file (with the file's name
and a "show" toggle; a wrong passphrase is said in the dialog, which stays open with the
text selected), and chosen for a new file, changed or taken away (typed twice, refused
with the reason when too short or different)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _
from entretien_desktop.services.protection import passphrase_problem

Attempt = Callable[[str], str | None]
"""Tries a passphrase: ``None`` when it opened the file, else why not (shown)."""


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    return field


def _show_toggle(fields: list[QLineEdit]) -> QCheckBox:
    toggle = QCheckBox(_("&Show the passphrase"))
    toggle.setObjectName("show_passphrase")

    def show(on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        for field in fields:
            field.setEchoMode(mode)

    toggle.toggled.connect(show)
    return toggle


def _problem_label() -> QLabel:
    label = QLabel()
    label.setObjectName("passphrase_problem")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


class AskPassphraseDialog(QDialog):
    """ "The passphrase of <file>": Open tries it through ``attempt``; a refusal is shown
    and the dialog stays open."""

    def __init__(self, file_name: str, attempt: Attempt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ask_passphrase_dialog")
        self.setWindowTitle(_("Protected file"))
        self._attempt = attempt
        intro = QLabel(
            _("{file} is protected by a passphrase. Type it to open the file.").format(
                file=file_name
            )
        )
        intro.setWordWrap(True)
        self.field = _secret_field("passphrase")
        self.problem = _problem_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_passphrase)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.field)
        layout.addLayout(form)
        layout.addWidget(_show_toggle([self.field]))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.field.setFocus()

    def try_passphrase(self) -> None:
        problem = self._attempt(self.field.text())
        if problem is None:
            self.accept()
            return
        self.problem.setText(problem)
        self.problem.show()
        self.field.setFocus()
        self.field.selectAll()


class ChoosePassphraseDialog(QDialog):
    """A new passphrase typed twice (and, to change or take away the current one, that one
    first, checked with ``current_matches``). ``without``: a button to go on with no
    passphrase (a new file). ``passphrase()`` is the chosen one, ``None`` for none."""

    def __init__(
        self,
        title: str,
        intro: str,
        *,
        current_matches: Callable[[str], bool] | None = None,
        choose_new: bool = True,
        without: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choose_passphrase_dialog")
        self.setWindowTitle(title)
        self._current_matches = current_matches
        self._choose_new = choose_new
        self._chosen: str | None = None
        text = QLabel(intro)
        text.setWordWrap(True)
        self.current = _secret_field("current_passphrase")
        self.new = _secret_field("new_passphrase")
        self.again = _secret_field("passphrase_again")
        form = QFormLayout()
        if current_matches is not None:
            form.addRow(_("&Current passphrase:"), self.current)
        if choose_new:
            form.addRow(_("&New passphrase:"), self.new)
            form.addRow(_("&Again:"), self.again)
        self.problem = _problem_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        if without is not None:
            button = QPushButton(without)
            button.setObjectName("without_passphrase")
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(self._without)
        warning = QLabel(
            _(
                "Write the passphrase down and keep it somewhere safe: without it nobody can "
                "open the file or its backups, and no one can recover it."
            )
        )
        warning.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(_show_toggle([self.current, self.new, self.again]))
        if choose_new:
            layout.addWidget(warning)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        (self.current if current_matches is not None else self.new).setFocus()

    def passphrase(self) -> str | None:
        return self._chosen

    def check(self) -> None:
        if self._current_matches is not None and not self._current_matches(self.current.text()):
            self._refuse(_("The current passphrase is not this file's."), self.current)
            return
        if self._choose_new:
            problem = passphrase_problem(self.new.text(), self.again.text())
            if problem is not None:
                self._refuse(problem, self.new)
                return
            self._chosen = self.new.text()
        self.accept()

    def _without(self) -> None:
        self._chosen = None
        self.accept()

    def _refuse(self, problem: str, field: QLineEdit) -> None:
        self.problem.setText(problem)
        self.problem.show()
        field.setFocus()
        field.selectAll()
