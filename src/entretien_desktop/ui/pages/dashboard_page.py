"""The dashboard: where the company stands today and what to do next.

Tiles count the open obligations (overdue, due soon, upcoming, each saying how many a
company policy makes rather than the law), the money at stake (with the forfait-jours
reviews overdue, a risk without an amount) and the share of interviews held on time; a bar
chart shows the next twelve months; the open obligations follow, most urgent first, each
with its basis (the law or a company policy), a double-click away from the employee's
record and a button away from planning the interview. Everything is redrawn from the
reports the obligations feed announces: this page never evaluates a rule itself.
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_percent
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import (
    _,
    current_language,
    format_date,
    format_money,
    format_number,
    ngettext,
)
from entretien_desktop.rules import Obligation, Status
from entretien_desktop.services.dashboard import Dashboard, dashboard
from entretien_desktop.services.labels import (
    basis_label,
    obligation_name,
    obligation_status_label,
)
from entretien_desktop.services.obligations import ObligationsReport
from entretien_desktop.services.retention import purge_candidates
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.services.xlsx_export import Export
from entretien_desktop.ui import theme
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog, interview_kind_for
from entretien_desktop.ui.excel_export import ExcelExportButton
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.widgets.board_view import BoardView
from entretien_desktop.ui.widgets.buttons import enable_or_say_why
from entretien_desktop.ui.widgets.month_chart import STATUS_COLOURS, MonthChart
from entretien_desktop.ui.widgets.text import scaled_font
from entretien_desktop.ui.widgets.tiles import Tile

AnyIndex = QModelIndex | QPersistentModelIndex

EMPLOYEE_REF_ROLE = Qt.ItemDataRole.UserRole
CHART_MAX_HEIGHT = 190


def format_rate(rate: float | None) -> str:
    """``87 %`` as the current language writes a percentage; a dash when nothing was due."""
    if rate is None:
        return "—"
    return str(format_percent(rate, locale=Locale.parse(current_language())))


_ROOT = QModelIndex()


class UrgentModel(QAbstractTableModel):
    """Open obligations, most urgent first: employee, kind, basis (the law or a company
    policy), deadline, status, explanation."""

    EMPLOYEE, KIND, BASIS, DEADLINE, STATUS, EXPLANATION = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Obligation, ...] = ()
        self._names: dict[str, str] = {}

    def set_obligations(self, obligations: tuple[Obligation, ...], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows, self._names = obligations, names
        self.endResetModel()

    def obligation(self, row: int) -> Obligation:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = (
                _("Employee"),
                _("Obligation"),
                _("Basis"),
                _("Deadline"),
                _("Status"),
                _("Why"),
            )
            return headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        obligation = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(obligation, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return obligation.explanation
        if role == EMPLOYEE_REF_ROLE:
            return obligation.employee_ref
        if index.column() == self.STATUS:
            return self._status_look(obligation.status, role)
        return None

    def _text(self, obligation: Obligation, column: int) -> str:
        if column == self.EMPLOYEE:
            return self._names.get(obligation.employee_ref, obligation.employee_ref)
        if column == self.KIND:
            return obligation_name(obligation)
        if column == self.BASIS:
            return basis_label(obligation)
        if column == self.DEADLINE:
            return format_date(obligation.deadline)
        if column == self.STATUS:
            return obligation_status_label(obligation.status)
        return obligation.explanation

    @staticmethod
    def _status_look(status: Status, role: int) -> object:
        """The status cell in its colour, bold, behind a dot of the same colour."""
        colour = QColor(STATUS_COLOURS[status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(colour)
        if role == Qt.ItemDataRole.DecorationRole:
            return colour
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _tiles() -> dict[str, Tile]:
    specs = (
        ("overdue", _("Overdue"), STATUS_COLOURS[Status.OVERDUE],
         _("Interviews whose deadline has passed.")),
        ("due_soon", _("Due soon"), STATUS_COLOURS[Status.DUE_SOON],
         _("Interviews due within the company's warning period.")),
        ("upcoming", _("Upcoming"), STATUS_COLOURS[Status.UPCOMING],
         _("Interviews due later.")),
        ("amount", _("Top-ups owed"), "#6d4c9f",
         _("Corrective top-ups to training accounts owed for summary reviews held or past "
           "their deadline that failed the test; below, what reviews still to come would "
           "owe if nothing changes (never added to it), and the forfait-jours reviews "
           "overdue, which put no amount at stake but may void the forfait.")),
        ("compliance", _("Held on time"), "#607d8b",
         _("Share of the interviews due so far that were held by their deadline.")),
    )  # fmt: skip
    return {
        key: Tile(f"{key}_tile", caption, colour, tip, detailed=True)
        for key, caption, colour, tip in specs
    }


def _urgent_table(model: UrgentModel) -> QTableView:
    table = QTableView()
    table.setObjectName("urgent_table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setIconSize(QSize(10, 10))
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(UrgentModel.EXPLANATION, QHeaderView.ResizeMode.Stretch)
    return table


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, 1.05, bold=True))
    return label


class DashboardPage(QWidget):
    """The company's situation as of today, from the feed's newest report."""

    employee_activated = Signal(str)
    """The employee number of the row double-clicked (or entered) in the to-do list."""

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_page")
        self._workspace = workspace
        self.dashboard: Dashboard | None = None
        self._no_employee = False
        self._fitted = False

        self.as_of_label = QLabel(_("Working out the obligations…"))
        self.as_of_label.setFont(scaled_font(self.as_of_label, 1.3, bold=True))
        self.busy_label = QLabel(_("Updating…"))
        self.busy_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        keep = self.busy_label.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.busy_label.setSizePolicy(keep)
        self.busy_label.hide()
        self.retention_label = QLabel()
        self.retention_label.setObjectName("retention_flag")
        self.retention_label.setStyleSheet(f"color: {theme.ERROR};")
        self.retention_label.hide()

        self.tiles = _tiles()
        self.chart = MonthChart()
        self.model = UrgentModel(self)
        self.table = _urgent_table(self.model)
        self.table.activated.connect(self._activate)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.urgent_stack = QStackedWidget()
        self.urgent_stack.addWidget(self.empty_label)
        self.urgent_stack.addWidget(self.table)
        self.board_view = BoardView()
        self.board_view.selection_changed.connect(self._selection_changed)
        self.board_view.employee_chosen.connect(self.employee_activated)
        self.board_view.interview_chosen.connect(self._interview_chosen)
        self.views = QTabWidget()
        self.views.setObjectName("dashboard_views")
        self.views.addTab(self.board_view, _("&Board"))
        self.views.addTab(self.urgent_stack, _("&List, most urgent first"))
        self.views.currentChanged.connect(self._selection_changed)
        self.plan_button = QPushButton(_("Plan interview…"))
        self.plan_button.setEnabled(False)
        self.plan_button.clicked.connect(self._plan_clicked)
        self.excel_button = ExcelExportButton(feed, Export.OBLIGATIONS)

        self._lay_out()
        feed.report_ready.connect(self.show_report)
        feed.busy_changed.connect(self.busy_label.setVisible)
        self._show_empty_state()
        if feed.latest is not None:
            self.show_report(feed.latest)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.as_of_label, 1)
        top.addWidget(self.retention_label)
        top.addWidget(self.busy_label)
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile)

        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 6)
        chart_layout.addWidget(_section(_("Next twelve months")))
        chart_layout.addWidget(self.chart, 1)

        urgent_box = QWidget()
        urgent_layout = QVBoxLayout(urgent_box)
        urgent_layout.setContentsMargins(0, 6, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(_section(_("From obligation to done")), 1)
        heading.addWidget(self.plan_button)
        heading.addWidget(self.excel_button)
        urgent_layout.addLayout(heading)
        urgent_layout.addWidget(self.views, 1)

        # The chart says how the next months load; the obligations get the room.
        chart_box.setMaximumHeight(CHART_MAX_HEIGHT)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(chart_box)
        splitter.addWidget(urgent_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(splitter, 1)

    # -- showing a report ---------------------------------------------------------------
    def show_report(self, report: ObligationsReport) -> None:
        """Redraw everything from ``report``, keeping the selected obligation if it remains."""
        kept = self.selected_obligation()
        board = self.dashboard = dashboard(report)
        self.as_of_label.setText(
            _("Situation on {date}").format(date=format_date(board.as_of, "long"))
        )
        values = {
            "overdue": format_number(board.overdue),
            "due_soon": format_number(board.due_soon),
            "upcoming": format_number(board.upcoming),
            "amount": format_money(board.owed_eur, cents=False),
            "compliance": format_rate(board.compliance_rate),
        }
        for key, text in values.items():
            self.tiles[key].value_label.setText(text)
        self._show_policy_parts(board)
        self._show_retention(report)
        self.chart.set_months(board.months)
        self.board_view.show_report(report)
        names = {e.ref: e.full_name for e in report.company.employees}
        self._no_employee = not report.company.employees
        self.model.set_obligations(board.urgent, names)
        if not self._fitted and self.model.rowCount():
            self._fit_columns()
        self._show_empty_state()
        if kept is not None:
            self._select(kept)
        self._selection_changed()

    def _show_retention(self, report: ObligationsReport) -> None:
        """A flag when employees who left are past retention (docs/privacy.md)."""
        count = len(purge_candidates(report.company, report.as_of))
        self.retention_label.setText(
            ngettext(
                "{count} exit past retention: File, Records past retention…",
                "{count} exits past retention: File, Records past retention…",
                count,
            ).format(count=count)
        )
        self.retention_label.setVisible(count > 0)

    def _show_policy_parts(self, board: Dashboard) -> None:
        """Under each count, how many of them a company policy makes rather than the law
        (nothing when none): the law's obligations are never confused with the company's."""
        parts = {
            "overdue": board.policy_overdue,
            "due_soon": board.policy_due_soon,
            "upcoming": board.policy_upcoming,
        }
        for key, count in parts.items():
            detail = (
                ngettext(
                    "of which {count} by company policy",
                    "of which {count} by company policy",
                    count,
                ).format(count=format_number(count))
                if count
                else ""
            )
            self.tiles[key].set_detail(detail)
        lines = []
        if board.possible_eur:
            lines.append(
                _("{amount} more possible if nothing changes").format(
                    amount=format_money(board.possible_eur, cents=False)
                )
            )
        if board.forfait_overdue:
            # No amount: the forfait may be held void, the employee claim overtime.
            lines.append(
                ngettext(
                    "{count} forfait-jours review overdue: the forfait may be held void",
                    "{count} forfait-jours reviews overdue: the forfaits may be held void",
                    board.forfait_overdue,
                ).format(count=format_number(board.forfait_overdue))
            )
        self.tiles["amount"].set_detail("\n".join(lines))

    def _fit_columns(self) -> None:
        """The columns before the explanation as wide as their contents, once, within a
        limit: the obligation's name has the most room (a Dutch one is long), the
        explanation the rest; a cell cut short is whole in the row's tooltip."""
        self._fitted = True
        for column in range(UrgentModel.EXPLANATION):
            widest = 360 if column == UrgentModel.KIND else 220
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 4, widest))

    def _show_empty_state(self) -> None:
        if self.model.rowCount():
            self.urgent_stack.setCurrentWidget(self.table)
            return
        if self.dashboard is None:
            self.empty_label.setText(_("Working out the obligations…"))
        elif self._no_employee:
            self.empty_label.setText(
                _(
                    "No employee yet. Add your employees (Employees › New employee, Ctrl+N): "
                    "their interviews and deadlines will appear here."
                )
            )
        else:
            self.empty_label.setText(
                _("Nothing to do: no interview is overdue, due soon or upcoming.")
            )
        self.urgent_stack.setCurrentWidget(self.empty_label)

    def _select(self, wanted: Obligation) -> None:
        key = (wanted.employee_ref, wanted.kind, wanted.deadline)
        for row in range(self.model.rowCount()):
            obligation = self.model.obligation(row)
            if (obligation.employee_ref, obligation.kind, obligation.deadline) == key:
                self.table.selectRow(row)
                return

    # -- acting on a row ----------------------------------------------------------------
    def selected_obligation(self) -> Obligation | None:
        """The obligation chosen in the view shown: the board's card, or the list's row."""
        if self.views.currentWidget() is self.board_view:
            return self.board_view.selected_obligation()
        rows = self.table.selectionModel().selectedRows()
        return self.model.obligation(rows[0].row()) if rows else None

    def _row_chosen(self, *_args: object) -> None:
        """A row chosen in the list (by a click, a key, or the page itself) brings the list
        forward: the Plan button acts on what is shown."""
        if self.table.selectionModel().hasSelection():
            self.views.setCurrentWidget(self.urgent_stack)
        self._selection_changed()

    def _interview_chosen(self, *_interview: object) -> None:
        """A card in progress opens the interview planned for it, to see or change."""
        self.plan_selected()

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected_obligation() is not None
        enable_or_say_why(self.plan_button, [] if chosen else [_("Choose an obligation first.")])

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.employee_activated.emit(self.model.obligation(index.row()).employee_ref)

    def _plan_clicked(self) -> None:
        # A slot returns nothing (tests/test_architecture.py).
        self.plan_selected()

    def plan_selected(self) -> PlanInterviewDialog | None:
        """Open the planning dialog for the selected obligation (window-modal): its
        deadline known, or the interview already planned for it."""
        obligation = self.selected_obligation()
        if obligation is None:
            return None
        dialog = PlanInterviewDialog(
            self._workspace,
            obligation.employee_ref,
            interview_kind_for(obligation.kind),
            self,
            obligation=obligation,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
