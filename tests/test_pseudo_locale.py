"""A pseudo-locale over every screen: every message the catalog translates comes back
stretched and bracketed (``[Sávé··]``), so any visible text outside brackets escaped
translation, and the test names it with its screen and widget.

The real window (``app.Session``) is opened on an empty file, which then gets the demo
company, and read screen by screen: the welcome page and its company form (refused once, to show
the problems), each page of the navigation, one employee's page, the menu bar, then the
main dialogs, shown without ``exec()``: new employee (refused once), existing employee,
leave, training, certification, progression, medical visit, interview record, plan an
interview, the interview wizard at every step of each planned interview and of a signed
one, the campaign dialog and the template editor (a built-in template, then a copy with a
field of each type chosen). Every tab of every screen is chosen in turn.

What is read, on visible widgets only: labels (markup removed), buttons and command links,
group boxes, placeholders, tooltips, spin box prefixes and suffixes, progress bars, tabs,
list and tree items, horizontal headers of item views, the menu bar's menus and actions,
window titles, and the items of combo boxes that choose a closed-list value (filters,
kinds). Cells of data tables and what the user typed are not read; Qt's own standard
buttons (OK, Cancel) are left to Qt's catalogs.

Once the bracketed messages are taken out of a text, what is left must be the company's
own data: its stored strings (names, numbers, jobs, campaign names, answers...), template
ids, the file's path, tokens with a digit (numbers, dates), month and day names (babel's),
keyboard shortcuts, punctuation, and the few names shown untranslated by design.
"""

from __future__ import annotations

import gettext
import html
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from functools import cache
from pathlib import Path

import pytest
from babel import Locale
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressBar,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from entretien_desktop import app, i18n
from entretien_desktop.domain import InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import FieldType, Template
from entretien_desktop.services.templates import built_in_templates
from entretien_desktop.ui.dialogs.campaign_dialog import CampaignDialog
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.dialogs.history_dialogs import (
    CertificationDialog,
    MedicalVisitDialog,
    ProgressionDialog,
    TrainingDialog,
)
from entretien_desktop.ui.dialogs.interview_record_dialog import InterviewRecordDialog
from entretien_desktop.ui.dialogs.leave_dialog import LeaveDialog
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog
from entretien_desktop.ui.dialogs.purge_dialog import PurgeDialog
from entretien_desktop.ui.dialogs.template_editor import TemplateEditor
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.main_window import APPLICATION_TITLE, MainWindow

pytestmark = pytest.mark.gui

REPORT_TIMEOUT = 20_000

# Texts shown untranslated today by files another change is rewriting, as (file, text
# exactly as shown). Each is a bug: remove its entry once the file wraps it in ``_()``.
KNOWN_ESCAPES: frozenset[tuple[str, str]] = frozenset()

# Shown untranslated on purpose: the program's name, and each language under its own name
# in the language picker (ui/labels.py).
BY_DESIGN = (APPLICATION_TITLE, "Français", "English", "Nederlands", "Norsk bokmål")

NAVIGATION = ("Dashboard", "Employees", "Interviews", "Campaigns", "Training plan", "Settings")
EMPLOYEE_SHOWN = "E012"


# -- the pseudo-locale -----------------------------------------------------------------------
_UNTOUCHED = re.compile(r"\{[^{}]*\}|<[^<>]*>|&(?:#\d+|[A-Za-z]+);|&.", re.DOTALL)
_ACCENTED = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")


def pseudo(message: str) -> str:
    """``"Save {name}"`` -> ``"[Sávé {name}····]"``: vowels accented, some 30 % longer,
    bracketed; placeholders, markup and the ``&`` of accelerators left as they are."""
    if not message:
        return message  # _("") is the catalog's header, not a message
    pieces: list[str] = []
    letters = 0
    position = 0
    for match in _UNTOUCHED.finditer(message):
        plain = message[position : match.start()]
        pieces += [plain.translate(_ACCENTED), match.group()]
        letters += len(plain)
        position = match.end()
    tail = message[position:]
    pieces.append(tail.translate(_ACCENTED))
    letters += len(tail)
    return "[" + "".join(pieces) + "·" * math.ceil(letters * 0.3) + "]"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def test_the_pseudo_form_keeps_placeholders_markup_and_accelerators() -> None:
    assert pseudo("&Save {name}") == "[&Sávé {name}··]"
    assert pseudo("<b>Due</b> on {date}") == "[<b>Dúé</b> ón {date}···]"
    assert pseudo("") == ""
    assert pseudo("Save {name}").format(name="Éloïse") == "[Sávé Éloïse··]"


