"""A date as people type it, read without Qt: every date field and table cell of the
interface goes through ``read_date``, so that one set of rules (and one table of tests,
tests/test_date_entry.py) decides what a typed date means.

What is accepted, in every language:

- the language's short order and any separator: ``02/03/2027`` is 2 March in French
  (``dd/mm/yyyy``), Dutch (``dd-mm-yyyy``) and Norwegian (``dd.mm.yyyy``), 3 February in
  English (``mm/dd/yyyy``); a separator other than the language's own is accepted too;
- ISO, always: a first number of four digits is a year, then the month, then the day;
- six or eight digits with no separator, in the language's order (``020327``);
- a month's name or abbreviation in the language, with or without the weekday, so that
  the full date the field shows (``mardi 2 mars 2027``) can be pasted back;
- a two-digit year: the year ending in those digits from 80 years before ``today``'s year
  to 19 after it (in 2026: 1946 to 2045). Birth dates reach back further than planned
  dates reach forward; the field shows the date read in full, century included, while it
  is typed, so that a wrong century is seen at once.

What is refused, with the reason: letters that are no month, a missing or extra part, a
thirteenth month, a day the month does not have (31/02/2027 is never moved to March), a
year outside the limits every other part of the program accepts (domain/limits.py).
Nothing is ever corrected into another date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale

from entretien_desktop.domain.limits import EARLIEST_DATE, LATEST_DATE
from entretien_desktop.i18n import _, current_language, format_date

YEARS_BACK = 80
"""A two-digit year reaches this many years before today's year..."""
YEARS_AHEAD = 19
"""...and this many after it."""

_TOKENS = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class DateReading:
    """What a typed text means: a date, or the reason it is none (both ``None``: empty)."""

    value: date | None = None
    problem: str | None = None

    @property
    def empty(self) -> bool:
        return self.value is None and self.problem is None


@dataclass(frozen=True, slots=True)
class _Order:
    """The language's short date: the order of day, month, year, and its separator."""

    parts: tuple[str, str, str]
    separator: str


@lru_cache(maxsize=8)
def _order(language: str) -> _Order:
    pattern = Locale.parse(language).date_formats["short"].pattern
    letters = [c for c in pattern if c in "dMy"]
    parts = tuple(dict.fromkeys({"d": "day", "M": "month", "y": "year"}[c] for c in letters))
    separator = next((c for c in pattern if c not in "dMy"), "/")
    assert len(parts) == 3
    return _Order((parts[0], parts[1], parts[2]), separator)


def _plain(word: str) -> str:
    """Lower case, without accents or a final dot: ``Févr.`` -> ``fevr``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8)
def _words(language: str) -> tuple[dict[str, int], frozenset[str]]:
    """The language's month names and abbreviations (to their number), and its weekday
    names (ignored: ``mardi 2 mars 2027``)."""
    locale = Locale.parse(language)
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                months[_plain(name)] = number
    weekdays = {
        _plain(name)
        for context in ("format", "stand-alone")
        for width in ("wide", "abbreviated")
        for name in locale.days[context][width].values()
    }
    return months, frozenset(weekdays)


def short_pattern(language: str | None = None) -> str:
    """How a date is typed in the language, in its own letters: ``jj/mm/aaaa``."""
    order = _order(language or current_language())
    letters = {
        # Translators: the letters standing for a day in a date pattern (dd/mm/yyyy).
        "day": _("dd"),
        # Translators: the letters standing for a month in a date pattern (dd/mm/yyyy).
        "month": _("mm"),
        # Translators: the letters standing for a year in a date pattern (dd/mm/yyyy).
        "year": _("yyyy"),
    }
    return order.separator.join(letters[part] for part in order.parts)


def short_text(value: date, language: str | None = None) -> str:
    """A date as it is typed in the language, the year in four digits: ``02/03/2027``."""
    order = _order(language or current_language())
    numbers = {"day": f"{value.day:02d}", "month": f"{value.month:02d}", "year": f"{value.year}"}
    if order.parts[0] == "month":  # English writes 3/14/2027, without leading zeros
        numbers = {"day": str(value.day), "month": str(value.month), "year": f"{value.year}"}
    return order.separator.join(numbers[part] for part in order.parts)


def full_text(value: date) -> str:
    """The date in full, weekday included, as the field shows what it read."""
    return format_date(value, "full")


def expand_year(two_digits: int, today: date) -> int:
    """The year ending in ``two_digits`` from ``YEARS_BACK`` years before today's year to
    ``YEARS_AHEAD`` after it."""
    first = today.year - YEARS_BACK
    year = first - first % 100 + two_digits
    return year if year >= first else year + 100


def read_date(text: str, today: date, language: str | None = None) -> DateReading:
    """What ``text`` means as a date in ``language`` (the current one by default)."""
    language = language or current_language()
    stripped = text.strip()
    if not stripped:
        return DateReading()
    months, weekdays = _words(language)
    numbers: list[str] = []
    month_named: int | None = None
    for token in _TOKENS.findall(stripped):
        if token.isdigit():
            numbers.append(token)
        elif _plain(token) in months and month_named is None:
            month_named = months[_plain(token)]
        elif _plain(token) not in weekdays:
            return _not_a_date(stripped, language)
    parts = _parts(numbers, month_named, language)
    if parts is None:
        return _not_a_date(stripped, language)
    return _checked(*parts, today=today)


def _parts(
    numbers: list[str], month_named: int | None, language: str
) -> tuple[str, str, str] | None:
    """Day, month and year as typed (texts of digits), or ``None`` when they are not
    three."""
    if month_named is not None:
        if len(numbers) != 2:
            return None
        day, year = (numbers[1], numbers[0]) if len(numbers[0]) == 4 else numbers
        return day, str(month_named), year
    if len(numbers) == 1 and len(numbers[0]) in (6, 8):
        digits = numbers[0]
        numbers = [digits[:2], digits[2:4], digits[4:]]
        if _order(language).parts[2] != "year":  # pragma: no cover - no such language yet
            return None
    if len(numbers) != 3:
        return None
    if len(numbers[0]) == 4:  # ISO: year, month, day
        return numbers[2], numbers[1], numbers[0]
    typed = dict(zip(_order(language).parts, numbers, strict=True))
    return typed["day"], typed["month"], typed["year"]


def _not_a_date(text: str, language: str) -> DateReading:
    return DateReading(
        problem=_("“{text}” is not a date: type it as {pattern}.").format(
            text=text, pattern=short_pattern(language)
        )
    )


def _checked(day_text: str, month_text: str, year_text: str, *, today: date) -> DateReading:
    if len(year_text) == 2:
        year = expand_year(int(year_text), today)
    elif len(year_text) == 4:
        year = int(year_text)
    else:
        return DateReading(problem=_("A year has two or four digits."))
    day, month = int(day_text), int(month_text)
    if not 1 <= month <= 12:
        return DateReading(
            problem=_("There is no month {month}: months go from 1 to 12.").format(month=month)
        )
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        first = date(year, month, 1)
        return DateReading(
            problem=_("{month} has {count} days: there is no day {day}.").format(
                month=format_date(first, "MMMM y"), count=length, day=day
            )
        )
    value = date(year, month, day)
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        return DateReading(
            problem=_("Dates go from {first} to {last}.").format(
                first=format_date(EARLIEST_DATE), last=format_date(LATEST_DATE)
            )
        )
    return DateReading(value=value)
