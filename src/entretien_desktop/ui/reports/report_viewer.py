"""The report viewer: a PDF previewed page by page (QtPdf), printed through the system's
print dialog, saved where the user chooses.

The PDF is built by ``services/reports`` in the language chosen in the viewer (the reader's
first), on a worker (``report_worker``): the window stays responsive, and a build that
takes more than a moment shows a progress dialog whose Cancel gives it up (and closes a
viewer that has nothing to show yet). Every PDF shown is sealed when the company seals its
reports and recorded as issued (``signing.issue``, on the worker too), so that ``verify``
recognises a copy saved or printed from here. Print… asked before the PDF is ready prints
it once it is. A printed page is the PDF page
rendered by QtPdf at the printer's resolution (at most ``MAX_PRINT_DPI``) and scaled to fit
the printable area, so that nothing near the edge is cut.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _
from entretien_desktop.services.company_file import (
    write_file_atomically as write_pdf_atomically,  # not reports': reportlab stays unloaded here
)
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.labels import LANGUAGES, language_label
from entretien_desktop.ui.reports.report_documents import ReportDocument, default_folder, issued_pdf
from entretien_desktop.ui.reports.report_worker import ReportRun, failure_text, was_stopped

MAX_PRINT_DPI = 300
"""A page rendered at 1,200 dpi would take 550 MB; 300 dpi prints text sharply."""
ZOOM_STEP = 1.25
BUSY_AFTER_MS = 400
"""A build shorter than this shows no progress dialog (an interview report takes 50 ms)."""


class PrintFailed(Exception):
    """The printer could not be started (no printer, a file that cannot be written...)."""


def print_pages(document: QPdfDocument, printer: QPrinter, current_page: int = 0) -> int:
    """Print ``document`` on ``printer`` (the pages the print dialog chose); returns the
    number of pages printed."""
    count = document.pageCount()
    if printer.printRange() is QPrinter.PrintRange.CurrentPage:
        pages = [current_page]
    elif printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        pages = list(range(printer.fromPage() - 1, min(printer.toPage(), count)))
    else:
        pages = list(range(count))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(_("The printer could not be started."))
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for number, page in enumerate(pages):
            if number:
                printer.newPage()
            _print_page(document, page, painter, dpi)
    finally:
        painter.end()
    return len(pages)


def _print_page(document: QPdfDocument, page: int, painter: QPainter, dpi: int) -> None:
    points = document.pagePointSize(page)
    area = QRectF(painter.viewport())
    scale = min(area.width() / points.width(), area.height() / points.height())
    width, height = points.width() * scale, points.height() * scale
    pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = document.render(page, pixels.boundedTo(QSize(round(width), round(height))))
    target = QRectF(area.x() + (area.width() - width) / 2, area.y(), width, height)
    painter.drawImage(target, image)


def _button(text: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def _tool(text: str, slot: Callable[[], None], tip: str) -> QToolButton:
    """A small button of the toolbar: a sign (◀, +...) or a short word."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setMinimumWidth(32)
    button.clicked.connect(slot)
    return button


