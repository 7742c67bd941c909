"""The window and a protected file: the passphrase asked at open (a wrong one said in the
dialog), a new file protected at its creation, and Settings › Passphrase giving, changing and
taking away the protection of the open file and its backups: the whole journey."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop import app
from entretien_desktop.services.backups import backups_in
from entretien_desktop.storage import FileLockedError, open_database
from entretien_desktop.storage.cipher import FileKey, looks_encrypted
from entretien_desktop.ui.dialogs.passphrase_dialog import (
    AskPassphraseDialog,
    ChoosePassphraseDialog,
)
from tests.helpers import open_workspace, small_company

pytestmark = pytest.mark.gui

PASSPHRASE = "Garage Lefèvre depuis 1987"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(qtbot: QtBot, settings: QSettings) -> Iterator[app.Session]:
    opened = app.Session(settings)
    yield opened
    if opened.window is not None:
        opened.window.close()
    opened.close()


def _when_modal(answer: Callable[[object], None]) -> None:
    """Answer the next modal dialog once it is up (its ``exec`` runs an event loop)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        try:
            answer(dialog)
        except BaseException:
            dialog.reject()  # type: ignore[attr-defined]  # fail, never hang on the dialog
            raise

    QTimer.singleShot(0, look)


def _type(dialog: object, name: str, text: str) -> None:
    assert isinstance(dialog, QWidget)
    field = dialog.findChild(QLineEdit, name)
    assert field is not None, name
    field.setText(text)


def _protected_file(path: Path) -> Path:
    with open_workspace(path, small_company()):
        pass
    from entretien_desktop.storage.rekey import change_protection  # noqa: PLC0415

    change_protection(path, None, FileKey.new(PASSPHRASE))
    return path


