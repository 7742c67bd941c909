"""Automatic backups (issue 18 part 3): the window backs up the file it has open when its
last backup is a day old (at opening, then hourly checks), and on closing it, into the
folder this computer's settings name or ``backups`` beside the file; a backup that cannot be
written is told, and the data file is untouched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop import app
from entretien_desktop.services.backups import backup_due, backups_in, make_backup
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.restore_dialog import BACKUP_FOLDER_KEY, RestoreDialog
from tests.helpers import file_digest, open_workspace, small_company

pytestmark = pytest.mark.gui


def _company_file(path: Path) -> Path:
    with open_workspace(path, small_company()):
        pass
    return path


def test_opening_then_closing_backs_the_file_up_beside_it(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    path = _company_file(tmp_path / "garage.entretien")
    session.open(path)
    folder = tmp_path / "backups"
    qtbot.waitUntil(lambda: len(backups_in(folder)) == 1)  # none yet: due at once
    (at_opening,) = backups_in(folder)
    session.close()
    # The one made on closing; the rotation keeps the newest of the day.
    (at_closing,) = backups_in(folder)
    assert at_closing.key > at_opening.key and at_closing.stem == "garage"
    with open_database(at_closing.path) as database:
        assert database.path.exists()


def test_a_folder_chosen_in_the_settings_is_used(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, session: app.Session
) -> None:
    chosen = tmp_path / "usb key"
    settings.setValue(BACKUP_FOLDER_KEY, str(chosen))
    session.open(_company_file(tmp_path / "garage.entretien"))
    qtbot.waitUntil(lambda: len(backups_in(chosen)) == 1)
    assert not (tmp_path / "backups").exists()


def test_an_empty_file_is_not_backed_up(tmp_path: Path, session: app.Session) -> None:
    session.open(tmp_path / "empty.entretien")
    session.close()
    assert backups_in(tmp_path / "backups") == []


def test_a_backup_that_cannot_be_written_is_told_and_the_file_is_untouched(
    qtbot: QtBot,
    tmp_path: Path,
    settings: QSettings,
    session: app.Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where the folder should be")
    settings.setValue(BACKUP_FOLDER_KEY, str(blocked))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    path = _company_file(tmp_path / "garage.entretien")
    session.open(path)
    qtbot.waitUntil(lambda: session.window is not None and session.window.isVisible())
    session.close()
    assert told and "The backup of garage.entretien could not be written" in told[-1]
    assert "The data file itself is untouched." in told[-1]
    with open_workspace(path, small_company(), create=False) as workspace:
        assert workspace.require_company().name == small_company().name
    assert file_digest(blocked) is not None


@pytest.mark.parametrize(
    ("age", "due"),
    [(timedelta(hours=23, minutes=59), False), (timedelta(days=1), True), (None, True)],
)
def test_a_backup_is_due_once_a_day(tmp_path: Path, age: timedelta | None, due: bool) -> None:
    path = _company_file(tmp_path / "garage.entretien")
    now = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    if age is not None:
        with open_database(path) as database:
            make_backup(database, tmp_path / "b", now - age)
    assert backup_due(path, tmp_path / "b", now) is due


def test_file_restore_lists_the_backups_and_restores_into_a_new_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _company_file(tmp_path / "garage.entretien")
    folder = tmp_path / "backups"
    with open_database(path) as database:
        make_backup(database, folder, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
        newest = make_backup(database, folder, datetime(2026, 12, 4, 18, 0, tzinfo=UTC))
    damaged = folder / "garage-2026-12-05-080000.entretien-backup"
    damaged.write_bytes(b"not a database at all")
    dialog = RestoreDialog(folder, path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 5).text() == "Damaged: cannot be restored"
    assert dialog.chosen() is not None and dialog.chosen().backup.path == newest  # type: ignore[union-attr]
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.table.item(1, 1).text() == small_company().name
    assert dialog.restore_button.isEnabled()

    target = tmp_path / "restored.entretien"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    with qtbot.waitSignal(dialog.restored) as restored:
        dialog.restore_button.click()
    assert restored.args == [target]
    with open_workspace(target, small_company(), create=False) as workspace:
        assert workspace.require_company().name == small_company().name
    assert newest.exists() and file_digest(path) is not None

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    again = RestoreDialog(folder, path)
    qtbot.addWidget(again)
    again.table.selectRow(1)
    again.restore_button.click()  # the same target: it exists now
    assert told and "already exists: a backup is restored into a new file only" in told[0]
