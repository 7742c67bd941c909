"""The main window on a PostgreSQL server's database rather than a data file
(docs/server.md): "database @ host" in its title and status bar, and the actions that
only make sense for a file greyed out, their tooltip saying why (a server is backed up by
its administrator, checked and protected by the server itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton

from entretien_desktop.i18n import _

if TYPE_CHECKING:
    from entretien_desktop.ui.main_window import MainWindow


def on_server(window: MainWindow) -> bool:
    """Whether ``window`` shows a server's database."""
    return getattr(window.workspace.database, "url", None) is not None


def backup_reason() -> str:
    return _(
        "The company's data is on a server: the server is backed up by its administrator "
        "with pg_dump."
    )


def show_server_state(window: MainWindow) -> None:
    """Name the server and the connected user (with their role) in ``window``'s title and
    status bar and grey out the file-only actions; called after each refresh of the window
    (which enables them again)."""
    place = str(window.workspace.path)
    title = window.windowTitle()
    if not title.endswith(place):
        window.setWindowTitle(f"{title} — {place}")
    # The user and role were asked of the server once, with the workspace's access.
    name, role = window.workspace.user_name, window.workspace.access.role_label
    user = _("{name} ({role})").format(name=name, role=role) if role else name
    window.path_label.setText(
        _("Server: {place} — {user}").format(place=place, user=user)
        if user
        else _("Server: {place}").format(place=place)
    )
    window.path_label.setToolTip(place)
    files = window.file_menu
    files.menu.setToolTipsVisible(True)
    for action, reason in (
        (files.save_copy_action, backup_reason()),
        (files.restore_action, backup_reason()),
        (files.check_action, _("The server checks its own pages; ask its administrator.")),
    ):
        action.setEnabled(False)
        action.setToolTip(reason)
    protection = window.pages.settings.protection
    protection.setEnabled(False)
    protection.setToolTip(
        _(
            "On a server, the data is protected by the encrypted connection (TLS) and the "
            "server's accounts, not by a passphrase."
        )
    )
    # Settings › Backups: the automatic backups are the file's; the server has pg_dump.
    settings = window.pages.settings
    for name in ("choose_backup_folder", "backups_beside_file"):
        button = settings.findChild(QPushButton, name)
        if button is not None:
            button.setEnabled(False)
            button.setToolTip(backup_reason())
    folder = settings.findChild(QLabel, "backup_folder")
    if folder is not None:
        folder.setText(backup_reason())
    # What the connected user's role may not change: greyed out, saying why.
    from entretien_desktop.ui.role_window import follow_role  # noqa: PLC0415

    follow_role(window)
