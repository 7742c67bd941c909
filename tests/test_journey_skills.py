"""The journey of issue 21 through the real window, on the demo company in a data file:

1. Ctrl+7 opens the Skills page: the matrix holds the demo's employees and skills; the
   site filter narrows it; the risks panel lists the gaps.
2. A digit typed on a cell records that level, the earlier entry kept in the cell's
   history; Ctrl+Z takes it back, Ctrl+Shift+Z (redo) records it again.
3. An under-level gap in the risks panel: "Request a training…", its dialog, OK; the
   training plan's requests page lists it ("Skills map, <date>"), approved there.
4. The employee's professional interview, opened from the Interviews page: the form's note
   lists the pending request, the skills table holds the matrix's levels; a level agreed,
   the form finished, signed on paper; the Skills page's cell shows the agreed level, its
   history the interview as source.
5. The company file exported and imported into a new file holds every skill, job, staffing
   need, level history entry and skill request; the first file, closed and opened again,
   still holds the levels recorded in the journey.
6. The matrix printed from the File menu, the site chosen: the PDF's title names the site.

Where no user interface path is taken (kept short, and said here): the invited interview
is moved to today through the services (the demo invites it for a day ahead, and a form is
finished on or after its day); the signature's date dialog and its confirmation are
answered as the user would (as tests/test_interview_skills_form.py does); the company file
is exported and imported through its services (the commands' and the window's paths are
tested elsewhere)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from entretien_desktop.app import create_demo
from entretien_desktop.cli import EXIT_OK, main
from entretien_desktop.domain import (
    Company,
    InterviewKind,
    InterviewStatus,
    RequestState,
    SkillSource,
)
from entretien_desktop.domain.skills import current_levels
from entretien_desktop.domain.templates import FieldType
from entretien_desktop.services.company_file import (
    export_company,
    import_company,
    read_company_file,
)
from entretien_desktop.services.skills_gaps import GapKind
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.forms.skills_table import SkillsTableEditor
from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.pages import interview_actions
from entretien_desktop.ui.pages.skills_model import NAME_COLUMN, NEED_ROLE
from entretien_desktop.ui.pages.skills_page import SkillsPage
from entretien_desktop.ui.pages.skills_risks import _GapRow
from entretien_desktop.ui.pages.training_requests import RequestsModel
from entretien_desktop.ui.reports.report_viewer import ReportViewer
from entretien_desktop.ui.reports.report_worker import stop_all
from tests.helpers import TODAY, db_arg, open_data
from tests.qt_helpers import WAIT_MS, window_on

pytestmark = pytest.mark.gui

SITE = "Villeurbanne"
ROMAIN = "E018"  # Romain Blanc, Poseur at Villeurbanne: "In training" at height work


def _skills_page(window: MainWindow) -> SkillsPage:
    page = window.pages.skills
    assert page is not None
    return page


def _names(page: SkillsPage) -> list[str]:
    return [page.proxy.index(r, NAME_COLUMN).data() for r in range(page.proxy.rowCount())]


def _cell_text(page: SkillsPage, ref: str, skill: str) -> str:
    row, column = page.model.row_of(ref), page.model.column_of(skill)
    assert row is not None and column is not None
    text: str = page.model.index(row, column).data()
    return text


def _need_marked(page: SkillsPage, ref: str, skill: str) -> object:
    """The job's level marked on the cell when the employee is under it, else None."""
    row, column = page.model.row_of(ref), page.model.column_of(skill)
    assert row is not None and column is not None
    return page.model.index(row, column).data(NEED_ROLE)


def _romains_gap(page: SkillsPage) -> _GapRow | None:
    """The risks panel's row saying Romain is under his job's level at height work."""
    return next(
        (
            r
            for r in page.risks.rows
            if r.gap.kind is GapKind.UNDER_LEVEL
            and r.gap.skill.id == "travail-hauteur"
            and r.gap.trainee is not None
            and r.gap.trainee.ref == ROMAIN
        ),
        None,
    )


