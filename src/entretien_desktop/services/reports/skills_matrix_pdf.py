"""The skills matrix on paper, for the workshop's wall: landscape A4, employees as rows,
skills as columns under their family, each cell the level's digit on the level's colour
(the digit says it in black and white too).

A matrix of 300 people and 150 skills does not fit a page: the columns are cut into
page-wide chunks (a family kept whole on a page when it fits one) and the rows into
page-tall ones; every page repeats the names, the family and skill headers and the legend,
and says which employees and skills it holds, with "Page N of M". The skills' names are
printed upright (turned 90°), cut short with "…" past the header's height: a printed key
of abbreviations would send the reader to another page for every column.

The page is drawn straight on the canvas (no platypus story): the chunks are known before
the first page, so the page count is too. Marks, each in the legend:

- a black triangle in the cell's upper left corner: below the level the person's job needs;
- "!" in the upper right corner: a certification lapsing within the due-soon horizon;
- a diagonal stroke: a certification that lapsed (the digit then says 0).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from entretien_desktop import __version__
from entretien_desktop.domain import Company, Skill
from entretien_desktop.domain.skills import LEVELS
from entretien_desktop.i18n import _, current_language, format_number, ngettext, prose_date
from entretien_desktop.i18n.typography import typeset
from entretien_desktop.services import skills_grid as grid
from entretien_desktop.services.reports.fonts import BOLD, REGULAR, register_fonts
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import (
    INK,
    MUTED,
    RULE,
    SHADE,
    SMALLEST,
    check_stopped,
)
from entretien_desktop.services.skill_words import level_label
from entretien_desktop.services.skills_grid import (
    MatrixCell,
    MatrixFilter,
    SkillsGrid,
    family_name,
    skills_grid,
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 1.2 * cm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_BASELINE = PAGE_HEIGHT - 0.9 * cm
TITLE_BASELINE = PAGE_HEIGHT - 1.75 * cm
CHUNK_BASELINE = PAGE_HEIGHT - 2.3 * cm
GRID_TOP = PAGE_HEIGHT - 2.6 * cm
FOOTER_BASELINE = 0.7 * cm
LEGEND_LINE = SMALLEST + 6
CELL_WIDTH = 14.0
ROW_HEIGHT = 13.0
FAMILY_HEIGHT = 13.0
HEADER_MIN, HEADER_MAX = 2.0 * cm, 5.5 * cm
NAMES_MIN, NAMES_MAX = 3.0 * cm, 5.0 * cm
JOB_MAX = 3.5 * cm
PAD = 3.0

LEVEL_FILLS = {level: colors.HexColor(f"#{rgb}") for level, rgb in grid.LEVEL_FILLS.items()}
"""The levels' colours (services/skills_grid.py), as reportlab's."""
LEVEL_INK = {level: colors.HexColor(f"#{rgb}") for level, rgb in grid.LEVEL_INK.items()}
ZEBRA = colors.HexColor("#f4f6f8")
"""Every other row's blank cells and names, for the eye to follow a line across."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """What one page holds: rows ``first_row``..``last_row`` (excluded) and the columns
    ``columns`` (indexes into the grid's skills)."""

    first_row: int
    last_row: int
    columns: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Geometry:
    names_width: float
    job_width: float
    header_height: float
    rows_per_page: int
    columns_per_page: int
    legend_lines: int


def _text(value: str) -> str:
    return typeset(value, current_language())


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut short with "…" when it is wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def column_chunks(grid: SkillsGrid, per_page: int) -> list[tuple[int, ...]]:
    """The skills' indexes cut into pages of at most ``per_page``: a family that fits on a
    page is not split across two; a larger one fills whole pages."""
    chunks: list[list[int]] = [[]]
    index = 0
    for family in grid.families:
        columns = list(range(index, index + len(family.skills)))
        index += len(columns)
        room = per_page - len(chunks[-1])
        if len(columns) > room and len(columns) <= per_page and chunks[-1]:
            chunks.append([])
        for column in columns:
            if len(chunks[-1]) >= per_page:
                chunks.append([])
            chunks[-1].append(column)
    return [tuple(chunk) for chunk in chunks if chunk]


def page_chunks(grid: SkillsGrid, geometry: Geometry) -> list[Chunk]:
    """Every page's chunk: the rows outer (a team's line continues on the next pages),
    the columns inner."""
    columns = column_chunks(grid, geometry.columns_per_page) or [()]
    rows = len(grid.employees)
    per_page = geometry.rows_per_page
    starts = range(0, rows, per_page) if rows else range(1)
    return [
        Chunk(start, min(start + per_page, rows), chunk) for start in starts for chunk in columns
    ]


# -- the legend ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LegendItem:
    sample: MatrixCell
    words: str


def legend_items(horizon_days: int) -> list[LegendItem]:
    """The legend's samples and their words, in the current language."""
    items = [LegendItem(MatrixCell(int(level)), level_label(level)) for level in LEVELS]
    items.append(LegendItem(MatrixCell(None), _("blank: nothing recorded")))
    items.append(LegendItem(MatrixCell(None, needed=2), _("below the level the job needs")))
    expiring = ngettext(
        "certification lapsing within {days} day",
        "certification lapsing within {days} days",
        horizon_days,
    ).format(days=format_number(horizon_days))
    items.append(LegendItem(MatrixCell(2, expiring=True), expiring))
    items.append(LegendItem(MatrixCell(0, lapsed=True), _("certification lapsed")))
    return items


def _legend_rows(items: Sequence[LegendItem]) -> list[list[tuple[LegendItem, float]]]:
    """The items laid out in lines across the page (each with its width)."""
    lines: list[list[tuple[LegendItem, float]]] = [[]]
    used = stringWidth(_text(_("Legend:")), BOLD, SMALLEST) + 2 * PAD
    for item in items:
        width = CELL_WIDTH + PAD + stringWidth(_text(item.words), REGULAR, SMALLEST) + 4 * PAD
        if used + width > CONTENT_WIDTH and lines[-1]:
            lines.append([])
            used = stringWidth(_text(_("Legend:")), BOLD, SMALLEST) + 2 * PAD
        lines[-1].append((item, width))
        used += width
    return lines


# -- the geometry -------------------------------------------------------------------------


def geometry(grid: SkillsGrid) -> Geometry:
    """The widths and heights every page of ``grid`` shares."""
    register_fonts()
    names = [e.full_name for e in grid.employees] + [_("Employee")]
    names_width = max(stringWidth(_text(n), REGULAR, SMALLEST) for n in names) + 2 * PAD
    names_width = min(max(names_width, NAMES_MIN), NAMES_MAX)
    jobs = [e.job_title for e in grid.employees if e.job_title]
    job_width = 0.0
    if jobs and not grid.chosen.job:
        widest = max(stringWidth(_text(j), REGULAR, SMALLEST) for j in [*jobs, _("Job title")])
        job_width = min(widest + 2 * PAD, JOB_MAX)
    skills = [s.name for s in grid.skills] or [""]
    widest_skill = max(stringWidth(_text(s), REGULAR, SMALLEST) for s in skills) + 2 * PAD
    header_height = min(max(widest_skill, HEADER_MIN), HEADER_MAX)
    legend_lines = len(_legend_rows(legend_items(grid.horizon_days)))
    grid_bottom = FOOTER_BASELINE + SMALLEST + 10 + legend_lines * LEGEND_LINE
    body = GRID_TOP - FAMILY_HEIGHT - header_height - grid_bottom
    rows = max(int(body // ROW_HEIGHT), 1)
    columns = max(int((CONTENT_WIDTH - names_width - job_width) // CELL_WIDTH), 1)
    return Geometry(names_width, job_width, header_height, rows, columns, legend_lines)


# -- drawing ------------------------------------------------------------------------------


def _draw_triangle(canvas: Canvas, x: float, top: float) -> None:
    size = 5.0
    path = canvas.beginPath()
    path.moveTo(x, top)
    path.lineTo(x + size, top)
    path.lineTo(x, top - size)
    path.close()
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)


def draw_cell(
    canvas: Canvas,
    cell: MatrixCell,
    x: float,
    y: float,
    *,
    zebra: bool = False,
    digit: bool = True,
    stroke: bool = True,
) -> None:
    """One cell, its lower left corner at ``x, y``: the digit (unless told) on the level's
    colour, its marks, and its frame (unless told)."""
    if cell.level is None:
        fill = ZEBRA if zebra else colors.white
    else:
        fill = LEVEL_FILLS[cell.level] if cell.level else (ZEBRA if zebra else colors.white)
    canvas.setFillColor(fill)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, CELL_WIDTH, ROW_HEIGHT, stroke=1 if stroke else 0, fill=1)
    if cell.level is not None and digit:
        canvas.setFillColor(LEVEL_INK[cell.level])
        canvas.setFont(BOLD, SMALLEST)
        canvas.drawCentredString(x + CELL_WIDTH / 2, y + 3.4, str(cell.level))
    if cell.under:
        _draw_triangle(canvas, x + 0.4, y + ROW_HEIGHT - 0.4)
    if cell.expiring:
        canvas.setFillColor(LEVEL_INK[cell.level or 0])
        canvas.setFont(BOLD, 7)
        canvas.drawRightString(x + CELL_WIDTH - 1.2, y + ROW_HEIGHT - 6.2, "!")
    if cell.lapsed:
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.line(x + 1, y + 1, x + CELL_WIDTH - 1, y + ROW_HEIGHT - 1)


def _draw_furniture(
    canvas: Canvas, company: Company, grid: SkillsGrid, *, page: int, pages: int, chunk_words: str
) -> None:
    """Header (company, title), the title line with the day and the filter, the chunk's
    words, and the footer's "Page N of M"."""
    title = _("Skills matrix")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, HEADER_BASELINE - 5, PAGE_WIDTH - MARGIN, HEADER_BASELINE - 5)
    canvas.setFont(BOLD, SMALLEST)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, HEADER_BASELINE, _fit(_text(company.name), BOLD, SMALLEST, 14 * cm))
    canvas.setFont(REGULAR, SMALLEST)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, HEADER_BASELINE, _text(title))
    heading = _("Skills matrix on {date}").format(date=prose_date(grid.as_of))
    canvas.setFont(BOLD, 14)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, TITLE_BASELINE, _text(heading))
    filter_words = grid.chosen.words()
    if filter_words:
        left = MARGIN + stringWidth(_text(heading), BOLD, 14) + 0.5 * cm
        canvas.setFont(REGULAR, 10)
        canvas.drawString(
            left, TITLE_BASELINE, _fit(_text(filter_words), REGULAR, 10, PAGE_WIDTH - MARGIN - left)
        )
    canvas.setFont(REGULAR, SMALLEST)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, CHUNK_BASELINE, _text(chunk_words))
    canvas.line(MARGIN, FOOTER_BASELINE + 10, PAGE_WIDTH - MARGIN, FOOTER_BASELINE + 10)
    number = _("Page {page} of {pages}").format(page=page, pages=pages)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_BASELINE, _text(number))
    made = _("Printed by Entretien Desktop from the levels recorded on {date}").format(
        date=prose_date(grid.as_of)
    )
    canvas.drawString(MARGIN, FOOTER_BASELINE, _text(made))


