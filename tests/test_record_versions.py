"""Optimistic concurrency (storage/versions.py, issue 20 part 3): a write made on a copy
another user changed since it was read is refused with who and when, nothing written; a
reload reads the newest and the same edit then goes through. On a file (one user, its
lock) nothing ever conflicts."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from entretien_desktop.domain import Interview
from entretien_desktop.services import claims
from entretien_desktop.services.errors import StaleRecordError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_server
from tests.helpers import TODAY, open_workspace, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

CLAIRE = "Claire Martin"
PAUL = "Paul Roux"


def _stored(database: Database, sql: str) -> list[tuple[Any, ...]]:
    with database.unit_of_work() as uow:
        return [tuple(row) for row in uow.session.execute(text(sql))]


def _answers(text_: str) -> Any:
    def step(stored: Interview) -> Interview:
        return replace(stored, answers={"job_missions": text_})

    return step


# -- on a file: the mechanism, and nothing changes for its one user ------------------------


def test_a_file_keeps_versions_and_never_refuses_its_one_user(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        workspace.user_name = CLAIRE
        for title in ("Mécanicienne", "Cheffe d'atelier", "Gérante"):
            workspace.update_employee("G1", lambda: "title", job_title=title)
        workspace.update_interview("G1", "G1-1", _answers("Accueil"))
        workspace.update_interview("G1", "G1-1", _answers("Accueil, diagnostic"))
        workspace.undo()
        workspace.undo()
        workspace.redo()
        assert workspace.interview("G1", "G1-1").answers == {"job_missions": "Accueil"}
        workspace.undo()
        workspace.undo()
        assert workspace.employee("G1").job_title == "Cheffe d'atelier"
        workspace.redo()
        assert workspace.employee("G1").job_title == "Gérante"
        rows = _stored(
            workspace.database, "SELECT version, changed_by FROM employee WHERE ref = 'G1'"
        )
        assert rows[0][0] > 1
        assert rows[0][1] == CLAIRE


def test_a_stale_copy_is_refused_with_who_and_when_on_a_file(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        workspace.employee("G1")  # read
        at = datetime.now(UTC).replace(microsecond=0)
        with workspace.database.unit_of_work() as uow:  # another writer, as on a server
            uow.session.execute(
                text(
                    "UPDATE employee SET version = version + 1, changed_by = :by, "
                    "changed_at = :at, site = 'Nantes' WHERE ref = 'G1'"
                ),
                {"by": CLAIRE, "at": at.isoformat()},
            )
            uow.commit()
        with pytest.raises(StaleRecordError) as refused:
            workspace.update_employee("G1", lambda: "title", job_title="Gérante")
        assert refused.value.who == CLAIRE
        local = at.astimezone().strftime("%H:%M")
        assert str(refused.value) == f"Éloïse Lefèvre: changed by {CLAIRE} at {local} — reload?"
        assert _stored(
            workspace.database, "SELECT job_title, site FROM employee WHERE ref='G1'"
        ) == [("", "Nantes")]
        assert workspace.employee("G1").job_title == ""  # the copy in memory as it was
        workspace.reload()
        workspace.update_employee("G1", lambda: "title", job_title="Gérante")
        assert _stored(
            workspace.database, "SELECT job_title, site FROM employee WHERE ref='G1'"
        ) == [("Gérante", "Nantes")]


def test_a_file_made_before_0012_starts_every_record_at_version_1(tmp_path: Path) -> None:
    from alembic import command  # noqa: PLC0415

    from entretien_desktop.storage import open_database  # noqa: PLC0415
    from entretien_desktop.storage.migrate import (  # noqa: PLC0415
        HEAD_REVISION,
        alembic_config,
        read_revision,
    )

    path = tmp_path / "old.sqlite"
    with open_database(path) as database:
        Workspace(database, today=lambda: TODAY).create_company(small_company())
        config = alembic_config()
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0011")
    assert read_revision(path) == "0011"
    with open_workspace(path, small_company(), create=False) as workspace:
        assert read_revision(path) == HEAD_REVISION
        assert _stored(workspace.database, "SELECT DISTINCT version, changed_by FROM employee") == [
            (1, None)
        ]
        workspace.update_employee("G1", lambda: "title", job_title="Gérante")
        assert _stored(workspace.database, "SELECT version FROM employee WHERE ref='G1'") == [(2,)]


# -- on a server: two users ----------------------------------------------------------------


@pytest.fixture
def two_users(postgres_url: str) -> Iterator[tuple[Workspace, Workspace]]:  # noqa: F811
    first, second = open_server(postgres_url), open_server(postgres_url)
    try:
        claire = Workspace(first, today=lambda: TODAY)
        claire.user_name = CLAIRE
        claire.create_company(small_company())
        paul = Workspace(second, today=lambda: TODAY)
        paul.user_name = PAUL
        paul.require_company()
        yield claire, paul
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_two_users_on_the_same_employee_the_second_is_refused(
    two_users: tuple[Workspace, Workspace],
) -> None:
    claire, paul = two_users
    claire.update_employee("G1", lambda: "title", job_title="Gérante")
    with pytest.raises(StaleRecordError) as refused:
        paul.update_employee("G1", lambda: "site", site="Nantes")
    assert refused.value.who == CLAIRE
    assert "Éloïse Lefèvre: changed by Claire Martin at " in str(refused.value)
    assert paul.employee("G1").site == ""  # Paul's screen still shows his copy
    assert _stored(paul.database, "SELECT job_title, site FROM employee WHERE ref='G1'") == [
        ("Gérante", "")
    ]
    paul.reload()
    paul.update_employee("G1", lambda: "site", site="Nantes")
    assert _stored(claire.database, "SELECT job_title, site FROM employee WHERE ref='G1'") == [
        ("Gérante", "Nantes")
    ]
    # and now Claire's copy is the stale one
    with pytest.raises(StaleRecordError, match="Paul Roux"):
        claire.update_employee("G1", lambda: "title", job_title="Cheffe")


@pytest.mark.postgres
def test_two_reads_at_once_each_keep_the_versions_they_came_with(
    postgres_url: str,  # noqa: F811
) -> None:
    """The window reads the company on workers (the feed's read, another user's change
    arriving): two reads overlapping, the company shown still comes with its own
    versions, so another user's save made since is refused, not overwritten."""
    first, second = open_server(postgres_url), open_server(postgres_url)
    try:
        claire = Workspace(first, today=lambda: TODAY)
        claire.user_name = CLAIRE
        claire.create_company(small_company())
        paul = Workspace(second, today=lambda: TODAY)
        paul.user_name = PAUL
        shown = paul.read_company()
        paul.read_company()  # a second read meanwhile, not the one shown
        paul.adopt(shown)
        claire.update_employee("G1", lambda: "title", job_title="Gérante")
        with pytest.raises(StaleRecordError, match="Claire Martin"):
            paul.update_employee("G1", lambda: "site", site="Nantes")
        assert _stored(second, "SELECT job_title, site FROM employee WHERE ref='G1'") == [
            ("Gérante", "")
        ]
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_two_users_typing_in_the_same_interview_never_overwrite(
    two_users: tuple[Workspace, Workspace],
) -> None:
    claire, paul = two_users
    claire.update_interview("G1", "G1-1", _answers("Accueil des clients"))
    with pytest.raises(StaleRecordError, match="The interview of Éloïse Lefèvre: changed by"):
        paul.update_interview("G1", "G1-1", _answers("Diagnostic"))
    # an edit of the employee on a copy older than Claire's typing would rewrite it: refused
    with pytest.raises(StaleRecordError, match="Claire Martin"):
        paul.update_employee("G1", lambda: "site", site="Nantes")
    assert _stored(paul.database, "SELECT answers::text FROM interview WHERE public_id='G1-1'") == [
        ('{"job_missions": "Accueil des clients"}',)
    ]
    paul.reload()
    paul.update_employee("G1", lambda: "site", site="Nantes")
    assert paul.interview("G1", "G1-1").answers == {"job_missions": "Accueil des clients"}
    # Claire's next autosave still goes through: Paul's edit left her interview as it was
    claire.update_interview("G1", "G1-1", _answers("Accueil des clients, diagnostic"))


