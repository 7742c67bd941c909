"""PDF reports read back with pypdf: every answer there and nothing cut, names with accents,
dates and amounts in the reader's language, the company and "Page N of M" on every page;
the invitation with its preparation sheet and its calendar file; the ``report`` command."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Training,
)
from entretien_desktop.i18n import current_language
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.reports import (
    find_interview,
    interview_report,
    invitation_ics,
    invitation_letter,
)
from entretien_desktop.services.reports.blocks import markup
from entretien_desktop.services.reports.ics import meeting_uid
from tests.helpers import db_arg, open_data

COMPANY_NAME = "Boulangerie Lefèvre & Fils"
LONG_END = "fin du texte long, dernière phrase."


def _long_answer() -> str:
    sentences = []
    for number in range(1, 60):
        sentences.append(
            f"Point {number} : Éloïse prépare les entremets, vérifie les températures des "
            "chambres froides et forme les apprentis à la pâte feuilletée."
        )
        if number % 12 == 0:
            sentences.append("")  # a blank line between paragraphs
    text = "\n".join(sentences) + "\n" + LONG_END
    assert len(text) > 6000
    return text


PROFESSIONAL_ANSWERS: dict[str, object] = {
    "interview_date": "2026-03-10",
    "place": "Bureau de la direction, Lyon",
    "participants": "Éloïse Lefèvre, pâtissière\nNoé Garnier, chef de production",
    "interview_context": "Entretien professionnel périodique.",
    "previous_interview_date": "2022-03-14",
    "invitation_date": "2026-02-10",
    "job_title": "Pâtissière",
    "job_missions": "Production des entremets & des viennoiseries <haut de gamme>.",
    "skills_used": _long_answer(),
    "skills_evolution": "Nouveau four à sole : formation au réglage prévue.",
    "path_summary": "Passage en équipe du matin en 2024.",
    "agreements_review": [
        {
            "what": "Formation chocolat",
            "who": "Éloïse",
            "by_when": "2023-06-30",
            "indicator": "Attestation",
            "outcome": "Faite",
        }
    ],
    "trainings_followed": "• HACCP, 2 mai 2022, 14 h, obligatoire",
    "certifications": "CAP Pâtissier",
    "progressions": "Hausse de salaire en juillet 2023.",
    "wishes": "Devenir cheffe pâtissière d'ici trois ans.",
    "mobility": "Pas de mobilité géographique souhaitée.",
    "reconversion": "",
    "obstacles": "Garde des enfants le mercredi.",
    "company_strategy": "Ouverture d'une deuxième boutique à Villeurbanne.",
    "company_skills_needed": "Chocolaterie, encadrement.",
    "company_openings": "Poste de cheffe pâtissière en 2027.",
    "training_requests": [
        {
            "course": "Chocolaterie avancée",
            "provider": "École Valrhona",
            "hours": "35",
            "cost": "1850.5",
            "start": "2026-09-14",
            "end": "2026-09-18",
            "working_hours": "inside",
            "validation": "certificate",
            "funding": "opco",
            "priority": "high",
        },
        {
            "course": "Management d'équipe",
            "provider": "CCI Lyon",
            "hours": "21",
            "cost": "900",
            "start": "2027-01-11",
            "end": "",
            "working_hours": "outside",
            "validation": "none",
            "funding": "cpf",
            "priority": "medium",
        },
    ],
    "information_given": ["cpf_activation", "cep", "vae"],
    "action_plan": [
        {
            "what": "S'inscrire à la chocolaterie",
            "who": "Éloïse",
            "by_when": "2026-06-30",
            "indicator": "Inscription",
        }
    ],
    "development_plan": "Encadrer un apprenti dès la rentrée.",
    "employee_comments": "Merci pour l'écoute.",
    "manager_comments": "Très bon entretien.",
    "signed_on": "2026-03-10",
    "copy_handed_over": "2026-03-11",
}

ANNUAL_ANSWERS: dict[str, object] = {
    "interview_date": "2026-01-20",
    "period_reviewed": "2025",
    "job_title": "Pâtissière",
    "objectives_review": [
        {
            "objective": "Réduire les pertes",
            "indicator": "Pertes < 3 %",
            "condition": "Nouveau planning",
            "evaluation": "B",
        }
    ],
    "results": "Pertes ramenées à 2,8 %.",
    "skill_technical": "A",
    "skill_quality": "B",
    "objectives_next": [
        {
            "objective": "Former un apprenti",
            "indicator": "CAP obtenu",
            "condition": "Temps dédié",
            "deadline": "2026-12-31",
        }
    ],
}


def sample_company() -> Company:
    """A bakery of 62 (the top-up applies): a professional interview filled in, a summary
    review that owes the top-up, an annual review, an invitation to come."""
    eloise = Employee(
        ref="E1",
        first_name="Éloïse",
        last_name="Lefèvre",
        hire_date=date(2016, 9, 1),
        contract=Contract.PERMANENT,
        job_title="Pâtissière",
        department="Production",
        site="Lyon",
        manager_ref="E2",
        interviews=(
            Interview(
                "P-2022-01", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2022, 3, 14)
            ),
            Interview(
                "P-2026-01",
                InterviewKind.PROFESSIONAL,
                InterviewStatus.HELD,
                date(2026, 3, 10),
                invited_on=date(2026, 2, 10),
                answers=PROFESSIONAL_ANSWERS,
                template="professional@1",
                interviewer="Noé Garnier",
                place="Bureau de la direction, Lyon",
                context="Entretien professionnel périodique.",
            ),
            Interview(
                "A-2026-01",
                InterviewKind.ANNUAL_REVIEW,
                InterviewStatus.HELD,
                date(2026, 1, 20),
                answers=ANNUAL_ANSWERS,
                template="annual_review@1",
                interviewer="Noé Garnier",
            ),
        ),
    )
    noe = Employee(
        ref="E2",
        first_name="Noé",
        last_name="Garnier",
        hire_date=date(2012, 5, 2),
        contract=Contract.PERMANENT,
        job_title="Chef de production",
        department="Production",
        site="Lyon",
        interviews=(
            Interview(
                "P-2026-02",
                InterviewKind.PROFESSIONAL,
                InterviewStatus.INVITED,
                date(2026, 12, 14),
                invited_on=date(2026, 11, 13),
                interviewer="Amélie Lefèvre, gérante",
                place="Salle de réunion, 1er étage; 12 rue de la République, Lyon",
            ),
        ),
    )
    theo = Employee(
        ref="E3",
        first_name="Théo",
        last_name="Marchand",
        hire_date=date(2017, 1, 9),
        contract=Contract.PERMANENT,
        job_title="Boulanger",
        site="Lyon",
        language="en",
        trainings=(Training("Hygiène HACCP", date(2019, 4, 2), hours=14, mandatory=True),),
        interviews=(
            Interview(
                "S-2026-01",
                InterviewKind.SUMMARY_REVIEW,
                InterviewStatus.HELD,
                date(2026, 3, 20),
                interviewer="Amélie Lefèvre",
                template="summary_review@1",
                answers={"interview_date": "2026-03-20", "outcome": "top_up_owed"},
            ),
        ),
    )
    return Company(
        name=COMPANY_NAME,
        country="FR",
        headcount=62,
        headcount_date=date(2026, 1, 1),
        employees=(eloise, noe, theo),
    )


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    """Whitespace of any kind (line breaks, no-break spaces) as one plain space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _body(pages: list[str]) -> str:
    """The text of every page without its header (company, title), fingerprint, initials
    and page number lines, flattened, so that a paragraph split across two pages reads as one."""
    kept = []
    for text in pages:
        lines = text.split("\n")
        assert lines[0] == COMPANY_NAME  # the header comes first: the company, the title
        kept += [
            line
            for line in lines[2:]
            if not line.startswith("Fingerprint of the signed record")
            and line != "Initials:"  # the footer's boxes for initials, on a copy not signed
            and not re.fullmatch(r"Page \d+ of \d+", line)
        ]
    return _flat(" ".join(kept))