def _draw_legend(canvas: Canvas, grid: SkillsGrid, look: Geometry) -> None:
    label = _text(_("Legend:"))
    top = FOOTER_BASELINE + 14 + look.legend_lines * LEGEND_LINE
    for number, line in enumerate(_legend_rows(legend_items(grid.horizon_days))):
        y = top - (number + 1) * LEGEND_LINE
        canvas.setFont(BOLD, SMALLEST)
        canvas.setFillColor(INK)
        if number == 0:
            canvas.drawString(MARGIN, y + 3.4, label)
        x = MARGIN + stringWidth(label, BOLD, SMALLEST) + 2 * PAD
        for item, width in line:
            canvas.saveState()
            draw_cell(canvas, item.sample, x, y)
            canvas.restoreState()
            canvas.setFont(REGULAR, SMALLEST)
            canvas.setFillColor(INK)
            canvas.drawString(x + CELL_WIDTH + PAD, y + 3.4, _text(item.words))
            x += width


def _chunk_words(grid: SkillsGrid, chunk: Chunk) -> str:
    skills = grid.skills
    if not grid.employees or not skills:
        return ""
    first, last = chunk.columns[0], chunk.columns[-1]
    families: list[str] = []
    for index in chunk.columns:
        name = family_name(skills[index].family.strip())
        if name not in families:
            families.append(name)
    return _(
        "This page: employees {first_row}–{last_row} of {rows}, skills {first}–{last} of "
        "{count} ({families})"
    ).format(
        first_row=chunk.first_row + 1,
        last_row=chunk.last_row,
        rows=len(grid.employees),
        first=first + 1,
        last=last + 1,
        count=len(skills),
        families=", ".join(families),
    )


