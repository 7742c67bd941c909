"""File › Records past retention…: the employees who left longer ago than the privacy
notice says their records are kept, each with a box to tick, and their deletion for good
(services/retention.py) after a confirmation that says it cannot be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _, format_date, ngettext
from entretien_desktop.services import retention
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.privacy import retention_years
from entretien_desktop.services.workspace import Workspace

COLUMNS = ("name", "ref", "left", "kept_until", "interviews")


def _interviews(candidate: retention.PurgeCandidate) -> str:
    text = ngettext("{count} interview", "{count} interviews", candidate.interviews).format(
        count=candidate.interviews
    )
    if candidate.signed:
        signed = ngettext("{count} signed", "{count} signed", candidate.signed)
        text += f" ({signed.format(count=candidate.signed)})"
    return text


class PurgeDialog(QDialog):
    purged = Signal(int)
    """The number of employees deleted for good."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Records past retention"))
        company = workspace.require_company()
        years = retention_years(company.privacy)
        self.candidates = retention.purge_candidates(company, workspace.today())
        intro = ngettext(
            "The privacy notice tells employees that their records are kept for {years} year "
            "after they leave (the figure is set in the settings, under Personal data).",
            "The privacy notice tells employees that their records are kept for {years} years "
            "after they leave (the figure is set in the settings, under Personal data).",
            years,
        ).format(years=years)
        self.intro_label = QLabel(intro)
        self.intro_label.setWordWrap(True)
        self.table = self._table()
        self.table.itemChanged.connect(self._ticked)
        if self.candidates:
            status = ngettext(
                "{count} employee left longer ago: their records can be deleted.",
                "{count} employees left longer ago: their records can be deleted.",
                len(self.candidates),
            ).format(count=len(self.candidates))
        else:
            status = _("Nothing is past retention: there is nothing to delete.")
        self.status_label = QLabel(status)
        self.status_label.setObjectName("purge_status")
        self.status_label.setWordWrap(True)
        self.warning_label = QLabel(
            _(
                "Deleting is for good: the employee, their leaves, interviews (signed ones "
                "included), trainings and history, and what the journal of changes said about "
                "them are erased from this file. Undo cannot bring them back. Backups made "
                "before still hold them until they are replaced."
            )
        )
        self.warning_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.delete_button = QPushButton(_("Delete for good…"))
        self.delete_button.setObjectName("purge_delete")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.clicked.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning_label)
        if not self.candidates:
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.table.setVisible(bool(self.candidates))
        self.warning_label.setVisible(bool(self.candidates))
        self.delete_button.setVisible(bool(self.candidates))
        self._ticked()
        self.resize(760, 420 if self.candidates else 160)

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.candidates), len(COLUMNS))
        table.setObjectName("purge_table")
        table.setHorizontalHeaderLabels(
            [_("Employee"), _("No."), _("Left on"), _("Kept until"), _("Interviews")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        for row, c in enumerate(self.candidates):
            cells = (
                c.name,
                c.ref,
                format_date(c.exit_date),
                format_date(c.retention_end),
                _interviews(c),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def checked(self) -> list[str]:
        """The numbers of the employees ticked."""
        refs = []
        for row, c in enumerate(self.candidates):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                refs.append(c.ref)
        return refs

    def _ticked(self, _item: QTableWidgetItem | None = None) -> None:
        self.delete_button.setEnabled(bool(self.checked()))

    def _confirm(self) -> None:
        refs = self.checked()
        if not refs:
            return
        answer = QMessageBox.question(
            self,
            _("Delete for good"),
            ngettext(
                "Delete the records of {count} employee for good? This cannot be undone.",
                "Delete the records of {count} employees for good? This cannot be undone.",
                len(refs),
            ).format(count=len(refs)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(refs)

    def delete(self, refs: list[str]) -> None:
        """Delete ``refs`` for good; a refusal or a problem with the file is shown, and the
        dialog stays."""
        try:
            done = retention.purge(self.workspace, refs)
        except UserError as error:  # a refusal, or the file locked, read-only, full
            QMessageBox.warning(self, _("Delete for good"), error.user_message)
            return
        self.purged.emit(done.employees)
        self.accept()
