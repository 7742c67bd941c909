"""The first-run page, shown while the open data file holds no company.

Three ways in: create one's own company (a form, written with ``Workspace.create_company``),
open another data file, or explore the fictitious demo company. Opening a file and writing
the demo are the window's business: this page only asks for them with a signal.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _
from entretien_desktop.services.errors import ChangeRefused, UserError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.changes import show_refusal
from entretien_desktop.ui.widgets.company_form import CompanyForm
from entretien_desktop.ui.widgets.date_fields import dates_valid
from entretien_desktop.ui.widgets.text import heading

_COLUMN_WIDTH = 620


def _centred(column: QWidget) -> QHBoxLayout:
    # Stretches rather than an alignment flag: an aligned widget keeps its size hint,
    # too narrow for wrapped text, which is then cut.
    column.setMaximumWidth(_COLUMN_WIDTH)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(column, 6)
    row.addStretch(1)
    return row


class _Choices(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading(_("Welcome to Entretien Desktop"), 1.6)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        explanation = QLabel(
            _(
                "Entretien Desktop keeps track of your employees' mandatory interviews and "
                "their deadlines. This file holds no company yet: how do you want to start?"
            )
        )
        explanation.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        explanation.setWordWrap(True)
        self.create_button = QCommandLinkButton(
            _("Create my company"), _("Enter your company's name, country and headcount.")
        )
        self.create_button.setObjectName("create_button")
        self.open_button = QCommandLinkButton(
            _("Open an existing file…"), _("A data file made earlier, on this computer or another.")
        )
        self.open_button.setObjectName("open_button")
        self.demo_button = QCommandLinkButton(
            _("Explore the demo company"),
            _("A fictitious joinery of 25 employees, written into this empty file."),
        )
        self.demo_button.setObjectName("demo_button")

        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setSpacing(12)
        column_layout.addWidget(title)
        column_layout.addWidget(explanation)
        column_layout.addSpacing(8)
        for button in (self.create_button, self.open_button, self.demo_button):
            column_layout.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(2)
        layout.addLayout(_centred(column))
        layout.addStretch(3)


class _CreateForm(QWidget):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading(_("Create my company"), 1.3)
        self.form = CompanyForm(today)
        self.general_problem = QLabel()
        self.general_problem.setObjectName("general_problem")
        self.general_problem.setWordWrap(True)
        self.general_problem.setStyleSheet(theme.ERROR_STYLE)
        self.general_problem.hide()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            _("Create the company"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("submit_button")
        self.create_button.setDefault(True)
        self.back_button = QPushButton(_("Back"))
        self.back_button.setObjectName("back_button")
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)

        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(title)
        column_layout.addWidget(self.general_problem)
        column_layout.addWidget(self.form)
        column_layout.addStretch(1)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(24, 24, 24, 12)
        inner_layout.addLayout(_centred(column))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(24, 0, 24, 12)
        bottom_layout.addLayout(_centred(self.buttons))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(bottom)


class WelcomePage(QWidget):
    """The choices, then, for "Create my company", the company form."""

    open_requested = Signal()
    demo_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.workspace = workspace
        self.choices = _Choices()
        self.demo_button = self.choices.demo_button
        self.open_button = self.choices.open_button
        self.create_button = self.choices.create_button
        self.stack = QStackedWidget()
        self.stack.addWidget(self.choices)
        self._create_page: _CreateForm | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.create_button.clicked.connect(self.show_create_form)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)

    @property
    def create_page(self) -> _CreateForm:
        """The company form, built the first time it is needed: its lists of countries
        and currencies in the user's language cost a noticeable part of the start-up."""
        if self._create_page is None:
            page = _CreateForm(self.workspace.today())
            self.stack.addWidget(page)
            page.back_button.clicked.connect(self.show_choices)
            page.create_button.clicked.connect(self.submit)
            self._create_page = page
        return self._create_page

    @property
    def form(self) -> CompanyForm:
        return self.create_page.form

    @property
    def submit_button(self) -> QPushButton:
        return self.create_page.create_button

    def show_choices(self) -> None:
        self.stack.setCurrentWidget(self.choices)
        self.create_button.setFocus()

    def show_create_form(self) -> None:
        self.form.set_company(None)
        self.create_page.general_problem.hide()
        self.stack.setCurrentWidget(self.create_page)
        self.form.name.setFocus()

    def submit(self) -> None:
        """Create the company the form describes; a refused field is shown under it."""
        general = self.create_page.general_problem
        general.hide()
        if not dates_valid(self.form):
            return
        try:
            company = self.form.read()
            self.workspace.create_company(company)
        except ChangeRefused as refused:
            leftover = self.form.show_problems(refused.problems)
            if leftover:
                general.setText("\n".join(p.message for p in leftover))
                general.show()
            self.form.focus_first_problem()
            return
        except UserError as error:
            show_refusal(self, _("The company could not be created"), error)
            return
        self.show_choices()
