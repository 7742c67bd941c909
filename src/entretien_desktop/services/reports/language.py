"""A report is written in its reader's language (the employee's by default), whatever the
interface speaks: the language is switched while the report is built, then put back.

The switch is process-wide (``i18n`` keeps one current language), so reports are built one
at a time, on one thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from entretien_desktop.i18n import current_language, set_language


@contextmanager
def report_language(language: str) -> Iterator[str]:
    """Messages and formats in ``language`` for the duration; yields the language used
    (an unsupported one falls back as ``set_language`` does)."""
    previous = current_language()
    used = set_language(language)
    try:
        yield used
    finally:
        set_language(previous)
