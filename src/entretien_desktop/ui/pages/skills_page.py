"""The skills map's page: every present employee by every skill of the catalogue, the
level in each cell (ui/pages/skills_model.py), filtered by site, department, job, family and
name, sorted by name or by any skill; the names stay on the left while the skills scroll.

Keyboard first (ui/pages/skills_views.py): arrows move; 0 to 3 record that level as of
today from an assessment; Enter, F2 or a double click open the cell's dialog (level, day,
source, note, and the history below); Delete records "not trained" (never erasing: the
earlier levels stay in the history); H shows the cell's history; Ctrl+Z takes a change back
through the workspace's undo. Every level is one change appended to the employee's
history (services/skills_edit.py).

On the right, the risks and gaps (ui/pages/skills_risks.py): a gap chosen there brings its
skill's column into view (``show_skill``). The site, department and job chosen are what the
printed or exported matrix holds (``matrix_filter``, read by the main window's File menu).
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import SkillLevel, SkillSource
from entretien_desktop.domain.skills import LEVELS
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.permissions import Permission
from entretien_desktop.services.skill_words import level_label, level_text
from entretien_desktop.services.skills_edit import already_newest, history_of, record_level
from entretien_desktop.services.skills_grid import MatrixFilter
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.pages.skills_model import (
    LAPSED_COLOURS,
    LEVEL_COLOURS,
    NAME_COLUMN,
    NEED_MARK,
    REF_ROLE,
    SKILL_ROLE,
    SkillsFilter,
    SkillsMatrixModel,
)
from entretien_desktop.ui.pages.skills_risks import SkillsRisksPanel
from entretien_desktop.ui.pages.skills_views import MatrixGrid, SkillHeader

NAME_WIDEST = 220


class CurrentRowDelegate(QStyledItemDelegate):
    """The name of the current cell's row drawn as selected, so that the row is found."""

    def __init__(self, grid: QTableView, parent: QWidget) -> None:
        super().__init__(parent)
        self.grid = grid

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.row() == self.grid.currentIndex().row():
            option.state |= QStyle.StateFlag.State_Selected


