"""The journey that once lost a correction: plan a return interview from the dashboard, type
in its form, mark it held, open the form again and correct it, then sign on screen. The
signature, its fingerprint, the signed report and "View the form" all carry the corrected
text, whatever copy of the interview a page kept. Through the real window, pages and
dialogs; then the undo history of the same session."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import FieldType
from entretien_desktop.rules import ObligationKind
from entretien_desktop.services import signing
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog
from entretien_desktop.ui.dialogs.sign_dialog import SignOnScreenDialog
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.widgets.signature_pad import SignaturePad
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import real_window

WAIT_MS = 10_000
BEFORE, AFTER = "VERSION-AVANT", "VERSION-APRES"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        yield workspace


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    with real_window(qtbot, workspace) as window:
        window.show()
        yield window


@pytest.fixture(autouse=True)
def yes_to_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        # Yes to every confirmation; no to opening the report after signing (opened below).
        return QMessageBox.StandardButton.No if "print" in text else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture(autouse=True)
def no_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning or notice in this journey is a failure, said with its text."""

    def shown(_parent: object, title: str, text: str, *_args: object) -> object:
        pytest.fail(f"{title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", shown)
    monkeypatch.setattr(QMessageBox, "information", shown)


def draw(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))
    for point in (QPoint(80, 60), QPoint(140, 110)):
        qtbot.mouseMove(pad, point)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(140, 110))


