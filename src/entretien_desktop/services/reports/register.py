"""The compliance register: every employee, the last interview held (and whether it came
after the deadline it met), each obligation of the law still open with its deadline and
status, the money at stake; the date it describes and a notice that it is not legal advice.
Present employees first, those who have left in a part of their own, then the obligations
of the company's own policies apart, so that they are never counted as the law's.

Also the ruled table the registers of this package share (this one, the training plan, the
employee dossier): column titles repeated on every page, rows of one record kept together,
short cells (dates, labels, amounts) drawn as they are, so that an amount keeps the narrow
no-break spaces babel writes in French, and user text wrapped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, partial
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from entretien_desktop.domain import Company, Employee, Interview, InterviewStatus
from entretien_desktop.domain.record_chain import ChainEntry, short_link
from entretien_desktop.i18n import _, current_language, format_money, prose_date, table_date
from entretien_desktop.i18n.typography import typeset
from entretien_desktop.rules import Obligation, Status
from entretien_desktop.services.dashboard import OPEN, register_rows, urgency
from entretien_desktop.services.labels import (
    interview_name,
    obligation_kind_label,
    obligation_status_label,
)
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.reports.blocks import EMPTY, markup
from entretien_desktop.services.reports.fonts import BOLD, REGULAR
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import (
    CONTENT_WIDTH,
    INK,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    RULE,
    SHADE,
    hyphen_parts,
    render,
    styles,
)

# --- The ruled table -----------------------------------------------------------------------

FONT_SIZE = 9
LEADING = 11
PADDING = 3
LIGHT_RULE = colors.HexColor("#d5dbe1")
NOTICE = colors.HexColor("#f5f7fa")
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN


@dataclass(frozen=True, slots=True)
class Styled:
    """Text of a cell in a style of its own (a status in its colour, a name in bold)."""

    text: str
    style: ParagraphStyle


Cell: TypeAlias = str | Styled | list[Styled] | Flowable
"""A cell: text (wrapped, or drawn as it is, as its column says), styled text, lines of
styled text, or a flowable (then its column says how wide it must be at least)."""
Command = tuple[object, ...]
BodyCommand = tuple[str, tuple[int, int], tuple[int, int], object]
"""A style command on one range of body cells: name, first cell, last cell, value."""


@dataclass(frozen=True, slots=True)
class TableColumn:
    title: str
    weight: float = 1.0
    """How much of the spare width the column takes."""
    wrap: bool = True
    """User text, wrapped as a paragraph; else short lines (dates, labels, amounts) kept
    whole: the column is as wide as the longest, strings are drawn as they are."""
    right: bool = False
    minimum: float = 0.0
    """The least width of a column whose cells are flowables the table cannot measure."""
    may_wrap: bool = False
    """For a column kept whole: wrapped instead when keeping it whole leaves the wrapped
    columns too little room for their longest words (long labels in some languages)."""


@dataclass(slots=True)
class Rows:
    """The body of a ruled table: rows, grouped in blocks kept on one page, and the
    cell styles (status colours) that go with them."""

    cells: list[list[Cell]] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)
    """First and last row of each record (0 is the first row under the titles)."""
    commands: list[BodyCommand] = field(default_factory=list)
    """Style commands in body coordinates (row 0 is the first row under the titles)."""
    totals: int = 0
    """How many rows at the end are totals (bold, shaded)."""

    def add_block(self, rows: Sequence[Sequence[Cell]]) -> int:
        """Append the rows of one record; returns the index of its first row."""
        first = len(self.cells)
        self.cells.extend(list(row) for row in rows)
        self.blocks.append((first, len(self.cells) - 1))
        return first


_BREAKS = re.compile(r"[ \t\n]+")


def _longest_word(text: str, font: str, size: float = FONT_SIZE) -> float:
    # Measured as printed: ``markup`` joins a number and its unit, a date's parts.
    printed = typeset(text, current_language()).replace("\u202f", "\u00a0")
    words = [part for w in _BREAKS.split(printed) if w for part in hyphen_parts(w)]
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def _longest_line(text: str, font: str) -> float:
    lines = typeset(text, current_language()).split("\n")
    return max((stringWidth(line, font, FONT_SIZE) for line in lines), default=0.0)


def _measure(value: Cell, column: TableColumn, font: str) -> float:
    """The least width ``value`` needs in ``column``, padding aside."""
    if isinstance(value, str):
        return (_longest_word if column.wrap else _longest_line)(value, font)
    if isinstance(value, Styled):
        value = [value]
    if isinstance(value, list):
        return max((_styled_width(s, column.wrap) for s in value), default=0.0)
    return 0.0


def _styled_width(styled: Styled, wrap: bool) -> float:
    font, size = styled.style.fontName, styled.style.fontSize
    if wrap:
        return _longest_word(styled.text, font, size)
    return float(stringWidth(styled.text, font, size))


def _least_widths(
    columns: Sequence[TableColumn], cells: Sequence[Sequence[Cell]], bold_from: int | None
) -> list[float]:
    """Each column's longest word (or line, for a column drawn as it is), padded."""
    bold_from = len(cells) if bold_from is None else bold_from
    least = []
    for index, column in enumerate(columns):
        width = max(_longest_word(column.title, BOLD), column.minimum)
        for number, row in enumerate(cells):
            font = BOLD if number >= bold_from else REGULAR
            width = max(width, _measure(row[index], column, font))
        least.append(width + 2 * PADDING + 1)
    return least


