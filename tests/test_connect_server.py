"""File › Connect to a server… and the window on a PostgreSQL server's database: the
dialog's fields, TLS required by default with a warning below, a refusal said in the
dialog which keeps what was typed, the password kept in (and taken from) the keychain, a
recent server reopened without asking; the window on the throwaway server
(tests/postgres_server.py) showing its company, named "database @ host", its file-only
actions greyed out with the reason."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from entretien_desktop import app
from entretien_desktop.cli import EXIT_OK, main
from entretien_desktop.services.server_login import (
    KEYRING_SERVICE,
    ServerAddress,
    connect,
    parse_address,
    stored_password,
)
from entretien_desktop.storage.connecting import ServerRefusedError, refusal_kind
from entretien_desktop.ui.dialogs.connect_dialog import ConnectDialog, recent_servers
from entretien_desktop.ui.file_menu import FileMenu
from tests.postgres_server import (  # noqa: F401
    PostgresServer,
    find_binaries,
    postgres_server,
    postgres_url,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.gui

ADDRESS = ServerAddress("db.example.org", "rh", "alice")


class MemoryKeyring(KeyringBackend):
    """A keychain in memory, for the tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    """A keychain that is locked: it refuses every read and write."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked(f"{service}/{username} locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"{service}/{username} refused ({len(password)})")


@pytest.fixture
def keychain() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


class Refusing:
    """A connector that refuses as a server would, and counts its calls."""

    def __init__(self, kind: str) -> None:
        self.kind, self.calls = kind, []  # type: tuple[str, list[tuple[ServerAddress, str | None]]]

    def __call__(self, address: ServerAddress, password: str | None) -> object:
        self.calls.append((address, password))
        raise ServerRefusedError(address.label, self.kind, "refused")


def test_the_dialog_asks_for_the_server_with_tls_required(qtbot: QtBot) -> None:
    dialog = ConnectDialog(Refusing("other"), keychain=False)
    qtbot.addWidget(dialog)
    assert dialog.port.value() == 5432
    assert dialog.sslmode.currentData() == "require"
    assert dialog.tls_note.isHidden()
    assert not dialog.remember.isChecked()  # no keychain to remember in
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("prefer"))
    assert not dialog.tls_note.isHidden()
    assert "unencrypted" in dialog.tls_note.text()
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("verify-full"))
    assert dialog.tls_note.isHidden()
    dialog.host.setText("/var/run/postgresql")
    assert "local socket" in dialog.tls_note.text()
    dialog.host.setText("")
    dialog.try_connect()
    assert "the host, the database, the user" in dialog.problem.text()


def test_a_refusal_is_said_and_what_was_typed_stays(qtbot: QtBot) -> None:
    refusing = Refusing("authentication")
    dialog = ConnectDialog(refusing, ADDRESS, keychain=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("wrong")
    with qtbot.waitSignal(dialog.run.failed):
        dialog.try_connect()
    assert "refused the user name or the password for rh @ db.example.org" in (
        dialog.problem.text()
    )
    assert dialog.isVisible()
    assert (dialog.host.text(), dialog.database.text(), dialog.user.text()) == (
        "db.example.org",
        "rh",
        "alice",
    )
    assert dialog.password.text() == "wrong" and dialog.connect_button.isEnabled()
    assert refusing.calls == [(ADDRESS, "wrong")]


def test_the_password_is_kept_in_the_keychain_and_used_again(
    qtbot: QtBot, keychain: MemoryKeyring
) -> None:
    opened: list[tuple[ServerAddress, str | None]] = []

    def connector(address: ServerAddress, password: str | None) -> object:
        opened.append((address, password))
        return "the database"

    dialog = ConnectDialog(connector, ADDRESS)
    qtbot.addWidget(dialog)
    assert dialog.remember.isChecked()  # a keychain is there
    dialog.password.setText("s3cret")
    with qtbot.waitSignal(dialog.connected) as arrived:
        dialog.try_connect()
    assert arrived.args == ["the database"]
    assert keychain.passwords == {(KEYRING_SERVICE, "alice@db.example.org:5432/rh"): "s3cret"}
    # Reopened: nothing typed, the keychain's password is used.
    again = ConnectDialog(connector, ADDRESS)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.connected):
        again.try_connect()
    assert opened[-1] == (ADDRESS, "s3cret")


def test_a_failing_keychain_means_the_password_is_asked(qtbot: QtBot) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        assert stored_password(ADDRESS) is None
        refusing = Refusing("authentication")
        dialog = ConnectDialog(refusing, ADDRESS)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.run.failed):
            dialog.try_connect()
        assert refusing.calls == [(ADDRESS, None)]
        assert "password" in dialog.problem.text()
    finally:
        keyring.set_keyring(before)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ('connection to server at "10.0.0.9", port 5432 failed: Connection refused', "unreachable"),
        ('could not translate host name "nowhere" to address', "unreachable"),
        ("connection failed: timeout expired", "unreachable"),
        ('password authentication failed for user "alice"', "authentication"),
        ("fe_sendauth: no password supplied", "authentication"),
        ('database "rh" does not exist', "database"),
        ("server does not support SSL, but SSL was required", "tls"),
        ("SSL error: certificate verify failed", "tls"),
    ],
)
def test_a_server_refusal_is_told_by_its_kind(message: str, kind: str) -> None:
    assert refusal_kind(message) == kind


@pytest.mark.postgres
def test_the_dialog_connects_to_a_server_and_its_refusals(
    qtbot: QtBot,
    postgres_url: str,  # noqa: F811
) -> None:
    address, _password = parse_address(postgres_url)
    missing = ServerAddress(address.host, "no_such_database", address.user, address.port)
    with pytest.raises(ServerRefusedError) as refused:
        connect(missing, None)
    assert refused.value.kind == "database"
    nowhere = ServerAddress(str(Path(address.host) / "absent"), "rh", "alice")
    with pytest.raises(ServerRefusedError) as unreachable:
        connect(nowhere, None)
    assert unreachable.value.kind == "unreachable"
    dialog = ConnectDialog(connect, address, keychain=False)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.connected, timeout=20000) as arrived:
        dialog.try_connect()
    database = arrived.args[0]
    try:
        assert database.url is not None and database.lock is None
    finally:
        database.close()


@pytest.mark.postgres
def test_the_window_on_a_server_shows_its_company_without_the_file_actions(
    qtbot: QtBot,
    session: app.Session,
    settings: QSettings,
    postgres_url: str,  # noqa: F811
    keychain: MemoryKeyring,
) -> None:
    assert main(["demo", "--db", postgres_url]) == EXIT_OK
    address, _password = parse_address(postgres_url)
    session.connect_server(postgres_url)
    dialog = session.connect_window
    qtbot.waitUntil(lambda: session.window is not None, timeout=20000)
    window = session.window
    assert window is not None and not dialog.isVisible()
    place = str(window.workspace.path)
    assert place.startswith(f"{address.database} @ ")
    assert window.windowTitle().endswith(place)
    company = window.workspace.summary().company_name
    assert company is not None and company in window.windowTitle()
    # The owner of the tables (here the server's superuser) works as human resources.
    assert window.path_label.text() == f"Server: {place} — postgres (human resources)"
    files: FileMenu = window.file_menu
    for action in (files.save_copy_action, files.restore_action, files.check_action):
        assert not action.isEnabled()
    assert "pg_dump" in files.save_copy_action.toolTip()
    assert not window.pages.settings.protection.isEnabled()
    backups = window.pages.settings.findChild(QPushButton, "choose_backup_folder")
    assert backups is not None and not backups.isEnabled() and "pg_dump" in backups.toolTip()
    assert files.connect_action.isVisible()
    # Remembered among the recent files, as "database @ host", without a password.
    assert [a.label for a in recent_servers(settings)] == [address.label]
    (kept,) = settings.value("servers/recent")  # type: ignore[misc]
    assert ":" not in str(kept).split("//", 1)[1].split("@")[0]  # no password
    files.fill_recent_menu()
    labels = [action.text() for action in files.recent_menu.actions()]
    assert any(address.label in label for label in labels)
    # No automatic backup of a server.
    assert session.back_up(window.workspace.database, leaving=False) is None


def test_the_window_command_takes_a_server_url(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda db, _language: asked.append(db) or EXIT_OK)
    url = "postgresql://alice@db.example.org/rh"
    assert main(["--db", url]) == EXIT_OK
    assert asked == [url]


def test_a_url_keeps_its_other_libpq_parameters_but_never_shows_its_password() -> None:
    url = "postgresql://alice:p%40ss@db.example.org:5433/rh?sslmode=verify-full&sslrootcert=/etc/ca.crt"
    address, password = parse_address(url)
    assert password == "p@ss"
    assert (address.host, address.port, address.sslmode) == ("db.example.org", 5433, "verify-full")
    assert address.label == "rh @ db.example.org"
    shown = address.url()
    assert "sslrootcert=/etc/ca.crt" in shown and "p%40ss" not in shown
    assert parse_address(address.url("p@ss")) == (address, "p@ss")


def test_cancel_abandons_the_attempt_and_keeps_the_dialog(qtbot: QtBot) -> None:
    release = threading.Event()
    closed: list[bool] = []

    class Opened:
        def close(self) -> None:
            closed.append(True)

    def slow(address: ServerAddress, password: str | None) -> object:
        release.wait(10)
        return Opened()

    dialog = ConnectDialog(slow, ADDRESS, keychain=False)
    qtbot.addWidget(dialog)
    dialog.show()
    run = dialog.run
    dialog.try_connect()
    assert dialog.connecting and not dialog.busy.isHidden()
    assert not dialog.connect_button.isEnabled()
    dialog.cancel()
    assert dialog.isVisible() and dialog.connect_button.isEnabled()
    assert dialog.problem.text() == "Connection cancelled."
    release.set()
    qtbot.waitUntil(lambda: closed == [True] and not run.running)
    assert dialog.isVisible()  # nothing arrived after the cancel


@pytest.mark.postgres
def test_from_a_file_to_a_server_and_back_in_one_session(
    qtbot: QtBot,
    session: app.Session,
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    keychain: MemoryKeyring,
) -> None:
    data_file = tmp_path / "office.entretien"
    first = session.open(data_file)
    assert first.path_label.text().startswith("Data file:")
    first.file_menu.connect_dialog(postgres_url)
    qtbot.waitUntil(lambda: session.window is not first, timeout=20000)
    on_server = session.window
    assert on_server is not None and on_server.path_label.text().startswith("Server:")
    # The file was let go: another program could open it now; it opens here again.
    again = session.open(data_file)
    assert again.path_label.text().startswith("Data file:")
    assert again.file_menu.check_action.isEnabled()


@pytest.fixture
def password_login(postgres_server: PostgresServer, postgres_url: str) -> Iterator[str]:  # noqa: F811
    """A role that logs in with a password (scram) on the server's socket: its name.
    The line of pg_hba.conf is this role's only; the server reloads its configuration."""
    import psycopg  # noqa: PLC0415

    role = "connect_alice"
    hba = postgres_server.data_dir / "pg_hba.conf"
    before = hba.read_text(encoding="utf-8")
    hba.write_text(f"local all {role} scram-sha-256\n{before}", encoding="utf-8")
    address, _password = parse_address(postgres_url)
    with psycopg.connect(
        host=address.host, user="postgres", dbname=address.database, autocommit=True
    ) as connection:
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        verb = "ALTER" if exists.fetchone() else "CREATE"
        connection.execute(f"{verb} ROLE {role} LOGIN PASSWORD 'right horse'")
        connection.execute(f'GRANT ALL ON DATABASE "{address.database}" TO {role}')
        connection.execute(f"GRANT ALL ON SCHEMA public TO {role}")
        connection.execute("SELECT pg_reload_conf()")
    try:
        yield role
    finally:
        hba.write_text(before, encoding="utf-8")
        with psycopg.connect(host=address.host, user="postgres", autocommit=True) as connection:
            connection.execute("SELECT pg_reload_conf()")


