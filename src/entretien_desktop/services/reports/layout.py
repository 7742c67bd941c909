"""The page every report is printed on: A4, 2 cm margins, the company's name in the header,
"Page N of M" and the record's fingerprint (once it is signed), with its QR code, in the
footer of every page; a copy to be signed on paper has boxes there for the initials.

``render`` turns a story of platypus flowables into the bytes of a PDF, with its metadata
(title, author: the company, subject, language); ``write_pdf_atomically`` puts them in the
user's file through a temporary file in the same folder, synced, then renamed.

A report being built can be given up: inside ``stop_when(event)``, ``render`` raises
``ReportStopped`` at the next page once ``event`` is set (the interface's Cancel, a window
closed while its report was built on a worker). Like the language, the event belongs to
the thread that builds.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from entretien_desktop import __version__
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _, current_language
from entretien_desktop.i18n.typography import typeset
from entretien_desktop.services.company_file import write_file_atomically
from entretien_desktop.services.labels import dated_text
from entretien_desktop.services.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2 * cm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_BASELINE = PAGE_HEIGHT - 1.3 * cm
FOOTER_BASELINE = 1.1 * cm
INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e8eef4")
SMALLEST = 9
"""The smallest type on paper, footers and table cells included (points): below it, a
reader with ordinary eyesight strains."""


class ReportStopped(Exception):
    """The report was given up while it was being built (``stop_when``)."""


_stop: ContextVar[threading.Event | None] = ContextVar(
    "entretien_desktop_report_stop", default=None
)


@contextmanager
def stop_when(event: threading.Event) -> Iterator[None]:
    """Reports built on this thread in this block give up once ``event`` is set: the next
    page, or the next ``check_stopped``, raises ``ReportStopped``."""
    token = _stop.set(event)
    try:
        yield
    finally:
        _stop.reset(token)


def check_stopped() -> None:
    """Raise ``ReportStopped`` if the report being built on this thread was given up."""
    event = _stop.get()
    if event is not None and event.is_set():
        raise ReportStopped


@dataclass(frozen=True, slots=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    label: ParagraphStyle
    body: ParagraphStyle
    answer: ParagraphStyle
    """A line of the user's text: lines follow one another without a gap."""
    empty: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_number: ParagraphStyle
    cell_head: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles of every report (DejaVu Sans throughout)."""
    font = register_fonts()
    body = ParagraphStyle(
        "body", fontName=font, fontSize=10, leading=13.5, textColor=INK, spaceAfter=3
    )
    # A table's narrow column breaks a compound word at its hyphen (musculo-|squelettiques)
    # rather than anywhere in it: see ``hyphen_parts``.
    cell = ParagraphStyle(
        "cell",
        parent=body,
        fontSize=SMALLEST,
        leading=SMALLEST + 2,
        spaceAfter=0,
        embeddedHyphenation=2,
    )
    return Styles(
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=17, leading=21, textColor=ACCENT
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=10, textColor=MUTED, spaceAfter=10
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        label=ParagraphStyle(
            "label",
            parent=body,
            fontName=BOLD,
            fontSize=9,
            leading=12,
            spaceBefore=5,
            spaceAfter=1,
            keepWithNext=1,
        ),
        body=body,
        answer=ParagraphStyle("answer", parent=body, spaceAfter=0),
        empty=ParagraphStyle("empty", parent=body, textColor=MUTED),
        small=ParagraphStyle(
            "small", parent=body, fontSize=SMALLEST, leading=SMALLEST + 2.5, textColor=INK
        ),
        cell=cell,
        cell_number=ParagraphStyle("cell_number", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD),
    )


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """Keeps every page until the end, so that each can say how many pages there are."""

    def __init__(self, *args: Any, page_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_label = page_label
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.setFont(REGULAR, SMALLEST)
        self.setFillColor(MUTED)
        text = _printed(self._page_label.format(page=self.getPageNumber(), pages=total))
        self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_BASELINE, text)


_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


def hyphen_parts(word: str) -> list[str]:
    """The pieces a table cell may break ``word`` into: a compound word of letters at its
    hyphens (``musculo-``, ``squelettiques``), anything else whole."""
    return _HYPHEN.split(word) if "-" in word else [word]


def _printed(text: str) -> str:
    """Text drawn straight on the page (header, footer) in the typography of paragraphs."""
    return typeset(text, current_language())


def _fitted(text: str, font: str, width: float) -> str:
    """``text`` at the smallest size, cut short with "…" when it does not fit ``width``."""
    if stringWidth(text, font, SMALLEST) <= width:
        return text
    while text and stringWidth(text + "…", font, SMALLEST) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _header_title(title: str, room: float) -> str:
    """The document's title as the header has room for it: a long one ("kind — name") is
    cut short in its first part, so that the name it is about stays whole."""
    if not title or stringWidth(title, REGULAR, SMALLEST) <= room:
        return title
    if " — " in title:
        head, name = title.rsplit(" — ", 1)
        left = room - stringWidth(f" — {name}", REGULAR, SMALLEST)
        if left > 2 * cm:
            return f"{_fitted(head, REGULAR, left)} — {name}"
    return _fitted(title, REGULAR, room)


QR_SIZE = 1.7 * cm
"""The side of the fingerprint's QR code in a signed report's footer."""
_QR_BOTTOM = 0.2 * cm
_PAGE_NUMBER_ROOM = 3.5 * cm
_INITIALS_BOX = (1.5 * cm, 0.8 * cm)


def qr_modules(text: str) -> list[list[bool]]:
    """The modules of the QR code of ``text``, row by row from the top, dark ``True``
    (reportlab's encoder, error correction M: a smudge or a fold on paper is read through)."""
    qr = QrCodeWidget(text, barLevel="M").qr
    qr.make()
    count = qr.getModuleCount()
    return [[bool(qr.isDark(row, column)) for column in range(count)] for row in range(count)]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code of ``text``, ``size`` points a side, its lower left corner at ``x, y``;
    a quiet zone of two modules inside ``size``, as square modules drawn in ink."""
    modules = qr_modules(text)
    step = size / (len(modules) + 4)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    for row, dark in enumerate(modules):
        for column, on in enumerate(dark):
            if on:
                top = y + size - (row + 3) * step
                canvas.rect(x + (column + 2) * step, top, step, step, stroke=0, fill=1)
    canvas.restoreState()


def _draw_fingerprint(canvas: Canvas, footer: str, fingerprint: str) -> None:
    """The QR code of the fingerprint at the left of the footer, the sentence that says
    what it is next to it, on as many lines as it takes at the smallest size."""
    draw_qr(canvas, fingerprint, MARGIN, _QR_BOTTOM, QR_SIZE)
    left = MARGIN + QR_SIZE + 0.25 * cm
    width = PAGE_WIDTH - MARGIN - _PAGE_NUMBER_ROOM - left
    canvas.setFont(REGULAR, SMALLEST)
    canvas.setFillColor(MUTED)
    for index, line in enumerate(simpleSplit(footer, REGULAR, SMALLEST, width)[:3]):
        canvas.drawString(left, FOOTER_BASELINE - index * (SMALLEST + 1.5), line)


def _draw_initials(canvas: Canvas) -> None:
    """A box for each signatory's initials (paraphes) at the left of the footer: a copy
    signed on paper is initialled on every page."""
    label = _printed(_("Initials:"))
    box_width, box_height = _INITIALS_BOX
    bottom = _QR_BOTTOM + 0.1 * cm
    canvas.setFont(REGULAR, SMALLEST)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, bottom + box_height / 2 - SMALLEST / 3, label)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    x = MARGIN + stringWidth(label, REGULAR, SMALLEST) + 0.2 * cm
    for _person in range(2):  # the employee's and the interviewer's
        canvas.rect(x, bottom, box_width, box_height, stroke=1, fill=0)
        x += box_width + 0.15 * cm


def _decorate(
    canvas: Canvas,
    _doc: BaseDocTemplate,
    *,
    company: str,
    title: str,
    footer: str,
    fingerprint: str | None,
    initials: bool,
    letterhead: bool = False,
) -> None:
    """Header (company, document title) and footer (the fingerprint, with its QR code, or
    the boxes for initials) of one page; and the moment, once a page, to give up a report
    that is no longer wanted."""
    check_stopped()
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, HEADER_BASELINE - 5, PAGE_WIDTH - MARGIN, HEADER_BASELINE - 5)
    rule_start = MARGIN + QR_SIZE + 0.25 * cm if fingerprint else MARGIN
    canvas.line(rule_start, FOOTER_BASELINE + 10, PAGE_WIDTH - MARGIN, FOOTER_BASELINE + 10)
    if letterhead and canvas.getPageNumber() == 1:
        company = ""  # the letter's sender block names the company on its first page
    company, title, footer = _printed(company), _printed(title), _printed(footer)
    company = _fitted(company, BOLD, CONTENT_WIDTH)
    canvas.setFont(BOLD, SMALLEST)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN, HEADER_BASELINE, company)
    room = CONTENT_WIDTH - stringWidth(company, BOLD, SMALLEST) - 1 * cm
    title = _header_title(title, room)
    if title:
        canvas.setFont(REGULAR, SMALLEST)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, HEADER_BASELINE, title)
    if fingerprint:
        _draw_fingerprint(canvas, footer, fingerprint)
    elif footer:
        canvas.setFont(REGULAR, SMALLEST)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN, FOOTER_BASELINE, _fitted(footer, REGULAR, CONTENT_WIDTH - _PAGE_NUMBER_ROOM)
        )
    if initials:
        _draw_initials(canvas)
    canvas.restoreState()


def form_name(template: Template, day: date | None = None) -> str:
    """The form as a reader names it on ``day`` (the interview's: the professional
    interview's 2025 name), its version in words (never its internal key)."""
    return _("{title} (version {version})").format(
        title=dated_text(template.title, day or date.today()), version=template.version
    )


def grouped_fingerprint(fingerprint: str) -> str:
    """A whole fingerprint in groups of eight characters, for a reader to compare."""
    return " ".join(fingerprint[i : i + 8] for i in range(0, len(fingerprint), 8))


def short_fingerprint(fingerprint: str) -> str:
    """The first 128 bits of a fingerprint in groups of eight, for a reader to compare
    (the whole one is in the dossier; verifying a PDF reads its bytes, not this line)."""
    head = fingerprint[:32]
    return grouped_fingerprint(head) + ("…" if len(fingerprint) > len(head) else "")


def render(
    story: Sequence[Flowable],
    *,
    company: str,
    title: str,
    subject: str = "",
    fingerprint: str | None = None,
    initials: bool = False,
    letterhead: bool = False,
) -> bytes:
    """The PDF of ``story`` on the company's pages, in the current language.

    ``fingerprint``: the signed record's SHA-256, printed in every page's footer with its
    QR code. ``initials``: a copy to sign on paper, every page's footer has boxes for the
    signatories' initials. ``letterhead``: a letter, whose sender block names the company:
    its first page's header does not name it again."""
    check_stopped()
    register_fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=company,
        subject=subject,
        creator=f"Entretien Desktop {__version__}",
        lang=current_language(),
        displayDocTitle=1,
        initialFontName=REGULAR,
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        CONTENT_WIDTH,
        PAGE_HEIGHT - 2 * MARGIN,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    footer = (
        _("Fingerprint of the signed record (File › Verify a report): {fingerprint}").format(
            fingerprint=short_fingerprint(fingerprint)
        )
        if fingerprint
        else ""
    )
    decorate = partial(
        _decorate,
        company=company,
        title=title,
        footer=footer,
        fingerprint=fingerprint,
        initials=initials,
        letterhead=letterhead,
    )
    document.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
    document.build(
        list(story), canvasmaker=partial(_NumberedCanvas, page_label=_("Page {page} of {pages}"))
    )
    return buffer.getvalue()


def write_pdf_atomically(path: Path, data: bytes) -> None:
    """Write a PDF so that a crash leaves the old file or the new one, never half of one."""
    write_file_atomically(Path(path), data)
