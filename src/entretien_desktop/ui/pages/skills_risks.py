"""The skills map's risks panel: every risk and gap (services/skills_gaps.py) grouped by
kind, each as its sentence with a "Request a training…" button, refreshed after every
change of the workspace.

A request is made through a small dialog: the employee to train (the one the gap names,
or chosen among those below its level, ``training_candidates``) and the title, proposed
from the skill's name; it goes through ``services.skill_requests.request_training``, one
change (one undo step). A gap whose trainee already has a training pending in the skill
says so instead of offering another. Self-contained: the matrix page embeds it and
connects ``skill_chosen`` (a gap clicked) to show that skill.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Employee, limits
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.errors import ChangeRefused, UserError
from entretien_desktop.services.skill_requests import (
    pending_requests,
    proposed_title,
    request_training,
)
from entretien_desktop.services.skill_words import level_label
from entretien_desktop.services.skills_gaps import (
    Gap,
    SkillsMap,
    gap_concerns,
    gap_kind_label,
    gaps_by_kind,
    skill_gaps,
    training_candidates,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.problems import show_messages

SHOWN_PER_KIND = 100
"""Gaps listed under one kind at most (the rest counted): the panel stays quick on a
large matrix."""


class RequestTrainingDialog(QDialog):
    """Who to train to close ``gap``, and the training's title; saved on OK."""

    def __init__(self, workspace: Workspace, gap: Gap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("request_training_dialog")
        self.setWindowTitle(_("Request a training"))
        self._workspace, self.gap = workspace, gap
        company, today = workspace.require_company(), workspace.today()
        self._matrix = SkillsMap(company, today)
        self.candidates = training_candidates(self._matrix, gap)
        reason = QLabel(gap.sentence)
        reason.setWordWrap(True)
        self.employee_combo = QComboBox()
        self.employee_combo.setObjectName("request_employee")
        for employee in self.candidates:
            self.employee_combo.addItem(self._candidate_text(employee), employee.ref)
        self.employee_combo.setEnabled(gap.trainee is None and bool(self.candidates))
        self.title_edit = QLineEdit(proposed_title(gap))
        self.title_edit.setObjectName("request_title")
        self.title_edit.setMaxLength(limits.MAX_NAME)
        self.problems = QLabel()
        self.problems.setObjectName("request_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(theme.ERROR_BANNER_STYLE)
        self.problems.hide()
        buttons, self.ok_button = ok_cancel(self, _("Request"))
        form = QFormLayout()
        form.addRow(_("&Employee:"), self.employee_combo)
        form.addRow(_("&Training:"), self.title_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(reason)
        if not self.candidates:
            nobody = QLabel(_("Nobody present is below this level: there is no one to train."))
            nobody.setWordWrap(True)
            layout.addWidget(nobody)
            self.ok_button.setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _candidate_text(self, employee: Employee) -> str:
        """The employee, with their job and (for a gap to choose for) their level now."""
        words = [employee.full_name]
        if employee.job_title:
            words.append(employee.job_title)
        if self.gap.trainee is None:
            words.append(level_label(self._matrix.level(employee, self.gap.skill.id)))
        return " · ".join(words)

    def choose(self, ref: str) -> None:
        """Choose the employee numbered ``ref`` (the keyboard's way, for tests and scripts)."""
        index = self.employee_combo.findData(ref)
        if index >= 0:
            self.employee_combo.setCurrentIndex(index)

    def accept(self) -> None:
        """Request the training, or say why not and stay open."""
        ref = self.employee_combo.currentData()
        try:
            request_training(
                self._workspace,
                self.gap,
                ref if isinstance(ref, str) else None,
                self.title_edit.text(),
            )
        except ChangeRefused as refused:
            show_messages(self.problems, [p.message for p in refused.problems])
            return
        except UserError as error:  # the file itself: read-only, full...
            show_messages(self.problems, [error.user_message])
            return
        super().accept()


class _GapRow(QFrame):
    """One gap: its sentence, and the button to request a training (or what is pending)."""

    clicked = Signal()

    def __init__(self, gap: Gap, pending: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gap = gap
        self.setObjectName("gap_row")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(gap.sentence)
        self.sentence = QLabel(gap.sentence)
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.sentence.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button = QPushButton(_("Request a training…"))
        self.button.setObjectName("request_training")
        self.pending = QLabel(pending)
        self.pending.setObjectName("gap_pending")
        self.pending.setWordWrap(True)
        self.pending.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.pending.setVisible(bool(pending))
        trainee = gap.trainee
        if trainee is not None and pending:
            self.button.setEnabled(False)
            self.button.setToolTip(pending)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(2)
        text.addWidget(self.sentence)
        text.addWidget(self.pending)
        # The sentence takes the panel's width, the button under it: a narrow panel beside
        # the matrix still shows both whole.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 6)
        layout.setSpacing(4)
        layout.addLayout(text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.clicked.emit()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space on a gap reached with Tab: as a click."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class SkillsRisksPanel(QWidget):
    """The risks and gaps of the workspace's skills map, by kind, each with its request."""

    skill_chosen = Signal(str)
    """The id of the skill of the gap clicked (the matrix shows it)."""
    requested = Signal(str)
    """The employee number a training was just requested for."""

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """``deferred``: filled on the event loop's next turn after being asked to (the
        skills page asks once its matrix is painted: the matrix shows at once, the gaps
        a moment later), not at once."""
        super().__init__(parent)
        self.setObjectName("skills_risks")
        self.deferred = deferred
        self._pending = False
        self._computed: tuple[int, date] | None = None
        # A gap reached with Tab (or clicked) shows it has the focus.
        self.setStyleSheet(
            "QFrame#gap_row { border: 1px solid transparent; border-radius: 3px; }"
            "QFrame#gap_row:focus { border: 1px solid palette(highlight); }"
        )
        self.workspace = workspace
        self.gaps: list[Gap] = []
        """Every gap of the company; ``shown``: those of the site and department chosen."""
        self.shown: list[Gap] = []
        self._scope = ("", "")
        self.rows: list[_GapRow] = []
        self.dialog: RequestTrainingDialog | None = None
        self._stale = True
        self.summary = QLabel()
        self.summary.setObjectName("risks_summary")
        self.summary.setWordWrap(True)
        self._content = QWidget()
        self._list = QVBoxLayout(self._content)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        listener = self._workspace_changed
        workspace.add_listener(listener)
        self.destroyed.connect(lambda *_args: workspace.remove_listener(listener))
        if not deferred:
            self.refresh()

    # -- reading ------------------------------------------------------------------------
    def _workspace_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._update()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and not self.deferred:
            self.refresh()
        super().showEvent(event)

    def _update(self) -> None:
        """Refresh now, or (deferred) on the event loop's next turn, once however many
        times it is asked meanwhile."""
        if not self.deferred:
            self.refresh()
            return
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._deferred_refresh)

    def _deferred_refresh(self) -> None:
        self._pending = False
        self.refresh()

    def fill_soon(self) -> None:
        """Fill the panel on the event loop's next turn if it is out of date."""
        if self._stale:
            self._update()

    def refresh(self) -> None:
        """List the gaps, computed again only when the company or the day changed since
        (a change of scope lists the same gaps again)."""
        self._stale = False
        company = self.workspace.company
        today = self.workspace.today()
        key = (self.workspace.version, today)
        if key != self._computed:
            self.gaps = skill_gaps(company, today) if company is not None else []
            self._computed = key
        pending = _pending_names(company.employees if company is not None else ())
        focused = self._focused_gap()
        while self._list.count():
            item = self._list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        self.shown = [gap for gap in self.gaps if gap_concerns(gap, *self._scope)]
        for kind, gaps in gaps_by_kind(self.shown).items():
            heading = QLabel(
                _("{kind} ({count})").format(kind=gap_kind_label(kind), count=len(gaps))
            )
            heading.setObjectName("gap_kind")
            heading.setWordWrap(True)  # a long heading in a narrow panel: on two lines
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setContentsMargins(0, 8, 0, 2)
            self._list.addWidget(heading)
            for gap in gaps[:SHOWN_PER_KIND]:
                row = _GapRow(gap, _pending_text(gap, pending))
                row.clicked.connect(lambda skill=gap.skill.id: self.skill_chosen.emit(skill))
                row.button.clicked.connect(lambda _checked=False, g=gap: self._request_clicked(g))
                self._list.addWidget(row)
                self.rows.append(row)
            if len(gaps) > SHOWN_PER_KIND:
                more = len(gaps) - SHOWN_PER_KIND
                self._list.addWidget(
                    QLabel(
                        ngettext("… and {count} more", "… and {count} more", more).format(
                            count=format_number(more)
                        )
                    )
                )
        self._list.addStretch(1)
        if focused is not None:
            self._focus_again(*focused)
        self.summary.setText(
            ngettext(
                "{count} risk or gap in the skills map.",
                "{count} risks or gaps in the skills map.",
                len(self.shown),
            ).format(count=format_number(len(self.shown)))
            if self.shown
            else _("No risk or gap in the skills map.")
        )

    def _focused_gap(self) -> tuple[tuple[str, str, tuple[str, ...], str, str], bool] | None:
        """The gap whose row (or its button) has the keyboard focus, and whether it is the
        button: the rows are built again, and the focus must not be lost with them."""
        # The window's own focus widget: it is kept while a dialog over it is active.
        focus = self.window().focusWidget() or QApplication.focusWidget()
        for row in self.rows:
            if focus is row or focus is row.button:
                return row.gap.key, focus is row.button
        return None

    def _focus_again(self, key: tuple[str, str, tuple[str, ...], str, str], button: bool) -> None:
        """Give the focus back to the same gap's row (its button if it had it), else to the
        first row, else to the panel."""
        for row in self.rows:
            if row.gap.key == key:
                (row.button if button and row.button.isEnabled() else row).setFocus()
                return
        (self.rows[0] if self.rows else self).setFocus()

    def set_scope(self, site: str = "", department: str = "") -> None:
        """Show the gaps of ``site`` and ``department`` only (empty: any), as the matrix
        beside the panel is filtered."""
        if (site, department) != self._scope:
            self._scope = (site, department)
            self._stale = True
            self._update()

    # -- requests -----------------------------------------------------------------------
    def _request_clicked(self, gap: Gap) -> None:
        # A slot returns nothing (tests/test_architecture.py).
        self.request_for(gap)

    def request_for(self, gap: Gap) -> RequestTrainingDialog:
        """Open the request of a training for ``gap`` (window-modal)."""
        dialog = RequestTrainingDialog(self.workspace, gap, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.requested.emit(dialog.employee_combo.currentData()))
        self.dialog = dialog
        dialog.open()
        return dialog


def _pending_names(employees: Iterable[Employee]) -> dict[str, list[tuple[str, str]]]:
    """Skill id -> (employee number, name) of each employee with a training pending in it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for employee in employees:
        for skill in dict.fromkeys(r.skill for r in pending_requests(employee)):
            found.setdefault(skill, []).append((employee.ref, employee.full_name))
    return found


def _pending_text(gap: Gap, pending: dict[str, list[tuple[str, str]]]) -> str:
    """What is already requested in the gap's skill: for its trainee, or for anyone."""
    trainee = gap.trainee
    names = [
        name for ref, name in pending.get(gap.skill.id, ()) if trainee is None or ref == trainee.ref
    ]
    if not names:
        return ""
    return _("Training requested for: {names}").format(names=", ".join(names))
