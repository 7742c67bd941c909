"""The building blocks reports are made of: text as the user typed it, label and value
tables, data tables with their column titles, boxes to write or sign in.

Every text goes through ``markup``, which sets it in the report language's typography
(``i18n.typography``): what the user typed as much as the catalog's translations.
Everything the user typed is escaped (``<``, ``>``, ``&`` mean nothing to a paragraph here),
keeps its line breaks, and may flow across pages: no block ever cuts text off.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from entretien_desktop.i18n import _, current_language
from entretien_desktop.i18n.typography import typeset
from entretien_desktop.services.reports.fonts import BOLD, REGULAR
from entretien_desktop.services.reports.layout import (
    CONTENT_WIDTH,
    RULE,
    SHADE,
    hyphen_parts,
    styles,
)

EMPTY = "—"
"""What an unanswered field shows."""

_CELL_PADDING = 4
_MOST_COLUMNS = 6
# Every table names the font, even for its empty cells: else reportlab sets Helvetica there.
_FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)
_NO_BREAK = {
    # A paragraph breaks lines at every Unicode space, the narrow no-break space of French
    # amounts (3 000 €) included, and sets a plain space in its place: the no-break space
    # keeps the amount on one line. Amounts printed on their own keep the narrow one.
    "\u202f": "\u00a0",
    "\t": "\u00a0" * 4,
}


def markup(text: str) -> str:
    """``text`` as paragraph markup in the report's language: set in its typography
    (``typeset``: apostrophes, no-break spaces), escaped, line breaks kept."""
    cleaned = typeset(text.replace("\r\n", "\n").replace("\r", "\n"), current_language())
    for char, replacement in _NO_BREAK.items():
        cleaned = cleaned.replace(char, replacement)
    return "<br/>".join(escape(line) for line in cleaned.split("\n"))


def text_block(text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Paragraphs of ``text``, one per line (so that a long answer flows across pages line
    by line), blank lines kept as space; ``—`` when there is no text."""
    body = style or styles().answer
    if not text.strip():
        return [Paragraph(EMPTY, styles().empty)]
    flowables: list[Flowable] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n"):
        if line.strip():
            flowables.append(Paragraph(markup(line), body))
        else:
            flowables.append(Spacer(1, body.leading / 2))
    return flowables


def cell(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(markup(text) if text.strip() else EMPTY, style or styles().cell)


def _grid(header: bool) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        _FONT,
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    return commands


def key_values(
    rows: Sequence[tuple[str, str | Flowable]],
    label_width: float,
    *,
    plain: Collection[int] = (),
    width: float = CONTENT_WIDTH,
) -> Table:
    """A two-column table: labels on a shaded left column, values on the right. A value
    that is a string is user text, wrapped; a flowable is shown as it is; the rows in
    ``plain`` are one short line drawn character for character (amounts)."""
    body = styles().small
    label = ParagraphStyle("kv_label", parent=body, fontName=BOLD)
    data = [
        [
            Paragraph(markup(name), label),
            value if isinstance(value, Flowable) or index in plain else cell(value, body),
        ]
        for index, (name, value) in enumerate(rows)
    ]
    table = Table(
        data,
        colWidths=[label_width, width - label_width],
        splitInRow=1,
        hAlign="LEFT",
    )
    commands = [*_grid(False), ("BACKGROUND", (0, 0), (0, -1), SHADE)]
    for index in plain:
        commands += [
            ("FONTNAME", (1, index), (1, index), body.fontName),
            ("FONTSIZE", (1, index), (1, index), body.fontSize),
            ("TEXTCOLOR", (1, index), (1, index), body.textColor),
        ]
    table.setStyle(TableStyle(commands))
    return table


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    title: str
    weight: float
    """How much of the spare width the column takes (a long text more than a date)."""
    numeric: bool = False


_BREAKS = re.compile(r"[ \t\n]+")
"""Where a paragraph may break a line (no-break spaces excluded, see ``markup``)."""


def _words(text: str) -> list[str]:
    typeset_text = typeset(text, current_language()).replace("\u202f", "\u00a0")
    return [part for w in _BREAKS.split(typeset_text) if w for part in hyphen_parts(w)]


def _minimum_widths(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[str]]) -> list[float]:
    """Each column as wide as its longest word, so that no word has to be split."""
    font, size = styles().cell.fontName, styles().cell.fontSize
    return [
        max(
            [stringWidth(w, BOLD, size) for w in _words(column.title)]
            + [stringWidth(w, font, size) for row in rows for w in _words(row[index])],
            default=0.0,
        )
        + 2 * _CELL_PADDING
        + 1
        for index, column in enumerate(columns)
    ]


def _column_widths(minimum: Sequence[float], columns: Sequence[ColumnSpec]) -> list[float]:
    """The minimum widths, the rest of the line shared by weight."""
    spare = CONTENT_WIDTH - sum(minimum)
    total_weight = sum(c.weight for c in columns)
    return [
        width + spare * c.weight / total_weight for width, c in zip(minimum, columns, strict=True)
    ]


