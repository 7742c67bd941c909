"""The window follows the connected user's role on a server (docs/server.md, "Users and
roles"): what the role may not change is greyed out, its tooltip saying why ("Your role
(accountant) cannot change the register"), rather than refused after the fact. The rules
are ``services/permissions.py``'s; this module only knows which button or action of the
window changes the register and which changes the company. Printing, exporting, the
journal and this computer's own settings (language, lock, name) stay for every role.

A page enables its buttons again as the selection moves (``enable_or_say_why``); a
held button or action is put back at once, its reason with it (``_Held``). A file's
window, and HR's, are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.permissions import EVERYTHING, Permission

if TYPE_CHECKING:
    from entretien_desktop.ui.main_window import MainWindow

REASON = "role_reason"
"""The property of a held widget or action: why it is greyed out."""

Target = QWidget | QAction


class _Held(QObject):
    """Keeps the widgets and actions it holds disabled, their tooltip giving the reason,
    whatever the pages do to them afterwards."""

    def hold(self, target: Target, reason: str) -> None:
        if target.property(REASON) == reason:
            return
        first = target.property(REASON) is None
        target.setProperty(REASON, reason)
        if first and isinstance(target, QWidget):
            target.installEventFilter(self)
        elif first and isinstance(target, QAction):

            def keep(action: QAction = target) -> None:
                self._keep(action)

            target.changed.connect(keep)
        self._keep(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() in (
            QEvent.Type.EnabledChange,
            QEvent.Type.ToolTipChange,
        ):
            self._keep(watched)
        return False

    @staticmethod
    def _keep(target: Target) -> None:
        reason = str(target.property(REASON))
        if isinstance(target, QWidget):
            if not target.testAttribute(Qt.WidgetAttribute.WA_Disabled):
                target.setEnabled(False)
            target.setAccessibleDescription(reason)
        elif target.isEnabled():
            target.setEnabled(False)
        if target.toolTip() != reason:
            target.setToolTip(reason)


def _present(owner: object, *names: str) -> Iterator[Target]:
    for name in names:
        found = getattr(owner, name, None)
        if isinstance(found, QWidget | QAction):
            yield found


def _group_of(widget: QWidget) -> QWidget:
    """The group box ``widget`` is in (the settings page's Rules), or itself."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QGroupBox):
        parent = parent.parentWidget()
    return parent if parent is not None else widget


def register_targets(window: MainWindow) -> Iterator[Target]:
    """What changes the register: employees, their history and interviews (a campaign's
    planning and invitations among them), imports, records past retention."""
    pages = window.pages
    yield from _present(window, "new_employee_action", "undo_action", "redo_action")
    yield from _present(
        window.file_menu, "import_sheet_action", "dsn_import_action", "purge_action"
    )
    yield from _present(pages.employees, "new_button", "exit_button")
    yield from _present(pages.dashboard, "plan_button")
    employee = pages.employee
    yield from _present(
        employee,
        "edit_button",
        "add_leave_button",
        "add_button",
        "plan_button",
        "edit_entry_button",
        "remove_entry_button",
    )
    for button in _present(employee, "edit_entry_button", "remove_entry_button"):
        action = button.property("timeline_action")
        if isinstance(action, QAction):
            yield action
    actions = getattr(pages.interviews, "interview_actions", None)
    yield from _present(
        actions,
        "form_button",
        "invite_button",
        "refuse_button",
        "cancel_button",
        "sign_button",
        "amend_button",
        "sign_screen_button",
        "scan_button",
    )
    # A campaign's planning and invitations write its members' interviews.
    yield from _present(pages.campaigns, "plan_button", "invite_button")
    requests = getattr(pages.training, "requests", None)
    yield from _present(
        requests, "approve_button", "refuse_button", "done_button", "correct_button"
    )
    # The skills map (issue 21): a level is the employee's history (the keys say why too).
    yield from _present(getattr(pages, "skills", None), "edit_button")


def company_targets(window: MainWindow) -> Iterator[Target]:
    """What changes the company: its profile, rules, privacy, templates, new campaigns
    (kept with the company), seal."""
    settings = window.pages.settings
    yield settings.form
    yield from _present(settings, "privacy", "templates_button", "seal_button", "seal_reports")
    rules = {_group_of(spin) for spin in settings.numbers.values()}
    yield from rules
    yield from _present(window.pages.campaigns, "new_button")
    yield from _present(getattr(window.pages, "skills", None), "catalogue_button")


TARGETS = {Permission.REGISTER: register_targets, Permission.COMPANY: company_targets}


def follow_role(window: MainWindow) -> None:
    """Grey out in ``window`` what the connected user's role may not change, saying why;
    called after each refresh of a server's window (a file's is left alone)."""
    access = window.workspace.access
    if access.permissions == EVERYTHING:
        return
    held = window.findChild(_Held)
    if held is None:
        held = _Held(window)
    for permission, targets in TARGETS.items():
        if access.allows(permission):
            continue
        reason = access.refusal(permission)
        for target in targets(window):
            held.hold(target, reason)
    for menu in (window.file_menu.menu, window.edit_menu, window.employees_menu):
        menu.setToolTipsVisible(True)
    # A read-only window says so in its status bar, not only button by button.
    if access.read_only and window.findChild(QLabel, "role_state") is None:
        label = QLabel(_("Read only"))
        label.setObjectName("role_state")
        label.setToolTip(access.refusal(Permission.REGISTER))
        window.statusBar().addPermanentWidget(label)