class SkillsPage(QWidget):
    """The skills matrix of ``workspace``'s company."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skills_page")
        self.workspace = workspace
        self.model = SkillsMatrixModel(self)
        self.proxy = SkillsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._stale = True
        self.catalogue_dialog: QWidget | None = None
        self._build()
        workspace.add_listener(self._workspace_changed)
        # The gaps are listed once the matrix is painted: the matrix shows at once.
        self.risks = SkillsRisksPanel(workspace, deferred=True)
        self.grid.viewport().installEventFilter(self)
        self.risks.skill_chosen.connect(self.show_skill)
        self.set_risks_panel(self.risks)

    # -- building -----------------------------------------------------------------------
    def _build_filters(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name or number"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)
        self.site_combo = self._filter_combo(_("All sites"))
        self.department_combo = self._filter_combo(_("All departments"))
        self.job_combo = self._filter_combo(_("All jobs"))
        self.family_combo = self._filter_combo(_("All families"))
        self.edit_button = QPushButton(_("&Level…"))
        self.edit_button.setToolTip(_("Record a level in the chosen cell (Enter, or type 0 to 3)"))
        self.edit_button.clicked.connect(self.edit_current)
        self.history_button = QPushButton(_("&History…"))
        self.history_button.setToolTip(_("The levels recorded in the chosen cell (H)"))
        self.history_button.clicked.connect(self.show_history)
        self.catalogue_button = QPushButton(_("&Catalogue and needs…"))
        self.catalogue_button.setToolTip(
            _("The skills, what each job needs, how many people each site needs")
        )
        self.catalogue_button.clicked.connect(self.edit_catalogue)

        top = QHBoxLayout()
        top.addWidget(self._label(_("&Search:"), self.search))
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.edit_button)
        top.addWidget(self.history_button)
        top.addWidget(self.catalogue_button)
        filters = QHBoxLayout()
        for text, combo in (
            (_("S&ite:"), self.site_combo),
            (_("&Department:"), self.department_combo),
            (_("&Job:"), self.job_combo),
            (_("&Family:"), self.family_combo),
        ):
            filters.addWidget(self._label(text, combo))
            filters.addWidget(combo, 1)

        return top, filters

    def _build(self) -> None:
        top, filters = self._build_filters()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(filters)
        column.addWidget(self._build_matrix(), 1)
        column.addWidget(self._legend())
        column.addLayout(self._build_footer())

        self.risks_area = QWidget()
        self.risks_area.setObjectName("skills_risks_area")
        self.risks_layout = QVBoxLayout(self.risks_area)
        """Where the risks panel goes (``set_risks_panel``)."""
        self.risks_layout.setContentsMargins(0, 0, 0, 0)
        self.risks_area.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.risks_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._update_buttons()

    def _build_matrix(self) -> QWidget:
        self.grid = MatrixGrid()
        self.grid.setObjectName("skills_grid")
        self.grid.setModel(self.proxy)
        self.names = self._names_view()
        self.grid.setSortingEnabled(True)
        self.names.setSortingEnabled(True)
        self.names.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.grid.horizontalHeader().sortIndicatorChanged.connect(self._grid_sorted)
        self.names.horizontalHeader().sortIndicatorChanged.connect(self._names_sorted)
        self.grid.level_typed.connect(self.type_level)
        self.grid.edit_requested.connect(self.edit_current)
        self.grid.clear_requested.connect(self.clear_current)
        self.grid.history_requested.connect(self.show_history)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.grid.verticalScrollBar().valueChanged.connect(self.names.verticalScrollBar().setValue)
        self.names.verticalScrollBar().valueChanged.connect(self.grid.verticalScrollBar().setValue)
        for signal in (
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.columnsInserted,
            self.proxy.columnsRemoved,
        ):
            signal.connect(self._frame_columns)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("skills_empty")
        self.empty_label.hide()
        matrix = QWidget()
        outer = QVBoxLayout(matrix)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.names)
        row.addWidget(self.grid, 1)
        outer.addLayout(row, 1)
        return matrix

    def _build_footer(self) -> QHBoxLayout:
        self.count_label = QLabel()
        self.count_label.setObjectName("skills_count")
        self.message_label = QLabel()
        self.message_label.setObjectName("skills_message")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addWidget(self.message_label, 1)
        return footer

    def _names_view(self) -> QTableView:
        names = QTableView()
        names.setObjectName("skills_names")
        names.setModel(self.proxy)
        names.setSelectionModel(self.grid.selectionModel())
        names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        names.setAutoScroll(False)
        names.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        names.setWordWrap(False)
        names.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        names.horizontalScrollBar().setEnabled(False)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        names.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        )
        names.horizontalHeader().setHighlightSections(False)
        height = self.fontMetrics().height() + 8
        for view in (names, self.grid):
            rows = view.verticalHeader()
            rows.hide()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultSectionSize(height)
        names.clicked.connect(self._name_clicked)
        names.setItemDelegate(CurrentRowDelegate(self.grid, names))
        return names

    def _legend(self) -> QWidget:
        """The levels' colours and the marks, in one label that wraps between its items:
        a narrow window keeps the whole legend, on two lines."""
        items = [
            self._swatch(str(int(level)), *LEVEL_COLOURS[level], level_label(level))
            for level in LEVELS
        ]
        items.append(self._swatch("<s>2</s>", *LAPSED_COLOURS, _("Certification expired")))
        items.append(self._swatch("◥", "#ffffff", NEED_MARK, _("Under the job's need")))
        legend = QLabel(" &nbsp; ".join(items))
        legend.setObjectName("skills_legend")
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setWordWrap(True)
        legend.setContentsMargins(0, 2, 0, 2)
        return legend

    @staticmethod
    def _swatch(mark: str, background: str, colour: str, meaning: str) -> str:
        """One item of the legend: the mark on its colour, then its meaning, kept on one
        line (no-break spaces inside, a breaking one between items)."""
        words = "&nbsp;".join(html.escape(meaning).split(" "))
        return (
            f'<span style="background:{background}; color:{colour};">&nbsp;{mark}&nbsp;</span>'
            f"&nbsp;{words}"
        )

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _filter_combo(self, everyone: str) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)
        combo.addItem(everyone, None)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def set_risks_panel(self, panel: QWidget) -> None:
        """Put ``panel`` (the risks and gaps, ui/pages/skills_risks.py) on the right."""
        self.risks_layout.addWidget(panel)
        self.risks_area.setMinimumWidth(200)
        self.risks_area.show()
        self.splitter.setSizes([700, 340])  # kept in proportion as the window is sized

    # -- refreshing ---------------------------------------------------------------------
    def _workspace_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The matrix painted: the risks panel may fill (``SkillsRisksPanel.fill_soon``)."""
        if event.type() == QEvent.Type.Paint and watched is self.grid.viewport():
            self.risks.fill_soon()
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """Show the company as the workspace holds it now, keeping the current cell."""
        self._stale = False
        kept = self.current_cell()
        company = self.workspace.company
        header = self.grid.horizontalHeader()
        if isinstance(header, SkillHeader):
            header.forget_height()
        self.model.set_company(company, self.workspace.today())
        present = self.model.rows
        self._fill_values(self.site_combo, {r.site for r in present})
        self._fill_values(self.department_combo, {r.department for r in present})
        self._fill_values(self.job_combo, {r.job for r in present})
        families = self.model.skills  # the catalogue in its families' order
        self._fill_values(
            self.family_combo,
            {s.family.strip() for s in families},
            order=[s.family.strip() for s in families],
        )
        self._filters_changed()
        if kept is not None:
            self.go_to(*kept)
        elif self.proxy.rowCount() and self.proxy.columnCount() > 1:
            self.grid.setCurrentIndex(self.proxy.index(0, 1))
        if company is not None and not company.skills:
            self.empty_label.setText(
                _(
                    "The catalogue holds no skill yet: add the company's skills with "
                    "Catalogue and needs…"
                )
            )
        self.empty_label.setVisible(company is not None and not company.skills)

    def _fill_values(
        self,
        combo: QComboBox,
        values: set[str],
        *,
        order: list[str] | None = None,
    ) -> None:
        chosen = combo.currentData()
        listed = (
            [v for v in dict.fromkeys(order or []) if v]
            if order
            else sorted((v for v in values if v), key=str.casefold)
        )
        if [combo.itemData(i) for i in range(1, combo.count())] == listed:
            return
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in listed:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _filters_changed(self, *_args: object) -> None:
        if getattr(self, "risks", None) is not None:  # the panel follows the place chosen
            self.risks.set_scope(
                self.site_combo.currentData() or "", self.department_combo.currentData() or ""
            )
        self.proxy.set_filters(
            site=self.site_combo.currentData(),
            department=self.department_combo.currentData(),
            job=self.job_combo.currentData(),
            family=self.family_combo.currentData(),
            text=self.search.text(),
        )
        shown = self.proxy.rowCount()
        self.count_label.setText(
            ngettext("{count} employee shown", "{count} employees shown", shown).format(
                count=format_number(shown)
            )
        )
        if not self.grid.currentIndex().isValid() and shown and self.proxy.columnCount() > 1:
            self.grid.setCurrentIndex(self.proxy.index(0, 1))
        self._update_buttons()

    def _frame_columns(self, *_args: object) -> None:
        """The names on the left, the skills on the right, whatever the filter shows."""
        columns = self.proxy.columnCount()
        self.grid.setColumnHidden(NAME_COLUMN, True)
        for column in range(1, columns):
            self.grid.setColumnHidden(column, False)
            self.names.setColumnHidden(column, True)
        self.names.setColumnHidden(NAME_COLUMN, False)
        widest = max(
            (self.names.fontMetrics().horizontalAdvance(r.name) for r in self.model.rows),
            default=80,
        )
        width = min(max(widest, 80) + 16, NAME_WIDEST)
        self.names.setColumnWidth(NAME_COLUMN, width)
        self.names.setFixedWidth(width + 2 * self.names.frameWidth())
        self.names.horizontalHeader().setFixedHeight(
            self.grid.horizontalHeader().sizeHint().height()
        )

    def _grid_sorted(self, section: int, _order: Qt.SortOrder) -> None:
        if section != NAME_COLUMN:
            header = self.names.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def _names_sorted(self, section: int, order: Qt.SortOrder) -> None:
        header = self.grid.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(section, order)
        header.blockSignals(False)
        header.viewport().update()

    # -- the current cell ---------------------------------------------------------------
    def current_cell(self) -> tuple[str, str] | None:
        """The employee's number and the skill's code of the current cell."""
        index = self.grid.currentIndex()
        if not index.isValid() or index.column() == NAME_COLUMN:
            return None
        ref, skill = index.data(REF_ROLE), index.data(SKILL_ROLE)
        return (ref, skill) if ref is not None and skill is not None else None

    def matrix_filter(self) -> MatrixFilter:
        """The site, department and job chosen: what the printed or exported matrix holds
        (ui/reports/skills_outputs.py)."""
        return MatrixFilter(
            site=self.site_combo.currentData() or "",
            department=self.department_combo.currentData() or "",
            job=self.job_combo.currentData() or "",
        )

    def show_skill(self, skill: str) -> None:
        """Bring the column of ``skill`` into view (a gap chosen in the risks panel): on
        the current employee's row, else the first shown; the family filter is cleared when
        it hides the column."""
        column = self.model.column_of(skill)
        if column is None:
            return
        probe = self.proxy.mapFromSource(self.model.index(0, column))
        if not probe.isValid() and self.family_combo.currentIndex() != 0:
            self.family_combo.setCurrentIndex(0)  # "every family": the column shows again
        current = self.current_cell()
        refs = [current[0]] if current is not None else []
        for row in range(self.proxy.rowCount()):
            ref = self.proxy.index(row, NAME_COLUMN).data(REF_ROLE)
            if ref is not None:
                refs.append(ref)
                break
        for ref in refs:
            if self.go_to(ref, skill):
                self.grid.setFocus()
                return

    def go_to(self, ref: str, skill: str) -> bool:
        """Make the cell of ``ref`` in ``skill`` current, if the filters show it."""
        row, column = self.model.row_of(ref), self.model.column_of(skill)
        if row is None or column is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            return False
        self.grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.grid.scrollTo(index)
        return True

    def _name_clicked(self, index: QModelIndex) -> None:
        column = self.grid.currentIndex().column()
        target = self.proxy.index(index.row(), column if column > NAME_COLUMN else 1)
        if target.isValid():
            self.grid.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.grid.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.column() == NAME_COLUMN and self.proxy.columnCount() > 1:
            self.grid.selectionModel().setCurrentIndex(
                self.proxy.index(current.row(), 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        self.names.viewport().update()
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_cell() is not None
        self.edit_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    def _may_record(self) -> bool:
        access = self.workspace.access
        if access.allows(Permission.REGISTER):
            return True
        self._say(access.refusal(Permission.REGISTER))
        return False

    # -- recording ------------------------------------------------------------------------
    def type_level(self, level: int) -> None:
        """A digit typed on a cell: that level, as of today, from an assessment."""
        cell = self.current_cell()
        if cell is None or not self._may_record():
            return
        ref, skill = cell
        entry = SkillLevel(skill, level, self.workspace.today(), SkillSource.ASSESSMENT)
        self._record(ref, entry)

    def clear_current(self) -> None:
        """Delete on a cell: "not trained" from today, the earlier levels kept."""
        cell = self.current_cell()
        if cell is None or not self._may_record():
            return
        index = self.grid.currentIndex()
        if index.data(Qt.ItemDataRole.DisplayRole) in ("", "0"):
            return
        self.type_level(0)

    def _record(self, ref: str, entry: SkillLevel) -> None:
        if already_newest(self.workspace.require_company(), ref, entry):
            self._say(_("Already recorded today."))
            return
        done = run_change(
            self, _("Record a level"), lambda: record_level(self.workspace, ref, entry)
        )
        if done is None:
            self.go_to(ref, entry.skill)
            self._say(
                _(
                    "Recorded: {level}. Ctrl+Z takes it back; the earlier levels stay in the "
                    "history."
                ).format(level=level_text(entry.level))
            )

    def edit_current(self) -> None:
        """The current cell's dialog: a level with its day, source and note."""
        from entretien_desktop.ui.dialogs.skill_level_dialog import (  # noqa: PLC0415
            SkillLevelDialog,
        )

        cell = self.current_cell()
        if cell is None or not self._may_record():
            return
        ref, skill_id = cell
        company = self.workspace.require_company()
        skill = next(s for s in company.skills if s.id == skill_id)
        employee = self.workspace.employee(ref)
        dialog = SkillLevelDialog(
            employee, skill, history_of(company, ref, skill_id), self.workspace.today(), self
        )
        self.level_dialog = dialog
        dialog.accepted.connect(lambda: self._record(ref, dialog.entry()))
        dialog.open()

    def show_history(self) -> None:
        from entretien_desktop.ui.dialogs.skill_level_dialog import (  # noqa: PLC0415
            SkillHistoryDialog,
        )

        cell = self.current_cell()
        if cell is None:
            return
        ref, skill_id = cell
        company = self.workspace.require_company()
        skill = next(s for s in company.skills if s.id == skill_id)
        dialog = SkillHistoryDialog(
            self.workspace.employee(ref), skill, history_of(company, ref, skill_id), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()

    def edit_catalogue(self) -> None:
        """The catalogue, the jobs' needs and the staffing needs, in one dialog."""
        from entretien_desktop.ui.dialogs.skills_catalogue_dialog import (  # noqa: PLC0415
            SkillsCatalogueDialog,
        )

        company = self.workspace.company
        if company is None:
            return
        if not self.workspace.access.allows(Permission.COMPANY):
            self._say(self.workspace.access.refusal(Permission.COMPANY))
            return
        dialog = SkillsCatalogueDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.catalogue_dialog = dialog
        dialog.open()