def _report(interview_id: str, language: str | None = None) -> bytes:
    company = sample_company()
    employee, interview = find_interview(company, interview_id)
    return interview_report(company, employee, interview, language)


@pytest.fixture(scope="module")
def professional_en() -> list[str]:
    return _pages(_report("P-2026-01", "en"))


@pytest.fixture(scope="module")
def professional_fr() -> list[str]:
    return _pages(_report("P-2026-01"))


def test_every_answer_is_in_the_report(professional_en: list[str]) -> None:
    body = _body(professional_en)
    for field_id, value in PROFESSIONAL_ANSWERS.items():
        if (
            isinstance(value, str)
            and value
            and field_id
            not in {
                "interview_date",
                "previous_interview_date",
                "invitation_date",
                "signed_on",
                "copy_handed_over",
            }
        ):
            assert _flat(value) in body, field_id
    for cell in ("Chocolaterie avancée", "École Valrhona", "CCI Lyon", "Attestation"):
        assert cell in body
    assert "Cost €1,850.50" in body  # an amount, in the company's currency
    # Choices by their labels, dates in the reader's format: in full in a sentence, a field
    # of their own or a request's card, the month abbreviated in a grid's cell.
    for label in ("Certificate", "High priority", "Outside working hours", "Skills operator"):
        assert label in body
    assert "Start September 14, 2026" in body and "Previous interview on March 14, 2022" in body
    assert "Jun 30, 2023" in body  # last time's agreements: a grid


