"""Retention and purge (issue 18 part 6, GDPR by design): who is past retention, and a purge
that leaves nothing of them in the file, while the others, the journal of changes and the
chain of signed records still hold."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    Privacy,
    Progression,
    audit_trail,
)
from entretien_desktop.domain.audit_trail import AuditEntry, cleared, first_broken, next_entry
from entretien_desktop.domain.record_chain import first_broken as chain_broken
from entretien_desktop.services import signing
from entretien_desktop.services.chain import chain_issued
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.retention import past_retention, purge, purge_candidates
from entretien_desktop.storage import engine
from entretien_desktop.ui.dialogs.purge_dialog import PurgeDialog
from entretien_desktop.ui.pages.dashboard_page import DashboardPage
from tests.helpers import TODAY, db_arg, open_workspace, small_company
from tests.qt_helpers import ready_feed

SECRETS = (
    "Zéphyrine",
    "Quillebœuf",
    "12 impasse des Hirondelles-Blanches",
    "Soudure orbitale sous argon",
    "Mutation souhaitée vers Tromsø-Nord",
    "Chef de quai frigorifique",
)
"""What only the employee to purge has, each written once at least in the file."""

INTERVIEW = Interview(
    "X7-1",
    InterviewKind.PROFESSIONAL,
    InterviewStatus.HELD,
    date(2022, 3, 1),
    answers={"job_missions": SECRETS[3], "wishes": SECRETS[4]},
    template="professional@1",
    interviewer="Marc Girard",
)


def _leaver(exit_date: date = date(2023, 6, 30)) -> Employee:
    return Employee(
        ref="X7",
        first_name=SECRETS[0],
        last_name=SECRETS[1],
        hire_date=date(2018, 1, 8),
        contract=Contract.PERMANENT,
        address=SECRETS[2],
        job_title=SECRETS[5],
        exit_date=exit_date,
        leaves=(Leave(LeaveKind.SICKNESS, date(2021, 2, 1), date(2021, 2, 20)),),
        progressions=(Progression(date(2020, 1, 1), "salary", SECRETS[3]),),
    )


def _company(years: int | None = 2) -> Company:
    company = small_company()
    return replace(
        company,
        employees=(*company.employees, _leaver()),
        privacy=Privacy(retention_years=years),
    )


def test_past_retention_is_the_exit_plus_the_years_of_the_privacy_notice() -> None:
    leaver = _leaver(date(2023, 6, 30))
    assert past_retention(leaver, 2, date(2025, 6, 30)) is None  # the last day kept
    assert past_retention(leaver, 2, date(2025, 7, 1)) == date(2025, 6, 30)
    assert past_retention(leaver, 5, date(2026, 11, 22)) is None
    assert past_retention(replace(leaver, exit_date=None), 0, date(2040, 1, 1)) is None
    company = _company(years=2)
    (candidate,) = purge_candidates(company, TODAY)
    assert (candidate.ref, candidate.name) == ("X7", f"{SECRETS[0]} {SECRETS[1]}")
    assert candidate.retention_end == date(2025, 6, 30)
    # The notice's default (5 years) keeps them until 2028.
    assert purge_candidates(_company(years=None), TODAY) == []


def _raw(path: Path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-journal"):
        beside = path.with_name(path.name + suffix)
        if beside.exists():
            data += beside.read_bytes()
    return data


def _encodings(text: str) -> list[bytes]:
    """How the text may sit in the file: UTF-8, or escaped in JSON."""
    escaped = text.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00")
    return [text.encode("utf-8"), escaped]


@pytest.fixture
def no_secure_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections as SQLite builds without SECURE_DELETE make them (Windows, macOS): a
    deleted row stays in its page until overwritten."""
    set_pragmas = engine._set_sqlite_pragmas

    def without(connection: sqlite3.Connection, record: Any) -> None:
        set_pragmas(connection, record)
        connection.execute("PRAGMA secure_delete = OFF")

    monkeypatch.setattr(engine, "_set_sqlite_pragmas", without)


