"""Whom an interview template is for, in the template editor: the "Who it is for" tab
(``AppliesToEditor``) and the one-line summary shown in the list of templates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from entretien_desktop.domain import Contract, Employee
from entretien_desktop.domain.templates import AppliesTo
from entretien_desktop.i18n import _
from entretien_desktop.ui.dialogs.template_draft import TemplateDraft
from entretien_desktop.ui.dialogs.template_field_form import ID_ROLE
from entretien_desktop.ui.labels import contract_label

_APPLIES = ("jobs", "departments", "sites", "contracts")


def applies_summary(applies: AppliesTo) -> str:
    """Whom ``applies`` is for, in one line."""
    if applies.everyone:
        return _("For every employee")
    names = [*applies.jobs, *applies.departments, *applies.sites]
    names += [contract_label(Contract(c)) for c in applies.contracts if c in set(Contract)]
    return _("For: {names}").format(names=", ".join(names))


class AppliesToEditor(QWidget):
    """A list of ticks for each of jobs, departments, sites and contracts; every tick is
    written into the draft's ``applies_to`` at once, and ``edited`` says so."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft: TemplateDraft | None = None
        self._loading = False
        grid = QGridLayout(self)
        note = QLabel(
            _(
                "Tick whom this template is for; a list with nothing ticked does not restrict."
                " When several templates fit an employee, the closest fit is used."
            )
        )
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 4)
        self.lists: dict[str, QListWidget] = {}
        titles = (_("&Jobs"), _("De&partments"), _("S&ites"), _("Con&tracts"))
        for number, (key, title) in enumerate(zip(_APPLIES, titles, strict=True)):
            values = QListWidget()
            values.setObjectName(f"applies_{key}")
            values.itemChanged.connect(self._ticked)
            label = QLabel(title)
            label.setBuddy(values)
            self.lists[key] = values
            grid.addWidget(label, 1, number)
            grid.addWidget(values, 2, number)
        for number, stretch in enumerate((3, 2, 1, 2)):
            grid.setColumnStretch(number, stretch)

    def load(self, draft: TemplateDraft, employees: Sequence[Employee], *, editable: bool) -> None:
        """Tick what ``draft`` applies to, among the values the ``employees`` have."""
        self.draft = draft
        self._loading = True
        chosen = draft.applies_to
        present = {
            "jobs": {e.job_title for e in employees},
            "departments": {e.department for e in employees},
            "sites": {e.site for e in employees},
        }
        for key, values in self.lists.items():
            ticked = set(getattr(chosen, key))
            values.clear()
            if key == "contracts":
                pairs = [(contract_label(c), c.value) for c in Contract]
            else:
                pairs = [(v, v) for v in sorted((present[key] | ticked) - {""}, key=str.casefold)]
            for text, value in pairs:
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, value)
                item.setCheckState(
                    Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked
                )
                values.addItem(item)
            values.setEnabled(editable)
        self._loading = False

    def _ticked(self) -> None:
        if self._loading or self.draft is None:
            return
        ticked = {
            key: tuple(
                str(values.item(row).data(ID_ROLE))
                for row in range(values.count())
                if values.item(row).checkState() == Qt.CheckState.Checked
            )
            for key, values in self.lists.items()
        }
        self.draft.applies_to = AppliesTo(**ticked)
        self.edited.emit()