def test_the_long_answer_flows_across_pages_complete(professional_en: list[str]) -> None:
    assert len(professional_en) > 1
    body = _body(professional_en)
    assert _flat(PROFESSIONAL_ANSWERS["skills_used"]) in body  # type: ignore[arg-type]
    assert LONG_END in body


def test_a_table_cell_longer_than_a_page_is_not_cut() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    long = _long_answer()
    answers = {
        **PROFESSIONAL_ANSWERS,
        "action_plan": [{"what": long, "who": "Éloïse", "by_when": "2026-06-30"}],
        "place": "https://visio.example.org/" + "x" * 200,  # one word wider than the page
    }
    changed = dataclasses.replace(interview, answers=answers)
    body = _body(_pages(interview_report(company, employee, changed, "en")))
    assert body.count(LONG_END) == 2  # the answer, and the cell
    assert _flat(long) in body
    assert "x" * 200 in body.replace(" ", "")


def test_user_text_is_not_markup(professional_en: list[str]) -> None:
    assert "entremets & des viennoiseries <haut de gamme>." in _body(professional_en)


def test_every_page_has_the_company_and_its_number(professional_en: list[str]) -> None:
    total = len(professional_en)
    for number, text in enumerate(professional_en, start=1):
        assert COMPANY_NAME in text
        assert f"Page {number} of {total}" in text


def test_names_with_accents_and_a_french_date(professional_fr: list[str]) -> None:
    body = _body(professional_fr)
    assert "Éloïse Lefèvre" in body and "Noé Garnier" in body
    assert "10 mars 2026" in body and "14 septembre 2026" in body
    assert "March 10, 2026" not in body


def test_the_report_speaks_english_when_asked(professional_en: list[str]) -> None:
    body = _body(professional_en)
    assert "March 10, 2026" in body and "10 mars 2026" not in body
    assert current_language() == "en"


def test_the_language_in_use_is_restored() -> None:
    _report("P-2026-01", "fr")
    assert current_language() == "en"


def test_checks_yes_no_and_unanswered_fields(professional_en: list[str]) -> None:
    body = _body(professional_en)
    # The information given is stated in sentences (tests/test_report_information.py).
    assert "Also explained aloud during the interview: Personal training account (CPF)," in body
    assert "☐" not in body
    assert "Career change project —" in body  # left empty