@pytest.mark.file_only("reads the file's bytes")
@pytest.mark.usefixtures("no_secure_delete")
def test_purge_leaves_nothing_of_the_employee_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.entretien"
    with open_workspace(path, _company()) as workspace:
        workspace.put_interview("X7", INTERVIEW)
        signed = signing.sign(workspace, "X7", INTERVIEW.id, date(2022, 3, 2))
        with workspace.recording() as store:
            chain_issued(
                store,
                "ab" * 32,
                kind="interview",
                interview_id=INTERVIEW.id,
                fingerprint=signed.fingerprint,
                sealed_with=None,
            )
        workspace.update_employee(
            "X7", lambda: f"changes to {SECRETS[0]} {SECRETS[1]}", department="Quai"
        )
        workspace.update_employee("G2", lambda: "changes to Noé Garnier", job_title="Mechanic")
        others = [e for e in workspace.require_company().employees if e.ref != "X7"]
        assert any(s.encode() in _raw(path) for s in SECRETS)

        done = purge(workspace, ["X7"])

        assert (done.employees, done.interviews) == (1, 1)
        assert done.journal_entries >= 3  # the interview, its signature, the change
        assert [e.ref for e in workspace.require_company().employees] == ["G1", "G2"]
        assert workspace.history.next_undo is None  # nothing brings them back
        journal = workspace.journal()
        assert first_broken(journal) is None
        assert journal[-1].action == "records of 1 employee past retention deleted for good"
        assert "changes to Noé Garnier" in [e.action for e in journal]
        assert not any("X7" in e.employees for e in journal)
    raw = _raw(path)
    for secret in SECRETS:
        for encoded in _encodings(secret):
            assert encoded not in raw, secret
    with open_workspace(path, small_company(), create=False) as workspace:
        assert list(workspace.require_company().employees) == others
        assert first_broken(workspace.journal()) is None
        with workspace.reading() as store:
            assert chain_broken(store.chain()) is None
            assert store.issued_report("ab" * 32) is None
    assert main(["audit", "--db", db_arg(path)]) == EXIT_OK
    connection = sqlite3.connect(path)
    try:  # the file's protections are back: a signed interview is kept, the journal too
        triggers = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert {"signed_interview_kept", "audit_trail_update_refused"} <= triggers
    finally:
        connection.close()


