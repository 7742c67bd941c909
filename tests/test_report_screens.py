"""The report screens: the viewer (preview, print, save), the invitation and its calendar
file, signing on screen, the scan of the paper copy, the reports of a year, and File ›
Print… in the main window."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.services import signing
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.sign_dialog import SignOnScreenDialog
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.main_window import MainWindow, Pages
from entretien_desktop.ui.pages.employee_page import EmployeePage
from entretien_desktop.ui.pages.interview_actions import InterviewActions
from entretien_desktop.ui.pages.interviews_page import InterviewsPage
from entretien_desktop.ui.pages.settings_page import SettingsPage
from entretien_desktop.ui.pages.welcome import WelcomePage
from entretien_desktop.ui.reports import report_viewer
from entretien_desktop.ui.reports.batch_reports import BatchReports, YearReportsDialog, batch_items
from entretien_desktop.ui.reports.report_viewer import ReportViewer
from entretien_desktop.ui.reports.report_worker import stop_all
from entretien_desktop.ui.widgets.signature_pad import SignaturePad
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS
from tests.test_main_window import FakeFiles, StandInList

pytestmark = pytest.mark.gui

YES = QMessageBox.StandardButton.Yes


def the_company() -> Company:
    """Éloïse held three interviews in 2025 (two on one day), Noé one; one more was
    cancelled that year and one held in 2023."""
    base = small_company()
    eloise, noe = base.employees
    eloise = replace(
        eloise,
        interviews=(
            Interview("G1-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2023, 2, 1)),
            Interview(
                "G1-2",
                InterviewKind.ANNUAL_REVIEW,
                InterviewStatus.HELD,
                date(2025, 3, 4),
                interviewer="Paul Martin",
            ),
            Interview("G1-3", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2025, 3, 4)),
            Interview(
                "G1-4", InterviewKind.ANNUAL_REVIEW, InterviewStatus.CANCELLED, date(2025, 9, 1)
            ),
            Interview(
                "G1-5", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED, date(2026, 12, 3)
            ),
        ),
    )
    noe = replace(
        noe,
        interviews=(
            Interview("G2-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2025, 6, 10)),
        ),
    )
    return replace(base, employees=(eloise, noe))


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "reports.sqlite", the_company()) as space:
        yield space
        stop_all()  # no report still built on a worker when the file closes


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> InterviewsPage:
    interviews = InterviewsPage(workspace, ObligationsFeed(workspace))
    qtbot.addWidget(interviews)
    interviews.show()
    return interviews


@pytest.fixture
def no_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes answer at once (Yes to a question); what they said is kept."""
    said: list[tuple[str, str]] = []

    def record(kind: str, answer: object) -> object:
        def box(_parent: object, _title: str, text: str, *_args: object) -> object:
            said.append((kind, text))
            return answer

        return box

    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, record(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", YES))
    return said


def pages_of(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def choose(qtbot: QtBot, page: InterviewsPage, interview_id: str) -> InterviewActions:
    assert page.select_interview(interview_id)
    return page.interview_actions


def open_dialog(qtbot: QtBot, actions: InterviewActions, button: object) -> object:
    with qtbot.waitSignal(actions.dialog_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    return dialog


def wait_shown(qtbot: QtBot, viewer: ReportViewer) -> ReportViewer:
    """``viewer`` once its PDF, built on a worker, is shown."""
    if viewer.building:
        with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 3):
            pass
    assert viewer.data and not viewer.building
    return viewer


def open_report(qtbot: QtBot, page: InterviewsPage, interview_id: str) -> ReportViewer:
    """The report's viewer, its PDF shown, the active window (its shortcuts work)."""
    actions = choose(qtbot, page, interview_id)
    viewer = open_dialog(qtbot, actions, actions.report_button)
    assert isinstance(viewer, ReportViewer)
    wait_shown(qtbot, viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow, timeout=WAIT_MS)
    return viewer


def sign(workspace: Workspace, ref: str, interview_id: str, on: date) -> Interview:
    return signing.sign(workspace, ref, interview_id, on)


def draw(qtbot: QtBot, pad: SignaturePad, *points: tuple[int, int]) -> None:
    """One stroke through ``points``, with the mouse."""
    first, *rest = (QPoint(x, y) for x, y in points)
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=first)
    for point in rest:
        qtbot.mouseMove(pad, point)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=rest[-1] if rest else first)


