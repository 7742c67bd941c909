"""Fitting a table's columns into the window: the arithmetic (no Qt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entretien_desktop.ui.widgets.column_fit import fitted_widths

NATURAL = {0: 70, 1: 150, 2: 300, 3: 150, 4: 100}
FLOORS = {2: 150, 3: 90}


def test_columns_that_fit_keep_their_widths() -> None:
    assert fitted_widths(NATURAL, FLOORS, 800) == NATURAL
    assert fitted_widths(NATURAL, FLOORS, 770) == NATURAL


def test_a_narrow_window_takes_width_from_the_columns_that_can_spare_it() -> None:
    widths = fitted_widths(NATURAL, FLOORS, 700)
    assert sum(widths.values()) == 700
    assert (widths[0], widths[1], widths[4]) == (70, 150, 100)  # not elastic: untouched
    # 210 px to spare in all (150 + 60): each gives up the same share of its own.
    assert (widths[2], widths[3]) == (300 - 50, 150 - 20)


def test_no_column_goes_below_its_floor_and_the_rest_scrolls() -> None:
    widths = fitted_widths(NATURAL, FLOORS, 300)
    assert (widths[2], widths[3]) == (150, 90)


@given(
    st.dictionaries(st.integers(0, 8), st.integers(10, 500), min_size=1),
    st.integers(0, 3000),
    st.data(),
)
def test_fitting_never_widens_and_never_passes_a_floor(
    natural: dict[int, int], available: int, data: st.DataObject
) -> None:
    elastic = data.draw(st.lists(st.sampled_from(sorted(natural)), unique=True))
    floors = {c: data.draw(st.integers(0, 600)) for c in elastic}
    widths = fitted_widths(natural, floors, available)
    assert widths.keys() == natural.keys()
    for column, width in widths.items():
        assert width <= natural[column]
        if column in floors:
            assert width >= min(natural[column], floors[column])
        else:
            assert width == natural[column]
    if sum(natural.values()) > available:
        reachable = sum(min(natural[c], floors.get(c, natural[c])) for c in natural)
        assert sum(widths.values()) == pytest.approx(max(available, reachable), abs=len(natural))