def test_legal_mentions_and_signature_blocks(professional_en: list[str]) -> None:
    body = _body(professional_en)
    assert "not an evaluation of the employee's work" in body
    assert "A copy of this report is handed to the employee." in body
    assert body.count("not an evaluation") == 1  # the notice already says it
    assert "The employee Éloïse Lefèvre" in body and "The interviewer Noé Garnier" in body
    # The signature blocks are kept together on the last page.
    assert "Signatures" in professional_en[-1] and "Signature:" in professional_en[-1]


def test_annual_review_tables_ratings_and_confidentiality() -> None:
    body = _body(_pages(_report("A-2026-01", "en")))
    assert "Réduire les pertes" in body and "B: met" in body
    assert "A: expert, can teach others" in body
    assert "Pertes < 3 %" in body
    assert "confidential" in body


def test_the_summary_review_shows_the_amount_in_each_language() -> None:
    french = "".join(_pages(_report("S-2026-01", "fr")))
    # babel writes 3\u202f000\u00a0€; reportlab sets the no-break space as a space glyph
    # (and text extraction reads it so), the narrow one stays what it is.
    assert "3\u202f000 €" in french
    assert "Théo Marchand" in french
    english = _flat("".join(_pages(_report("S-2026-01", "en"))))
    assert "€3,000" in english
    assert "Interviews due missed Yes" in english
    assert "Non-mandatory training followed No" in english
    assert "Period to January 9, 2023" in english  # the form's answer, as the rules find it
    assert "January 9, 2017 to January 9, 2023 (6 years)" in english


def test_metadata_and_fingerprint_footer() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    signed = dataclasses.replace(interview, fingerprint="ab" * 32)
    data = interview_report(company, employee, signed, "en")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.author == COMPANY_NAME
    assert reader.metadata.title == "Career-path interview — Éloïse Lefèvre"
    for page in reader.pages:  # explained, and short enough to read and compare
        footer = _flat(page.extract_text())
        assert "Fingerprint of the signed record (File › Verify a report): " in footer
        assert "abababab abababab abababab abababab…" in footer
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert all("DejaVuSans" in name for name in fonts)


def test_the_invitation_has_the_preparation_sheet_on_page_two() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    pages = _pages(invitation_letter(company, employee, interview, "en"))
    assert len(pages) == 2
    first, second = _flat(pages[0]), _flat(pages[1])
    assert "Noé Garnier" in first and "Monday, December 14, 2026" in first
    assert "Amélie Lefèvre, gérante" in first
    assert "Time ____" in first  # no time known: a line to fill in
    assert "Preparing your interview" in second
    assert "Your job description" in second and "The skills you master" in second
    french = _flat("".join(_pages(invitation_letter(company, employee, interview))))
    assert "lundi 14 décembre 2026" in french


def test_the_calendar_file() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    stamp = datetime(2026, 11, 13, 9, 0, tzinfo=UTC)
    text = invitation_ics(company, employee, interview, "en", stamp=stamp)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    # No time yet: the day, without blocking it.
    assert event.decoded("dtstart") == date(2026, 12, 14)
    assert event.decoded("dtend") == date(2026, 12, 15)
    assert str(event["transp"]) == "TRANSPARENT"
    assert str(event["uid"]) == meeting_uid(company.name, "P-2026-02")
    assert str(event["summary"]) == "Career-path interview: Noé Garnier"
    assert str(event["location"]) == "Salle de réunion, 1er étage; 12 rue de la République, Lyon"


