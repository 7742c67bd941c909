"""Explanations as data: sentences kept as message ids and arguments, put into words in the
current language only when read.

Evaluating a whole company builds many obligations and reads few explanations (a screen
shows a page of them), and a language switch must re-word them: so an obligation keeps its
``Sentence``s and ``render`` translates and formats them on demand. ``say`` and ``say_n``
mark the English message ids for extraction into the catalogs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from entretien_desktop.i18n import _, current_language, format_money, ngettext, prose_date


class Money(int):
    """An amount in euros, written in the reader's format (``3 000 €``, ``€3,000``)."""


class Term(str):
    """A word of the catalog used inside a sentence (``sabbatical leave``), translated when
    the sentence is."""

    __slots__ = ()


def term(message: str) -> Term:
    return Term(message)


Arg = date | int | str


Sentence = tuple[str, str | None, int, dict[str, Arg]]
"""Message id, plural message id (or ``None``), the number choosing the plural form, and the
arguments. A plain tuple: a company's evaluation makes hundreds of thousands of them."""


def say(message: str, **args: Arg) -> Sentence:
    return (message, None, 0, args)


def say_n(singular: str, plural: str, count: int, **args: Arg) -> Sentence:
    return (singular, plural, count, args)


def day(value: date) -> str:
    """A date as in an explanation, a sentence: in full (``14 March 2023``, ``14 mars
    2023``), as the law's own dates are written in the same sentences."""
    return _day(value, current_language())


@lru_cache(maxsize=16384)
def _day(value: date, language: str) -> str:
    del language  # part of the cache key: the text follows the current language
    # No-break spaces (prose_date): a date is never split across two lines.
    return prose_date(value)


def _word(value: Arg) -> str:
    if isinstance(value, Term):
        return _(value)
    if isinstance(value, Money):
        return format_money(value, cents=False)
    if isinstance(value, date):
        return day(value)
    return str(value)


def render(sentences: Iterable[Sentence]) -> str:
    """The sentences translated into the current language, one after the other."""
    words = []
    for message, plural, number, args in sentences:
        template = _(message) if plural is None else ngettext(message, plural, number)
        words.append(template.format(**{name: _word(value) for name, value in args.items()}))
    return " ".join(words)


# Cached: most obligations end with one of these, and sharing the same (never mutated)
# sentence spares building one per obligation. The chains call them directly.
@lru_cache(maxsize=16384)
def held(held_on: date) -> Sentence:
    """The outcome of an obligation satisfied on time."""
    return say("Held on {date}.", date=held_on)


@lru_cache(maxsize=16384)
def held_late(held_on: date) -> Sentence:
    """The outcome of an obligation satisfied after its deadline."""
    return say("Held late, on {date}.", date=held_on)


@lru_cache(maxsize=4096)
def left(exit_date: date) -> tuple[Sentence, ...]:
    """The outcome of an obligation falling due after the employee left."""
    return (say("Not applicable: the employee left on {date}.", date=exit_date),)
