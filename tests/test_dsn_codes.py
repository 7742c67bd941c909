"""The user's table of DSN leave codes (issue 19): a code this version does not know, or
one a payroll software uses its own way, decided by the user (in the dialog, remembered on
the computer; on the command line with --codes), never guessed by the program."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Leave, LeaveKind
from entretien_desktop.services.dsn import (
    STOPPAGE,
    SUSPENSION,
    CodesRefused,
    choices_from_json,
    choices_to_json,
    import_files,
    plan_files,
)
from tests.dsn_builder import Person, write_dsn
from tests.helpers import file_digest, open_workspace
from tests.test_dsn_import import by_name, company, people


def _paul_on_leave(folder: Path, code: str = "999") -> Path:
    paul: Person = people()[0]
    paul.suspensions = [(code, date(2026, 2, 2), date(2026, 2, 20))]
    return write_dsn(folder, date(2026, 2, 1), [paul])


def test_an_unknown_code_the_user_decided_becomes_that_leave(tmp_path: Path) -> None:
    path = _paul_on_leave(tmp_path)
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        unknown = plan_files(workspace, [path])
        assert unknown.leave_codes == {(SUSPENSION, "999"): None}
        assert any("unknown code 999" in warning for warning in unknown.warnings)
        chosen = {(SUSPENSION, "999"): LeaveKind.SABBATICAL}
        plan = import_files(workspace, [path], chosen)
        assert plan.warnings == []
        assert plan.leave_codes == {(SUSPENSION, "999"): LeaveKind.SABBATICAL}
        assert by_name(workspace)["MARTIN"].leaves == (
            Leave(LeaveKind.SABBATICAL, date(2026, 2, 2), date(2026, 2, 20)),
        )


def test_a_known_code_the_user_skips_is_skipped_and_said(tmp_path: Path) -> None:
    path = _paul_on_leave(tmp_path, "632")
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        assert plan_files(workspace, [path]).leave_codes == {
            (SUSPENSION, "632"): LeaveKind.PARENTAL_EDUCATION
        }
        plan = import_files(workspace, [path], {(SUSPENSION, "632"): None})
        assert by_name(workspace)["MARTIN"].leaves == ()
    assert [w.split(": ", 1)[1] for w in plan.warnings] == [
        "S21.G00.65.001 632 skipped, as chosen in the table of codes"
    ]


def test_a_known_code_can_be_read_another_way(tmp_path: Path) -> None:
    path = _paul_on_leave(tmp_path, "501")  # built in: unpaid
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        import_files(workspace, [path], {(SUSPENSION, "501"): LeaveKind.SABBATICAL})
        (leave,) = by_name(workspace)["MARTIN"].leaves
    assert leave.kind is LeaveKind.SABBATICAL


def test_command_line_reads_the_table_of_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.entretien"
    with open_workspace(db, company()):
        pass
    path = _paul_on_leave(tmp_path)
    codes = tmp_path / "codes.json"
    codes.write_text(json.dumps({SUSPENSION: {"999": "sabbatical"}}), encoding="utf-8")
    assert main(["import-dsn", "--db", str(db), "--codes", str(codes), str(path)]) == EXIT_OK
    captured = capsys.readouterr()
    assert "1 leave to add" in captured.out
    assert "unknown code" not in captured.err
    with open_workspace(db, company(), create=False) as workspace:
        assert by_name(workspace)["MARTIN"].leaves[0].kind is LeaveKind.SABBATICAL


def test_command_line_refuses_a_bad_table_naming_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.entretien"
    with open_workspace(db, company()):
        pass
    before = file_digest(db)
    codes = tmp_path / "codes.json"
    codes.write_text(
        json.dumps(
            {
                SUSPENSION: {"999": "sabatical", "12x": "sickness"},
                "S21.G00.40.007": {"01": "skip"},
                STOPPAGE: ["01"],
            }
        ),
        encoding="utf-8",
    )
    path = _paul_on_leave(tmp_path)
    assert main(["import-dsn", "--db", str(db), "--codes", str(codes), str(path)]) == (EXIT_REFUSED)
    err = capsys.readouterr().err
    assert 'codes.json: S21.G00.65.001 › 999: "sabatical" is not a kind of leave' in err
    assert "codes.json: S21.G00.65.001 › 12x: a code is two or three digits" in err
    assert "codes.json: S21.G00.40.007: only S21.G00.60.001 and S21.G00.65.001" in err
    assert "codes.json: S21.G00.60.001: expected an object of codes" in err
    assert file_digest(db) == before
    codes.write_text("{not json", encoding="utf-8")
    assert main(["import-dsn", "--db", str(db), "--codes", str(codes), str(path)]) == (EXIT_REFUSED)
    assert "codes.json: not a JSON text" in capsys.readouterr().err
    assert file_digest(db) == before


_CHOICES = st.dictionaries(
    st.tuples(
        st.sampled_from([STOPPAGE, SUSPENSION]),
        st.from_regex(r"^[0-9]{2,3}$", fullmatch=True),
    ),
    st.one_of(st.none(), st.sampled_from(list(LeaveKind))),
)


@given(_CHOICES)
def test_a_table_of_codes_reads_back_as_written(
    choices: dict[tuple[str, str], LeaveKind | None],
) -> None:
    assert choices_from_json(choices_to_json(choices), "codes.json") == choices


def test_a_damaged_table_is_refused_not_half_read() -> None:
    with pytest.raises(CodesRefused) as refused:
        choices_from_json('{"S21.G00.65.001": {"639": "sabbatical", "640": 3}}', "x")
    assert refused.value.problems == [
        "x: S21.G00.65.001 › 640: 3 is not a kind of leave ("
        + ", ".join([*(kind.value for kind in LeaveKind), "skip"])
        + ")"
    ]


def test_the_dialog_lets_the_user_decide_an_unknown_code_and_remembers_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from entretien_desktop.ui.dialogs.dsn_dialog import DsnImportDialog  # noqa: PLC0415

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    path = _paul_on_leave(tmp_path)
    with open_workspace(tmp_path / "c.entretien", company()) as workspace:
        dialog = DsnImportDialog(workspace, settings)
        qtbot.addWidget(dialog)
        dialog.load([path])
        assert dialog.codes.rowCount() == 1
        assert dialog.codes.item(0, 1).text() == "999"
        assert dialog.codes.item(0, 2).text() == "unknown to this version"
        combo = dialog.codes.cellWidget(0, 3)
        assert isinstance(combo, QComboBox)
        assert combo.currentText() == "Skip its records"
        assert "unknown code 999" in dialog.summary.toPlainText()
        combo.setCurrentIndex(combo.findData(LeaveKind.SABBATICAL.value))
        text = dialog.summary.toPlainText()
        assert "unknown code 999" not in text and "Sabbatical leave from" in text
        with qtbot.waitSignal(dialog.imported):
            dialog.import_button.click()
        assert by_name(workspace)["MARTIN"].leaves[0].kind is LeaveKind.SABBATICAL
        # The next import on this computer remembers the choice.
        again = DsnImportDialog(workspace, settings)
        qtbot.addWidget(again)
        again.load([path])
        remembered = again.codes.cellWidget(0, 3)
        assert isinstance(remembered, QComboBox)
        assert remembered.currentData() == LeaveKind.SABBATICAL.value
        assert "Nothing to change" in again.summary.toPlainText()