def _draw_headers(canvas: Canvas, grid: SkillsGrid, chunk: Chunk, look: Geometry) -> float:
    """The names' and jobs' titles, the families' row and the skills' turned names;
    returns the y of the first row's top."""
    skills = grid.skills
    family_top = GRID_TOP
    header_top = family_top - FAMILY_HEIGHT
    header_bottom: float = header_top - look.header_height
    left = MARGIN + look.names_width + look.job_width
    canvas.setFont(BOLD, SMALLEST)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN + PAD, header_bottom + 3.4, _text(_("Employee")))
    if look.job_width:
        canvas.drawString(
            MARGIN + look.names_width + PAD, header_bottom + 3.4, _text(_("Job title"))
        )
    # The families, each over its columns.
    x = left
    start = 0
    columns = chunk.columns
    while start < len(columns):
        family = skills[columns[start]].family.strip()
        end = start
        while end < len(columns) and skills[columns[end]].family.strip() == family:
            end += 1
        width = (end - start) * CELL_WIDTH
        canvas.setFillColor(SHADE)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.rect(x, header_top, width, FAMILY_HEIGHT, stroke=1, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, SMALLEST)
        name = _fit(_text(family_name(family)), BOLD, SMALLEST, width - 2)
        canvas.drawCentredString(x + width / 2, header_top + 3.4, name)
        x += width
        start = end
    canvas.line(x, header_top, x, header_bottom - ROW_HEIGHT * (chunk.last_row - chunk.first_row))
    # The skills' names, turned to read upwards.
    canvas.setFont(REGULAR, SMALLEST)
    for number, index in enumerate(columns):
        skill: Skill = skills[index]
        x = left + number * CELL_WIDTH
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.3)
        canvas.rect(x, header_bottom, CELL_WIDTH, look.header_height, stroke=1, fill=0)
        canvas.saveState()
        canvas.translate(x + CELL_WIDTH / 2 + 3.2, header_bottom + PAD)
        canvas.rotate(90)
        canvas.setFillColor(INK)
        canvas.drawString(
            0, 0, _fit(_text(skill.name), REGULAR, SMALLEST, look.header_height - 2 * PAD)
        )
        canvas.restoreState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, header_bottom, left + len(columns) * CELL_WIDTH, header_bottom)
    return header_bottom


