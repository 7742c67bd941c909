"""Campaigns: rounds of interviews of one kind for a group of employees, and the board of the
one chosen: how many are to invite, invited, held, signed or declined, and who.

The list of campaigns sits on top, with the button that starts one; below, the chosen
campaign's figures and every member in a table (a page of records,
ui/widgets/records.py) to filter by stage and search. Two actions move the campaign along: plan
an interview for everyone not yet planned, and mark the selected planned ones invited today;
a third writes the invitation letter and calendar file of everyone planned or invited into a
folder (``batch_reports``).
Everything is read again from the workspace's company when the obligations feed announces
a new report, that is after every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from entretien_desktop.ui.dialogs.campaign_dialog import CampaignDialog
    from entretien_desktop.ui.reports.batch_reports import BatchReports

from entretien_desktop.domain import (
    Campaign,
    Company,
    Contract,
    Employee,
    InterviewStatus,
)
from entretien_desktop.i18n import _, format_date, format_number, ngettext
from entretien_desktop.services.campaigns import (
    COLUMNS,
    BoardColumn,
    BoardRow,
    board,
    counts,
    interviews_to_plan,
    invite_all,
    plan_everyone,
)
from entretien_desktop.services.interview_life import OPEN_STATUSES
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.labels import contract_label, interview_kind_label
from entretien_desktop.ui.widgets.buttons import enable_or_say_why
from entretien_desktop.ui.widgets.records import (
    RecordsModel,
    RecordsPage,
    SortKey,
    date_key,
    date_text,
)
from entretien_desktop.ui.widgets.text import scaled_font
from entretien_desktop.ui.widgets.tiles import Tile


def column_looks() -> dict[str, tuple[str, str, str]]:
    """Each board column's label, colour and explanation, in the language of the moment."""
    return {
        BoardColumn.TO_INVITE: (
            _("To invite"), "#607d8b", _("Members with no interview yet, or one not invited."),
        ),
        BoardColumn.INVITED: (
            _("Invited"), "#1e88e5", _("Members invited, whose interview is still to come."),
        ),
        BoardColumn.HELD: (
            _("Held"), "#43a047", _("Interviews held, whose report is not signed yet."),
        ),
        BoardColumn.SIGNED: (_("Signed"), "#2e7d32", _("Interviews held and signed.")),
        BoardColumn.DECLINED: (
            _("Declined"), "#c62828", _("Members who declined the interview."),
        ),
    }  # fmt: skip


def column_label(column: str) -> str:
    return column_looks()[column][0]


def period_text(campaign: Campaign) -> str:
    return _("{start} to {end}").format(
        start=format_date(campaign.start), end=format_date(campaign.end)
    )


def group_text(campaign: Campaign) -> str:
    """``Lyon · Atelier · Permanent (CDI)``: the criteria set, or everyone."""
    parts = [campaign.site, campaign.department]
    if campaign.contract:
        parts.append(contract_label(Contract(campaign.contract)))
    return " · ".join(p for p in parts if p) or _("Everyone")


class BoardModel(RecordsModel):
    """One row per member of ``campaign``: employee, department, site, stage, interview
    date, invitation date."""

    EMPLOYEE, DEPARTMENT, SITE, STAGE, DATE, INVITED = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign: Campaign | None = None
        self.board_rows: list[BoardRow] = []
        self._by_ref: dict[str, BoardRow] = {}

    def set_company(self, company: Company | None) -> None:
        campaign = self.campaign
        self.board_rows = board(company, campaign) if company and campaign else []
        self._by_ref = {row.employee.ref: row for row in self.board_rows}
        super().set_company(company)

    def column_titles(self) -> list[str]:
        return [
            _("Employee"),
            _("Department"),
            _("Site"),
            _("Stage"),
            _("Interview date"),
            _("Invited on"),
        ]

    def records(self, employee: Employee) -> Sequence[object]:
        row = self._by_ref.get(employee.ref)
        return (row,) if row is not None else ()

    def board_row(self, row: int) -> BoardRow:
        record = self.row(row)[1]
        assert isinstance(record, BoardRow)
        return record

    def text(self, employee: Employee, record: object, column: int) -> str:
        assert isinstance(record, BoardRow)
        interview = record.interview
        texts = {
            self.EMPLOYEE: lambda: employee.full_name,
            self.DEPARTMENT: lambda: employee.department,
            self.SITE: lambda: employee.site,
            self.STAGE: lambda: column_label(record.column),
            self.DATE: lambda: date_text(interview.date if interview else None),
            self.INVITED: lambda: date_text(interview.invited_on if interview else None),
        }
        return texts[column]()

    def sort_key(self, employee: Employee, record: object, column: int) -> SortKey:
        assert isinstance(record, BoardRow)
        interview = record.interview
        if column == self.STAGE:
            return COLUMNS.index(record.column)
        if column == self.DATE:
            return date_key(interview.date if interview else None)
        if column == self.INVITED:
            return date_key(interview.invited_on if interview else None)
        return super().sort_key(employee, record, column)