def test_a_timed_meeting_carries_the_company_time_zone_and_a_growing_sequence() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    first = datetime(2026, 11, 13, 9, 0, tzinfo=UTC)
    text = invitation_ics(company, employee, interview, "en", at=time(9, 30), stamp=first)
    parsed = Calendar.from_ical(text)
    (event,) = parsed.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime(2026, 12, 14, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert [str(z["tzid"]) for z in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert event.decoded("dtend") - start == timedelta(hours=1)
    assert str(event["transp"]) == "OPAQUE"
    later = invitation_ics(
        company, employee, interview, "en", at=time(14, 0), stamp=first + timedelta(days=2)
    )
    (replanned,) = Calendar.from_ical(later).walk("VEVENT")
    assert int(replanned["sequence"]) > int(event["sequence"])
    assert replanned["uid"] == event["uid"]
    other = replace(company, name="Autre SARL")
    assert meeting_uid(other.name, "P-2026-02") != str(event["uid"])


def test_markup_escapes_and_keeps_lines() -> None:
    assert markup("a < b & c\nd") == "a &lt; b &amp; c<br/>d"


@pytest.fixture
def company_file(tmp_path: Path) -> Path:
    db = tmp_path / "company.sqlite"
    with open_data(db) as database:
        import_company(database, sample_company())
    return db


def test_the_report_command_writes_the_pdf(
    company_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    argv = ["report", "--db", db_arg(company_file), "--interview", "P-2026-01", "--out", str(out)]
    assert main([*argv, "--lang", "en"]) == EXIT_OK
    assert str(out) in capsys.readouterr().out
    pages = _pages(out.read_bytes())
    assert "Page 1 of" in pages[0] and "Éloïse Lefèvre" in _body(pages)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # Without --lang, the report is in the employee's language.
    assert main(argv) == EXIT_OK
    assert "10 mars 2026" in _body(_pages(out.read_bytes()))


def test_the_report_command_refuses_an_unknown_language(
    company_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    argv = ["report", "--db", db_arg(company_file), "--interview", "P-2026-01", "--out", str(out)]
    assert main([*argv, "--lang", "xx"]) == EXIT_REFUSED
    assert "xx" in capsys.readouterr().err
    assert not out.exists()


def test_the_report_command_refuses_an_unknown_interview(
    company_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    argv = ["report", "--db", db_arg(company_file), "--interview", "NOPE", "--out", str(out)]
    assert main([*argv, "--lang", "en"]) == EXIT_REFUSED
    assert "NOPE" in capsys.readouterr().err
    assert not out.exists()


def test_the_report_command_refuses_a_file_without_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "empty.sqlite", tmp_path / "report.pdf"
    with open_data(db):
        pass
    argv = ["report", "--db", db_arg(db), "--interview", "P-2026-01", "--out", str(out)]
    assert main([*argv, "--lang", "en"]) == EXIT_REFUSED
    assert "holds no company" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_a_rendered_page_is_not_blank(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_report("P-2026-01", "fr"))
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]
    inked = sum(1 for value in pixels if value < 200)
    assert inked > len(pixels) // 50


@pytest.mark.parametrize(
    ("held_on", "name", "not_name"),
    [
        (date(2025, 10, 25), "Entretien professionnel", "Entretien de parcours professionnel"),
        (date(2025, 10, 26), "Entretien de parcours professionnel", None),
    ],
)
def test_the_professional_interview_takes_its_2025_name_from_its_date(
    held_on: date, name: str, not_name: str | None
) -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    dated = replace(interview, date=held_on)
    report = _flat(" ".join(_pages(interview_report(company, employee, dated, "fr"))))
    letter = _flat(" ".join(_pages(invitation_letter(company, employee, dated, "fr"))))
    for text in (report, letter):
        assert name in text
        if not_name is not None:
            assert not_name not in text
    assert report.startswith(f"{COMPANY_NAME} {name} — ")  # the title of every page
    if not_name is None:  # not in the legal mentions or the form's name either
        assert not re.search(r"ntretiens? professionnels?\b", report), report


@pytest.mark.parametrize(
    ("kind", "interview_id"),
    [
        (InterviewKind.RETURN, "P-2026-01"),
        (InterviewKind.SUMMARY_REVIEW, "S-2026-01"),
        (InterviewKind.ANNUAL_REVIEW, "A-2026-01"),
        (InterviewKind.PROFESSIONAL, "P-2026-01"),
    ],
)
def test_since_2025_no_report_speaks_of_the_professional_interview(
    kind: InterviewKind, interview_id: str
) -> None:
    company = sample_company()
    employee, interview = find_interview(company, interview_id)
    kept = {"interview_date", "outcome"} if kind is InterviewKind.SUMMARY_REVIEW else set()
    answers = {k: v for k, v in (interview.answers or {}).items() if k in kept}
    # The context is typed text (the user's words, not the program's): left out.
    moved = replace(
        interview, kind=kind, template=None, answers=answers, date=date(2025, 11, 3), context=""
    )
    report = _flat(" ".join(_pages(interview_report(company, employee, moved, "fr"))))
    assert not re.search(r"ntretiens? professionnels?\b", report), report
    older = replace(moved, date=date(2025, 10, 24))
    before = _flat(" ".join(_pages(interview_report(company, employee, older, "fr"))))
    if kind is not InterviewKind.SUMMARY_REVIEW:  # the old review's period ended in 2023
        assert re.search(r"ntretiens? professionnels?\b", before), before


@pytest.mark.parametrize(
    ("kind", "heading", "absent"),
    [
        (InterviewKind.ANNUAL_REVIEW, "Good to know", "Legal mentions"),
        (InterviewKind.CAREER_CONVERSATION, "Good to know", "Legal mentions"),
        (InterviewKind.PROFESSIONAL, "Legal mentions", "Good to know"),
    ],
)
def test_a_company_policy_interview_has_no_legal_mentions_and_says_it_replaces_nothing(
    kind: InterviewKind, heading: str, absent: str
) -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    other = replace(interview, kind=kind, template=None, answers={"place": "Bureau"})
    text = _flat(" ".join(_pages(interview_report(company, employee, other, "en"))))
    assert heading in text and absent not in text
    replaces_nothing = "does not replace the career-path interview the law requires"
    assert (replaces_nothing in text) is (kind is not InterviewKind.PROFESSIONAL)


def test_the_signature_block_says_what_signing_means_and_leaves_lines_to_write_on() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    unsigned = replace(interview, signed_on=None, fingerprint=None)
    text = _flat(" ".join(_pages(interview_report(company, employee, unsigned, "en"))))
    assert "have read this report (read and acknowledged), not that they agree" in text
    assert text.count("Place: __________________") == 2
    assert text.count("Date: __________________") == 2
    signed = replace(interview, signed_on=date(2026, 11, 20))
    signed_text = _flat(" ".join(_pages(interview_report(company, employee, signed, "en"))))
    assert "Place: ____" not in signed_text
    assert signed_text.count("Date: November 20, 2026") == 2


def test_the_signed_date_has_one_source_and_empty_dates_are_lines_to_write_on() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    typed = {**(interview.answers or {}), "signed_on": "2026-01-01", "copy_handed_over": ""}
    signed = replace(interview, signed_on=date(2026, 11, 20), answers=typed)
    text = _flat(" ".join(_pages(interview_report(company, employee, signed, "en"))))
    assert "Signed on November 20, 2026" in text and "January 1, 2026" not in text
    assert "Copy handed over on ______________" in text
    unsigned = replace(
        interview, signed_on=None, fingerprint=None, answers=typed | {"signed_on": ""}
    )
    blank = _flat(" ".join(_pages(interview_report(company, employee, unsigned, "en"))))
    assert "Signed on ______________" in blank and "Signed on —" not in blank


@pytest.mark.parametrize(
    ("status", "draft"),
    [
        (InterviewStatus.PLANNED, True),
        (InterviewStatus.INVITED, True),
        (InterviewStatus.HELD, False),
    ],
)
def test_a_report_of_an_interview_not_held_says_it_is_a_draft(
    status: InterviewStatus, draft: bool
) -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    text = _flat(
        " ".join(
            _pages(interview_report(company, employee, replace(interview, status=status), "en"))
        )
    )
    assert ("Draft: this interview has not been held yet" in text) is draft
