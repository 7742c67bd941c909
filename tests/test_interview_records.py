"""What an interview form adds to the record (template, interviewer, place, refusal reason,
context, campaign, training-request decisions) and the company's own templates and
campaigns: kept by the data file, carried by the company file, and signed forms refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from entretien_desktop.domain import Campaign, Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import Field, FieldType, Section, Template
from entretien_desktop.services.company_file import (
    DocumentRefused,
    company_document,
    import_company,
    load_company,
)
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.employee_checks import ChangeRefused
from tests.helpers import open_data, open_workspace, small_company

FORM = Template(
    id="workshop",
    version=2,
    kind=InterviewKind.PROFESSIONAL,
    title="Workshop interview",
    sections=(Section("job", "Job", fields=(Field("missions", FieldType.LONG_TEXT, "Missions"),)),),
)
CAMPAIGN = Campaign(
    "C-2027",
    "Spring round",
    InterviewKind.PROFESSIONAL,
    date(2027, 3, 1),
    date(2027, 4, 30),
    template=FORM.key,
    site="Lyon",
)


def _rich_company() -> Company:
    company = small_company()
    first = company.employees[0]
    interview = Interview(
        "G1-2",
        InterviewKind.RETURN,
        InterviewStatus.REFUSED,
        date(2024, 6, 10),
        invited_on=date(2024, 5, 27),
        answers={"missions": "Réception des véhicules"},
        template=FORM.key,
        interviewer="Marc Girard",
        place="Bureau, 1er étage",
        refusal_reason="Ne souhaite pas d'entretien maintenant",
        context="Congé de maternité du 8 janv. 2024 au 26 mai 2024",
        campaign=CAMPAIGN.id,
        follow_up={"0": "approved"},
    )
    first = replace(first, interviews=(*first.interviews, interview))
    return replace(
        company,
        employees=(first, *company.employees[1:]),
        templates=(FORM,),
        campaigns=(CAMPAIGN,),
    )


def test_the_data_file_keeps_everything_a_form_adds(tmp_path: Path) -> None:
    company = _rich_company()
    with open_data(tmp_path / "c.sqlite") as database:
        import_company(database, company)
    with open_data(tmp_path / "c.sqlite") as database:
        assert load_company(database) == company


def test_the_company_file_carries_everything_a_form_adds() -> None:
    company = _rich_company()
    document = company_document(company)
    assert document["company"]["templates"][0]["id"] == "workshop"
    assert document["employees"][0]["interviews"][1]["refusal_reason"].startswith("Ne souhaite")
    again = read_company_document(json.dumps(document).encode("utf-8"))
    assert again == company


def test_a_company_without_forms_keeps_the_documented_keys_only() -> None:
    document = company_document(small_company())
    assert "templates" not in document["company"]
    assert "campaigns" not in document["company"]
    assert set(document["employees"][0]["interviews"][0]) == {
        "id",
        "kind",
        "status",
        "date",
        "invited_on",
    }


def test_a_broken_template_in_a_company_file_is_refused_with_its_place() -> None:
    document = company_document(_rich_company())
    document["company"]["templates"][0]["sections"][0]["fields"][0]["type"] = "poem"
    document["company"]["campaigns"][0]["end"] = "2027-01-01"
    with pytest.raises(DocumentRefused) as refused:
        read_company_document(json.dumps(document).encode("utf-8"))
    places = [problem.path for problem in refused.value.problems]
    assert "company.templates[0].sections[0].fields[0].type" in places
    assert "company.campaigns[0].end" in places


def test_an_interview_is_saved_alone_and_a_signed_one_is_refused(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        version = workspace.version
        draft = Interview(
            "G2-1",
            InterviewKind.PROFESSIONAL,
            InterviewStatus.PLANNED,
            date(2027, 1, 12),
            answers={"missions": "Montage"},
        )
        workspace.put_interview("G2", draft, announce=False)
        assert workspace.version == version  # autosave: nothing to recompute
        signed = replace(
            draft, answers={"missions": "Montage, contrôle"}, signed_on=date(2027, 1, 12)
        )
        workspace.put_interview("G2", signed)
        assert workspace.version == version + 1
        with pytest.raises(ChangeRefused):
            workspace.put_interview("G2", replace(signed, answers={"missions": "changed"}))
    with open_data(tmp_path / "c.sqlite") as database:
        company = load_company(database)
    assert company is not None
    kept = next(i for i in company.employees[1].interviews if i.id == "G2-1")
    assert kept.answers == {"missions": "Montage, contrôle"}


def test_templates_and_campaigns_survive_a_change_of_the_company_profile(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        workspace.save_templates([FORM])
        workspace.save_campaigns([CAMPAIGN])
        company = workspace.require_company()
        workspace.update_company(replace(company, name="Garage Lefèvre & fils", templates=()))
        assert workspace.require_company().templates == (FORM,)
    with open_data(tmp_path / "c.sqlite") as database:
        loaded = load_company(database)
    assert loaded is not None
    assert loaded.templates == (FORM,)
    assert loaded.campaigns == (CAMPAIGN,)
    assert loaded.name == "Garage Lefèvre & fils"


def test_a_template_names_each_duplicate_and_misplaced_role_where_it_is() -> None:
    from entretien_desktop.domain.template_codec import (  # noqa: PLC0415
        TemplateRefused,
        template_document,
        template_from_document,
    )
    from entretien_desktop.services.templates import built_in_template  # noqa: PLC0415

    document = template_document(built_in_template(InterviewKind.PROFESSIONAL))
    sections = document["sections"]
    sections[1]["id"] = sections[0]["id"]
    requests = next(
        f for s in sections for f in s["fields"] if f.get("role") == "training_requests"
    )
    requests["columns"][1]["id"] = requests["columns"][0]["id"]
    sections[1]["fields"][0]["role"] = "action_plan"
    with pytest.raises(TemplateRefused) as refused:
        template_from_document(document)
    places = [problem.partition(":")[0] for problem in refused.value.problems]
    assert "$.sections[1].id" in places
    assert any(place.endswith(".columns[1].id") for place in places)
    assert "$.sections[1].fields[0].role" in places  # not a table
    assert len(refused.value.problems) == 4  # and action_plan twice


def test_a_superseded_template_version_is_never_chosen_for_a_new_interview() -> None:
    from entretien_desktop.domain.templates import AppliesTo  # noqa: PLC0415
    from entretien_desktop.services.templates import choose_template, find_template  # noqa: PLC0415

    employee = small_company().employees[0]  # no department
    old = replace(FORM, version=1)  # for everyone
    new = replace(FORM, version=2, applies_to=AppliesTo(departments=("Atelier",)))
    chosen = choose_template(InterviewKind.PROFESSIONAL, employee, [new, old])
    assert chosen.key == "professional@2"  # the built-in, not the superseded copy
    assert find_template("workshop@1", [new, old]) == old  # still there for its interviews
