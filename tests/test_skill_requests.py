"""A training requested from a gap of the skills map (services/skill_requests.py): put on
the employee's requests in one change (one undo step), refused without a trainee or
twice for the same skill, decided as the interview forms' requests are; done records the
training in the history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from entretien_desktop.domain import RequestState
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.skill_requests import (
    decide_skill_request,
    pending_requests,
    proposed_title,
    request_training,
    skill_training_requests,
)
from entretien_desktop.services.skills_gaps import Gap, GapKind, skill_gaps
from entretien_desktop.services.training_requests import RequestStatus
from entretien_desktop.services.workspace import Workspace
from tests.helpers import open_workspace
from tests.skills_company import TODAY, joinery


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "joinery.sqlite", joinery()) as space:
        yield space


def gap(workspace: Workspace, kind: GapKind, skill: str) -> Gap:
    gaps = skill_gaps(workspace.require_company(), TODAY)
    return next(g for g in gaps if g.kind is kind and g.skill.id == skill)


def test_a_request_on_an_under_level_gap_goes_to_the_employee_it_names(
    workspace: Workspace,
) -> None:
    under = gap(workspace, GapKind.UNDER_LEVEL, "cnc")
    request = request_training(workspace, under)
    camille = workspace.employee("M2")
    assert camille.skill_requests == (request,)
    assert request.title == "CNC 5 axes"
    assert request.reason == under.sentence
    assert request.requested_on == TODAY
    assert request.status is RequestState.REQUESTED
    step = workspace.history.next_undo
    assert step is not None
    assert step.describe() == "a training request for Camille Roux"
    workspace.undo()
    assert workspace.employee("M2").skill_requests == ()


def test_a_certification_s_request_proposes_its_renewal(workspace: Workspace) -> None:
    lapsing = gap(workspace, GapKind.CERTIFICATION, "caces")
    assert proposed_title(lapsing) == "CACES R489 cat. 3 (renewal)"


def test_a_gap_naming_nobody_to_train_needs_someone_chosen(workspace: Workspace) -> None:
    single = gap(workspace, GapKind.SINGLE_HOLDER, "veneer")
    with pytest.raises(ChangeRefused) as refused:
        request_training(workspace, single)
    assert "Choose who should be trained." in str(refused.value.problems)
    request = request_training(workspace, single, "M2", "Placage - initiation")
    assert [r.id for r in workspace.employee("M2").skill_requests] == [request.id]
    assert request.title == "Placage - initiation"


def test_a_second_request_for_the_same_skill_is_refused_while_pending(
    workspace: Workspace,
) -> None:
    under = gap(workspace, GapKind.UNDER_LEVEL, "cnc")
    request_training(workspace, under)
    with pytest.raises(ChangeRefused) as refused:
        request_training(workspace, under)
    assert "already requested for Camille Roux" in str(refused.value.problems)
    assert len(workspace.employee("M2").skill_requests) == 1
    with pytest.raises(ChangeRefused):
        request_training(workspace, under, title="   ")


def test_ids_are_unique_across_the_company(workspace: Workspace) -> None:
    first = request_training(workspace, gap(workspace, GapKind.UNDER_LEVEL, "cnc"))
    second = request_training(workspace, gap(workspace, GapKind.CERTIFICATION, "caces"))
    third = request_training(workspace, gap(workspace, GapKind.SINGLE_HOLDER, "veneer"), "M3")
    assert len({first.id, second.id, third.id}) == 3


def test_decisions_follow_the_interview_requests_and_done_records_the_training(
    workspace: Workspace,
) -> None:
    request_training(workspace, gap(workspace, GapKind.CERTIFICATION, "caces"))
    (listed,) = skill_training_requests(workspace.require_company())
    assert listed.employee.ref == "M3"
    assert listed.status is RequestStatus.REQUESTED
    assert listed.course == "CACES R489 cat. 3 (renewal)"
    decide_skill_request(workspace, listed, RequestStatus.APPROVED)
    julien = workspace.employee("M3")
    assert julien.skill_requests[0].status is RequestState.APPROVED
    assert pending_requests(julien, "caces") == list(julien.skill_requests)
    trainings_before = len(julien.trainings)

    (approved,) = skill_training_requests(workspace.require_company())
    decide_skill_request(workspace, approved, RequestStatus.DONE)
    julien = workspace.employee("M3")
    assert julien.skill_requests[0].status is RequestState.DONE
    assert len(julien.trainings) == trainings_before + 1
    training = julien.trainings[-1]
    assert (training.title, training.start, training.certification, training.mandatory) == (
        "CACES R489 cat. 3 (renewal)",
        TODAY,
        True,
        False,
    )
    assert pending_requests(julien) == []
    # Done is final, as for an interview's request.
    (done,) = skill_training_requests(workspace.require_company())
    with pytest.raises(ChangeRefused):
        decide_skill_request(workspace, done, RequestStatus.REFUSED)
    # One undo takes back the decision and the training together.
    workspace.undo()
    julien = workspace.employee("M3")
    assert julien.skill_requests[0].status is RequestState.APPROVED
    assert len(julien.trainings) == trainings_before
