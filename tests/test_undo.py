"""Undo and redo of the changes made through the workspace: each puts the file back as it
was, is refused when the file has changed since (nothing typed meanwhile is lost), and
signing is never undone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from entretien_desktop.domain import (
    Campaign,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.undo import Edit, Step, UndoHistory
from entretien_desktop.services.workspace import Workspace
from tests.helpers import open_data, small_company

TODAY = date(2026, 11, 22)
NEWCOMER = Employee(
    ref="G9",
    first_name="Maël",
    last_name="Roux",
    hire_date=date(2026, 9, 1),
    contract=Contract.PERMANENT,
)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_data(tmp_path / "c.sqlite")
    space = Workspace(database, today=lambda: TODAY)
    space.create_company(small_company())
    yield space
    database.close()


def in_file(space: Workspace) -> Company:
    """The company as the file holds it (not the copy in memory)."""
    company = space.read_company()
    assert company is not None
    return company


def test_nothing_to_undo_in_a_new_file(workspace: Workspace) -> None:
    assert workspace.history.next_undo is None
    assert workspace.history.next_redo is None


def test_an_edit_of_an_employee_is_undone_and_redone(workspace: Workspace) -> None:
    before = workspace.employee("G1")
    edited = replace(before, job_title="Cheffe d'atelier")
    workspace.save_employee(edited, replacing="G1")
    assert workspace.undo() == "changes to Éloïse Lefèvre"
    assert workspace.employee("G1") == before
    assert next(e for e in in_file(workspace).employees if e.ref == "G1") == before
    assert workspace.redo() == "changes to Éloïse Lefèvre"
    assert workspace.employee("G1").job_title == "Cheffe d'atelier"
    assert next(e for e in in_file(workspace).employees if e.ref == "G1").job_title == (
        "Cheffe d'atelier"
    )


def test_a_renumbering_is_undone_with_the_team_pointing_back(workspace: Workspace) -> None:
    workspace.save_employee(replace(workspace.employee("G1"), ref="A1"), replacing="G1")
    assert workspace.employee("G2").manager_ref == "A1"
    workspace.undo()
    assert workspace.employee("G2").manager_ref == "G1"
    assert {e.ref for e in in_file(workspace).employees} == {"G1", "G2"}


def test_adding_an_employee_is_undone_by_removing_them(workspace: Workspace) -> None:
    announced: list[int] = []
    workspace.add_listener(lambda: announced.append(workspace.version))
    workspace.save_employee(NEWCOMER)
    assert workspace.undo() == "adding Maël Roux"
    assert [e.ref for e in workspace.require_company().employees] == ["G1", "G2"]
    assert [e.ref for e in in_file(workspace).employees] == ["G1", "G2"]
    assert len(announced) == 2  # the screens hear of the undo too
    workspace.redo()
    assert "G9" in {e.ref for e in in_file(workspace).employees}


def test_an_exit_is_undone(workspace: Workspace) -> None:
    workspace.record_exit("G2", date(2026, 10, 31))
    workspace.undo()
    assert workspace.employee("G2").exit_date is None


def test_undo_is_refused_when_the_employee_changed_since_and_keeps_what_was_typed(
    workspace: Workspace,
) -> None:
    planned = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", planned)
    # A change that makes no step of its own (as the form's prefilled draft): nothing an
    # undo may overwrite.
    typed = replace(planned, answers={"career": "Souhaite encadrer une équipe."})
    with workspace.change():
        workspace.put_interview("G1", typed, announce=False)
    with pytest.raises(ChangeRefused) as refused:
        workspace.undo()
    assert "Éloïse Lefèvre has changed since" in refused.value.problems[0].message
    kept = next(i for i in in_file(workspace).employees[0].interviews if i.id == "G1-2")
    assert kept.answers == typed.answers
    assert workspace.history.next_undo is None  # what is older can no longer be undone


def test_planning_an_interview_is_undone(workspace: Workspace) -> None:
    planned = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", planned)
    assert workspace.undo() == "the interview of Éloïse Lefèvre"
    assert [i.id for i in workspace.employee("G1").interviews] == ["G1-1"]
    assert [i.id for i in in_file(workspace).employees[0].interviews] == ["G1-1"]


def test_signing_is_not_undone(workspace: Workspace) -> None:
    held = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, TODAY)
    workspace.put_interview("G1", held)
    workspace.put_interview("G1", replace(held, signed_on=TODAY))
    assert workspace.history.next_undo is not None
    assert workspace.history.next_undo.describe() == "the interview of Éloïse Lefèvre"
    with pytest.raises(ChangeRefused):
        workspace.undo()  # would take back the held interview, now signed
    assert workspace.employee("G1").interviews[-1].signed_on == TODAY


def test_a_newcomer_who_manages_someone_is_not_removed(workspace: Workspace) -> None:
    workspace.save_employee(NEWCOMER)
    adding = workspace.history.next_undo
    assert adding is not None
    workspace.save_employee(replace(workspace.employee("G2"), manager_ref="G9"), replacing="G2")
    with pytest.raises(ChangeRefused) as refused:
        adding.undo()  # the adding itself, as if the later change had not been undone first
    assert "Maël Roux is the manager of Noé Garnier" in refused.value.problems[0].message
    assert "G9" in {e.ref for e in in_file(workspace).employees}


def test_the_company_data_templates_and_campaigns_are_undone(workspace: Workspace) -> None:
    company = workspace.require_company()
    workspace.update_company(replace(company, name="Garage Lefèvre & Fils"))
    assert workspace.undo() == "the company's data and settings"
    assert in_file(workspace).name == "Garage Lefèvre"
    campaign = Campaign(
        "C1", "Entretiens 2027", InterviewKind.PROFESSIONAL, date(2027, 1, 4), date(2027, 3, 31)
    )
    workspace.save_campaigns([campaign])
    assert workspace.undo() == "the campaigns"
    assert in_file(workspace).campaigns == ()
    assert workspace.redo() == "the campaigns"
    assert in_file(workspace).campaigns == (campaign,)


def test_a_new_change_drops_what_could_be_redone(workspace: Workspace) -> None:
    workspace.record_exit("G2", date(2026, 10, 31))
    workspace.undo()
    assert workspace.history.next_redo is not None
    workspace.save_employee(replace(workspace.employee("G1"), job_title="Gérante"), "G1")
    assert workspace.history.next_redo is None


def _step(n: int, done: list[int], merge: str | None = None) -> Step:
    """A step whose undo notes ``n`` (a part changed from ``n - 1`` to ``n``)."""
    edit = Edit(merge or n, n - 1, n, lambda _expected, target: done.append(target + 1))
    return Step(lambda: str(n), (edit,), merge)


def test_the_history_keeps_the_latest_changes_only() -> None:
    done: list[int] = []
    history = UndoHistory(limit=3)
    for n in range(5):
        history.record(_step(n, done))
    while history.next_undo is not None:
        history.undo()
    assert done == [4, 3, 2]


def test_steps_with_the_same_merge_key_are_one() -> None:
    done: list[int] = []
    history = UndoHistory()
    history.record(_step(1, done))
    for n in range(2, 6):
        history.record(_step(n, done, merge="form"))
    history.record(_step(9, done, merge="other"))
    history.undo()
    step = history.undo()
    assert step.describe() == "5"  # the newest description of the joined steps
    assert done == [9, 2]  # the joined step puts the part back as it was before the first
    assert history.next_undo is not None
    assert history.next_undo.describe() == "1"


def test_typing_in_a_form_is_one_step_that_undo_takes_back(workspace: Workspace) -> None:
    planned = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", planned)
    for text in ("S", "So", "Souhaite"):
        workspace.update_interview(
            "G1",
            "G1-2",
            lambda i, text=text: replace(i, answers={"career": text}),
            announce=False,
            merge=("form", "G1-2"),
        )
    assert workspace.undo() == "the interview of Éloïse Lefèvre"
    assert workspace.interview("G1", "G1-2").answers is None
    assert next(i for i in in_file(workspace).employees[0].interviews if i.id == "G1-2") == planned
    assert workspace.undo() == "the interview of Éloïse Lefèvre"  # the planning, next
    assert workspace.history.next_undo is None


def test_a_change_that_changes_nothing_makes_no_step(workspace: Workspace) -> None:
    planned = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", planned)
    step = workspace.history.next_undo
    workspace.put_interview("G1", planned)
    workspace.update_interview("G1", "G1-2", lambda i: i)
    assert workspace.history.next_undo is step


def test_a_change_of_many_records_is_one_step_and_fails_whole(workspace: Workspace) -> None:
    first = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    second = Interview("G2-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    with workspace.change(lambda: "planning the campaign"):
        workspace.put_interview("G1", first)
        workspace.put_interview("G2", second)
    assert workspace.undo() == "planning the campaign"
    assert {i.id for e in in_file(workspace).employees for i in e.interviews} == {"G1-1"}
    assert workspace.redo() == "planning the campaign"
    before = in_file(workspace)
    with pytest.raises(ChangeRefused), workspace.change(lambda: "half a change"):
        workspace.put_interview("G1", replace(first, id="G1-3"))
        workspace.save_employee(replace(workspace.employee("G2"), first_name=""), "G2")
    assert in_file(workspace) == before  # nothing of the first write stayed
    assert workspace.require_company() == before  # nor in memory


def test_a_decision_on_a_signed_interviews_request_is_undone(workspace: Workspace) -> None:
    held = Interview(
        "G1-2",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        TODAY,
        answers={"training_requests": [{"course": "CACES R489"}]},
    )
    workspace.put_interview("G1", held)
    signed = replace(held, signed_on=TODAY)
    workspace.put_interview("G1", signed)
    workspace.put_interview("G1", replace(signed, follow_up={"0": "approved"}))
    assert workspace.undo() == "the interview of Éloïse Lefèvre"
    restored = next(i for i in in_file(workspace).employees[0].interviews if i.id == "G1-2")
    assert restored.signed_on == TODAY
    assert not restored.follow_up
    workspace.redo()
    assert workspace.employee("G1").interviews[-1].follow_up == {"0": "approved"}


def test_an_editor_s_old_copy_does_not_overwrite_a_form_typed_since(
    workspace: Workspace,
) -> None:
    """The employee page changes one interview's date from the copy it shows, while a form
    saved answers to that interview meanwhile: the date changes, the answers stay."""
    planned = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", planned)
    shown = workspace.employee("G1")  # the page's copy
    workspace.update_interview(
        "G1", "G1-2", lambda i: replace(i, answers={"career": "Typé depuis"}), announce=False
    )
    moved = replace(planned, date=date(2026, 12, 1))
    interviews = tuple(moved if i.id == "G1-2" else i for i in shown.interviews)
    workspace.save_employee(replace(shown, interviews=interviews), "G1", based_on=shown)
    stored = next(i for i in in_file(workspace).employees[0].interviews if i.id == "G1-2")
    assert stored.date == date(2026, 12, 1)
    assert stored.answers == {"career": "Typé depuis"}
    # A field the editor changed elsewhere, and an interview it removed, still apply.
    shown = workspace.employee("G1")
    without = tuple(i for i in shown.interviews if i.id != "G1-2")
    workspace.save_employee(
        replace(shown, job_title="Cheffe", interviews=without), "G1", based_on=shown
    )
    assert [i.id for i in in_file(workspace).employees[0].interviews] == ["G1-1"]
    assert in_file(workspace).employees[0].job_title == "Cheffe"