@pytest.fixture
def pseudo_locale() -> Iterator[None]:
    i18n.set_language("en")
    real = i18n._state["translations"]
    i18n._state["translations"] = PseudoTranslations()
    yield
    i18n._state["translations"] = real


# -- reading a screen ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Seen:
    screen: str
    widget: str
    text: str

    def __str__(self) -> str:
        return f"{self.screen} › {self.widget} {self.text!r}"


_TAG = re.compile(r"<[^<>]*>")
_ENUM_LIKE = re.compile(r"[a-z][a-z0-9_]*")


def _name(widget: QWidget) -> str:
    name = widget.objectName()
    return type(widget).__name__ + (f"#{name}" if name and not name.startswith("qt_") else "")


@cache
def _qt_standard_text(button: QDialogButtonBox.StandardButton) -> str:
    """The text Qt itself gives a standard button (translated by Qt's own catalogs)."""
    box = QDialogButtonBox(button)
    text = box.button(button).text()
    box.deleteLater()
    return text


def _is_qt_standard(button: QAbstractButton) -> bool:
    """A standard button of a button box that kept the text Qt gave it."""
    box = button.parent()
    if not isinstance(box, QDialogButtonBox):
        return False
    standard = box.standardButton(button)
    return (
        standard != QDialogButtonBox.StandardButton.NoButton
        and button.text() == _qt_standard_text(standard)
    )


def _combo_texts(combo: QComboBox) -> Iterator[str]:
    """Items choosing a closed-list value (an enum, its value, ``""`` for "all")."""
    for index in range(combo.count()):
        data = combo.itemData(index)
        if isinstance(data, Enum) or (
            isinstance(data, str) and (data == "" or _ENUM_LIKE.fullmatch(data))
        ):
            yield combo.itemText(index)


def _tree_texts(tree: QTreeWidget) -> Iterator[str]:
    """Every column of every item shown (the employee's timeline, a template's parts)."""
    stack: list[QTreeWidgetItem] = [
        item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i))
    ]
    while stack:
        item = stack.pop()
        if not item.isHidden():
            yield from (item.text(column) for column in range(tree.columnCount()))
            stack.extend(c for n in range(item.childCount()) if (c := item.child(n)))


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:  # noqa: PLR0912
    name = _name(widget)
    if widget.isWindow():
        yield name + " (window title)", widget.windowTitle()
    if isinstance(widget, QLabel):
        yield name, html.unescape(_TAG.sub(" ", widget.text()))
    elif isinstance(widget, QAbstractButton):
        if not _is_qt_standard(widget):
            yield name, widget.text()
        if isinstance(widget, QCommandLinkButton):
            yield name + " (description)", widget.description()
    elif isinstance(widget, QGroupBox):
        yield name, widget.title()
    elif isinstance(widget, QLineEdit):
        yield name + " (placeholder)", widget.placeholderText()
    elif isinstance(widget, QProgressBar):
        yield name, widget.text()
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        yield name + " (prefix)", widget.prefix()
        yield name + " (suffix)", widget.suffix()
    elif isinstance(widget, QComboBox):
        for text in _combo_texts(widget):
            yield name + " (item)", text
    yield name + " (tooltip)", widget.toolTip()
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            if widget.isTabVisible(index):
                yield name + " (tab)", widget.tabText(index)
    elif isinstance(widget, QListWidget):
        for row in range(widget.count()):
            item = widget.item(row)
            if not item.isHidden():
                yield name + " (item)", item.text()
    elif isinstance(widget, QTreeWidget):
        for text in _tree_texts(widget):
            yield name + " (item)", text
    elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
        view = widget.parentWidget()
        owner = _name(view) if view is not None else name
        model = widget.model()
        for section in range(widget.count()):
            if model is not None and not widget.isSectionHidden(section):
                label = model.headerData(
                    section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
                )
                yield owner + " (header)", str(label or "")


def _visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in [root, *root.findChildren(QWidget)] if w.isVisible()]


def read_screen(
    root: QWidget, screen: str, found: list[Seen], done: set[QTabWidget] | None = None
) -> None:
    """Every visible text under ``root``; then the same again with each tab chosen."""
    QApplication.processEvents()
    done = set() if done is None else done
    widgets = _visible_widgets(root)
    for widget in widgets:
        for where, text in _widget_texts(widget):
            if text.strip():
                found.append(Seen(screen, where, text))
    for tabs in (w for w in widgets if isinstance(w, QTabWidget) and w not in done):
        done.add(tabs)
        chosen = tabs.currentIndex()
        for index in range(tabs.count()):
            if index != chosen and tabs.isTabVisible(index) and tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                read_screen(root, f"{screen} › tab {index + 1}", found, done)
        tabs.setCurrentIndex(chosen)