class ReportViewer(QDialog):
    """A report's pages, with Print…, Save as… and a choice of language."""

    saved = Signal(Path)
    printed = Signal(int)
    """The number of pages sent to the printer."""
    shown = Signal()
    """A PDF was built and is shown (``data``, ``pdf``)."""

    def __init__(
        self, workspace: Workspace, document: ReportDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.document = workspace, document
        self.data = b""
        self.shown_language: str | None = None
        """The language of the PDF shown (None until one is)."""
        self.run: ReportRun | None = None
        """The build under way, if any."""
        self.progress: QProgressDialog | None = None
        self._print_when_ready = False
        self.setWindowTitle(document.title)
        self._buffer = QBuffer(self)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)

        self.language_combo = QComboBox()
        for code in LANGUAGES:
            self.language_combo.addItem(language_label(code), code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(document.language), 0))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setAccelerated(True)
        self.page_spin.valueChanged.connect(self._page_chosen)
        self.pages_label = QLabel()
        self.previous_button = _tool("◀", self.previous_page, _("Previous page"))
        self.next_button = _tool("▶", self.next_page, _("Next page"))
        self.zoom_out_button = _tool("−", self.zoom_out, _("Zoom out (Ctrl+-)"))
        self.zoom_in_button = _tool("+", self.zoom_in, _("Zoom in (Ctrl++)"))
        self.fit_button = _tool(_("&Fit width"), self.fit_width, _("Fit width (Ctrl+0)"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.print_button = _button(_("&Print…"), self.print_document, _("Print (Ctrl+P)"))
        self.save_button = _button(_("&Save as…"), self.save_as, _("Save as PDF (Ctrl+S)"))
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button_box.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.button_box.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.button_box.rejected.connect(self.reject)
        self._layout()
        self._shortcuts()
        self._fit_screen()
        self._page_shown(0)  # no page yet: nowhere to go
        self.show_language(self.language)  # the reader's, when the program speaks it

    def _layout(self) -> None:
        language_caption = QLabel(_("&Language:"))
        language_caption.setBuddy(self.language_combo)
        page_label = QLabel(_("P&age:"))
        page_label.setBuddy(self.page_spin)
        self.tools = QHBoxLayout()
        self.tools.setSpacing(6)
        groups: tuple[tuple[QWidget, ...], ...] = (
            (language_caption, self.language_combo),
            (self.previous_button, page_label, self.page_spin, self.pages_label, self.next_button),
            (self.zoom_out_button, self.zoom_in_button, self.fit_button),
        )
        for number, group in enumerate(groups):
            if number:
                self.tools.addSpacing(12)
            for widget in group:
                self.tools.addWidget(widget)
        self.tools.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.button_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def _shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("Ctrl+0"), self, self.fit_width)

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(940, int(screen.width() * 0.9)), int(screen.height() * 0.92))

    def add_tool_button(self, text: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        """A button of this report's own (``Save calendar file…`` for an invitation)."""
        button = _button(text, slot, tip)
        self.tools.addWidget(button)
        return button

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    # -- the document ---------------------------------------------------------------------
    def show_language(self, language: str) -> None:
        """Build the report in ``language`` on a worker, then show it (``shown``). A build
        still under way is given up."""
        self._give_up_build()
        run = ReportRun(self, expected=(UserError,))
        run.succeeded.connect(self._built)
        run.failed.connect(self._build_failed)
        self.run = run
        self._set_ready(False)
        self._start_progress()
        run.start(partial(issued_pdf, self.workspace, self.document, language))

    @property
    def building(self) -> bool:
        return self.run is not None

    def cancel_build(self) -> None:
        """Give up the build under way: the PDF shown stays (in its language), and a viewer
        that has nothing to show closes."""
        self._give_up_build()
        if self.shown_language is None:
            self.reject()
            return
        self._choose_language(self.shown_language)
        self._set_ready(True)

    def _language_chosen(self, _index: int) -> None:
        self.show_language(self.language)

    def _choose_language(self, language: str) -> None:
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language), 0))
        self.language_combo.blockSignals(False)

    def _built(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        data, language, problem = outcome
        self._end_build()
        self._show(data)
        self.shown_language = language
        self.status_label.setText(
            _("This copy could not be recorded; it will not pass a verification: {error}").format(
                error=problem
            )
            if problem
            else ""
        )
        self._set_ready(True)
        self.shown.emit()
        if self._print_when_ready:
            self._print_when_ready = False
            self.print_document()

    def _build_failed(self, error: object) -> None:
        self._end_build()
        self._print_when_ready = False
        if not was_stopped(error):
            QMessageBox.warning(self, _("The report could not be made"), failure_text(error))
        if self.shown_language is None:
            self.reject()
            return
        self._choose_language(self.shown_language)
        self._set_ready(True)

    def _start_progress(self) -> None:
        """A progress dialog over the viewer, shown if the build lasts (its Cancel gives
        the build up)."""
        progress = QProgressDialog(_("Preparing the report…"), _("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.document.title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(BUSY_AFTER_MS)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.setMinimumWidth(360)
        progress.canceled.connect(self.cancel_build)
        progress.setValue(0)  # starts its clock
        self.progress = progress

    def _end_build(self) -> None:
        """The build under way is over: its run and its progress dialog go."""
        run, self.run = self.run, None
        if run is not None:
            run.deleteLater()
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect(self.cancel_build)
            progress.reset()  # stops its clock: never shown after this
            progress.hide()
            progress.deleteLater()

    def _give_up_build(self) -> None:
        if self.run is not None:
            self.run.cancel()
        self._end_build()

    def _set_ready(self, ready: bool) -> None:
        """Print and save only what is shown."""
        for button in (self.print_button, self.save_button):
            button.setEnabled(ready)

    def done(self, result: int) -> None:
        """Closing gives up a build under way (the worker stops at its next page)."""
        self._give_up_build()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._give_up_build()
        super().closeEvent(event)

    def _show(self, data: bytes) -> None:
        self.data = data
        self.pdf.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        count = self.pdf.pageCount()
        self.page_spin.setMaximum(max(count, 1))
        self.pages_label.setText(_("of {count}").format(count=count))
        self._page_shown(0)

    # -- pages and zoom -------------------------------------------------------------------
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        last = self.pdf.pageCount() - 1
        navigator = self.view.pageNavigator()
        navigator.jump(max(0, min(page, last)), QPointF(), navigator.currentZoom())

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def _page_chosen(self, number: int) -> None:
        if number - 1 != self.current_page():
            self.go_to_page(number - 1)

    def _page_shown(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.pdf.pageCount() - 1)

    def _zoom_now(self) -> float:
        """The zoom shown, also when it follows the window's width."""
        if self.view.zoomMode() is not QPdfView.ZoomMode.FitToWidth or not self.pdf.pageCount():
            return float(self.view.zoomFactor())
        page_width = self.pdf.pagePointSize(0).width() * self.logicalDpiX() / 72
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(usable / page_width, 0.1)

    def _zoom_to(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(factor, 6.0)))

    def zoom_in(self) -> None:
        self._zoom_to(self._zoom_now() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self._zoom_now() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- print and save -------------------------------------------------------------------
    def print_document(self) -> None:
        """Ask the system's print dialog where and what to print, then print (once the
        PDF is ready, when it is still being built)."""
        if self.building or not self.data:
            self._print_when_ready = self.building
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.title)
        # A landscape report (the skills matrix) is offered on landscape paper.
        first = self.pdf.pagePointSize(0)
        if first.width() > first.height():
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, max(self.pdf.pageCount(), 1))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = print_pages(self.pdf, printer, self.current_page())
        except PrintFailed as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, _("The report could not be printed"), str(error))
            return
        QGuiApplication.restoreOverrideCursor()
        self.status_label.setText(
            _("Sent to the printer: {pages} of {count} pages.").format(
                pages=count, count=self.pdf.pageCount()
            )
        )
        self.printed.emit(count)

    def save_as(self) -> None:
        """Ask for a file name, then write the PDF (a temporary file, then renamed)."""
        if not self.data:
            return
        suggestion = default_folder() / f"{self.document.file_stem}.pdf"
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("Save the report"), str(suggestion), _("PDF documents (*.pdf)")
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(f"{path.name}.pdf")
        try:
            write_pdf_atomically(path, self.data)
        except OSError as error:
            QMessageBox.warning(
                self,
                _("The report could not be saved"),
                _("{path} could not be written: {reason}").format(
                    path=path, reason=error.strerror or error
                ),
            )
            return
        self.status_label.setText(_("Saved to {path}").format(path=path))
        self.saved.emit(path)


def open_viewer(
    workspace: Workspace, document: ReportDocument, parent: QWidget | None = None
) -> ReportViewer:
    """Show ``document`` in a new viewer window, gone once closed."""
    viewer = ReportViewer(workspace, document, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    return viewer
