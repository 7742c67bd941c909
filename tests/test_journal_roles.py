"""The journal of changes read by role on a server (issue 20, docs/server.md "Users and
roles"): a site manager reads the entries about their sites' employees and the company's
settings, never another site's, even in raw SQL; HR and the accountant read and verify it
whole; a site manager's saves and signatures still follow the true last entry of the
journal and of the chain of signed records, and their own check says that only a reader
of every entry can verify it instead of calling it broken."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, record_chain
from entretien_desktop.domain.audit_trail import first_broken
from entretien_desktop.services import signing
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.journal_check import check_journal
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_server
from entretien_desktop.ui.dialogs.journal_dialog import JournalDialog
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.test_server_roles import TODAY, _as, _rows, company_url  # noqa: F401

pytestmark = pytest.mark.postgres

EVERYONE = build_demo_company(TODAY)
LYON = sorted(e.ref for e in EVERYONE.employees if e.site == "Lyon")
VILLEURBANNE = sorted(e.ref for e in EVERYONE.employees if e.site == "Villeurbanne")
COMPANY_WIDE = "the company's data and settings"


def _workspace(url: str, login: str) -> Iterator[Workspace]:
    with open_server(_as(url, login)) as database:
        yield Workspace(database, today=lambda: TODAY)


def _edit(url: str, login: str, ref: str, department: str) -> None:
    for workspace in _workspace(url, login):
        workspace.update_employee(ref, lambda: f"changes to {ref}", department=department)


@pytest.fixture
def journaled_url(company_url: str) -> str:  # noqa: F811
    """The demo company whose journal holds, written by HR: an entry about a Lyon
    employee, one about the company's settings, then one about a Villeurbanne employee
    (last: a Lyon manager does not read the journal's last entry)."""
    _edit(company_url, "rh_claire", LYON[0], "Atelier 2")
    for workspace in _workspace(company_url, "rh_claire"):
        company = workspace.require_company()
        workspace.update_company(replace(company, signatory_title="Gérante"))
    _edit(company_url, "rh_claire", VILLEURBANNE[0], "Entrepôt")
    return company_url


def _audit(url: str, login: str, *more: str) -> int:
    return main(["audit", "--db", _as(url, login), *more])


def test_a_site_manager_reads_no_entry_about_another_site_even_in_raw_sql(
    journaled_url: str,
) -> None:
    sql = "SELECT action, employees::text FROM audit_trail ORDER BY seq"
    everything = _rows(journaled_url, "rh_claire", sql)
    assert [action for action, _ in everything] == [
        f"changes to {LYON[0]}",
        COMPANY_WIDE,
        f"changes to {VILLEURBANNE[0]}",
    ]
    assert _rows(journaled_url, "lyon_marc", sql) == everything[:2]
    assert _rows(journaled_url, "villeurbanne_paul", sql) == everything[1:]
    # Asked by number, another site's entry is not there either.
    hidden = f"SELECT count(*) FROM audit_trail WHERE employees::text LIKE '%{VILLEURBANNE[0]}%'"
    assert _rows(journaled_url, "lyon_marc", hidden) == [(0,)]
    # The accountant reads it whole: the register's history, never an interview's answers.
    assert _rows(journaled_url, "compta_anne", sql) == everything
    # Every user finds the true last entry: its number and link, nothing of its words.
    head = "SELECT seq FROM entretien_journal_head()"
    assert _rows(journaled_url, "lyon_marc", head) == [(3,)]


def test_a_site_managers_audit_and_journal_list_their_sites_and_say_who_can_verify(
    journaled_url: str, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    assert _audit(journaled_url, "lyon_marc", "--list") == EXIT_FAILURE
    out, err = capsys.readouterr()
    listed = [line.split("\t") for line in out.splitlines()]
    assert [row[3] for row in listed] == [f"changes to {LYON[0]}", COMPANY_WIDE]
    assert VILLEURBANNE[0] not in out
    assert "You read 2 of the 3 entries" in err
    assert "human resources" in err and "broken" not in err
    # HR and the accountant verify the whole chain.
    for login in ("rh_claire", "compta_anne"):
        assert _audit(journaled_url, login) == EXIT_OK
        out, err = capsys.readouterr()
        assert "3 entries in the journal of changes; each follows" in out and err == ""
    # The window's journal, as the Lyon manager: their entries, the same words.
    for workspace in _workspace(journaled_url, "lyon_marc"):
        dialog = JournalDialog(workspace)
        qtbot.addWidget(dialog)
        whats = [dialog.table.item(row, 3).text() for row in range(dialog.table.rowCount())]
        assert whats == [COMPANY_WIDE, f"changes to {LYON[0]}"]  # newest first
        status = dialog.status_label.text()
        assert "You read 2 of the 3 entries" in status and "broken" not in status


def test_a_site_managers_save_and_signature_follow_the_whole_chains(
    journaled_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The Lyon manager saves: their entry follows the one they cannot read.
    _edit(journaled_url, "lyon_marc", LYON[1], "Atelier 3")
    for workspace in _workspace(journaled_url, "rh_claire"):
        check = check_journal(workspace)
        assert not check.partial and check.broken is None and check.total == 4
        assert check.entries[-1].action == f"changes to {LYON[1]}"
        assert check.entries[-1].previous == check.entries[-2].link
        held = Interview(
            f"{LYON[1]}-90",
            InterviewKind.PROFESSIONAL,
            InterviewStatus.HELD,
            TODAY,
            answers={"job_missions": "Montage"},
            template="professional@1",
            interviewer="Marc Girard",
        )
        workspace.put_interview(LYON[1], held)
        with workspace.reading() as store:
            chain_before = len(store.chain())
    assert _audit(journaled_url, "rh_claire") == EXIT_OK
    # The Lyon manager signs it: the signature joins the chain of signed records and the
    # journal at their true ends.
    for workspace in _workspace(journaled_url, "lyon_marc"):
        signing.sign(workspace, LYON[1], held.id, TODAY)
    for workspace in _workspace(journaled_url, "rh_claire"):
        with workspace.reading() as store:
            chain = store.chain()
        assert len(chain) == chain_before + 1 and record_chain.first_broken(chain) is None
        assert (chain[-1].kind, chain[-1].subject) == (record_chain.SIGNATURE, held.id)
        journal = workspace.journal()
        assert first_broken(journal) is None
        assert journal[-1].action == f"interview {held.id} signed"
    capsys.readouterr()
    assert _audit(journaled_url, "rh_claire") == EXIT_OK
    assert "6 entries" in capsys.readouterr().out


def test_a_site_managers_copy_to_a_file_is_refused_plainly(
    journaled_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy by a user who reads part of the company would be incomplete, its journal
    with gaps (the file refuses them): refused, nothing written; HR's copy is whole."""
    target = tmp_path / "lyon.entretien"
    source = _as(journaled_url, "villeurbanne_paul")  # reads entries 2 and 3, not 1
    assert main(["copy", "--from", source, "--to", str(target)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "Your role (site manager) reads only part of the company" in err
    assert "Nothing was written" in err and not target.exists()
    whole = tmp_path / "whole.entretien"
    copied = ["copy", "--from", _as(journaled_url, "rh_claire"), "--to", str(whole)]
    assert main(copied) == EXIT_OK
    assert main(["audit", "--db", str(whole)]) == EXIT_OK
    assert "3 entries in the journal of changes" in capsys.readouterr().out
