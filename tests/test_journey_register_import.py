"""The journey of issue 19: a new user brings the register in from a payroll spreadsheet,
then a month of DSN brings a long sickness that ended; the dashboard then shows the return
interview it calls for. Through the real window, its menu and its dialogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import LeaveKind
from tests.dsn_builder import Person, write_dsn
from tests.helpers import open_workspace, small_company
from tests.qt_helpers import WAIT_MS, real_window


def _payroll_export(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Salariés"
    sheet.append(["Matricule", "Nom", "Prénom", "Date de naissance", "Date d'entrée", "Contrat"])
    sheet.append(["S7", "Rousseau", "Camille", date(1984, 3, 9), "02/05/2016", "CDI"])
    sheet.append(["S8", "Benali", "Yanis", "1993-11-21", date(2021, 9, 1), "CDD"])
    book.save(path)
    return path


def _table_texts(window: object) -> list[str]:
    model = window.pages.dashboard.table.model()  # type: ignore[attr-defined]
    return [
        " ".join(
            str(model.data(model.index(row, column, QModelIndex()), Qt.ItemDataRole.DisplayRole))
            for column in range(model.columnCount())
        )
        for row in range(model.rowCount())
    ]


def test_a_payroll_sheet_then_a_dsn_fill_the_register_and_the_dashboard(
    qtbot: QtBot, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    sheet = _payroll_export(tmp_path / "export paie.xlsx")
    sickness = Person(
        nir="2840375123456",
        last_name="ROUSSEAU",
        first_names="CAMILLE",
        birth=date(1984, 3, 9),
        matricule="S7",
        start=date(2016, 5, 2),
        stoppages=[("01", date(2025, 4, 30), date(2026, 1, 12))],
    )
    dsn = write_dsn(tmp_path, date(2026, 1, 1), [sickness])
    with (
        open_workspace(
            tmp_path / "c.entretien", small_company(), today=date(2026, 1, 20)
        ) as workspace,
        real_window(qtbot, workspace) as window,
    ):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(sheet), ""))
        window.file_menu.import_sheet_action.trigger()
        importing = window.sheet_import_dialog
        assert importing.summary_label.text() == "2 to add, 0 to update, 0 unchanged."
        with qtbot.waitSignal(importing.imported, timeout=WAIT_MS):
            qtbot.mouseClick(importing.import_button, Qt.MouseButton.LeftButton)
        assert [e.ref for e in workspace.require_company().employees] == ["G1", "G2", "S7", "S8"]

        window.file_menu.dsn_import_action.trigger()
        declaring = window.dsn_dialog
        declaring.load([dsn])
        assert "ROUSSEAU" in declaring.summary.toPlainText()
        with qtbot.waitSignal(declaring.imported, timeout=WAIT_MS):
            declaring.import_button.click()
        camille = workspace.employee("S7")
        # The register's spelling kept: the DSN writes names in capitals.
        assert (camille.first_name, camille.last_name) == ("Camille", "Rousseau")
        (leave,) = camille.leaves
        assert leave.kind is LeaveKind.LONG_SICKNESS  # over eight months
        assert (leave.start, leave.end) == (date(2025, 5, 1), date(2026, 1, 11))

        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
            window.feed.refresh()
        window.show_page(window.nav_pages.index(window.pages.dashboard))
        rows = [text for text in _table_texts(window) if "Rousseau" in text]
        assert any("Return" in text for text in rows), rows
        assert workspace.database.path.read_bytes().find(b"2840375123456") == -1
