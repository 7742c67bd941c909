"""The house typography of a text in a language: what a typesetter would do to what the user
typed and to the catalog's translations before they are printed.

In every language a number is never broken across lines: its groups of thousands
(``10 000``), the number and its unit or currency (``35 h``, ``10 000 € HT``, ``€ 3.000``),
the day, month and year of a date (``4 févr. 2026``) are held together by no-break spaces.
In French, as the Imprimerie nationale's rules have it, the apostrophe is the typographic
one (``l’entretien``), and a narrow no-break space stands before ``; : ! ?`` and inside
``« »`` (``oui : non`` becomes ``oui\u202f: non``; one is added where the user typed none).

``typeset`` does it all; reports apply it to every paragraph (``blocks.markup``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

NBSP = "\u00a0"
"""No-break space: between a number and its unit, inside a date."""
NNBSP = "\u202f"
"""Narrow no-break space: French groups of thousands, before ``; : ! ?``, inside « »."""

_SPACE = "[ \t\u00a0\u202f]"
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_UNITS = (
    "€|\\$|£|¥|%|‰|°C|°|EUR|USD|GBP|CHF|NOK|SEK|DKK|kr|h|min|mm|cm|m|km|m²|m³|kg|"
    "HT|TTC|ETP|"
    "ans?|mois|jours?|semaines?|heures?|salariés?|"
    "years?|months?|weeks?|days?|hours?|employees?|"
    "jaar|jaren|maanden?|weken?|dagen?|uur|uren|werknemers?|"
    "år|måneder?|uker?|dager?|timer?|ansatte"
)
_NUMBER_UNIT = re.compile(rf"(?<=\d){_SPACE}+(?=(?:{_UNITS})(?![\w]))")
_CURRENCY_NUMBER = re.compile(rf"(?<![\w])(€|\$|£|EUR|USD|GBP|CHF|NOK|SEK|DKK|kr){_SPACE}+(?=\d)")
_CURRENCY_TAX = re.compile(rf"(?<=€|R|F|K){_SPACE}+(?=(?:HT|TTC)(?!\w))")
_ABBREVIATIONS = re.compile(rf"(?<![\w])(n°|N°|nº|art\.|p\.|No\.|nr\.|Nr\.){_SPACE}+(?=\w)")

_FR_SPACE_BEFORE = re.compile(rf"{_SPACE}+([;:!?»])")
_FR_NONE_BEFORE = re.compile(r"(?<=[\w)\]’'…\"»])([;:!?](?=\s|$|[^\w/])|»)")
_EN_DAY_YEAR = re.compile(rf"(?<=\d),{_SPACE}+(?=\d{{4}}(?!\d))")
_FR_OPENING = re.compile(rf"«{_SPACE}*")
_FR_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")


@lru_cache(maxsize=8)
def _dates(language: str) -> re.Pattern[str] | None:
    """The spaces of a date in ``language``: between a day and a month's name, a month's
    name and a year or a day (month names wide and abbreviated, from the locale's data)."""
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None
    names = {
        name
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
        for name in locale.months[context][width].values()
    }
    months = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    day = r"\d{1,2}(?:er|\.)?"
    return re.compile(
        rf"(?<![\w])({day}){_SPACE}+(?=(?:{months})(?![\w]))"
        rf"|(?<![\w])((?:{months})){_SPACE}+(?=\d)",
        re.IGNORECASE,
    )


def _glue(match: re.Match[str]) -> str:
    return (match.group(1) or match.group(2)) + NBSP


@lru_cache(maxsize=65536)
def typeset(text: str, language: str) -> str:
    """``text`` with the typography of ``language`` (see the module's docstring); the rest
    of it as it was. The language is a code such as ``fr``."""
    if not text:
        return text
    code = language.split("_", 1)[0].lower()
    french = code == "fr"
    if any(c.isdigit() for c in text):
        text = _THOUSANDS.sub(NNBSP if french else NBSP, text)
        text = _NUMBER_UNIT.sub(NBSP, text)
        text = _CURRENCY_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
        dates = _dates(code)
        if dates is not None:
            text = dates.sub(_glue, text)
        if code == "en":
            text = _EN_DAY_YEAR.sub("," + NBSP, text)
    text = _CURRENCY_TAX.sub(NBSP, text)
    text = _ABBREVIATIONS.sub(lambda m: m.group(1) + NBSP, text)
    if french:
        text = _FR_APOSTROPHE.sub("’", text)
        text = _FR_SPACE_BEFORE.sub(lambda m: NNBSP + m.group(1), text)
        text = _FR_NONE_BEFORE.sub(lambda m: NNBSP + m.group(1), text)
        text = _FR_OPENING.sub("«" + NNBSP, text)
    return text