def test_the_passphrase_is_asked_and_a_wrong_one_said_in_the_dialog(
    tmp_path: Path, session: app.Session
) -> None:
    path = _protected_file(tmp_path / "garage.entretien")
    seen: dict[str, object] = {}

    def answer(dialog: object) -> None:
        assert isinstance(dialog, AskPassphraseDialog)
        seen["title"] = dialog.windowTitle()
        seen["intro"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        field = dialog.field
        assert field.echoMode() == QLineEdit.EchoMode.Password
        toggle = dialog.findChild(QCheckBox, "show_passphrase")
        assert toggle is not None
        toggle.setChecked(True)
        seen["shown"] = field.echoMode() == QLineEdit.EchoMode.Normal
        field.setText("garage lefèvre depuis 1987")
        dialog.try_passphrase()
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else ""
        seen["still_open"] = dialog.isVisible()
        field.setText(PASSPHRASE)
        dialog.try_passphrase()

    _when_modal(answer)
    window = session.open(path)
    assert "garage.entretien" in str(seen["intro"])
    assert seen["shown"] is True
    assert "The passphrase does not open" in str(seen["problem"])
    assert seen["still_open"] is True
    assert window.workspace.read_company().name == "Garage Lefèvre"  # type: ignore[union-attr]
    assert session.database is not None and session.database.key is not None


def test_cancelling_the_passphrase_opens_nothing_and_keeps_the_window(
    tmp_path: Path, session: app.Session
) -> None:
    plain = tmp_path / "plain.entretien"
    with open_workspace(plain, small_company("Boulangerie Martin")):
        pass
    first = session.open(plain)
    path = _protected_file(tmp_path / "garage.entretien")
    _when_modal(lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    with pytest.raises(app.OpenCancelled) as cancelled:
        session.open(path)
    assert "its passphrase was not given" in str(cancelled.value)
    assert session.window is first and session.database is not None
    assert session.database.path == plain


def test_a_new_file_protected_at_its_creation(
    tmp_path: Path, session: app.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain.entretien"
    with open_workspace(plain, small_company()):
        pass
    window = session.open(plain)
    new = tmp_path / "atelier.entretien"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(new), ""))
    refusals: list[str] = []

    def answer(dialog: object) -> None:
        assert isinstance(dialog, ChoosePassphraseDialog)
        _type(dialog, "new_passphrase", "court")
        _type(dialog, "passphrase_again", "court")
        dialog.check()
        refusals.append(dialog.problem.text())
        _type(dialog, "new_passphrase", PASSPHRASE)
        _type(dialog, "passphrase_again", PASSPHRASE)
        dialog.check()

    _when_modal(answer)
    window.file_menu.new_file_action.trigger()
    assert "at least 8 characters" in refusals[0]
    assert session.database is not None and session.database.path == new
    assert session.database.key is not None
    assert looks_encrypted(new)


def test_protect_change_and_remove_from_the_settings_page(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    """The journey: a plain file with a backup is protected from Settings (the backup
    too), the window goes on saving into it, the passphrase is changed, the file closed and
    opened again with the new one, and finally the protection is taken away."""
    path = tmp_path / "garage.entretien"
    with open_workspace(path, small_company()):
        pass
    window = session.open(path)
    folder = tmp_path / "backups"
    qtbot.waitUntil(lambda: len(backups_in(folder)) == 1)
    box = window.pages.settings.protection
    assert "not encrypted" in box.state.text()
    assert box.protect_button.isVisibleTo(box) and not box.change_button.isVisibleTo(box)

    def choose(passphrase: str, current: str | None = None) -> Callable[[object], None]:
        def answer(dialog: object) -> None:
            assert isinstance(dialog, ChoosePassphraseDialog)
            if current is not None:
                _type(dialog, "current_passphrase", current)
            _type(dialog, "new_passphrase", passphrase)
            _type(dialog, "passphrase_again", passphrase)
            dialog.check()

        return answer

    _when_modal(choose(PASSPHRASE))
    box.protect_button.click()
    assert looks_encrypted(path)
    (backup,) = backups_in(folder)
    assert looks_encrypted(backup.path)
    assert "is encrypted with a passphrase" in box.state.text()
    assert box.change_button.isVisibleTo(box) and not box.protect_button.isVisibleTo(box)
    assert "now encrypted" in window.statusBar().currentMessage()
    # The window goes on writing into the encrypted file.
    company = window.workspace.require_company()
    window.workspace.update_company(dataclasses.replace(company, headcount=14))
    assert window.workspace.read_company().headcount == 14  # type: ignore[union-attr]

    # A wrong current passphrase is refused in the dialog; then the right one changes it.
    refusals: list[str] = []

    def wrong_then_right(dialog: object) -> None:
        assert isinstance(dialog, ChoosePassphraseDialog)
        _type(dialog, "current_passphrase", "pas la bonne")
        _type(dialog, "new_passphrase", "Une toute nouvelle phrase")
        _type(dialog, "passphrase_again", "Une toute nouvelle phrase")
        dialog.check()
        refusals.append(dialog.problem.text())
        choose("Une toute nouvelle phrase", PASSPHRASE)(dialog)

    _when_modal(wrong_then_right)
    box.change_button.click()
    assert "not this file's" in refusals[0]
    window.close()  # as the user closes it: no window left open behind the session
    session.close()
    key = FileKey.of_file(path, "Une toute nouvelle phrase")
    with open_database(path, key) as database:
        assert database.read_company().headcount == 14  # type: ignore[union-attr]

    # Opened again (the new passphrase asked), the protection is taken away.
    def reopen(dialog: object) -> None:
        assert isinstance(dialog, AskPassphraseDialog)
        dialog.field.setText("Une toute nouvelle phrase")
        dialog.try_passphrase()

    _when_modal(reopen)
    window = session.open(path)
    box = window.pages.settings.protection

    asked: list[bool] = []

    def remove(dialog: object) -> None:
        assert isinstance(dialog, ChoosePassphraseDialog)
        asked.append(dialog.new.isVisibleTo(dialog))
        _type(dialog, "current_passphrase", "Une toute nouvelle phrase")
        dialog.check()

    _when_modal(remove)
    box.remove_button.click()
    assert asked == [False]  # no new passphrase asked to take the protection away
    assert not looks_encrypted(path)
    assert "not encrypted" in box.state.text()
    with pytest.raises(FileLockedError):  # still open here, and plain: no passphrase asked
        open_database(path)


def test_the_window_of_a_protected_file_unlocks_with_its_passphrase_only(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    """The composition root wires the idle lock to the file: Lock now, then the file's
    passphrase (asked at open) unlocks it, another is refused; after the protection is
    taken away from Settings, a click unlocks it."""
    path = _protected_file(tmp_path / "garage.entretien")

    def give(dialog: object) -> None:
        assert isinstance(dialog, AskPassphraseDialog)
        dialog.field.setText(PASSPHRASE)
        dialog.try_passphrase()

    _when_modal(give)
    window = session.open(path)
    window.file_menu.lock_action.trigger()
    screen = window.idle_lock.screen
    assert window.idle_lock.is_locked and screen.passphrase.isVisible()
    screen.passphrase.setText("Garage Lefevre depuis 1987")
    screen.unlock_button.click()
    assert window.idle_lock.is_locked and screen.problem.isVisible()
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        screen.unlock_button.click()

    def remove(dialog: object) -> None:
        _type(dialog, "current_passphrase", PASSPHRASE)
        assert isinstance(dialog, ChoosePassphraseDialog)
        dialog.check()

    _when_modal(remove)
    window.pages.settings.protection.remove_button.click()
    window.file_menu.lock_action.trigger()
    assert window.idle_lock.is_locked and not screen.passphrase.isVisible()
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        screen.unlock_button.click()


def test_restore_dialog_reads_the_files_encrypted_backups_and_asks_for_others(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Restore a backup on a protected file: its backups are read with its key (what
    they hold, their last change); one made under an earlier passphrase is marked, and
    restoring it asks that passphrase."""
    from entretien_desktop.services.backups import make_backup  # noqa: PLC0415
    from entretien_desktop.ui.dialogs.restore_dialog import RestoreDialog  # noqa: PLC0415

    path = _protected_file(tmp_path / "garage.entretien")
    folder = tmp_path / "backups"
    old_key = FileKey.of_file(path, PASSPHRASE)
    older = make_backup(path, folder, datetime(2026, 12, 1, 9, 0, tzinfo=UTC), old_key)
    from entretien_desktop.storage.rekey import change_protection  # noqa: PLC0415

    change_protection(path, old_key, FileKey.new("Une nouvelle phrase de passe"))
    key = FileKey.of_file(path, "Une nouvelle phrase de passe")
    make_backup(path, folder, datetime(2026, 12, 4, 9, 0, tzinfo=UTC), key)
    dialog = RestoreDialog(folder, path, None, key)
    states = [dialog.table.item(row, 5).text() for row in range(dialog.table.rowCount())]
    assert states == ["Checked", "Encrypted with another passphrase"]
    assert dialog.table.item(0, 2).text() == "2"  # employees, read through the key
    assert dialog.table.item(0, 4).text()  # its last change, from the journal
    dialog.table.selectRow(1)
    target = tmp_path / "restored.entretien"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    tries: list[str] = []

    def answer(asked: object) -> None:
        assert isinstance(asked, AskPassphraseDialog)
        asked.field.setText("Une nouvelle phrase de passe")  # the file's, not the backup's
        asked.try_passphrase()
        tries.append(asked.problem.text())
        asked.field.setText(PASSPHRASE)
        asked.try_passphrase()

    restored: list[Path] = []
    dialog.restored.connect(restored.append)
    _when_modal(answer)
    dialog.restore_selected()
    assert restored == [target]
    assert tries == ["This passphrase does not open the backup."]
    assert looks_encrypted(target) and older.exists()
    with open_database(target, FileKey.of_file(target, PASSPHRASE)) as database:
        assert database.peek_summary()[1] == 2
