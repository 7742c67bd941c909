"""The register brought in from a spreadsheet (docs/import.md, "Spreadsheets").

A sheet is read whole (``.xlsx``, ``.xls``, ``.ods`` with python-calamine; ``.csv`` with its
delimiter and encoding detected), its header row found, and a mapping of its columns to the
employee's fields proposed from the headers in the four languages. The user corrects the
mapping and the table of values (``CDI`` -> permanent contract...), both kept per file
shape as a small JSON document. The dry run reads every row into an employee, checks it
with the employee dialog's rules (services/employee_checks.py) against the company the
import would make, and says what would be added, updated (matched on the employee number,
then on name and birth date) or left alone; every problem names its sheet, row and column.
Nothing is written until ``write`` is called with a plan that has no problem: then every
employee is written in one change through the gate (one undo step).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from entretien_desktop.domain import Company, Contract, Employee, WorkingTime
from entretien_desktop.domain.date_entry import read_date
from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _, current_language
from entretien_desktop.services.employee_checks import (
    ChangeRefused,
    FieldProblem,
    employee_problems,
)
from entretien_desktop.services.workspace import Workspace, company_with

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv")
HEADER_SEARCH_ROWS = 20
"""The header is looked for in the first rows only (a title, a date, a blank line above)."""

FIELDS = (
    "ref",
    "last_name",
    "first_name",
    "birth_date",
    "hire_date",
    "seniority_date",
    "contract",
    "working_time",
    "job_title",
    "department",
    "site",
    "manager_ref",
    "exit_date",
)
DATE_FIELDS = frozenset({"birth_date", "hire_date", "seniority_date", "exit_date"})
REQUIRED = frozenset({"ref", "last_name", "first_name", "hire_date", "contract"})
"""What a new employee cannot be made without (an update keeps the stored value of a column
that is not mapped)."""


def field_label(name: str) -> str:
    """The employee's field as the employee dialog names it."""
    labels = {
        "ref": _("Employee number"),
        "last_name": _("Last name"),
        "first_name": _("First name"),
        "birth_date": _("Birth date"),
        "hire_date": _("Hire date"),
        "seniority_date": _("Seniority date"),
        "contract": _("Contract"),
        "working_time": _("Working time"),
        "job_title": _("Job title"),
        "department": _("Department"),
        "site": _("Site"),
        "manager_ref": _("Manager"),
        "exit_date": _("Exit date"),
    }
    return labels[name]


# Headers as payroll exports and hand-made registers write them, in French, English, Dutch
# and Norwegian; compared lower case, without accents or punctuation (``plain``).
HEADERS: dict[str, tuple[str, ...]] = {
    "ref": (
        "matricule", "n matricule", "no matricule", "numero matricule", "numero de matricule",
        "numero salarie", "numero", "n", "no", "id", "identifiant", "code salarie",
        "personeelsnummer", "personeelsnr", "werknemersnummer", "personeel nr",
        "ansattnr", "ansattnummer", "ansatt nr", "employee number", "employee no",
        "employee id", "staff number", "number", "ref", "reference",
    ),
    "last_name": (
        "nom", "nom de famille", "nom d usage", "nom usuel", "achternaam", "familienaam",
        "etternavn", "last name", "surname", "family name",
    ),
    "first_name": ("prenom", "voornaam", "fornavn", "first name", "given name", "forename"),
    "birth_date": (
        "date de naissance", "naissance", "ne le", "nee le", "geboortedatum", "fodselsdato",
        "birth date", "date of birth", "birthdate", "dob",
    ),
    "hire_date": (
        "date d entree", "date entree", "entree", "date d embauche", "date embauche",
        "embauche", "date entree societe", "datum in dienst", "in dienst", "indiensttreding",
        "datum indiensttreding", "ansettelsesdato", "ansatt dato", "startdato", "hire date",
        "start date", "date of hire", "entry date", "date hired",
    ),
    "seniority_date": (
        "date d anciennete", "date anciennete", "anciennete", "ancienniteitsdatum",
        "anciënniteitsdatum", "anciënniteit", "ansiennitetsdato", "ansiennitet",
        "seniority date", "seniority",
    ),
    "contract": (
        "contrat", "type de contrat", "nature du contrat", "nature de contrat", "contract",
        "type contract", "soort contract", "contracttype", "kontrakt", "kontraktstype",
        "ansettelsesform", "contract type",
    ),
    "working_time": (
        "temps de travail", "temps", "duree du travail", "quotite", "taux d activite",
        "temps plein partiel", "arbeidstijd", "werktijd", "arbeidstid", "stillingsprosent",
        "working time", "work time", "working hours",
    ),
    "job_title": (
        "poste", "emploi", "fonction", "intitule du poste", "intitule de poste", "functie",
        "functietitel", "stilling", "stillingstittel", "job title", "job", "position", "title",
    ),
    "department": ("service", "departement", "direction", "afdeling", "avdeling", "department"),
    "site": (
        "site", "etablissement", "lieu de travail", "vestiging", "locatie", "arbeidssted",
        "lokasjon", "location", "workplace",
    ),
    "manager_ref": (
        "responsable", "manager", "matricule du responsable", "matricule responsable", "n 1",
        "responsable hierarchique", "leidinggevende", "leder", "naermeste leder",
        "manager number", "line manager",
    ),
    "exit_date": (
        "date de sortie", "sortie", "date de depart", "depart", "datum uit dienst",
        "uit dienst", "sluttdato", "fratredelsesdato", "exit date", "end date",
        "leaving date", "date left",
    ),
}  # fmt: skip

