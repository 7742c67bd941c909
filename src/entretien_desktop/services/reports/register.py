"""The compliance register, as a labour inspector reads it: every employee with the last
professional interview (and whether it came after the deadline it met), those held in the
current summary-review period and the last review's result, the last forfait-jours review;
each obligation of the law overdue or due within twelve months with its legal basis,
deadline and status, the money owed and the money possible in columns of their own, never
added (a forfait-jours review not held is marked as a risk there: it has no amount); why
someone is not covered. Present employees first, those who have left in a part of their
own, then the company's own policies apart, so that they are never counted as the law's; a
legend; every later deadline in an annex. The date it describes and a notice that it is
not legal advice. The content comes from ``register_data``.

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
from functools import cache, lru_cache, partial
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from entretien_desktop.domain import Company, Employee, Interview, InterviewStatus
from entretien_desktop.domain.enums import FRANCE
from entretien_desktop.domain.record_chain import ChainEntry, short_link
from entretien_desktop.i18n import (
    _,
    current_language,
    format_money,
    ngettext,
    prose_date,
    table_date,
)
from entretien_desktop.i18n.typography import typeset
from entretien_desktop.rules import Obligation, Status
from entretien_desktop.rules.regimes import TOP_UP_EUR
from entretien_desktop.services.board import interview_under_way
from entretien_desktop.services.dashboard import OPEN, urgency
from entretien_desktop.services.labels import (
    contract_label,
    interview_name,
    interview_status_label,
    legal_basis_label,
    obligation_name,
    obligation_status_label,
    out_of_scope_label,
)
from entretien_desktop.services.obligations import (
    amount_owed,
    amount_possible,
    at_risk,
    company_obligations,
)
from entretien_desktop.services.reports.blocks import markup
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
from entretien_desktop.services.reports.register_data import (
    EmployeeEntry,
    RegisterData,
    register_data,
)
from entretien_desktop.services.summary_reviews import headcount_sentence

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
    """Cached: a register measures the same labels, bases and dates thousands of times."""
    return _measured_word(text, font, size, current_language())


@lru_cache(maxsize=65536)
def _measured_word(text: str, font: str, size: float, language: str) -> float:
    # Measured as printed: ``markup`` joins a number and its unit, a date's parts.
    printed = typeset(text, language).replace("\u202f", "\u00a0")
    words = [part for w in _BREAKS.split(printed) if w for part in hyphen_parts(w)]
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def _longest_line(text: str, font: str, size: float = FONT_SIZE) -> float:
    return _measured_line(text, font, size, current_language())


@lru_cache(maxsize=65536)
def _measured_line(text: str, font: str, size: float, language: str) -> float:
    lines = typeset(text, language).split("\n")
    return max((stringWidth(line, font, size) for line in lines), default=0.0)


def _measure(value: Cell, column: TableColumn, font: str, size: float = FONT_SIZE) -> float:
    """The least width ``value`` needs in ``column``, padding aside."""
    if isinstance(value, str):
        return (_longest_word if column.wrap else _longest_line)(value, font, size)
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
    columns: Sequence[TableColumn],
    cells: Sequence[Sequence[Cell]],
    bold_from: int | None,
    size: float = FONT_SIZE,
) -> list[float]:
    """Each column's longest word (or line, for a column drawn as it is), padded."""
    bold_from = len(cells) if bold_from is None else bold_from
    least = []
    for index, column in enumerate(columns):
        width = max(_longest_word(column.title, BOLD, size), column.minimum)
        for number, row in enumerate(cells):
            font = BOLD if number >= bold_from else REGULAR
            width = max(width, _measure(row[index], column, font, size))
        least.append(width + 2 * PADDING + 1)
    return least


def fitted_columns(
    columns: Sequence[TableColumn],
    cells: Sequence[Sequence[Cell]],
    bold_from: int | None = None,
    *,
    size: float = FONT_SIZE,
) -> list[TableColumn]:
    """``columns``, those that ``may_wrap`` wrapping when the table cannot keep them whole
    and every other column's longest word. Tables that share widths are fitted on all
    their cells together (see ``column_widths``)."""
    if not any(c.may_wrap and not c.wrap for c in columns):
        return list(columns)
    if sum(_least_widths(columns, cells, bold_from, size)) <= CONTENT_WIDTH:
        return list(columns)
    return [replace(c, wrap=True) if c.may_wrap else c for c in columns]