@pytest.mark.postgres
def test_a_company_taken_after_another_users_change_is_written_without_a_refusal(
    two_users: tuple[Workspace, Workspace],
) -> None:
    """The window reads the company again when another user's change arrives
    (services/live.py): the versions read with it come too, so the user's next edit of
    what they now see goes through."""
    claire, paul = two_users
    claire.update_employee("G1", lambda: "title", job_title="Gérante")
    assert paul.take_company(paul.read_company(), paul.commits)
    assert paul.employee("G1").job_title == "Gérante"
    paul.update_employee("G1", lambda: "site", site="Nantes")
    assert _stored(claire.database, "SELECT job_title, site FROM employee WHERE ref='G1'") == [
        ("Gérante", "Nantes")
    ]


@pytest.mark.postgres
def test_the_company_data_changed_by_another_user_is_refused(
    two_users: tuple[Workspace, Workspace],
) -> None:
    claire, paul = two_users
    claire.update_company(replace(claire.require_company(), headcount=14))
    with pytest.raises(StaleRecordError, match="The company's data: changed by Claire Martin"):
        paul.update_company(replace(paul.require_company(), headcount=20))
    assert _stored(paul.database, "SELECT headcount FROM company") == [(14,)]


@pytest.mark.postgres
def test_a_second_user_finds_the_interview_claimed_until_it_is_released_or_stale(
    two_users: tuple[Workspace, Workspace],
) -> None:
    claire, paul = two_users
    now = datetime.now(UTC)
    assert claims.claim_interview(claire, "G1-1", now=now) is None
    held = claims.claim_interview(paul, "G1-1", now=now + timedelta(seconds=30))
    assert held is not None
    assert held.name == CLAIRE
    assert claims.claim_interview(claire, "G1-1", now=now) is None  # hers still
    claims.release_interview(claire, "G1-1")
    assert claims.claim_interview(paul, "G1-1", now=now) is None
    # Paul leaves without closing: after two minutes without a save, Claire takes it over
    assert claims.claim_interview(claire, "G1-1", now=now + timedelta(seconds=60)) is not None
    assert claims.claim_interview(claire, "G1-1", now=now + timedelta(minutes=3)) is None