def test_purge_refuses_an_employee_not_past_retention(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.entretien", _company(years=10)) as workspace:
        with pytest.raises(ChangeRefused, match="not past retention"):
            purge(workspace, ["X7"])
        assert len(workspace.require_company().employees) == 3


@pytest.mark.file_only("reads the file's bytes")
def test_purge_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.entretien"
    with open_workspace(path, _company()):
        pass
    assert main(["purge", "--db", db_arg(path), "--lang", "en"]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{SECRETS[0]} {SECRETS[1]}" in out and "2025-06-30" in out
    assert "--yes" in out
    assert main(["purge", "--db", db_arg(path), "--dry-run", "--yes"]) == EXIT_REFUSED
    capsys.readouterr()
    assert main(["purge", "--db", db_arg(path), "--yes", "--lang", "en"]) == EXIT_OK
    assert "1 employee" in capsys.readouterr().out
    assert SECRETS[1].encode() not in _raw(path)
    assert main(["purge", "--db", db_arg(path), "--lang", "en"]) == EXIT_OK
    assert "Nothing is past retention" in capsys.readouterr().out


@pytest.mark.gui
def test_the_dialog_lists_ticks_and_deletes_after_confirmation(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    with open_workspace(tmp_path / "c.entretien", _company()) as workspace:
        dialog = PurgeDialog(workspace)
        qtbot.addWidget(dialog)
        table = dialog.table
        assert table.rowCount() == 1
        assert table.item(0, 0).text() == f"{SECRETS[0]} {SECRETS[1]}"
        assert table.item(0, 3).text() == "Jun 30, 2025"
        assert "cannot bring them back" in dialog.warning_label.text()
        table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
        assert not dialog.delete_button.isEnabled()
        table.item(0, 0).setCheckState(Qt.CheckState.Checked)
        assert dialog.delete_button.isEnabled()
        with qtbot.waitSignal(dialog.purged) as purged:
            qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert purged.args == [1]
        assert "cannot be undone" in asked[0]
        assert [e.ref for e in workspace.require_company().employees] == ["G1", "G2"]
        again = PurgeDialog(workspace)
        qtbot.addWidget(again)
        assert "Nothing is past retention" in again.status_label.text()
        assert again.delete_button.isHidden() and again.table.isHidden()


@pytest.mark.gui
def test_the_dashboard_flags_exits_past_retention(tmp_path: Path, qtbot: QtBot) -> None:
    with open_workspace(tmp_path / "c.entretien", _company()) as workspace:
        feed = ready_feed(qtbot, workspace)
        page = DashboardPage(workspace, feed)
        qtbot.addWidget(page)
        page.show()
        assert page.retention_label.isVisible()
        assert page.retention_label.text().startswith("1 exit past retention")
        with qtbot.waitSignal(feed.report_ready, timeout=10_000):
            purge(workspace, ["X7"])
        assert not page.retention_label.isVisible()


def test_clearing_the_journal_keeps_other_entries_and_the_chain() -> None:
    entries: list[AuditEntry] = []
    for action, refs in (
        ("company made", ()),
        ("changes to Ana Roy", ("A1",)),
        ("Undo: changes to Ana Roy", ("A1",)),
        ("changes to Bo Lind", ("B2",)),
        ("import of Ana Roy and Bo Lind", ("A1", "B2")),
    ):
        entries.append(
            next_entry(
                entries[-1] if entries else None,
                at="2026-01-01T00:00:00+00:00",
                user="hr",
                name="",
                action=action,
                employees=refs,
            )
        )
    after = cleared(entries, ["A1"], ["Ana Roy"], "(cleared)")
    assert [e.action for e in after] == [
        "company made",
        "(cleared)",
        "(cleared)",
        "changes to Bo Lind",
        "(cleared)",
    ]
    assert after[0] == entries[0]  # before the first cleared: untouched
    assert [e.employees for e in after][3:] == [("B2",), ("B2",)]
    assert first_broken(after) is None
    assert first_broken([*after[:3], *entries[3:]]) == 4  # the old links no longer follow


@pytest.mark.file_only("raw sqlite3 (test_postgres_storage has the server's purge)")
def test_a_purge_that_fails_deletes_nothing_and_keeps_the_protections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.entretien"
    with open_workspace(path, _company()) as workspace:
        workspace.put_interview("X7", INTERVIEW)
        signing.sign(workspace, "X7", INTERVIEW.id, date(2022, 3, 2))

        def broken(*_args: object) -> list[AuditEntry]:
            raise RuntimeError("disk trouble")

        monkeypatch.setattr(audit_trail, "cleared", broken)
        with pytest.raises(RuntimeError):
            purge(workspace, ["X7"])
        assert workspace.employee("X7").interviews[0].signed_on == date(2022, 3, 2)
        assert first_broken(workspace.journal()) is None
    connection = sqlite3.connect(path)
    try:
        (count,) = connection.execute("SELECT count(*) FROM employee WHERE ref = 'X7'").fetchone()
        assert count == 1
        with pytest.raises(sqlite3.DatabaseError, match="signed interview cannot be changed"):
            connection.execute("DELETE FROM interview WHERE public_id = ?", (INTERVIEW.id,))
        with pytest.raises(sqlite3.DatabaseError, match="journal of changes only grows"):
            connection.execute("UPDATE audit_trail SET action = 'x'")
    finally:
        connection.close()


def test_those_a_purged_employee_managed_keep_no_manager(tmp_path: Path) -> None:
    company = _company()
    g1, g2, leaver = company.employees
    company = replace(company, employees=(replace(g1, manager_ref="X7"), g2, leaver))
    path = tmp_path / "c.entretien"
    with open_workspace(path, company) as workspace:
        purge(workspace, ["X7"])
        assert workspace.employee("G1").manager_ref is None
    with open_workspace(path, company, create=False) as workspace:
        assert workspace.employee("G1").manager_ref is None
