"""A site manager's sheet import on a server (issue 20; services/import_sites.py): the rows
of other sites are refused in the preview, each with its reason, before anything is
written; the rows of their sites are imported. The demo company on the throwaway server
(17 employees in Lyon, 9 in Villeurbanne), Marc managing Lyon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.services import sheet_import
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.import_sites import within_sites
from entretien_desktop.services.permissions import Access
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_server
from entretien_desktop.storage.errors import RoleRefusedError
from entretien_desktop.ui.dialogs.sheet_import_dialog import SheetImportDialog
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.test_server_roles import TODAY, _as, company_url  # noqa: F401

pytestmark = pytest.mark.postgres

PARIS = (
    "The site Paris is not one of yours (Lyon): as a site manager you cannot add or change "
    "its employees."
)


def _lyon_employee() -> tuple[str, str, str]:
    demo = build_demo_company(TODAY)
    found = next(e for e in demo.employees if e.site == "Lyon")
    return found.ref, found.last_name, found.first_name


def _sheet(tmp_path: Path) -> Path:
    ref, last, first = _lyon_employee()
    path = tmp_path / "arrivees.csv"
    path.write_text(
        "Matricule;Nom;Prénom;Date d'entrée;Contrat;Site\n"
        "N100;Durand;Leo;2026-09-01;CDI;Lyon\n"
        "N101;Petit;Ana;2026-09-01;CDI;Paris\n"
        "N102;Morel;Jules;2026-09-01;CDI;\n"
        f"{ref};{last};{first};;;Villeurbanne\n",
        encoding="utf-8",
    )
    return path


def _plan(workspace: Workspace, path: Path) -> sheet_import.Plan:
    sheet = sheet_import.read_sheet(path)
    settings = sheet_import.settings_for(sheet.headers)
    plan = sheet_import.dry_run(sheet, settings, workspace.require_company(), workspace.today())
    return within_sites(plan, sheet, settings, workspace.access)


def test_a_site_managers_rows_of_other_sites_are_refused_before_writing(
    company_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = _sheet(tmp_path)
    ref, _last, _first = _lyon_employee()
    with open_server(_as(company_url, "lyon_marc")) as database:
        marc = Workspace(database, today=lambda: TODAY)
        plan = _plan(marc, path)
        assert [str(p) for p in plan.problems] == [
            f"Sheet arrivees, row 3, column “Site”: {PARIS}",
            "Sheet arrivees, row 4, column “Site”: No site: as a site manager you import the "
            "employees of your sites only (Lyon).",
            "Sheet arrivees, row 5, column “Site”: The site Villeurbanne is not one of yours "
            "(Lyon): as a site manager you cannot add or change its employees.",
        ]
        assert [p.employee.ref for p in plan.added] == ["N100"]
        assert not plan.updated
        # Before: the same sheet went to the server, which refused it whole at the write.
        sheet = sheet_import.read_sheet(path)
        settings = sheet_import.settings_for(sheet.headers)
        unchecked = sheet_import.dry_run(sheet, settings, marc.require_company(), marc.today())
        assert not unchecked.problems
        with pytest.raises(RoleRefusedError):
            sheet_import.write(marc, unchecked, path.name)
    # The Lyon rows alone are imported.
    lyon = tmp_path / "lyon.csv"
    lyon.write_text(
        "Matricule;Nom;Prénom;Date d'entrée;Contrat;Site\nN100;Durand;Leo;2026-09-01;CDI;Lyon\n",
        encoding="utf-8",
    )
    assert main(["import-sheet", "--db", _as(company_url, "lyon_marc"), str(lyon)]) == EXIT_OK
    with open_server(company_url) as database:
        stored = database.read_company()
    assert stored is not None
    by_ref = {e.ref: e for e in stored.employees}
    assert by_ref["N100"].site == "Lyon"
    assert "N101" not in by_ref and "N102" not in by_ref
    assert by_ref[ref].site == "Lyon"


def test_the_command_line_lists_the_refused_rows_and_writes_nothing(
    company_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _sheet(tmp_path)
    code = main(["import-sheet", "--db", _as(company_url, "lyon_marc"), str(path)])
    assert code == EXIT_REFUSED
    assert PARIS in capsys.readouterr().err
    with open_server(company_url) as database:
        stored = database.read_company()
    assert stored is not None and "N100" not in {e.ref for e in stored.employees}


def test_the_accountant_cannot_import_and_is_told_before_writing(
    company_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _sheet(tmp_path)
    code = main(["import-sheet", "--db", _as(company_url, "compta_anne"), str(path), "--dry-run"])
    assert code == EXIT_REFUSED
    assert "Sheet arrivees, row 1: Your role (accountant) cannot change the register" in (
        capsys.readouterr().err
    )


def test_hr_and_a_file_are_not_concerned(company_url: str, tmp_path: Path) -> None:  # noqa: F811
    path = _sheet(tmp_path)
    with open_server(_as(company_url, "rh_claire")) as database:
        plan = _plan(Workspace(database, today=lambda: TODAY), path)
    assert not plan.problems
    assert {p.employee.ref for p in plan.added} == {"N100", "N101", "N102"}
    assert len(plan.updated) == 1
    sheet = sheet_import.read_sheet(path)
    settings = sheet_import.settings_for(sheet.headers)
    assert within_sites(plan, sheet, settings, Access()) is plan


@pytest.mark.gui
def test_the_preview_shows_the_refused_rows_and_keeps_import_greyed(
    qtbot: QtBot,
    company_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = _sheet(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with open_server(_as(company_url, "lyon_marc")) as database:
        marc = Workspace(database, today=lambda: TODAY)
        sheet = sheet_import.read_sheet(path)
        dialog = SheetImportDialog(marc, path, sheet, settings)
        qtbot.addWidget(dialog)
        dialog.show()
        problems = dialog.results.topLevelItem(0)
        assert isinstance(problems, QTreeWidgetItem)
        assert problems.text(0) == "Problems (3)"
        lines = [problems.child(i).text(1) for i in range(problems.childCount())]
        assert f"Sheet arrivees, row 3, column “Site”: {PARIS}" in lines
        added = dialog.results.topLevelItem(1)
        assert isinstance(added, QTreeWidgetItem) and added.text(0) == "To add (1)"
        assert dialog.summary_label.text().startswith("3 problems")
        assert not dialog.import_button.isEnabled()
        assert dialog.import_button.toolTip().endswith("The rows have problems.")
        dialog.close()
