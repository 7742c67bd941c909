"""What a typed date means, language by language: the one reading every date field and
table cell of the application goes through (domain/date_entry.py). One case a line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from entretien_desktop.domain.date_entry import expand_year, read_date, short_pattern, short_text
from entretien_desktop.i18n import language_context

TODAY = date(2026, 12, 4)
MARCH_2 = date(2027, 3, 2)


@pytest.fixture(params=["fr", "en", "nl", "nb"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with language_context(request.param) as code:
        yield code


# (language, text, the date it means)
READ = [
    # The language's own short format.
    ("fr", "02/03/2027", MARCH_2),
    ("en", "03/02/2027", MARCH_2),
    ("nl", "02-03-2027", MARCH_2),
    ("nb", "02.03.2027", MARCH_2),
    # Day and month without their leading zero.
    ("fr", "2/3/2027", MARCH_2),
    ("en", "3/2/2027", MARCH_2),
    ("nl", "2-3-2027", MARCH_2),
    ("nb", "2.3.2027", MARCH_2),
    # Another separator than the language's own: the order is the language's.
    ("fr", "02.03.2027", MARCH_2),
    ("nl", "02/03/2027", MARCH_2),
    ("nb", "02-03-2027", MARCH_2),
    ("en", "03-02-2027", MARCH_2),
    # ISO, in every language (a first number of four digits is the year).
    ("fr", "2027-03-02", MARCH_2),
    ("en", "2027-03-02", MARCH_2),
    ("nl", "2027-03-02", MARCH_2),
    ("nb", "2027-03-02", MARCH_2),
    # Two-digit years.
    ("fr", "02/03/27", MARCH_2),
    ("en", "3/2/27", MARCH_2),
    ("nl", "2-3-27", MARCH_2),
    ("nb", "2.3.27", MARCH_2),
    ("fr", "14/07/85", date(1985, 7, 14)),
    # Digits only, in the language's order.
    ("fr", "020327", MARCH_2),
    ("fr", "02032027", MARCH_2),
    ("en", "030227", MARCH_2),
    # Pasted: spaces around, the date in full as the field shows it, abbreviations.
    ("fr", "  02/03/2027\t", MARCH_2),
    ("fr", "mardi 2 mars 2027", MARCH_2),
    ("fr", "2 MARS 2027", MARCH_2),
    ("fr", "2 févr. 2027", date(2027, 2, 2)),
    ("en", "Tuesday, March 2, 2027", MARCH_2),
    ("en", "Mar 2, 2027", MARCH_2),
    ("nl", "dinsdag 2 maart 2027", MARCH_2),
    ("nl", "2 mrt 2027", MARCH_2),
    ("nb", "tirsdag 2. mars 2027", MARCH_2),
    # A leap day, in a leap year.
    ("fr", "29/02/2028", date(2028, 2, 29)),
    # What the user test typed: the hire date and the start of a leave.
    ("fr", "02/09/2019", date(2019, 9, 2)),
    ("fr", "01/06/2026", date(2026, 6, 1)),
]


@pytest.mark.parametrize(("language", "text", "meant"), READ)
def test_a_typed_date_means_what_the_language_says(language: str, text: str, meant: date) -> None:
    with language_context(language):
        found = read_date(text, TODAY)
    assert found.problem is None
    assert found.value == meant


# (language, text, words the reason says)
REFUSED = [
    ("fr", "31/02/2027", ["28", "31"]),
    ("en", "02/31/2027", ["28", "31"]),
    ("nl", "31-02-2027", ["28", "31"]),
    ("nb", "31.02.2027", ["28", "31"]),
    ("fr", "29/02/2027", ["28", "29"]),
    ("fr", "31/04/2027", ["30", "31"]),
    ("fr", "02/13/2027", ["13"]),
    ("en", "13/02/2027", ["13"]),
    ("nl", "00-03-2027", ["0"]),
    ("fr", "abc", ["abc"]),
    ("fr", "2 bidule 2027", ["bidule"]),
    ("en", "mardi 2 mars 2027", ["mardi"]),  # French words are no English date
    ("fr", "02/03", ["02/03"]),  # the year is missing
    ("fr", "02/03/2027/4", ["02/03/2027/4"]),
    ("fr", "02/03/202", ["quatre chiffres"]),
    ("fr", "02/03/1850", ["1900"]),
]


@pytest.mark.parametrize(("language", "text", "said"), REFUSED)
def test_an_impossible_date_is_refused_with_the_reason(
    language: str, text: str, said: list[str]
) -> None:
    with language_context(language):
        found = read_date(text, TODAY)
    assert found.value is None, "never silently changed into another date"
    assert found.problem is not None
    for words in said:
        assert words in found.problem


def test_an_empty_text_is_no_date_and_no_problem(language: str) -> None:
    found = read_date("   ", TODAY)
    assert found.empty


def test_the_date_written_back_reads_as_itself(language: str) -> None:
    for day in (MARCH_2, date(1999, 12, 31), date(2030, 1, 1)):
        assert read_date(short_text(day), TODAY).value == day


@pytest.mark.parametrize(
    ("language", "shown", "pattern"),
    [
        ("fr", "02/03/2027", "jj/mm/aaaa"),
        ("en", "3/2/2027", "mm/dd/yyyy"),
        ("nl", "02-03-2027", "dd-mm-jjjj"),
        ("nb", "02.03.2027", "dd.mm.åååå"),
    ],
)
def test_each_language_writes_its_short_date(language: str, shown: str, pattern: str) -> None:
    with language_context(language):
        assert short_text(MARCH_2) == shown
        assert short_pattern() == pattern


@pytest.mark.parametrize(
    ("two_digits", "year"),
    [(46, 1946), (99, 1999), (0, 2000), (26, 2026), (45, 2045)],
)
def test_a_two_digit_year_is_within_80_years_before_and_19_after(
    two_digits: int, year: int
) -> None:
    assert expand_year(two_digits, TODAY) == year
