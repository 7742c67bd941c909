"""Columns that fit the window: a table sized to its contents is narrowed, when the window
is too small for it, by taking width from the columns that can spare it (their text is
elided, and in full in the tooltip) rather than by scrolling sideways. Once the user
resizes a column by hand, their widths are kept."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView


def fitted_widths(
    natural: Mapping[int, int], floors: Mapping[int, int], available: int
) -> dict[int, int]:
    """Column widths for ``available`` pixels: ``natural`` when they fit; otherwise each
    column of ``floors`` gives up the same share of what it has above its floor, as much
    as is needed (never below the floor: past that, the table scrolls)."""
    widths = dict(natural)
    excess = sum(natural.values()) - available
    if excess <= 0:
        return widths
    room = {column: max(0, natural[column] - floor) for column, floor in floors.items()}
    spare = sum(room.values())
    if spare == 0:
        return widths
    share = min(1.0, excess / spare)
    for column, extra in room.items():
        # Rounded up: the columns together give up at least the excess, never a pixel less.
        widths[column] = natural[column] - min(extra, math.ceil(extra * share))
    return widths


class ColumnFitter(QObject):
    """Keeps ``table``'s columns within its width as it is resized (see the module)."""

    def __init__(self, table: QTableView, floors_in_characters: Mapping[int, int]) -> None:
        super().__init__(table)
        self.table = table
        self._floors_in_characters = dict(floors_in_characters)
        self._natural: dict[int, int] = {}
        self._fitting = False
        self.user_sized = False
        table.horizontalHeader().sectionResized.connect(self._section_resized)
        # Kept: the filter must not ask the table for its viewport, which fails once the
        # table is being destroyed and its children still receive events.
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def remember_natural_widths(self) -> None:
        """Take the columns' current widths as the ones wanted when there is room."""
        header = self.table.horizontalHeader()
        table = self.table
        self._natural = {
            # A stretching section's size includes the room left over: its contents count.
            c: max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
            if self._stretching(c)
            else header.sectionSize(c)
            for c in range(header.count())
        }
        self.fit()

    def _stretching(self, column: int) -> bool:
        header = self.table.horizontalHeader()
        return header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive or (
            header.stretchLastSection() and column == header.count() - 1
        )

    def fit(self) -> None:
        if not self._natural or self.user_sized:
            return
        character = self.table.fontMetrics().averageCharWidth()
        floors = {c: n * character for c, n in self._floors_in_characters.items()}
        widths = fitted_widths(self._natural, floors, self.table.viewport().width())
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        return False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        # Qt also resizes stretching sections when the table's width changes: only a drag
        # of the user's counts, and it comes while no fitting is under way.
        if not self._fitting and self._natural and not self._stretching(column):
            self.user_sized = True
