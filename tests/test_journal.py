"""The journal of changes (issue 18 part 5): every change through the gate adds an entry
(when, the system's user, what, which employees), linked to the one before; the file refuses
to edit or delete one; `audit` says whether the chain holds, and names the first entry that
was altered outside the program."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_NOT_VERIFIED, EXIT_OK, main
from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.audit_trail import first_broken
from entretien_desktop.paths import system_user
from entretien_desktop.services import signing
from entretien_desktop.ui.dialogs.journal_dialog import JournalDialog
from entretien_desktop.ui.pages.employee_page import EmployeePage
from tests.helpers import TODAY, db_arg, open_workspace, small_company
from tests.qt_helpers import ready_feed

HELD = Interview(
    "G1-9",
    InterviewKind.PROFESSIONAL,
    InterviewStatus.HELD,
    TODAY,
    answers={"job_missions": "Accueil des clients"},
    template="professional@1",
    interviewer="Marc Girard",
)


def _journaled_file(path: Path) -> None:
    """A file whose journal holds: the company made, an edit of G2, its undo, G1's
    interview held and signed."""
    with open_workspace(path, small_company()) as workspace:
        workspace.update_employee("G2", lambda: "changes to G2", job_title="Mechanic")
        workspace.undo()
        workspace.put_interview("G1", HELD)
        signing.sign(workspace, "G1", HELD.id, TODAY)


def test_each_change_is_written_with_who_what_and_which_employee(tmp_path: Path) -> None:
    path = tmp_path / "c.entretien"
    _journaled_file(path)
    with open_workspace(path, small_company(), create=False) as workspace:
        journal = workspace.journal()
        actions = [e.action for e in journal]
        assert actions[0] == "company Garage Lefèvre created"
        assert actions[1] == "changes to G2"
        assert actions[2] == "Undo: changes to G2"
        assert actions[-1] == "interview G1-9 signed"
        assert journal[1].employees == ("G2",)
        assert journal[-1].employees == ("G1",)
        assert {e.user for e in journal} == {system_user()}
        assert [e.seq for e in journal] == list(range(1, len(journal) + 1))
        assert first_broken(journal) is None
        assert [e.action for e in workspace.journal("G2")] == actions[1:3]


def test_a_session_of_typing_in_a_form_is_one_entry(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.entretien", small_company()) as workspace:
        workspace.put_interview("G1", replace(HELD, signed_on=None))
        before = len(workspace.journal())
        for text in ("A", "Ac", "Acc"):
            with workspace.change(lambda: "typing in the form", merge=("form", HELD.id)):
                workspace.update_interview(
                    "G1", HELD.id, lambda i, t=text: replace(i, answers={"job_missions": t})
                )
        assert len(workspace.journal()) == before + 1


@pytest.mark.file_only("raw sqlite3 (test_postgres_storage has the server's)")
def test_the_file_refuses_to_edit_or_delete_an_entry(tmp_path: Path) -> None:
    path = tmp_path / "c.entretien"
    _journaled_file(path)
    connection = sqlite3.connect(path)
    try:
        for statement in (
            "UPDATE audit_trail SET action = 'nothing happened' WHERE seq = 2",
            "DELETE FROM audit_trail WHERE seq = 2",
            "INSERT INTO audit_trail VALUES (99, 'x', 'x', '', 'x', '[]', 'x', 'x')",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="only grows at its end"):
                connection.execute(statement)
    finally:
        connection.close()


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_audit_holds_then_names_the_entry_altered_outside_the_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.entretien"
    _journaled_file(path)
    assert main(["audit", "--db", db_arg(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "entries in the journal of changes; each follows from the one before." in out

    assert main(["audit", "--db", db_arg(path), "--employee", "G2"]) == EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[3] for line in listed[:-1]] == ["changes to G2", "Undo: changes to G2"]

    # Someone who knows SQL lifts the trigger, rewrites entry 3 and puts the trigger back.
    connection = sqlite3.connect(path)
    try:
        sql = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'audit_trail_update_refused'"
        ).fetchone()[0]
        connection.execute("DROP TRIGGER audit_trail_update_refused")
        connection.execute("UPDATE audit_trail SET action = 'nothing happened' WHERE seq = 3")
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()
    assert main(["audit", "--db", db_arg(path)]) == EXIT_NOT_VERIFIED
    assert "The journal of changes is broken at entry 3" in capsys.readouterr().err


@pytest.mark.gui
def test_the_employee_page_and_the_file_menu_show_the_journal(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "c.entretien"
    _journaled_file(path)
    with open_workspace(path, small_company(), create=False) as workspace:
        feed = ready_feed(qtbot, workspace)
        page = EmployeePage(workspace, feed)
        qtbot.addWidget(page)
        page.show_employee("G2")
        qtbot.mouseClick(page.journal_button, Qt.MouseButton.LeftButton)
        dialog = page.journal_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle().startswith("Journal of changes: ")
        whats = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
        assert whats == ["Undo: changes to G2", "changes to G2"]  # newest first
        assert "each entry follows from the one before" in dialog.status_label.text()

        whole = JournalDialog(workspace)
        qtbot.addWidget(whole)
        assert whole.table.rowCount() == len(workspace.journal())
        assert whole.table.item(0, 3).text() == "interview G1-9 signed"
