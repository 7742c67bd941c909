"""A DSN file read into declarations: its lines ``S21.G00.30.001,'value'`` grouped into the
blocks this program reads, each value with the line it came from (docs/import.md).

A line that is not ``<rubrique>,'<value>'`` is damaged: reported with its file and line,
and the import refused. Blocks not read (pay, contributions, organisations) are skipped
without a look at their values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from entretien_desktop.i18n import _

_LINE = re.compile(r"^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),'(.*)'$")

INDIVIDUAL = "S21.G00.30"
CONTRACT = "S21.G00.40"
STOPPAGE = "S21.G00.60"
CONTRACT_END = "S21.G00.62"
SUSPENSION = "S21.G00.65"
_PER_PERSON = (CONTRACT, STOPPAGE, CONTRACT_END, SUSPENSION)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a value is: a file's name and a line (counted from 1)."""

    file: str
    line: int

    def __str__(self) -> str:
        return _("{file}, line {line}").format(file=self.file, line=self.line)


@dataclass(slots=True)
class Block:
    """One block of a declaration (a contract, a stoppage...): its values by rubrique
    number (``"001"``) and the line of each."""

    name: str
    place: Place
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, number: str) -> str:
        return self.values.get(number, "")

    def at(self, number: str) -> Place:
        return Place(self.place.file, self.lines.get(number, self.place.line))


@dataclass(slots=True)
class Individual:
    """S21.G00.30 and the blocks that follow it until the next individual."""

    block: Block
    contracts: list[Block] = field(default_factory=list)
    stoppages: list[Block] = field(default_factory=list)
    ends: list[Block] = field(default_factory=list)
    suspensions: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Declaration:
    """One DSN file: its month (S20.G00.05.005), nature (S20.G00.05.001) and people."""

    file: str
    month: date | None = None
    nature: str = ""
    individuals: list[Individual] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Damaged lines and values that cannot be read: each refuses the import."""


def read_date(text: str) -> date | None:
    """A DSN date, ``DDMMYYYY``; None when it is not one."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_dsn(path: Path) -> Declaration:
    return parse_text(path.name, _decode(path.read_bytes()))


def parse_text(name: str, text: str) -> Declaration:
    """The declaration of the DSN ``text`` (a file called ``name``)."""
    declaration = Declaration(name)
    person: Individual | None = None
    current: Block | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            declaration.problems.append(
                _("{place}: damaged line, expected rubrique,'value': {text}").format(
                    place=Place(name, number), text=line[:60]
                )
            )
            continue
        rubrique, value = match.groups()
        block_name, item = rubrique[:10], rubrique[11:]
        place = Place(name, number)
        if block_name == "S20.G00.05":
            if item == "001":
                declaration.nature = value
            elif item == "005":
                declaration.month = read_date(value)
                if declaration.month is None:
                    declaration.problems.append(
                        _("{place}: {value} is not a date (DDMMYYYY)").format(
                            place=place, value=value
                        )
                    )
            continue
        if block_name == INDIVIDUAL:
            if item == "001" or person is None:
                person = Individual(Block(INDIVIDUAL, place))
                declaration.individuals.append(person)
            current = person.block
        elif block_name in _PER_PERSON and person is not None:
            if current is None or current.name != block_name or item in current.values:
                current = Block(block_name, place)
                {
                    CONTRACT: person.contracts,
                    STOPPAGE: person.stoppages,
                    CONTRACT_END: person.ends,
                    SUSPENSION: person.suspensions,
                }[block_name].append(current)
        else:
            if block_name.startswith("S21.G00.") or block_name.startswith("S90"):
                current = None
            continue
        current.values[item] = value
        current.lines[item] = number
    return declaration
