"""The risks panel, as narrow as the Skills page makes it, shows every line whole: a kind's
heading longer than the panel wraps (in French, "Compétences détenues par une seule
personne (2)" widened the list past the panel, cutting every sentence at its right edge)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from entretien_desktop.i18n import set_language
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.pages.skills_risks import SkillsRisksPanel
from tests.helpers import TODAY, open_workspace
from tests.qt_helpers import WAIT_MS

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "demo.entretien", build_demo_company(TODAY)) as space:
        yield space


@pytest.mark.parametrize("language", ["en", "fr", "nb"])
def test_every_line_of_a_narrow_panel_is_shown_whole(
    qtbot: QtBot, workspace: Workspace, language: str
) -> None:
    set_language(language)  # the conftest sets English back
    panel = SkillsRisksPanel(workspace)
    qtbot.addWidget(panel)
    panel.resize(300, 640)  # the page's narrowest risks area
    panel.show()
    qtbot.waitExposed(panel)
    scroll = panel.findChild(QScrollArea)
    assert scroll is not None
    viewport = scroll.viewport()
    content = scroll.widget()
    assert content is not None
    qtbot.waitUntil(lambda: content.width() <= viewport.width(), timeout=WAIT_MS)
    labels = [label for label in content.findChildren(QLabel) if label.isVisible()]
    assert any(label.objectName() == "gap_kind" for label in labels)
    for label in labels:
        right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
        assert right <= viewport.width(), label.text()
        assert label.sizeHint().width() <= label.width() or label.wordWrap(), label.text()
