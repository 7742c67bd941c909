"""The one date editor, in every kind of place it is used and in every language: a date
typed the way the language writes it, pasted, with a two-digit year, or impossible (refused
with the reason, never turned into another date). Typed text is ASCII (QTest types no
accents); the language's full date is shown under the field while typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.domain.templates import Column, Field, FieldType
from entretien_desktop.i18n import set_language
from entretien_desktop.ui.forms.form_fields import DateEditor, TableEditor
from entretien_desktop.ui.widgets.date_fields import DateEdit, OptionalDateField, make_date_edit

pytestmark = pytest.mark.gui

MARCH_2 = date(2027, 3, 2)


@dataclass(frozen=True)
class Language:
    code: str
    typed: str
    """2 March 2027 as the language types it."""
    two_digits: str
    pasted: str
    """The date in full, as the field shows it (ASCII in these four languages)."""
    impossible: str
    """31 February 2027, in the language's order."""
    first_day: Qt.DayOfWeek


LANGUAGES = [
    Language("fr", "02/03/2027", "2/3/27", "mardi 2 mars 2027", "31/02/2027", Qt.DayOfWeek.Monday),
    Language(
        "en", "03/02/2027", "3/2/27", "Tuesday, March 2, 2027", "02/31/2027", Qt.DayOfWeek.Monday
    ),
    Language(
        "nl", "02-03-2027", "2-3-27", "dinsdag 2 maart 2027", "31-02-2027", Qt.DayOfWeek.Monday
    ),
    Language(
        "nb", "02.03.2027", "2.3.27", "tirsdag 2. mars 2027", "31.02.2027", Qt.DayOfWeek.Monday
    ),
]


@pytest.fixture(params=LANGUAGES, ids=[language.code for language in LANGUAGES])
def language(request: pytest.FixtureRequest) -> Iterator[Language]:
    chosen: Language = request.param
    set_language(chosen.code)
    yield chosen
    set_language("en")


# -- every kind of date widget, reduced to: where to type, what it holds, what it says ----
@dataclass
class Place:
    widget: QWidget
    editor: Callable[[], DateEdit]
    """The date editor to type in (a table cell's is opened on demand)."""
    value: Callable[[], object]
    """What the place gives the program (a date, or what the form's answers keep)."""
    problem_shown: Callable[[], str]
    """The reason shown to the user when it holds no date."""
    commit: Callable[[], None] = lambda: None
    """Ends the typing (Enter in a table cell)."""


def _field() -> Place:
    edit = make_date_edit(date(2026, 12, 4))
    return Place(edit, lambda: edit, edit.value, edit.reading.text)


def _optional() -> Place:
    field = OptionalDateField("Known", None, date(2026, 12, 4))
    field.check.setChecked(True)
    return Place(
        field,
        lambda: field.edit,
        lambda: field.edit.value() if field.edit.is_valid() else None,
        field.edit.reading.text,
    )


def _form_field() -> Place:
    editor = DateEditor()

    def value() -> object:
        stored = editor.value()
        return date.fromisoformat(stored) if stored and editor.edit.is_valid() else stored

    return Place(editor, lambda: editor.edit, value, editor.edit.reading.text)


def _table_cell() -> Place:
    field = Field(
        "plan",
        FieldType.TABLE,
        "Plan",
        columns=(Column("what", "What"), Column("by_when", "By when", FieldType.DATE)),
    )
    editor = TableEditor(field)
    editor.set_value([{"what": "Train", "by_when": ""}])

    def cell() -> QTableWidgetItem:
        item = editor.table.item(0, 1)
        assert item is not None
        return item

    opened: list[DateEdit] = []

    def open_cell() -> DateEdit:
        editor.table.setCurrentCell(0, 1)
        editor.table.editItem(cell())
        found = editor.table.viewport().findChildren(DateEdit)
        assert len(found) == 1
        opened.append(found[0])
        return found[0]

    def commit() -> None:
        QtBot.keyClick(opened[-1].line, Qt.Key.Key_Return)

    def value() -> object:
        stored = editor.value()[0]["by_when"]
        try:
            return date.fromisoformat(stored)
        except ValueError:
            return stored  # kept as typed: never another date

    return Place(editor, open_cell, value, lambda: cell().toolTip(), commit)


KINDS: dict[str, Callable[[], Place]] = {
    "field": _field,
    "optional": _optional,
    "form field": _form_field,
    "table cell": _table_cell,
}


@pytest.fixture(params=list(KINDS))
def place(request: pytest.FixtureRequest, qtbot: QtBot, language: Language) -> Place:
    made = KINDS[request.param]()
    qtbot.addWidget(made.widget)
    made.widget.show()
    qtbot.waitExposed(made.widget)
    return made


def _type(qtbot: QtBot, place: Place, text: str) -> DateEdit:
    editor = place.editor()
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, text)
    return editor


def test_a_date_typed_as_the_language_writes_it(
    qtbot: QtBot, language: Language, place: Place
) -> None:
    editor = _type(qtbot, place, language.typed)
    assert editor.reading.text() == language.pasted  # shown in full while typing
    assert editor.reading.isVisible()
    place.commit()
    assert place.value() == MARCH_2


def test_an_iso_date_is_always_understood(qtbot: QtBot, language: Language, place: Place) -> None:
    editor = _type(qtbot, place, "2027-03-02")
    assert editor.reading.text() == language.pasted
    place.commit()
    assert place.value() == MARCH_2


def test_a_pasted_date(qtbot: QtBot, language: Language, place: Place) -> None:
    editor = place.editor()
    QApplication.clipboard().setText(f"  {language.pasted}\n")
    editor.line.selectAll()
    qtbot.keyClick(editor.line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.value() == MARCH_2
    place.commit()
    assert place.value() == MARCH_2


def test_a_two_digit_year(qtbot: QtBot, language: Language, place: Place) -> None:
    editor = _type(qtbot, place, language.two_digits)
    assert editor.reading.text() == language.pasted  # the century, shown
    place.commit()
    assert place.value() == MARCH_2


def test_an_impossible_date_is_refused_with_its_reason(
    qtbot: QtBot, language: Language, place: Place
) -> None:
    editor = _type(qtbot, place, language.impossible)
    assert editor.value() is None
    assert not editor.is_valid()
    assert "28" in editor.reading.text()
    assert editor.reading.isVisible()
    place.commit()
    assert place.value() != date(2027, 3, 3), "never moved into March"
    assert not isinstance(place.value(), date)
    assert "28" in place.problem_shown()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_the_date_is_shown_and_the_calendar_starts_the_week_as_the_language_does(
    qtbot: QtBot, language: Language
) -> None:
    edit = make_date_edit(MARCH_2)
    qtbot.addWidget(edit)
    assert edit.text() == {"fr": "02/03/2027", "en": "3/2/2027"}.get(language.code, language.typed)
    edit.show()
    edit.open_calendar()
    calendar = edit.calendar
    assert calendar is not None
    assert calendar.firstDayOfWeek() == language.first_day
    assert calendar.selectedDate().toPython() == MARCH_2
    calendar.clicked.emit(calendar.selectedDate().addDays(7))
    assert edit.value() == date(2027, 3, 9)
    assert edit.calendar_menu is not None
    assert not edit.calendar_menu.isVisible()


def test_an_empty_required_date_says_so(qtbot: QtBot, language: Language) -> None:
    edit = make_date_edit(MARCH_2)
    qtbot.addWidget(edit)
    edit.line.clear()
    assert not edit.is_valid()
    assert edit.problem() is not None
    assert edit.last_good() == MARCH_2  # what the dialog's checks run on meanwhile
