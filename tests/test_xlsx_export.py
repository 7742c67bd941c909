"""Exports to Excel: the register, the obligations and the training plan read back with
openpyxl as a user's spreadsheet program would show them (a bold header row, frozen, with
filters; real dates and numbers; titles in the chosen language), with as many rows as the
screens show, from the command line and from the buttons of the pages."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.rules import Status
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.obligations import ObligationsReport, company_obligations
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.services.xlsx_export import (
    Export,
    export_xlsx,
    money_format,
    sheet_name,
)
from entretien_desktop.ui.feed import ObligationsFeed
from tests.helpers import TODAY, db_arg, open_data, open_workspace
from tests.qt_helpers import WAIT_MS, ready_feed


@pytest.fixture(scope="module")
def report() -> ObligationsReport:
    return company_obligations(build_demo_company(TODAY), TODAY)


def written(report: ObligationsReport, what: Export, path: Path, language: str = "en") -> Any:
    export_xlsx(report, what, path, language)
    return load_workbook(path)


def header(sheet: Worksheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def column(sheet: Worksheet, title: str) -> list[Any]:
    index = header(sheet).index(title) + 1
    return [
        row[0] for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index, values_only=True)
    ]


def test_every_sheet_has_a_frozen_bold_header_row_with_filters(
    report: ObligationsReport, tmp_path: Path
) -> None:
    book = written(report, Export.ALL, tmp_path / "all.xlsx")
    assert book.sheetnames == ["Register", "Obligations", "Training requests", "Trainings followed"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        last = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        assert all(cell.font.b for cell in sheet[1])
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1])


def test_the_register_has_one_row_per_employee_with_real_dates(
    report: ObligationsReport, tmp_path: Path
) -> None:
    sheet = written(report, Export.REGISTER, tmp_path / "r.xlsx", "fr")["Registre"]
    employees = report.company.employees
    assert sheet.max_row - 1 == len(employees)
    assert header(sheet)[:4] == ["Matricule", "Nom", "Prénom", "Embauche"]
    first = employees[0]
    assert sheet["A2"].value == first.ref
    hired = sheet["D2"]
    assert hired.value == datetime.combine(first.hire_date, datetime.min.time())
    assert hired.number_format == "dd/mm/yyyy"
    seniority = column(sheet, "Ancienneté (ans)")
    assert all(isinstance(years, float | int) for years in seniority)
    left = [e for e in employees if e.exit_date is not None]
    exits = column(sheet, "Date de sortie")
    assert sum(isinstance(day, datetime) for day in exits) == len(left) > 0


def test_the_obligations_carry_amounts_as_euros_and_the_open_ones_come_first(
    report: ObligationsReport, tmp_path: Path
) -> None:
    sheet = written(report, Export.OBLIGATIONS, tmp_path / "o.xlsx")["Obligations"]
    assert sheet.max_row - 1 == len(report.obligations)
    amounts = [a for a in column(sheet, "Amount at stake") if a is not None]
    assert amounts and all(isinstance(a, int) for a in amounts)
    assert sum(amounts) == report.amount_at_stake_eur
    amount_cell = next(
        row[header(sheet).index("Amount at stake")]
        for row in sheet.iter_rows(min_row=2)
        if row[header(sheet).index("Amount at stake")].value
    )
    assert amount_cell.number_format == money_format("EUR", "en", cents=False) == '"€"#,##0'
    open_count = sum(
        1
        for o in report.obligations
        if o.status in {Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING}
    )
    statuses = column(sheet, "Status")
    assert set(statuses[:open_count]) <= {"Overdue", "Due soon", "Upcoming"}
    assert statuses[0] == "Overdue"
    assert all(isinstance(day, datetime) for day in column(sheet, "Deadline"))
    satisfied = [s for s, on in zip(statuses, column(sheet, "Satisfied on"), strict=True) if on]
    assert satisfied and set(satisfied) <= {"Satisfied", "Satisfied late"}


def test_the_training_plan_has_its_requests_and_the_trainings_followed(
    report: ObligationsReport, tmp_path: Path
) -> None:
    book = written(report, Export.TRAINING, tmp_path / "t.xlsx", "fr")
    assert book.sheetnames == ["Demandes de formation", "Formations suivies"]
    requests = book["Demandes de formation"]
    hours = [h for h in column(requests, "Heures") if h is not None]
    costs = [c for c in column(requests, "Coût") if c is not None]
    assert hours and all(isinstance(h, int | float) for h in hours)
    assert costs and all(isinstance(c, int | float) for c in costs)
    assert requests.cell(2, header(requests).index("Coût") + 1).number_format == '#,##0.00\\ "€"'
    assert "Priorité haute" in column(requests, "Priorité")  # the template's words
    followed = book["Formations suivies"]
    trainings = sum(len(e.trainings) for e in report.company.employees)
    assert followed.max_row - 1 == trainings
    assert set(column(followed, "Obligatoire")) <= {"Oui", "Non"}


def test_the_headers_and_sheet_names_follow_the_language(
    report: ObligationsReport, tmp_path: Path
) -> None:
    norwegian = written(report, Export.ALL, tmp_path / "nb.xlsx", "nb")
    assert norwegian.sheetnames == [
        "Register",
        "Forpliktelser",
        "Opplæringsforespørsler",
        "Gjennomført opplæring",
    ]
    assert header(norwegian["Register"])[:3] == ["Nummer", "Etternavn", "Fornavn"]
    assert "Frist" in header(norwegian["Forpliktelser"])
    assert norwegian["Register"]["D2"].number_format == "dd.mm.yyyy"
    french = written(report, Export.OBLIGATIONS, tmp_path / "fr.xlsx", "fr")["Obligations"]
    assert header(french)[:4] == ["Matricule", "Salarié", "Obligation", "Statut"]
    assert "Montant en jeu" in header(french)
    assert "En retard" in column(french, "Statut")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Demandes [2026]: à faire?", "Demandes 2026 à faire"),
        ("a/b\\c*d", "a b c d"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_names_are_ones_excel_accepts(title: str, expected: str) -> None:
    assert sheet_name(title) == expected
    assert sheet_name(title, [expected]) != expected
    assert len(sheet_name(title, [expected])) <= 31


# -- the command line -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    with open_data(path) as database:
        import_company(database, build_demo_company(TODAY))
    return path


def test_export_xlsx_writes_the_workbook_asked(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.xlsx"
    args = ["export-xlsx", "--db", db_arg(data_file), "--out", str(out)]
    code = main([*args, "--what", "all", "--as-of", TODAY.isoformat(), "--lang", "nb"])
    assert code == EXIT_OK
    assert "Forpliktelser" in capsys.readouterr().out
    book = load_workbook(out)
    assert book.sheetnames[0] == "Register"
    assert header(book["Register"])[1] == "Etternavn"
    assert main([*args, "--what", "register", "--lang", "en"]) == EXIT_OK
    assert load_workbook(out).sheetnames == ["Register"]


def run(args: list[str]) -> int:
    """The exit code of the command line, argparse's refusals included."""
    try:
        return main(args)
    except SystemExit as exited:
        return int(exited.code or 0)


