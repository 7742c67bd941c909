"""The changes that can be undone, newest last, and those undone that can be redone.

A step knows how to put the file back as it was before the change (``undo``) and as it was
after (``redo``); each checks first that what it would overwrite is still what the change
left, so that nothing typed since is lost (the form's autosave, for one, records no step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Step:
    describe: Callable[[], str]
    """What the change was, in the current language ("changes to Léa Mercier")."""
    undo: Callable[[], None]
    redo: Callable[[], None]


class UndoHistory:
    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._done: list[Step] = []
        self._undone: list[Step] = []

    def record(self, step: Step) -> None:
        """A new change: it can be undone, and what was undone before can no longer be
        redone."""
        self._done.append(step)
        del self._done[: -self.limit]
        self._undone.clear()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    @property
    def next_undo(self) -> Step | None:
        return self._done[-1] if self._done else None

    @property
    def next_redo(self) -> Step | None:
        return self._undone[-1] if self._undone else None

    def undo(self) -> Step:
        """Undo the latest change; if it is refused, the history is cleared (the file no
        longer is what the steps expect) and the refusal goes to the caller."""
        # Moved before it runs: the listeners the change calls see the history as it will be.
        step = self._done.pop()
        self._undone.append(step)
        try:
            step.undo()
        except Exception:
            self.clear()
            raise
        return step

    def redo(self) -> Step:
        step = self._undone.pop()
        self._done.append(step)
        try:
            step.redo()
        except Exception:
            self.clear()
            raise
        return step