def read_menus(window: MainWindow, found: list[Seen]) -> None:
    def walk(actions: list[QAction], where: str) -> None:
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            found.append(Seen("Menu bar", where, action.text()))
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions(), f"{where} › QMenu {action.text()!r} › QAction")

    walk(window.menuBar().actions(), "QAction")


# -- deciding --------------------------------------------------------------------------------
def data_strings(value: object, found: set[str]) -> set[str]:
    """Every string stored in ``value`` (a company), and each line of it; enums are words
    of the program, not data, and are left out."""
    if isinstance(value, Enum):
        return found
    if isinstance(value, str):
        for text in (value, *value.splitlines()):
            if text.strip():
                found.add(text.strip())
    elif is_dataclass(value) and not isinstance(value, type):
        for each in fields(value):
            data_strings(getattr(value, each.name), found)
    elif isinstance(value, dict):
        for each in value.values():
            data_strings(each, found)
    elif isinstance(value, list | tuple | set | frozenset):
        for each in value:
            data_strings(each, found)
    return found


def template_ids(templates: Iterable[Template]) -> set[str]:
    """The ids of templates and their parts: the template editor shows a field's key."""
    ids: set[str] = set()
    for template in templates:
        ids |= {template.id, template.key}
        for section in template.sections:
            ids.add(section.id)
            for field in section.fields:
                ids.add(field.id)
                ids |= {choice.id for choice in field.choices}
                ids |= {column.id for column in field.columns}
                ids |= {choice.id for column in field.columns for choice in column.choices}
    return ids


def babel_words(language: str = "en") -> set[str]:
    """Month and day names, as babel writes them into dates."""
    locale = Locale.parse(language)
    words: set[str] = set()
    for names in (locale.months, locale.days):
        for context in names.values():
            for width in context.values():
                words.update(str(word).rstrip(".") for word in width.values())
    return words


_SHORTCUT = re.compile(r"\b(?:Ctrl|Shift|Alt|Meta)\+[\w+]+")
_WITH_DIGIT = re.compile(r"\S*\d\S*")
_BRACKETED = re.compile(r"\[[^\[\]]*\]")


class Judge:
    """Whether a text unbracketed is nothing but data (``allowed``)."""

    def __init__(self, data: set[str]) -> None:
        self.data = sorted(data | set(BY_DESIGN), key=len, reverse=True)
        self.words = re.compile(r"\b(?:" + "|".join(map(re.escape, babel_words())) + r")\b")
        self.known = {text for _file, text in KNOWN_ESCAPES}

    def allowed(self, text: str) -> bool:
        """Whether ``text`` holds nothing but catalog messages and data."""
        if text in self.known:
            return True
        rest, previous = text, ""
        while rest != previous:  # messages inside messages: the innermost first
            rest, previous = _BRACKETED.sub(" ", rest), rest
        rest = _SHORTCUT.sub(" ", rest)
        for value in (v for v in self.data if v in rest):
            rest = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", rest)
        rest = self.words.sub(" ", _WITH_DIGIT.sub(" ", rest))
        return not any(character.isalpha() for character in rest)


def test_the_judge_lets_data_dates_and_shortcuts_through() -> None:
    judge = Judge({"Menuiserie Duval SARL", "Marc Girard", "E008"})
    assert judge.allowed("Entretien Desktop — Menuiserie Duval SARL")
    assert judge.allowed("Marc Girard (E008) · 14 Mar 2026")
    assert judge.allowed("Ctrl+N")
    assert judge.allowed("[Sávé··]")
    assert not judge.allowed("Record exit…")
    assert not judge.allowed("Marc Girard left")
    assert judge.allowed("✓ [Cóntéxt···] · Marc Girard")
    assert not judge.allowed("[Dúé···]: overdue")


# -- the screens -----------------------------------------------------------------------------
@pytest.fixture
def session(tmp_path: Path, pseudo_locale: None) -> Iterator[app.Session]:
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    opened = app.Session(settings)
    yield opened
    if opened.window is not None:
        opened.window.close()
    opened.close()


def _show(qtbot: QtBot, dialog: QDialog) -> QDialog:
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _close(dialog: QDialog) -> None:
    """Close without asking: ``done`` skips the dialogs' own ``reject``."""
    dialog.done(QDialog.DialogCode.Rejected)
    dialog.deleteLater()


