"""What a set of DSN files changes in the register, worked out before anything is written
(the summary the user confirms), and the write: one change through the gate, one undo
step (docs/import.md, "The DSN").

People are matched across months by the NIR within one import and, from one import to the
next, by their matricule (S21.G00.30.019, the employee's number here), else by last name,
first name and birth date. The NIR is read in memory and never written anywhere: not in
the file, not in a message. A leave is the same leave when its employee, its kind (a
sickness and a long sickness are one kind here) and its first day are the same, or when it
falls within or follows, day after day, a leave of the same kind: importing a month twice
changes nothing, and a stoppage opened in one month and closed in the next is one leave
with its end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from entretien_desktop.domain import Company, Employee, Leave, LeaveKind, WorkingTime
from entretien_desktop.i18n import _, format_date, ngettext
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.services.dsn.choices import DsnRefused
from entretien_desktop.services.dsn.codes import (
    CONTRACT_NATURES,
    NOT_READ,
    PUBLIC_SCHEMES,
    STOPPAGE,
    SUSPENSION,
    WORKING_TIMES,
    Choices,
    leave_tables,
)
from entretien_desktop.services.dsn.parser import Block, Declaration, parse_dsn, read_date
from entretien_desktop.services.employee_checks import employee_problems
from entretien_desktop.services.labels import leave_label
from entretien_desktop.services.sheet_import import plain
from entretien_desktop.services.workspace import Workspace

_ONE_DAY = timedelta(days=1)
_SICK = (LeaveKind.SICKNESS, LeaveKind.LONG_SICKNESS)
_GENERATED = re.compile(r"^DSN-(\d+)$")


@dataclass(frozen=True, slots=True)
class DeclarationRead:
    file: str
    month: date | None
    nature: str
    people: int


@dataclass(slots=True)
class DsnPlan:
    """What importing the files would do."""

    files: list[DeclarationRead] = field(default_factory=list)
    people: int = 0
    added: list[Employee] = field(default_factory=list)
    updated: list[tuple[Employee, Employee]] = field(default_factory=list)
    unchanged: int = 0
    leaves_added: list[tuple[str, Leave]] = field(default_factory=list)
    leaves_closed: list[tuple[str, Leave]] = field(default_factory=list)
    exits: list[tuple[str, date]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Records skipped (an unknown code, a code not read): said, never guessed."""
    leave_codes: dict[tuple[str, str], LeaveKind | None] = field(default_factory=dict)
    """Every stoppage and suspension code met in the files, with what its records became
    (``None``: skipped): the table the user can correct."""
    choices: dict[tuple[str, str], LeaveKind | None] = field(default_factory=dict)
    """The user's choices the plan applied."""
    problems: list[str] = field(default_factory=list)
    """What refuses the import (a damaged line, a date that is none, a record the checks
    of the employee dialog refuse)."""

    @property
    def changes(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> list[str]:
        """The summary shown before writing, one line each."""
        lines = [
            ngettext(
                "{count} declaration read", "{count} declarations read", len(self.files)
            ).format(count=len(self.files)),
            ngettext("{count} person found", "{count} people found", self.people).format(
                count=self.people
            ),
            ngettext("{count} employee to add", "{count} employees to add", len(self.added)).format(
                count=len(self.added)
            ),
            ngettext(
                "{count} employee to update", "{count} employees to update", len(self.updated)
            ).format(count=len(self.updated)),
            ngettext(
                "{count} employee unchanged", "{count} employees unchanged", self.unchanged
            ).format(count=self.unchanged),
            ngettext(
                "{count} leave to add", "{count} leaves to add", len(self.leaves_added)
            ).format(count=len(self.leaves_added)),
            ngettext(
                "{count} leave to close", "{count} leaves to close", len(self.leaves_closed)
            ).format(count=len(self.leaves_closed)),
            ngettext("{count} exit", "{count} exits", len(self.exits)).format(
                count=len(self.exits)
            ),
        ]
        if self.leaves_added or self.leaves_closed or self.exits:
            lines.append("")
        for name, leave in self.leaves_added:
            kind, start = leave_label(leave.kind), format_date(leave.start)
            if leave.end is None:
                line = _("{name}: {leave} from {start}, not ended")
            else:
                line = _("{name}: {leave} from {start} to {end}")
            end = format_date(leave.end) if leave.end else ""
            lines.append(line.format(name=name, leave=kind, start=start, end=end))
        for name, leave in self.leaves_closed:
            assert leave.end is not None
            lines.append(
                _("{name}: {leave} from {start} closed on {end}").format(
                    name=name,
                    leave=leave_label(leave.kind),
                    start=format_date(leave.start),
                    end=format_date(leave.end),
                )
            )
        for name, day in self.exits:
            lines.append(_("{name}: exit on {date}").format(name=name, date=format_date(day)))
        return lines


@dataclass(slots=True)
class _Person:
    """One person across the files of an import."""

    identity: Block
    contracts: list[Block] = field(default_factory=list)
    stoppages: list[Block] = field(default_factory=list)
    ends: list[Block] = field(default_factory=list)
    suspensions: list[Block] = field(default_factory=list)


def read_files(paths: Iterable[Path]) -> list[Declaration]:
    return [parse_dsn(path) for path in paths]


def plan_import(
    company: Company, declarations: Sequence[Declaration], choices: Choices | None = None
) -> DsnPlan:
    """What ``declarations`` (in any order) would change in ``company``, the leave codes
    read through the built-in table with the user's ``choices`` over it."""
    plan = DsnPlan(choices=dict(choices or {}))
    ordered = sorted(declarations, key=lambda d: (d.month or date.min, d.file))
    people: dict[str, _Person] = {}
    for declaration in ordered:
        plan.problems.extend(declaration.problems)
        plan.files.append(
            DeclarationRead(
                declaration.file,
                declaration.month,
                declaration.nature,
                len(declaration.individuals),
            )
        )
        for individual in declaration.individuals:
            block = individual.block
            key = block.get("001") or block.get("019") or _name_key(block)
            person = people.get(key)
            if person is None:
                person = people[key] = _Person(block)
            else:  # the latest month's identity (a name changed...)
                person.identity = block
            person.contracts.extend(individual.contracts)
            person.stoppages.extend(individual.stoppages)
            person.ends.extend(individual.ends)
            person.suspensions.extend(individual.suspensions)
    plan.people = len(people)
    threshold = int(company.settings.effective("long_sickness_months"))  # type: ignore[arg-type]
    by_ref = {e.ref: e for e in company.employees}
    by_name = {
        (plain(e.last_name), plain(e.first_name), e.birth_date): e for e in company.employees
    }
    taken = set(by_ref)
    final = dict(by_ref)
    changed: list[tuple[Employee | None, Employee]] = []
    for person in people.values():
        result = _employee(
            person, by_ref=by_ref, by_name=by_name, taken=taken, threshold=threshold, plan=plan
        )
        if result is None:
            continue
        before, after = result
        if before is not None and before == after:
            plan.unchanged += 1
            continue
        taken.add(after.ref)
        final[after.ref] = after
        changed.append((before, after))
    planned = replace(company, employees=tuple(final.values()))
    for before, after in changed:
        for problem in employee_problems(after, planned, after.ref):
            plan.problems.append(
                _("{name} ({ref}): {problem}").format(
                    name=after.full_name, ref=after.ref, problem=problem.message
                )
            )
        if before is None:
            plan.added.append(after)
        else:
            plan.updated.append((before, after))
    return plan


def _name_key(block: Block) -> str:
    return "|".join((block.get("002"), block.get("004"), block.get("006")))


def _names(block: Block) -> tuple[str, str]:
    last = (block.get("003") or block.get("002")).strip()
    first = block.get("004").strip().split(" ")[0] if block.get("004").strip() else ""
    return last, first


def _date(block: Block, number: str, plan: DsnPlan, *, required: bool = True) -> date | None:
    text = block.get(number)
    if not text:
        if required:
            plan.problems.append(
                _("{place}: {rubrique} is missing").format(
                    place=block.place, rubrique=f"{block.name}.{number}"
                )
            )
        return None
    day = read_date(text)
    if day is None:
        plan.problems.append(
            _("{place}: {value} is not a date (DDMMYYYY)").format(
                place=block.at(number), value=text
            )
        )
    return day


def _code(block: Block, number: str, table: dict[str, object], plan: DsnPlan) -> bool:
    """Whether the code of ``block`` at ``number`` is in ``table``; a warning otherwise."""
    code = block.get(number)
    rubrique = f"{block.name}.{number}"
    if rubrique in (STOPPAGE, SUSPENSION) and code:
        plan.leave_codes[(rubrique, code)] = table.get(code)  # type: ignore[assignment]
    if code in table:
        return True
    if (rubrique, code) in plan.choices:
        plan.warnings.append(
            _("{place}: {rubrique} {code} skipped, as chosen in the table of codes").format(
                place=block.at(number), rubrique=rubrique, code=code
            )
        )
    elif code in NOT_READ.get(rubrique, ()):
        plan.warnings.append(
            _("{place}: {rubrique} {code} is not read; record skipped").format(
                place=block.at(number), rubrique=rubrique, code=code
            )
        )
    else:
        plan.warnings.append(
            _("{place}: unknown code {code} in {rubrique}; record skipped").format(
                place=block.at(number), rubrique=rubrique, code=code or "-"
            )
        )
    return False


def _employee(
    person: _Person,
    *,
    by_ref: dict[str, Employee],
    by_name: dict[tuple[str, str, date | None], Employee],
    taken: set[str],
    threshold: int,
    plan: DsnPlan,
) -> tuple[Employee | None, Employee] | None:
    identity = person.identity
    last, first = _names(identity)
    birth = _date(identity, "006", plan, required=False)
    matricule = identity.get("019").strip()
    name = f"{first} {last}".strip()
    before = by_ref.get(matricule) if matricule else None
    if before is not None and None not in {birth, before.birth_date} and birth != before.birth_date:
        plan.warnings.append(
            _(
                "{place}: the number {ref} is {employee} here, born on another day than "
                "{name}; not matched, record skipped"
            ).format(place=identity.place, ref=matricule, employee=before.full_name, name=name)
        )
        return None
    if before is None:
        before = by_name.get((plain(last), plain(first), birth))
    contract, working_time, job_title, starts = None, None, "", []
    for block in person.contracts:
        start = _date(block, "001", plan)
        if start is not None:
            starts.append(start)
    if person.contracts:
        latest = person.contracts[-1]
        scheme = latest.get("008")
        if scheme in PUBLIC_SCHEMES:
            contract = PUBLIC_SCHEMES[scheme]
        elif _code(latest, "007", CONTRACT_NATURES, plan):  # type: ignore[arg-type]
            contract = CONTRACT_NATURES[latest.get("007")]
        working_time = WORKING_TIMES.get(latest.get("014"))
        job_title = latest.get("006").strip()
    if before is None:
        if contract is None or not starts:
            plan.warnings.append(
                _("{place}: {name} has no contract this program reads; not added").format(
                    place=identity.place, name=name
                )
            )
            return None
        ref = matricule or _new_ref(taken)
        employee = Employee(
            ref=ref,
            first_name=first,
            last_name=last,
            hire_date=min(starts),
            contract=contract,
            working_time=working_time or WorkingTime.FULL_TIME,
            birth_date=birth,
            job_title=job_title,
        )
    else:
        employee = replace(
            before,
            first_name=_name(first, before.first_name),
            last_name=_name(last, before.last_name),
            birth_date=birth or before.birth_date,
            contract=contract or before.contract,
            working_time=working_time or before.working_time,
            job_title=job_title or before.job_title,
        )
    employee = _exit(employee, person, starts, plan, name)
    leaves = _leaves(person, plan)
    return before, _merged(employee, leaves, threshold, plan, name)


def _name(declared: str, kept: str) -> str:
    """The name to keep: the register's, written as the user wrote it (« Lefèvre »), when
    the DSN declares the same one in its own way (« LEFEVRE »: capitals, no accents);
    the declared one when it differs (a name changed), or the register's when none."""
    if not declared or plain(declared) == plain(kept):
        return kept
    return declared


def _new_ref(taken: set[str]) -> str:
    highest = max(
        (int(match.group(1)) for ref in taken if (match := _GENERATED.match(ref))), default=0
    )
    ref = f"DSN-{highest + 1:04d}"
    taken.add(ref)
    return ref


def _exit(
    employee: Employee, person: _Person, starts: list[date], plan: DsnPlan, name: str
) -> Employee:
    ends = [day for block in person.ends if (day := _date(block, "001", plan)) is not None]
    exit_date = max(ends) if ends else employee.exit_date
    if exit_date is not None and any(start > exit_date for start in starts):
        exit_date = None  # hired again after that end
    if exit_date != employee.exit_date:
        if exit_date is not None:
            plan.exits.append((name, exit_date))
        employee = replace(employee, exit_date=exit_date)
    return employee


def _leaves(person: _Person, plan: DsnPlan) -> list[Leave]:
    found: list[Leave] = []
    tables = leave_tables(plan.choices)
    stoppages, suspensions = tables[STOPPAGE], tables[SUSPENSION]
    for block in person.stoppages:
        if not _code(block, "001", stoppages, plan):  # type: ignore[arg-type]
            continue
        last_worked = _date(block, "002", plan)
        back = _date(block, "010", plan, required=False)
        if last_worked is None:
            continue
        end = back - _ONE_DAY if back is not None else None
        found.append(Leave(stoppages[block.get("001")], last_worked + _ONE_DAY, end))
    for block in person.suspensions:
        if not _code(block, "001", suspensions, plan):  # type: ignore[arg-type]
            continue
        start = _date(block, "002", plan)
        end = _date(block, "003", plan, required=False)
        if start is not None:
            found.append(Leave(suspensions[block.get("001")], start, end))
    found.sort(key=lambda leave: leave.start)
    return found


def _family(kind: LeaveKind) -> LeaveKind:
    return LeaveKind.SICKNESS if kind in _SICK else kind


def _classified(leave: Leave, threshold: int) -> Leave:
    """A sickness is a long sickness once it ended and lasted ``threshold`` months; until
    its return is known it stays a sickness."""
    if leave.kind not in _SICK or leave.end is None:
        return leave
    long = leave.end + _ONE_DAY >= add_months(leave.start, threshold)
    return replace(leave, kind=LeaveKind.LONG_SICKNESS if long else LeaveKind.SICKNESS)


def _merged(
    employee: Employee, found: list[Leave], threshold: int, plan: DsnPlan, name: str
) -> Employee:
    leaves = list(employee.leaves)
    for leave in found:
        family = _family(leave.kind)
        index = next(
            (
                i
                for i, have in enumerate(leaves)
                if _family(have.kind) == family
                and (
                    have.start == leave.start
                    or (have.end is not None and have.start <= leave.start <= have.end + _ONE_DAY)
                )
            ),
            None,
        )
        if index is None:
            leaves.append(_classified(leave, threshold))
            continue
        have = leaves[index]
        if leave.end is None or (have.end is not None and have.end >= leave.end):
            continue  # nothing new: the same month again, or an older one
        leaves[index] = _classified(replace(have, end=leave.end), threshold)
    leaves.sort(key=lambda leave: leave.start)
    if tuple(leaves) == tuple(sorted(employee.leaves, key=lambda leave: leave.start)):
        return employee
    # What the summary says: the leaves as they will be, new ones apart from those whose
    # end came (or moved) with these files.
    starts = {(_family(have.kind), have.start) for have in employee.leaves}
    for leave in leaves:
        if leave in employee.leaves:
            continue
        if (_family(leave.kind), leave.start) in starts:
            plan.leaves_closed.append((name, leave))
        else:
            plan.leaves_added.append((name, leave))
    return replace(employee, leaves=tuple(leaves))


def plan_files(
    workspace: Workspace, paths: Sequence[Path], choices: Choices | None = None
) -> DsnPlan:
    """The dry run: what importing ``paths`` would change in the open company."""
    return plan_import(workspace.require_company(), read_files(paths), choices)


def import_files(
    workspace: Workspace, paths: Sequence[Path], choices: Choices | None = None
) -> DsnPlan:
    """Import ``paths``: planned again against the company as it is now, refused whole
    (``DsnRefused``) on any problem, else written as one change (one undo step)."""
    declarations = read_files(paths)
    count = len(declarations)

    def describe() -> str:
        return ngettext(
            "importing {count} DSN declaration", "importing {count} DSN declarations", count
        ).format(count=count)

    with workspace.change(describe) as change:
        plan = plan_import(workspace.require_company(), declarations, choices)
        if plan.problems:
            raise DsnRefused(plan.problems)
        if plan.changes:
            change.journal_action = describe()
        for employee in plan.added:
            workspace.save_employee(employee)
        for before, after in plan.updated:
            workspace.save_employee(after, before.ref)
    return plan