# The table of values: a text of the sheet (``plain``) -> the domain's value. The user's
# own entries (the mapping document's "values") come first.
CONTRACT_VALUES: dict[str, Contract] = {
    "cdi": Contract.PERMANENT,
    "c d i": Contract.PERMANENT,
    "contrat a duree indeterminee": Contract.PERMANENT,
    "permanent": Contract.PERMANENT,
    "vast": Contract.PERMANENT,
    "onbepaalde tijd": Contract.PERMANENT,
    "fast": Contract.PERMANENT,
    "fast ansatt": Contract.PERMANENT,
    "cdd": Contract.FIXED_TERM,
    "c d d": Contract.FIXED_TERM,
    "contrat a duree determinee": Contract.FIXED_TERM,
    "fixed term": Contract.FIXED_TERM,
    "bepaalde tijd": Contract.FIXED_TERM,
    "midlertidig": Contract.FIXED_TERM,
    "interim": Contract.TEMP_AGENCY,
    "interimaire": Contract.TEMP_AGENCY,
    "ctt": Contract.TEMP_AGENCY,
    "temporary agency": Contract.TEMP_AGENCY,
    "uitzendkracht": Contract.TEMP_AGENCY,
    "innleid": Contract.TEMP_AGENCY,
    "apprenti": Contract.APPRENTICESHIP,
    "apprentissage": Contract.APPRENTICESHIP,
    "contrat d apprentissage": Contract.APPRENTICESHIP,
    "apprenticeship": Contract.APPRENTICESHIP,
    "leerling": Contract.APPRENTICESHIP,
    "laerling": Contract.APPRENTICESHIP,
    "contrat de professionnalisation": Contract.PROFESSIONALISATION,
    "professionnalisation": Contract.PROFESSIONALISATION,
    "contrat pro": Contract.PROFESSIONALISATION,
    "professionalisation": Contract.PROFESSIONALISATION,
    "stage": Contract.INTERN,
    "stagiaire": Contract.INTERN,
    "intern": Contract.INTERN,
    "internship": Contract.INTERN,
    "stagiair": Contract.INTERN,
    "praktikant": Contract.INTERN,
}
WORKING_TIME_VALUES: dict[str, WorkingTime] = {
    "temps plein": WorkingTime.FULL_TIME,
    "temps complet": WorkingTime.FULL_TIME,
    "plein": WorkingTime.FULL_TIME,
    "complet": WorkingTime.FULL_TIME,
    "full time": WorkingTime.FULL_TIME,
    "voltijd": WorkingTime.FULL_TIME,
    "heltid": WorkingTime.FULL_TIME,
    "temps partiel": WorkingTime.PART_TIME,
    "partiel": WorkingTime.PART_TIME,
    "mi temps": WorkingTime.PART_TIME,
    "part time": WorkingTime.PART_TIME,
    "deeltijd": WorkingTime.PART_TIME,
    "deltid": WorkingTime.PART_TIME,
}
VALUE_FIELDS = ("contract", "working_time")

