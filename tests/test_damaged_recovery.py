"""A damaged file is caught and recovered (issue 18): refused in the window with a plain
message that offers the latest good backup, restored into a new file that then opens, the
damaged file left byte for byte as it was; File › Check the file… reads every page; the
command line names the backup and the command that restores it."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from entretien_desktop import app, paths
from entretien_desktop.cli import EXIT_FAILURE, EXIT_NOT_VERIFIED, EXIT_OK, main
from entretien_desktop.services.backups import make_backup
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.recovery import check_file, latest_good_backup
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.file_check_dialog import RESULT_NAME
from tests.helpers import file_digest, small_company
from tests.qt_helpers import WAIT_MS

pytestmark = pytest.mark.gui

PAGE = 4096
TAKEN = datetime(2026, 11, 20, 17, 45).astimezone()
DAMAGED = "is damaged"
NOT_OURS = "is not an Entretien Desktop data file"
JOURNALS = ("-wal", "-shm", "-journal", ".lock")


def _bytes(change: Callable[[bytearray], bytes]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.write_bytes(change(bytearray(path.read_bytes())))

    return damage


def _zero_page(data: bytearray) -> bytes:
    data[2 * PAGE : 3 * PAGE] = bytes(PAGE)
    return bytes(data)


def _garbage(data: bytearray) -> bytes:
    rng = random.Random(18)
    pages = [n for n in range(1, len(data) // PAGE) if data[n * PAGE] in {0x05, 0x0D}]
    start = rng.choice(pages) * PAGE
    data[start : start + 40] = rng.randbytes(40)
    return bytes(data)


def _another_program(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount REAL)")
    connection.execute("INSERT INTO invoice (amount) VALUES (12.5)")
    connection.commit()
    connection.close()


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (_bytes(lambda data: bytes(data[: int(len(data) * 0.7)])), DAMAGED),
    "header overwritten": (_bytes(lambda data: bytes(16) + bytes(data[16:])), NOT_OURS),
    "a page zeroed": (_bytes(_zero_page), DAMAGED),
    "garbage": (_bytes(_garbage), DAMAGED),
    "empty": (_bytes(lambda _data: b""), NOT_OURS),
    "another application's SQLite": (_another_program, NOT_OURS),
}


def _company_file(path: Path) -> Path:
    """The small company's data file at ``path``, whole, with no journal beside it."""
    with open_database(path) as database:
        import_company(database, small_company())
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    Path(f"{path}-wal").unlink(missing_ok=True)
    return path


