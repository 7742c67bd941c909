"""Date pickers follow the interface's language: its date format and first day of week."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from entretien_desktop.i18n import set_language
from entretien_desktop.ui.widgets.date_fields import make_date_edit


@pytest.mark.parametrize(
    ("language", "first_day", "shown"),
    [
        # Babel's "en" is English without a country, whose week starts on Monday.
        ("en", Qt.DayOfWeek.Monday, "3/14/2027"),
        ("fr", Qt.DayOfWeek.Monday, "14/03/2027"),
        ("nl", Qt.DayOfWeek.Monday, "14-03-2027"),
        ("nb", Qt.DayOfWeek.Monday, "14.03.2027"),
    ],
)
def test_a_date_picker_speaks_the_language(
    qtbot: QtBot, language: str, first_day: Qt.DayOfWeek, shown: str
) -> None:
    set_language(language)
    edit = make_date_edit(date(2027, 3, 14))
    qtbot.addWidget(edit)
    assert edit.calendarWidget().firstDayOfWeek() == first_day
    assert edit.text() == shown