@pytest.mark.postgres
def test_a_wrong_password_is_refused_then_the_right_one_kept_and_used_again(
    qtbot: QtBot,
    postgres_url: str,  # noqa: F811
    password_login: str,
    keychain: MemoryKeyring,
) -> None:
    address, _password = parse_address(postgres_url)
    alice = ServerAddress(address.host, address.database, password_login, address.port)
    opened: list[object] = []
    dialog = ConnectDialog(connect, alice)
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    with qtbot.waitSignal(dialog.run.failed, timeout=20000):
        dialog.try_connect()
    assert "refused the user name or the password" in dialog.problem.text()
    assert dialog.password.text() == "wrong" and keychain.passwords == {}
    dialog.password.setText("right horse")
    with qtbot.waitSignal(dialog.connected, timeout=20000) as arrived:
        dialog.try_connect()
    opened.append(arrived.args[0])
    assert keychain.passwords == {(KEYRING_SERVICE, alice.account): "right horse"}
    # Next time nothing is typed: the keychain's password logs in.
    again = ConnectDialog(connect, alice)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.connected, timeout=20000) as second:
        again.try_connect()
    opened.append(second.args[0])
    for database in opened:
        database.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def tcp_server_port() -> Iterator[int]:
    """A throwaway server listening on 127.0.0.1 without TLS (ssl off): its port."""
    bindir = find_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL's binaries are not installed")
    server = start_server()
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        server.run(
            str(bindir / "pg_ctl"), "-D", str(server.data_dir), "-m", "immediate", "stop"
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} "
            f"-c unix_socket_directories='{server.socket_dir}' -c ssl=off -c fsync=off"
        )
        server.run(
            str(bindir / "pg_ctl"), "-D", str(server.data_dir), "-o", options,
            "-l", str(server.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        yield port
    finally:
        stop_server(server)


@pytest.mark.postgres
def test_tls_required_by_a_server_without_tls_is_refused_in_plain_words(
    qtbot: QtBot, tcp_server_port: int
) -> None:
    address = ServerAddress("127.0.0.1", "postgres", "postgres", tcp_server_port)
    assert address.sslmode == "require"
    dialog = ConnectDialog(connect, address, keychain=False)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.run.failed, timeout=20000):
        dialog.try_connect()
    assert "The encrypted connection (TLS) to postgres @ 127.0.0.1 was refused" in (
        dialog.problem.text()
    )
    # Weakened on purpose: the warning shows, and the same server lets it in.
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("prefer"))
    assert "unencrypted" in dialog.tls_note.text()
    with qtbot.waitSignal(dialog.connected, timeout=20000) as arrived:
        dialog.try_connect()
    arrived.args[0].close()
    # A port nobody listens on: the server cannot be reached.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = int(probe.getsockname()[1])
    with pytest.raises(ServerRefusedError) as refused:
        connect(ServerAddress("127.0.0.1", "postgres", "postgres", closed), None)
    assert refused.value.kind == "unreachable"
