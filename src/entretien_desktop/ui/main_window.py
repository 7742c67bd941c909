"""The main window around one open data file: navigation between the pages, menus, status.

While the file holds no company, the central area is the welcome page; once it holds one,
a navigation list (Dashboard, Employees, Interviews, Campaigns, Training plan, Settings)
and the page chosen. Everything comes in through the constructor: the workspace and its
obligations feed, the pages already built, the interface's ``QSettings``, and the file
operations (open, new, save a copy, write the demo: ``FileActions``), so that tests build
the window with fakes.

File › Print… (Ctrl+P) prints what the current page is about: the selected interview's
report on the Interviews page, the employee's dossier on an employee's page, the training
plan on its page, the skills matrix of the filter chosen on the Skills page, the compliance
register elsewhere; it opens the report viewer, then the print dialog over it.

File › Lock now (Ctrl+L), and some minutes without input (a setting of this computer), lock
the window: the typing is saved, then every name is hidden behind a lock screen until the
passphrase of the file, or a confirmation when it has none, is given (``ui/idle_lock.py``,
which also describes ``set_passphrase_check``, the passphrase's interface).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from entretien_desktop import __version__
from entretien_desktop.i18n import _, current_language, ngettext
from entretien_desktop.services.errors import StorageError, UserError
from entretien_desktop.services.skills_grid import MatrixFilter
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import show_refusal
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.file_menu import FileActions, FileMenu, run_file_action
from entretien_desktop.ui.idle_lock import IdleLock, PassphraseCheck, idle_minutes
from entretien_desktop.ui.reports.skills_outputs import (
    SkillsMatrixOutputs,
    skills_matrix_document,
)

if TYPE_CHECKING:
    from entretien_desktop.ui.pages.campaigns_page import CampaignsPage
    from entretien_desktop.ui.pages.dashboard_page import DashboardPage
    from entretien_desktop.ui.pages.employee_page import EmployeePage
    from entretien_desktop.ui.pages.employees_page import EmployeesPage
    from entretien_desktop.ui.pages.interviews_page import InterviewsPage
    from entretien_desktop.ui.pages.settings_page import SettingsPage
    from entretien_desktop.ui.pages.skills_page import SkillsPage
    from entretien_desktop.ui.pages.training_page import TrainingPlanPage
    from entretien_desktop.ui.pages.welcome import WelcomePage
    from entretien_desktop.ui.reports.report_documents import ReportDocument

APPLICATION_TITLE = "Entretien Desktop"
DEFAULT_SIZE = (1100, 720)
GEOMETRY_KEY = "main_window/geometry"


def default_size(available: QSize) -> tuple[int, int]:
    """The first window's size: ``DEFAULT_SIZE``, within a smaller screen (a 1024 x 768
    laptop screen gets the whole of it rather than a window running off its edge)."""
    width, height = DEFAULT_SIZE
    return min(width, available.width()), min(height, available.height())


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pages:
    """The pages of one open file, built by the composition root."""

    welcome: WelcomePage
    dashboard: DashboardPage
    employees: EmployeesPage
    interviews: InterviewsPage
    campaigns: CampaignsPage
    training: TrainingPlanPage
    settings: SettingsPage
    employee: EmployeePage
    skills: SkillsPage | None = None
    """The skills map (issue 21): after the other pages in the navigation, Ctrl+7."""


class MainWindow(QMainWindow):
    """The application's window for one open data file."""

    report_opened = Signal(object)
    """File › Print… just opened a report viewer."""

    def __init__(
        self,
        workspace: Workspace,
        feed: ObligationsFeed,
        pages: Pages,
        settings: QSettings,
        files: FileActions,
        *,
        check_passphrase: PassphraseCheck | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.feed, self.pages = workspace, feed, pages
        self.settings, self.files = settings, files
        self._previous_page: QWidget | None = None
        self._saved = False
        self._busy = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.page_stack = QStackedWidget()
        self.nav_pages: list[QWidget] = [
            pages.dashboard,
            pages.employees,
            pages.interviews,
            pages.campaigns,
            pages.training,
            pages.settings,
        ]
        for title, page in zip(self._page_titles(), self.nav_pages, strict=True):
            self.navigation.addItem(title)
            self.page_stack.addWidget(page)
        if pages.skills is not None:  # the skills map (issue 21)
            self.nav_pages.append(pages.skills)
            self.navigation.addItem(_("Skills"))
            self.page_stack.addWidget(pages.skills)
        self.page_stack.addWidget(pages.employee)
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { background: palette(window);"
            " border-right: 1px solid palette(mid); outline: 0; }"
            "QListWidget#navigation::item { padding: 7px 14px; }"
        )
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 24)
        self.navigation.currentRowChanged.connect(self._navigated)
        self.workbench = QWidget()
        row = QHBoxLayout(self.workbench)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.page_stack, 1)
        self.central = QStackedWidget()
        self.central.addWidget(pages.welcome)
        self.central.addWidget(self.workbench)
        self.setCentralWidget(self.central)
        self.idle_lock = IdleLock(
            self,
            self.central,
            title=APPLICATION_TITLE,
            save_work=workspace.flush_drafts,
            minutes=idle_minutes(settings),
            check_passphrase=check_passphrase,
        )
        self.idle_lock.unlocked.connect(self.refresh)

        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._restore_geometry()
        self.navigation.setCurrentRow(0)
        self.refresh()

    @staticmethod
    def _page_titles() -> list[str]:
        return [
            _("Dashboard"),
            _("Employees"),
            _("Interviews"),
            _("Campaigns"),
            _("Training plan"),
            _("Settings"),
        ]

    # -- building -------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))

        def trigger(_checked: bool = False) -> None:
            slot()  # a slot returns nothing (QWidget.close answers a bool)

        action.triggered.connect(trigger)
        return action

    def _page_opener(self, index: int) -> Callable[[], None]:
        return lambda: self.show_page(index)

    def _build_menus(self) -> None:
        self.file_menu = FileMenu(self, self.workspace.path, self.settings, self.files)
        self.file_menu.file_key = lambda: self.workspace.database.key
        self.file_menu.copy_saved.connect(self._copy_saved)
        self.file_menu.print_requested.connect(self.print_current_page)
        self.file_menu.verify_requested.connect(self.verify_report)
        self.file_menu.journal_requested.connect(self.show_journal)
        self.file_menu.purge_requested.connect(self.show_purge)
        self.file_menu.import_sheet_requested.connect(self.show_sheet_import)
        self.file_menu.check_requested.connect(self.check_file)
        self.file_menu.lock_requested.connect(self.idle_lock.lock)
        self.file_menu.dsn_import_requested.connect(self.show_dsn_import)
        self.pages.welcome.open_requested.connect(self.file_menu.open_file_dialog)

        self.edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self._action(_("&Undo"), self.undo)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(_("&Redo"), self.redo)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)

        self.go_menu = self.menuBar().addMenu(_("&Go"))
        self.page_actions: list[QAction] = []
        for index, title in enumerate(self._page_titles()):
            action = self._action(title, self._page_opener(index), f"Ctrl+{index + 1}")
            self.go_menu.addAction(action)
            self.page_actions.append(action)
        if self.pages.skills is not None:  # the skills map (issue 21)
            index = len(self.page_actions)
            action = self._action(_("Skills"), self._page_opener(index), f"Ctrl+{index + 1}")
            self.go_menu.addAction(action)
            self.page_actions.append(action)

        self.employees_menu = self.menuBar().addMenu(_("&Employees"))
        self.new_employee_action = self._action(_("&New employee…"), self.new_employee, "Ctrl+N")
        self.find_employee_action = self._action(_("&Find an employee"), self.find_employee)
        self.find_employee_action.setShortcut(QKeySequence("Ctrl+F"))
        self.employees_menu.addAction(self.new_employee_action)
        self.employees_menu.addAction(self.find_employee_action)

        # The skills matrix printed or exported (issue 21, ui/reports/skills_outputs.py).
        self.skills_outputs = SkillsMatrixOutputs(self, self.workspace, self._matrix_filter)
        self.file_menu.menu.insertActions(
            self.file_menu.verify_action, self.skills_outputs.actions()
        )
        self.file_menu.menu.aboutToShow.connect(self.skills_outputs.update_enabled)

        help_menu = self.menuBar().addMenu(_("&Help"))
        self.about_action = self._action(_("&About Entretien Desktop"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.path_label = QLabel(_("Data file: {path}").format(path=self.workspace.path))
        self.path_label.setObjectName("database_path")
        self.path_label.setToolTip(str(self.workspace.path))
        # A long path is cut at the window's edge rather than widening the window.
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("file_state")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.state_label)

    def _connect(self) -> None:
        self.workspace.add_listener(self._workspace_changed)
        self.feed.busy_changed.connect(self._busy_changed)
        self.feed.failed.connect(self._feed_failed)
        self.pages.welcome.demo_requested.connect(self.explore_demo)
        for page in (
            self.pages.dashboard,
            self.pages.employees,
            self.pages.interviews,
            self.pages.campaigns,
            self.pages.training,
        ):
            page.employee_activated.connect(self.show_employee)
        self.pages.employee.back_requested.connect(self.go_back)
        self.pages.settings.idle_lock_changed.connect(self.idle_lock.set_minutes)

    def _restore_geometry(self) -> None:
        saved = self.settings.value(GEOMETRY_KEY)
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(*default_size(self.screen().availableGeometry().size()))

    # -- state ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Match the title, the central area and the actions to the file's company (once
        unlocked: the lock screen shows neither)."""
        if self.idle_lock.is_locked:
            return
        company = self.workspace.summary().company_name
        if company is None:
            self.setWindowTitle(APPLICATION_TITLE)
            self.central.setCurrentWidget(self.pages.welcome)
        else:
            self.setWindowTitle(f"{APPLICATION_TITLE} — {company}")
            self.central.setCurrentWidget(self.workbench)
        # The pages' menus mean nothing on the welcome page.
        self.edit_menu.menuAction().setVisible(company is not None)
        self.go_menu.menuAction().setVisible(company is not None)
        self.employees_menu.menuAction().setVisible(company is not None)
        for action in (
            *self.page_actions,
            self.new_employee_action,
            self.find_employee_action,
            self.file_menu.save_copy_action,
            self.file_menu.print_action,
            self.file_menu.purge_action,
        ):
            action.setEnabled(company is not None)
        self._update_undo_actions()
        # On a server's database (docs/server.md): named, the file-only actions off.
        if getattr(self.workspace.database, "url", None) is not None:
            from entretien_desktop.ui.server_window import show_server_state  # noqa: PLC0415

            show_server_state(self)

    def _update_undo_actions(self) -> None:
        """Say in the Edit menu what Undo and Redo would take back or do again."""
        history = self.workspace.history
        for action, step, bare, naming in (
            (self.undo_action, history.next_undo, _("&Undo"), _("&Undo {change}")),
            (self.redo_action, history.next_redo, _("&Redo"), _("&Redo {change}")),
        ):
            action.setEnabled(step is not None)
            action.setText(bare if step is None else naming.format(change=step.describe()))

    def undo(self) -> None:
        """Take back the latest change (Ctrl+Z), or say why it cannot be."""
        self._replay(self.workspace.undo, _("Undone: {change}"), _("Cannot undo"))

    def redo(self) -> None:
        self._replay(self.workspace.redo, _("Redone: {change}"), _("Cannot redo"))

    def _replay(self, step: Callable[[], str], done: str, refused_title: str) -> None:
        try:
            change = step()
        except UserError as error:
            self._update_undo_actions()
            show_refusal(self, refused_title, error)
            return
        self.statusBar().showMessage(done.format(change=change), 8000)

    def _workspace_changed(self) -> None:
        self._saved = True
        self._show_state()
        self.refresh()

    def _busy_changed(self, busy: bool) -> None:
        self._busy = busy
        self._show_state()

    def _show_state(self) -> None:
        if self._busy:
            self.state_label.setText(_("Updating obligations…"))
        else:
            self.state_label.setText(_("Saved") if self._saved else "")

    def _feed_failed(self, message: str) -> None:
        """The worker logged what happened; the window says it (a bug: see the log)."""
        self.state_label.setText(
            message or _("The obligations could not be computed; see the log.")
        )

    def set_passphrase_check(self, check: PassphraseCheck | None) -> None:
        """How the lock screen checks the passphrase typed (``None``: the file has none,
        a confirmation unlocks); see ``ui/idle_lock.py``."""
        self.idle_lock.check_passphrase = check

    def lock(self) -> None:
        """Save the typing and hide the data behind the lock screen now."""
        self.idle_lock.lock()

    # -- navigation -----------------------------------------------------------------------
    def current_page(self) -> QWidget | None:
        return self.page_stack.currentWidget()

    def show_page(self, index: int) -> None:
        """Show the ``index``-th page of the navigation (0 = Dashboard)."""
        if self.workspace.summary().company_name is None:
            return
        if self.navigation.currentRow() == index:
            self._navigated(index)
        else:
            self.navigation.setCurrentRow(index)

    def _navigated(self, row: int) -> None:
        if 0 <= row < len(self.nav_pages):
            self.page_stack.setCurrentWidget(self.nav_pages[row])

    def show_employee(self, ref: str) -> None:
        if self.current_page() is not self.pages.employee:
            self._previous_page = self.current_page()
        self.pages.employee.show_employee(ref)
        self.page_stack.setCurrentWidget(self.pages.employee)
        # No row stays selected, so that choosing any page, even the last one, shows it.
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(-1)
        self.navigation.blockSignals(False)

    def go_back(self) -> None:
        previous = self._previous_page or self.pages.dashboard
        self.show_page(self.nav_pages.index(previous) if previous in self.nav_pages else 0)

    def new_employee(self) -> None:
        self.show_page(self.nav_pages.index(self.pages.employees))
        self.pages.employees.new_employee()

    def find_employee(self) -> None:
        self.show_page(self.nav_pages.index(self.pages.employees))
        self.pages.employees.focus_search()

    # -- files ----------------------------------------------------------------------------
    def explore_demo(self) -> None:
        run_file_action(
            self, self.files, _("The demo company could not be created"), self.files.create_demo
        )

    def _copy_saved(self, path: Path) -> None:
        self.state_label.setText(_("Copy saved to {path}").format(path=path))

    # -- printing -------------------------------------------------------------------------
    def verify_report(self, pdf: Path) -> None:
        """Say whether ``pdf`` is an unaltered report of a signed interview of this file."""
        from entretien_desktop.services.signing import verify  # noqa: PLC0415

        try:
            verdict = verify(self.workspace, pdf)
        except (OSError, LookupError, StorageError) as error:
            QMessageBox.warning(self, _("Verify a report"), str(error))
            return
        if verdict.ok:
            QMessageBox.information(self, _("Verify a report"), verdict.message)
        else:
            QMessageBox.warning(self, _("Verify a report"), verdict.message)

    def check_file(self) -> None:
        """File › Check the file…: the full check of the open file, on a worker."""
        from entretien_desktop.ui.dialogs.file_check_dialog import FileChecker  # noqa: PLC0415
        from entretien_desktop.ui.dialogs.restore_dialog import backup_folder  # noqa: PLC0415

        running = getattr(self, "file_checker", None)
        if running is not None and running.running:
            return
        folder = backup_folder(self.settings, self.workspace.path)
        checker = FileChecker(self.workspace, folder, self.file_menu.open_file, self)
        self.file_checker = checker
        checker.start()

    def show_journal(self) -> None:
        """File › Journal of changes…: who changed what and when, for the whole file."""
        from entretien_desktop.ui.dialogs.journal_dialog import JournalDialog  # noqa: PLC0415

        try:
            dialog = JournalDialog(self.workspace, parent=self)
        except StorageError as error:
            QMessageBox.warning(self, _("Journal of changes"), str(error))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.journal_dialog = dialog

    def show_dsn_import(self) -> None:
        """File › Import a DSN…: DSN files read, their summary shown, written on confirm."""
        from entretien_desktop.ui.dialogs.dsn_dialog import DsnImportDialog  # noqa: PLC0415

        if self.workspace.company is None:
            QMessageBox.information(
                self, _("Import a DSN"), _("Create the company first: the DSN fills its register.")
            )
            return
        dialog = DsnImportDialog(self.workspace, self.settings, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dsn_dialog = dialog

    def show_purge(self) -> None:
        """File › Records past retention…: the employees whose records may be deleted."""
        from entretien_desktop.ui.dialogs.purge_dialog import PurgeDialog  # noqa: PLC0415

        if self.workspace.summary().company_name is None:
            return
        try:
            dialog = PurgeDialog(self.workspace, parent=self)
        except StorageError as error:
            QMessageBox.warning(self, _("Records past retention"), str(error))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.purged.connect(self._purged)
        dialog.open()
        self.purge_dialog = dialog

    def show_sheet_import(self, path: Path) -> None:
        """File › Import employees…: the sheet's mapping and dry run, then the write."""
        from entretien_desktop.services import sheet_import  # noqa: PLC0415
        from entretien_desktop.ui.dialogs.sheet_import_dialog import (  # noqa: PLC0415
            SheetImportDialog,
        )

        if self.workspace.summary().company_name is None:
            return
        try:
            sheets = sheet_import.read_sheets(path)
            sheet = sheet_import.best_sheet(sheets)
            if len(sheets) > 1:
                names = [one.name for one in sheets]
                name, chosen = QInputDialog.getItem(
                    self,
                    _("Import employees"),
                    _("{file} has several sheets. The employees are on:").format(file=path.name),
                    names,
                    names.index(sheet.name),
                    False,
                )
                if not chosen:
                    return
                sheet = sheets[names.index(name)]
            dialog = SheetImportDialog(self.workspace, path, sheet, self.settings, parent=self)
        except (sheet_import.SheetRefused, StorageError) as error:
            QMessageBox.warning(self, _("Import employees"), error.user_message)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._sheet_imported)
        dialog.open()
        self.sheet_import_dialog = dialog

    def _sheet_imported(self, added: int, updated: int) -> None:
        done = _("Employees imported: {added} added, {updated} updated.")
        self.statusBar().showMessage(done.format(added=added, updated=updated), 8000)

    def _purged(self, count: int) -> None:
        done = ngettext(
            "The records of {count} employee were deleted for good.",
            "The records of {count} employees were deleted for good.",
            count,
        )
        self.statusBar().showMessage(done.format(count=count), 8000)

    def print_current_page(self) -> None:
        """Print what the current page is about, through the report viewer."""
        if self.workspace.summary().company_name is None:
            return
        document = self._printable()
        if isinstance(document, str):
            QMessageBox.information(self, _("Print"), document)
            return
        from entretien_desktop.ui.reports.report_viewer import open_viewer  # noqa: PLC0415

        viewer = open_viewer(self.workspace, document, self)
        self.report_opened.emit(viewer)
        # The print dialog over the preview, once the preview is on screen.
        QTimer.singleShot(0, viewer, viewer.print_document)

    def _matrix_filter(self) -> MatrixFilter:
        """The skills matrix's filter of the current page (``matrix_filter()``, the skills
        page's), else the whole company."""
        chosen = getattr(self.current_page(), "matrix_filter", None)
        found = chosen() if callable(chosen) else None
        return found if isinstance(found, MatrixFilter) else MatrixFilter()

    def _printable(self) -> ReportDocument | str:
        """The report of the current page, or why there is none."""
        from entretien_desktop.ui.reports import report_documents as documents  # noqa: PLC0415

        page = self.current_page()
        language = current_language()
        if page is self.pages.interviews:
            found = self.pages.interviews.selected()
            if found is None:
                return _("Choose an interview in the list: its report is what is printed.")
            return documents.interview_report_document(self.workspace, *found)
        if page is self.pages.employee and self.pages.employee.ref is not None:
            return documents.dossier_document(self.workspace, self.pages.employee.ref)
        if page is self.pages.training:
            return documents.training_plan_document(self.workspace, language)
        if self.pages.skills is not None and page is self.pages.skills:
            # The skills map (issue 21): its matrix, of the site, department and job chosen.
            return skills_matrix_document(self.workspace, self._matrix_filter(), language)
        return documents.register_document(self.workspace, language)

    # -- help and closing -----------------------------------------------------------------
    def about_text(self) -> str:
        paragraphs = (
            _("Version {version}").format(version=__version__),
            _(
                "Keeps track of your employees' mandatory interviews (professional interviews, "
                "summary reviews, returns from leave) and their deadlines, offline."
            ),
            _(
                "This is not legal advice. The deadlines follow the application's reading of "
                "French law; check them against your agreements and, when in doubt, with a "
                "lawyer or your branch."
            ),
        )
        return f"<h3>{APPLICATION_TITLE}</h3>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Entretien Desktop"), self.about_text())

    def remember_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember_geometry()
        super().closeEvent(event)
        if event.isAccepted():
            self.idle_lock.remove()
            self.feed.stop()  # before Qt deletes the window, and the feed with it