def read_dialogs(qtbot: QtBot, window: MainWindow, found: list[Seen]) -> None:
    workspace = window.workspace
    company = workspace.require_company()
    employee = workspace.employee(EMPLOYEE_SHOWN)

    new_employee = EmployeeDialog(workspace, None, window)
    read_screen(_show(qtbot, new_employee), "New employee dialog", found)
    new_employee.accept()  # no name typed: refused, and each problem said
    assert new_employee.isVisible()
    read_screen(new_employee, "New employee dialog › refused", found)
    _close(new_employee)

    today = workspace.today()
    for title, dialog in (
        ("Edit employee dialog", EmployeeDialog(workspace, employee, window)),
        ("Leave dialog", LeaveDialog(employee, company, today, None, window)),
        ("Training dialog", TrainingDialog(employee, company, today, None, window)),
        ("Certification dialog", CertificationDialog(employee, company, today, None, window)),
        ("Progression dialog", ProgressionDialog(employee, company, today, None, window)),
        ("Medical visit dialog", MedicalVisitDialog(employee, company, today, None, window)),
        ("Interview record dialog", InterviewRecordDialog(employee, company, today, None, window)),
        (
            "Plan interview dialog",
            PlanInterviewDialog(workspace, EMPLOYEE_SHOWN, InterviewKind.PROFESSIONAL, window),
        ),
        ("Campaign dialog", CampaignDialog(workspace, window)),
        ("Records past retention dialog", PurgeDialog(workspace, window)),
    ):
        read_screen(_show(qtbot, dialog), title, found)
        _close(dialog)

    planned = [
        (e.ref, i.id)
        for e in company.employees
        for i in e.interviews
        if i.status is InterviewStatus.PLANNED
    ]
    signed = next(
        (e.ref, i.id) for e in company.employees for i in e.interviews if i.signed_on is not None
    )
    assert planned
    for ref, interview_id in [*planned, signed]:
        wizard = InterviewWizard(workspace, ref, interview_id, window)
        _show(qtbot, wizard)
        for index in range(len(wizard.template.sections)):
            wizard.show_section(index)
            read_screen(wizard, f"Interview wizard ({interview_id}) › step {index + 1}", found)
        _close(wizard)

    editor = TemplateEditor(workspace, window)
    _show(qtbot, editor)
    read_screen(editor, "Template editor › built-in template", found)
    editor.copy_template()
    draft = editor.draft
    assert draft is not None
    places = [(0, -1)]  # the first section, then the first field of each type
    types_seen: set[FieldType] = set()
    for s_index, section in enumerate(draft.sections):
        for f_index, field in enumerate(section.fields):
            if field.type not in types_seen:
                types_seen.add(field.type)
                places.append((s_index, f_index))
    for place in places:
        editor.structure.select(place)
        read_screen(editor, f"Template editor › copy, part {place}", found)
    editor.dirty = False
    _close(editor)


def test_every_visible_text_went_through_the_catalog(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    found: list[Seen] = []
    window = session.open(tmp_path / "demo.sqlite")
    qtbot.waitExposed(window)
    read_screen(window, "Welcome page", found)
    welcome = window.pages.welcome
    welcome.show_create_form()
    read_screen(window, "Welcome page › company form", found)
    welcome.submit()  # no name typed: refused
    read_screen(window, "Welcome page › company form refused", found)
    welcome.show_choices()

    with qtbot.waitSignal(window.feed.report_ready, timeout=REPORT_TIMEOUT):
        window.pages.welcome.demo_button.click()
    for index, page in enumerate(NAVIGATION):
        window.show_page(index)
        read_screen(window, f"{page} page", found)
    window.show_employee(EMPLOYEE_SHOWN)
    read_screen(window, "Employee page", found)
    read_menus(window, found)
    read_dialogs(qtbot, window, found)

    read = {seen.screen.split(" › ")[0] for seen in found}
    assert {f"{page} page" for page in NAVIGATION} <= read, read

    company = window.workspace.require_company()
    path = window.workspace.path
    # Paths are data: the file's, its folder's and its backups' folder (Settings › Backups).
    data = data_strings(
        company, {str(path), path.name, str(path.parent), str(path.parent / "backups")}
    )
    judge = Judge(data | template_ids((*built_in_templates(), *company.templates)))
    escaped: dict[tuple[str, str], Seen] = {}
    for seen in found:
        if not judge.allowed(seen.text):
            escaped.setdefault((seen.widget, seen.text), seen)
    assert not escaped, "Texts shown without translation:\n" + "\n".join(map(str, escaped.values()))