def _form_name(cell: MatrixCell) -> str:
    level = "n" if cell.level is None else str(cell.level)
    marks = "".join("1" if on else "0" for on in (cell.under, cell.expiring, cell.lapsed))
    return f"cell{level}{marks}"


def _plain(cell: MatrixCell) -> bool:
    """Nothing but the row's background (and a 0): nothing to place."""
    return not cell.level and not (cell.under or cell.expiring or cell.lapsed)


def _place_cell(canvas: Canvas, cell: MatrixCell, x: float, y: float) -> None:
    """A cell's colour and marks drawn once as a form (an XObject) for each look, then
    placed: 45,000 cells drawn one by one took seconds of number formatting. The digits
    are the page's own text (``_draw_digits``), the rules one line a row and a column
    (``_draw_rules``): a program that extracts the text (a screen reader, a search) reads
    a form again at every placing."""
    if _plain(cell):
        return
    name = _form_name(cell)
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, CELL_WIDTH, ROW_HEIGHT)
        draw_cell(canvas, cell, 0, 0, digit=False, stroke=False)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()


def _draw_rules(canvas: Canvas, chunk: Chunk, look: Geometry, top: float) -> None:
    """The thin rules between the cells, once for the whole table."""
    left = MARGIN + look.names_width + look.job_width
    right = left + len(chunk.columns) * CELL_WIDTH
    bottom = top - ROW_HEIGHT * (chunk.last_row - chunk.first_row)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    for row in range(chunk.last_row - chunk.first_row + 1):
        y = top - row * ROW_HEIGHT
        canvas.line(MARGIN, y, right, y)
    for column in range(len(chunk.columns) + 1):
        x = left + column * CELL_WIDTH
        canvas.line(x, top, x, bottom)


def _draw_family_edges(
    canvas: Canvas, grid: SkillsGrid, chunk: Chunk, look: Geometry, top: float
) -> None:
    """A rule at each family's edges, from the families' row down the whole table."""
    skills = grid.skills
    left = MARGIN + look.names_width + look.job_width
    bottom = top - ROW_HEIGHT * (chunk.last_row - chunk.first_row)
    header_top = GRID_TOP - FAMILY_HEIGHT
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    previous = None
    for position, index in enumerate(chunk.columns):
        family = skills[index].family.strip()
        if family != previous:
            x = left + position * CELL_WIDTH
            canvas.line(x, header_top, x, bottom)
            previous = family
    x = left + len(chunk.columns) * CELL_WIDTH
    canvas.line(x, header_top, x, bottom)


