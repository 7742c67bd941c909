"""Translations: the template matches the code, the French catalog is complete and right,
and switching language changes messages and formats at once."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
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
    for path in sorted((ROOT / "resources" / "templates").glob("**/*.json")):
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


# -- the language as a context -------------------------------------------------------------
def _spoken(language: str, meet: threading.Barrier) -> tuple[str, ...]:
    """What this thread says in ``language``, once the other thread is in its own."""
    with i18n.language_context(language) as used:
        meet.wait(timeout=10)  # both threads are inside their context now
        said = (
            used,
            i18n.current_language(),
            _("required field is missing"),
            ngettext("{count} employee", "{count} employees", 2),
            format_date(date(2023, 3, 14)),
            i18n.format_number(1234.5),
            format_money(3000),
        )
        meet.wait(timeout=10)  # neither leaves before the other has spoken
    return said


def test_two_threads_speak_two_languages_at_once_and_the_interface_keeps_its_own(
    language: None,
) -> None:
    set_language("fr")
    interface = (_("required field is missing"), format_date(date(2023, 3, 14)))
    meet = threading.Barrier(3)
    with ThreadPoolExecutor(max_workers=2) as pool:
        dutch = pool.submit(_spoken, "nl", meet)
        english = pool.submit(_spoken, "en", meet)
        meet.wait(timeout=10)
        # Both workers are inside their languages: this thread still speaks French.
        during = (i18n.current_language(), _("required field is missing"))
        during_date = format_date(date(2023, 3, 14))
        meet.wait(timeout=10)
        said = {"nl": dutch.result(timeout=10), "en": english.result(timeout=10)}
    assert during == ("fr", interface[0])
    assert during_date == "14 mars 2023"
    assert said["en"] == (
        "en",
        "en",
        "required field is missing",
        "{count} employees",
        "Mar 14, 2023",
        "1,234.5",
        "€3,000.00",
    )
    assert said["nl"][:2] == ("nl", "nl")
    assert said["nl"][2] not in {"required field is missing", interface[0]}
    assert said["nl"][4] == "14 mrt 2023"
    assert said["nl"][5] == "1.234,5"
    assert i18n.current_language() == i18n.interface_language() == "fr"
    assert (_("required field is missing"), format_date(date(2023, 3, 14))) == interface


def test_a_language_context_ends_with_its_block_and_nests(language: None) -> None:
    set_language("fr")
    with i18n.language_context("en") as outer:
        with i18n.language_context("nb") as inner:
            assert (inner, i18n.current_language()) == ("nb", "nb")
            assert i18n.interface_language() == "fr"
        assert (outer, i18n.current_language()) == ("en", "en")
        assert _("required field is missing") == "required field is missing"
    assert i18n.current_language() == "fr"
    with i18n.language_context("de") as fallback:  # not spoken: English, as set_language does
        assert fallback == "en"


def test_setting_the_interface_language_inside_a_context_keeps_the_context(
    language: None,
) -> None:
    with i18n.language_context("nl"):
        set_language("fr")
        assert i18n.current_language() == "nl"
    assert i18n.current_language() == "fr"


def test_a_new_thread_speaks_the_interface_language_not_its_starters_context(
    language: None,
) -> None:
    set_language("fr")
    with i18n.language_context("nl"), ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(i18n.current_language).result(timeout=10) == "fr"
