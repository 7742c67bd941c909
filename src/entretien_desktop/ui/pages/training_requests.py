"""The training requests part of the training plan: every request of every interview form in
one table, filtered by decision and searched, with the decision taken on the selected one.

A request is approved, refused, or marked done through ``services.training_requests.decide``;
marking it done records the training in the employee's history, where the summary review
counts it, so the page asks first. The totals say what the approved requests shown add up
to, in hours and cost (in the company's currency): the budget the owner has committed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from entretien_desktop.domain import Company, Employee
from entretien_desktop.domain.templates import Role, Template
from entretien_desktop.i18n import _, format_date, format_money, format_number, ngettext
from entretien_desktop.services.interview_forms import template_for
from entretien_desktop.services.skill_requests import (
    SkillTrainingRequest,
    decide_skill_request,
    skill_request_key,
    skill_training_requests,
)
from entretien_desktop.services.training_requests import (
    RequestStatus,
    TrainingRequest,
    decide,
    decision_problem,
    request_key,
    request_status_label,
    training_requests,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.dialogs.request_dialog import RequestDialog
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.widgets.buttons import enable_or_say_why
from entretien_desktop.ui.widgets.records import (
    AnyIndex,
    RecordsModel,
    RecordsPage,
    SortKey,
    date_key,
    date_text,
    folded,
)

CHOICE_COLUMNS = ("funding", "priority", "validation", "working_hours")
"""The request's columns whose answer is one of the template's choices."""
RequestKey = tuple[str, str, int]
"""What identifies a request across reloads: employee number, interview id, table row."""
AnyRequest = TrainingRequest | SkillTrainingRequest
"""A request of an interview form, or one made from a gap of the skills map (issue 21)."""


def any_request_key(request: AnyRequest) -> RequestKey:
    if isinstance(request, SkillTrainingRequest):
        return skill_request_key(request)
    return request_key(request)


_STATUS_COLOURS = {
    RequestStatus.APPROVED: "#0f5132",
    RequestStatus.REFUSED: "#842029",
}


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A request with the words its template gives to its choices, in today's language."""

    request: TrainingRequest
    choices: dict[str, str]
    """Column id -> label of the choice made (``funding`` -> ``CPF co-funded...``)."""
    ranks: dict[str, int]
    """Column id -> position of the choice in the template (priorities sort high first)."""


def _choice_words(template: Template) -> dict[str, dict[str, tuple[int, str]]]:
    """Column id -> choice id -> (position, translated label), for the requests table."""
    field = template.with_role(Role.TRAINING_REQUESTS)
    if field is None:
        return {}
    return {
        column.id: {c.id: (rank, _(c.label)) for rank, c in enumerate(column.choices)}
        for column in field.columns
        if column.id in CHOICE_COLUMNS
    }


def request_rows(company: Company) -> list[RequestRow]:
    """Every training request of ``company``, with its choices worded."""
    words: dict[tuple[str, bool], dict[str, dict[str, tuple[int, str]]]] = {}
    rows = []
    for request in training_requests(company):
        template = template_for(company, request.employee, request.interview)
        key = (template.key, template.built_in)
        if key not in words:
            words[key] = _choice_words(template)
        choices, ranks = {}, {}
        for column, options in words[key].items():
            value = request.values.get(column, "")
            rank, label = options.get(value, (len(options), value))
            choices[column], ranks[column] = label, rank
        rows.append(RequestRow(request, choices, ranks))
    return rows