class BoardTable(RecordsPage):
    """The members of the chosen campaign, searchable, filtered by stage."""

    def __init__(self, workspace: Workspace, feed: ObligationsFeed) -> None:
        self.board_model = BoardModel()
        super().__init__(workspace, feed, self.board_model, BoardModel.EMPLOYEE)
        self.setObjectName("campaign_board")
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(0, 0, 0, 0)
        self.search_edit.setPlaceholderText(_("Search by name, number or department…"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.stage_combo = QComboBox()
        self.stage_combo.addItem(_("All stages"), "")
        for column in COLUMNS:
            self.stage_combo.addItem(column_label(column), column)
        self.stage_combo.currentIndexChanged.connect(self._stage_changed)
        self.table.sortByColumn(BoardModel.EMPLOYEE, Qt.SortOrder.AscendingOrder)
        stage_label = QLabel(_("Stage:"))
        stage_label.setBuddy(self.stage_combo)
        self.filters.addWidget(stage_label)
        self.filters.addWidget(self.stage_combo)

    def show_campaign(self, campaign: Campaign | None) -> None:
        self.board_model.campaign = campaign
        self._report_arrived()

    def set_stage(self, column: str | None) -> None:
        """Show only the members in ``column`` (``None``: everyone)."""
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(column or ""))

    def _stage_changed(self) -> None:
        wanted = self.stage_combo.currentData()
        model = self.board_model
        if wanted:
            self.proxy.set_accepts(lambda row: model.board_row(row).column == wanted)
        else:
            self.proxy.set_accepts(lambda _row: True)

    def selected_rows(self) -> list[BoardRow]:
        return [
            self.board_model.board_row(self.proxy.mapToSource(index).row())
            for index in self.table.selectionModel().selectedRows()
        ]

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return ngettext("{count} employee", "{count} employees", total).format(
                count=format_number(total)
            )
        return ngettext(
            "{shown} of {count} employee", "{shown} of {count} employees", total
        ).format(shown=format_number(shown), count=format_number(total))


class CampaignsPage(QWidget):
    """The campaigns and the board of the one selected."""

    employee_activated = Signal(str)
    """The employee number of the board row double-clicked (or entered)."""
    batch_started = Signal(object)
    """The ``BatchReports`` writing the campaign's invitations, once started."""

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("campaigns_page")
        self._workspace = workspace
        self.campaign: Campaign | None = None
        self.campaign_dialog: CampaignDialog | None = None

        self.new_button = QPushButton(_("New campaign…"))
        self.new_button.clicked.connect(self._new_clicked)
        self._campaigns: dict[str, Campaign] = {}
        self.campaigns_list = _campaigns_list()
        self.campaigns_list.currentItemChanged.connect(self._campaign_chosen)

        self.title_label = QLabel()
        self.title_label.setFont(scaled_font(self.title_label, 1.3, bold=True))
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)  # a long name takes two lines, not the window
        self.plan_button = QPushButton(_("Plan for everyone not yet planned"))
        self.plan_button.clicked.connect(self.plan_everyone)
        self.invite_button = QPushButton(_("Mark invited today"))
        self.invite_button.clicked.connect(self.mark_invited)
        self.letters_button = QPushButton(_("Invitations…"))
        self.letters_button.setToolTip(
            _(
                "The invitation letter and calendar file of everyone planned or invited, "
                "written in a folder"
            )
        )
        self.letters_button.clicked.connect(self._letters_clicked)
        self.tiles = {
            column: Tile(f"{column}_tile", label, colour, tip)
            for column, (label, colour, tip) in column_looks().items()
        }
        self.board = BoardTable(workspace, feed)
        self.board.employee_activated.connect(self.employee_activated)
        self.board.model.modelReset.connect(self._board_changed)
        self.board.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(_("No campaign yet: start one with “New campaign…”."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._lay_out()
        feed.report_ready.connect(self._report_arrived)
        if feed.latest is not None:
            self.reload()

    def _lay_out(self) -> None:
        heading = QHBoxLayout()
        section = QLabel(_("Campaigns"))
        section.setFont(scaled_font(section, 1.05, bold=True))
        heading.addWidget(section, 1)
        heading.addWidget(self.new_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 6)
        top_layout.addLayout(heading)
        top_layout.addWidget(self.campaigns_list, 1)

        actions = QHBoxLayout()
        actions.addWidget(self.title_label, 1)
        actions.addWidget(self.plan_button)
        actions.addWidget(self.invite_button)
        actions.addWidget(self.letters_button)
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        board_box = QWidget()
        board_layout = QVBoxLayout(board_box)
        board_layout.setContentsMargins(0, 6, 0, 0)
        board_layout.setSpacing(8)
        board_layout.addLayout(actions)
        board_layout.addLayout(tiles)
        board_layout.addWidget(self.board, 1)
        self.board_stack = QStackedWidget()
        self.board_stack.addWidget(self.empty_label)
        self.board_stack.addWidget(board_box)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.board_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(splitter, 1)

    # -- following the workspace ----------------------------------------------------------
    def _report_arrived(self, *_report: object) -> None:
        self.reload()

    def reload(self) -> None:
        """List the campaigns again (a few: at once, seen or not), keeping the one chosen;
        the board reads its members when it is seen."""
        self.show_campaign(self.campaign.id if self.campaign else None)

    def show_campaign(self, campaign_id: str | None) -> None:
        """List the campaigns again and choose ``campaign_id`` (else the newest)."""
        company = self._workspace.company
        campaigns = sorted(
            company.campaigns if company else (), key=lambda c: (c.start, c.id), reverse=True
        )
        self._campaigns = {c.id: c for c in campaigns}
        items = []
        for campaign in campaigns:
            texts = [campaign.name, interview_kind_label(campaign.kind)]
            item = QTreeWidgetItem([*texts, period_text(campaign), group_text(campaign)])
            item.setData(0, Qt.ItemDataRole.UserRole, campaign.id)
            item.setToolTip(0, campaign.name)
            items.append(item)
        chosen = [i for i, c in zip(items, campaigns, strict=True) if c.id == campaign_id]
        view = self.campaigns_list
        view.blockSignals(True)  # the board follows once, below
        view.clear()
        view.addTopLevelItems(items)
        if chosen or items:
            view.setCurrentItem((chosen or items)[0])
        view.blockSignals(False)
        self._chosen(view.currentItem())

    def _campaign_chosen(self, current: QTreeWidgetItem | None, *_previous: object) -> None:
        self._chosen(current)

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        chosen = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self._set_campaign(self._campaigns.get(chosen) if chosen else None)

    def _set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.board_stack.setCurrentIndex(0 if campaign is None else 1)
        self.title_label.setText(campaign.name if campaign is not None else "")
        if self.board.board_model.campaign != campaign:
            self.board.show_campaign(campaign)

    def _board_changed(self) -> None:
        rows = self.board.board_model.board_rows
        for column, count in counts(rows).items():
            self.tiles[column].value_label.setText(format_number(count))
        enable_or_say_why(
            self.plan_button,
            []
            if any(row.interview is None for row in rows)
            else [_("Everyone in the campaign already has an interview.")],
        )
        enable_or_say_why(
            self.letters_button,
            []
            if any(row.interview and row.interview.status in OPEN_STATUSES for row in rows)
            else [_("No interview of the campaign is planned or invited.")],
        )
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        enable_or_say_why(
            self.invite_button,
            []
            if self._planned(self.board.selected_rows())
            else [_("Choose people whose interview is planned.")],
        )

    @staticmethod
    def _planned(rows: list[BoardRow]) -> list[BoardRow]:
        return [r for r in rows if r.interview and r.interview.status is InterviewStatus.PLANNED]

    # -- actions --------------------------------------------------------------------------
    def _new_clicked(self) -> None:
        self.new_campaign()

    def new_campaign(self) -> CampaignDialog:
        """Open the dialog that starts a campaign; the page shows it once created."""
        if self.campaign_dialog is not None:
            self.campaign_dialog.deleteLater()
        from entretien_desktop.ui.dialogs.campaign_dialog import CampaignDialog  # noqa: PLC0415

        dialog = self.campaign_dialog = CampaignDialog(self._workspace, self)
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.open()
        return dialog

    def _created(self, dialog: CampaignDialog) -> None:
        if dialog.created is not None:
            self.show_campaign(dialog.created.id)

    def plan_everyone(self) -> None:
        """After confirmation, plan an interview for each member who has none yet."""
        campaign = self.campaign
        if campaign is None:
            return
        planned = interviews_to_plan(self._workspace.require_company(), campaign)
        if not planned:
            return
        answer = QMessageBox.question(
            self,
            _("Plan the campaign's interviews"),
            ngettext(
                "Plan an interview for {count} employee not yet planned, dated {date}?",
                "Plan an interview for each of the {count} employees not yet planned, "
                "dated {date}?",
                len(planned),
            ).format(count=format_number(len(planned)), date=format_date(campaign.start)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            campaign_id = campaign.id
            run_change(
                self,
                _("The campaign's interviews could not be planned"),
                lambda: plan_everyone(self._workspace, campaign_id),
                wait=True,
            )

    def mark_invited(self) -> None:
        """Record that the invitation of each selected planned interview went out today."""
        today = self._workspace.today()
        chosen = []
        for row in self._planned(self.board.selected_rows()):
            assert row.interview is not None
            chosen.append((row.employee.ref, row.interview.id))
        if not chosen:
            return
        refused = run_change(
            self,
            _("The invitations could not be recorded"),
            lambda: invite_all(self._workspace, chosen, today),
            wait=True,
        )
        if isinstance(refused, list) and refused:
            lines = [f"{name}: {reason}" for name, reason in refused]
            QMessageBox.warning(self, _("Some invitations were not recorded"), "\n".join(lines))

    def _letters_clicked(self) -> None:
        self.write_invitations()

    def write_invitations(self) -> BatchReports | None:
        """Choose a folder, then write there the invitation letter and calendar file of each
        member whose interview is planned or invited, under a progress dialog that can be
        cancelled. The members not planned yet are counted in the final message."""
        campaign = self.campaign
        if campaign is None:
            return None
        from entretien_desktop.ui.reports.batch_reports import (  # noqa: PLC0415
            BatchReports,
            confirm_replacing,
            invitation_items,
            invitation_words,
        )
        from entretien_desktop.ui.reports.report_documents import default_folder  # noqa: PLC0415

        workspace = self._workspace
        items, waiting = invitation_items(workspace.require_company(), campaign, workspace.today())
        if not items:
            return None
        title = _("Invitations: {campaign}").format(campaign=campaign.name)
        chosen = QFileDialog.getExistingDirectory(
            self, _("Folder for the invitations"), str(default_folder())
        )
        if not chosen:
            return None
        folder = Path(chosen)
        if not confirm_replacing(self, title, folder, items):
            return None
        note = ""
        if waiting:
            note = ngettext(
                "{count} member has no interview planned yet.",
                "{count} members have no interview planned yet.",
                waiting,
            ).format(count=format_number(waiting))
        batch = BatchReports(
            workspace, items, folder, title, self, words=invitation_words(), note=note
        )
        batch.start()
        self.batch_started.emit(batch)
        return batch


def _campaigns_list() -> QTreeWidget:
    """The campaigns, newest first: name, kind, period, group."""
    view = QTreeWidget()
    view.setObjectName("campaigns_list")
    view.setRootIsDecorated(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setHeaderLabels([_("Campaign"), _("Kind"), _("Period"), _("Group")])
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return view