def data_table(
    columns: Sequence[ColumnSpec],
    rows: Sequence[Sequence[str]],
    card_rows: Sequence[Sequence[str]] | None = None,
) -> list[Flowable]:
    """User rows under their column titles: a grid, the titles repeated on every page,
    cell text wrapped and rows split across pages when they must be. When the columns
    cannot all fit across the page without splitting words (ten columns of training
    requests), each row becomes a card of its own, the column titles down its left side;
    ``card_rows``: the rows as a card shows them (full dates, not a dense table's)."""
    look = styles()
    minimum = _minimum_widths(columns, rows)
    if len(columns) > _MOST_COLUMNS or sum(minimum) > CONTENT_WIDTH:
        return _cards(columns, card_rows if card_rows is not None else rows)
    head = [Paragraph(markup(c.title), look.cell_head) for c in columns]
    body = [
        [
            cell(value, look.cell_number if c.numeric else look.cell)
            for value, c in zip(row, columns, strict=True)
        ]
        for row in rows
    ]
    table = Table(
        [head, *body],
        colWidths=_column_widths(minimum, columns),
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(_grid(True)))
    return [table]


def _cards(columns: Sequence[ColumnSpec], rows: Sequence[Sequence[str]]) -> list[Flowable]:
    look = styles()
    caption = ParagraphStyle("caption", parent=look.cell_head, spaceBefore=4, spaceAfter=2)
    caption.keepWithNext = 1
    cards: list[Flowable] = []
    for number, row in enumerate(rows, start=1):
        cards.append(Paragraph(markup(_("No. {number}").format(number=number)), caption))
        cards.append(
            key_values([(c.title, value) for c, value in zip(columns, row, strict=True)], 5 * cm)
        )
    return cards


def writing_box(height: float, width: float = CONTENT_WIDTH) -> Table:
    """An empty framed box to write or sign in by hand."""
    box = Table([[""]], colWidths=[width], rowHeights=[height])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, RULE), _FONT]))
    return box


def signature_box(image: bytes | None, height: float, width: float) -> Table:
    """The box to sign in, holding the signature drawn on screen when there is one (scaled
    to fit, proportions kept)."""
    if image is None:
        return writing_box(height, width)
    reader = ImageReader(io.BytesIO(image))
    pixels_wide, pixels_high = reader.getSize()
    padding = 4
    scale = min((width - 2 * padding) / pixels_wide, (height - 2 * padding) / pixels_high)
    drawing = Image(io.BytesIO(image), pixels_wide * scale, pixels_high * scale)
    box = Table([[drawing]], colWidths=[width], rowHeights=[height])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                _FONT,
            ]
        )
    )
    return box


def side_by_side(
    left: Flowable | list[Flowable], right: Flowable | list[Flowable], gap: float
) -> Table:
    """Two blocks next to each other, each half of the width less ``gap``."""
    width = (CONTENT_WIDTH - gap) / 2
    table = Table([[left, "", right]], colWidths=[width, gap, width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                _FONT,
            ]
        )
    )
    return table


@dataclass(frozen=True, slots=True)
class Signatory:
    role: str
    name: str
    date: str = ""
    """The date of signature when known; else a line to write it on."""
    image: bytes | None = None
    """The signature drawn on screen (PNG), drawn in the box; else the box stays empty."""


def signature_blocks(
    heading: str, left: Signatory, right: Signatory, *, meaning: str = ""
) -> list[Flowable]:
    """Two signature blocks side by side under their heading; ``meaning``: what signing
    means, said above them. A copy not signed yet has lines to write the place and the date
    by hand. The caller keeps them together with what they sign: not a KeepTogether of its
    own, for a KeepTogether inside another measures as a page's height and always moves to
    a new page."""
    look = styles()
    gap = 1 * cm
    width = (CONTENT_WIDTH - gap) / 2

    def block(person: Signatory) -> list[Flowable]:
        line = "_" * 18
        lines = [
            Paragraph(markup(person.role), look.label),
            Paragraph(markup(person.name) if person.name.strip() else line, look.body),
        ]
        if not person.date:
            lines.append(Paragraph(markup(_("Place: {place}").format(place=line)), look.body))
        lines += [
            Paragraph(markup(_("Date: {date}").format(date=person.date or line)), look.body),
            Paragraph(markup(_("Signature:")), look.body),
            signature_box(person.image, 3.2 * cm, width),
        ]
        return lines

    table = side_by_side(block(left), block(right), gap)
    top: list[Flowable] = [Paragraph(markup(heading), look.heading)]
    if meaning:
        top.append(Paragraph(markup(meaning), look.small))
    return [*top, table]


def bullet_list(items: Sequence[str], style: ParagraphStyle | None = None) -> list[Flowable]:
    body = style or styles().body
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2)
    return [Paragraph(markup(item), bullet, bulletText="•") for item in items]