def plan_annual_review(qtbot: QtBot, workspace: Workspace) -> None:
    """Noé's annual review, planned today through the planning dialog."""
    dialog = PlanInterviewDialog(workspace, "G2", InterviewKind.ANNUAL_REVIEW)
    qtbot.addWidget(dialog)
    dialog.date_edit.set_value(TODAY)
    dialog.accept()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def open_form(qtbot: QtBot, window: MainWindow, interview_id: str) -> InterviewWizard:
    page = window.pages.interviews
    window.show_page(window.nav_pages.index(page))
    page.reload()
    assert page.select_interview(interview_id)
    with qtbot.waitSignal(page.interview_actions.form_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(page.interview_actions.form_button, Qt.MouseButton.LeftButton)
    wizard = opened.args[0]
    assert isinstance(wizard, InterviewWizard)  # deleted when closed: close it in the test
    return wizard


def type_text(qtbot: QtBot, wizard: InterviewWizard, field_id: str, text: str) -> None:
    editor = wizard.editors[field_id]
    wizard.show_section(wizard.template.section_index(field_id))
    editor.set_value(text)
    editor.changed.emit()


def fill_required(wizard: InterviewWizard) -> None:
    for field in wizard.template.fields():
        if field.required and not wizard.answers.get(field.id):
            value: object = "Réponse"
            if field.type is FieldType.CHECKS:
                value = [field.choices[0].id]
            elif field.type is FieldType.DATE:
                value = TODAY.isoformat()
            wizard.editors[field.id].set_value(value)
            wizard.editors[field.id].changed.emit()


@pytest.mark.gui
def test_a_correction_after_held_is_what_is_signed(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    # Plan the overdue return interview from the dashboard.
    dashboard = window.pages.dashboard
    rows = [dashboard.model.obligation(r) for r in range(dashboard.model.rowCount())]
    wanted = next(o for o in rows if o.employee_ref == "G1" and o.kind is ObligationKind.RETURN)
    dashboard._select(wanted)
    plan = dashboard.plan_selected()
    assert isinstance(plan, PlanInterviewDialog)
    qtbot.addWidget(plan)
    plan.date_edit.set_value(TODAY)
    plan.accept()
    planned = workspace.employee("G1").interviews[-1]
    assert planned.kind is InterviewKind.RETURN and planned.status is InterviewStatus.PLANNED

    # Type, then finish: held.
    wizard = open_form(qtbot, window, planned.id)
    fill_required(wizard)
    type_text(qtbot, wizard, "wishes", BEFORE)
    assert wizard.finish()
    assert workspace.interview("G1", planned.id).status is InterviewStatus.HELD

    # The Interviews page shows the held interview; correct the form again, and leave it
    # open with the correction still being typed (not yet saved: the debounce runs).
    wizard = open_form(qtbot, window, planned.id)
    type_text(qtbot, wizard, "wishes", AFTER)
    assert wizard.pending

    # Sign on screen from the same page: what is shown and signed is the correction.
    actions = window.pages.interviews.interview_actions
    assert actions.interview is not None
    with qtbot.waitSignal(actions.dialog_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(actions.sign_screen_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, SignOnScreenDialog)
    qtbot.addWidget(dialog)
    assert AFTER in pdf_text(dialog.preview_data)
    assert BEFORE not in pdf_text(dialog.preview_data)
    draw(qtbot, dialog.employee_pad)
    draw(qtbot, dialog.interviewer_pad)
    with qtbot.waitSignal(dialog.signed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    signed = workspace.interview("G1", planned.id)
    stored = workspace.read_company()
    assert stored is not None
    in_file = next(i for e in stored.employees for i in e.interviews if i.id == planned.id)
    assert in_file == signed
    assert signed.signed_on is not None
    assert signed.answers is not None and signed.answers["wishes"] == AFTER
    employee = workspace.employee("G1")
    assert signed.fingerprint == signing.fingerprint(employee, signed)
    assert AFTER in signing.canonical_content(employee, signed).decode("utf-8")

    # The report of the signed interview, and "View the form", say the correction.
    from entretien_desktop.ui.reports.report_documents import interview_report_document  # noqa: PLC0415

    document = interview_report_document(workspace, "G1", signed)
    report = pdf_text(document.build(document.language))
    assert AFTER in report and BEFORE not in report
    assert signed.fingerprint[:16] in report.replace("\n", "").replace(" ", "")
    wizard.close()
    viewed = open_form(qtbot, window, planned.id)
    assert viewed.read_only
    assert viewed.editors["wishes"].value() == AFTER
    viewed.close()


@pytest.mark.gui
def test_opening_and_closing_a_form_adds_no_undo_step(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    plan_annual_review(qtbot, workspace)
    planning = workspace.history.next_undo
    assert planning is not None
    interview = workspace.employee("G2").interviews[-1]
    wizard = open_form(qtbot, window, interview.id)
    wizard.close()
    assert workspace.history.next_undo is planning
    assert window.undo_action.text() == "&Undo planning an interview"


@pytest.mark.gui
def test_typing_in_a_form_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    plan_annual_review(qtbot, workspace)
    interview = workspace.employee("G2").interviews[-1]
    wizard = open_form(qtbot, window, interview.id)
    for text in ("O", "Ob", "Objectifs atteints"):
        type_text(qtbot, wizard, "results", text)
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            pass  # saved once typing pauses
    wizard.close()
    assert workspace.interview("G2", interview.id).answers["results"] == "Objectifs atteints"
    window.undo()
    assert not (workspace.interview("G2", interview.id).answers or {}).get("results")
    window.undo()
    assert interview.id not in {i.id for i in workspace.employee("G2").interviews}


@pytest.mark.gui
def test_undoing_typing_while_the_form_is_open_shows_the_undone_text(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    plan_annual_review(qtbot, workspace)
    interview = workspace.employee("G2").interviews[-1]
    wizard = open_form(qtbot, window, interview.id)
    type_text(qtbot, wizard, "results", "Objectifs atteints")
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        pass
    window.undo()  # from the main window, the form still open
    assert wizard.editors["results"].value() in ("", None)
    assert not wizard.pending  # nothing waits to write the undone text back
    assert not (workspace.interview("G2", interview.id).answers or {}).get("results")
    type_text(qtbot, wizard, "results", "Objectifs dépassés")
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        pass
    assert workspace.interview("G2", interview.id).answers["results"] == "Objectifs dépassés"
    wizard.close()
