"""File › Connect to a server…: where the company's PostgreSQL database is (host, port,
database, user), its password (from the system's keychain, else typed, and kept there when
"Remember" is ticked) and the TLS mode (``require`` unless changed; a plain warning below
anything weaker). Connecting runs on a worker with a busy bar and Cancel; a refusal is
said in the dialog, which stays open with what was typed (docs/server.md).

The servers connected to lately are kept in the interface's settings (their URL without
the password), and listed in File › Open Recent as "database @ host".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.server_login import (
    DEFAULT_PORT,
    DEFAULT_SSL_MODE,
    SSL_MODES,
    ServerAddress,
    is_server_url,
    keyring_usable,
    parse_address,
    remember_password,
    stored_password,
)
from entretien_desktop.ui.reports.report_worker import ReportRun, failure_text

Connector = Callable[[ServerAddress, str | None], object]
"""Opens the database at an address with a password (``None``: the keychain's, or none):
returns what the window is built on, raises a ``UserError`` saying why not."""

RECENT_SERVERS_KEY = "servers/recent"
MAX_RECENT_SERVERS = 5


def recent_servers(settings: QSettings) -> list[ServerAddress]:
    """The servers connected to lately, newest first."""
    value = settings.value(RECENT_SERVERS_KEY)
    stored = [value] if isinstance(value, str) and value else value
    addresses = []
    for item in stored if isinstance(stored, list) else []:
        if isinstance(item, str) and is_server_url(item):
            try:
                addresses.append(parse_address(item)[0])
            except ValueError:
                continue
    return addresses


def remember_server(settings: QSettings, address: ServerAddress) -> None:
    """Put ``address`` (never its password) at the top of the recent servers."""
    url = address.url()
    others = [a.url() for a in recent_servers(settings) if a.url() != url]
    settings.setValue(RECENT_SERVERS_KEY, [url, *others][:MAX_RECENT_SERVERS])
    settings.sync()


def ssl_mode_label(mode: str) -> str:
    return {
        "disable": _("disable: never encrypted"),
        "prefer": _("prefer: encrypted if the server offers it"),
        "require": _("require: always encrypted (recommended)"),
        "verify-ca": _("verify-ca: encrypted, certificate checked"),
        "verify-full": _("verify-full: encrypted, certificate and name checked"),
    }[mode]


class ConnectDialog(QDialog):
    """The server's address and login; ``connected`` carries what ``connector`` opened,
    then the dialog closes. A refusal keeps it open, its fields as typed."""

    connected = Signal(object)

    def __init__(
        self,
        connector: Connector,
        address: ServerAddress | None = None,
        parent: QWidget | None = None,
        *,
        keychain: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connect_dialog")
        self.setWindowTitle(_("Connect to a server"))
        self._connector = connector
        self.keychain = keyring_usable() if keychain is None else keychain
        self._make_fields()
        self._lay_out()
        self.run = ReportRun(self, expected=(UserError,))
        self.run.succeeded.connect(self._connected)
        self.run.failed.connect(self._refused)
        self._typed_password: str | None = None
        self._address: ServerAddress | None = None
        self.sslmode.currentIndexChanged.connect(self._show_tls_note)
        self.host.textChanged.connect(self._show_tls_note)
        if address is not None:
            self.fill(address)
        self._show_tls_note()
        self.setMinimumWidth(480)

    def _make_fields(self) -> None:
        self.host = self._field("server_host")
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = self._field("server_database")
        self.user = self._field("server_user")
        self.password = self._field("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("kept in the keychain, or asked"))
        self.remember = QCheckBox(_("&Remember the password in the system's keychain"))
        self.remember.setObjectName("remember_password")
        self.remember.setChecked(self.keychain)
        if not self.keychain:
            self.remember.setToolTip(_("No keychain is available on this computer."))
        self.sslmode = QComboBox()
        self.sslmode.setObjectName("server_sslmode")
        for mode in SSL_MODES:
            self.sslmode.addItem(ssl_mode_label(mode), mode)
        self.sslmode.setCurrentIndex(SSL_MODES.index(DEFAULT_SSL_MODE))
        self.tls_note = QLabel()
        self.tls_note.setObjectName("tls_warning")
        self.tls_note.setWordWrap(True)
        self.tls_note.setStyleSheet("color: #8a5a00;")
        self.problem = QLabel()
        self.problem.setObjectName("connect_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.busy = QProgressBar()
        self.busy.setObjectName("connect_busy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()

    def _lay_out(self) -> None:
        intro = QLabel(
            _(
                "The company's data on a PostgreSQL server shared by several managers. "
                "Your IT provider gives you these details."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Host:"), self.host)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("&Database:"), self.database)
        form.addRow(_("&User:"), self.user)
        form.addRow(_("Pass&word:"), self.password)
        form.addRow("", self.remember)
        form.addRow(_("&TLS:"), self.sslmode)
        form.addRow("", self.tls_note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = QPushButton(_("&Connect"))
        self.connect_button.setObjectName("connect_button")
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    @staticmethod
    def _field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setMinimumWidth(280)
        return field

    def fill(self, address: ServerAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        self.sslmode.setCurrentIndex(SSL_MODES.index(address.sslmode))

    def address(self) -> ServerAddress:
        return ServerAddress(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            sslmode=str(self.sslmode.currentData()),
        )

    def _show_tls_note(self) -> None:
        address = self.address()
        if address.local_socket:
            text = _(
                "The host is a folder: the server's local socket on this computer, where "
                "the TLS setting does not apply."
            )
        elif address.weak_tls:
            text = _(
                "Warning: with this setting the company's data and the password may travel "
                "over the network unencrypted. Keep require unless your IT provider says "
                "otherwise."
            )
        else:
            text = ""
        self.tls_note.setText(text)
        self.tls_note.setVisible(bool(text))

    def _missing(self, address: ServerAddress) -> list[str]:
        return [
            label
            for label, value in (
                (_("the host"), address.host),
                (_("the database"), address.database),
                (_("the user"), address.user),
            )
            if not value
        ]

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
            self.remember,
            self.sslmode,
            self.connect_button,
        ):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)

    @property
    def connecting(self) -> bool:
        return self.run.running and not self.run.cancelled

    def try_connect(self) -> None:
        """Connect with what is typed (the keychain's password when none is typed)."""
        if self.connecting:
            return
        address = self.address()
        missing = self._missing(address)
        if missing:
            self._say(_("Give {fields}.").format(fields=", ".join(missing)))
            return
        typed = self.password.text() or None
        self._address, self._typed_password = address, typed
        self._say("")
        self._set_busy(True)
        connector, stop = self._connector, self.run.stop

        def work() -> object:
            password = typed if typed is not None else stored_password(address)
            opened = connector(address, password)
            if stop.is_set():  # cancelled meanwhile: nobody will use it
                close = getattr(opened, "close", None)
                if close is not None:
                    close()
                return None
            return opened

        if self.run.cancelled:
            self._fresh_run()
        self.run.start(work)

    def _fresh_run(self) -> None:
        self.run = ReportRun(self, expected=(UserError,))
        self.run.succeeded.connect(self._connected)
        self.run.failed.connect(self._refused)

    def cancel(self) -> None:
        """Cancel: the attempt under way is abandoned (the dialog stays), else it closes."""
        if self.connecting:
            self.run.cancel()
            self._set_busy(False)
            self._say(_("Connection cancelled."))
            return
        self.reject()

    def _connected(self, opened: object) -> None:
        self._set_busy(False)
        if opened is None:
            return
        address, typed = self._address, self._typed_password
        if address is not None and typed is not None and self.remember.isChecked():
            remember_password(address, typed)
        self.connected.emit(opened)
        self.accept()

    def _refused(self, error: object) -> None:
        self._set_busy(False)
        if isinstance(error, UserError):
            self._say(error.user_message)
        else:
            self._say(failure_text(error))
        if getattr(error, "kind", None) == "authentication":
            self.password.setFocus()
            self.password.selectAll()


def prefilled(settings: QSettings, url: str | None) -> ServerAddress | None:
    """The address of ``url``, else the server connected to last, else none."""
    if url is not None:
        try:
            return parse_address(url)[0]
        except ValueError:
            return None
    recent = recent_servers(settings)
    return recent[0] if recent else None


__all__ = [
    "ConnectDialog",
    "Connector",
    "prefilled",
    "recent_servers",
    "remember_server",
    "ssl_mode_label",
]
