"""The skills map's risks panel (ui/pages/skills_risks.py): the gaps listed by kind, a
training requested through its dialog, then on the training plan's requests page, where
it is decided; Edit › Undo takes it back and the panel offers it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import RequestState
from entretien_desktop.services.skills_gaps import GapKind
from entretien_desktop.services.training_requests import RequestStatus
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.skills_risks import SkillsRisksPanel
from entretien_desktop.ui.pages.training_requests import RequestsModel, RequestsView
from tests.helpers import open_workspace
from tests.qt_helpers import WAIT_MS, ready_feed
from tests.skills_company import joinery

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "joinery.sqlite", joinery()) as space:
        yield space


@pytest.fixture
def panel(qtbot: QtBot, workspace: Workspace) -> SkillsRisksPanel:
    panel = SkillsRisksPanel(workspace)
    qtbot.addWidget(panel)
    panel.resize(1024, 640)
    panel.show()
    return panel


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


def row_of(panel: SkillsRisksPanel, kind: GapKind, skill: str) -> int:
    return next(
        i for i, r in enumerate(panel.rows) if r.gap.kind is kind and r.gap.skill.id == skill
    )


def test_the_gaps_are_listed_by_kind_with_their_sentences(panel: SkillsRisksPanel) -> None:
    assert panel.summary.text() == "12 risks or gaps in the skills map."
    headings = [
        label.text()
        for label in panel.findChildren(type(panel.summary), "gap_kind")
        if label.isVisible()
    ]
    assert headings == [
        "Skills held by one person only (5)",
        "Holders leaving within two years (2)",
        "Staffing needs not met (2)",
        "Below the level of their job (1)",
        "Certifications lapsing or lapsed (2)",
    ]
    under = panel.rows[row_of(panel, GapKind.UNDER_LEVEL, "cnc")]
    assert under.sentence.text().startswith("Camille Roux is at “In training” in CNC 5 axes")
    assert under.sentence.isVisible()
    assert under.button.isEnabled()


def test_clicking_a_gap_names_its_skill(qtbot: QtBot, panel: SkillsRisksPanel) -> None:
    row = panel.rows[row_of(panel, GapKind.SINGLE_HOLDER, "veneer")]
    with qtbot.waitSignal(panel.skill_chosen, timeout=WAIT_MS) as chosen:
        qtbot.mouseClick(row.sentence, Qt.MouseButton.LeftButton)
    assert chosen.args == ["veneer"]


def test_a_training_requested_from_the_panel_is_on_the_plan_and_undone(
    qtbot: QtBot, panel: SkillsRisksPanel, workspace: Workspace, feed: ObligationsFeed
) -> None:
    requests = RequestsView(workspace, feed)
    qtbot.addWidget(requests)
    requests.show()
    assert requests.proxy.rowCount() == 0

    # Veneering: Sophie alone holds it; the dialog proposes whom to train.
    row = panel.rows[row_of(panel, GapKind.SINGLE_HOLDER, "veneer")]
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.title_edit.text() == "Placage et marqueterie"
    assert dialog.employee_combo.isEnabled()
    assert "M4" not in [
        dialog.employee_combo.itemData(i) for i in range(dialog.employee_combo.count())
    ]
    dialog.choose("M2")
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Placage - initiation")
    with qtbot.waitSignal(panel.requested, timeout=WAIT_MS) as requested:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert requested.args == ["M2"]

    # The panel says it is requested; the plan lists it beside the forms' requests.
    qtbot.waitUntil(
        lambda: (
            panel.rows[row_of(panel, GapKind.SINGLE_HOLDER, "veneer")].pending.text()
            == "Training requested for: Camille Roux"
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: requests.proxy.rowCount() == 1, timeout=WAIT_MS)
    texts = {c: requests.proxy.index(0, c).data() for c in range(requests.proxy.columnCount())}
    assert texts[RequestsModel.EMPLOYEE] == "Camille Roux"
    assert texts[RequestsModel.COURSE] == "Placage - initiation"
    assert texts[RequestsModel.STATUS] == "Requested"
    assert texts[RequestsModel.INTERVIEW] == "Skills map, Nov 22, 2026"
    assert texts[RequestsModel.HOURS] == ""
    tooltip = requests.proxy.index(0, RequestsModel.COURSE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Only Sophie Marchand holds Placage et marqueterie" in tooltip

    # Approved on the plan; nothing to correct (no dates nor hours).
    requests.table.selectRow(0)
    assert not requests.correct_button.isEnabled()
    qtbot.mouseClick(requests.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: requests.proxy.index(0, RequestsModel.STATUS).data() == "Approved",
        timeout=WAIT_MS,
    )
    assert workspace.employee("M2").skill_requests[0].status is RequestState.APPROVED
    selected = requests.selected_request()
    assert selected is not None
    assert selected.status is RequestStatus.APPROVED

    # Edit › Undo twice: the decision, then the request itself.
    workspace.undo()
    workspace.undo()
    qtbot.waitUntil(lambda: requests.proxy.rowCount() == 0, timeout=WAIT_MS)
    assert workspace.employee("M2").skill_requests == ()
    assert panel.rows[row_of(panel, GapKind.SINGLE_HOLDER, "veneer")].pending.text() == ""


def test_a_gap_naming_its_trainee_offers_no_second_request(
    qtbot: QtBot, panel: SkillsRisksPanel
) -> None:
    row = panel.rows[row_of(panel, GapKind.CERTIFICATION, "caces")]
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    assert not dialog.employee_combo.isEnabled()
    assert dialog.employee_combo.currentText() == "Julien Petit · Cariste"
    assert dialog.title_edit.text() == "CACES R489 cat. 3 (renewal)"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not panel.rows[row_of(panel, GapKind.CERTIFICATION, "caces")].button.isEnabled(),
        timeout=WAIT_MS,
    )
    row = panel.rows[row_of(panel, GapKind.CERTIFICATION, "caces")]
    assert "Training requested for: Julien Petit" in row.button.toolTip()


def test_an_empty_title_is_refused_in_the_dialog(qtbot: QtBot, panel: SkillsRisksPanel) -> None:
    row = panel.rows[row_of(panel, GapKind.UNDER_LEVEL, "cnc")]
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    dialog.title_edit.clear()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problems.text() == "The title is required."


def test_a_gap_reached_with_the_keyboard_names_its_skill_on_enter(
    qtbot: QtBot, panel: SkillsRisksPanel
) -> None:
    row = panel.rows[row_of(panel, GapKind.UNDER_LEVEL, "cnc")]
    row.setFocus()
    qtbot.waitUntil(row.hasFocus, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.skill_chosen, timeout=WAIT_MS) as chosen:
        qtbot.keyClick(row, Qt.Key.Key_Return)
    assert chosen.args == ["cnc"]
    qtbot.keyClick(row, Qt.Key.Key_Tab)
    assert row.button.hasFocus()