class RequestsModel(RecordsModel):
    """One row per training request: who asked, what, its figures and dates, and where it
    stands."""

    # Who, what and where it stands first: a narrow window scrolls the rest.
    (
        EMPLOYEE,
        COURSE,
        STATUS,
        PRIORITY,
        HOURS,
        COST,
        DATES,
        FUNDING,
        PROVIDER,
        INTERVIEW,
    ) = range(10)
    numeric_columns = frozenset({HOURS, COST})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_employee: dict[str, list[RequestRow | SkillTrainingRequest]] = {}
        self.currency = "EUR"
        """The company's currency, in which its costs are written."""

    def set_company(self, company: Company | None) -> None:
        self._by_employee = {}
        self.currency = company.currency if company is not None else "EUR"
        for row in request_rows(company) if company is not None else []:
            self._by_employee.setdefault(row.request.employee.ref, []).append(row)
        # The skills map's requests, beside the interview forms' (issue 21).
        for asked in skill_training_requests(company) if company is not None else []:
            self._by_employee.setdefault(asked.employee.ref, []).append(asked)
        super().set_company(company)

    def column_titles(self) -> list[str]:
        return [
            _("Employee"),
            _("Course"),
            _("Status"),
            _("Priority"),
            _("Hours"),
            _("Cost"),
            _("Dates"),
            _("Funding"),
            _("Provider"),
            _("Interview"),
        ]

    def records(self, employee: Employee) -> Sequence[object]:
        return self._by_employee.get(employee.ref, ())

    def money(self, value: float) -> str:
        """An amount of the company's own money, cents only when there are some."""
        return money_text(value, self.currency)

    def request(self, row: int) -> AnyRequest:
        record = self.row(row)[1]
        if isinstance(record, SkillTrainingRequest):
            return record
        assert isinstance(record, RequestRow)
        return record.request

    def find(self, key: RequestKey) -> int | None:
        """The row of the request ``key``, if it is still there."""
        for row in range(self.rowCount()):
            if any_request_key(self.request(row)) == key:
                return row
        return None

    def text(self, employee: Employee, record: object, column: int) -> str:
        if isinstance(record, SkillTrainingRequest):
            return _skill_text(record, column)
        assert isinstance(record, RequestRow)
        request = record.request
        texts = {
            self.EMPLOYEE: lambda: employee.full_name,
            self.COURSE: lambda: request.course,
            self.PROVIDER: lambda: request.values.get("provider", ""),
            self.HOURS: lambda: _figure(request, "hours", format_number),
            self.COST: lambda: _figure(request, "cost", self.money),
            self.DATES: lambda: _dates(request.day("start"), request.day("end")),
            self.FUNDING: lambda: record.choices.get("funding", ""),
            self.PRIORITY: lambda: record.choices.get("priority", ""),
            self.INTERVIEW: lambda: date_text(request.interview.date),
            self.STATUS: lambda: request_status_label(request.status),
        }
        return texts[column]()

    def sort_key(  # noqa: PLR0911
        self, employee: Employee, record: object, column: int
    ) -> SortKey:
        if isinstance(record, SkillTrainingRequest):
            return _skill_sort_key(record, column)
        assert isinstance(record, RequestRow)
        request = record.request
        if column in (self.HOURS, self.COST):
            return request.number("hours" if column == self.HOURS else "cost")
        if column == self.DATES:
            return date_key(request.day("start"))
        if column == self.INTERVIEW:
            return date_key(request.interview.date)
        if column == self.PRIORITY:
            return record.ranks.get("priority", 0)
        if column == self.STATUS:
            return list(RequestStatus).index(request.status)
        return super().sort_key(employee, record, column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        column = index.column() if index.isValid() else -1
        if column == self.STATUS and role == Qt.ItemDataRole.ForegroundRole:
            colour = _STATUS_COLOURS.get(self.request(index.row()).status)
            return QBrush(QColor(colour)) if colour is not None else None
        if column == self.COURSE and role == Qt.ItemDataRole.ToolTipRole:
            return self._details(index.row())
        return super().data(index, role)

    def _details(self, row: int) -> str:
        """The course with what the table has no room for: validation and working hours."""
        record = self.row(row)[1]
        if isinstance(record, SkillTrainingRequest):
            return "\n".join(line for line in (record.course, record.request.reason) if line)
        assert isinstance(record, RequestRow)
        lines = [record.request.course]
        for column, title in (
            ("validation", _("Validation sought: {choice}")),
            ("working_hours", _("When: {choice}")),
        ):
            if record.choices.get(column):
                lines.append(title.format(choice=record.choices[column]))
        return "\n".join(lines)


def _skill_text(asked: SkillTrainingRequest, column: int) -> str:
    """A column of a request from the skills map: no figures, no form; where it comes
    from in the interview's column."""
    model = RequestsModel
    if column == model.EMPLOYEE:
        return asked.employee.full_name
    if column == model.COURSE:
        return asked.course
    if column == model.STATUS:
        return request_status_label(asked.status)
    if column == model.INTERVIEW:
        return _("Skills map, {date}").format(date=format_date(asked.request.requested_on))
    return ""


def _skill_sort_key(asked: SkillTrainingRequest, column: int) -> SortKey:
    """The sort key of a column of a request from the skills map."""
    model = RequestsModel
    if column in (model.HOURS, model.COST):
        return 0.0
    if column == model.INTERVIEW:
        return date_key(asked.request.requested_on)
    if column == model.STATUS:
        return list(RequestStatus).index(asked.status)
    if column in (model.DATES, model.PRIORITY):
        return "" if column == model.DATES else -1
    return folded(_skill_text(asked, column))


def _figure(request: TrainingRequest, column: str, form: Callable[[float], str]) -> str:
    """A number of the request as ``form`` writes it; nothing when it was left empty."""
    if not request.values.get(column, "").strip():
        return ""
    return form(request.number(column))


def money_text(value: float, currency: str) -> str:
    return format_money(value, currency=currency, cents=not float(value).is_integer())


def _dates(start: date | None, end: date | None) -> str:
    if start is None or end is None or end == start:
        return date_text(start or end)
    return _("{start} – {end}").format(start=format_date(start), end=format_date(end))


class RequestsView(RecordsPage):
    """Every training request, with a filter by decision, a search, the decisions on the
    selected one, and the approved hours and cost."""

    main_column = RequestsModel.COURSE

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, feed, RequestsModel(), RequestsModel.INTERVIEW, parent)
        # The last column takes the room left, but never less than its text: the course
        # keeps the width of its own, and a narrow window scrolls.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RequestsModel.INTERVIEW, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setObjectName("training_requests")
        self.search_edit.setPlaceholderText(_("Search by name, course or provider…"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(_("All statuses"), "")
        for status in RequestStatus:
            self.status_combo.addItem(request_status_label(status), status.value)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        status_label = QLabel(_("Status:"))
        status_label.setBuddy(self.status_combo)
        self.filters.addWidget(status_label)
        self.filters.addWidget(self.status_combo)
        self._add_actions()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.sortByColumn(RequestsModel.INTERVIEW, Qt.SortOrder.DescendingOrder)
        self._update_buttons()

    def _add_actions(self) -> None:
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button = QPushButton(_("&Refuse"))
        self.refuse_button.clicked.connect(self.refuse)
        self.done_button = QPushButton(_("Mark &done…"))
        self.done_button.clicked.connect(self.mark_done)
        self.correct_button = QPushButton(_("&Correct…"))
        self.correct_button.setObjectName("correct_request")
        self.correct_button.clicked.connect(self._correct_clicked)
        layout = self.layout()
        assert layout is not None
        layout.removeWidget(self.count_label)
        self.count_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.count_label, 1)
        for button in (
            self.correct_button,
            self.approve_button,
            self.refuse_button,
            self.done_button,
        ):
            bottom.addWidget(button)
        assert isinstance(layout, QBoxLayout)
        layout.addLayout(bottom)

    def _fit_columns(self) -> None:
        super()._fit_columns()
        # The long funding and provider names give way first (the tooltip has them whole).
        for column in (RequestsModel.FUNDING, RequestsModel.PROVIDER):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 170))

    # -- filter and totals ----------------------------------------------------------------
    def set_status(self, status: RequestStatus | None) -> None:
        """Show only the requests in ``status`` (every one with ``None``)."""
        self.status_combo.setCurrentIndex(
            self.status_combo.findData(status.value if status is not None else "")
        )

    def _status_changed(self) -> None:
        wanted = self.status_combo.currentData()
        model = self.requests_model
        if wanted:
            self.proxy.set_accepts(lambda row: model.request(row).status.value == wanted)
        else:
            self.proxy.set_accepts(lambda _row: True)
        self._update_buttons()

    @property
    def requests_model(self) -> RequestsModel:
        model = self.model
        assert isinstance(model, RequestsModel)
        return model

    def shown_requests(self) -> list[AnyRequest]:
        """The requests the table shows, in its order."""
        return [
            self.requests_model.request(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def count_text(self, shown: int, total: int) -> str:
        approved = [r for r in self.shown_requests() if r.status is RequestStatus.APPROVED]
        hours = sum(r.number("hours") for r in approved)
        cost = sum(r.number("cost") for r in approved)
        if shown == total:
            requests = ngettext("{count} request", "{count} requests", total).format(
                count=format_number(total)
            )
        else:
            requests = ngettext(
                "{shown} of {count} request", "{shown} of {count} requests", total
            ).format(shown=format_number(shown), count=format_number(total))
        return _("{requests} · approved: {hours}, {cost}").format(
            requests=requests,
            hours=ngettext("{hours} hour", "{hours} hours", ceil(hours)).format(
                hours=format_number(hours)
            ),
            cost=self.requests_model.money(cost),
        )

    # -- selection ------------------------------------------------------------------------
    def selected_request(self) -> AnyRequest | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.requests_model.request(self.proxy.mapToSource(rows[0]).row())

    def select(self, key: RequestKey) -> bool:
        """Select the request ``key`` if the table shows it."""
        row = self.requests_model.find(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.requests_model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)
        return True

    def reload(self, *_report: object) -> None:
        """Read the requests again, the selected one staying selected."""
        selected = self.selected_request()
        super().reload()
        if selected is not None:
            self.select(any_request_key(selected))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        request = self.selected_request()
        status = request.status if request is not None else None
        for button, decision in (
            (self.approve_button, RequestStatus.APPROVED),
            (self.refuse_button, RequestStatus.REFUSED),
            (self.done_button, RequestStatus.DONE),
        ):
            problem = (
                _("Choose a request first.")
                if status is None
                else decision_problem(status, decision)
            )
            enable_or_say_why(button, [problem] if problem else [])
        if self.done_button.isEnabled():
            self.done_button.setToolTip(_("Record the training in the employee's history"))
        enable_or_say_why(
            self.correct_button,
            [_("Choose a request first.")]
            if status is None
            else [_("This training is done: correct it in the history.")]
            if status is RequestStatus.DONE
            else [_("A request from the skills map has no dates or hours to correct.")]
            if isinstance(request, SkillTrainingRequest)
            else [],
        )

    # -- decisions ------------------------------------------------------------------------
    def approve(self) -> None:
        self.decide_selected(RequestStatus.APPROVED)

    def refuse(self) -> None:
        self.decide_selected(RequestStatus.REFUSED)

    def mark_done(self) -> None:
        request = self.selected_request()
        if request is None:
            return
        answer = QMessageBox.question(
            self,
            _("Mark the training as done"),
            _(
                "Mark “{course}” as done for {name}?\n\nThe training will be added to "
                "{name}'s history as a non-mandatory training, where the summary review "
                "counts it."
            ).format(course=request.course, name=request.employee.full_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.decide_selected(RequestStatus.DONE)

    def _correct_clicked(self) -> None:
        # A slot returns nothing (tests/test_architecture.py).
        self.correct_selected()

    def correct_selected(self) -> RequestDialog | None:
        """Open the correction of the selected request's dates and hours (window-modal)."""
        request = self.selected_request()
        if not isinstance(request, TrainingRequest):
            return None
        dialog = RequestDialog(self._workspace, request, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def decide_selected(self, status: RequestStatus) -> None:
        """Record ``status`` on the selected request; a refusal is shown with its reason."""
        selected = self.selected_request()
        if selected is None:
            return
        # ``decide`` reads the request again as the file holds it now.
        if isinstance(selected, SkillTrainingRequest):  # from the skills map (issue 21)
            run_change(
                self,
                _("The decision could not be recorded"),
                lambda: decide_skill_request(self._workspace, selected, status),
            )
            self.reload()
            return
        run_change(
            self,
            _("The decision could not be recorded"),
            lambda: decide(self._workspace, selected, status),
        )
        self.reload()
