"""A write the server breaks off because two users' transactions crossed (a serialization
failure, a deadlock) is run again, and the user's change is saved once (issue 20;
services/retry.py). Provoked on the throwaway server with a second connection: another
user's transaction touching the same rows at the wrong moment."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from entretien_desktop.services import retry, signing
from entretien_desktop.services.errors import ServerConflictError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_server
from entretien_desktop.storage.versions import read_versions
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from tests.helpers import TODAY, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import WAIT_MS

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def company_url(postgres_url: str) -> Iterator[str]:  # noqa: F811
    with open_server(postgres_url) as database:
        Workspace(database, today=lambda: TODAY).create_company(small_company())
    yield postgres_url


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pauses between attempts, recorded instead of waited."""
    taken: list[int] = []
    monkeypatch.setattr(retry, "pause", taken.append)
    return taken


def _is_bump(table: str, statement: str) -> bool:
    """Whether ``statement`` moves the version of a row of ``table`` on (storage/versions.py's
    ``bump``, as SQL text or as a Core statement)."""
    plain = statement.replace('"', "")
    return plain.startswith(f"UPDATE {table} SET version") and "version + " in plain


def _before_each(database: Database, table: str, act: Callable[[], None]) -> list[str]:
    """Run ``act`` just before each bump of a version of ``table`` in ``database``; the
    statements seen."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _is_bump(table, statement):
            seen.append(statement)
            act()

    event.listen(database.engine, "before_cursor_execute", before)
    return seen


def _versions(database: Database) -> dict[Any, int]:
    with database.unit_of_work() as uow:
        return read_versions(uow.session)


def test_a_serialization_failure_is_run_again_and_the_answer_saved_once(
    company_url: str, pauses: list[int]
) -> None:
    plain = _plain(company_url)
    with psycopg.connect(plain, autocommit=True) as admin:  # the administrator's choice
        name = admin.execute("SELECT current_database()").fetchone()[0]
        admin.execute(
            f'ALTER DATABASE "{name}" SET default_transaction_isolation = "repeatable read"'
        )
    with open_server(company_url) as database, psycopg.connect(plain, autocommit=True) as other:
        space = Workspace(database, today=lambda: TODAY)
        journal_before = len(space.journal())

        def crossing() -> None:  # once: another user's transaction touches the same row
            if len(seen) == 1:
                other.execute(
                    "UPDATE interview SET changed_at = changed_at WHERE public_id = 'G1-1'"
                )

        seen = _before_each(database, "interview", crossing)
        before = _versions(database)[("interview", "G1-1")]
        saved = space.update_interview(
            "G1",
            "G1-1",
            lambda i: replace(i, place="Salle 2"),
            merge=("form", "G1-1"),
        )
        assert len(seen) == 2  # refused once (40001), then run again
        assert pauses == [1]
        assert saved.place == "Salle 2"
        assert space.interview("G1", "G1-1").place == "Salle 2"
        stored = database.read_company()
        assert stored is not None
        assert stored.employees[0].interviews[0].place == "Salle 2"
        assert _versions(database)[("interview", "G1-1")] == before + 1  # written once
        journal = space.journal()
        assert len(journal) == journal_before + 1  # one entry, though tried twice
        assert "Lefèvre" in journal[-1].action
        assert space.history.next_undo is not None


def test_a_signature_crossing_another_users_write_is_signed_once(
    company_url: str, pauses: list[int]
) -> None:
    """A service's change (signing: the interview, the identity kept, the chain of signed
    records, the journal) is run again whole, and leaves one of each."""
    plain = _plain(company_url)
    with psycopg.connect(plain, autocommit=True) as admin:
        name = admin.execute("SELECT current_database()").fetchone()[0]
        admin.execute(
            f'ALTER DATABASE "{name}" SET default_transaction_isolation = "repeatable read"'
        )
    with open_server(company_url) as database, psycopg.connect(plain, autocommit=True) as other:
        space = Workspace(database, today=lambda: TODAY)
        journal_before = len(space.journal())

        def crossing() -> None:
            if len(seen) == 1:
                other.execute(
                    "UPDATE interview SET changed_at = changed_at WHERE public_id = 'G1-1'"
                )

        seen = _before_each(database, "interview", crossing)
        signed = signing.sign(space, "G1", "G1-1", TODAY)
        assert len(seen) == 2
        assert pauses == [1]
        assert signed.signed_on == TODAY and signed.fingerprint
        stored = database.read_company()
        assert stored is not None and stored.employees[0].interviews[0].signed_on == TODAY
        links = other.execute("SELECT count(*) FROM record_chain WHERE subject = 'G1-1'").fetchone()
        assert links == (1,)
        journal = space.journal()
        assert [e.action for e in journal[journal_before:]] == ["interview G1-1 signed"]


def test_every_attempt_refused_says_so_and_changes_nothing(
    company_url: str, pauses: list[int]
) -> None:
    plain = _plain(company_url)
    with psycopg.connect(plain, autocommit=True) as admin:
        name = admin.execute("SELECT current_database()").fetchone()[0]
        admin.execute(
            f'ALTER DATABASE "{name}" SET default_transaction_isolation = "repeatable read"'
        )
    with open_server(company_url) as database, psycopg.connect(plain, autocommit=True) as other:
        space = Workspace(database, today=lambda: TODAY)
        shown = space.company

        def crossing() -> None:  # every time
            other.execute("UPDATE interview SET changed_at = changed_at WHERE public_id = 'G1-1'")

        seen = _before_each(database, "interview", crossing)
        with pytest.raises(ServerConflictError) as refused:
            space.update_interview("G1", "G1-1", lambda i: replace(i, place="Salle 2"))
        assert len(seen) == retry.ATTEMPTS == 3
        assert pauses == [1, 2]
        assert str(refused.value) == (
            "Another user was changing the same records at the same moment: nothing of "
            "this change was saved. Try again."
        )
        assert space.company is shown
        assert space.history.next_undo is None
        stored = database.read_company()
    assert stored is not None and stored.employees[0].interviews[0].place == ""


def test_a_deadlock_with_another_user_is_run_again_and_saved_once(
    company_url: str, pauses: list[int]
) -> None:
    """Another user's transaction holds the interview, then waits for the employee's row
    this save holds; the save then waits for the interview: a deadlock. The server ends
    the save's transaction (its deadlock_timeout is the shorter), the other user's
    commits, and the save, run again, goes through."""
    plain = _plain(company_url)
    with psycopg.connect(plain, autocommit=True) as admin:
        name = admin.execute("SELECT current_database()").fetchone()[0]
        admin.execute(f'ALTER DATABASE "{name}" SET deadlock_timeout = "50ms"')
    holds_interview = threading.Event()
    save_holds_employee = threading.Event()
    failures: list[BaseException] = []

    def other_user() -> None:
        try:
            with psycopg.connect(plain) as other:
                other.execute("SET deadlock_timeout = '20s'")
                other.execute(
                    "UPDATE interview SET changed_at = changed_at WHERE public_id = 'G1-1'"
                )
                holds_interview.set()
                save_holds_employee.wait(10)
                other.execute("UPDATE employee SET changed_at = changed_at WHERE ref = 'G1'")
                other.commit()
        except BaseException as error:
            failures.append(error)

    with open_server(company_url) as database, psycopg.connect(plain, autocommit=True) as watcher:
        space = Workspace(database, today=lambda: TODAY)
        before = _versions(database)[("employee", "G1")]
        thread = threading.Thread(target=other_user)
        bumps: list[str] = []

        def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if not _is_bump("employee", statement):
                return
            bumps.append(statement)
            if len(bumps) > 1:
                return
            thread.start()  # the save holds the employee's row now
            assert holds_interview.wait(10)
            save_holds_employee.set()
            waiting = threading.Event()
            for _ in range(1000):  # until the other user waits for that row
                if watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND query LIKE 'UPDATE employee%'"
                ).fetchone():
                    break
                waiting.wait(0.01)
            else:
                pytest.fail("the other user never waited for the employee's row")

        event.listen(database.engine, "after_cursor_execute", after)
        employee = space.employee("G1")
        space.save_employee(replace(employee, job_title="Cheffe d'atelier"), replacing="G1")
        thread.join(10)
        assert not failures
        assert len(bumps) == 2  # the deadlock's victim, then the save that went through
        assert pauses == [1]
        assert space.employee("G1").job_title == "Cheffe d'atelier"
        stored = database.read_company()
        assert stored is not None and stored.employees[0].job_title == "Cheffe d'atelier"
        assert _versions(database)[("employee", "G1")] == before + 1


def test_a_change_inside_another_is_not_run_again_alone(company_url: str) -> None:
    with open_server(company_url) as database:
        space = Workspace(database, today=lambda: TODAY)
        calls: list[int] = []

        def refused() -> None:
            calls.append(1)
            raise ServerConflictError(space.path)

        with pytest.raises(ServerConflictError), space.change(lambda: "outer"):
            retry.retrying(space, refused, wait=lambda _attempt: None)
        assert calls == [1]  # the outer change is what would be run again
        calls.clear()
        with pytest.raises(ServerConflictError):
            retry.retrying(space, refused, wait=lambda _attempt: None)
        assert calls == [1, 1, 1]


@pytest.mark.gui
def test_the_form_says_saved_when_its_autosave_was_run_again(
    qtbot: QtBot, company_url: str, pauses: list[int]
) -> None:
    """What the user sees of a retried write: nothing but "Saved"."""
    plain = _plain(company_url)
    with psycopg.connect(plain, autocommit=True) as admin:
        name = admin.execute("SELECT current_database()").fetchone()[0]
        admin.execute(
            f'ALTER DATABASE "{name}" SET default_transaction_isolation = "repeatable read"'
        )
    with open_server(company_url) as database, psycopg.connect(plain, autocommit=True) as other:
        space = Workspace(database, today=lambda: TODAY)

        def crossing() -> None:
            if len(seen) == 1:
                other.execute(
                    "UPDATE interview SET changed_at = changed_at WHERE public_id = 'G1-1'"
                )

        seen = _before_each(database, "interview", crossing)
        form = InterviewWizard(space, "G1", "G1-1")
        qtbot.addWidget(form)
        form.show()
        with qtbot.waitSignal(form.saved, timeout=WAIT_MS):
            form.editors["job_missions"].set_value("Accueil des clients")
            form.editors["job_missions"].changed.emit()
        assert len(seen) == 2 and pauses == [1]
        assert form.status.text() == "Saved"
        assert form.stale_bar.isHidden() and form.problem.isHidden()
        form.close()
        stored = database.read_company()
    assert stored is not None
    answers = stored.employees[0].interviews[0].answers or {}
    assert answers["job_missions"] == "Accueil des clients"
