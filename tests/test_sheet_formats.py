"""The older and the open spreadsheet formats read as an .xlsx is: an Excel 97 workbook
(.xls, written here with xlwt) and an OpenDocument one (.ods, written with odfpy), with real
dates, text dates and numbers, give the same plan as the same rows in .xlsx."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.services import sheet_import
from entretien_desktop.services.workspace import Workspace
from tests.helpers import db_arg
from tests.test_sheet_import import plan_of, register_rows, space, workbook

__all__ = ["space"]  # the fixture, shared


def _xls(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Salariés")
    dated = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                moment = datetime(value.year, value.month, value.day)  # noqa: DTZ001 - Excel's
                sheet.write(r, c, moment, dated)
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def _ods(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet  # noqa: PLC0415
    from odf.table import Table, TableCell, TableRow  # noqa: PLC0415
    from odf.text import P  # noqa: PLC0415

    document = OpenDocumentSpreadsheet()
    table = Table(name="Salariés")
    for row in rows:
        line = TableRow()
        for value in row:
            if isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            elif value is None:
                cell = TableCell()
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def _summary(plan: Any) -> tuple[Any, ...]:
    return (
        plan.problems,
        [p.employee for p in plan.added],
        [p.employee.ref for p in plan.unchanged],
    )


@pytest.mark.parametrize("write", [_xls, _ods], ids=["xls", "ods"])
def test_xls_and_ods_read_as_the_same_rows_in_xlsx(
    tmp_path: Path, space: Workspace, write: Any
) -> None:
    rows = register_rows()
    expected = _summary(plan_of(workbook(tmp_path / "registre.xlsx", rows), space))
    other = write(tmp_path / f"registre.{write.__name__.strip('_')}", rows)
    sheet = sheet_import.read_sheet(other)
    assert sheet.name == "Salariés" and sheet.header_row == 1
    assert _summary(plan_of(other, space)) == expected
    assert expected[1][0].birth_date == date(1990, 5, 12)  # a text date, read the same


@pytest.mark.parametrize("write", [_xls, _ods], ids=["xls", "ods"])
def test_an_impossible_date_is_named_in_xls_and_ods_too(
    tmp_path: Path, space: Workspace, write: Any
) -> None:
    rows = register_rows()
    rows[2][4] = "31/02/2019"
    plan = plan_of(write(tmp_path / f"r.{write.__name__.strip('_')}", rows), space)
    (problem,) = plan.problems
    assert str(problem).startswith(
        "Sheet Salariés, row 3, column “Date d'entrée”: 31/02/2019 is not a date"
    )


def _two_sheets(path: Path) -> Path:
    """A workbook whose first sheet is a cover note and whose second holds the register."""
    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Notes"
    cover.append(["Export de la paie", "décembre 2026"])
    register = book.create_sheet("Salariés")
    for row in register_rows():
        register.append(list(row))
    other = book.create_sheet("Anciens")
    other.append(["Matricule", "Nom", "Prénom", "Date d'entrée", "Contrat"])
    other.append(["X9", "Ancien", "Paul", date(2001, 1, 1), "CDI"])
    book.save(path)
    return path


def test_the_sheet_is_chosen_by_its_headers_or_by_name(tmp_path: Path) -> None:
    path = _two_sheets(tmp_path / "paie.xlsx")
    assert [s.name for s in sheet_import.read_sheets(path)] == ["Notes", "Salariés", "Anciens"]
    assert sheet_import.read_sheet(path).name == "Salariés"
    assert sheet_import.read_sheet(path, "Anciens").rows[0].cells[0] == "X9"
    with pytest.raises(sheet_import.SheetRefused) as refused:
        sheet_import.read_sheet(path, "Feuil1")
    assert "no sheet Feuil1" in str(refused.value) and "Notes, Salariés, Anciens" in str(
        refused.value
    )


def test_import_sheet_takes_the_sheet_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from entretien_desktop.cli import main  # noqa: PLC0415
    from tests.helpers import open_workspace, small_company  # noqa: PLC0415

    data = tmp_path / "c.sqlite"
    with open_workspace(data, small_company()):
        pass
    path = _two_sheets(tmp_path / "paie.xlsx")
    args = ["import-sheet", "--db", db_arg(data), str(path), "--dry-run"]
    assert main([*args, "--sheet", "Anciens"]) == 0
    assert "1 to add, 0 to update, 0 unchanged" in capsys.readouterr().out
    assert main([*args, "--sheet", "Feuil1"]) == 2
    assert "no sheet Feuil1" in capsys.readouterr().err


def test_the_window_asks_which_sheet_when_there_are_several(
    qtbot: Any, tmp_path: Path, space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog  # noqa: PLC0415

    from tests.qt_helpers import real_window  # noqa: PLC0415

    path = _two_sheets(tmp_path / "paie.xlsx")
    asked: list[tuple[list[str], int]] = []

    def choose(*args: Any) -> tuple[str, bool]:
        names, current = args[3], args[4]
        asked.append((list(names), current))
        return "Anciens", True

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getItem", choose)
    with real_window(qtbot, space) as window:
        window.file_menu.import_sheet_action.trigger()
        assert asked == [(["Notes", "Salariés", "Anciens"], 1)]  # the register proposed
        dialog = window.sheet_import_dialog
        assert "sheet Anciens" in dialog.about_label.text()
        dialog.reject()