def _backed_up_then_damaged(path: Path, kind: str) -> Path:
    """The small company's file, its backup in ``backups`` beside it, then the damage."""
    _company_file(path)
    backup = make_backup(path, path.parent / "backups", TAKEN)
    DAMAGES[kind][0](path)
    return backup


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every other message box shown (warnings, errors): none is expected."""
    seen: list[str] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *_a: seen.append(text))
    return seen


class Offer:
    """The refusal's message box as the user saw it, answered with the button named
    ``answer`` (its objectName), or Close."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: str | None) -> None:
        self.texts: list[str] = []
        self.buttons: list[list[str]] = []
        self.answer = answer

        def answered(box: QMessageBox) -> int:  # called as the box's method: box is self
            return self.click(box)

        monkeypatch.setattr(QMessageBox, "exec", answered)

    def click(self, box: QMessageBox) -> int:
        assert box.objectName() == "damaged_file_dialog"
        self.texts.append(f"{box.text()}\n{box.informativeText()}")
        self.buttons.append([b.objectName() or b.text() for b in box.buttons()])
        if self.answer is None:
            box.button(QMessageBox.StandardButton.Close).click()
        else:
            button = box.findChild(QPushButton, self.answer)
            assert button is not None, self.buttons[-1]
            button.click()
        return 0


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_a_damaged_file_is_refused_with_the_offer_of_its_latest_good_backup(
    qtbot: QtBot,
    tmp_path: Path,
    shown: list[str],
    session: app.Session,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    window = session.open(_company_file(tmp_path / "other" / "kept.entretien"))
    damaged = tmp_path / "data" / "c.entretien"
    damaged.parent.mkdir()
    _backed_up_then_damaged(damaged, kind)
    before = file_digest(damaged)
    offer = Offer(monkeypatch, answer=None)

    window.file_menu.open_file(damaged)

    assert len(offer.texts) == 1 and shown == []
    text = offer.texts[0]
    assert DAMAGES[kind][1] in text
    if DAMAGES[kind][1] == NOT_OURS:
        assert DAMAGED not in text  # another program's file is not called ours, damaged
    assert "Nov 20, 2026 17:45" in text and "Garage Lefèvre, 2 employees" in text
    assert "restore_backup" in offer.buttons[0]
    assert "Traceback" not in text
    assert file_digest(damaged) == before
    assert session.window is window and window.isVisible()  # declined: nothing changed
    files = {p.name for p in damaged.parent.iterdir() if not p.name.endswith(JOURNALS)}
    assert files == {"backups", "c.entretien"}  # no file made beside it


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_accepting_the_offer_opens_the_backup_restored_into_a_new_file(
    qtbot: QtBot,
    tmp_path: Path,
    shown: list[str],
    session: app.Session,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    window = session.open(_company_file(tmp_path / "other" / "kept.entretien"))
    damaged = tmp_path / "data" / "c.entretien"
    damaged.parent.mkdir()
    _backed_up_then_damaged(damaged, kind)
    before = file_digest(damaged)
    Offer(monkeypatch, answer="restore_backup")

    window.file_menu.open_file(damaged)

    restored = damaged.with_name("c (restored 2026-11-20).entretien")
    assert shown == []
    assert session.window is not window and session.window is not None
    assert "Garage Lefèvre" in session.window.windowTitle()
    assert session.database is not None and session.database.path == restored.resolve()
    stored = load_company(session.database)
    assert stored is not None and [e.ref for e in stored.employees] == ["G1", "G2"]
    assert file_digest(damaged) == before


def test_a_file_of_another_program_without_backups_is_only_refused(
    qtbot: QtBot, tmp_path: Path, session: app.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = session.open(_company_file(tmp_path / "kept.entretien"))
    foreign = tmp_path / "accounts.sqlite"
    foreign.write_bytes(b"")
    _another_program(foreign)
    before = file_digest(foreign)
    offer = Offer(monkeypatch, answer=None)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    window.file_menu.open_file(foreign)

    assert offer.texts == []
    assert warnings == [f"{foreign} is not an Entretien Desktop data file; it was left untouched."]
    assert file_digest(foreign) == before


def test_at_start_up_a_damaged_file_is_recovered_from_its_backup(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "log")
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "config")
    damaged = tmp_path / "data" / "c.entretien"
    damaged.parent.mkdir()
    _backed_up_then_damaged(damaged, "a page zeroed")
    before = file_digest(damaged)
    offer = Offer(monkeypatch, answer="restore_backup")
    seen: list[str] = []

    def look_then_close() -> None:
        seen.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible())
        QApplication.closeAllWindows()

    QTimer.singleShot(0, look_then_close)
    assert app.run_gui(damaged, "en") == 0

    assert len(offer.texts) == 1 and DAMAGED in offer.texts[0]
    assert any("Garage Lefèvre" in title for title in seen)
    assert damaged.with_name("c (restored 2026-11-20).entretien").is_file()
    assert file_digest(damaged) == before


def _passes_quick_check_only(path: Path) -> None:
    """An index that no longer matches its table: opening (``quick_check``) does not see
    it, the full check does."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_employee_manager_id ON employee "
        "(first_name)' WHERE name = 'ix_employee_manager_id'"
    )
    connection.commit()
    connection.close()


def _check_from_the_menu(qtbot: QtBot, session: app.Session) -> QMessageBox:
    window = session.window
    assert window is not None
    window.file_menu.check_action.trigger()
    progress = window.findChild(QProgressDialog, "file_check_progress")
    assert progress is not None and progress.maximum() == 0  # busy while the worker reads
    with qtbot.waitSignal(window.file_checker.reported, timeout=WAIT_MS):
        pass
    box = window.findChild(QMessageBox, RESULT_NAME)
    assert box is not None and box.isVisible()
    return box


def test_the_menu_check_says_a_whole_file_is_whole(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    session.open(_company_file(tmp_path / "c.entretien"))

    box = _check_from_the_menu(qtbot, session)

    assert box.text().startswith("The file is whole: ")
    assert "2 employees and 1 interviews read" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()


def test_the_menu_check_finds_what_opening_did_not_and_offers_the_backup(
    qtbot: QtBot, tmp_path: Path, shown: list[str], session: app.Session
) -> None:
    path = _company_file(tmp_path / "c.entretien")
    make_backup(path, tmp_path / "backups", TAKEN)
    _passes_quick_check_only(path)
    session.open(path)
    window = session.window

    box = _check_from_the_menu(qtbot, session)

    assert box.text() == "The file is damaged: the full check found 2 problems."
    assert "missing from index" in box.detailedText()
    assert "Nov 20, 2026 17:45" in box.informativeText()
    button = box.findChild(QPushButton, "restore_backup")
    assert button is not None
    button.click()
    restored = tmp_path / "c (restored 2026-11-20).entretien"
    assert session.window is not window and session.database is not None
    assert session.database.path == restored.resolve()
    assert check_file(restored).whole
    # Leaving the damaged file, its backup fails its check: not kept, and the user is told.
    assert len(shown) == 1 and "failed its integrity check and was removed" in shown[0]
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_the_full_check_of_a_damaged_backup_reports_it_and_it_is_never_offered(
    tmp_path: Path,
) -> None:
    path = _company_file(tmp_path / "c.entretien")
    older = make_backup(path, tmp_path / "backups", TAKEN)
    newer = make_backup(path, tmp_path / "backups", TAKEN.replace(hour=18))
    _bytes(_zero_page)(newer)

    assert not check_file(newer).whole
    assert check_file(older).whole
    listing = latest_good_backup(path, tmp_path / "backups")
    assert listing is not None and listing.backup.path == older


def test_verify_file_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _company_file(tmp_path / "c.entretien")
    backup = make_backup(path, tmp_path / "backups", TAKEN)

    assert main(["verify-file", "--db", str(path), "--lang", "en"]) == EXIT_OK
    assert "is whole" in capsys.readouterr().out

    _bytes(_zero_page)(path)
    before = file_digest(path)
    assert main(["verify-file", "--db", str(path), "--lang", "en"]) == EXIT_NOT_VERIFIED
    err = capsys.readouterr().err
    assert "is damaged: the full check found" in err
    assert str(backup) in err and "entretien-desktop restore --from" in err
    assert file_digest(path) == before


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_the_command_line_names_the_latest_good_backup_and_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "c.entretien"
    backup = _backed_up_then_damaged(path, kind)
    before = file_digest(path)

    assert main(["check", "--db", str(path), "--lang", "en"]) == EXIT_FAILURE

    err = capsys.readouterr().err
    assert DAMAGES[kind][1] in err and "Traceback" not in err
    assert str(backup) in err
    target = tmp_path / "c (restored 2026-11-20).entretien"
    assert f'entretien-desktop restore --from "{backup}" --to "{target}"' in err
    assert file_digest(path) == before


@pytest.mark.parametrize("command", ["audit", "export"])
def test_other_commands_name_the_backup_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "c.entretien"
    backup = _backed_up_then_damaged(path, "a page zeroed")
    extra = ["--out", str(tmp_path / "out.json")] if command == "export" else []

    assert main([command, "--db", str(path), "--lang", "en", *extra]) != EXIT_OK

    err = capsys.readouterr().err
    assert DAMAGED in err and f'restore --from "{backup}"' in err
    assert not (tmp_path / "out.json").exists()


def test_a_damaged_encrypted_file_is_offered_its_encrypted_backup(
    qtbot: QtBot,
    tmp_path: Path,
    shown: list[str],
    session: app.Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The passphrase opens the file, which is then found damaged: the offer reads its
    backups with the same key, and the backup restored is encrypted the same way."""
    from entretien_desktop.storage.cipher import FileKey, looks_encrypted  # noqa: PLC0415
    from entretien_desktop.ui.dialogs.passphrase_dialog import (  # noqa: PLC0415
        AskPassphraseDialog,
    )

    window = session.open(_company_file(tmp_path / "other" / "kept.entretien"))
    damaged = tmp_path / "data" / "c.entretien"
    damaged.parent.mkdir()
    key = FileKey.new("une phrase de passe solide")
    with open_database(damaged, key) as database:
        import_company(database, small_company())
    make_backup(damaged, damaged.parent / "backups", TAKEN, key)
    _bytes(_zero_page)(damaged)
    before = file_digest(damaged)
    Offer(monkeypatch, answer="restore_backup")
    typed: list[str] = []

    def passphrase(dialog: AskPassphraseDialog) -> int:
        typed.append(dialog.windowTitle())
        dialog.field.setText("une phrase de passe solide")
        dialog.try_passphrase()
        return int(dialog.result())

    monkeypatch.setattr(AskPassphraseDialog, "exec", passphrase)
    window.file_menu.open_file(damaged)

    restored = damaged.with_name("c (restored 2026-11-20).entretien")
    assert shown == []
    assert len(typed) == 2  # the damaged file's, then the restored file's
    assert session.database is not None and session.database.path == restored.resolve()
    assert looks_encrypted(restored)
    stored = load_company(session.database)
    assert stored is not None and [e.ref for e in stored.employees] == ["G1", "G2"]
    assert file_digest(damaged) == before