def fitted_columns(
    columns: Sequence[TableColumn], cells: Sequence[Sequence[Cell]], bold_from: int | None = None
) -> list[TableColumn]:
    """``columns``, those that ``may_wrap`` wrapping when the table cannot keep them whole
    and every other column's longest word. Tables that share widths are fitted on all
    their cells together (see ``column_widths``)."""
    if not any(c.may_wrap and not c.wrap for c in columns):
        return list(columns)
    if sum(_least_widths(columns, cells, bold_from)) <= CONTENT_WIDTH:
        return list(columns)
    return [replace(c, wrap=True) if c.may_wrap else c for c in columns]


def column_widths(
    columns: Sequence[TableColumn], cells: Sequence[Sequence[Cell]], bold_from: int | None = None
) -> list[float]:
    """Each column as wide as its longest word (or line, for a column drawn as it is),
    the rest of the line shared by weight; when even that is too wide, the wrapped
    columns give up room (a word longer than its column is then split). ``columns`` as
    ``fitted_columns`` gives them."""
    minimum = _least_widths(columns, cells, bold_from)
    spare = CONTENT_WIDTH - sum(minimum)
    if spare >= 0:
        # Columns that wrap for want of room (``fitted_columns``) take all that is left:
        # as much of their labels as fits stays on one line.
        sharing = [c.may_wrap and c.wrap for c in columns]
        if not any(sharing):
            sharing = [True] * len(columns)
        total = sum(c.weight for c, share in zip(columns, sharing, strict=True) if share)
        return [
            w + spare * c.weight / total if share else w
            for w, c, share in zip(minimum, columns, sharing, strict=True)
        ]
    fixed = sum(w for w, c in zip(minimum, columns, strict=True) if not c.wrap)
    wrapped = sum(w for w, c in zip(minimum, columns, strict=True) if c.wrap)
    scale = max(CONTENT_WIDTH - fixed, 0.0) / wrapped if wrapped else 1.0
    return [w * scale if c.wrap else w for w, c in zip(minimum, columns, strict=True)]


def _cell_style(right: bool, bold: bool) -> ParagraphStyle:
    look = styles()
    base = look.cell_head if bold else look.cell
    return look.cell_number if right and not bold else base


def _flowing(value: Cell, column: TableColumn, bold: bool) -> object:
    """What the table is given for ``value``: a paragraph (or several) for text that
    wraps, the string itself for text drawn as it is."""
    if isinstance(value, str):
        if not column.wrap:  # drawn as it is, in the report's typography
            return typeset(value, current_language())
        return Paragraph(markup(value), _cell_style(column.right, bold)) if value.strip() else ""
    if isinstance(value, Styled):
        return Paragraph(markup(value.text), value.style)
    if isinstance(value, list):
        return [Paragraph(markup(s.text), s.style) for s in value]
    return value


