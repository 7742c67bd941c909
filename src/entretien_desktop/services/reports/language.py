"""A report is written in its reader's language (the employee's by default), whatever the
interface speaks: the language is chosen for the thread that builds the report, for the
duration of the build.

The choice is the current thread's alone (``i18n.language_context``): a report built on a
worker in Dutch leaves the interface as it was, and two reports in two languages can be
built at once on two threads.
"""

from __future__ import annotations

from entretien_desktop.i18n import language_context

report_language = language_context
"""``with report_language("nl") as used:`` messages and formats in Dutch on this thread for
the duration; ``used`` is the language used (an unsupported one falls back as
``set_language`` does)."""

__all__ = ["report_language"]