# -- two processes, each with its own connection --------------------------------------------


def _edit_in_process(url: str, user: str, field: str, value: str, barrier: Any, out: Any) -> None:
    """One user in a process of their own: read the company, wait for the other, save."""
    database = open_server(url)
    try:
        workspace = Workspace(database, today=lambda: TODAY)
        workspace.user_name = user
        workspace.require_company()
        barrier.wait(timeout=60)
        try:
            if field == "answers":
                workspace.update_interview("G1", "G1-1", _answers(value))
            else:
                workspace.update_employee("G1", lambda: field, **{field: value})
        except StaleRecordError as refused:
            out.put((user, "refused", refused.who, str(refused)))
            workspace.reload()  # what a user does on « recharger ? », then saves again
            if field == "answers":
                workspace.update_interview("G1", "G1-1", _answers_after(value))
            else:
                workspace.update_employee("G1", lambda: field, **{field: value})
            out.put((user, "saved after reload", None, ""))
            return
        out.put((user, "saved", None, ""))
    except Exception as error:  # told to the test at once, not after its timeout
        out.put((user, "crashed", None, repr(error)))
        raise
    finally:
        database.close()


def _answers_after(value: str) -> Any:
    """The answer typed again after a reload, after what the other user saved."""

    def step(stored: Interview) -> Interview:
        before = (stored.answers or {}).get("job_missions")
        return replace(
            stored, answers={"job_missions": value if before is None else f"{before} + {value}"}
        )

    return step


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("field", "values"),
    [("job_title", ("Gérante", "Cheffe d'atelier")), ("answers", ("Accueil", "Diagnostic"))],
)
def test_two_processes_edit_the_same_record_one_is_refused_nothing_lost(
    postgres_url: str,  # noqa: F811
    field: str,
    values: tuple[str, str],
) -> None:
    database = open_server(postgres_url)
    try:
        Workspace(database, today=lambda: TODAY).create_company(small_company())
    finally:
        database.close()
    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(2), context.Queue()
    users = [(CLAIRE, values[0]), (PAUL, values[1])]
    processes = [
        context.Process(
            target=_edit_in_process, args=(postgres_url, user, field, value, barrier, out)
        )
        for user, value in users
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=120) for _ in range(3)]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    outcomes = sorted(outcome for _user, outcome, _who, _message in results)
    assert outcomes == ["refused", "saved", "saved after reload"]
    (winner,) = [user for user, outcome, _who, _m in results if outcome == "saved"]
    (refusal,) = [r for r in results if r[1] == "refused"]
    assert refusal[0] != winner
    assert refusal[2] == winner  # the refusal names the one who saved first
    assert f"changed by {winner} at " in refusal[3]
    database = open_server(postgres_url)
    try:
        if field == "answers":
            (answer,) = _stored(
                database, "SELECT answers->>'job_missions' FROM interview WHERE public_id='G1-1'"
            )
            first, second = (
                (v for u, v in users if u == winner),
                (v for u, v in users if u != winner),
            )
            assert answer == (f"{next(first)} + {next(second)}",)  # both kept
        else:
            (title,) = _stored(database, "SELECT job_title FROM employee WHERE ref='G1'")
            loser_value = next(v for u, v in users if u != winner)
            assert title == (loser_value,)  # the second saved knowingly, after a reload
        journal = _stored(database, "SELECT name FROM audit_trail ORDER BY seq")
        assert [name for (name,) in journal][-2:] == [winner, refusal[0]]
    finally:
        database.close()


@pytest.mark.postgres
def test_an_autosave_and_an_edit_of_the_employee_at_once_lose_nothing(
    postgres_url: str,  # noqa: F811
) -> None:
    """The employee's write rewrites their interviews: one typed in at the same moment by
    another process is either refused (then typed again after a reload) or kept."""
    database = open_server(postgres_url)
    try:
        Workspace(database, today=lambda: TODAY).create_company(small_company())
    finally:
        database.close()
    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(2), context.Queue()
    edits = [(CLAIRE, "answers", "Accueil"), (PAUL, "job_title", "Gérante")]
    processes = [
        context.Process(target=_edit_in_process, args=(postgres_url, *edit, barrier, out))
        for edit in edits
    ]
    for process in processes:
        process.start()
    finished: set[str] = set()
    while len(finished) < 2:
        user, outcome, _who, _message = out.get(timeout=120)
        assert outcome != "crashed", _message
        if outcome != "refused":
            finished.add(user)
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    database = open_server(postgres_url)
    try:
        (answer,) = _stored(
            database, "SELECT answers->>'job_missions' FROM interview WHERE public_id='G1-1'"
        )
        assert answer[0] is not None
        assert answer[0].startswith("Accueil")
        assert _stored(database, "SELECT job_title FROM employee WHERE ref='G1'") == [("Gérante",)]
    finally:
        database.close()
