"""A register brought in from a spreadsheet: the columns' fields proposed from the headers,
every row checked first with its place named, one change written, a second import of the
same sheet changing nothing, and the window's flow."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from entretien_desktop.cli import main
from entretien_desktop.domain import Contract, WorkingTime
from entretien_desktop.services import sheet_import
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.workspace import Workspace
from tests.helpers import TODAY, db_arg, file_digest, open_data, open_workspace, small_company

FRENCH_HEADERS = (
    "Matricule",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Date d'entrée",
    "Contrat",
    "Temps de travail",
    "Poste",
    "Service",
    "Responsable",
)


def workbook(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Salariés") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def register_rows() -> list[list[Any]]:
    return [
        list(FRENCH_HEADERS),
        ["G1", "Lefèvre", "Éloïse", None, date(2019, 3, 4), "CDI", "Temps plein", "", "", ""],
        ["S3", "Martin", "Léa", "12/05/1990", date(2022, 1, 10), "CDD", "Temps partiel 80 %",
         "Comptable", "Finance", "G1"],
        ["S4", "Petit", "Hugo", date(1985, 7, 2), "2023-06-01", "Apprenti", "", "Mécanicien",
         "Atelier", "Lefèvre Éloïse"],
    ]  # fmt: skip


@pytest.fixture
def space(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        yield workspace


def plan_of(path: Path, space: Workspace, document: dict[str, Any] | None = None) -> Any:
    sheet = sheet_import.read_sheet(path)
    settings = sheet_import.settings_for(sheet.headers, document)
    return sheet_import.dry_run(sheet, settings, space.require_company(), TODAY)


def test_french_headers_are_mapped_whatever_their_accents_and_case() -> None:
    headers = ["MATRICULE", "nom", "Prenom", "Date d’entrée", "Date d'ancienneté", "Site"]
    headers += ["Date de sortie", "Achternaam", "Fornavn", "Job title", "Notes"]
    assert sheet_import.propose_mapping(headers) == [
        "ref", "last_name", "first_name", "hire_date", "seniority_date", "site",
        "exit_date", None, None, "job_title", None,
    ]  # fmt: skip
    dutch = ["Personeelsnummer", "Achternaam", "Voornaam", "Datum in dienst", "Afdeling"]
    assert sheet_import.propose_mapping(dutch) == [
        "ref", "last_name", "first_name", "hire_date", "department",
    ]  # fmt: skip
    norwegian = ["Ansattnr", "Etternavn", "Fornavn", "Fødselsdato", "Stilling", "Avdeling"]
    assert sheet_import.propose_mapping(norwegian) == [
        "ref", "last_name", "first_name", "birth_date", "job_title", "department",
    ]  # fmt: skip


def test_an_excel_register_is_added_and_updated_in_one_undo_step(
    tmp_path: Path, space: Workspace
) -> None:
    path = workbook(tmp_path / "registre.xlsx", register_rows())
    plan = plan_of(path, space)
    assert plan.problems == ()
    assert [p.employee.ref for p in plan.added] == ["S3", "S4"]
    assert [p.employee.ref for p in plan.unchanged] == ["G1"]
    martin = plan.added[0].employee
    assert martin.birth_date == date(1990, 5, 12)
    assert martin.contract is Contract.FIXED_TERM
    assert martin.working_time is WorkingTime.PART_TIME
    assert (martin.job_title, martin.department, martin.manager_ref) == (
        "Comptable",
        "Finance",
        "G1",
    )
    petit = plan.added[1].employee
    assert (petit.hire_date, petit.contract) == (date(2023, 6, 1), Contract.APPRENTICESHIP)
    assert petit.manager_ref == "G1"  # named "Lefèvre Éloïse" in the sheet

    written = sheet_import.write(space, plan, path.name)
    assert (written.added, written.updated, written.unchanged) == (2, 0, 1)
    assert [e.ref for e in space.require_company().employees] == ["G1", "G2", "S3", "S4"]
    step = space.history.next_undo
    assert step is not None and step.describe() == "the import of registre.xlsx"
    space.undo()
    assert space.require_company() == small_company()
    assert space.history.next_undo is None


def test_a_second_import_changes_nothing_and_an_edited_sheet_updates(
    tmp_path: Path, space: Workspace
) -> None:
    path = workbook(tmp_path / "registre.xlsx", register_rows())
    sheet_import.write(space, plan_of(path, space), path.name)
    again = plan_of(path, space)
    assert (again.added, again.updated, len(again.unchanged)) == ((), (), 3)
    version = space.version
    sheet_import.write(space, again, path.name)
    assert space.version == version  # nothing written, nothing announced

    rows = register_rows()
    rows[2][7] = "Cheffe comptable"
    rows[3][0] = ""  # no number: found by name and birth date
    edited = workbook(tmp_path / "registre-2.xlsx", rows)
    plan = plan_of(edited, space)
    assert plan.problems == ()
    assert [p.employee.ref for p in plan.updated] == ["S3"]
    assert len(plan.unchanged) == 2
    sheet_import.write(space, plan, edited.name)
    assert space.employee("S3").job_title == "Cheffe comptable"
    assert len(space.require_company().employees) == 4


def test_problems_name_the_sheet_row_and_column_and_nothing_is_written(
    tmp_path: Path, space: Workspace
) -> None:
    rows = register_rows()
    rows[2][4] = "31/02/2019"
    rows[3][5] = "Contrat bizarre"
    rows.insert(3, [None] * 10)  # an empty row is skipped, rows keep their numbers
    rows.append(["S5", "", "Zoé", None, "2024-01-01", "CDI", "", "", "", "X9"])
    path = workbook(tmp_path / "registre.xlsx", rows)
    plan = plan_of(path, space)
    messages = [str(p) for p in plan.problems]
    assert messages == [
        "Sheet Salariés, row 3, column “Date d'entrée”: 31/02/2019 is not a date "
        "(February 2019 has 28 days: there is no day 31)",
        "Sheet Salariés, row 5, column “Contrat”: “Contrat bizarre” is not in the table of "
        "values: add it there.",
        "Sheet Salariés, row 6, column “Nom”: This cell is empty: a new employee needs it.",
    ]
    before = file_digest(space.path)
    with pytest.raises(sheet_import.ChangeRefused):
        sheet_import.write(space, plan, path.name)
    assert file_digest(space.path) == before
    assert space.require_company() == small_company()


def test_the_employee_dialogs_rules_refuse_with_their_place(
    tmp_path: Path, space: Workspace
) -> None:
    rows = [
        list(FRENCH_HEADERS),
        ["S3", "Martin", "Léa", "12/05/2030", "10/01/2022", "CDI", "", "", "", "X9"],
        ["S3", "Martin", "Paul", "", "10/01/2022", "CDI", "", "", "", ""],
    ]
    plan = plan_of(workbook(tmp_path / "r.xlsx", rows), space)
    assert [str(p) for p in plan.problems] == [
        "Sheet Salariés, row 2, column “Date d'entrée”: The hire date must come after the "
        "birth date.",
        "Sheet Salariés, row 2, column “Responsable”: No employee has the number X9.",
        "Sheet Salariés, row 3, column “Matricule”: The number S3 is already on row 2.",
    ]


def test_a_title_above_merged_header_cells_and_a_mapping_document(
    tmp_path: Path, space: Workspace
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Personnel"
    sheet["A1"] = "Registre unique du personnel — décembre 2026"
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["Matricule", "Identité", None, "Entrée", "Type", "Quotité"])
    sheet.merge_cells("B3:C3")
    sheet.append(["S7", "Roux", "Inès", 45292, "Contrat de professionnalisation", 0.5])
    path = tmp_path / "personnel.xlsx"
    book.save(path)
    read = sheet_import.read_sheet(path)
    assert read.header_row == 3
    assert read.headers == ("Matricule", "Identité", "Column C", "Entrée", "Type", "Quotité")
    assert sheet_import.propose_mapping(read.headers)[:4] == ["ref", None, None, "hire_date"]
    document = {
        "columns": {"Identité": "last_name", "Column C": "first_name", "Type": "contract"},
        "values": {"working_time": {"0.5": "part_time"}},
    }
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps(document), encoding="utf-8")
    settings = sheet_import.read_settings_file(mapping, read.headers)
    plan = sheet_import.dry_run(read, settings, space.require_company(), TODAY)
    assert plan.problems == ()
    roux = plan.added[0].employee
    assert (roux.last_name, roux.first_name) == ("Roux", "Inès")
    assert roux.hire_date == date(2024, 1, 1)  # an Excel serial number
    assert roux.contract is Contract.PROFESSIONALISATION
    assert roux.working_time is WorkingTime.PART_TIME
    assert settings.document(read.headers)["columns"]["Type"] == "contract"


def test_a_semicolon_csv_in_windows_1252_with_accents(tmp_path: Path, space: Workspace) -> None:
    text = (
        "Matricule;Nom;Prénom;Date d'entrée;Contrat;Temps de travail\r\n"
        "S8;Bérénice;Gaëlle;01/09/2020;Intérim;Temps partiel 50 %\r\n"
        ";;;;;\r\n"
        "S9;Noël;François;15/03/2021;Stage;Temps plein\r\n"
    )
    path = tmp_path / "export paie.csv"
    path.write_bytes(text.encode("cp1252"))
    read = sheet_import.read_sheet(path)
    assert read.name == "export paie"
    assert read.headers[2] == "Prénom"
    plan = sheet_import.dry_run(
        read, sheet_import.settings_for(read.headers), space.require_company(), TODAY
    )
    assert plan.problems == ()
    first, second = (p.employee for p in plan.added)
    assert (first.last_name, first.first_name) == ("Bérénice", "Gaëlle")
    assert (first.contract, first.working_time) == (Contract.TEMP_AGENCY, WorkingTime.PART_TIME)
    assert (second.last_name, second.hire_date, second.contract) == (
        "Noël",
        date(2021, 3, 15),
        Contract.INTERN,
    )
    assert [p.row for p in plan.added] == [2, 4]


def test_a_utf8_csv_with_its_byte_order_mark_and_commas(tmp_path: Path, space: Workspace) -> None:
    text = (
        "Employee number,Last name,First name,Hire date,Contract\nS10,Ødegård,Åse,2020-02-03,CDI\n"
    )
    path = tmp_path / "staff.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    read = sheet_import.read_sheet(path)
    assert read.headers[0] == "Employee number"  # no byte order mark in the first header
    plan = sheet_import.dry_run(
        read, sheet_import.settings_for(read.headers), space.require_company(), TODAY
    )
    assert plan.problems == ()
    assert plan.added[0].employee.last_name == "Ødegård"


def test_a_sheet_without_a_needed_column_is_refused_once(tmp_path: Path, space: Workspace) -> None:
    path = workbook(tmp_path / "r.xlsx", [["Matricule", "Nom"], ["S3", "Martin"]])
    plan = plan_of(path, space)
    assert [str(p) for p in plan.problems] == [
        "Sheet Salariés, row 1: No column is read as “First name”.",
        "Sheet Salariés, row 1: No column is read as “Hire date”.",
    ]


def test_a_file_that_is_no_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(sheet_import.SheetRefused):
        sheet_import.read_sheet(path)
    with pytest.raises(sheet_import.SheetRefused):
        sheet_import.read_sheet(tmp_path / "r.txt")


# -- the command line ---------------------------------------------------------------------
@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    with open_workspace(path, small_company()):
        pass
    return path


def test_import_sheet_writes_then_changes_nothing_the_second_time(
    tmp_path: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook(tmp_path / "registre.xlsx", register_rows())
    before = file_digest(data_file)
    assert main(["import-sheet", "--db", db_arg(data_file), str(path), "--dry-run"]) == 0
    assert "2 to add, 0 to update, 1 unchanged" in capsys.readouterr().out
    assert file_digest(data_file) == before
    assert main(["import-sheet", "--db", db_arg(data_file), str(path)]) == 0
    assert "2 added, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert main(["import-sheet", "--db", db_arg(data_file), str(path)]) == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out
    with open_data(data_file) as database:
        company = load_company(database)
    assert company is not None and len(company.employees) == 4


def test_import_sheet_refuses_with_every_problem_and_writes_nothing(
    tmp_path: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = register_rows()
    rows[2][4] = "31/02/2019"
    rows[3][5] = "?"
    path = workbook(tmp_path / "registre.xlsx", rows)
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"columns": {"Poste": None}}), encoding="utf-8")
    before = file_digest(data_file)
    code = main(["import-sheet", "--db", db_arg(data_file), str(path), "--mapping", str(mapping)])
    assert code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Sheet Salariés, row 3, column “Date d'entrée”: 31/02/2019")
    assert lines[1].startswith("Sheet Salariés, row 4, column “Contrat”: “?”")
    assert file_digest(data_file) == before


def test_import_sheet_refuses_a_file_without_a_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook(tmp_path / "registre.xlsx", register_rows())
    empty = tmp_path / "empty.sqlite"
    open_data(empty).close()
    assert main(["import-sheet", "--db", db_arg(empty), str(path)]) == 2
    assert "holds no company" in capsys.readouterr().err


def test_french_wording_of_a_problem() -> None:
    from entretien_desktop.i18n import set_language  # noqa: PLC0415

    set_language("fr")
    problem = sheet_import.SheetProblem("Salariés", 14, "Date d'entrée", "31/02/2019")
    assert str(problem) == (
        "Feuille Salariés, ligne 14, colonne «\u00a0Date d'entrée\u00a0»\u00a0: 31/02/2019"
    )


# -- the window ---------------------------------------------------------------------------
def _dialog(qtbot: Any, space: Workspace, path: Path, settings_file: Path) -> Any:
    from PySide6.QtCore import QSettings  # noqa: PLC0415

    from entretien_desktop.ui.dialogs.sheet_import_dialog import (  # noqa: PLC0415
        SheetImportDialog,
    )

    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    dialog = SheetImportDialog(space, path, sheet_import.read_sheet(path), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _group(dialog: Any, index: int) -> list[str]:
    top = dialog.results.topLevelItem(index)
    return [top.text(0)] + [top.child(i).text(1) for i in range(top.childCount())]


def test_the_dialog_corrects_a_value_then_writes_one_undo_step(
    qtbot: Any, tmp_path: Path, space: Workspace
) -> None:
    rows = register_rows()
    rows[3][5] = "Alternance"
    path = workbook(tmp_path / "registre.xlsx", rows)
    dialog = _dialog(qtbot, space, path, tmp_path / "settings.ini")
    assert [c.currentData() for c in dialog.column_boxes][:3] == ["ref", "last_name", "first_name"]
    assert _group(dialog, 0) == [
        "Problems (1)",
        "Sheet Salariés, row 4, column “Contrat”: “Alternance” is not in the table of values: "
        "add it there.",
    ]
    assert not dialog.import_button.isEnabled()
    combo = next(c for kind, text, c in dialog.value_boxes if text == "Alternance")
    combo.setCurrentIndex(combo.findData(Contract.APPRENTICESHIP.value))
    assert not dialog.import_button.isEnabled()  # checked again first
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert _group(dialog, 0) == ["Problems (0)"]
    assert _group(dialog, 1) == ["To add (2)", "S3 — Léa Martin", "S4 — Hugo Petit"]
    assert _group(dialog, 3) == ["Unchanged (1)", "G1 — Éloïse Lefèvre"]
    assert dialog.summary_label.text() == "2 to add, 0 to update, 1 unchanged."
    assert space.require_company() == small_company()  # nothing written by the dry run
    with qtbot.waitSignal(dialog.imported) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args == [2, 0]
    assert space.employee("S4").contract is Contract.APPRENTICESHIP
    space.undo()
    assert space.require_company() == small_company()

    again = _dialog(qtbot, space, path, tmp_path / "settings.ini")  # the same file shape
    remembered = next(c for kind, text, c in again.value_boxes if text == "Alternance")
    assert remembered.currentData() == Contract.APPRENTICESHIP.value
    assert again.plan is not None and again.plan.problems == ()


def test_the_dialog_remembers_a_corrected_column_and_cancel_writes_nothing(
    qtbot: Any, tmp_path: Path, space: Workspace
) -> None:
    path = workbook(tmp_path / "registre.xlsx", register_rows())
    dialog = _dialog(qtbot, space, path, tmp_path / "settings.ini")
    poste = dialog.column_boxes[FRENCH_HEADERS.index("Poste")]
    assert poste.currentData() == "job_title"
    qtbot.keyClick(poste, Qt.Key.Key_Down)  # by the keyboard: the next field
    assert poste.currentData() == "department"
    service = dialog.column_boxes[FRENCH_HEADERS.index("Service")]
    qtbot.keyClick(service, Qt.Key.Key_Home)  # "(not read)"
    assert not dialog.import_button.isEnabled()  # the choices changed: check again
    qtbot.keyClick(dialog.check_button, Qt.Key.Key_Space)
    assert dialog.plan.added[0].employee.department == "Comptable"
    before = file_digest(space.path)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert file_digest(space.path) == before
    again = _dialog(qtbot, space, path, tmp_path / "settings.ini")
    assert again.column_boxes[FRENCH_HEADERS.index("Poste")].currentData() == "department"
    assert again.column_boxes[FRENCH_HEADERS.index("Service")].currentData() is None


@pytest.mark.parametrize("failure", ["read-only", "disk full"])
def test_file_import_employees_when_the_write_fails_says_why_and_writes_nothing(
    qtbot: Any, tmp_path: Path, space: Workspace, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: PLC0415

    from tests.qt_helpers import real_window  # noqa: PLC0415
    from tests.test_write_failures import FAILURES, fail_writes  # noqa: PLC0415

    path = workbook(tmp_path / "registre.xlsx", register_rows())
    said: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    with real_window(qtbot, space) as window:
        window.file_menu.import_sheet_action.trigger()
        dialog = window.sheet_import_dialog
        assert dialog.isVisible()
        assert dialog.summary_label.text() == "2 to add, 0 to update, 1 unchanged."
        before = file_digest(space.path)
        message, words = FAILURES[failure]
        fail_writes(monkeypatch, message)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert len(said) == 1 and words in said[0]
        assert dialog.isVisible()  # the choices are still there to try again
        assert file_digest(space.path) == before
        assert space.require_company() == small_company()
        dialog.reject()


def test_an_update_is_undone_and_a_manager_further_down_the_sheet_is_written_first(
    tmp_path: Path, space: Workspace
) -> None:
    rows = [
        list(FRENCH_HEADERS),
        ["S5", "Morel", "Jade", "", "02/03/2020", "CDI", "", "", "", "S6"],
        ["S6", "Blanc", "Rémi", "", "02/03/2015", "CDI", "", "", "", ""],
        ["G2", "Garnier", "Noé", "", "01/09/2021", "Apprenti", "", "Mécanicien", "", "S6"],
    ]
    path = workbook(tmp_path / "r.xlsx", rows)
    plan = plan_of(path, space)
    assert plan.problems == ()
    assert [p.employee.ref for p in sheet_import.write_order(plan)] == ["S6", "S5", "G2"]
    sheet_import.write(space, plan, path.name)
    assert space.employee("G2").manager_ref == "S6"
    assert space.employee("G2").job_title == "Mécanicien"
    space.undo()
    assert space.require_company() == small_company()
