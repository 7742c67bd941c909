"""The skills matrix printed and exported from the window: the viewer shows the chosen
filter's matrix on landscape pages, the workbook is written where the user said (or not
at all once cancelled), and the File menu offers both."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company
from entretien_desktop.services.skills_grid import MatrixFilter
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.main_window import MainWindow, Pages
from entretien_desktop.ui.pages.employee_page import EmployeePage
from entretien_desktop.ui.pages.settings_page import SettingsPage
from entretien_desktop.ui.pages.welcome import WelcomePage
from entretien_desktop.ui.reports.report_viewer import ReportViewer
from entretien_desktop.ui.reports.report_worker import stop_all
from entretien_desktop.ui.reports.skills_outputs import SkillsMatrixOutputs
from tests.helpers import open_workspace
from tests.qt_helpers import WAIT_MS
from tests.skills_builders import AS_OF, skills_company
from tests.test_main_window import FakeFiles, StandInList

pytestmark = pytest.mark.gui


@pytest.fixture
def company() -> Company:
    return skills_company(20, 30)


@pytest.fixture
def workspace(
    tmp_path: Path, company: Company, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "joinery.entretien", company, AS_OF) as space:
        # The skills map is read from the file once its storage is there; until then the
        # company in memory carries it.
        monkeypatch.setattr(space, "require_company", lambda: company)
        yield space
        stop_all()


@pytest.fixture
def outputs(qtbot: QtBot, workspace: Workspace) -> SkillsMatrixOutputs:
    parent = QWidget()
    qtbot.addWidget(parent)
    return SkillsMatrixOutputs(parent, workspace, lambda: MatrixFilter(site="Lyon"))


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


def test_print_shows_the_filtered_matrix_on_landscape_pages(
    qtbot: QtBot, outputs: SkillsMatrixOutputs, company: Company
) -> None:
    with qtbot.waitSignal(outputs.opened, timeout=WAIT_MS) as opened:
        outputs.print_action.trigger()
    viewer = opened.args[0]
    assert isinstance(viewer, ReportViewer)
    qtbot.addWidget(viewer)
    if viewer.building:
        with qtbot.waitSignal(viewer.shown, timeout=WAIT_MS * 3):
            pass
    assert viewer.windowTitle().startswith("Skills matrix — Site: Lyon")
    size = viewer.pdf.pagePointSize(0)
    assert size.width() > size.height()
    text = pypdf.PdfReader(io.BytesIO(viewer.data)).pages[0].extract_text()
    assert "Site: Lyon" in text and "Not trained" in text
    lyon = [e.full_name for e in company.employees if e.site == "Lyon"]
    elsewhere = [e.full_name for e in company.employees if e.site != "Lyon"]
    assert all(name in text for name in lyon)
    assert not any(name in text for name in elsewhere)
    viewer.close()


def test_export_writes_the_workbook_of_the_filter(
    qtbot: QtBot, outputs: SkillsMatrixOutputs, tmp_path: Path, company: Company
) -> None:
    path = tmp_path / "matrix"  # the ending is added
    with qtbot.waitSignal(outputs.written, timeout=WAIT_MS * 3) as written:
        assert outputs.export(path)
    assert written.args == [tmp_path / "matrix.xlsx"]
    matrix = load_workbook(tmp_path / "matrix.xlsx").worksheets[0]
    names = [row[1] for row in matrix.iter_rows(min_row=3, values_only=True)]
    assert sorted(names) == sorted(e.full_name for e in company.employees if e.site == "Lyon")
    assert outputs.export_action.isEnabled()


def test_a_workbook_that_cannot_be_written_is_said(
    qtbot: QtBot, outputs: SkillsMatrixOutputs, tmp_path: Path, warnings: list[str]
) -> None:
    path = tmp_path / "no such folder" / "matrix.xlsx"
    with qtbot.waitSignal(outputs.not_written, timeout=WAIT_MS * 3):
        outputs.export(path)
    assert len(warnings) == 1 and "could not be written" in warnings[0]
    assert not path.exists()


def test_a_cancelled_workbook_is_not_written(
    qtbot: QtBot, outputs: SkillsMatrixOutputs, tmp_path: Path
) -> None:
    path = tmp_path / "matrix.xlsx"
    with qtbot.assertNotEmitted(outputs.written):
        assert outputs.export(path)
        outputs.cancel()
        assert outputs.export_action.isEnabled()
        QThreadPool.globalInstance().waitForDone()
        stop_all()
    assert not path.exists()


def test_the_file_menu_offers_the_matrix(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    feed = ObligationsFeed(workspace)
    pages = Pages(
        welcome=WelcomePage(workspace),
        dashboard=StandInList("dashboard"),  # type: ignore[arg-type]
        employees=StandInList("employees"),  # type: ignore[arg-type]
        interviews=StandInList("interviews"),  # type: ignore[arg-type]
        campaigns=StandInList("campaigns"),  # type: ignore[arg-type]
        training=StandInList("training"),  # type: ignore[arg-type]
        settings=SettingsPage(workspace, settings),
        employee=EmployeePage(workspace, feed),
    )
    window = MainWindow(workspace, feed, pages, settings, FakeFiles().actions())
    qtbot.addWidget(window)
    texts = [action.text() for action in window.file_menu.menu.actions()]
    assert "Print the skills &matrix (PDF)…" in texts
    assert "Export the skills matrix (.&xlsx)…" in texts
    window.file_menu.menu.aboutToShow.emit()
    assert window.skills_outputs.print_action.isEnabled()
    with qtbot.waitSignal(window.skills_outputs.opened, timeout=WAIT_MS) as opened:
        window.skills_outputs.print_action.trigger()
    viewer = opened.args[0]
    qtbot.addWidget(viewer)
    assert viewer.document.title == "Skills matrix"  # the whole company
    viewer.close()
