"""The changes that can be undone, newest last, and those undone that can be redone.

A step is one change made through the workspace's gate: the parts of the file it changed
(an employee, the templates, the campaigns, the company's data), each with what it was
before and after. Undo puts every part back as it was before, in the reverse order; redo
puts them as they were after. Each part first checks that what it would overwrite is
still what the change left, so that nothing typed since is lost. The workspace runs a
step inside one change: one commit, one announcement.

A change can name a ``merge`` key: made right after a step with the same key, it joins
that step (a session of typing in one form is one step, not one per keystroke).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Edit:
    """One part of the file, as a change found it (``before``) and left it (``after``)."""

    key: Hashable
    before: Any
    after: Any
    put: Callable[[Any, Any], None]
    """``put(expected, target)``: make the part ``target`` if it still is ``expected``."""

    def undo(self) -> None:
        self.put(self.after, self.before)

    def redo(self) -> None:
        self.put(self.before, self.after)


@dataclass(frozen=True)
class Step:
    describe: Callable[[], str]
    """What the change was, in the current language ("changes to Léa Mercier")."""
    edits: tuple[Edit, ...]
    merge: Hashable | None = None

    def undo(self) -> None:
        for edit in reversed(self.edits):
            edit.undo()

    def redo(self) -> None:
        for edit in self.edits:
            edit.redo()

    def joined(self, later: Step) -> Step:
        """This step followed by ``later``, as one: a part both changed goes from this
        step's ``before`` to ``later``'s ``after``."""
        edits = list(self.edits)
        for edit in later.edits:
            index = next((i for i, e in enumerate(edits) if e.key == edit.key), None)
            if index is None:
                edits.append(edit)
            else:
                first = edits[index]
                edits[index] = Edit(edit.key, first.before, edit.after, edit.put)
        kept = tuple(e for e in edits if e.before != e.after)
        return Step(later.describe, kept, later.merge)


class UndoHistory:
    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._done: list[Step] = []
        self._undone: list[Step] = []

    def record(self, step: Step) -> None:
        """A new change: it can be undone, and what was undone before can no longer be
        redone. A step with the ``merge`` key of the newest one joins it."""
        newest = self._done[-1] if self._done else None
        if (
            newest is not None
            and step.merge is not None
            and newest.merge == step.merge
            and not self._undone
        ):
            step = newest.joined(step)
            self._done.pop()
            if not step.edits:  # typed, then typed back: nothing to undo
                return
        self._done.append(step)
        del self._done[: -self.limit]
        self._undone.clear()

    def close_merging(self) -> None:
        """The newest step takes no more changes (the form that was typing closed)."""
        if self._done and self._done[-1].merge is not None:
            step = self._done[-1]
            self._done[-1] = Step(step.describe, step.edits, None)

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
