"""Cyclic garbage collection stays on the interface thread while the interface runs, and
the rules engine pauses automatic collection only where nobody else manages it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from entretien_desktop.rules import evaluate_company
from entretien_desktop.ui.collector import InterfaceThreadCollector, install_collector
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS, ready_feed


@pytest.fixture
def gc_state() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_feed_turns_automatic_collection_off(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        ready_feed(qtbot, workspace)
        assert not gc.isenabled()
        assert install_collector() is install_collector()  # one per application


def test_cycles_are_collected_on_the_interface_thread(qtbot: QtBot) -> None:
    collector = install_collector()
    assert isinstance(collector, InterfaceThreadCollector)
    before = collector.collections
    for _ in range(gc.get_threshold()[0] * 3):
        _Cycle()
    last = weakref.ref(_Cycle())  # garbage only a collection of cycles can free
    qtbot.waitUntil(lambda: collector.collections > before, timeout=WAIT_MS)
    # The cycles were freed by the interface thread's collection. (Counting generation 0
    # afterwards was order-dependent: the event loop allocates while the test waits.)
    qtbot.waitUntil(lambda: last() is None, timeout=WAIT_MS)


@pytest.mark.usefixtures("gc_state")
@pytest.mark.parametrize("enabled", [True, False])
def test_an_evaluation_leaves_collection_as_it_found_it(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    obligations = evaluate_company(small_company(), TODAY)
    assert obligations
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("gc_state")
def test_collection_comes_back_after_a_failed_evaluation() -> None:
    gc.enable()
    with pytest.raises(AttributeError):
        evaluate_company(None, date(2026, 1, 1))  # type: ignore[arg-type]
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_an_evaluation_leaves_no_young_objects_for_the_next_collection_to_walk() -> None:
    from entretien_desktop.services.demo import build_demo_company  # noqa: PLC0415

    demo = build_demo_company(TODAY)
    many = tuple(replace(e, ref=f"{e.ref}-{k}") for k in range(20) for e in demo.employees)
    company = replace(demo, employees=many)  # thousands of obligations
    collections: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()  # start with every generation's count at zero
    gc.enable()
    gc.callbacks.append(watch)
    try:
        obligations = evaluate_company(company, TODAY)
        made = [[n] for n in range(100)]  # a few containers, well under the threshold
    finally:
        gc.callbacks.remove(watch)
    assert len(obligations) > 1000
    assert len(made) == 100
    # No collection during the evaluation, and none owed when collection is back on:
    # everything it made went to the oldest generation at once.
    assert collections == []
    assert gc.get_freeze_count() == 0  # nothing left frozen


def test_no_test_leaves_collection_off_for_the_next(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.qt_helpers import settle_collection  # noqa: PLC0415

    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        ready_feed(qtbot, workspace)
        assert not gc.isenabled()  # the window's collector runs
    settle_collection(True)  # what the autouse fixture does after every test
    assert gc.isenabled()
    application = QCoreApplication.instance()
    assert application is not None
    assert application.findChildren(InterfaceThreadCollector) == []


def test_a_test_that_uses_qt_is_marked_gui(qtbot: QtBot, request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is not None


def test_a_test_without_qt_is_not_marked_gui(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is None
