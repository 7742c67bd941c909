"""The main window: title, menu and status bar around the page of the open data file.

While the file holds no company, the window shows a welcome page offering the demo company;
once it holds one, it shows that company's page (a plain summary until the dashboard comes).
Everything the window needs (how to read the summary, how to create the demo) is handed to
its constructor, so tests build it with fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.register import RegisterSummary

APPLICATION_TITLE = "Entretien Desktop"
DEFAULT_SIZE = (960, 640)
GEOMETRY_KEY = "main_window/geometry"
_TEXT_COLUMN_WIDTH = 560


def _heading(text: str, scale: float) -> QLabel:
    label = QLabel(text)
    font = label.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WelcomePage(QWidget):
    """Shown while the data file is empty: what the application does, and the demo button."""

    def __init__(self, on_explore_demo: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome_page")
        heading = _heading(_("Welcome to Entretien Desktop"), 1.6)
        heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        heading.setWordWrap(True)
        explanation = QLabel(
            _(
                "This file holds no company yet. Explore a fictitious company to see how "
                "Entretien Desktop keeps track of employees, their interviews and deadlines."
            )
        )
        explanation.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        explanation.setWordWrap(True)
        self.demo_button = QPushButton(_("Explore the demo company"))
        self.demo_button.setObjectName("demo_button")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(on_explore_demo)

        column = QWidget()
        column.setMaximumWidth(_TEXT_COLUMN_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setSpacing(16)
        column_layout.addWidget(heading)
        column_layout.addWidget(explanation)
        column_layout.addSpacing(8)
        column_layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignHCenter)

        # Stretches rather than an alignment flag: an aligned widget keeps its size hint,
        # too narrow for the wrapped text, which is then cut.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)


class CompanyPage(QWidget):
    """Shown once the file holds a company: its name and how many employees it has."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("company_page")
        self.name_label = _heading("", 1.6)
        self.name_label.setObjectName("company_name")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setWordWrap(True)
        self.employees_label = QLabel()
        self.employees_label.setObjectName("employee_count")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(8)
        layout.addWidget(self.name_label)
        layout.addWidget(self.employees_label)
        layout.addStretch(1)

    def show_summary(self, summary: RegisterSummary) -> None:
        self.name_label.setText(summary.company_name or "")
        self.employees_label.setText(
            ngettext("{count} employee", "{count} employees", summary.employees).format(
                count=format_number(summary.employees)
            )
        )


class MainWindow(QMainWindow):
    """The application's window for one open data file.

    ``summary_provider`` answers what the file holds now; ``create_demo`` fills an empty file
    with the demo company. Exceptions of a type in ``user_errors`` carry a message meant for
    the user (a locked or full file...) and are shown in a dialog; any other propagates.
    With ``settings``, the window's geometry is restored on opening and saved on closing.
    """

    def __init__(
        self,
        database_path: Path,
        summary_provider: Callable[[], RegisterSummary],
        create_demo: Callable[[], object],
        *,
        settings: QSettings | None = None,
        user_errors: tuple[type[Exception], ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._summary_provider = summary_provider
        self._create_demo = create_demo
        self._settings = settings
        self._user_errors = user_errors

        self.welcome_page = WelcomePage(self._explore_demo)
        self.company_page = CompanyPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(self.company_page)
        self.setCentralWidget(self.pages)

        self._build_menus()
        self.path_label = self._build_status_bar(database_path)
        self._restore_geometry()
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action

    def _build_status_bar(self, database_path: Path) -> QLabel:
        label = QLabel(_("Data file: {path}").format(path=database_path))
        label.setObjectName("database_path")
        label.setToolTip(str(database_path))
        # A long path is cut at the window's edge rather than widening the window.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(label, 1)
        return label

    def _restore_geometry(self) -> None:
        saved = self._settings.value(GEOMETRY_KEY) if self._settings is not None else None
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(*DEFAULT_SIZE)

    def refresh(self) -> None:
        """Read the file's summary again and show the matching title and page."""
        summary = self._summary_provider()
        if summary.company_name is None:
            self.setWindowTitle(APPLICATION_TITLE)
            self.pages.setCurrentWidget(self.welcome_page)
        else:
            self.setWindowTitle(f"{APPLICATION_TITLE} — {summary.company_name}")
            self.company_page.show_summary(summary)
            self.pages.setCurrentWidget(self.company_page)

    def _explore_demo(self) -> None:
        problem: str | None = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._create_demo()
        except self._user_errors as error:
            problem = str(error)
        finally:
            QApplication.restoreOverrideCursor()
        if problem is not None:
            QMessageBox.warning(self, _("The demo company could not be created"), problem)
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settings is not None:
            self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            self._settings.sync()
        super().closeEvent(event)