# -- the viewer -------------------------------------------------------------------------------
def test_the_preview_shows_every_page_in_the_language_chosen(
    qtbot: QtBot, page: InterviewsPage, workspace: Workspace
) -> None:
    viewer = open_report(qtbot, page, "G1-2")
    assert viewer.language == "fr"  # the employee's
    assert viewer.pdf.pageCount() == pages_of(viewer.data) >= 2
    assert viewer.page_spin.maximum() == viewer.pdf.pageCount()
    assert "Éloïse Lefèvre" in viewer.windowTitle()
    assert "Signatures" in text_of(viewer.data)
    french = viewer.data

    with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 3):
        viewer.language_combo.setCurrentIndex(viewer.language_combo.findData("en"))
    assert viewer.data != french
    assert "The interviewer" in text_of(viewer.data)
    assert viewer.pdf.pageCount() == pages_of(viewer.data)

    viewer.next_page()
    qtbot.waitUntil(lambda: viewer.current_page() == 1, timeout=WAIT_MS)
    assert viewer.page_spin.value() == 2
    assert viewer.previous_button.isEnabled()


def test_save_as_writes_the_pdf_atomically_and_verify_knows_it_once_signed(
    qtbot: QtBot,
    page: InterviewsPage,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    written: list[Path] = []
    target = tmp_path / "out" / "copy"  # no suffix: .pdf is added
    target.parent.mkdir()

    def save_name(_parent: object, _title: str, suggestion: str, _filter: str) -> tuple[str, str]:
        asked.append(suggestion)
        return str(target), ""

    def atomically(path: Path, data: bytes) -> None:
        written.append(path)
        real_write(path, data)

    real_write = report_viewer.write_pdf_atomically
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(report_viewer, "write_pdf_atomically", atomically)

    unsigned = open_report(qtbot, page, "G1-3")
    with qtbot.waitSignal(unsigned.saved, timeout=WAIT_MS):
        qtbot.keyClick(unsigned, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Path(asked[0]).name == "Interview-Éloïse-Lefèvre-2025-03-04.pdf"
    saved = target.with_suffix(".pdf")
    assert written == [saved]
    assert saved.read_bytes() == unsigned.data
    assert sorted(p.name for p in saved.parent.iterdir()) == ["copy.pdf"]  # no temporary left
    verdict = signing.verify(workspace, saved)
    assert not verdict.ok
    assert "was not signed" in verdict.message

    sign(workspace, "G1", "G1-3", date(2025, 3, 5))
    page.reload()
    signed = open_report(qtbot, page, "G1-3")
    signed.save_as()
    verdict = signing.verify(workspace, saved)
    assert verdict.ok, verdict.message
    assert verdict.interview_id == "G1-3"
    assert "Éloïse Lefèvre" in verdict.message


def test_print_renders_every_page_on_the_printer(
    qtbot: QtBot, page: InterviewsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "printed.pdf"

    def to_file(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", to_file)
    viewer = open_report(qtbot, page, "G1-2")
    with qtbot.waitSignal(viewer.printed, timeout=WAIT_MS) as printed:
        qtbot.keyClick(viewer, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.args == [viewer.pdf.pageCount()]
    assert pages_of(output.read_bytes()) == viewer.pdf.pageCount()
    assert "Sent to the printer" in viewer.status_label.text()


def test_a_cancelled_print_dialog_prints_nothing(
    qtbot: QtBot, page: InterviewsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected.value)
    viewer = open_report(qtbot, page, "G1-2")
    with qtbot.assertNotEmitted(viewer.printed):
        viewer.print_document()


def test_the_invitation_and_its_calendar_file(
    qtbot: QtBot, page: InterviewsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = choose(qtbot, page, "G1-5")
    assert actions.invitation_button.isEnabled()
    assert not actions.sign_screen_button.isEnabled()
    viewer = open_dialog(qtbot, actions, actions.invitation_button)
    assert isinstance(viewer, ReportViewer)
    wait_shown(qtbot, viewer)
    assert viewer.pdf.pageCount() == 2  # the letter, then the preparation sheet
    calendar = tmp_path / "meeting"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(calendar), ""))
    save = next(b for b in viewer.findChildren(QPushButton) if "calendar" in b.text())
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    text = calendar.with_suffix(".ics").read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "DTSTART;VALUE=DATE:20261203" in text


# -- signing on screen --------------------------------------------------------------------------
def test_the_pad_turns_mouse_strokes_into_a_png(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 190)
    pad.show()
    assert pad.is_empty()
    assert pad.png() == b""
    with qtbot.waitSignal(pad.changed, timeout=WAIT_MS):
        draw(qtbot, pad, (30, 120), (60, 80), (90, 130), (140, 70), (200, 125))
    draw(qtbot, pad, (240, 100))  # a dot
    assert not pad.is_empty()
    assert len(pad.strokes()) == 2
    assert len(pad.strokes()[0]) == 5
    data = pad.png()
    assert data.startswith(b"\x89PNG")
    image = QImage.fromData(data)
    assert image.width() > 2 * 200 and image.height() > 2 * 50  # cropped to the ink, twice
    inked = [
        image.pixelColor(x, y).alpha()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    ]
    assert max(inked) > 200  # ink
    assert min(inked) == 0  # and a transparent background
    with qtbot.waitSignal(pad.changed, timeout=WAIT_MS):
        pad.clear()
    assert pad.is_empty()


def test_the_pad_takes_a_finger_on_a_touch_screen(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 190)
    pad.show()
    device = QTest.createTouchDevice()
    with qtbot.waitSignal(pad.changed, timeout=WAIT_MS):
        QTest.touchEvent(pad, device).press(0, QPoint(20, 100), pad).commit()
        QTest.touchEvent(pad, device).move(0, QPoint(80, 60), pad).commit()
        QTest.touchEvent(pad, device).release(0, QPoint(140, 110), pad).commit()
    assert [len(stroke) for stroke in pad.strokes()] == [3]  # no stroke made up from a mouse
    assert pad.png().startswith(b"\x89PNG")


def test_signing_on_screen_needs_both_signatures_then_locks_the_record(
    qtbot: QtBot,
    page: InterviewsPage,
    workspace: Workspace,
    no_messages: list[tuple[str, str]],
) -> None:
    actions = choose(qtbot, page, "G1-2")
    assert actions.sign_screen_button.isEnabled()
    dialog = open_dialog(qtbot, actions, actions.sign_screen_button)
    assert isinstance(dialog, SignOnScreenDialog)
    draw(qtbot, dialog.employee_pad, (20, 100), (80, 60), (140, 110))

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert not dialog.message_label.isHidden()
    assert "the interviewer has not" in dialog.message_label.text()
    assert no_messages == []  # no confirmation asked, nothing signed
    assert signing.attachments(workspace, dialog.interview) == {}

    draw(qtbot, dialog.interviewer_pad, (30, 90), (90, 120), (160, 60))
    assert dialog.message_label.isHidden()
    with qtbot.waitSignal(actions.changed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # Confirmed, then offered to print or save the signed report (answered yes: it opens).
    assert [kind for kind, _text in no_messages] == ["question", "question"]
    assert "can no longer be changed" in no_messages[0][1]
    assert "print" in no_messages[1][1]

    employee = workspace.employee("G1")
    signed = next(i for i in employee.interviews if i.id == "G1-2")
    assert signed.signed_on == TODAY
    assert signed.fingerprint == signing.fingerprint(employee, signed)
    kept = signing.attachments(workspace, signed)
    assert set(kept) == {signing.SIGNATURE_EMPLOYEE, signing.SIGNATURE_INTERVIEWER}
    for media_type, data in kept.values():
        assert media_type == "image/png"
        assert data.startswith(b"\x89PNG")
    assert actions.scan_button.isEnabled()
    assert not actions.sign_screen_button.isEnabled()


def test_a_signature_date_before_the_interview_is_refused_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, no_messages: list[tuple[str, str]]
) -> None:
    interview = next(i for i in workspace.employee("G1").interviews if i.id == "G1-2")
    dialog = SignOnScreenDialog(workspace, "G1", interview)
    qtbot.addWidget(dialog)
    dialog.show()
    draw(qtbot, dialog.employee_pad, (20, 100), (80, 60))
    draw(qtbot, dialog.interviewer_pad, (20, 100), (80, 60))
    shown = dialog.date_edit.last_good()
    dialog.date_edit.set_value(shown.replace(year=shown.year - 5))
    dialog.accept()
    assert dialog.isVisible()
    assert "must fall between" in dialog.message_label.text()
    assert no_messages == []
    assert workspace.employee("G1").interviews[1].signed_on is None


def test_the_scan_of_the_signed_copy_is_attached(
    qtbot: QtBot,
    page: InterviewsPage,
    workspace: Workspace,
    tmp_path: Path,
    no_messages: list[tuple[str, str]],
) -> None:
    signed = sign(workspace, "G2", "G2-1", date(2025, 6, 12))
    page.reload()
    actions = choose(qtbot, page, "G2-1")
    assert actions.scan_button.isEnabled()
    not_a_scan = tmp_path / "notes.txt"
    not_a_scan.write_text("hello", encoding="utf-8")
    assert not actions.attach_scan_file(not_a_scan)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned")
    assert actions.attach_scan_file(scan)
    assert signing.attachments(workspace, signed)[signing.SIGNED_SCAN] == (
        "application/pdf",
        b"%PDF-1.4 scanned",
    )
    assert [kind for kind, _text in no_messages] == ["warning", "information"]


# -- the reports of a year ---------------------------------------------------------------------
def test_the_reports_of_a_year_are_one_file_per_interview_held(
    qtbot: QtBot,
    page: InterviewsPage,
    workspace: Workspace,
    tmp_path: Path,
    no_messages: list[tuple[str, str]],
) -> None:
    actions = page.interview_actions
    dialog = open_dialog(qtbot, actions, actions.year_button)
    assert isinstance(dialog, YearReportsDialog)
    years = [dialog.year_combo.itemData(i) for i in range(dialog.year_combo.count())]
    assert years == [2025, 2023]
    assert dialog.year_combo.itemText(0) == "2025 — 3 interviews held"
    dialog.folder_edit.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.batch_started, timeout=WAIT_MS) as started:
        dialog.accept()
    batch = started.args[0]
    with qtbot.waitSignal(batch.finished, timeout=WAIT_MS * 3) as finished:
        pass
    assert finished.args == [3]
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == [
        "Interview-Noé-Garnier-2025-06-10.pdf",
        "Interview-Éloïse-Lefèvre-2025-03-04-Annual-review.pdf",
        "Interview-Éloïse-Lefèvre-2025-03-04-Professional-interview.pdf",
    ]
    for name in names:
        assert "was not signed" in signing.verify(workspace, tmp_path / name).message
    assert no_messages == [("information", f"3 reports written in {tmp_path}.")]


def test_cancelling_the_reports_of_a_year_keeps_the_files_written(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, no_messages: list[tuple[str, str]]
) -> None:
    items = batch_items(workspace.require_company(), 2025)
    assert len(items) == 3
    folder = tmp_path / "reports"
    folder.mkdir()
    batch = BatchReports(workspace, items, folder, "Reports of 2025")
    batch.progressed.connect(lambda written: batch.progress.cancel() if written == 1 else None)
    with qtbot.waitSignal(batch.finished, timeout=WAIT_MS * 3) as finished:
        batch.start()
    assert finished.args == [1]
    assert [p.name for p in folder.iterdir()] == items[0].file_names
    assert no_messages[0][0] == "information"
    assert "Stopped" in no_messages[0][1]
    assert "1 of 3 reports written" in no_messages[0][1]


# -- File › Print… -------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, page: InterviewsPage, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    feed = ObligationsFeed(workspace)
    pages = Pages(
        welcome=WelcomePage(workspace),
        dashboard=StandInList("dashboard"),  # type: ignore[arg-type]
        employees=StandInList("employees"),  # type: ignore[arg-type]
        interviews=page,
        campaigns=StandInList("campaigns"),  # type: ignore[arg-type]
        training=StandInList("training"),  # type: ignore[arg-type]
        settings=SettingsPage(workspace, settings),
        employee=EmployeePage(workspace, feed),
    )
    main = MainWindow(workspace, feed, pages, settings, FakeFiles().actions())
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitExposed(main)
    qtbot.waitUntil(main.isActiveWindow, timeout=WAIT_MS)
    return main


def test_ctrl_p_on_the_interviews_page_prints_the_selected_report(
    qtbot: QtBot, window: MainWindow, page: InterviewsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []

    def cancelled(dialog: QPrintDialog) -> int:
        asked.append(dialog.maxPage())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", cancelled)
    window.show_page(2)
    assert window.current_page() is page
    assert page.select_interview("G1-2")
    with qtbot.waitSignal(window.report_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    viewer = opened.args[0]
    assert isinstance(viewer, ReportViewer)
    qtbot.waitUntil(lambda: asked == [viewer.pdf.pageCount()], timeout=WAIT_MS)
    assert viewer.document.interview is not None
    assert viewer.document.interview.id == "G1-2"
    assert viewer.isVisible()
    viewer.close()


def test_print_without_a_chosen_interview_says_what_to_do(
    qtbot: QtBot,
    window: MainWindow,
    page: InterviewsPage,
    no_messages: list[tuple[str, str]],
) -> None:
    window.show_page(2)
    page.table.setCurrentIndex(page.proxy.index(-1, 0))
    with qtbot.assertNotEmitted(window.report_opened):
        window.file_menu.print_action.trigger()
    assert no_messages == [
        ("information", "Choose an interview in the list: its report is what is printed.")
    ]


@pytest.mark.parametrize(
    ("where", "kind", "title"),
    [
        ("employee", "employee_dossier", "Dossier: Éloïse Lefèvre"),
        ("dashboard", "compliance_register", "Compliance register"),
    ],
)
def test_print_elsewhere_prints_the_dossier_or_the_register(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    kind: str,
    title: str,
) -> None:
    asked: list[str] = []

    def cancelled(dialog: QPrintDialog) -> int:
        asked.append(dialog.printer().docName())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", cancelled)
    if where == "employee":
        window.show_employee("G1")
    else:
        window.show_page(0)
    with qtbot.waitSignal(window.report_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    viewer = opened.args[0]
    assert isinstance(viewer, ReportViewer)
    qtbot.waitUntil(lambda: asked == [title], timeout=WAIT_MS)
    assert viewer.document.kind == kind
    assert viewer.pdf.pageCount() == pages_of(viewer.data) >= 1
    viewer.close()


def test_file_verify_says_whether_a_pdf_is_an_unaltered_signed_report(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: PLC0415

    from entretien_desktop.services import signing  # noqa: PLC0415

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *_a: said.append(("ok", text))
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(("refused", text))
    )
    employee = workspace.employee("G1")
    interview = next(i for i in employee.interviews if i.id == "G1-2")
    if interview.signed_on is None:
        interview = signing.sign(workspace, "G1", interview.id, workspace.today())
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(signing.issue(workspace, b"%PDF-1.7 test copy", "interview_report", interview))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(pdf), ""))
    window.file_menu.verify_action.trigger()
    assert said[-1][0] == "ok"
    assert "G1-2" in said[-1][1]
    pdf.write_bytes(b"%PDF-1.7 test copz")
    window.file_menu.verify_action.trigger()
    assert said[-1][0] == "refused"
