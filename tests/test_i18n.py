"""Translations: the template matches the code, the French catalog is complete and right,
and switching language changes messages and formats at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from entretien_desktop import i18n
from entretien_desktop.i18n import _, format_date, format_money, ngettext, set_language
from entretien_desktop.i18n.template_messages import extract

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
COMPLETE_LANGUAGES = ["fr", "en", "nl", "nb"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def _ids(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _translations(message: Message) -> list[str]:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return [s or "" for s in strings]


def _template() -> Catalog:
    return _catalog(TRANSLATIONS / "entretien_desktop.pot")


@pytest.fixture
def language() -> Iterator[None]:
    before = i18n.current_language()
    yield
    set_language(before)


def test_the_template_lists_exactly_the_messages_of_the_code() -> None:
    in_code = {
        msgid if isinstance(msgid, str) else msgid[0]
        for _file, _line, msgid, _comments, _context in extract_from_dir(
            ROOT / "src",
            method_map=[("**.py", "python")],
            keywords={"_": None, "ngettext": (1, 2), "say": None, "say_n": (1, 2), "term": None},
        )
    }
    for path in sorted((ROOT / "resources" / "templates").glob("*.json")):
        with path.open("rb") as stream:
            in_code.update(text for _line, _func, text, _notes in extract(stream, {}, [], {}))
    in_template = {_ids(m) for m in _template() if m.id}
    assert in_code - in_template == set(), "run `make update-catalogs`"
    assert in_template - in_code == set(), "run `make update-catalogs`"


@pytest.mark.parametrize("code", COMPLETE_LANGUAGES)
def test_the_catalog_translates_every_message(code: str) -> None:
    catalog = _catalog(TRANSLATIONS / f"{code}.po")
    missing = [
        _ids(m)
        for m in _template()
        if m.id
        and ((found := catalog.get(m.id)) is None or found.fuzzy or not all(_translations(found)))
    ]
    assert missing == []


@pytest.mark.parametrize("code", ["fr", "en", "nl", "nb"])
def test_translations_keep_every_placeholder(code: str) -> None:
    catalog = _catalog(TRANSLATIONS / f"{code}.po")
    wrong = [
        (_ids(m), text)
        for m in catalog
        if m.id
        for text in _translations(m)
        if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(_ids(m)))
    ]
    assert wrong == []


def test_switching_language_changes_messages_and_formats(language: None) -> None:
    set_language("en")
    english = (_("required field is missing"), format_date(date(2023, 3, 14)))
    set_language("fr")
    french = (_("required field is missing"), format_date(date(2023, 3, 14)))
    assert english == ("required field is missing", "Mar 14, 2023")
    assert french[0] != english[0]
    assert french[1] == "14 mars 2023"


def test_french_plural_forms(language: None) -> None:
    set_language("fr")
    one = ngettext("{count} employee", "{count} employees", 1).format(count=1)
    many = ngettext("{count} employee", "{count} employees", 2).format(count=2)
    assert one != many and one.startswith("1 ") and many.startswith("2 ")


def test_money_uses_the_narrow_no_break_space_in_french(language: None) -> None:
    set_language("fr")
    assert format_money(3000) == "3\u202f000,00\u00a0€"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("fr_FR.UTF-8", "fr"), ("nb-NO", "nb"), ("nn_NO", "nb"), ("no", "nb"), ("de_DE", None)],
)
def test_system_language_names_are_understood(raw: str, expected: str | None) -> None:
    assert i18n.normalise_language(raw) == expected
