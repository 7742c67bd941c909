"""The skills matrix printed (landscape PDF for the wall) and exported (.xlsx), and the
command line that writes them: what the reader of the page or the workbook finds."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Job, Skill, SkillLevel, SkillNeed, SkillSource
from entretien_desktop.domain.skills import add_months, level_on
from entretien_desktop.services.reports.skills_matrix_pdf import (
    column_chunks,
    geometry,
    skills_matrix_pdf,
)
from entretien_desktop.services.skills_grid import MatrixFilter, skills_grid
from entretien_desktop.services.skills_matrix_xlsx import export_skills_matrix_xlsx
from tests.helpers import file_digest, open_workspace, small_company
from tests.skills_builders import AS_OF, skills_company, with_levels


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# -- what the matrix says -------------------------------------------------------------------


def test_a_lapsed_certification_counts_zero_and_one_lapsing_soon_is_marked() -> None:
    company = skills_company(4, 30)
    caces = next(s for s in company.skills if s.name.startswith("CACES"))
    sst = next(s for s in company.skills if s.name.startswith("SST"))
    assert caces.expires_after_months == 60 and sst.expires_after_months == 24
    lapsed_on = add_months(AS_OF, -61)
    lapsing_on = add_months(AS_OF, -24) + (AS_OF - add_months(AS_OF, -1))  # within 60 days
    company = with_levels(
        company,
        "E1",
        SkillLevel(caces.id, 3, lapsed_on),
        SkillLevel(sst.id, 2, lapsing_on, SkillSource.TRAINING),
    )
    grid = skills_grid(company, AS_OF)
    row = grid.cells[[e.ref for e in grid.employees].index("E1")]
    columns = [s.id for s in grid.skills]
    held_caces, held_sst = row[columns.index(caces.id)], row[columns.index(sst.id)]
    assert (held_caces.level, held_caces.lapsed, held_caces.expiring) == (0, True, False)
    assert (held_sst.level, held_sst.lapsed, held_sst.expiring) == (2, False, True)


@given(
    entries=st.lists(
        st.tuples(st.integers(0, 3), st.dates(date(2015, 1, 1), date(2027, 12, 31))),
        max_size=6,
    ),
    months=st.one_of(st.none(), st.integers(1, 72)),
)
def test_a_cell_says_the_level_held_on_the_day(
    entries: list[tuple[int, date]], months: int | None
) -> None:
    skill = Skill("caces", "CACES R489", "Securite", months)
    history = tuple(SkillLevel("caces", level, day) for level, day in entries)
    company = with_levels(replace(small_company(), skills=(skill,)), "G1", *history)
    grid = skills_grid(company, AS_OF)
    cell = grid.cells[[e.ref for e in grid.employees].index("G1")][0]
    assert cell.held == level_on(skill, history, AS_OF)
    assert (cell.level is None) == all(day > AS_OF for _level, day in entries)
    assert not (cell.lapsed and cell.expiring)


def test_below_the_job_s_level_is_marked_and_framed_in_red(tmp_path: Path) -> None:
    skill = Skill("cnc", "Centre d'usinage", "Usinage")
    company = replace(
        small_company(),
        skills=(skill,),
        jobs=(Job("Menuisier", (SkillNeed("cnc", 2),)),),
    )
    company = replace(
        company,
        employees=tuple(replace(e, job_title="Menuisier") for e in company.employees),
    )
    company = with_levels(company, "G1", SkillLevel("cnc", 1, date(2025, 1, 6)))
    company = with_levels(company, "G2", SkillLevel("cnc", 3, date(2025, 1, 6)))
    grid = skills_grid(company, AS_OF)
    under = {e.ref: row[0].under for e, row in zip(grid.employees, grid.cells, strict=True)}
    assert under == {"G1": True, "G2": False}
    path = tmp_path / "m.xlsx"
    export_skills_matrix_xlsx(company, AS_OF, path, language="en")
    matrix = load_workbook(path).worksheets[0]
    frames = {row[0].value: row[5].border.left.color.rgb for row in matrix.iter_rows(min_row=3)}
    assert frames["G1"].endswith("B00020") and not frames["G2"].endswith("B00020")


def test_the_filter_keeps_one_site_and_a_job_keeps_its_skills() -> None:
    company = skills_company(20, 30)
    lyon = skills_grid(company, AS_OF, MatrixFilter(site="Lyon"))
    assert lyon.employees and all(e.site == "Lyon" for e in lyon.employees)
    joiners = skills_grid(company, AS_OF, MatrixFilter(job="Menuisier"))
    needs = {n.skill for n in next(j for j in company.jobs if j.title == "Menuisier").needs}
    assert {s.id for s in joiners.skills} == needs
    assert all(e.job_title == "Menuisier" for e in joiners.employees)


def test_who_left_is_not_on_the_wall() -> None:
    company = skills_company(5, 10)
    gone = replace(company.employees[0], exit_date=date(2026, 1, 31))
    company = replace(company, employees=(gone, *company.employees[1:]))
    assert gone.ref not in {e.ref for e in skills_grid(company, AS_OF).employees}


@given(
    sizes=st.lists(st.integers(1, 60), min_size=1, max_size=12),
    per_page=st.integers(1, 50),
)
def test_every_skill_is_on_exactly_one_page_wide_chunk(sizes: list[int], per_page: int) -> None:
    skills = tuple(
        Skill(f"f{family}-{n}", f"Skill {n}", f"Family {family}")
        for family, size in enumerate(sizes)
        for n in range(size)
    )
    grid = skills_grid(replace(small_company(), skills=skills), AS_OF)
    chunks = column_chunks(grid, per_page)
    assert [column for chunk in chunks for column in chunk] == list(range(len(skills)))
    assert all(0 < len(chunk) <= per_page for chunk in chunks)
    # A family that fits on a page is on one page.
    for family, size in enumerate(sizes):
        if size <= per_page:
            pages = {
                number
                for number, chunk in enumerate(chunks)
                for column in chunk
                if grid.skills[column].family == f"Family {family}"
            }
            assert len(pages) == 1


# -- the PDF --------------------------------------------------------------------------------


def test_a_team_fits_one_page_with_its_legend_in_french() -> None:
    company = skills_company(20, 30)
    pages = _pages(skills_matrix_pdf(company, AS_OF, language="fr"))
    assert len(pages) == 1
    text = pages[0]
    assert "Page 1 sur 1" in text
    for words in ("Non formé", "En formation", "Autonome", "Peut former"):
        assert words in text
    assert "Usinage" in text and "Légende" in text
    for employee in company.employees:
        assert employee.full_name in text


def test_a_large_matrix_repeats_its_headers_on_every_page_within_a_bound() -> None:
    company = skills_company(300, 150)
    reader = PdfReader(io.BytesIO(skills_matrix_pdf(company, AS_OF, language="nb")))
    grid = skills_grid(company, AS_OF)
    look = geometry(grid)
    across = len(column_chunks(grid, look.columns_per_page))
    down = -(-300 // look.rows_per_page)
    count = len(reader.pages)
    assert count == across * down <= 80
    for number in (1, 2, count):  # reading a page's text takes seconds: three of them
        text = reader.pages[number - 1].extract_text()
        assert f"Side {number} av {count}" in text
        assert "Ansatt" in text and "Ikke opplært" in text  # the header and the legend
        assert re.search(r"ansatte \d+–\d+ av 300, kompetanser \d+–\d+ av 150", text)
        first_row = ((number - 1) // across) * look.rows_per_page
        assert grid.employees[first_row].full_name in text


def test_a_company_without_a_catalogue_prints_one_page_that_says_so() -> None:
    pages = _pages(skills_matrix_pdf(small_company(), AS_OF, language="en"))
    assert len(pages) == 1
    assert "no skill yet" in pages[0]


# -- the workbook ---------------------------------------------------------------------------


def test_the_workbook_holds_every_level_and_the_whole_history(tmp_path: Path) -> None:
    company = skills_company(20, 30)
    path = tmp_path / "matrix.xlsx"
    written = export_skills_matrix_xlsx(company, AS_OF, path, language="fr")
    book = load_workbook(path)
    assert book.sheetnames[0] == "Matrice des compétences"
    matrix = book.worksheets[0]
    assert matrix.freeze_panes == "F3"
    grid = skills_grid(company, AS_OF)
    assert [c.value for c in matrix[2]][5:] == [s.name for s in grid.skills]
    assert matrix.cell(1, 6).value == grid.skills[0].family
    for number, cells in enumerate(grid.cells, 3):
        assert matrix.cell(number, 2).value == grid.employees[number - 3].full_name
        assert [matrix.cell(number, 6 + i).value for i in range(len(cells))] == [
            c.level for c in cells
        ]
    held = next(c for c in matrix.iter_rows(min_row=3) for c in c[5:] if c.value == 3)
    assert held.fill.fgColor.rgb.endswith("2E7D4F")
    history = book.worksheets[-1]
    entries = sum(len(e.skill_levels) for e in company.employees)
    assert history.max_row - 1 == entries == written.rows[history.title]
    dates = [row[6] for row in history.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(d, date) for d in dates)
    catalogue = book[written_name(book.sheetnames, "Catalogue")]
    assert catalogue.max_row - 1 == len(company.skills)


def written_name(names: list[str], start: str) -> str:
    return next(name for name in names if name.startswith(start))


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "joinery.entretien"
    with open_workspace(path, skills_company(20, 30)):
        pass
    return path


def test_the_command_writes_the_pdf_and_the_workbook(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, xlsx = tmp_path / "wall.pdf", tmp_path / "matrix.xlsx"
    db = str(data_file)
    assert main(["skills-matrix", "--db", db, "--out", str(pdf), "--site", "Lyon"]) == EXIT_OK
    assert pdf.read_bytes().startswith(b"%PDF")
    common = ["--as-of", "2026-06-15", "--language", "nb"]
    assert main(["skills-matrix", "--db", db, "--out", str(xlsx), *common]) == EXIT_OK
    assert load_workbook(xlsx).sheetnames[0] == "Kompetansematrise"
    assert "20" in capsys.readouterr().out


def test_the_command_refuses_with_every_problem_and_writes_nothing(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = file_digest(data_file)
    out = tmp_path / "wall.txt"
    argv = ["skills-matrix", "--db", str(data_file), "--out", str(out), "--lang", "en"]
    refused = [*argv, "--site", "Paris", "--job", "Pilote", "--department", "Nowhere"]
    assert main(refused) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "must end in .pdf or .xlsx" in err
    assert "no site Paris" in err and "Lyon" in err
    assert "no job Pilote" in err and "no department Nowhere" in err
    assert not out.exists()
    assert file_digest(data_file) == before
    missing = [
        "skills-matrix", "--db", str(tmp_path / "none.entretien"), "--lang", "en",
        "--out", str(tmp_path / "no" / "m.pdf"),
    ]  # fmt: skip
    assert main(missing) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "does not exist" in err and "folder" in err
    french = [*argv[:-2], "--language", "fr"]
    assert main(french) == EXIT_REFUSED
    assert "doit finir par .pdf ou .xlsx" in capsys.readouterr().err
    assert main([*argv[:-2], "--lang", "xx", "--out", str(tmp_path / "m.pdf")]) == EXIT_REFUSED
    assert "unknown language xx" in capsys.readouterr().err
    assert not (tmp_path / "m.pdf").exists()
