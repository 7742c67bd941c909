"""The journal of changes: who changed what and when, newest first, for the whole file
(File › Journal of changes…) or for one employee (their page), with whether each entry
still follows from the one before (an entry altered outside the program breaks it)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.audit_trail import AuditEntry
from entretien_desktop.i18n import _, format_date, ngettext
from entretien_desktop.services.journal_check import check_journal, partial_notice
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme

FLAGGED = QColor(theme.ERROR)

COLUMNS = ("number", "when", "who", "what", "employees")


def _when(entry: AuditEntry) -> str:
    """The entry's time on this computer's clock."""
    try:
        moment = datetime.fromisoformat(entry.at).astimezone()
    except ValueError:
        return entry.at
    return f"{format_date(moment.date())} {moment:%H:%M}"


class JournalDialog(QDialog):
    def __init__(
        self, workspace: Workspace, employee_ref: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        check = check_journal(workspace)
        broken = check.broken
        entries = [e for e in check.entries if employee_ref is None or employee_ref in e.employees]
        if employee_ref is None:
            self.setWindowTitle(_("Journal of changes"))
        else:
            name = workspace.employee(employee_ref).full_name
            self.setWindowTitle(_("Journal of changes: {name}").format(name=name))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        if check.partial:  # a site manager on a server: only HR can verify the links
            self.status_label.setText(partial_notice(check))
        elif broken is None:
            self.status_label.setText(
                ngettext(
                    "{count} change recorded; each entry follows from the one before.",
                    "{count} changes recorded; each entry follows from the one before.",
                    len(entries),
                ).format(count=len(entries))
            )
        else:
            self.status_label.setText(
                _(
                    "The journal is broken at entry {seq}: an entry was changed, removed or "
                    "moved outside the program. The entries from there on prove nothing."
                ).format(seq=broken)
            )
            self.status_label.setStyleSheet(f"color: {FLAGGED.name()};")
        self.table = QTableWidget(len(entries), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [_("No."), _("When"), _("Who"), _("What"), _("Employees")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for row, entry in enumerate(reversed(entries)):  # newest first
            who = f"{entry.name} ({entry.user})" if entry.name else entry.user
            cells = (str(entry.seq), _when(entry), who, entry.action, ", ".join(entry.employees))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if broken is not None and entry.seq >= broken:
                    item.setForeground(FLAGGED)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("what"), QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(820, 480)
