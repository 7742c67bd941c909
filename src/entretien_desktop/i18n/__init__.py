"""Translations and locale-aware formats, shared by the interface, the command line and PDFs.

Messages are English gettext ids translated by the catalogs compiled from ``translations/``
into ``entretien_desktop/locale``. Dates, numbers and money go through babel in the current
language. ``_`` looks the language up at call time so that a switch takes effect at once.

The current language has two layers. ``set_language`` sets the process's: the interface's,
seen by every thread that chose nothing else. ``language_context`` sets a language for the
current thread (strictly: the current ``contextvars`` context) only, for the duration of a
``with`` block: a report built on a worker in Dutch leaves the interface in French, and two
reports in two languages can be built at once on two threads. A new thread does not inherit
the context of the thread that started it: a worker that builds text for the interface
enters ``language_context`` itself (``ui/report_worker.py`` does).
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel import dates as _dates
from babel import numbers as _numbers

DOMAIN = "entretien_desktop"
SUPPORTED_LANGUAGES: tuple[str, ...] = ("fr", "en", "nl", "nb")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_state: dict[str, object] = {
    "language": DEFAULT_LANGUAGE,
    "translations": _gettext.NullTranslations(),
}
"""The process's language (the interface's) and its catalog."""

_context: ContextVar[tuple[str, _gettext.NullTranslations] | None] = ContextVar(
    "entretien_desktop_language", default=None
)
"""The language chosen for the current context only, over the process's; None: none."""


def system_language() -> str:
    """The supported language closest to the user's environment, else English."""
    candidates = [
        os.environ.get(name, "") for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    ]
    candidates.append(_locale.getlocale()[0] or "")
    for raw in candidates:
        for part in raw.split(":"):
            code = normalise_language(part)
            if code is not None:
                return code
    return DEFAULT_LANGUAGE


def normalise_language(raw: str) -> str | None:
    """``"fr_FR.UTF-8"`` -> ``"fr"``; Norwegian ``no``/``nn`` read as Bokmål; else ``None``."""
    code = re.split(r"[._@-]", raw, maxsplit=1)[0].lower()
    if code in {"no", "nn"}:
        code = "nb"
    return code if code in SUPPORTED_LANGUAGES else None


def _catalog(code: str) -> _gettext.NullTranslations:
    # gettext keeps each parsed catalog file and hands out a copy: no file is read twice.
    return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True)


def set_language(language: str) -> str:
    """Switch the process's (the interface's) messages and formats to ``language``;
    returns the language used. A thread inside ``language_context`` keeps its own."""
    code = normalise_language(language) or DEFAULT_LANGUAGE
    translations = _catalog(code)
    _state["language"] = code
    _state["translations"] = translations
    return code


@contextmanager
def language_context(language: str) -> Iterator[str]:
    """Messages and formats in ``language`` for the current thread only, for the duration;
    yields the language used (an unsupported one falls back as ``set_language`` does).
    Other threads, the interface's among them, keep theirs; blocks nest."""
    code = normalise_language(language) or DEFAULT_LANGUAGE
    token = _context.set((code, _catalog(code)))
    try:
        yield code
    finally:
        _context.reset(token)


def current_language() -> str:
    """The language of this thread's context if one was chosen, else the process's."""
    chosen = _context.get()
    return chosen[0] if chosen is not None else str(_state["language"])


def interface_language() -> str:
    """The process's language, whatever this thread's context chose."""
    return str(_state["language"])


def _translations() -> _gettext.NullTranslations:
    chosen = _context.get()
    if chosen is not None:
        return chosen[1]
    translations = _state["translations"]
    assert isinstance(translations, _gettext.NullTranslations)
    return translations


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on ``count``."""
    return _translations().ngettext(singular, plural, count)


def _babel_locale() -> Locale:
    return _locale_of(current_language())


@lru_cache(maxsize=16)
def _locale_of(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except UnknownLocaleError:  # pragma: no cover - every supported code is known to babel
        return Locale.parse(DEFAULT_LANGUAGE)


def format_date(value: date, fmt: str = "medium") -> str:
    """A date as people of the current language write it (``14 mars 2023``)."""
    return _format_date(value, fmt, current_language())


@lru_cache(maxsize=65536)
def _format_date(value: date, fmt: str, language: str) -> str:
    # Cached: a register of thousands of rows shows a few thousand distinct days, and
    # babel takes some 20 microseconds a date. The text is made in the language of the
    # key, never in a current language read again here: the cache is shared by threads
    # that speak different languages.
    return str(_dates.format_date(value, format=fmt, locale=_locale_of(language)))


def format_number(value: float | int | Decimal) -> str:
    return str(_numbers.format_decimal(value, locale=_babel_locale()))


def format_money(value: float | int | Decimal, currency: str = "EUR", *, cents: bool = True) -> str:
    """An amount with its currency; ``cents=False`` drops the decimals (``3 000 €``)."""
    locale = _babel_locale()
    pattern = None
    if not cents:
        pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return str(
        _numbers.format_currency(
            value, currency, format=pattern, locale=locale, currency_digits=cents
        )
    )


# The house style of dates on paper and on screen, in one place: a date in running text (a
# sentence, a letter, a heading, a field of its own) is written in full, "4 décembre 2025";
# only a dense table cell abbreviates the month, "4 déc. 2025". Both keep the day, the
# month and the year together on one line (no-break spaces).
_NBSP = "\u00a0"


def prose_date(value: date, *, weekday: bool = False) -> str:
    """A date in running text, the month in full: ``4 décembre 2025``, never broken;
    ``weekday``: the day of the week first (``jeudi 4 décembre 2025``), for a meeting."""
    return _first(value, format_date(value, "full" if weekday else "long")).replace(" ", _NBSP)


def table_date(value: date) -> str:
    """A date in a dense table cell, the month abbreviated: ``4 déc. 2025``, never broken."""
    return _first(value, format_date(value, "medium")).replace(" ", _NBSP)


def _first(value: date, text: str) -> str:
    """French writes the first of the month as an ordinal: ``1er mars 2026``."""
    if value.day == 1 and current_language() == "fr":
        return re.sub(r"(?<!\d)1(?= )", "1er", text, count=1)
    return text
