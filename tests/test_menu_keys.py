"""Every menu's keyboard letters (Alt+F, then a letter) are unique in each language: two
entries sharing a letter make the key pick the first, or cycle, and the user lands
elsewhere than asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from entretien_desktop.app import build_window
from entretien_desktop.i18n import current_language, set_language
from entretien_desktop.storage import open_database
from entretien_desktop.ui.file_menu import FileActions


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


def _letter(text: str) -> str | None:
    plain = text.replace("&&", "")
    return plain[plain.index("&") + 1].lower() if "&" in plain else None


@pytest.mark.parametrize("code", ["en", "fr", "nl", "nb"])
def test_no_two_entries_of_a_menu_share_a_letter(
    qtbot: QtBot, tmp_path: Path, code: str, language: None
) -> None:
    set_language(code)

    def nothing(*_args: object) -> None:
        return None

    with open_database(tmp_path / "x.entretien") as database:
        settings = QSettings(str(tmp_path / "i.ini"), QSettings.Format.IniFormat)
        window = build_window(database, settings, FileActions(nothing, nothing, nothing, nothing))
        qtbot.addWidget(window)
        clashes = {}
        for entry in window.menuBar().actions():
            menu = entry.menu()
            letters: dict[str, list[str]] = {}
            for action in menu.actions():
                letter = _letter(action.text())
                if letter is not None:
                    letters.setdefault(letter, []).append(action.text())
            clashes.update({(entry.text(), k): v for k, v in letters.items() if len(v) > 1})
        window.close()
    assert clashes == {}
