"""The settings page: company data, rule settings (kept minimal in the file), language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import LeaveKind, Policy, PolicyKind, Settings, limits
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_database
from entretien_desktop.ui.pages.settings_page import LANGUAGE_KEY, SettingsPage
from tests.helpers import small_company

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 22)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "company.sqlite"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    with open_database(db_path) as db:
        yield db


@pytest.fixture
def workspace(database: Database) -> Workspace:
    space = Workspace(database, today=lambda: TODAY)
    space.create_company(small_company())
    return space


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, settings: QSettings) -> SettingsPage:
    settings_page = SettingsPage(workspace, settings)
    qtbot.addWidget(settings_page)
    settings_page.show()
    qtbot.waitExposed(settings_page)
    return settings_page


def tick(page: SettingsPage, setting: str, kind: LeaveKind, ticked: bool) -> None:
    leaves = page.leave_lists[setting]
    for row in range(leaves.count()):
        item = leaves.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == kind.value:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)


def test_the_page_shows_the_company_and_the_defaults(page: SettingsPage) -> None:
    assert page.form.name.text() == "Garage Lefèvre"
    assert page.form.headcount.value() == 12
    assert page.numbers["due_soon_days"].value() == 60
    assert page.flags["any_interview_restarts_clock"].isChecked()
    assert page.flags["late_interview_counts_as_missed"].isChecked()  # interpretation 15
    assert not page.flags["apply_seniority_suspension"].isChecked()
    assert not page.save_button.isEnabled()
    assert not page.revert_button.isEnabled()


def test_a_saved_change_is_read_back_from_the_reopened_file(
    qtbot: QtBot, page: SettingsPage, database: Database, db_path: Path
) -> None:
    page.form.name.setText("Garage Lefèvre et Fils")
    page.form.headcount.setValue(55)
    page.numbers["due_soon_days"].setValue(45)
    page.flags["apply_seniority_suspension"].setChecked(True)
    page.flags["late_interview_counts_as_missed"].setChecked(False)
    tick(page, "return_interview_leaves", LeaveKind.OTHER, ticked=True)
    assert page.save_button.isEnabled()

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert not page.save_button.isEnabled()
    database.close()
    with open_database(db_path) as reopened:
        company = load_company(reopened)
    assert company is not None
    assert company.name == "Garage Lefèvre et Fils"
    assert company.headcount == 55
    assert company.employees == small_company().employees
    assert company.settings.chosen() == {
        "due_soon_days": 45,
        "apply_seniority_suspension": True,
        "late_interview_counts_as_missed": False,
        "return_interview_leaves": (
            "maternity",
            "adoption",
            "parental_education",
            "parental_part_time",
            "caregiver",
            "sabbatical",
            "secure_mobility",
            "long_sickness",
            "sickness",
            "union_mandate",
            "other",
        ),
    }


def test_settings_left_at_their_default_stay_out_of_the_file(
    qtbot: QtBot, page: SettingsPage, workspace: Workspace
) -> None:
    page.form.headcount.setValue(13)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert workspace.require_company().settings == Settings()


def test_a_setting_chosen_before_stays_chosen_at_its_default_value(
    qtbot: QtBot, page: SettingsPage, workspace: Workspace
) -> None:
    company = workspace.require_company()
    workspace.update_company(replace(company, settings=Settings(due_soon_days=30)))
    assert page.numbers["due_soon_days"].value() == 30
    page.numbers["due_soon_days"].setValue(60)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert workspace.require_company().settings == Settings(due_soon_days=60)


def test_revert_drops_the_edits(qtbot: QtBot, page: SettingsPage) -> None:
    page.form.name.setText("Typo")
    page.numbers["long_sickness_months"].setValue(3)
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.form.name.text() == "Garage Lefèvre"
    assert page.numbers["long_sickness_months"].value() == 6
    assert not page.dirty


def test_a_refused_name_is_shown_at_the_field(
    qtbot: QtBot, page: SettingsPage, workspace: Workspace
) -> None:
    page.form.name.setText("   ")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.problems["name"].isVisible()
    assert page.form.problems["name"].text() == "The company name is required."
    assert workspace.require_company().name == "Garage Lefèvre"
    assert page.dirty


def test_the_language_is_kept_for_the_next_start(
    qtbot: QtBot, page: SettingsPage, settings: QSettings, workspace: Workspace
) -> None:
    page.language.setCurrentIndex(page.language.findData("nl"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert settings.value(LANGUAGE_KEY) == "nl"
    assert page.language.currentData() == "nl"
    assert workspace.require_company().settings == Settings()


def test_every_rule_setting_has_a_help_line(page: SettingsPage) -> None:
    assert set(page.problems) == {
        "due_soon_days",
        "return_interview_grace_months",
        "invitation_notice_days",
        "long_sickness_months",
        "apply_seniority_suspension",
        "any_interview_restarts_clock",
        "late_interview_counts_as_missed",
        "return_interview_leaves",
        "seniority_suspending_leaves",
    }
    assert len(page.findChildren(type(page.general_problem), "help_text")) >= 9


def test_the_numbers_stop_at_the_bounds_of_the_company_file(page: SettingsPage) -> None:
    """Whatever the page lets one type, the company file exports and imports again."""
    for name, bounds in limits.SETTINGS.items():
        spin = page.numbers[name]
        spin.setValue(bounds.high + 1000)
        assert spin.value() == bounds.high, name
        spin.setValue(bounds.low - 1000)
        assert spin.value() == bounds.low, name
    page.form.headcount.setValue(limits.HEADCOUNT.high + 1)
    assert page.form.headcount.value() == limits.HEADCOUNT.high
    for spin in (page.form.agreement_months, *page.form.policy_months.values()):
        assert (spin.minimum(), spin.maximum()) == limits.PERIOD_MONTHS
    page.form.name.setText("N" * (limits.MAX_NAME + 5))
    assert len(page.form.name.text()) == limits.MAX_NAME


def test_a_policy_ticked_starts_today_and_its_start_can_be_moved(
    qtbot: QtBot, page: SettingsPage, workspace: Workspace
) -> None:
    """Adopting a policy makes nobody late for the years before it: it starts the day it is
    ticked unless its start date says otherwise."""
    form = page.form
    since = form.policy_since[PolicyKind.ANNUAL_REVIEW]
    assert not since.isEnabled()
    form.policy_checks[PolicyKind.ANNUAL_REVIEW].setChecked(True)
    assert since.isEnabled() and since.value() == TODAY
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert workspace.require_company().policies == (Policy(PolicyKind.ANNUAL_REVIEW, 12, TODAY),)

    since.set_value(date(2025, 9, 1))
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert workspace.require_company().policies == (
        Policy(PolicyKind.ANNUAL_REVIEW, 12, date(2025, 9, 1)),
    )


def test_each_policy_shows_the_day_it_started(
    qtbot: QtBot, workspace: Workspace, settings: QSettings
) -> None:
    policies = (
        Policy(PolicyKind.ANNUAL_REVIEW, 12, date(2024, 1, 8)),
        Policy(PolicyKind.CAREER_CONVERSATION, 24, date(2019, 6, 3)),
    )
    workspace.update_company(replace(workspace.require_company(), policies=policies))
    shown = SettingsPage(workspace, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    for policy in policies:
        assert shown.form.policy_checks[policy.kind].isChecked()
        assert shown.form.policy_since[policy.kind].value() == policy.since


def test_the_greyed_save_and_seal_buttons_say_why(qtbot: QtBot, page: SettingsPage) -> None:
    assert not page.save_button.isEnabled()
    assert "Nothing has changed since the last save." in page.save_button.toolTip()
    assert not page.seal_reports.isEnabled()
    assert "Make the company's seal first." in page.seal_reports.toolTip()
    page.numbers["due_soon_days"].setValue(45)
    assert page.save_button.isEnabled() and page.save_button.toolTip() == ""


def test_the_name_given_in_the_settings_signs_the_journal_of_changes(
    page: SettingsPage, workspace: Workspace, settings: QSettings
) -> None:
    """Issue 18's "who": the system's user and, once given, the person's own name."""
    assert page.journal_name.text() == ""
    page.journal_name.setText("  Claire Dumas (RH)  ")
    page.journal_name.textEdited.emit(page.journal_name.text())
    assert page.dirty
    page.save()
    assert settings.value("journal/name") == "Claire Dumas (RH)"
    assert workspace.user_name == "Claire Dumas (RH)"
    workspace.update_company(replace(workspace.require_company(), headcount=13))
    last = workspace.journal()[-1]
    assert last.name == "Claire Dumas (RH)"
    assert last.user  # the system's user, always
    page.revert()
    assert page.journal_name.text() == "Claire Dumas (RH)"


def test_the_backups_folder_is_chosen_on_the_settings_page(
    page: SettingsPage, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB key or a synced folder for the automatic backups, or back beside the file."""
    beside = str(tmp_path / "backups")
    assert page.backup_folder_label.text() == beside
    usb = tmp_path / "USB KEY"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    page.findChild(QPushButton, "choose_backup_folder").click()
    assert settings.value("backups/folder") == str(usb)
    assert page.backup_folder_label.text() == str(usb)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: "")
    page.findChild(QPushButton, "choose_backup_folder").click()  # cancelled: kept
    assert settings.value("backups/folder") == str(usb)
    page.findChild(QPushButton, "backups_beside_file").click()
    assert settings.value("backups/folder") is None
    assert page.backup_folder_label.text() == beside
