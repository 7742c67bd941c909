"""The one base of every error a user, not the program, can resolve.

A refused change (a field that breaks a rule), a refused document (a company file with
problems), a problem with the data file (locked, read-only, disk full, newer version): each
is a ``UserError`` whose ``user_message`` is translated and says what to do. The interface
shows that message and keeps what was typed; anything else that escapes is a bug and goes
to the crash dialog. Kept in ``domain`` so that every layer can raise one.
"""

from __future__ import annotations


class UserError(Exception):
    """A refusal or an environment problem, with a message for the user."""

    @property
    def user_message(self) -> str:
        """What to tell the user (already translated)."""
        return str(self)
