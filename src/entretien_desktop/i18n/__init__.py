"""Translations and locale-aware formats, shared by the interface, the command line and PDFs.

Messages are English gettext ids translated by the catalogs compiled from ``translations/``
into ``entretien_desktop/locale``. Dates, numbers and money go through babel in the current
language. ``_`` looks the language up at call time so that a switch takes effect at once.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
import re
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


def set_language(language: str) -> str:
    """Switch every later message and format to ``language``; returns the language used."""
    code = normalise_language(language) or DEFAULT_LANGUAGE
    translations = _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True
    )
    _state["language"] = code
    _state["translations"] = translations
    return code


def current_language() -> str:
    return str(_state["language"])


def _translations() -> _gettext.NullTranslations:
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
    try:
        return Locale.parse(current_language())
    except UnknownLocaleError:  # pragma: no cover - every supported code is known to babel
        return Locale.parse(DEFAULT_LANGUAGE)


def format_date(value: date, fmt: str = "medium") -> str:
    """A date as people of the current language write it (``14 mars 2023``)."""
    return _format_date(value, fmt, current_language())


@lru_cache(maxsize=65536)
def _format_date(value: date, fmt: str, language: str) -> str:
    # Cached: a register of thousands of rows shows a few thousand distinct days, and
    # babel takes some 20 microseconds a date; the language is part of the key.
    del language
    return str(_dates.format_date(value, format=fmt, locale=_babel_locale()))


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
