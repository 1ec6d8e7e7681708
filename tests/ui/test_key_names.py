"""Keys named in the UI's language: "Strg+F8", "Umschalt+F6", "Entf" in the German keys
help (F1) and the side panel's "Möglich:" line, "Ctrl+F8" in the English UI; the keys
help lists F9 (call the next person) and Strg+L (lock) as well."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from desk.domain.status import AppointmentStatus
from desk.domain.steps import Action
from desk.services.appointments.agenda import AppointmentRow
from tests.ui.conftest import NOW
from ui import i18n
from ui.views.appointment_panel import AppointmentPanel
from ui.views.window_actions import SHORTCUTS, key_text

ENGLISH_NAMES = ("Ctrl", "Shift", "Del", "PgUp")


@pytest.fixture
def language(qapp) -> Iterator[Callable[[str], None]]:
    """Switch the UI's language as the start does (Qt's and the app's catalogues)."""
    app = QApplication.instance()
    before = QLocale()
    installed: list = []

    def use(code: str) -> None:
        i18n.remove(app, installed)
        installed[:] = i18n.install(app, code)

    yield use
    i18n.remove(app, installed)
    QLocale.setDefault(before)


def test_key_text_names_keys_in_the_ui_language(language):
    language("de")
    assert key_text("Ctrl+F8") == "Strg+F8"
    assert key_text("Shift+F6") == "Umschalt+F6"
    assert key_text(QKeySequence("Del")) == "Entf"
    assert key_text("F9") == "F9"
    language("en")
    assert key_text("Ctrl+F8") == "Ctrl+F8"
    assert key_text("Shift+F6") == "Shift+F6"
    assert key_text("Del") == "Del"


def test_the_keys_help_is_german_and_lists_f9_and_the_lock(
    language, qtbot, make_window, demo_sqlite_url
):
    language("de")
    window = make_window(demo_sqlite_url, office_id="bb-mitte", counter_number=2)
    text = "\n".join(window.menus.shortcut_lines())
    for german in ("Strg+F8", "Umschalt+F6", "Entf  ", "F9  Nächste Person aufrufen", "Strg+L  "):
        assert german in text
    for english in ENGLISH_NAMES:
        assert english not in text


def test_the_keys_help_is_english_in_the_english_ui(language, qtbot, make_window, demo_sqlite_url):
    language("en")
    window = make_window(demo_sqlite_url, office_id="bb-mitte", counter_number=2)
    text = "\n".join(window.menus.shortcut_lines())
    for english in ("Ctrl+F8", "Shift+F6", "Del  ", "F9  ", "Ctrl+L  "):
        assert english in text
    for german in ("Strg", "Umschalt", "Entf"):
        assert german not in text


def possible_line(qtbot) -> str:
    """The panel's "Möglich:" line for a booked appointment, keys as the window sets them."""
    actions = {}
    for step in Action:
        action = QAction(step.name.title())
        if step in SHORTCUTS:
            action.setShortcut(QKeySequence(SHORTCUTS[step]))
        actions[step] = action
    panel = AppointmentPanel(actions)
    qtbot.addWidget(panel)
    row = AppointmentRow(
        uuid.uuid4(), NOW, NOW + timedelta(minutes=15), uuid.uuid4(), 2, "Schalter 2",
        "perso", "Personalausweis", "Erika Muster", AppointmentStatus.BOOKED, "online", "ABC-123",
    )  # fmt: skip
    panel.show_appointment(row)
    return panel.possible.text()


def test_the_possible_steps_name_keys_in_german(language, qtbot):
    language("de")
    line = possible_line(qtbot)
    assert line.startswith("Möglich:")
    assert "(Entf)" in line and "(F5)" in line
    assert "(Del)" not in line


def test_the_possible_steps_name_keys_in_english(language, qtbot):
    language("en")
    line = possible_line(qtbot)
    assert "(Del)" in line
    assert "(Entf)" not in line