def _base_commands(columns: Sequence[TableColumn]) -> list[Command]:
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ]
    commands += [
        ("LINEBEFORE", (index, 0), (index, -1), 0.4, RULE) for index in range(1, len(columns))
    ]
    return commands


def _head_table(columns: Sequence[TableColumn], widths: Sequence[float]) -> Table:
    head = [Paragraph(markup(c.title), styles().cell_head) for c in columns]
    table = Table([head], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle([*_base_commands(columns), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    return table


class _Stack(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A long table as a stack of small ones, one a record, under the column titles,
    repeated at the top of every page it runs onto.

    A reportlab ``Table`` measures all its remaining rows again at every page break: a
    register of a few thousand rows took minutes. Here each record is measured once, and
    a page break only counts the heights of the records that fit."""

    def __init__(
        self,
        head: Callable[[], Table],
        parts: Sequence[Table],
        heights: Sequence[float] | None = None,
    ) -> None:
        super().__init__()
        self._head = head
        self._parts = list(parts)
        self._heights = list(heights) if heights is not None else None
        self._top: Table | None = None
        self._top_height = 0.0

    def _measure(self, width: float) -> list[float]:
        if self._top is None:
            self._top = self._head()
            self._top_height = self._top.wrap(width, PAGE_HEIGHT)[1]
        if self._heights is None:
            self._heights = [part.wrap(width, PAGE_HEIGHT)[1] for part in self._parts]
        return self._heights

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        heights = self._measure(available_width)
        self.width, self.height = available_width, self._top_height + sum(heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        heights = self._measure(available_width)
        if not heights:
            return []  # the titles alone, on the next page
        room = available_height - self._top_height
        fitting, used = 0, 0.0
        while fitting < len(heights) and used + heights[fitting] <= room:
            used += heights[fitting]
            fitting += 1
        if fitting < len(heights) and self._top_height + heights[fitting] > FRAME_HEIGHT:
            # A record longer than a page: its rows (and a row's lines) go on from here.
            pieces = self._parts[fitting].split(available_width, room - used)
            if len(pieces) > 1:
                return [
                    _Stack(self._head, [*self._parts[:fitting], pieces[0]]),
                    _Stack(self._head, [*pieces[1:], *self._parts[fitting + 1 :]]),
                ]
        if fitting == 0:
            return []  # on the next page
        return [
            _Stack(self._head, self._parts[:fitting], heights[:fitting]),
            _Stack(self._head, self._parts[fitting:], heights[fitting:]),
        ]

    def draw(self) -> None:
        assert self._top is not None and self._heights is not None  # wrapped before drawn
        y = self.height - self._top_height
        self._top.drawOn(self.canv, 0, y)
        for part, height in zip(self._parts, self._heights, strict=True):
            y -= height
            part.drawOn(self.canv, 0, y)


def ruled_table(
    columns: Sequence[TableColumn],
    rows: Rows,
    *,
    spanned: int = 0,
    widths: Sequence[float] | None = None,
) -> Flowable:
    """``rows`` under the column titles, titles repeated on every page, each block kept on
    one page (unless longer than a page) and closed by a rule; in a block of several rows,
    the first ``spanned`` columns are one cell (the block's first) and the others have a
    light rule between rows. An empty cell stays empty (pass ``EMPTY`` for a dash).
    ``widths``: those of the columns, when several tables must line up (see
    ``column_widths``)."""
    bold_from = len(rows.cells) - rows.totals
    columns = fitted_columns(columns, rows.cells, bold_from)
    widths = list(widths or column_widths(columns, rows.cells, bold_from))
    base = _base_commands(columns)
    base += [
        ("ALIGN", (index, 0), (index, -1), "RIGHT")
        for index, column in enumerate(columns)
        if column.right
    ]
    # The cell styles by row: (name, first column, last column, value).
    styled: dict[int, list[tuple[str, int, int, object]]] = {}
    for name, (c0, r0), (c1, r1), value in rows.commands:
        for row in range(r0, r1 + 1):
            styled.setdefault(row, []).append((name, c0, c1, value))
    parts = []
    for first, last in rows.blocks:
        body = [
            [_flowing(value, c, number >= bold_from) for value, c in zip(row, columns, strict=True)]
            for number, row in enumerate(rows.cells[first : last + 1], start=first)
        ]
        commands = list(base)
        if last > first:
            commands.append(("LINEBELOW", (spanned, 0), (-1, last - first - 1), 0.25, LIGHT_RULE))
            commands += [("SPAN", (c, 0), (c, -1)) for c in range(spanned)]
        if first >= bold_from:
            commands += [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("FONTNAME", (0, 0), (-1, -1), BOLD),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
            ]
        for row in range(first, last + 1):
            commands += [
                (name, (c0, row - first), (c1, row - first), value)
                for name, c0, c1, value in styled.get(row, [])
            ]
        part = Table(body, colWidths=widths, splitInRow=1, hAlign="LEFT")
        part.setStyle(TableStyle(commands))
        parts.append(part)
    return _Stack(partial(_head_table, columns, widths), parts)


@cache
def _section_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    heading = styles().heading
    return (
        ParagraphStyle("section", parent=heading, keepWithNext=0),
        ParagraphStyle(
            "subsection",
            parent=heading,
            keepWithNext=0,
            fontSize=10,
            leading=13,
            spaceBefore=8,
            spaceAfter=4,
        ),
    )


def section(title: str, *, level: int = 1) -> list[Flowable]:
    """A part's heading (``level`` 2: a part of a part), on a new page when too little of
    this one is left for it and the first lines of what follows (a heading kept with a
    whole table would push the table to the next page)."""
    style = _section_styles()[min(level, 2) - 1]
    return [CondPageBreak(3.5 * cm), Paragraph(markup(title), style)]


def nothing(text: str) -> Paragraph:
    """What an empty part of a report says."""
    return Paragraph(markup(text), styles().empty)


def report_heading(title: str, company: Company, as_of: date) -> list[Flowable]:
    """A register's title, then the company and the date it describes."""
    look = styles()
    when = _("Situation on {date}").format(date=prose_date(as_of))
    return [
        Paragraph(markup(title), look.title),
        Paragraph(markup(f"{company.name} · {when}"), look.subtitle),
    ]


# --- Statuses ------------------------------------------------------------------------------

STATUS_MARKS = {
    Status.OVERDUE: "●",
    Status.DUE_SOON: "◐",
    Status.UPCOMING: "○",
    Status.SATISFIED: "✓",
    Status.NOT_APPLICABLE: "–",
}
"""A mark before each status, so that a black and white copy tells them apart too."""
STATUS_COLOURS = {
    Status.OVERDUE: (colors.HexColor("#f8d7da"), colors.HexColor("#842029")),
    Status.DUE_SOON: (colors.HexColor("#fff0c2"), colors.HexColor("#6b4a00")),
    Status.UPCOMING: (None, INK),
    Status.SATISFIED: (None, colors.HexColor("#0f5132")),
    Status.NOT_APPLICABLE: (None, MUTED),
}
"""Background and text of a status cell: the colours of the employee register's screen."""


def status_text(status: Status) -> str:
    """The status as the registers print it: its mark, then its name."""
    return f"{STATUS_MARKS[status]} {obligation_status_label(status)}"


def status_style(column: int, row: int, status: Status) -> list[BodyCommand]:
    """The status cell in its colours (drawn as a string: a register has thousands)."""
    background, ink = STATUS_COLOURS[status]
    commands: list[BodyCommand] = [("TEXTCOLOR", (column, row), (column, row), ink)]
    if background is not None:
        commands.append(("BACKGROUND", (column, row), (column, row), background))
    return commands


def _amount(obligation: Obligation) -> str:
    if not obligation.amount_at_stake_eur:
        return ""
    return format_money(obligation.amount_at_stake_eur, cents=False)


def open_obligations(obligations: Sequence[Obligation]) -> dict[str, list[Obligation]]:
    """The obligations still open by employee number, each list most urgent first."""
    found: dict[str, list[Obligation]] = {}
    for obligation in sorted((o for o in obligations if o.status in OPEN), key=urgency):
        found.setdefault(obligation.employee_ref, []).append(obligation)
    return found


def obligations_table(obligations: Sequence[Obligation], *, reasons: bool = False) -> Flowable:
    """Obligations, one a row: kind, deadline, status, money at stake (and, with
    ``reasons``, why)."""
    columns = [
        TableColumn(_("Obligation"), 0.6, wrap=False, may_wrap=True),
        TableColumn(_("Deadline"), 0.2, wrap=False),
        TableColumn(_("Status"), 0.2, wrap=False),
        TableColumn(_("At stake"), 0.2, wrap=False, right=True),
    ]
    if reasons:
        columns.append(TableColumn(_("Why"), 4.0))
    rows = Rows()
    for o in obligations:
        row: list[Cell] = [
            obligation_kind_label(o.kind),
            table_date(o.deadline),
            status_text(o.status),
        ]
        row.append(_amount(o))
        if reasons:
            row.append(o.explanation)
        rows.commands += status_style(2, rows.add_block([row]), o.status)
    return ruled_table(columns, rows)


# --- The register --------------------------------------------------------------------------

_EMPLOYEE, _LAST, _KIND, _DEADLINE, _STATUS, _AMOUNT = range(6)


def last_held(employee: Employee, as_of: date) -> Interview | None:
    """The last interview held on or before ``as_of``."""
    held = [
        i
        for i in employee.interviews
        if i.status is InterviewStatus.HELD and i.date is not None and i.date <= as_of
    ]
    return max(held, key=lambda i: i.date or date.min, default=None)


def _who(employee: Employee, as_of: date) -> list[Styled]:
    look = styles()
    lines = [Styled(employee.full_name, look.cell_head), Styled(employee.ref, look.cell)]
    if employee.job_title.strip():
        lines.append(Styled(employee.job_title, look.cell))
    if employee.exit_date is not None and employee.exit_date < as_of:
        left = _("Left on {date}").format(date=table_date(employee.exit_date))
        lines.append(Styled(left, look.cell))
    return lines


def late_deadlines(obligations: Sequence[Obligation]) -> dict[str, date]:
    """For each interview that met an obligation after its deadline, the earliest deadline
    it came after."""
    found: dict[str, date] = {}
    for o in obligations:
        if o.status is Status.SATISFIED and o.late and o.satisfied_by is not None:
            known = found.get(o.satisfied_by)
            found[o.satisfied_by] = o.deadline if known is None else min(known, o.deadline)
    return found


@cache
def _late_style() -> ParagraphStyle:
    ink = STATUS_COLOURS[Status.OVERDUE][1]
    return ParagraphStyle("held_late", parent=styles().cell, textColor=ink)


def _last_text(interview: Interview | None, late: dict[str, date]) -> Cell:
    """The last interview held: its kind and day, and, when it met an obligation after
    the deadline, that it came late (never read as met in time)."""
    if interview is None or interview.date is None:
        return EMPTY
    day = table_date(interview.date)
    text = f"{interview_name(interview, date.today())}\n{day}"
    deadline = late.get(interview.id)
    if deadline is None:
        return text
    look = styles()
    note = _("Held late (due {date})").format(date=table_date(deadline))
    return [
        Styled(interview_name(interview, date.today()), look.cell),
        Styled(day, look.cell),
        Styled(note, _late_style()),
    ]


def _register_columns() -> list[TableColumn]:
    return [
        TableColumn(_("Employee"), 1.0),
        TableColumn(_("Last interview held"), 1.0),
        TableColumn(_("Obligation"), 0.3, wrap=False, may_wrap=True),
        TableColumn(_("Deadline"), 0.1, wrap=False),
        TableColumn(_("Status"), 0.1, wrap=False),
        TableColumn(_("At stake"), 0.1, wrap=False, right=True),
    ]


def _register_rows(
    employees: Sequence[Employee],
    still_open: dict[str, list[Obligation]],
    as_of: date,
    late: dict[str, date],
) -> Rows:
    """A block of rows an employee, one row an obligation of the law still open."""
    rows = Rows()
    muted = ParagraphStyle("nothing_due", parent=styles().cell, textColor=MUTED)
    for employee in employees:
        due = still_open.get(employee.ref, [])
        lines: list[list[Cell]] = [
            [
                "",
                "",
                obligation_kind_label(o.kind),
                table_date(o.deadline),
                status_text(o.status),
                _amount(o),
            ]
            for o in due
        ] or [["", "", Styled(_("Nothing due"), muted), "", "", ""]]
        lines[0][_EMPLOYEE] = _who(employee, as_of)
        lines[0][_LAST] = _last_text(last_held(employee, as_of), late)
        first = rows.add_block(lines)
        for offset, o in enumerate(due):
            rows.commands += status_style(_STATUS, first + offset, o.status)
    return rows


def _policy_columns() -> list[TableColumn]:
    return [
        TableColumn(_("Employee"), 1.0),
        TableColumn(_("Obligation"), 0.3, wrap=False, may_wrap=True),
        TableColumn(_("Deadline"), 0.1, wrap=False),
        TableColumn(_("Status"), 0.1, wrap=False),
    ]


def _policy_rows(
    employees: Sequence[Employee], still_open: dict[str, list[Obligation]], as_of: date
) -> Rows:
    """A block of rows for each employee with an obligation of a company policy still
    open, one row an obligation."""
    rows = Rows()
    for employee in employees:
        due = still_open.get(employee.ref, [])
        if not due:
            continue
        lines: list[list[Cell]] = [
            ["", obligation_kind_label(o.kind), table_date(o.deadline), status_text(o.status)]
            for o in due
        ]
        lines[0][0] = _who(employee, as_of)
        first = rows.add_block(lines)
        for offset, o in enumerate(due):
            rows.commands += status_style(3, first + offset, o.status)
    return rows


def _split_by_basis(
    still_open: dict[str, list[Obligation]],
) -> tuple[dict[str, list[Obligation]], dict[str, list[Obligation]]]:
    """The open obligations of the law, and those of the company's own policies."""
    law: dict[str, list[Obligation]] = {}
    policy: dict[str, list[Obligation]] = {}
    for ref, obligations in still_open.items():
        for o in obligations:
            (policy if o.by_policy else law).setdefault(ref, []).append(o)
    return law, policy


def _policy_summary(policy_open: dict[str, list[Obligation]]) -> Paragraph:
    """The company policies' open obligations in a line under the law's tiles: counted
    apart, never added to the law's."""
    counts = dict.fromkeys(OPEN, 0)
    for obligations in policy_open.values():
        for o in obligations:
            counts[o.status] += 1
    text = _(
        "Company policies, not law and not counted above: {overdue} overdue, {due_soon} due "
        "soon, {upcoming} upcoming. They are listed in their own part, after the employees."
    ).format(
        overdue=counts[Status.OVERDUE],
        due_soon=counts[Status.DUE_SOON],
        upcoming=counts[Status.UPCOMING],
    )
    return Paragraph(markup(text), ParagraphStyle("policies", parent=styles().small, spaceBefore=6))


def _policy_part(
    employees: Sequence[Employee], policy_open: dict[str, list[Obligation]], as_of: date
) -> list[Flowable]:
    """The part of the register for the company's own policies."""
    story = section(_("Company policies (not law)"))
    story.append(
        Paragraph(
            markup(
                _(
                    "Interviews the company holds by its own rule, beyond the law: they are "
                    "not legal obligations."
                )
            ),
            ParagraphStyle("policies_intro", parent=styles().small, spaceAfter=4),
        )
    )
    rows = _policy_rows(employees, policy_open, as_of)
    if not rows.cells:
        return [*story, nothing(_("Nothing due"))]
    return [*story, ruled_table(_policy_columns(), rows, spanned=1)]


def _tiles(counts: Sequence[tuple[str, str, Status | None]]) -> Table:
    """The summary: one tile a figure, its number large above its label."""
    gap = 0.3 * cm
    width = (CONTENT_WIDTH - gap * (len(counts) - 1)) / len(counts)
    label = ParagraphStyle("tile", parent=styles().small, alignment=TA_CENTER)
    figures: list[Cell] = []
    labels: list[Cell] = []
    widths: list[float] = []
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, 0), 16),
        ("LEADING", (0, 0), (-1, 0), 20),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
    ]
    for index, (figure, name, status) in enumerate(counts):
        if index:
            figures.append("")
            labels.append("")
            widths.append(gap)
        column = len(widths)
        figures.append(figure)
        labels.append(Paragraph(markup(name), label))
        widths.append(width)
        background, ink = STATUS_COLOURS[status] if status is not None else (None, INK)
        commands += [
            ("BACKGROUND", (column, 0), (column, 1), background or SHADE),
            ("TEXTCOLOR", (column, 0), (column, 0), ink),
            ("BOX", (column, 0), (column, 1), 0.5, RULE),
        ]
    table = Table([figures, labels], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def notice_box(text: str) -> Table:
    """A short text in a light frame: what a document is, and what it is not."""
    box = Table([[Paragraph(markup(text), styles().small)]], colWidths=[CONTENT_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return box


def chain_anchor(head: ChainEntry) -> Paragraph:
    """The chain head in print, in bold: whoever keeps this page can tell later whether the
    file's signed records were rewritten (services/signing.py says what the chain
    protects)."""
    mark = "\x00"  # where the head goes, in bold, once the sentence is escaped
    text = _(
        "Chain of signed records: entry {number}, {link}. Keep this printed copy: entry "
        "{number} of the data file must still begin with these digits, or its signed "
        "records were rewritten."
    ).format(number=head.seq, link=mark)
    link = short_link(head.link).replace(" ", "\u00a0")
    paragraph = markup(text).replace(mark, f"<b>{link}</b>")
    return Paragraph(paragraph, ParagraphStyle("anchor", parent=styles().small, spaceBefore=4))


def compliance_register(
    company: Company,
    as_of: date,
    language: str | None = None,
    *,
    chain_head: ChainEntry | None = None,
) -> bytes:
    """The compliance register of ``company`` as of ``as_of``, in ``language`` (default:
    the current one). ``chain_head``: the last entry of the file's chain of signed records,
    printed under the notice so that a paper copy anchors it."""
    with report_language(language or current_language()):
        report = company_obligations(company, as_of)
        title = _("Compliance register")
        law_open, policy_open = _split_by_basis(open_obligations(report.obligations))
        by_law = [o for o in report.obligations if not o.by_policy]
        counts = [
            (str(sum(o.status is s for o in by_law)), obligation_status_label(s), s)
            for s in (Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING)
        ]
        amount = format_money(report.amount_at_stake_eur, cents=False)
        with_policies = bool(company.policies or policy_open)
        story: list[Flowable] = [
            *report_heading(title, company, as_of),
            notice_box(
                _(
                    "This register is not legal advice. It applies the rules as this program "
                    "reads them to the facts recorded in this file on the date above; check it "
                    "against your records and ask your accountant or a lawyer before acting "
                    "on it."
                )
            ),
            *([chain_anchor(chain_head)] if chain_head is not None else []),
            *section(_("Summary")),
            _tiles([*counts, (amount, _("Amount at stake"), None)]),
            *([_policy_summary(policy_open)] if with_policies else []),
        ]
        listed = register_rows(report)
        late = late_deadlines(report.obligations)
        present_employees = [r.employee for r in listed if r.present]
        left_employees = [r.employee for r in listed if not r.present]
        present = _register_rows(present_employees, law_open, as_of, late)
        left = _register_rows(left_employees, law_open, as_of, late)
        # Both parts measured together, so that their columns line up.
        columns = fitted_columns(_register_columns(), present.cells + left.cells)
        widths = column_widths(columns, present.cells + left.cells)
        story += section(_("Employees"))
        story.append(
            ruled_table(columns, present, spanned=_KIND, widths=widths)
            if present.cells
            else nothing(_("Nothing recorded."))
        )
        if left.cells:
            story += section(_("Employees who have left"))
            story.append(ruled_table(columns, left, spanned=_KIND, widths=widths))
        if with_policies:
            story += _policy_part([*present_employees, *left_employees], policy_open, as_of)
        return render(story, company=company.name, title=title, subject=title)