def _history_shown(qtbot: QtBot, page: SkillsPage, ref: str, skill: str) -> list[list[str]]:
    """The cell's History… dialog as the user reads it (newest first), then closed."""
    assert page.go_to(ref, skill)
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    dialog = page.history_dialog
    qtbot.waitExposed(dialog)
    view = dialog.history
    rows = []
    for i in range(view.topLevelItemCount()):
        item = view.topLevelItem(i)
        assert item is not None
        rows.append([item.text(c) for c in range(view.columnCount())])
    dialog.close()
    # The window is active again before the next shortcut is typed in it.
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window(), timeout=WAIT_MS)
    return rows


def _press(qtbot: QtBot, widget: QWidget, sequence: QKeySequence) -> None:
    combination = sequence[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def _fill_required(qtbot: QtBot, wizard: InterviewWizard) -> None:
    for field in wizard.template.fields():
        if not field.required or wizard.answers.get(field.id):
            continue
        editor = wizard.editors[field.id]
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            if field.type in {FieldType.LONG_TEXT, FieldType.SHORT_TEXT}:
                qtbot.keyClicks(editor.focusProxy(), "Vu ensemble")
            else:  # the information given: every item ticked
                editor.set_value([choice.id for choice in field.choices])
                editor.changed.emit()


def _the_map(company: Company) -> tuple[object, ...]:
    return (
        company.skills,
        company.jobs,
        company.staffing,
        {e.ref: (e.skill_levels, e.skill_requests) for e in company.employees},
    )


def test_the_skills_map_journey_on_the_demo_company(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "demo.entretien"
    database = open_data(path)
    workspace = Workspace(database, today=lambda: TODAY)
    create_demo(workspace)
    window = window_on(qtbot, workspace, tmp_path / "settings.ini")
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    page = _skills_page(window)
    demo = workspace.require_company()
    present = [e for e in demo.employees if e.exit_date is None or e.exit_date >= TODAY]

    # 1. Ctrl+7: the Skills page, every present employee and every skill of the catalogue.
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=WAIT_MS)
    assert len(_names(page)) == len(present)
    assert page.proxy.columnCount() - 1 == len(demo.skills) == 15
    page.site_combo.setCurrentIndex(page.site_combo.findData(SITE))
    shown = _names(page)
    assert sorted(shown) == sorted(e.full_name for e in present if e.site == SITE)
    assert "Romain Blanc" in shown and "Marc Girard" not in shown
    assert page.count_label.text() == f"{len(shown)} employees shown"
    risks = page.risks
    assert risks.isVisible()
    # The gaps are listed once the matrix is painted (the matrix shows at once), and
    # again on the next turn after a filter.
    qtbot.waitUntil(lambda: _romains_gap(page) is not None, timeout=WAIT_MS)
    assert risks.summary.text().endswith("risks or gaps in the skills map.")
    under = _romains_gap(page)
    assert under is not None
    assert under.sentence.text().startswith("Romain Blanc is at “In training” in Travail")
    assert under.pending.text() == ""
    assert _need_marked(page, ROMAIN, "travail-hauteur") == 2

    # 2. A digit on a cell records the level; the earlier one stays in the history.
    earlier = _history_shown(qtbot, page, ROMAIN, "lecture-plans")
    assert [row[1] for row in earlier] == ["1 · In training"]
    assert page.go_to(ROMAIN, "lecture-plans")
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_2)
    assert _cell_text(page, ROMAIN, "lecture-plans") == "2"
    assert page.message_label.text().startswith("Recorded: 2 · Autonomous")
    history = _history_shown(qtbot, page, ROMAIN, "lecture-plans")
    assert [row[1] for row in history] == ["2 · Autonomous", "1 · In training"]
    assert history[0][2] == "Assessment"
    # Ctrl+Z takes it back; redo records it again.
    page.grid.setFocus()
    _press(qtbot, page.grid, window.undo_action.shortcut())
    qtbot.waitUntil(lambda: _cell_text(page, ROMAIN, "lecture-plans") == "1", timeout=WAIT_MS)
    assert len(_history_shown(qtbot, page, ROMAIN, "lecture-plans")) == 1
    page.grid.setFocus()
    _press(qtbot, page.grid, window.redo_action.shortcut())
    qtbot.waitUntil(lambda: _cell_text(page, ROMAIN, "lecture-plans") == "2", timeout=WAIT_MS)

    # 3. The under-level gap: a training requested, then approved on the training plan.
    under = _romains_gap(page)  # the panel was listed again when the level was recorded
    assert under is not None
    qtbot.mouseClick(under.button, Qt.MouseButton.LeftButton)
    dialog = risks.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.title_edit.text() == "Travail en hauteur"
    with qtbot.waitSignal(risks.requested, timeout=WAIT_MS) as requested:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert requested.args == [ROMAIN]
    (asked,) = workspace.employee(ROMAIN).skill_requests
    assert (asked.skill, asked.status) == ("travail-hauteur", RequestState.REQUESTED)
    qtbot.waitUntil(
        lambda: (
            (gap := _romains_gap(page)) is not None
            and gap.pending.text() == "Training requested for: Romain Blanc"
        ),
        timeout=WAIT_MS,
    )

    window.activateWindow()  # the dialog closed: its window is the active one again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    assert QApplication.focusWidget() is not None, "the focus stays in the window"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_page() is window.pages.training, timeout=WAIT_MS)
    plan = window.pages.training.requests

    def romains_row() -> int | None:
        for row in range(plan.proxy.rowCount()):
            if plan.proxy.index(row, RequestsModel.COURSE).data() == "Travail en hauteur":
                return row
        return None

    qtbot.waitUntil(lambda: romains_row() is not None, timeout=WAIT_MS)
    row = romains_row()
    assert row is not None
    texts = {c: plan.proxy.index(row, c).data() for c in range(plan.proxy.columnCount())}
    assert texts[RequestsModel.EMPLOYEE] == "Romain Blanc"
    assert texts[RequestsModel.STATUS] == "Requested"
    assert texts[RequestsModel.INTERVIEW] == "Skills map, Nov 22, 2026"
    plan.table.selectRow(row)
    qtbot.mouseClick(plan.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: plan.proxy.index(row, RequestsModel.STATUS).data() == "Approved",
        timeout=WAIT_MS,
    )
    assert workspace.employee(ROMAIN).skill_requests[0].status is RequestState.APPROVED

    # 4. His professional interview (moved to today), its form from the Interviews page.
    invited = next(
        i
        for i in workspace.employee(ROMAIN).interviews
        if i.kind is InterviewKind.PROFESSIONAL and i.status is InterviewStatus.INVITED
    )
    workspace.put_interview(ROMAIN, replace(invited, date=TODAY))
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    interviews = window.pages.interviews
    qtbot.waitUntil(lambda: window.current_page() is interviews, timeout=WAIT_MS)
    interviews.reload()
    assert interviews.select_interview(invited.id)
    actions = interviews.interview_actions
    with qtbot.waitSignal(actions.form_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(actions.form_button, Qt.MouseButton.LeftButton)
    wizard = opened.args[0]
    assert isinstance(wizard, InterviewWizard)
    note = wizard.findChild(QLabel, "pending_skill_requests")
    assert note is not None
    assert note.text() == (
        "Requested from the skills map:\n• Travail en hauteur (approved, Nov 22, 2026)"
    )
    wizard.show_section(wizard.template.section_index("skills_map"))
    table = wizard.editors["skills_map"]
    assert isinstance(table, SkillsTableEditor)

    def column(column_id: str) -> int:
        found = table.column_of(column_id)
        assert found is not None
        return found

    def cell(row: int, column_id: str) -> str:
        item = table.table.item(row, column(column_id))
        assert item is not None
        return item.text()

    skills = [cell(r, "skill") for r in range(table.table.rowCount())]
    assert skills == ["Pose de menuiseries", "Lecture de plans", "Travail en hauteur"]
    assert [cell(r, "current") for r in range(3)] == ["Autonomous", "Autonomous", "In training"]
    height = skills.index("Travail en hauteur")
    table.table.setCurrentCell(height, column("agreed"))
    table.table.setFocus()
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        qtbot.keyClicks(table.table, "2")
        (choosing,) = table.table.viewport().findChildren(QComboBox)
        qtbot.keyClick(choosing, Qt.Key.Key_Return)
    assert cell(height, "agreed") == "2 · Autonomous"
    _fill_required(qtbot, wizard)
    assert wizard.finish()
    assert workspace.interview(ROMAIN, invited.id).status is InterviewStatus.HELD
    monkeypatch.setattr(
        interview_actions.DateAndReasonDialog, "exec", lambda _self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    interviews.reload()
    assert interviews.select_interview(invited.id)
    qtbot.mouseClick(actions.sign_button, Qt.MouseButton.LeftButton)
    assert workspace.interview(ROMAIN, invited.id).signed_on == TODAY

    qtbot.waitUntil(lambda: not isValid(wizard) or not wizard.isVisible(), timeout=WAIT_MS)
    window.activateWindow()  # the form, its own window, has closed
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _cell_text(page, ROMAIN, "travail-hauteur") == "2", timeout=WAIT_MS)
    history = _history_shown(qtbot, page, ROMAIN, "travail-hauteur")
    assert [row[1] for row in history] == ["2 · Autonomous", "1 · In training"]
    assert history[0][2] == "Interview"
    assert _need_marked(page, ROMAIN, "travail-hauteur") is None
    # The panel, listed again once the matrix is painted, no longer has him under his level.
    qtbot.waitUntil(lambda: _romains_gap(page) is None, timeout=WAIT_MS)
    newest = current_levels(workspace.employee(ROMAIN).skill_levels)["travail-hauteur"]
    assert (newest.source, newest.reference) == (SkillSource.INTERVIEW, invited.id)

    # 6. The matrix printed from the File menu, the site chosen: its title names the site.
    outputs = window.skills_outputs
    with qtbot.waitSignal(outputs.opened, timeout=WAIT_MS) as printed:
        outputs.print_action.trigger()
    viewer = printed.args[0]
    assert isinstance(viewer, ReportViewer)
    qtbot.addWidget(viewer)
    if viewer.building:
        with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 3):
            pass
    assert viewer.windowTitle().startswith(f"Skills matrix — Site: {SITE}")
    first = pypdf.PdfReader(io.BytesIO(viewer.data)).pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape
    text = first.extract_text()
    assert f"Site: {SITE}" in text and "Romain Blanc" in text and "Marc Girard" not in text
    viewer.close()
    # ... and exported as a workbook: the site's people, the levels the journey recorded.
    with qtbot.waitSignal(outputs.written, timeout=WAIT_MS * 3):
        assert outputs.export(tmp_path / "matrix.xlsx")
    sheet = load_workbook(tmp_path / "matrix.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert f"Site: {SITE}" in str(rows[0][0])
    by_name = {row[1]: row for row in rows[2:]}
    assert sorted(by_name) == sorted(shown)
    heights = rows[1].index("Travail en hauteur")
    plans = rows[1].index("Lecture de plans")
    assert (by_name["Romain Blanc"][heights], by_name["Romain Blanc"][plans]) == (2, 2)

    # 5. The company file, exported and imported into a new file, holds the whole map.
    journeyed = workspace.require_company()
    exported = export_company(database, tmp_path / "demo.json")
    assert _the_map(exported) == _the_map(journeyed)
    copy = open_data(tmp_path / "copy.entretien")
    try:
        import_company(copy, read_company_file(tmp_path / "demo.json", today=TODAY))
        imported = Workspace(copy, today=lambda: TODAY).require_company()
        assert _the_map(imported) == _the_map(journeyed)
    finally:
        copy.close()

    # ... and the first file, closed and opened again, holds what the journey recorded.
    window.close()
    window.feed.pool.waitForDone()
    stop_all()
    database.close()
    again = open_data(path)
    try:
        romain = Workspace(again, today=lambda: TODAY).employee(ROMAIN)
        levels = current_levels(romain.skill_levels)
        assert levels["lecture-plans"].level == 2
        assert levels["lecture-plans"].source is SkillSource.ASSESSMENT
        assert (levels["travail-hauteur"].level, levels["travail-hauteur"].reference) == (
            2,
            invited.id,
        )
        assert len(romain.skill_levels) == 5
        assert [r.status for r in romain.skill_requests] == [RequestState.APPROVED]
    finally:
        again.close()
    # The interview signed with the levels agreed: its report verifies, here and in the copy.
    for data in (path, tmp_path / "copy.entretien"):
        report = tmp_path / f"{data.stem}.pdf"
        argv = ["report", "--db", db_arg(data), "--interview", invited.id, "--out", str(report)]
        assert main(argv) == EXIT_OK
        assert main(["verify", "--db", db_arg(data), str(report)]) == EXIT_OK
    capsys.readouterr()