def _draw_digits(canvas: Canvas, cells: Sequence[MatrixCell], left: float, y: float) -> None:
    """A row's digits, in one text object, each centred in its cell."""
    text = canvas.beginText()
    text.setFont(BOLD, SMALLEST)
    ink = None
    for position, cell in enumerate(cells):
        if cell.level is None:
            continue
        if LEVEL_INK[cell.level] is not ink:
            ink = LEVEL_INK[cell.level]
            text.setFillColor(ink)
        digit = str(cell.level)
        width = stringWidth(digit, BOLD, SMALLEST)
        text.setTextOrigin(left + position * CELL_WIDTH + (CELL_WIDTH - width) / 2, y + 3.4)
        text.textOut(digit)
    canvas.drawText(text)


def _draw_rows(canvas: Canvas, grid: SkillsGrid, chunk: Chunk, look: Geometry, top: float) -> None:
    left = MARGIN + look.names_width + look.job_width
    right = left + len(chunk.columns) * CELL_WIDTH
    for row in range(chunk.first_row, chunk.last_row):
        number = row - chunk.first_row
        y = top - (number + 1) * ROW_HEIGHT
        employee = grid.employees[row]
        if number % 2 == 1:
            canvas.setFillColor(ZEBRA)
            canvas.rect(MARGIN, y, right - MARGIN, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, SMALLEST)
        name = _fit(_text(employee.full_name), REGULAR, SMALLEST, look.names_width - 2 * PAD)
        canvas.drawString(MARGIN + PAD, y + 3.4, name)
        if look.job_width:
            canvas.setFillColor(MUTED)
            job = _fit(_text(employee.job_title), REGULAR, SMALLEST, look.job_width - 2 * PAD)
            canvas.drawString(MARGIN + look.names_width + PAD, y + 3.4, job)
        cells = [grid.cells[row][index] for index in chunk.columns]
        for position, cell in enumerate(cells):
            _place_cell(canvas, cell, left + position * CELL_WIDTH, y)
        _draw_digits(canvas, cells, left, y)
    _draw_rules(canvas, chunk, look, top)


def _draw_nothing(canvas: Canvas, grid: SkillsGrid) -> None:
    if not grid.skills:
        words = _("The catalogue has no skill yet: add skills on the Skills page.")
    else:
        words = _("Nobody to print: no employee present on that day matches the filter.")
    canvas.setFont(REGULAR, 11)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, GRID_TOP - 1 * cm, _text(words))


def draw_matrix(canvas: Canvas, company: Company, grid: SkillsGrid) -> int:
    """Every page of ``grid`` on ``canvas``; returns the number of pages."""
    look = geometry(grid)
    chunks = page_chunks(grid, look)
    empty = not grid.employees or not grid.skills
    if empty:
        chunks = chunks[:1]
    for page, chunk in enumerate(chunks, 1):
        check_stopped()
        canvas.saveState()
        _draw_furniture(
            canvas,
            company,
            grid,
            page=page,
            pages=len(chunks),
            chunk_words=_chunk_words(grid, chunk),
        )
        if empty:
            _draw_nothing(canvas, grid)
        else:
            top = _draw_headers(canvas, grid, chunk, look)
            _draw_rows(canvas, grid, chunk, look, top)
            _draw_family_edges(canvas, grid, chunk, look, top)
        _draw_legend(canvas, grid, look)
        canvas.restoreState()
        canvas.showPage()
    return len(chunks)


def skills_matrix_pdf(
    company: Company,
    as_of: date,
    chosen: MatrixFilter | None = None,
    language: str | None = None,
) -> bytes:
    """The skills matrix of ``company`` on ``as_of`` (of the employees ``chosen`` includes),
    landscape A4, in ``language`` (default: the current one)."""
    with report_language(language or current_language()) as used:
        check_stopped()
        register_fonts()
        grid = skills_grid(company, as_of, chosen)
        buffer = io.BytesIO()
        title = _("Skills matrix")
        canvas = Canvas(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            lang=used,
            initialFontName=REGULAR,
            pageCompression=1,
        )
        canvas.setTitle(f"{title} — {company.name}")
        canvas.setAuthor(company.name)
        canvas.setSubject(title)
        canvas.setCreator(f"Entretien Desktop {__version__}")
        draw_matrix(canvas, company, grid)
        canvas.save()
        return buffer.getvalue()
