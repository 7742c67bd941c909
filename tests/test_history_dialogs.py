"""The employee's history edited in place: interviews, trainings, certifications,
progressions and medical visits added, corrected and removed from the employee page, each
refusal shown at its field, and the obligations following the change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Certification,
    Company,
    Interview,
    InterviewKind,
    InterviewStatus,
    MedicalVisit,
    MedicalVisitKind,
    Progression,
    Training,
    limits,
)
from entretien_desktop.i18n import set_language
from entretien_desktop.services.employee_checks import ChangeRefused, employee_problems
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.history_dialogs import (
    CertificationDialog,
    MedicalVisitDialog,
    ProgressionDialog,
    RecordDialog,
    TrainingDialog,
)
from entretien_desktop.ui.dialogs.interview_record_dialog import InterviewRecordDialog
from entretien_desktop.ui.dialogs.leave_dialog import LeaveDialog
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.employee_page import EmployeePage
from entretien_desktop.ui.widgets.timeline import EVENT, STATUS
from tests.helpers import open_workspace, small_company
from tests.qt_helpers import ready_feed

pytestmark = pytest.mark.gui

SCREENSHOTS = Path("/tmp/hist")


def history_company() -> Company:
    company = small_company()
    g1, g2 = company.employees
    g1 = replace(
        g1,
        birth_date=date(1985, 6, 1),
        interviews=(
            *g1.interviews,
            Interview(
                "G1-S",
                InterviewKind.ANNUAL_REVIEW,
                InterviewStatus.HELD,
                date(2025, 3, 3),
                signed_on=date(2025, 3, 10),
            ),
        ),
        trainings=(Training("Welding", date(2022, 5, 2), date(2022, 5, 6), 35),),
        certifications=(Certification("CACES R489", date(2022, 6, 1), "training"),),
        progressions=(Progression(date(2024, 9, 1), "salary", "+3 %"),),
        medical_visits=(MedicalVisit(MedicalVisitKind.MID_CAREER, date(2025, 1, 15)),),
    )
    return replace(company, employees=(g1, g2))


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "c.sqlite", history_company()) as space:
        yield space


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> EmployeePage:
    page = EmployeePage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    page.show_employee("G1")
    return page


def add(qtbot: QtBot, page: EmployeePage, field: str) -> RecordDialog:
    page.add_actions[field].trigger()
    dialog = page.history_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def select(page: EmployeePage, field: str, index: int) -> None:
    page.timeline.setCurrentItem(page.timeline.record_items(field)[index])


def edit(qtbot: QtBot, page: EmployeePage, field: str, index: int) -> RecordDialog:
    select(page, field, index)
    assert page.edit_entry_button.isEnabled()
    qtbot.mouseClick(page.edit_entry_button, Qt.MouseButton.LeftButton)
    dialog = page.history_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def save(qtbot: QtBot, feed: ObligationsFeed, dialog: RecordDialog) -> None:
    assert dialog.ok_button.isEnabled(), dialog.general_error.text()
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def events(page: EmployeePage) -> list[tuple[str, str]]:
    items = [page.timeline.topLevelItem(i) for i in range(page.timeline.topLevelItemCount())]
    return [(i.text(EVENT), i.text(STATUS)) for i in items if i is not None]


def refused_at(dialog: RecordDialog, name: str) -> str:
    assert not dialog.ok_button.isEnabled()
    assert not dialog.errors[name].isHidden()
    return dialog.errors[name].text()


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return questions


# -- trainings ------------------------------------------------------------------------------
def test_a_training_is_added_edited_and_removed(
    qtbot: QtBot,
    page: EmployeePage,
    feed: ObligationsFeed,
    workspace: Workspace,
    confirm: list[str],
) -> None:
    dialog = add(qtbot, page, "trainings")
    assert isinstance(dialog, TrainingDialog)
    qtbot.keyClicks(dialog.title_edit, "First aid")
    dialog.start_edit.set_value(date(2026, 2, 2))
    dialog.end_field.set_value(date(2026, 2, 3))
    dialog.hours_spin.setValue(14)
    dialog.mandatory_check.setChecked(True)
    save(qtbot, feed, dialog)
    added = Training("First aid", date(2026, 2, 2), date(2026, 2, 3), 14, mandatory=True)
    assert workspace.employee("G1").trainings[1] == added
    assert page.timeline.record_items("trainings")[1].text(2) == "First aid (14 h)"

    dialog = edit(qtbot, page, "trainings", 1)
    assert isinstance(dialog, TrainingDialog) and dialog.title_edit.text() == "First aid"
    dialog.hours_spin.setValue(21)
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").trainings[1] == replace(added, hours=21)

    select(page, "trainings", 0)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(page.remove_entry_button, Qt.MouseButton.LeftButton)
    assert confirm == ["Remove “Welding” of May 2, 2022 from Éloïse Lefèvre's record?"]
    assert workspace.employee("G1").trainings == (replace(added, hours=21),)


def test_a_training_is_refused_at_its_fields(qtbot: QtBot, page: EmployeePage) -> None:
    dialog = add(qtbot, page, "trainings")
    assert isinstance(dialog, TrainingDialog)
    assert refused_at(dialog, "title") == "The title is required."
    qtbot.keyClicks(dialog.title_edit, "Forklift")
    assert dialog.ok_button.isEnabled() and dialog.errors["title"].isHidden()
    dialog.start_edit.set_value(date(2026, 3, 10))
    dialog.end_field.set_value(date(2026, 3, 9))
    assert refused_at(dialog, "end") == "A training cannot end before it starts."
    dialog.end_field.set_value(None)
    dialog.hours_spin.setValue(-3)  # the company file's bounds: no hours below 0 or past 9999
    assert dialog.hours_spin.value() == limits.HOURS.low
    dialog.hours_spin.setValue(10**6)
    assert dialog.hours_spin.value() == limits.HOURS.high
    dialog.hours_spin.setValue(7)
    dialog.start_edit.set_value(date(1980, 1, 1))
    assert refused_at(dialog, "start") == "This date is before the birth date (Jun 1, 1985)."
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()


# -- certifications, progressions, medical visits -------------------------------------------
def test_a_certification_is_added_edited_and_removed(
    qtbot: QtBot,
    page: EmployeePage,
    feed: ObligationsFeed,
    workspace: Workspace,
    confirm: list[str],
) -> None:
    dialog = add(qtbot, page, "certifications")
    assert isinstance(dialog, CertificationDialog)
    assert refused_at(dialog, "title") == "The title is required."
    qtbot.keyClicks(dialog.title_edit, "SST")
    dialog.date_edit.set_value(date(1980, 1, 1))
    assert refused_at(dialog, "date").startswith("This date is before the birth date")
    dialog.date_edit.set_value(date(2026, 2, 3))
    qtbot.keyClicks(dialog.via_edit, "VAE")
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").certifications[1] == Certification(
        "SST", date(2026, 2, 3), "VAE"
    )
    dialog = edit(qtbot, page, "certifications", 0)
    assert isinstance(dialog, CertificationDialog)
    dialog.title_edit.setText("CACES R489 cat. 3")
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").certifications[0].title == "CACES R489 cat. 3"
    select(page, "certifications", 1)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        page.remove_entry_button.click()
    assert [c.title for c in workspace.employee("G1").certifications] == ["CACES R489 cat. 3"]


def test_a_progression_is_added_edited_and_removed(
    qtbot: QtBot,
    page: EmployeePage,
    feed: ObligationsFeed,
    workspace: Workspace,
    confirm: list[str],
) -> None:
    dialog = add(qtbot, page, "progressions")
    assert isinstance(dialog, ProgressionDialog)
    warning = dialog.findChild(QLabel, "health_warning")
    assert warning is not None and "health details" in warning.text()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("professional"))
    dialog.date_edit.set_value(date(1984, 1, 1))
    assert refused_at(dialog, "date").startswith("This date is before the birth date")
    dialog.date_edit.set_value(date(2026, 4, 1))
    qtbot.keyClicks(dialog.note_edit, "Team leader")
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").progressions[1] == Progression(
        date(2026, 4, 1), "professional", "Team leader"
    )
    assert ("Professional progression", "") in events(page)
    dialog = edit(qtbot, page, "progressions", 0)
    assert isinstance(dialog, ProgressionDialog)
    assert dialog.note_edit.text() == "+3 %"
    dialog.note_edit.setText("+4 %")
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").progressions[0].note == "+4 %"
    select(page, "progressions", 0)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        page.remove_entry_button.click()
    assert confirm == ["Remove “Salary progression” of Sep 1, 2024 from Éloïse Lefèvre's record?"]
    assert len(workspace.employee("G1").progressions) == 1


def test_a_medical_visit_is_added_edited_and_removed(
    qtbot: QtBot,
    page: EmployeePage,
    feed: ObligationsFeed,
    workspace: Workspace,
    confirm: list[str],
) -> None:
    dialog = add(qtbot, page, "medical_visits")
    assert isinstance(dialog, MedicalVisitDialog)
    dialog.date_edit.set_value(date(1985, 5, 31))
    assert refused_at(dialog, "date").startswith("This date is before the birth date")
    dialog.date_edit.set_value(date(2026, 6, 1))
    save(qtbot, feed, dialog)
    visits = workspace.employee("G1").medical_visits
    assert visits[1] == MedicalVisit(MedicalVisitKind.MID_CAREER, date(2026, 6, 1))
    dialog = edit(qtbot, page, "medical_visits", 0)
    assert isinstance(dialog, MedicalVisitDialog)
    dialog.date_edit.set_value(date(2025, 1, 20))
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").medical_visits[0].date == date(2025, 1, 20)
    select(page, "medical_visits", 1)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        page.remove_entry_button.click()
    assert len(workspace.employee("G1").medical_visits) == 1


_OVERDUE = ("Due: Professional interview", "Overdue")


# -- interviews ---------------------------------------------------------------------------
def test_an_interview_is_added_edited_and_removed(
    qtbot: QtBot,
    page: EmployeePage,
    feed: ObligationsFeed,
    workspace: Workspace,
    confirm: list[str],
) -> None:
    dialog = add(qtbot, page, "interviews")
    assert isinstance(dialog, InterviewRecordDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(InterviewKind.RETURN))
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(InterviewStatus.PLANNED))
    dialog.date_field.set_value(date(2026, 12, 15))
    save(qtbot, feed, dialog)
    added = workspace.employee("G1").interviews[2]
    assert added == Interview(
        "G1-20261215-1", InterviewKind.RETURN, InterviewStatus.PLANNED, date(2026, 12, 15)
    )
    dialog = edit(qtbot, page, "interviews", 2)
    assert isinstance(dialog, InterviewRecordDialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(InterviewStatus.INVITED))
    dialog.invited_field.set_value(date(2026, 11, 20))
    save(qtbot, feed, dialog)
    assert workspace.employee("G1").interviews[2] == replace(
        added, status=InterviewStatus.INVITED, invited_on=date(2026, 11, 20)
    )
    select(page, "interviews", 2)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        page.remove_entry_button.click()
    assert confirm == ["Remove “Return interview” of Dec 15, 2026 from Éloïse Lefèvre's record?"]
    assert len(workspace.employee("G1").interviews) == 2


def test_an_interview_is_refused_at_its_fields(qtbot: QtBot, page: EmployeePage) -> None:
    dialog = add(qtbot, page, "interviews")
    assert isinstance(dialog, InterviewRecordDialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(InterviewStatus.HELD))
    dialog.date_field.set_value(None)
    assert refused_at(dialog, "date") == "A held interview needs a date."
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(InterviewStatus.PLANNED))
    assert dialog.ok_button.isEnabled()
    dialog.date_field.set_value(date(2026, 12, 1))
    dialog.invited_field.set_value(date(2026, 12, 2))
    assert refused_at(dialog, "invited_on") == "The invitation cannot come after the interview."
    dialog.invited_field.set_value(date(2026, 11, 2))
    assert dialog.ok_button.isEnabled()
    dialog.date_field.set_value(date(1985, 1, 1))
    assert refused_at(dialog, "date").startswith("This date is before the birth date")


def test_a_signed_interview_cannot_be_changed(qtbot: QtBot, page: EmployeePage) -> None:
    select(page, "interviews", 1)
    assert not page.remove_entry_button.isEnabled()
    assert page.remove_entry_button.toolTip() == "A signed interview cannot be removed."
    dialog = edit(qtbot, page, "interviews", 1)
    assert isinstance(dialog, InterviewRecordDialog)
    assert not dialog.note.isHidden()
    assert dialog.note.text().startswith("This interview was signed on Mar 10, 2025")
    assert not dialog.ok_button.isVisible() and not dialog.ok_button.isEnabled()
    assert not dialog.status_combo.isEnabled() and not dialog.date_field.isEnabled()
    dialog.accept()
    assert dialog.isVisible()


def test_a_held_interview_meets_the_overdue_periodic_obligation(
    qtbot: QtBot, page: EmployeePage, feed: ObligationsFeed
) -> None:
    overdue = [
        i.text(0)
        for i in (page.timeline.topLevelItem(r) for r in range(page.timeline.topLevelItemCount()))
        if i is not None and (i.text(EVENT), i.text(STATUS)) == _OVERDUE
    ]
    assert overdue == ["Feb 1, 2025"]
    dialog = add(qtbot, page, "interviews")
    assert isinstance(dialog, InterviewRecordDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(InterviewKind.PROFESSIONAL))
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(InterviewStatus.HELD))
    dialog.date_field.set_value(date(2026, 11, 2))
    save(qtbot, feed, dialog)
    shown = events(page)
    assert _OVERDUE not in shown
    # The periodic interview due on Feb 1, 2025 is met late by the one just held.
    due = [
        (i.text(0), i.text(STATUS))
        for i in (page.timeline.topLevelItem(r) for r in range(page.timeline.topLevelItemCount()))
        if i is not None and i.text(EVENT) == "Due: Professional interview"
    ]
    assert ("Feb 1, 2025", "Satisfied late") in due
    assert ("Professional interview", "Held") in shown


# -- the page -------------------------------------------------------------------------------
def test_every_row_of_the_record_opens_its_form(qtbot: QtBot, page: EmployeePage) -> None:
    for field, kind in (
        ("leaves", LeaveDialog),
        ("interviews", InterviewRecordDialog),
        ("trainings", TrainingDialog),
        ("certifications", CertificationDialog),
        ("progressions", ProgressionDialog),
        ("medical_visits", MedicalVisitDialog),
    ):
        item = page.timeline.record_items(field)[0]
        page.timeline.setCurrentItem(item)
        page.timeline.itemActivated.emit(item, 0)
        opened = page.leave_dialog if field == "leaves" else page.history_dialog
        assert isinstance(opened, kind) and opened.isVisible()
        opened.reject()
    hired = next(i for i in page.timeline.record_items("identity").values())
    page.timeline.setCurrentItem(hired)
    assert page.edit_entry_button.isEnabled() and not page.remove_entry_button.isEnabled()
    page.edit_entry_button.click()
    assert page.edit_dialog is not None and page.edit_dialog.isVisible()
    page.edit_dialog.reject()


def test_obligations_and_today_are_not_edited(page: EmployeePage) -> None:
    for row in range(page.timeline.topLevelItemCount()):
        item = page.timeline.topLevelItem(row)
        assert item is not None
        if item.text(EVENT).startswith("Due: "):
            page.timeline.setCurrentItem(item)
            assert not page.edit_entry_button.isEnabled()
            assert not page.remove_entry_button.isEnabled()
            return
    pytest.fail("no obligation shown")


# -- the service ----------------------------------------------------------------------------
def test_the_service_refuses_what_the_forms_refuse(workspace: Workspace) -> None:
    company = workspace.require_company()
    g1 = workspace.employee("G1")
    broken = replace(
        g1,
        interviews=(
            Interview("X-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD),
            Interview(
                "X-2",
                InterviewKind.PROFESSIONAL,
                InterviewStatus.INVITED,
                date(2026, 1, 5),
                invited_on=date(2026, 1, 6),
            ),
        ),
        trainings=(
            Training("Welding", date(2022, 5, 2), date(2022, 5, 1), 35),
            Training(" ", date(2022, 5, 2), hours=-1),
        ),
        certifications=(Certification("", date(1980, 1, 1)),),
        progressions=(Progression(date(1984, 1, 1), "salary"),),
        medical_visits=(MedicalVisit(MedicalVisitKind.MID_CAREER, date(1985, 5, 31)),),
    )
    fields = [p.field for p in employee_problems(broken, company, "G1")]
    assert fields == [
        "interviews[0].date",
        "interviews[1].invited_on",
        "trainings[0].end",
        "trainings[1].title",
        "trainings[1].hours",
        "certifications[0].title",
        "certifications[0].date",
        "progressions[0].date",
        "medical_visits[0].date",
    ]
    with pytest.raises(ChangeRefused) as refused:
        workspace.save_employee(broken, replacing="G1")
    # Every problem of the forms, and the signed interview the edit would drop.
    assert [p.field for p in refused.value.problems] == [*fields, "interviews"]
    assert employee_problems(g1, company, "G1") == []
    assert (
        employee_problems(
            replace(g1, birth_date=None, progressions=broken.progressions), company, "G1"
        )
        == []
    )


# -- screenshots ----------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dialogs_fit_their_contents(qtbot: QtBot, page: EmployeePage, language: str) -> None:
    set_language(language)
    page.show_employee("G1")
    SCREENSHOTS.mkdir(exist_ok=True)

    def shoot(name: str, widget: QWidget) -> None:
        if isinstance(widget, RecordDialog):
            qtbot.waitUntil(lambda: _fits(widget), timeout=1000)
        assert widget.grab().save(str(SCREENSHOTS / f"{name}-{language}.png"))
        if isinstance(widget, RecordDialog):
            widget.reject()

    training = add(qtbot, page, "trainings")
    assert isinstance(training, TrainingDialog)
    training.start_edit.set_value(date(2026, 3, 10))
    training.end_field.set_value(date(2026, 3, 9))
    shoot("training", training)
    for field in ("certifications", "progressions", "medical_visits"):
        shoot(field, edit(qtbot, page, field, 0))
    interview = add(qtbot, page, "interviews")
    assert isinstance(interview, InterviewRecordDialog)
    interview.date_field.set_value(date(2026, 12, 1))
    interview.invited_field.set_value(date(2026, 12, 5))
    shoot("interview", interview)
    shoot("signed", edit(qtbot, page, "interviews", 1))
    select(page, "trainings", 0)
    shoot("page", page)


def _fits(dialog: RecordDialog) -> bool:
    layout = dialog.layout()
    assert layout is not None
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else 0
    return dialog.height() >= needed and all(
        label.height() >= label.heightForWidth(label.width())
        for label in (*dialog.errors.values(), dialog.general_error, dialog.note)
        if not label.isHidden()
    )
