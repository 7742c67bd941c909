"""The skills map in the interviews (issue 21): the professional interview and the annual
review start with a table of the employee's skills prefilled from the matrix, and signing
records the levels agreed in it in the employee's level history (one undo step takes them
back; the signature stays). Interviews filled with the earlier versions of these forms
read, print and keep their fingerprint as before."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.skills import (
    Job,
    Skill,
    SkillLevel,
    SkillNeed,
    SkillSource,
    current_levels,
)
from entretien_desktop.services import signing
from entretien_desktop.services.interview_forms import prefilled_answers, template_for
from entretien_desktop.services.interview_skills import agreed_levels, skill_rows
from entretien_desktop.services.reports import interview_report
from entretien_desktop.services.templates import built_in_template, find_template
from entretien_desktop.services.workspace import Workspace
from tests.helpers import TODAY, open_workspace, small_company

CATALOGUE = (
    Skill("cnc", "Usinage CN 5 axes", "Usinage"),
    Skill("caces", "CACES R489 cat. 3", "Conduite", expires_after_months=60),
    Skill("sst", "Sauveteur secouriste", "Securite", expires_after_months=24),
    Skill("placage", "Placage", "Ebenisterie"),
    Skill("vernis", "Vernissage", "Finition"),
)
JOB = Job("Usineuse", (SkillNeed("placage", 2), SkillNeed("cnc", 2), SkillNeed("caces", 2)))
LEVELS = (
    SkillLevel("cnc", 1, date(2024, 1, 10)),
    SkillLevel("caces", 2, date(2020, 3, 2)),  # lapsed on 2 Mar 2025
    SkillLevel("sst", 2, date(2026, 1, 15)),  # valid until 15 Jan 2028
    SkillLevel("vernis", 0, date(2025, 6, 1)),  # level 0: not held
)


def _company(job_title: str = "Usineuse", levels: tuple[SkillLevel, ...] = LEVELS) -> Company:
    company = small_company()
    first = replace(company.employees[0], job_title=job_title, skill_levels=levels)
    return replace(
        company, skills=CATALOGUE, jobs=(JOB,), employees=(first, *company.employees[1:])
    )


def _planned(kind: InterviewKind = InterviewKind.PROFESSIONAL) -> Interview:
    return Interview("G1-2", kind, InterviewStatus.PLANNED, TODAY, interviewer="Marc Girard")


def _prefilled(company: Company, interview: Interview) -> dict[str, object]:
    employee = company.employees[0]
    template = template_for(company, employee, interview)
    return prefilled_answers(company, employee, interview, template, TODAY)


# ------------------------------------------------------------------------ the prefilled table


def test_the_new_forms_carry_the_skills_table_and_the_earlier_versions_do_not() -> None:
    for kind, earlier in (
        (InterviewKind.PROFESSIONAL, "professional@1"),
        (InterviewKind.ANNUAL_REVIEW, "annual_review@2"),
    ):
        assert built_in_template(kind).field("skills_map").type.value == "table"
        old = find_template(earlier, ())
        assert old is not None
        assert "skills_map" not in {f.id for f in old.fields()}


def test_the_rows_are_the_jobs_skills_then_those_held_with_their_levels() -> None:
    company = _company()
    for kind in (InterviewKind.PROFESSIONAL, InterviewKind.ANNUAL_REVIEW):
        rows = _prefilled(company, _planned(kind))["skills_map"]
        assert isinstance(rows, list)
        shown = [(r["skill"], r["current"], r["valid_until"], r["needed"]) for r in rows]
        assert shown == [
            ("Placage", "0", "", "2"),  # needed, never assessed: not trained
            ("Usinage CN 5 axes", "1", "", "2"),
            ("CACES R489 cat. 3", "lapsed", "2025-03-02", "2"),
            ("Sauveteur secouriste", "2", "2028-01-15", ""),  # held, not needed by the job
        ]
        assert all(r["agreed"] == "" and r["comment"] == "" for r in rows)
        assert [r["skill_id"] for r in rows] == ["placage", "cnc", "caces", "sst"]


def test_until_it_is_held_the_table_follows_the_matrix_and_keeps_what_was_typed() -> None:
    company = _company()
    typed = [
        {"skill_id": "cnc", "skill": "Usinage", "current": "0", "agreed": "3", "comment": "oui"},
        {"skill_id": "gone", "skill": "Soudure", "agreed": "2"},  # no longer listed: kept
        {"skill_id": "old", "skill": "Ancienne", "agreed": ""},  # nothing typed: dropped
    ]
    planned = replace(_planned(), answers={"skills_map": typed})
    rows = _prefilled(company, planned)["skills_map"]
    assert isinstance(rows, list)
    assert [(r["skill_id"], r.get("current"), r["agreed"]) for r in rows] == [
        ("placage", "0", ""),
        ("cnc", "1", "3"),  # the matrix's level now, the agreed level typed
        ("caces", "lapsed", ""),
        ("sst", "2", ""),
        ("gone", None, "2"),
    ]
    assert rows[1]["comment"] == "oui"
    # Once held, the table is what was discussed: never read again.
    held = replace(planned, status=InterviewStatus.HELD)
    assert _prefilled(company, held)["skills_map"] == typed


def test_a_job_without_skills_and_nothing_held_asks_nothing() -> None:
    without_job = _company(job_title="Comptable", levels=())
    assert "skills_map" not in _prefilled(without_job, _planned())
    empty_catalogue = replace(_company(), skills=())
    assert "skills_map" not in _prefilled(empty_catalogue, _planned())
    # Someone whose job needs nothing still reviews the levels they hold.
    accountant = _company(job_title="Comptable")
    rows = skill_rows(accountant, accountant.employees[0], TODAY)
    assert [r["skill_id"] for r in rows] == ["caces", "sst", "cnc"]  # by family


# ---------------------------------------------------------------------------- signing


def _agreed(company: Company, agreed: dict[str, str]) -> Interview:
    template = built_in_template(InterviewKind.PROFESSIONAL)
    interview = replace(_planned(), template=template.key)
    rows = _prefilled(company, interview)["skills_map"]
    assert isinstance(rows, list)
    for row in rows:
        row["agreed"] = agreed.get(row["skill_id"], "")
        row["comment"] = "vu ensemble" if row["skill_id"] in agreed else ""
    return replace(interview, status=InterviewStatus.HELD, answers={"skills_map": rows})


def _png(shade: int) -> bytes:
    """A small drawing (PNG), as a signature pad makes."""
    image = Image.new("L", (60, 20), 255)
    for x in range(60):
        image.putpixel((x, (x * shade) % 20), 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _signed(workspace: Workspace, interview: Interview) -> Interview:
    workspace.put_interview("G1", interview)
    return signing.sign(workspace, "G1", interview.id, TODAY)


def test_signing_records_the_agreed_levels_and_keeps_the_history(tmp_path: Path) -> None:
    company = _company()
    interview = _agreed(company, {"cnc": "2", "caces": "1", "placage": "2"})
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        signed = _signed(workspace, interview)
        history = workspace.employee("G1").skill_levels
    assert signed.signed_on == TODAY
    assert history[: len(LEVELS)] == LEVELS  # earlier entries kept
    added = history[len(LEVELS) :]
    assert [(e.skill, e.level) for e in added] == [("placage", 2), ("cnc", 2), ("caces", 1)]
    assert {(e.date, e.source, e.reference, e.note) for e in added} == {
        (TODAY, SkillSource.INTERVIEW, "G1-2", "vu ensemble")
    }
    now = current_levels(history)
    assert (now["cnc"].level, now["caces"].level, now["placage"].level) == (2, 1, 2)


def test_a_row_left_without_an_agreed_level_records_nothing(tmp_path: Path) -> None:
    company = _company()
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        interview = _agreed(company, {})
        workspace.put_interview("G1", interview)
        step = workspace.history.next_undo
        signing.sign(workspace, "G1", interview.id, TODAY)
        assert workspace.employee("G1").skill_levels == LEVELS
        assert workspace.history.next_undo is step  # signing alone is final: no step


def test_the_same_level_is_recorded_as_a_confirmation_but_never_renews_a_certificate() -> None:
    company = _company()
    employee = company.employees[0]
    interview = replace(_agreed(company, {"cnc": "1", "sst": "2"}), signed_on=TODAY)
    template = built_in_template(InterviewKind.PROFESSIONAL)
    found = agreed_levels(company, employee, interview, template)
    # The machining level is confirmed, dated; the first-aid certificate still valid at
    # that level is not renewed by a conversation.
    assert [(e.skill, e.level, e.date) for e in found] == [("cnc", 1, TODAY)]


def test_undo_takes_back_the_levels_and_the_signature_stays(tmp_path: Path) -> None:
    company = _company()
    interview = _agreed(company, {"cnc": "2"})
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        _signed(workspace, interview)
        assert len(workspace.employee("G1").skill_levels) == len(LEVELS) + 1
        what = workspace.undo()
        assert "Lefèvre" in what
        employee = workspace.employee("G1")
        assert employee.skill_levels == LEVELS
        assert current_levels(employee.skill_levels)["cnc"].level == 1
        kept = workspace.interview("G1", interview.id)
        assert kept.signed_on == TODAY and kept.fingerprint
        workspace.redo()
        assert current_levels(workspace.employee("G1").skill_levels)["cnc"].level == 2


def test_an_amendment_signed_again_records_no_level_twice(tmp_path: Path) -> None:
    company = _company()
    interview = _agreed(company, {"cnc": "2", "placage": "1"})
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        _signed(workspace, interview)
        amendment = signing.amend(workspace, "G1", interview.id)
        rows = list((amendment.answers or {})["skills_map"])
        rows[0] = {**rows[0], "agreed": "2"}  # the veneering level corrected: 2, not 1
        workspace.put_interview("G1", replace(amendment, answers={"skills_map": rows}))
        signing.sign(workspace, "G1", amendment.id, TODAY)
        history = workspace.employee("G1").skill_levels
    from_interviews = [(e.skill, e.level, e.reference) for e in history[len(LEVELS) :]]
    assert from_interviews == [
        ("placage", 1, "G1-2"),
        ("cnc", 2, "G1-2"),
        ("placage", 2, "G1-2-A1"),  # the correction, after the level it corrects
    ]
    assert current_levels(history)["placage"].level == 2


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["cnc", "placage", "caces", "sst"]),
        st.sampled_from(["", "0", "1", "2", "3"]),
    )
)
def test_every_level_agreed_becomes_the_current_one(agreed: dict[str, str]) -> None:
    company = _company()
    employee = company.employees[0]
    interview = replace(_agreed(company, agreed), signed_on=TODAY)
    template = built_in_template(InterviewKind.PROFESSIONAL)
    found = agreed_levels(company, employee, interview, template)
    now = current_levels((*employee.skill_levels, *found))
    for skill, level in agreed.items():
        if level:
            assert now[skill].level == int(level)
    assert all(e.source is SkillSource.INTERVIEW and e.date == TODAY for e in found)
    assert len(found) <= sum(1 for level in agreed.values() if level)


# ------------------------------------------------------------- earlier interviews, reports


def _text(data: bytes) -> str:
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(pages.split())  # a cell's lines joined


def test_an_interview_of_the_earlier_form_reads_prints_and_signs_as_before(
    tmp_path: Path,
) -> None:
    company = _company()
    earlier = Interview(
        "G1-2",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        TODAY,
        answers={"job_missions": "Accueil des clients"},
        template="professional@1",
        interviewer="Marc Girard",
    )
    employee: Employee = company.employees[0]
    template = template_for(company, employee, earlier)
    assert template.key == "professional@1"
    assert "skills_map" not in prefilled_answers(company, employee, earlier, template, TODAY)
    report = _text(interview_report(company, employee, earlier, "fr"))
    assert "Accueil des clients" in report
    assert "Cartographie des compétences" not in report
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        signed = _signed(workspace, earlier)
        assert workspace.employee("G1").skill_levels == LEVELS
        assert signed.fingerprint == signing.fingerprint(workspace.employee("G1"), signed)


def test_the_report_prints_the_table_with_the_scales_words() -> None:
    company = _company()
    interview = replace(_agreed(company, {"cnc": "2"}), signed_on=None)
    text = _text(interview_report(company, company.employees[0], interview, "fr"))
    assert "Cartographie des compétences" in text
    assert "Usinage CN 5 axes" in text
    assert "Certification expirée" in text
    assert "En formation" in text and "Autonome" in text
    assert "valable jusqu" in text
    assert "lapsed" not in text and "skill_id" not in text


def test_a_company_copy_with_the_table_prefills_and_records_the_same_way(tmp_path: Path) -> None:
    own = replace(
        built_in_template(InterviewKind.PROFESSIONAL),
        id="workshop_professional",
        version=1,
        title="Workshop interview",
        built_in=False,
    )
    company = replace(_company(), templates=(own,))
    interview = replace(_planned(), template=own.key)
    rows = _prefilled(company, interview)["skills_map"]
    assert isinstance(rows, list)
    rows[1] = {**rows[1], "agreed": "3"}
    assert rows[1]["skill_id"] == "cnc"
    held = replace(interview, status=InterviewStatus.HELD, answers={"skills_map": rows})
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        _signed(workspace, held)
        now = current_levels(workspace.employee("G1").skill_levels)
    assert (now["cnc"].level, now["cnc"].reference) == (3, "G1-2")


def test_signed_on_screen_the_drawn_signatures_and_the_chain_hold_with_the_levels(
    tmp_path: Path,
) -> None:
    company = _company()
    interview = _agreed(company, {"cnc": "2"})
    drawn = {signing.SIGNATURE_EMPLOYEE: _png(1), signing.SIGNATURE_INTERVIEWER: _png(3)}
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        workspace.put_interview("G1", interview)
        signed = signing.sign(workspace, "G1", interview.id, TODAY, drawn)
        assert signing.drawn_signatures(workspace, signed) == drawn
        assert current_levels(workspace.employee("G1").skill_levels)["cnc"].level == 2
        pdf = tmp_path / "signed.pdf"
        data = interview_report(workspace.require_company(), workspace.employee("G1"), signed)
        pdf.write_bytes(signing.issue(workspace, data, "interview", signed))
        assert signing.verify(workspace, pdf).ok
