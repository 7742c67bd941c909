"""The skills map in the data file (revision 0016, storage/repositories.py): the company's
catalogue, jobs and staffing needs on its row, each employee's levels (the whole history)
and gap training requests in their tables; on a file and, in the server pass, on a server."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from entretien_desktop.cli import EXIT_OK, main
from entretien_desktop.domain import (
    Company,
    Job,
    RequestState,
    Skill,
    SkillLevel,
    SkillNeed,
    SkillRequest,
    SkillSource,
    StaffingNeed,
)
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.storage import open_database, open_server
from tests.helpers import db_arg, open_data, open_workspace, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

TODAY = date(2026, 11, 22)
SKILLS = (
    Skill("toupie", "Toupie", "Machines"),
    Skill("sst", "Sauveteur secouriste du travail", "Sécurité", 24),
)


def _with_map() -> Company:
    company = small_company()
    first, second = company.employees
    return replace(
        company,
        skills=SKILLS,
        jobs=(Job("Mécanicien", (SkillNeed("toupie", 2), SkillNeed("sst", 2))),),
        staffing=(StaffingNeed("sst", 2, 1, site="Lyon"),),
        employees=(
            replace(
                first,
                skill_levels=(
                    SkillLevel("toupie", 1, date(2020, 3, 2), SkillSource.TRAINING),
                    SkillLevel("toupie", 2, date(2023, 2, 1), SkillSource.INTERVIEW, "G1-1"),
                    SkillLevel("sst", 2, date(2025, 6, 9), note="MAC SST"),
                ),
                skill_requests=(
                    SkillRequest(
                        "SR-1", "toupie", "Toupie", date(2026, 10, 1), "gap", RequestState.APPROVED
                    ),
                ),
            ),
            second,
        ),
    )


def test_the_demos_map_and_every_level_are_kept(tmp_path: Path) -> None:
    company = build_demo_company(TODAY)
    with open_data(tmp_path / "demo.sqlite") as db:
        import_company(db, company)
        loaded = load_company(db)
    assert loaded is not None
    assert (loaded.skills, loaded.jobs, loaded.staffing) == (
        company.skills,
        company.jobs,
        company.staffing,
    )
    assert [e.skill_levels for e in loaded.employees] == [e.skill_levels for e in company.employees]
    assert [e.skill_requests for e in loaded.employees] == [
        e.skill_requests for e in company.employees
    ]
    assert loaded == company


def test_an_employee_saved_keeps_their_whole_history_in_order(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    company = _with_map()
    with open_workspace(path, company) as workspace:
        before = workspace.require_company().employees[0]
        raised = SkillLevel("toupie", 3, date(2026, 11, 20), SkillSource.ASSESSMENT, note="forme")
        after = replace(
            before,
            skill_levels=(*before.skill_levels, raised),
            skill_requests=(replace(before.skill_requests[0], status=RequestState.DONE),),
        )
        workspace.save_employee(after, replacing=before.ref, based_on=before)
    with open_workspace(path, company, create=False) as workspace:
        stored = workspace.require_company().employees[0]
        assert stored.skill_levels == after.skill_levels
        assert stored.skill_requests[0].status is RequestState.DONE
        # A change of the history undone: the history as it was, whole.
        workspace.save_employee(before, replacing=stored.ref, based_on=stored)
        assert workspace.require_company().employees[0] == before
        workspace.undo()
        assert workspace.require_company().employees[0] == stored
    with open_workspace(path, company, create=False) as workspace:
        assert workspace.require_company().employees[0] == after


def test_the_catalogue_jobs_and_staffing_are_saved_with_the_company(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with open_workspace(path, small_company()) as workspace:
        company = workspace.require_company()
        assert not company.skills and not company.jobs and not company.staffing
        mapped = replace(
            company,
            skills=SKILLS,
            jobs=(Job("Mécanicien", (SkillNeed("sst", 2),)),),
            staffing=(StaffingNeed("sst", 2, 2, department="Atelier"),),
        )
        workspace.update_company(mapped)
        workspace.undo()
        assert not workspace.require_company().skills
        workspace.redo()
    with open_workspace(path, small_company(), create=False) as workspace:
        stored = workspace.require_company()
        assert (stored.skills, stored.jobs, stored.staffing) == (
            mapped.skills,
            mapped.jobs,
            mapped.staffing,
        )


def test_a_level_the_catalogue_does_not_know_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite"
    company = _with_map()
    with open_workspace(path, company) as workspace:
        before = workspace.require_company().employees[0]
        wrong = replace(
            before, skill_levels=(*before.skill_levels, SkillLevel("cnc", 2, date(2026, 1, 5)))
        )
        with pytest.raises(ChangeRefused) as refused:
            workspace.save_employee(wrong, replacing=before.ref, based_on=before)
        assert [p.field for p in refused.value.problems] == ["skill_levels[3].skill"]
        with pytest.raises(ChangeRefused):
            workspace.update_company(replace(workspace.require_company(), skills=SKILLS[1:]))
    with open_workspace(path, company, create=False) as workspace:
        assert workspace.require_company() == company


@pytest.mark.postgres
def test_copy_moves_the_map_to_a_server_and_back(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    first, back = tmp_path / "first.entretien", tmp_path / "back.entretien"
    assert main(["demo", "--db", str(first)]) == EXIT_OK
    assert main(["copy", "--from", str(first), "--to", postgres_url]) == EXIT_OK
    assert main(["copy", "--from", postgres_url, "--to", str(back)]) == EXIT_OK
    with open_database(first) as database:
        company = database.read_company()
    with open_server(postgres_url) as database:
        on_server = database.read_company()
    with open_database(back) as database:
        copied = database.read_company()
    assert company is not None and company.skills
    assert sum(len(e.skill_levels) for e in company.employees) > 50
    assert on_server == company == copied


def test_the_demos_company_file_carries_the_map_and_imports_back_the_same(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "demo.sqlite", tmp_path / "again.sqlite"
    exported, again = tmp_path / "demo.json", tmp_path / "again.json"
    assert main(["demo", "--db", db_arg(first)]) == EXIT_OK
    assert main(["export", "--db", db_arg(first), "--out", str(exported)]) == EXIT_OK
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert {s["family"] for s in document["company"]["skills"]} >= {"Machines", "Pose"}
    assert document["company"]["jobs"] and document["company"]["staffing"]
    histories = [e["skill_levels"] for e in document["employees"] if "skill_levels" in e]
    assert max(len(h) for h in histories) >= 10
    assert main(["import", "--db", db_arg(second), str(exported)]) == EXIT_OK
    assert main(["export", "--db", db_arg(second), "--out", str(again)]) == EXIT_OK
    assert again.read_bytes() == exported.read_bytes()