def column_widths(
    columns: Sequence[TableColumn],
    cells: Sequence[Sequence[Cell]],
    bold_from: int | None = None,
    *,
    size: float = FONT_SIZE,
) -> list[float]:
    """Each column as wide as its longest word (or line, for a column drawn as it is),
    the rest of the line shared by weight; when even that is too wide, the wrapped
    columns give up room (a word longer than its column is then split). ``columns`` as
    ``fitted_columns`` gives them."""
    minimum = _least_widths(columns, cells, bold_from, size)
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


@cache
def cell_styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """The cell styles (plain, number, bold) of a table written at ``size`` points."""
    look = styles()
    if size == FONT_SIZE:
        return look.cell, look.cell_number, look.cell_head
    leading = size + LEADING - FONT_SIZE
    cell = ParagraphStyle(f"cell_{size}", parent=look.cell, fontSize=size, leading=leading)
    return (
        cell,
        ParagraphStyle(
            f"cell_number_{size}", parent=look.cell_number, fontSize=size, leading=leading
        ),
        ParagraphStyle(f"cell_head_{size}", parent=look.cell_head, fontSize=size, leading=leading),
    )


def _cell_style(right: bool, bold: bool, size: float = FONT_SIZE) -> ParagraphStyle:
    cell, number, head = cell_styles(size)
    base = head if bold else cell
    return number if right and not bold else base


def _flowing(value: Cell, column: TableColumn, bold: bool, size: float = FONT_SIZE) -> object:
    """What the table is given for ``value``: a paragraph (or several) for text that
    wraps, the string itself for text drawn as it is."""
    if isinstance(value, str):
        if not column.wrap:  # drawn as it is, in the report's typography
            return typeset(value, current_language())
        style = _cell_style(column.right, bold, size)
        return Paragraph(markup(value), style) if value.strip() else ""
    if isinstance(value, Styled):
        return Paragraph(markup(value.text), value.style)
    if isinstance(value, list):
        return [Paragraph(markup(s.text), s.style) for s in value]
    return value


def _base_commands(columns: Sequence[TableColumn], size: float = FONT_SIZE) -> list[Command]:
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size + LEADING - FONT_SIZE),
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


def _head_table(
    columns: Sequence[TableColumn], widths: Sequence[float], size: float = FONT_SIZE
) -> Table:
    head = [Paragraph(markup(c.title), cell_styles(size)[2]) for c in columns]
    table = Table([head], colWidths=list(widths), hAlign="LEFT")
    commands = [*_base_commands(columns, size), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    table.setStyle(TableStyle(commands))
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
    size: float = FONT_SIZE,
) -> Flowable:
    """``rows`` under the column titles, titles repeated on every page, each block kept on
    one page (unless longer than a page) and closed by a rule; in a block of several rows,
    the first ``spanned`` columns are one cell (the block's first) and the others have a
    light rule between rows. An empty cell stays empty (pass ``EMPTY`` for a dash).
    ``widths``: those of the columns, when several tables must line up (see
    ``column_widths``). ``size``: the text's, in points. A ``SPAN`` command (value
    ``None``) joins cells of one row."""
    bold_from = len(rows.cells) - rows.totals
    columns = fitted_columns(columns, rows.cells, bold_from, size=size)
    widths = list(widths or column_widths(columns, rows.cells, bold_from, size=size))
    base = _base_commands(columns, size)
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
            [
                _flowing(value, c, number >= bold_from, size)
                for value, c in zip(row, columns, strict=True)
            ]
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
                if value is not None
                else (name, (c0, row - first), (c1, row - first))
                for name, c0, c1, value in styled.get(row, [])
            ]
        part = Table(body, colWidths=widths, splitInRow=1, hAlign="LEFT")
        part.setStyle(TableStyle(commands))
        parts.append(part)
    return _Stack(partial(_head_table, columns, widths, size), parts)


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


def risk_mark() -> str:
    """What the money columns say of an obligation with a risk but no amount (a
    forfait-jours review not held): the explanation, or the legend, says which risk."""
    return _("Risk")


def _amount(obligation: Obligation) -> str:
    if at_risk(obligation):
        return risk_mark()
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
            obligation_name(o),
            table_date(o.deadline),
            status_text(o.status),
        ]
        row.append(_amount(o))
        if reasons:
            row.append(o.explanation)
        rows.commands += status_style(2, rows.add_block([row]), o.status)
    return ruled_table(columns, rows)


