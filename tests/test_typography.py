"""The house typography on paper: one style of dates, amounts with their currency, French
apostrophes and no-break spaces in what the user typed too, nothing smaller than 9 points,
no empty block that does not apply, the fingerprint's QR code on a signed report and the
boxes for initials on a copy to sign on paper."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind
from entretien_desktop.i18n import _, format_number, language_context, prose_date, table_date
from entretien_desktop.i18n.typography import NBSP, NNBSP, typeset
from entretien_desktop.rules import evaluate_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.reports import interview_report
from entretien_desktop.services.reports import register as register_module
from entretien_desktop.services.reports.blocks import markup
from entretien_desktop.services.reports.interview_report import find_interview
from entretien_desktop.services.reports.layout import (
    MARGIN,
    QR_SIZE,
    SMALLEST,
    qr_modules,
    styles,
)
from entretien_desktop.services.templates import built_in_template
from tests.test_paper_words import TODAY, _documents
from tests.test_reports import _body, _pages, sample_company

LANGUAGES = ("fr", "en", "nl", "nb")
SPACES = re.compile(r"[\s\u00a0\u202f]+")


# --- The one function: typeset -----------------------------------------------------------


def test_a_french_answer_gets_its_apostrophe_and_no_break_spaces() -> None:
    assert typeset("l'entretien : oui", "fr") == f"l’entretien{NNBSP}: oui"
    assert typeset("Pourquoi? Non! « bien »; fin", "fr") == (
        f"Pourquoi{NNBSP}? Non{NNBSP}! «{NNBSP}bien{NNBSP}»{NNBSP}; fin"
    )
    # Not inside what is no punctuation of a sentence: an address, an hour.
    assert typeset("https://exemple.fr?x=1 à 10:30", "fr") == "https://exemple.fr?x=1 à 10:30"


def test_a_number_and_its_unit_never_break() -> None:
    text = typeset("moins de 10 000 € HT, 35 h, 40 %", "fr")
    assert f"10{NNBSP}000{NBSP}€{NBSP}HT" in text
    assert f"35{NBSP}h" in text and f"40{NBSP}%" in text
    assert typeset("cost 10 000 EUR", "en") == f"cost 10{NBSP}000{NBSP}EUR"
    assert typeset("€ 3.000", "nl") == f"€{NBSP}3.000"
    # Years side by side stay two numbers.
    assert typeset("2024 2025", "fr") == "2024 2025"


def test_a_typed_date_never_breaks() -> None:
    assert typeset("du 4 févr. 2026 au 1er mars 2026", "fr") == (
        f"du 4{NBSP}févr.{NBSP}2026 au 1er{NBSP}mars{NBSP}2026"
    )
    assert typeset("on December 4, 2025", "en") == f"on December{NBSP}4,{NBSP}2025"
    assert typeset("den 4. desember 2025", "nb") == f"den 4.{NBSP}desember{NBSP}2025"


def test_english_keeps_its_straight_apostrophe_and_its_colons() -> None:
    assert typeset("The employee's view: fine", "en") == "The employee's view: fine"


# --- One style of dates --------------------------------------------------------------------


def test_dates_in_full_in_prose_abbreviated_in_tables() -> None:
    day = date(2025, 12, 4)
    with language_context("fr"):
        assert prose_date(day) == f"4{NBSP}décembre{NBSP}2025"
        assert table_date(day) == f"4{NBSP}déc.{NBSP}2025"
        assert prose_date(date(2026, 3, 1)) == f"1er{NBSP}mars{NBSP}2026"  # the first, 1er
    with language_context("en"):
        assert prose_date(day) == f"December{NBSP}4,{NBSP}2025"


_ABBREVIATED = re.compile(r"\d\s(janv|févr|avr|juil|sept|oct|nov|déc)\.")


def test_the_rules_sentences_write_every_date_in_full() -> None:
    """ "qui expirait le 4 déc. 2025, courait encore le 26 octobre 2025": one style."""
    report = evaluate_company(build_demo_company(TODAY), TODAY)
    with language_context("fr"):
        sentences = [o.explanation for o in report]
    assert any("26 octobre 2025" in s for s in sentences)
    assert [s for s in sentences if _ABBREVIATED.search(s)] == []


# --- Every demo PDF -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Company:
    return build_demo_company(TODAY)


@pytest.fixture(scope="module")
def demo_pdfs(demo: Company) -> dict[str, list[tuple[str, bytes]]]:
    return {language: _documents(demo, language) for language in LANGUAGES}


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _costs(company: Company) -> set[float]:
    costs = set()
    for employee in company.employees:
        for interview in employee.interviews:
            for row in (interview.answers or {}).get("training_requests") or []:
                if str(row.get("cost", "")).strip():
                    costs.add(float(row["cost"]))
    return costs


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_amount_has_its_currency(
    demo: Company, demo_pdfs: dict[str, list[tuple[str, bytes]]], language: str
) -> None:
    """ "Coût 1 350" in a report's table of training requests: never again. The costs the
    demo's forms hold, wherever they are printed, come with the currency; so does every
    figure after the word for a cost."""
    with language_context(language):
        numbers = {SPACES.sub(" ", format_number(cost)) for cost in _costs(demo)}
        cost_word = _("Cost")
    assert numbers
    currency = r"(€|EUR|kr|NOK)"
    found = []
    for name, data in demo_pdfs[language]:
        text = SPACES.sub(" ", _text(data))
        for number in numbers:
            for match in re.finditer(rf"(?<![\d.,]){re.escape(number)}(?![\d.,]| \d)", text):
                around = text[max(0, match.start() - 3) : match.end() + 4]
                if not re.search(currency, around):
                    found.append(f"{name}: {around!r}")
        for match in re.finditer(rf"{cost_word} ?:? (\d(?:[\d.,]| (?=\d))*)( ?{currency})?", text):
            if match.group(2) is None:
                found.append(f"{name}: {match.group(0)!r}")
    assert found == []


_FONT_SIZE = re.compile(rb"/F\d+ ([\d.]+) Tf")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_nothing_is_printed_smaller_than_9_points(
    demo_pdfs: dict[str, list[tuple[str, bytes]]], language: str
) -> None:
    """Every text of every demo PDF, footers and table cells included, read in the pages'
    drawing operators."""
    smaller = set()
    for name, data in demo_pdfs[language]:
        for page in PdfReader(io.BytesIO(data)).pages:
            contents = page.get_contents()
            assert contents is not None
            sizes = {float(s) for s in _FONT_SIZE.findall(contents.get_data())}
            smaller |= {(name, s) for s in sizes if s < SMALLEST}
    assert smaller == set()


def test_no_style_is_smaller_than_9_points() -> None:
    look = styles()
    sizes = {f.name: getattr(look, f.name).fontSize for f in dataclasses.fields(look)}
    assert min(sizes.values()) >= SMALLEST == 9, sizes
    assert register_module.FONT_SIZE >= SMALLEST


# --- The interview report -----------------------------------------------------------------


def _english() -> tuple[Company, Employee, Interview, str]:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    return company, employee, interview, "en"


def _report(answers: dict[str, object] | None = None, **changes: object) -> bytes:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-01")
    if answers is not None:
        interview = dataclasses.replace(interview, answers={**interview.answers, **answers})
    interview = dataclasses.replace(interview, **changes)
    return interview_report(company, employee, interview, "fr")


def test_a_typed_french_answer_is_printed_in_french_typography() -> None:
    text = _text(_report({"employee_comments": "Sur l'entretien : oui, d'accord"}))
    assert "Sur l’entretien : oui, d’accord" in text  # (the space read back is a no-break one)
    assert "l'entretien" not in text
    with language_context("fr"):  # the paragraph's markup: the no-break space
        assert markup("Sur l'entretien : oui") == "Sur l’entretien\u00a0: oui"


def test_an_amount_typed_in_a_table_has_the_company_currency() -> None:
    company = dataclasses.replace(sample_company(), currency="NOK")
    employee, interview = find_interview(company, "P-2026-01")
    body = SPACES.sub(" ", _text(interview_report(company, employee, interview, "nb")))
    assert re.search(r"1 850,50 kr", body), body


_CAREER_STAGE = "Mi-carrière ou fin de carrière"


def test_an_empty_mid_career_block_is_not_printed_for_a_30_year_old() -> None:
    template = built_in_template(InterviewKind.PROFESSIONAL)
    section = next(s for s in template.sections if s.id == "career_stage")
    assert section.optional
    empty = {f.id: "" for f in section.fields}
    body = _body(_pages(_report(empty)))
    assert _CAREER_STAGE not in body
    assert "Aménagement du poste" not in body
    # The sections after it are numbered on: no gap.
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d{1,2})\. [A-ZÉ]", body)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_mid_career_block_with_one_answer_is_printed_whole() -> None:
    body = _body(_pages(_report({"part_time": "Souhaite un 80 % à partir de 2027."})))
    assert _CAREER_STAGE in body
    assert "Souhaite un 80 % à partir de 2027." in body
    assert "Aménagement du poste" in body  # the rest of the section, empty: shown


def test_a_heading_is_not_repeated_as_its_field_label() -> None:
    body = _body(_pages(_report()))
    assert body.count("Demandes de formation") == 1, body


# --- The footer ---------------------------------------------------------------------------


def test_a_copy_to_sign_on_paper_has_boxes_for_initials_on_every_page() -> None:
    pages = _pages(_report(fingerprint=None, signed_on=None))
    assert len(pages) > 1
    assert all("Paraphes" in page for page in pages)


def test_a_report_signed_on_screen_has_no_boxes_for_initials() -> None:
    pages = _pages(_report(fingerprint="ab" * 32, signed_on=date(2026, 3, 10)))
    assert not any("Paraphes" in page for page in pages)


_RECT = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) [\d.]+ re f")


def _qr_drawn(data: bytes, page: int = 0) -> list[list[bool]]:
    """The QR code drawn in a page's footer, read back from the page's filled squares."""
    contents = PdfReader(io.BytesIO(data)).pages[page].get_contents()
    assert contents is not None
    squares = [
        (float(x), float(y), float(side))
        for x, y, side in _RECT.findall(contents.get_data())
        if float(y) < MARGIN and float(x) < MARGIN + QR_SIZE
    ]
    assert squares, "no QR code in the footer"
    step = squares[0][2]
    count = round(QR_SIZE / step) - 4  # less the quiet zone, two modules each side
    lowest = min(y for _x, y, _side in squares)  # the bottom row (its finder pattern)
    grid = [[False] * count for _row in range(count)]
    for x, y, _side in squares:
        grid[count - 1 - round((y - lowest) / step)][round((x - MARGIN) / step) - 2] = True
    return grid


def test_a_signed_report_has_the_fingerprint_as_a_qr_code() -> None:
    fingerprint = "0123456789abcdef" * 4
    data = _report(fingerprint=fingerprint, signed_on=date(2026, 3, 10))
    for page in range(len(_pages(data))):
        assert _qr_drawn(data, page) == qr_modules(fingerprint)
    assert qr_modules(fingerprint) != qr_modules("f" + fingerprint[1:])


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="needs zbar-tools' zbarimg")
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_qr_code_reads_back_as_the_fingerprint(tmp_path: Path) -> None:
    """What a phone or a scanner reads off the printed page, at 150 dots an inch."""
    fingerprint = "0123456789abcdef" * 4
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(_report(fingerprint=fingerprint, signed_on=date(2026, 3, 10)))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.png"))
    read = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    assert read.stdout.strip() == fingerprint


def test_a_table_date_is_abbreviated_and_a_field_date_in_full() -> None:
    body = SPACES.sub(" ", " ".join(_pages(_report())))
    assert "10 mars 2026" in body  # the interview's date, a field of its own
    # A training request is a card of its own (ten columns do not fit across): full dates.
    assert "14 septembre 2026" in body and "14 sept. 2026" not in body
    english = SPACES.sub(" ", " ".join(_pages(interview_report(*_english()))))
    assert "Jun 30, 2023" in english  # last time's agreements: a grid's cell
    assert "June 30, 2023" not in english
