"""DSN files for the tests and the bench, built from the cahier technique's structure:
lines ``S21.G00.30.001,'value'``, the declaration's month in S20.G00.05.005, then for each
individual S21.G00.30, its contract S21.G00.40, a payment block the import does not read
(S21.G00.50), stoppages S21.G00.60, the contract's end S21.G00.62 and other suspensions
S21.G00.65."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


def dsn_date(day: date) -> str:
    return day.strftime("%d%m%Y")


@dataclass
class Person:
    nir: str
    last_name: str
    first_names: str
    birth: date
    matricule: str = ""
    start: date = date(2020, 1, 6)
    nature: str = "01"
    scheme: str = "99"
    job: str = "Mécanicien"
    working_time: str = "10"
    stoppages: list[tuple[str, date, date | None]] = field(default_factory=list)
    """(motif, last day worked, return date or None)."""
    suspensions: list[tuple[str, date, date | None]] = field(default_factory=list)
    """(motif, first day, last day or None)."""
    end: date | None = None


def dsn_text(month: date, people: list[Person], nature: str = "01") -> str:
    lines = [
        ("S10.G00.00.001", "Paie Exemple"),
        ("S10.G00.00.006", "P24V01"),
        ("S20.G00.05.001", nature),
        ("S20.G00.05.005", dsn_date(month.replace(day=1))),
        ("S21.G00.06.001", "123456782"),
        ("S21.G00.11.001", "00017"),
    ]
    for person in people:
        lines += [
            ("S21.G00.30.001", person.nir),
            ("S21.G00.30.002", person.last_name),
            ("S21.G00.30.004", person.first_names),
            ("S21.G00.30.006", dsn_date(person.birth)),
        ]
        if person.matricule:
            lines.append(("S21.G00.30.019", person.matricule))
        lines += [
            ("S21.G00.40.001", dsn_date(person.start)),
            ("S21.G00.40.006", person.job),
            ("S21.G00.40.007", person.nature),
            ("S21.G00.40.008", person.scheme),
            ("S21.G00.40.009", f"C{person.nir[-5:]}"),
            ("S21.G00.40.014", person.working_time),
            ("S21.G00.50.001", dsn_date(month.replace(day=28))),
            ("S21.G00.50.002", "2104.50"),
        ]
        for motif, last_worked, back in person.stoppages:
            lines += [("S21.G00.60.001", motif), ("S21.G00.60.002", dsn_date(last_worked))]
            if back is not None:
                lines += [("S21.G00.60.010", dsn_date(back)), ("S21.G00.60.011", "01")]
        if person.end is not None:
            lines += [("S21.G00.62.001", dsn_date(person.end)), ("S21.G00.62.002", "059")]
        for motif, first, last in person.suspensions:
            lines += [("S21.G00.65.001", motif), ("S21.G00.65.002", dsn_date(first))]
            if last is not None:
                lines.append(("S21.G00.65.003", dsn_date(last)))
    lines += [("S90.G00.90.001", str(len(lines) + 2)), ("S90.G00.90.002", "1")]
    return "".join(f"{rubrique},'{value}'\r\n" for rubrique, value in lines)


def write_dsn(folder: Path, month: date, people: list[Person], nature: str = "01") -> Path:
    path = folder / f"dsn-{month:%Y-%m}-{nature}.dsn"
    path.write_text(dsn_text(month, people, nature), encoding="latin-1")
    return path
