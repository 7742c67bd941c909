"""DSN import (issue 19): monthly declarations and event reports read in any order into
employees, exits and leaves; idempotent; unknown codes reported; damaged lines refuse the
import; the NIR written nowhere."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Company, Contract, Employee, Leave, LeaveKind, WorkingTime
from entretien_desktop.services.dsn import DsnRefused, import_files, parse_text, plan_files
from entretien_desktop.services.workspace import Workspace
from tests.dsn_builder import Person, write_dsn
from tests.helpers import db_arg, file_digest, open_workspace
from tests.qt_helpers import WAIT_MS, real_window

NIRS = ("1850775123456", "2900169012345", "1780213987654", "2950644111222")


def company() -> Company:
    return Company(name="Atelier Duval", country="FR", headcount=25)


def people() -> list[Person]:
    return [
        Person(NIRS[0], "MARTIN", "Paul Henri", date(1985, 7, 2), "M001"),
        Person(NIRS[1], "DURAND", "Claire", date(1990, 1, 14), "M002", start=date(2021, 3, 1)),
        Person(NIRS[2], "PETIT", "Luc", date(1978, 2, 20), "M003", nature="02"),
        # No matricule: matched by name and birth date from one import to the next.
        Person(NIRS[3], "ROUX", "Inès", date(1995, 6, 30), start=date(2025, 9, 1)),
    ]


def year_2026(folder: Path) -> list[Path]:
    """January to March 2026: Paul off sick from 13 January, back on 16 February; Claire
    on parental education leave from 1 February, declared month by month; Luc's CDD ends
    on 15 February (not declared in March)."""
    jan, feb, mar = people(), people(), people()
    jan[0].stoppages = [("01", date(2026, 1, 12), None)]
    feb[0].stoppages = [("01", date(2026, 1, 12), date(2026, 2, 16))]
    feb[1].suspensions = [("632", date(2026, 2, 1), date(2026, 2, 28))]
    mar[1].suspensions = [("632", date(2026, 3, 1), date(2026, 3, 31))]
    feb[2].end = date(2026, 2, 15)
    del mar[2]
    return [
        write_dsn(folder, date(2026, 3, 1), mar),
        write_dsn(folder, date(2026, 1, 1), jan),
        write_dsn(folder, date(2026, 2, 1), feb),
    ]


def by_name(workspace: Workspace) -> dict[str, Employee]:
    return {e.last_name: e for e in workspace.require_company().employees}


def test_months_in_any_order_give_the_people_their_leaves_and_exits(tmp_path: Path) -> None:
    files = year_2026(tmp_path)
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        plan = import_files(workspace, files)
        staff = by_name(workspace)
    assert len(plan.added) == 4 and not plan.problems and not plan.warnings
    assert staff["MARTIN"].ref == "M001" and staff["MARTIN"].first_name == "Paul"
    assert staff["ROUX"].ref == "DSN-0001"
    assert staff["PETIT"].contract is Contract.FIXED_TERM
    assert staff["PETIT"].exit_date == date(2026, 2, 15)
    assert staff["DURAND"].hire_date == date(2021, 3, 1)
    # One leave from the first day off to the day before the return.
    assert staff["MARTIN"].leaves == (
        Leave(LeaveKind.SICKNESS, date(2026, 1, 13), date(2026, 2, 15)),
    )
    # Declared month by month, one leave.
    assert staff["DURAND"].leaves == (
        Leave(LeaveKind.PARENTAL_EDUCATION, date(2026, 2, 1), date(2026, 3, 31)),
    )
    assert "Luc PETIT: exit on Feb 15, 2026" in plan.summary()


def test_the_same_months_again_change_nothing(tmp_path: Path) -> None:
    files = year_2026(tmp_path)
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        import_files(workspace, files)
        before = workspace.require_company()
        step = workspace.history.next_undo
        again = plan_files(workspace, files[1:2])
        import_files(workspace, files)
        assert workspace.require_company() == before
        assert workspace.history.next_undo is step  # no new undo step
        # The whole import is one undo step.
        workspace.undo()
        assert workspace.require_company().employees == ()
    assert not again.changes and again.unchanged == 4


def test_a_stoppage_opened_in_one_import_is_closed_by_the_next(tmp_path: Path) -> None:
    files = year_2026(tmp_path)
    january = next(f for f in files if "2026-01" in f.name)
    february = next(f for f in files if "2026-02" in f.name)
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        import_files(workspace, [january])
        assert by_name(workspace)["MARTIN"].leaves == (
            Leave(LeaveKind.SICKNESS, date(2026, 1, 13)),
        )
        plan = import_files(workspace, [february])
        assert by_name(workspace)["MARTIN"].leaves == (
            Leave(LeaveKind.SICKNESS, date(2026, 1, 13), date(2026, 2, 15)),
        )
        assert by_name(workspace)["ROUX"].ref == "DSN-0001"  # found again by name
    assert [leave.end for _name, leave in plan.leaves_closed] == [date(2026, 2, 15)]


def test_a_sickness_as_long_as_the_threshold_becomes_a_long_sickness(tmp_path: Path) -> None:
    paul = people()[0]
    paul.stoppages = [("01", date(2025, 6, 30), None)]
    opened = write_dsn(tmp_path, date(2025, 7, 1), [paul])
    paul = dataclasses.replace(paul, stoppages=[("01", date(2025, 6, 30), date(2026, 1, 5))])
    closed = write_dsn(tmp_path, date(2026, 1, 1), [paul])
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        import_files(workspace, [opened])
        # Open: a sickness until its return is known.
        assert by_name(workspace)["MARTIN"].leaves[0].kind is LeaveKind.SICKNESS
        import_files(workspace, [closed])
        assert by_name(workspace)["MARTIN"].leaves == (
            Leave(LeaveKind.LONG_SICKNESS, date(2025, 7, 1), date(2026, 1, 4)),
        )


def test_maternity_apprenticeship_and_an_event_report(tmp_path: Path) -> None:
    claire = people()[1]
    claire.scheme = "64"
    claire.stoppages = [("02", date(2026, 4, 10), None)]
    report = write_dsn(tmp_path, date(2026, 4, 1), [claire], nature="04")
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        import_files(workspace, [report])
        durand = by_name(workspace)["DURAND"]
    assert durand.contract is Contract.APPRENTICESHIP
    assert durand.leaves == (Leave(LeaveKind.MATERNITY, date(2026, 4, 11)),)


def test_an_unknown_code_is_reported_and_its_record_skipped(tmp_path: Path) -> None:
    paul = people()[0]
    paul.suspensions = [("999", date(2026, 2, 1), date(2026, 2, 10))]
    paul.stoppages = [("08", date(2026, 2, 20), None)]
    path = write_dsn(tmp_path, date(2026, 2, 1), [paul])
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        plan = import_files(workspace, [path])
        assert by_name(workspace)["MARTIN"].leaves == ()
    assert len(plan.warnings) == 2
    assert all(path.name in warning for warning in plan.warnings)
    assert any("unknown code 999 in S21.G00.65.001" in w for w in plan.warnings)
    assert any("unknown code 08 in S21.G00.60.001" in w for w in plan.warnings)


def test_paid_holidays_are_known_but_not_read(tmp_path: Path) -> None:
    paul = people()[0]
    paul.suspensions = [("200", date(2026, 2, 1), date(2026, 2, 10))]
    path = write_dsn(tmp_path, date(2026, 2, 1), [paul])
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        plan = plan_files(workspace, [path])
    assert [w.split(": ", 1)[1] for w in plan.warnings] == [
        "S21.G00.65.001 200 is not read; record skipped"
    ]


def test_a_damaged_line_refuses_the_import_with_its_file_and_line(tmp_path: Path) -> None:
    path = write_dsn(tmp_path, date(2026, 1, 1), people())
    lines = path.read_text(encoding="latin-1").splitlines()
    lines[9] = "S21.G00.30.004 'Claire"
    path.write_text("\n".join(lines), encoding="latin-1")
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        with pytest.raises(DsnRefused) as refused:
            import_files(workspace, [path])
        assert workspace.require_company().employees == ()
    assert refused.value.problems == [
        f"{path.name}, line 10: damaged line, expected rubrique,'value': S21.G00.30.004 'Claire"
    ]


def _database(tmp_path: Path) -> Path:
    db = tmp_path / "c.entretien"
    with open_workspace(db, company()):
        pass
    return db


@pytest.mark.file_only("reads the file's bytes")
def test_command_line_writes_and_the_nir_is_nowhere_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path)
    files = [str(f) for f in year_2026(tmp_path)]
    assert main(["import-dsn", "--db", db_arg(db), *files]) == EXIT_OK
    out = capsys.readouterr().out
    assert "4 employees to add" in out and "1 exit" in out
    data = b"".join(
        part.read_bytes() for part in tmp_path.iterdir() if part.name.startswith("c.entretien")
    )
    assert b"MARTIN" in data  # the people are there...
    for nir in NIRS:  # ...their NIR is not, whole or in part
        assert nir.encode() not in data
        assert nir[:13].encode() not in data
    assert main(["import-dsn", "--db", db_arg(db), *files]) == EXIT_OK
    assert "0 employees to update" in capsys.readouterr().out


def test_command_line_dry_run_and_refusal_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path)
    before = file_digest(db)
    good = write_dsn(tmp_path, date(2026, 1, 1), people())
    assert main(["import-dsn", "--db", db_arg(db), "--dry-run", str(good)]) == EXIT_OK
    assert "Dry run: nothing written." in capsys.readouterr().out
    assert file_digest(db) == before
    bad = tmp_path / "bad.dsn"
    bad.write_text(good.read_text(encoding="latin-1") + "garbage\n", encoding="latin-1")
    assert main(["import-dsn", "--db", db_arg(db), str(good), str(bad)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "bad.dsn, line" in err and "damaged line" in err
    assert file_digest(db) == before


def test_command_line_warns_of_unknown_codes_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _database(tmp_path)
    paul = people()[0]
    paul.nature = "77"
    path = write_dsn(tmp_path, date(2026, 1, 1), [paul, people()[1]])
    assert main(["import-dsn", "--db", db_arg(db), str(path)]) == EXIT_OK
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "unknown code 77 in S21.G00.40.007" in captured.err
    assert "1 employee to add" in captured.out


def test_the_dialog_shows_the_summary_and_imports_on_confirm(qtbot: QtBot, tmp_path: Path) -> None:
    from entretien_desktop.ui.dialogs.dsn_dialog import DsnImportDialog  # noqa: PLC0415

    files = year_2026(tmp_path)
    with (
        open_workspace(tmp_path / "c.entretien", company()) as workspace,
        real_window(qtbot, workspace) as window,
    ):
        window.file_menu.dsn_import_action.trigger()
        dialog = window.dsn_dialog
        assert isinstance(dialog, DsnImportDialog)
        assert not dialog.import_button.isEnabled()  # no file chosen yet
        dialog.load(files)
        text = dialog.summary.toPlainText()
        assert "4 employees to add" in text and "Luc PETIT: exit on Feb 15, 2026" in text
        assert workspace.require_company().employees == ()  # nothing written yet
        with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as imported:
            dialog.import_button.click()
        assert imported.args == [4]
        assert len(workspace.require_company().employees) == 4
        assert window.undo_action.isEnabled()


def test_the_dialog_names_a_damaged_line_and_will_not_import(qtbot: QtBot, tmp_path: Path) -> None:
    from entretien_desktop.ui.dialogs.dsn_dialog import DsnImportDialog  # noqa: PLC0415

    bad = tmp_path / "bad.dsn"
    bad.write_text("S10.G00.00.001,'x'\nnot a line\n", encoding="latin-1")
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        dialog = DsnImportDialog(workspace)
        qtbot.addWidget(dialog)
        dialog.load([bad])
        assert "bad.dsn, line 2: damaged line" in dialog.summary.toPlainText()
        assert not dialog.import_button.isEnabled()


def test_a_number_already_given_to_someone_else_is_not_matched(tmp_path: Path) -> None:
    other = Employee(
        ref="M001",
        first_name="Anne",
        last_name="Leroy",
        hire_date=date(2010, 1, 4),
        contract=Contract.PERMANENT,
        birth_date=date(1970, 5, 5),
    )
    path = write_dsn(tmp_path, date(2026, 1, 1), people()[:1])
    with open_workspace(tmp_path / "c.entretien", replace(company(), employees=(other,))) as ws:
        plan = import_files(ws, [path])
        assert ws.require_company().employees == (other,)
    assert plan.warnings == [
        f"{path.name}, line 7: the number M001 is Anne Leroy here, born on another day than "
        "Paul MARTIN; not matched, record skipped"
    ]


def test_a_name_with_an_apostrophe_is_read_whole() -> None:
    declaration = parse_text("a.dsn", "S21.G00.30.001,'1'\nS21.G00.30.002,'D'ALMEIDA'\n")
    assert not declaration.problems
    assert declaration.individuals[0].block.get("002") == "D'ALMEIDA"


def test_a_later_month_updates_the_contract_and_the_job(tmp_path: Path) -> None:
    january = write_dsn(tmp_path, date(2026, 1, 1), people()[:2])
    later = people()[:2]
    later[1] = dataclasses.replace(later[1], job="Cheffe d'atelier", working_time="20")
    february = write_dsn(tmp_path, date(2026, 2, 1), later)
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        import_files(workspace, [january])
        plan = import_files(workspace, [february])
        durand = by_name(workspace)["DURAND"]
    assert (len(plan.updated), plan.unchanged) == (1, 1)
    assert durand.job_title == "Cheffe d'atelier"
    assert durand.working_time is WorkingTime.PART_TIME


def test_a_register_typed_with_accents_is_matched_and_keeps_its_spelling(tmp_path: Path) -> None:
    """The DSN writes names in capitals without accents (« LEFEVRE ELOISE »): the employee
    typed « Lefèvre Éloïse » is the same person, and keeps the register's spelling."""
    typed = Employee(
        "G1", "Éloïse", "Lefèvre", date(2019, 3, 4), Contract.PERMANENT,
        birth_date=date(1988, 10, 3),
    )  # fmt: skip
    declared = Person(NIRS[0], "LEFEVRE", "ELOISE", date(1988, 10, 3), start=date(2019, 3, 4))
    declared.stoppages = [("01", date(2026, 1, 9), date(2026, 1, 19))]
    path = write_dsn(tmp_path, date(2026, 1, 1), [declared])
    with open_workspace(tmp_path / "c.entretien", replace(company(), employees=(typed,))) as ws:
        plan = import_files(ws, [path])
        (employee,) = ws.require_company().employees
    assert not plan.added
    assert (employee.ref, employee.first_name, employee.last_name) == ("G1", "Éloïse", "Lefèvre")
    assert [leaf.kind for leaf in employee.leaves] == [LeaveKind.SICKNESS]