_FOLDED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l"})


def plain(text: str) -> str:
    """Lower case, without accents, punctuation or repeated spaces: ``Date d'entrée`` ->
    ``date d entree``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDED))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", letters).split())


_HEADER_FIELDS = {plain(text): name for name, texts in HEADERS.items() for text in texts}


class SheetRefused(UserError):
    """A file that cannot be read as a sheet (or a mapping document that cannot be used)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)

    @property
    def user_message(self) -> str:
        return self.message


# -- reading ------------------------------------------------------------------------------
Cell = str | float | int | bool | date | datetime | time | timedelta | None


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    """The row's number as the spreadsheet shows it (the first is 1)."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    """The rows of one sheet under its header row."""

    name: str
    header_row: int
    """The header's number as the spreadsheet shows it."""
    headers: tuple[str, ...]
    """Each column's header (``Column C`` where the cell is empty: a merged cell's part)."""
    rows: tuple[Row, ...]
    """The rows under the header that hold something (empty rows are skipped)."""

    @property
    def shape(self) -> str:
        """The file's shape: a key for the mapping remembered for sheets like this one."""
        digest = hashlib.sha256("\x1f".join(plain(h) for h in self.headers).encode("utf-8"))
        return digest.hexdigest()[:16]


def column_letter(index: int) -> str:
    """``0`` -> ``A``, ``26`` -> ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: Path, name: str | None = None) -> Sheet:
    """The sheet ``name`` of ``path`` (``SheetRefused`` naming the sheets there when it has
    none of that name), else the one whose header is best understood (its first sheet if
    none is)."""
    sheets = read_sheets(path)
    if name is None:
        return best_sheet(sheets)
    for sheet in sheets:
        if sheet.name == name:
            return sheet
    raise SheetRefused(
        _("{path} has no sheet {name} holding rows; its sheets: {sheets}.").format(
            path=path.name, name=name, sheets=", ".join(sheet.name for sheet in sheets)
        )
    )


def best_sheet(sheets: Sequence[Sheet]) -> Sheet:
    """The sheet whose headers are best understood (the first of those equally so)."""
    return max(sheets, key=lambda s: sum(f is not None for f in propose_mapping(s.headers)))


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of ``path`` that holds rows, in the workbook's order (a CSV file is one
    sheet, named after the file). ``SheetRefused`` when there is none, or for a file that
    is no spreadsheet or cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetRefused(
            _("{path}: not a spreadsheet this program reads (.xlsx, .xls, .ods or .csv)").format(
                path=path.name
            )
        )
    try:
        grids = _csv_grid(path) if suffix == ".csv" else _workbook_grids(path)
    except OSError as error:
        raise SheetRefused(
            _("{path} cannot be read: {reason}").format(path=path.name, reason=error.strerror)
        ) from error
    candidates = [
        sheet for sheet in (_sheet(name, grid) for name, grid in grids) if sheet is not None
    ]
    if not candidates:
        raise SheetRefused(_("{path} holds no rows to import.").format(path=path.name))
    return candidates


def _workbook_grids(path: Path) -> list[tuple[str, list[list[Cell]]]]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError  # noqa: PLC0415

    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            grids = []
            for index, name in enumerate(workbook.sheet_names):
                sheet = workbook.get_sheet_by_index(index)
                rows = sheet.to_python(skip_empty_area=False)
                cells: list[list[Cell]] = [[*row] for row in rows]
                grids.append((name, cells))
            return grids
    except PasswordError as error:
        raise SheetRefused(
            _("{path} is protected by a password: save it without one to import it.").format(
                path=path.name
            )
        ) from error
    except (CalamineError, ValueError) as error:
        raise SheetRefused(
            _("{path} cannot be read as a spreadsheet: {reason}").format(
                path=path.name, reason=type(error).__name__
            )
        ) from error


def decode_text(data: bytes) -> str:
    """A CSV file's text: UTF-8 (with or without its byte order mark), else Windows-1252
    (what Excel writes in France when it saves as CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_grid(path: Path) -> list[tuple[str, list[list[Cell]]]]:
    text = decode_text(path.read_bytes())
    lines = text.splitlines()
    sample = "\n".join(lines[:HEADER_SEARCH_ROWS])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first = next((line for line in lines if line.strip()), "")
        delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: list[list[Cell]] = [list(row) for row in reader]
    return [(path.stem, grid)]


def _filled(cell: Cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _sheet(name: str, grid: list[list[Cell]]) -> Sheet | None:
    if not any(any(_filled(c) for c in row) for row in grid):
        return None

    def score(index: int) -> tuple[int, int]:
        row = grid[index]
        texts = [plain(str(c)) for c in row if isinstance(c, str)]
        return sum(t in _HEADER_FIELDS for t in texts), sum(_filled(c) for c in row)

    searched = range(min(len(grid), HEADER_SEARCH_ROWS))
    header_index = max(searched, key=lambda i: (score(i), -i))
    width = max(len(row) for row in grid)
    header_cells = [*grid[header_index], *[None] * (width - len(grid[header_index]))]
    headers = tuple(
        _text(cell) or _("Column {letter}").format(letter=column_letter(i))
        for i, cell in enumerate(header_cells)
    )
    rows = tuple(
        Row(index + 1, (*row, *[None] * (width - len(row))))
        for index, row in enumerate(grid)
        if index > header_index and any(_filled(c) for c in row)
    )
    return Sheet(name, header_index + 1, headers, rows)


# -- the mapping --------------------------------------------------------------------------
def propose_mapping(headers: Sequence[str]) -> list[str | None]:
    """Each column's field, from its header (``None``: not read); a field goes to its first
    column only."""
    taken: set[str] = set()
    mapping: list[str | None] = []
    for header in headers:
        name = _HEADER_FIELDS.get(plain(header))
        if name is not None and name not in taken:
            taken.add(name)
            mapping.append(name)
        else:
            mapping.append(None)
    return mapping


@dataclass(frozen=True)
class Settings:
    """What the user chose for a file shape: each column's field and the table of values."""

    columns: tuple[str | None, ...]
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """``{"contract": {"CDI": "permanent"}, "working_time": {...}}``: the user's own
    entries, looked up before the built-in table."""

    def document(self, headers: Sequence[str]) -> dict[str, Any]:
        """The mapping document (the ``--mapping`` file, the window's memory)."""
        return {
            "columns": dict(zip(headers, self.columns, strict=True)),
            "values": {k: dict(v) for k, v in self.values.items()},
        }


def settings_for(headers: Sequence[str], document: Mapping[str, Any] | None = None) -> Settings:
    """The settings of a sheet with ``headers``: the proposal, corrected by ``document``'s
    columns (a header it names, ``null`` for a column not read) and values."""
    columns = propose_mapping(headers)
    if not document:
        return Settings(tuple(columns))
    named = document.get("columns", {})
    values = document.get("values", {})
    if not isinstance(named, dict) or not isinstance(values, dict):
        raise SheetRefused(_('The mapping document holds no "columns" and "values" objects.'))
    known = {plain(k): v for k, v in named.items()}
    for index, header in enumerate(headers):
        if plain(header) in known:
            chosen = known[plain(header)]
            if chosen is not None and chosen not in FIELDS:
                raise SheetRefused(
                    _("The mapping document names an unknown field: {name}").format(name=chosen)
                )
            columns[index] = chosen
            if chosen is not None:  # one column per field: the one named wins
                for other in range(len(columns)):
                    if (
                        other != index
                        and columns[other] == chosen
                        and plain(headers[other]) not in known
                    ):
                        columns[other] = None
    for kind, table in values.items():
        allowed = {"contract": Contract, "working_time": WorkingTime}.get(kind)
        if allowed is None or not isinstance(table, dict):
            raise SheetRefused(
                _("The mapping document's values name an unknown field: {name}").format(name=kind)
            )
        for text, value in table.items():
            if value not in {m.value for m in allowed}:
                raise SheetRefused(
                    _("The mapping document gives {text} an unknown value: {value}").format(
                        text=text, value=value
                    )
                )
    return Settings(tuple(columns), {k: dict(v) for k, v in values.items()})


def read_settings_file(path: Path, headers: Sequence[str]) -> Settings:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SheetRefused(
            _("{path} cannot be read as a mapping document.").format(path=path.name)
        ) from error
    if not isinstance(document, dict):
        raise SheetRefused(_("{path} cannot be read as a mapping document.").format(path=path.name))
    return settings_for(headers, document)


def table_value(kind: str, text: str, values: Mapping[str, Mapping[str, str]]) -> str | None:
    """The domain's value of a text in the column ``kind`` (contract or working time), by
    the user's table, then the built-in one; ``None`` when neither knows it."""
    key = plain(text)
    own = {plain(k): v for k, v in values.get(kind, {}).items()}
    if key in own:
        return own[key]
    built_in: Mapping[str, str] = CONTRACT_VALUES if kind == "contract" else WORKING_TIME_VALUES
    members = Contract if kind == "contract" else WorkingTime
    if key in built_in:
        return built_in[key]
    if key.replace(" ", "_") in {m.value for m in members}:
        return key.replace(" ", "_")
    if kind == "working_time":
        return _working_time_of(key, own)
    return None


def _working_time_of(key: str, own: Mapping[str, str]) -> str | None:
    """``temps partiel 80`` -> part time (the words without the figure); a share alone:
    ``80``, ``0.8`` -> part time, ``100``, ``1`` -> full time."""
    words = " ".join(w for w in key.split() if not w.isdigit())
    if words:
        found = own.get(words) or WORKING_TIME_VALUES.get(words)
        return None if found is None else str(found)
    digits = key.split()
    try:
        share = float(".".join(digits)) if len(digits) <= 2 else None
    except ValueError:
        return None
    if share is None or share <= 0:
        return None
    share = share * 100 if share <= 1 else share
    if share > 100:
        return None
    return WorkingTime.FULL_TIME if share == 100 else WorkingTime.PART_TIME


def _text(cell: Cell) -> str:
    """A cell as text: a whole number without its ``.0`` (a number column of Excel)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    return str(cell).strip()


def cell_text(cell: Cell) -> str:
    """A cell as the sheet shows it, for the window's preview."""
    return _text(cell)


EXCEL_EPOCH = date(1899, 12, 30)


def _date(cell: Cell, today: date) -> tuple[date | None, str | None]:  # noqa: PLR0911
    """A cell as a date: an Excel date, an Excel serial number, text in the day-first order
    (``31/12/2019``, ``31.12.2019``) or ISO; else the reason it is none."""
    if isinstance(cell, datetime):
        return cell.date(), None
    if isinstance(cell, date):
        return cell, None
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        if 1 <= cell < 2958466:  # Excel's serial days, up to 9999-12-31
            return EXCEL_EPOCH + timedelta(days=int(cell)), None
        return None, _("{value} is not a date").format(value=_text(cell))
    text = _text(cell)
    if not text:
        return None, None
    reading = read_date(text, today, "fr")  # day, month, year: the order of every language
    if reading.value is None and current_language() != "fr":  # a month's name
        other = read_date(text, today)
        reading = other if other.value is not None else reading
    if reading.value is not None:
        return reading.value, None
    reason = (reading.problem or "").rstrip(".")
    return None, _("{value} is not a date ({reason})").format(value=text, reason=reason)


# -- the dry run --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SheetProblem:
    """A refused cell (or row) of the sheet, with its place."""

    sheet: str
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column is None:
            return _("Sheet {sheet}, row {row}: {problem}").format(
                sheet=self.sheet, row=self.row, problem=self.message
            )
        return _("Sheet {sheet}, row {row}, column “{column}”: {problem}").format(
            sheet=self.sheet, row=self.row, column=self.column, problem=self.message
        )


@dataclass(frozen=True, slots=True)
class Planned:
    """One row as it would be written: the employee, and the record it replaces."""

    row: int
    employee: Employee
    before: Employee | None


@dataclass(frozen=True)
class Plan:
    """What the import would do: nothing is written while it has problems."""

    sheet: str
    problems: tuple[SheetProblem, ...]
    added: tuple[Planned, ...]
    updated: tuple[Planned, ...]
    unchanged: tuple[Planned, ...]

    @property
    def writes(self) -> tuple[Planned, ...]:
        return (*self.added, *self.updated)


def dry_run(sheet: Sheet, settings: Settings, company: Company, today: date) -> Plan:
    """Every row read and checked against the company the import would make; nothing
    written."""
    columns = {name: index for index, name in enumerate(settings.columns) if name is not None}
    problems: list[SheetProblem] = []

    def place(row: int, name: str | None, message: str) -> None:
        column = sheet.headers[columns[name]] if name in columns else None
        problems.append(SheetProblem(sheet.name, row, column, message))

    for name in sorted(REQUIRED - {"contract"} - columns.keys(), key=FIELDS.index):
        message = _("No column is read as “{field}”.").format(field=field_label(name))
        problems.append(SheetProblem(sheet.name, sheet.header_row, None, message))
    by_ref = {e.ref: e for e in company.employees}
    by_name: dict[tuple[str, str, date], Employee] = {}
    for person in company.employees:
        if person.birth_date is not None:
            key = _name_key(person.last_name, person.first_name, person.birth_date)
            by_name[key] = person
    planned: list[Planned] = []
    seen: dict[str, int] = {}
    for row in sheet.rows:
        values, row_problems = _row_values(row, columns, settings, today)
        for name, message in row_problems:
            place(row.number, name, message)
        stored = _match(values, by_ref, by_name)
        employee, missing = _employee(values, stored)
        refused = {name for name, _message in row_problems}
        for name in (name for name in missing if name not in refused):
            if name in columns:
                place(row.number, name, _("This cell is empty: a new employee needs it."))
            else:
                message = _("No column is read as “{field}”: a new employee needs it.")
                place(row.number, None, message.format(field=field_label(name)))
        if employee is None or row_problems:
            continue
        if employee.ref in seen:
            message = _("The number {ref} is already on row {row}.").format(
                ref=employee.ref, row=seen[employee.ref]
            )
            place(row.number, "ref", message)
            continue
        seen[employee.ref] = row.number
        planned.append(Planned(row.number, employee, stored))
    planned = _managers_resolved(planned, company)
    final = _company_after(company, planned)
    for item in planned:
        if item.employee == item.before:
            continue
        for problem in employee_problems(item.employee, final, item.employee.ref):
            place(item.row, _field_of(problem), problem.message)
    problems.sort(key=lambda p: (p.row, p.column is not None))
    return Plan(
        sheet.name,
        tuple(problems),
        tuple(p for p in planned if p.before is None),
        tuple(p for p in planned if p.before is not None and p.before != p.employee),
        tuple(p for p in planned if p.before == p.employee),
    )


def _field_of(problem: FieldProblem) -> str:
    return problem.field.split(".")[0].split("[")[0]


def _name_key(last: str, first: str, birth: date) -> tuple[str, str, date]:
    return plain(last), plain(first), birth


def _row_values(
    row: Row, columns: Mapping[str, int], settings: Settings, today: date
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The fields a row gives (only those of mapped columns), and its cells refused."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, index in columns.items():
        cell = row.cells[index] if index < len(row.cells) else None
        if name in DATE_FIELDS:
            day, problem = _date(cell, today)
            if problem is not None:
                problems.append((name, problem))
            values[name] = day
        elif name in VALUE_FIELDS:
            text = _text(cell)
            if not text:
                values[name] = None
                continue
            value = table_value(name, text, settings.values)
            if value is None:
                message = _("“{value}” is not in the table of values: add it there.").format(
                    value=text
                )
                problems.append((name, message))
            values[name] = None if value is None else _enum(name, value)
        else:
            values[name] = _text(cell)
    return values, problems


def _enum(name: str, value: str) -> Contract | WorkingTime:
    return Contract(value) if name == "contract" else WorkingTime(value)


def _match(
    values: Mapping[str, Any],
    by_ref: Mapping[str, Employee],
    by_name: Mapping[tuple[str, str, date], Employee],
) -> Employee | None:
    """The stored employee a row is about: by number, then by name and birth date."""
    ref = values.get("ref")
    if ref and ref in by_ref:
        return by_ref[ref]
    birth = values.get("birth_date")
    if birth is not None and values.get("last_name") and values.get("first_name"):
        return by_name.get(_name_key(values["last_name"], values["first_name"], birth))
    return None


def _employee(
    values: Mapping[str, Any], stored: Employee | None
) -> tuple[Employee | None, list[str]]:
    """The employee a row makes (the stored one with the row's fields), or the required
    fields it lacks."""
    fields = dict(values)
    if fields.get("working_time") is None:
        fields.pop("working_time", None)
    if "manager_ref" in fields:
        fields["manager_ref"] = fields["manager_ref"] or None
    if stored is not None:
        for name in REQUIRED:  # an empty cell does not erase what the record holds
            if not fields.get(name):
                fields.pop(name, None)
        if not fields.get("ref"):
            fields.pop("ref", None)
        return replace(stored, **fields), []
    missing = [name for name in FIELDS if name in REQUIRED and not fields.get(name)]
    if any(name not in values and name != "contract" for name in missing):
        return None, []  # a column is missing: said once for the sheet
    if missing:
        return None, missing
    return Employee(**fields), []


def _managers_resolved(planned: list[Planned], company: Company) -> list[Planned]:
    """A manager named rather than numbered (``Léa Mercier``, ``MERCIER Léa``) is given
    the number of the one employee with that name, in the sheet or in the file."""
    refs = {e.ref for e in company.employees} | {p.employee.ref for p in planned}
    names: dict[str, set[str]] = {}
    people = [*company.employees, *(p.employee for p in planned)]
    for person in people:
        for key in (
            plain(f"{person.first_name} {person.last_name}"),
            plain(f"{person.last_name} {person.first_name}"),
        ):
            names.setdefault(key, set()).add(person.ref)
    resolved = []
    for item in planned:
        manager = item.employee.manager_ref
        found = names.get(plain(manager), set()) if manager and manager not in refs else set()
        if len(found) == 1:
            employee = replace(item.employee, manager_ref=next(iter(found)))
            resolved.append(replace(item, employee=employee))
        else:
            resolved.append(item)
    return resolved


def _company_after(company: Company, planned: Iterable[Planned]) -> Company:
    """The company as the import would leave it."""
    return company_with(company, ((p.employee, p.before) for p in planned))


def write_order(plan: Plan) -> list[Planned]:
    """The rows to write, a manager before those they manage (among the new ones)."""
    writes = list(plan.writes)
    refs = {p.employee.ref for p in writes}
    order: list[Planned] = []
    done: set[str] = set()
    by_ref = {p.employee.ref: p for p in writes}

    def visit(item: Planned, path: frozenset[str]) -> None:
        ref = item.employee.ref
        if ref in done or ref in path:
            return
        manager = item.employee.manager_ref
        if manager in refs and manager != ref:
            visit(by_ref[manager], path | {ref})
        if ref not in done:
            done.add(ref)
            order.append(item)

    for item in writes:
        visit(item, frozenset())
    return order


@dataclass(frozen=True, slots=True)
class Written:
    added: int
    updated: int
    unchanged: int


def write(workspace: Workspace, plan: Plan, file_name: str) -> Written:
    """Write what the dry run ``plan`` found, in one change (one undo step); refused
    (``ChangeRefused``) when it has problems or the file changed since."""
    if plan.problems:
        raise ChangeRefused([FieldProblem("", str(p)) for p in plan.problems])
    added, updated = len(plan.added), len(plan.updated)
    if added or updated:
        action = _("{file} imported: {added} added, {updated} updated").format(
            file=file_name, added=added, updated=updated
        )
        workspace.import_employees(
            [(p.employee, p.before) for p in write_order(plan)],
            lambda: _("the import of {file}").format(file=file_name),
            action,
        )
    return Written(added, updated, len(plan.unchanged))


__all__ = [
    "FIELDS",
    "SUFFIXES",
    "VALUE_FIELDS",
    "Cell",
    "Plan",
    "Planned",
    "Settings",
    "Sheet",
    "SheetProblem",
    "SheetRefused",
    "Written",
    "best_sheet",
    "cell_text",
    "column_letter",
    "dry_run",
    "field_label",
    "propose_mapping",
    "read_settings_file",
    "read_sheet",
    "read_sheets",
    "settings_for",
    "table_value",
    "write",
    "write_order",
]