@pytest.mark.parametrize(
    "wrong",
    [
        ["--what", "payroll"],
        ["--what", "register", "--lang", "xx"],
        ["--what", "register", "--as-of", "2026-02-31"],
        ["--what", "register", "--out-name"],
    ],
)
def test_export_xlsx_refuses_a_bad_argument_and_writes_nothing(
    data_file: Path, tmp_path: Path, wrong: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.xlsx"
    args = ["export-xlsx", "--db", db_arg(data_file), "--out", str(out), *wrong]
    assert run(args) == EXIT_REFUSED
    assert capsys.readouterr().err.strip()
    assert not out.exists()


@pytest.mark.file_only("a missing file")
def test_export_xlsx_refuses_a_missing_file_and_a_name_not_xlsx(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = ["export-xlsx", "--db", db_arg(tmp_path / "none.sqlite"), "--what", "register"]
    assert main([*missing, "--out", str(tmp_path / "r.xlsx")]) == EXIT_REFUSED
    assert "does not exist" in capsys.readouterr().err
    csv = ["export-xlsx", "--db", db_arg(data_file), "--what", "register"]
    assert main([*csv, "--out", str(tmp_path / "r.csv")]) == EXIT_REFUSED
    assert ".xlsx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a read-only folder")
def test_export_xlsx_says_when_the_folder_is_read_only(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        args = ["export-xlsx", "--db", db_arg(data_file), "--what", "register"]
        assert main([*args, "--out", str(folder / "r.xlsx")]) == EXIT_FAILURE
        assert "cannot write" in capsys.readouterr().err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_export_xlsx_says_when_the_folder_does_not_exist(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export-xlsx", "--db", db_arg(data_file), "--what", "obligations"]
    assert main([*args, "--out", str(tmp_path / "gone" / "o.xlsx")]) == EXIT_FAILURE
    assert "cannot write" in capsys.readouterr().err


# -- the buttons of the pages ---------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "demo.sqlite", build_demo_company(TODAY)) as space:
        yield space


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


class SaveDialog:
    """QFileDialog.getSaveFileName answered with ``answer``; what it was asked, kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> None:
        self.asked: list[str] = []
        self.answer = answer
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, _parent: object, _title: str, suggestion: str, _filter: str) -> Any:
        self.asked.append(suggestion)
        return (str(self.answer) if self.answer else "", "")


def _page(qtbot: QtBot, kind: str, workspace: Workspace, feed: ObligationsFeed) -> Any:
    from entretien_desktop.ui.pages.dashboard_page import DashboardPage  # noqa: PLC0415
    from entretien_desktop.ui.pages.employees_page import EmployeesPage  # noqa: PLC0415
    from entretien_desktop.ui.pages.training_page import TrainingPlanPage  # noqa: PLC0415

    pages = {"register": EmployeesPage, "dashboard": DashboardPage, "training": TrainingPlanPage}
    page = pages[kind](workspace, feed)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


@pytest.mark.gui
def test_the_register_button_saves_every_employee_of_the_page(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    from entretien_desktop.ui.pages.employees_model import Presence  # noqa: PLC0415

    page = _page(qtbot, "register", workspace, feed)
    dialog = SaveDialog(monkeypatch, tmp_path / "registre")  # the suffix is added
    assert page.excel_button.isEnabled()
    with qtbot.waitSignal(page.excel_button.written, timeout=WAIT_MS):
        qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    assert dialog.asked and dialog.asked[0].endswith(f"Register {TODAY.isoformat()}.xlsx")
    sheet = load_workbook(tmp_path / "registre.xlsx")["Register"]
    page.proxy.set_presence(Presence.ALL)
    assert sheet.max_row - 1 == page.proxy.rowCount() == page.model.rowCount()
    assert sorted(column(sheet, "Number")) == sorted(
        page.model.row_at(row).employee.ref for row in range(page.model.rowCount())
    )


@pytest.mark.gui
def test_the_dashboard_button_saves_the_obligations_listed_first(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    page = _page(qtbot, "dashboard", workspace, feed)
    SaveDialog(monkeypatch, tmp_path / "obligations.xlsx")
    with qtbot.waitSignal(page.excel_button.written, timeout=WAIT_MS):
        qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(tmp_path / "obligations.xlsx")["Obligations"]
    listed = page.model.rowCount()  # the dashboard's list: the open ones
    assert listed > 0
    names = column(sheet, "Employee")[:listed]
    shown = [page.model.index(row, 0).data() for row in range(listed)]
    assert names == shown
    assert set(column(sheet, "Status")[:listed]) <= {"Overdue", "Due soon", "Upcoming"}


@pytest.mark.gui
def test_the_training_button_saves_both_tabs(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    page = _page(qtbot, "training", workspace, feed)
    SaveDialog(monkeypatch, tmp_path / "plan.xlsx")
    page.followed.reload()
    with qtbot.waitSignal(page.excel_button.written, timeout=WAIT_MS):
        qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    book = load_workbook(tmp_path / "plan.xlsx")
    assert book["Training requests"].max_row - 1 == page.requests.model.rowCount() > 0
    assert book["Trainings followed"].max_row - 1 == page.followed.model.rowCount() > 0


@pytest.mark.gui
def test_a_cancelled_dialog_writes_nothing_and_a_failure_is_said(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    page = _page(qtbot, "register", workspace, feed)
    button = page.excel_button
    SaveDialog(monkeypatch, None)
    assert not button.export()
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text: warnings.append(f"{title}: {text}")
    )
    SaveDialog(monkeypatch, tmp_path / "gone" / "r.xlsx")  # a folder that is not there
    with qtbot.waitSignal(button.not_written, timeout=WAIT_MS) as said:
        assert button.export()
        assert not button.isEnabled()  # one export at a time
    assert warnings == [f"The Excel file could not be written: {said.args[0]}"]
    assert "r.xlsx" in said.args[0]
    assert button.isEnabled()
    assert not (tmp_path / "gone").exists()