# --- The register --------------------------------------------------------------------------

SIZE = 9
"""The register's text, in points: a register is read by an inspector, not only filed."""
_WHO, _KIND, _BASIS, _DEADLINE, _STATUS, _OWED, _POSSIBLE = range(7)


def last_held(employee: Employee, as_of: date) -> Interview | None:
    """The last interview held on or before ``as_of``."""
    held = [
        i
        for i in employee.interviews
        if i.status is InterviewStatus.HELD and i.date is not None and i.date <= as_of
    ]
    return max(held, key=lambda i: i.date or date.min, default=None)


@cache
def _register_styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """Plain, bold, muted and late (in the overdue colour) cell text of the register."""
    cell, _number, head = cell_styles(SIZE)
    muted = ParagraphStyle("register_muted", parent=cell, textColor=MUTED)
    late = ParagraphStyle("register_late", parent=cell, textColor=STATUS_COLOURS[Status.OVERDUE][1])
    return cell, head, muted, late


def _day(value: date) -> str:
    """A date in a table: abbreviated, never broken across two lines."""
    return table_date(value)


class _Laid(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A paragraph laid out once for a width: a table asks each cell's size again when it
    measures a row, spans it and draws it, and a register has thousands of these."""

    _laid: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        laid = self._laid
        if laid is not None and laid[0] == available_width:
            return laid[1]
        size = super().wrap(available_width, available_height)
        self._laid = (available_width, size)
        return size  # type: ignore[no-any-return]


def _who(employee: Employee, as_of: date, *, details: bool = True) -> Paragraph:
    """Name, number (and, with ``details``, job and contract), and the exit date: one
    paragraph, so that a long job title wraps within the column the names set (see
    ``_names_width``) rather than widening it."""
    lines = [f"<b>{markup(employee.full_name)}</b>", markup(employee.ref)]
    if details:
        if employee.job_title.strip():
            lines.append(markup(employee.job_title))
        lines.append(markup(contract_label(employee.contract)))
        if employee.seniority_date is not None:
            seniority = _("Seniority from {date}").format(date=table_date(employee.seniority_date))
            lines.append(markup(seniority))
        if employee.forfait_jours_since is not None:
            forfait = _("Forfait jours since {date}").format(
                date=table_date(employee.forfait_jours_since)
            )
            lines.append(markup(forfait))
    if employee.exit_date is not None and employee.exit_date < as_of:
        left = _("Left on {date}").format(date=table_date(employee.exit_date))
        lines.append(markup(left))
    return _Laid("<br/>".join(lines), _register_styles()[0])


_LONG_WORD = 64.0
"""A word of a job title or a contract wider than this, in points, may be split rather
than widen the employee column; a name's never is."""


def _names_width(entries: Sequence[EmployeeEntry]) -> float:
    """The least width of the employee column: its longest word of a name or a number, or
    of a job title or a contract up to ``_LONG_WORD``, padded."""
    names = (w for e in entries for t in (e.employee.full_name, e.employee.ref) for w in t.split())
    words = (
        w
        for e in entries
        for t in (e.employee.job_title, contract_label(e.employee.contract))
        for w in t.split()
    )
    widest = max((stringWidth(w, BOLD, SIZE) for w in names), default=0.0)
    other = max((stringWidth(w, REGULAR, SIZE) for w in words), default=0.0)
    return max(widest, min(other, _LONG_WORD)) + 2 * PADDING + 1


def late_deadlines(obligations: Sequence[Obligation]) -> dict[str, date]:
    """For each interview that met an obligation after its deadline, the earliest deadline
    it came after."""
    found: dict[str, date] = {}
    for o in obligations:
        if o.status is Status.SATISFIED and o.late and o.satisfied_by is not None:
            known = found.get(o.satisfied_by)
            found[o.satisfied_by] = o.deadline if known is None else min(known, o.deadline)
    return found


def _planned(entry: EmployeeEntry) -> str:
    """The interviews planned or invited for the employee's open obligations of the law,
    by kind and day: an overdue obligation already in hand does not read as ignored."""
    found: dict[str, Interview] = {}
    for o in (*entry.law, *entry.law_later):
        interview = interview_under_way(entry.employee, o) if o.status in OPEN else None
        if interview is not None and interview.date is not None:
            found[interview.id] = interview
    ordered = sorted(found.values(), key=lambda i: (i.date or date.max, i.id))
    return ", ".join(
        f"{interview_name(i, date.today())}, {_day(i.date)}" for i in ordered if i.date
    )


def _history(entry: EmployeeEntry, late: dict[str, date]) -> Paragraph:
    """The employee's professional interviews, in a line each: the last one (and whether
    it came after the deadline it met), those held in the current summary-review period,
    the last summary review and its result, the interviews planned for what is open."""
    cell, _head, _muted, _late = _register_styles()
    ink = STATUS_COLOURS[Status.OVERDUE][1].hexval().replace("0x", "#")

    def line(label: str, value: str, note: str = "") -> str:
        text = f"<b>{markup(label)}</b> {markup(value)}"
        return f'{text} <font color="{ink}">{markup(note)}</font>' if note else text

    last = entry.last_professional
    if last is None or last.date is None:
        lines = [line(_("Last professional interview:"), _("none held"))]
    else:
        deadline = late.get(last.id)
        note = (
            _("Held late (due {date})").format(date=table_date(deadline))
            if deadline is not None
            else ""
        )
        value = f"{interview_name(last, last.date)}, {_day(last.date)}"
        lines = [line(_("Last professional interview:"), value, note)]
    if entry.period_start is not None:
        since = _("Held since {date} (current review period):").format(
            date=_day(entry.period_start)
        )
        days = ", ".join(_day(i.date) for i in entry.held_in_period if i.date is not None)
        lines.append(line(since, days or _("none held")))
    review = entry.last_review
    if review is not None and review.date is not None:
        outcome = entry.last_review_outcome
        if outcome is None:
            result = _day(review.date)
        elif amount_owed(outcome):
            amount = format_money(outcome.amount_at_stake_eur, cents=False)
            result = _("{date}: top-up of {amount} owed").format(
                date=_day(review.date), amount=amount
            )
        else:
            result = _("{date}: no top-up owed").format(date=_day(review.date))
        lines.append(line(_("Last summary review:"), result))
    if entry.employee.forfait_jours_since is not None and entry.out_of_scope is None:
        forfait = entry.last_forfait_review
        if forfait is None or forfait.date is None:
            lines.append(line(_("Last forfait-jours review:"), _("none held")))
        else:
            deadline = late.get(forfait.id)
            note = (
                _("Held late (due {date})").format(date=table_date(deadline))
                if deadline is not None
                else ""
            )
            lines.append(line(_("Last forfait-jours review:"), _day(forfait.date), note))
    planned = _planned(entry)
    if planned:
        lines.append(line(_("Interviews planned:"), planned))
    return _Laid("<br/>".join(lines), cell)


_STATUS_LINE = 62.0
"""The width, in points, past which a status is written on two lines."""


def _state(obligation: Obligation) -> str:
    """The status as the register prints it, on two lines as even as can be when long: a
    summary review held is "held", whatever its result (the money owed says it)."""
    if obligation.status is Status.SATISFIED:
        text = f"{STATUS_MARKS[Status.SATISFIED]} {interview_status_label(InterviewStatus.HELD)}"
    else:
        text = status_text(obligation.status)
    if stringWidth(text, REGULAR, SIZE) <= _STATUS_LINE:
        return text
    words = text.split(" ")

    def widest(cut: int) -> float:
        lines = (" ".join(words[:cut]), " ".join(words[cut:]))
        return max(float(stringWidth(line, REGULAR, SIZE)) for line in lines)

    cut = min(range(2, len(words)), key=widest, default=0)
    return f"{' '.join(words[:cut])}\n{' '.join(words[cut:])}" if cut else text


def _money(amount: int) -> str:
    return format_money(amount, cents=False) if amount else ""


def _possible(obligation: Obligation) -> str:
    """The money possible on ``obligation``, or the mark of a risk without an amount."""
    return risk_mark() if at_risk(obligation) else _money(amount_possible(obligation))


@lru_cache(maxsize=4096)
def _broken(text: str, width: float) -> str:
    """``text`` in lines that fit ``width`` points at the register's size, a word longer
    than the line cut where it must, with a hyphen at the cut (as Dutch or Norwegian
    compound words are hyphenated), never leaving a single letter on a line. Cached: a
    register repeats a few labels thousands of times, and a string is drawn far faster
    than a paragraph is laid out."""
    lines: list[str] = []
    for whole in simpleSplit(text, REGULAR, SIZE, width):
        rest = whole
        while stringWidth(rest, REGULAR, SIZE) > width and len(rest) > 3:
            cut = len(rest) - 2
            while cut > 2 and stringWidth(rest[:cut] + "-", REGULAR, SIZE) > width:
                cut -= 1
            if rest[cut - 1] in "-‐ (":  # already a break: no second hyphen
                lines.append(rest[:cut])
            else:
                lines.append(rest[:cut] + "-")
            rest = rest[cut:]
        lines.append(rest)
    return "\n".join(lines)


def _drawn_table(
    columns: Sequence[TableColumn], rows: Rows, widths: Sequence[float] | None = None
) -> Flowable:
    """A register table whose short texts that wrap (obligations, bases) are broken into
    lines here and drawn as strings; employees and histories stay paragraphs."""
    widths = list(widths or column_widths(columns, rows.cells, size=SIZE))
    wrapped = [i for i, c in enumerate(columns) if c.wrap]
    for row in rows.cells:
        for i in wrapped:
            if isinstance(row[i], str) and row[i]:
                row[i] = _broken(str(row[i]), widths[i] - 2 * PADDING - 1)
    drawn = [replace(c, wrap=False, may_wrap=False) if c.wrap else c for c in columns]
    return ruled_table(drawn, rows, spanned=1, widths=widths, size=SIZE)


def _law_columns(names: float = 0.0) -> list[TableColumn]:
    """The columns of the law's table; ``names``: the employee column's least width."""
    return [
        TableColumn(_("Employee"), 0.9, minimum=names),
        TableColumn(_("Obligation"), 0.8),
        TableColumn(_("Legal basis"), 1.4),
        TableColumn(_("Deadline"), 0.1, wrap=False),
        TableColumn(_("Status"), 0.1, wrap=False),
        TableColumn(_("Owed"), 0.1, wrap=False, right=True),
        TableColumn(_("Possible"), 0.1, wrap=False, right=True),
    ]


def _law_row(o: Obligation) -> list[Cell]:
    return [
        "",
        obligation_name(o),
        legal_basis_label(o.basis),
        _day(o.deadline),
        _state(o),
        _money(amount_owed(o)),
        _possible(o),
    ]


def _law_rows(entries: Sequence[EmployeeEntry], as_of: date, late: dict[str, date]) -> Rows:
    """A block of rows an employee: who, beside one row an obligation of the law due by
    the horizon (or with money owed), or why there is none, then the interviews held."""
    rows = Rows()
    width = len(_law_columns())
    for entry in entries:
        lines: list[list[Cell]] = [_law_row(o) for o in entry.law]
        spans: list[int] = []
        if not lines:
            spans.append(len(lines))
            lines.append(["", Paragraph(markup(_nothing_due(entry)), _register_styles()[2])])
        if entry.out_of_scope is None:
            spans.append(len(lines))
            lines.append(["", _history(entry, late)])
        for offset in spans:
            lines[offset] += [""] * (width - 2)
        lines[0][_WHO] = _who(entry.employee, as_of)
        first = rows.add_block(lines)
        rows.commands += [("SPAN", (1, first + o), (width - 1, first + o), None) for o in spans]
        for offset, o in enumerate(entry.law):
            rows.commands += status_style(_STATUS, first + offset, o.status)
    return rows


_LEAST_BASIS = 80.0
"""The basis column's width, in points, below which a table too wide takes room from the
obligation's name instead (long in some languages) rather than from the basis."""


def _law_widths(columns: Sequence[TableColumn], cells: Sequence[Sequence[Cell]]) -> list[float]:
    """The widths of the law's table: as ``column_widths`` gives them when every column's
    longest word fits; else the dates, statuses and amounts whole, the employee column as
    wide as the names, the basis at least ``_LEAST_BASIS``, the obligation the rest."""
    least = _least_widths(columns, cells, None, SIZE)
    if sum(least) <= CONTENT_WIDTH:
        return column_widths(columns, cells, size=SIZE)
    widths = list(least)
    room = CONTENT_WIDTH - sum(least[_DEADLINE:]) - least[_WHO]
    widths[_BASIS] = min(least[_BASIS], max(_LEAST_BASIS, room / 3))
    widths[_KIND] = max(room - widths[_BASIS], 0.0)
    return widths


def _nothing_due(entry: EmployeeEntry) -> str:
    """What the row of an employee without obligation in the main table says."""
    if entry.out_of_scope is not None:
        return out_of_scope_label(entry.out_of_scope, entry.employee)
    exit_date = entry.employee.exit_date
    if not entry.present and exit_date is not None:
        return _(
            "Nothing due: left on {date}; obligations falling due after that day no longer apply."
        ).format(date=prose_date(exit_date))
    if entry.law_later:
        return _("Nothing due within 12 months. Next deadline: {date} (see the annex).").format(
            date=prose_date(entry.law_later[0].deadline)
        )
    return _("Nothing due within 12 months.")


def _policy_columns(names: float, *, annex: bool = False) -> list[TableColumn]:
    """The columns of the policies' table and of the annex (no status there: every later
    deadline is upcoming); ``names``: as for the law's."""
    columns = [
        TableColumn(_("Employee"), 1.0, minimum=names),
        TableColumn(_("Obligation"), 0.6),
        TableColumn(_("Basis"), 0.6),
        TableColumn(_("Deadline"), 0.1, wrap=False),
    ]
    return columns if annex else [*columns, TableColumn(_("Status"), 0.1, wrap=False)]


def _short_rows(
    entries: Sequence[EmployeeEntry],
    pick: Callable[[EmployeeEntry], Sequence[Obligation]],
    *,
    annex: bool,
    possible: bool,
) -> Rows:
    """A block of rows for each employee with obligations ``pick`` chooses, one row an
    obligation: kind, basis, deadline, status (in the annex none, and the money possible
    for the law's)."""
    rows = Rows()
    for entry in entries:
        due = pick(entry)
        if not due:
            continue
        lines: list[list[Cell]] = []
        for o in due:
            line: list[Cell] = [
                "",
                obligation_name(o),
                legal_basis_label(o.basis),
                _day(o.deadline),
            ]
            if not annex:
                line.append(_state(o))
            if possible:
                line.append(_possible(o))
            lines.append(line)
        lines[0][0] = f"{entry.employee.full_name}\n{entry.employee.ref}"
        first = rows.add_block(lines)
        if not annex:
            for offset, o in enumerate(due):
                rows.commands += status_style(4, first + offset, o.status)
    return rows


def _small(text: str, **extra: object) -> Paragraph:
    style = ParagraphStyle(
        f"register_small_{len(extra)}", parent=styles().body, fontSize=SIZE, leading=12, **extra
    )
    return Paragraph(markup(text), style)


def _policy_summary(data: RegisterData) -> Paragraph:
    """The company policies' open obligations in a line under the law's tiles: counted
    apart, never added to the law's."""
    counts = dict.fromkeys(OPEN, 0)
    for o in data.policy_obligations():
        counts[o.status] += 1
    text = _(
        "Company policies, not law and not counted above: {overdue} overdue, {due_soon} due "
        "soon, {upcoming} upcoming. They are listed in their own part, after the employees."
    ).format(
        overdue=counts[Status.OVERDUE],
        due_soon=counts[Status.DUE_SOON],
        upcoming=counts[Status.UPCOMING],
    )
    return _small(text, spaceBefore=6)


def _policy_part(data: RegisterData) -> list[Flowable]:
    """The part of the register for the company's own policies."""
    story = section(_("Company policies (not law)"))
    story.append(
        _small(
            _(
                "Interviews the company holds by its own rule, beyond the law: they are not "
                "legal obligations, and nothing is owed under the Labour Code if they are "
                "missed. Listed here: those overdue or due by {date}."
            ).format(date=prose_date(data.horizon)),
            spaceAfter=4,
        )
    )
    rows = _short_rows(data.entries, lambda e: e.policy, annex=False, possible=False)
    if not rows.cells:
        return [*story, nothing(_("Nothing due"))]
    columns = _policy_columns(_names_width(data.entries))
    return [*story, _drawn_table(columns, rows)]


def _annex(data: RegisterData, *, law: bool) -> list[Flowable]:
    """Every later deadline, the law's (when ``law`` applies) and the policies' apart."""
    story = section(_("Annex: deadlines after {date}").format(date=prose_date(data.horizon)))
    names = _names_width(data.entries)
    if law:
        law_columns = _policy_columns(names, annex=True)
        law_columns[2] = TableColumn(_("Legal basis"), 0.6)
        law_columns.append(TableColumn(_("Possible"), 0.1, wrap=False, right=True))
        rows = _short_rows(data.entries, lambda e: e.law_later, annex=True, possible=True)
        story += section(_("Legal obligations"), level=2)
        story.append(
            _drawn_table(law_columns, rows) if rows.cells else nothing(_("Nothing recorded."))
        )
    policy = _short_rows(data.entries, lambda e: e.policy_later, annex=True, possible=False)
    if policy.cells:
        story += section(_("Company policies (not law)"), level=2)
        story.append(_drawn_table(_policy_columns(names, annex=True), policy))
    return story


def _legend_item(text: str) -> Paragraph:
    """A line of the legend, the term it explains (up to the first colon) in bold."""
    term, colon, rest = text.partition(":")
    if not colon:
        return _small(text, spaceAfter=2)
    style = ParagraphStyle("legend", parent=styles().body, fontSize=SIZE, leading=12, spaceAfter=2)
    return Paragraph(f"<b>{markup(term + colon)}</b>{markup(rest)}", style)


def _legend(company: Company, *, forfait: bool = False) -> list[Flowable]:
    """How to read the register: the statuses, owed and possible (and, with ``forfait``,
    the risk of a forfait-jours review not held), the columns."""
    due_soon_days = company.settings.effective("due_soon_days")
    items = [
        _("{mark} Overdue: the deadline has passed and the interview has not been held.").format(
            mark=STATUS_MARKS[Status.OVERDUE]
        ),
        _("{mark} Due soon: the deadline falls within the next {days} days.").format(
            mark=STATUS_MARKS[Status.DUE_SOON], days=due_soon_days
        ),
        _(
            "{mark} Upcoming: the deadline falls later; within 12 months in the tables above, "
            "after that in the annex."
        ).format(mark=STATUS_MARKS[Status.UPCOMING]),
        _(
            "{mark} Held: the summary review was held; the amount owed, if any, follows from "
            "its result."
        ).format(mark=STATUS_MARKS[Status.SATISFIED]),
        _(
            "Owed: the top-up of {amount} to the employee's personal training account (CPF, "
            "art. L6315-1 II and L6323-13 of the Labour Code) for a summary review held or "
            "overdue when, over the period, interviews were missed and no non-mandatory "
            "training was followed, in a company of 50 employees or more."
        ).format(amount=format_money(TOP_UP_EUR, cents=False)),
        _(
            "Possible: what a summary review still to come would cost if nothing changes "
            "before its deadline. It is not owed today and is never added to the amount owed."
        ),
        *(
            [
                _(
                    "{risk}: a forfait-jours review not held puts no amount at stake, but "
                    "without the yearly review the forfait-jours agreement may be held void "
                    "and the employee may claim overtime (art. L3121-64 and L3121-65 of the "
                    "Labour Code)."
                ).format(risk=risk_mark())
            ]
            if forfait
            else []
        ),
        _(
            "Legal basis: the articles of the Labour Code and the law that set the obligation "
            "on its deadline. A company policy rests on the company's own rule, not on the law."
        ),
        _(
            "Last professional interview: the last professional or career-path interview, "
            "interview on return from leave, mid-career or end-of-career interview, or "
            "summary review. Annual reviews and career conversations are not professional "
            "interviews and are never shown there."
        ),
        _(
            "Held since (current review period): the professional interviews held since the "
            "last summary review, or since the start of the period the next one will cover "
            "(6 years; 8 years since law 2025-989)."
        ),
        _(
            "Not covered: temporary agency workers (their employer, the agency, owes the "
            "interviews), interns (not employees) and people hired after the date of the "
            "register. Someone who has left stays covered for what fell due before leaving."
        ),
    ]
    story = section(_("How to read this register"))
    story += [_legend_item(item) for item in items]
    return story


def _tile_counts(data: RegisterData) -> list[tuple[str, str, Status | None]]:
    law = [o for o in data.law_obligations() if o.status in OPEN]
    counts: list[tuple[str, str, Status | None]] = [
        (str(sum(o.status is s for o in law)), obligation_status_label(s), s)
        for s in (Status.OVERDUE, Status.DUE_SOON)
    ]
    upcoming = sum(o.status is Status.UPCOMING for o in law)
    counts.append((str(upcoming), _("Upcoming within 12 months"), Status.UPCOMING))
    counts.append((format_money(data.owed_eur, cents=False), _("Owed"), None))
    counts.append((format_money(data.possible_eur, cents=False), _("Possible, not owed"), None))
    return counts


def _tiles(counts: Sequence[tuple[str, str, Status | None]]) -> Table:
    """The summary: one tile a figure, its number large above its label."""
    gap = 0.3 * cm
    width = (CONTENT_WIDTH - gap * (len(counts) - 1)) / len(counts)
    label = ParagraphStyle(
        "tile", parent=styles().small, alignment=TA_CENTER, fontSize=SIZE, leading=SIZE + 2.5
    )
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


def notice_box(text: str, *, size: float | None = None) -> Table:
    """A short text in a light frame: what a document is, and what it is not (``size``:
    the text's, in points, when not the small text's)."""
    style = styles().small
    if size is not None:
        style = ParagraphStyle(f"notice_{size}", parent=style, fontSize=size, leading=size + 3)
    box = Table([[Paragraph(markup(text), style)]], colWidths=[CONTENT_WIDTH])
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


def chain_anchor(head: ChainEntry, *, size: float | None = None) -> Paragraph:
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
    style = ParagraphStyle("anchor", parent=styles().small, spaceBefore=4)
    if size is not None:
        style = ParagraphStyle(f"anchor_{size}", parent=style, fontSize=size, leading=size + 3)
    return Paragraph(paragraph, style)


def _law_summary(data: RegisterData, company: Company) -> list[Flowable]:
    """The law's figures: counts of what is overdue and due within the horizon, the money
    owed and possible apart, and how many later deadlines the annex holds."""
    later = len(data.law_obligations(later=True))
    return [
        *section(_("Summary: legal obligations")),
        _tiles(_tile_counts(data)),
        _small(
            ngettext(
                "Overdue and due by {date}. {count} later deadline of the law is listed in "
                "the annex. Owed and possible amounts are never added together.",
                "Overdue and due by {date}. {count} later deadlines of the law are listed "
                "in the annex. Owed and possible amounts are never added together.",
                later,
            ).format(date=prose_date(data.horizon), count=later),
            spaceBefore=6,
        ),
        _small(headcount_sentence(company), spaceBefore=2),
    ]


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
        data = register_data(report)
        title = _("Compliance register")
        with_policies = bool(company.policies or data.policy_obligations())
        in_france = company.country == FRANCE
        story: list[Flowable] = [
            *report_heading(title, company, as_of),
            notice_box(
                _(
                    "This register is not legal advice. It applies the rules as this program "
                    "reads them to the facts recorded in this file on the date above; check it "
                    "against your records and ask your accountant or a lawyer before acting "
                    "on it."
                ),
                size=SIZE,
            ),
            *([chain_anchor(chain_head, size=SIZE)] if chain_head is not None else []),
            *(_law_summary(data, company) if in_france else []),
            *([_policy_summary(data)] if with_policies and in_france else []),
        ]
        late = late_deadlines(report.obligations)
        present = [e for e in data.entries if e.present]
        gone = [e for e in data.entries if not e.present]
        story += section(_("Legal obligations (French Labour Code)"))
        if not in_france:
            story.append(
                _small(
                    _(
                        "The company is not in France: the interviews of the French Labour "
                        "Code do not apply to it. Only its own policies are listed."
                    )
                )
            )
        else:
            present_rows = _law_rows(present, as_of, late)
            gone_rows = _law_rows(gone, as_of, late)
            # Both parts measured together, so that their columns line up.
            cells = present_rows.cells + gone_rows.cells
            columns = _law_columns(_names_width(data.entries))
            widths = _law_widths(columns, cells)
            story += section(_("Employees"), level=2)
            story.append(
                _drawn_table(columns, present_rows, widths)
                if present_rows.cells
                else nothing(_("Nothing recorded."))
            )
            if gone_rows.cells:
                # The heading with at least the first employee's block (up to 8 lines).
                story.append(CondPageBreak(6 * cm))
                story += section(_("Employees who have left"), level=2)
                story.append(_drawn_table(columns, gone_rows, widths))
        if with_policies:
            story += _policy_part(data)
        forfait = any(
            at_risk(o) for o in (*data.law_obligations(), *data.law_obligations(later=True))
        )
        story += _legend(company, forfait=forfait)
        story += _annex(data, law=in_france)
        return render(story, company=company.name, title=title, subject=title)
