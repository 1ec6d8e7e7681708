"""Refusals in the UI's language: every code of desk has a UI template (and no template
lacks a code), the German UI words a refusal exactly as desk does, the English UI in
English; the dialogs show a refusal's words and log an unexpected error's traceback."""

from __future__ import annotations

import logging
import sqlite3
import string
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desk.domain.errors import BookingRefused, RequestRefused
from desk.domain.localtime import BERLIN
from desk.domain.refusals import GERMAN
from desk.domain.status import Channel
from desk.services.appointments.booking import book
from desk.services.database import open_database
from desk.services.offices import get_office
from tests.ui.conftest import NOW
from tests.ui.test_booking_dialog import MITTE, NAME, open_dialog
from tests.ui.test_translations import messages
from ui import i18n
from ui.dialogs.login_dialog import LoginDialog
from ui.dialogs.search_dialog import SearchDialog
from ui.failures import failure_text
from ui.refusals import TEMPLATES, refusal_text

SAMPLES = {
    "date": "2024-03-18",
    "datetime": "2024-03-18T10:00:00+01:00",
    "time": "2024-03-18T10:00:00+01:00",
    "status": "booked",
    "word": "Telefon",
}


def sample_params(template: str) -> dict[str, str]:
    """A value for each field of a template, as its format spec wants it."""
    fields = string.Formatter().parse(template)
    return {name: SAMPLES.get(spec or "", "7") for _text, name, spec, _c in fields if name}


@pytest.fixture
def city_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the seeded demo city (this module breaks and books in it)."""
    target = tmp_path / "city.sqlite"
    source = demo_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


@pytest.fixture
def counter(qtbot, make_window, city_url):
    """The main window of counter 1 in bb-mitte, its day loaded."""
    window = make_window(city_url, office_id=MITTE, counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def break_table(url: str, table: str) -> None:
    """Rename a table under the running app: its next query fails unexpectedly."""
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_gone")


def test_every_code_has_a_ui_template_and_every_template_a_code():
    assert set(TEMPLATES) - set(GERMAN) == set()
    assert set(GERMAN) - set(TEMPLATES) == set()
    assert {c: t for c, t in TEMPLATES.items() if t != GERMAN[c]} == {}


def test_the_german_ui_words_every_refusal_as_desk_does(qapp):
    for code, template in GERMAN.items():
        refused = RequestRefused.of(code, **sample_params(template))
        assert refusal_text(refused) == str(refused), code
        assert failure_text(refused, logging.getLogger(__name__), "unused") == str(refused)


def test_the_english_catalogue_has_every_refusal_with_its_fields(qapp):
    """Every template is in the catalogue (lupdate misses a string it cannot read, e.g.
    one in parentheses) and its English names the same fields."""
    catalogue = {
        source: english for context, source, english in messages() if context == "Refusals"
    }
    assert sorted(c for c, t in TEMPLATES.items() if t not in catalogue) == []
    fields = string.Formatter()
    for code, template in TEMPLATES.items():
        named = {f for _, f, _, _ in fields.parse(catalogue[template]) if f}
        assert named == {f for _, f, _, _ in fields.parse(template) if f}, code


def test_without_a_known_code_desks_words_and_an_unexpected_error_is_logged(qapp, caplog):
    log = logging.getLogger(__name__)
    assert failure_text(RequestRefused("Nur so"), log, "x") == "Nur so"
    assert failure_text(RequestRefused("Anders", code="unbekannt"), log, "x") == "Anders"
    with caplog.at_level(logging.ERROR):
        shown = failure_text(KeyError("k"), log, "lookup failed", "Fehler ({0})")
    assert shown == "Fehler (KeyError)"
    assert [(r.message, r.exc_info[0]) for r in caplog.records if r.exc_info] == [
        ("lookup failed", KeyError)
    ]


def test_the_english_ui_shows_an_english_refusal_for_a_taken_slot(qtbot, counter, city_url):
    dialog = open_dialog(qtbot, counter, "personalausweis")
    dialog.name_edit.insert(NAME)
    taken = dialog.chosen.start
    other = open_database(city_url)
    try:
        for _ in range(20):  # every counter at that start, by another desk
            book(other, MITTE, "personalausweis", taken, "Schneller Bürger", NOW,
                 channel=Channel.PHONE)  # fmt: skip
    except BookingRefused:
        pass
    finally:
        other.dispose()
    installed = i18n.install(QCoreApplication.instance(), "en")
    try:
        with qtbot.waitSignals([dialog.save_finished, dialog.suggestions_loaded], timeout=10_000):
            dialog.save()
        message = dialog.message.text()
    finally:
        i18n.remove(QCoreApplication.instance(), installed)
        i18n.install(QCoreApplication.instance(), "de")
    assert message.startswith("Not booked: the appointment at "), message
    assert f"{taken.astimezone(BERLIN):%H:%M} is already taken." in message
    assert message.endswith("Please choose another slot.")


def test_the_booking_dialog_logs_an_unexpected_error(qtbot, counter, city_url, caplog):
    dialog = open_dialog(qtbot, counter, "personalausweis")
    dialog.name_edit.insert(NAME)
    break_table(city_url, "slot_hold")
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(dialog.save_finished, timeout=10_000):
        dialog.save()
    assert dialog.message.text().startswith("Nicht gebucht: unerwarteter Fehler (")
    assert dialog.message.text().endswith("). Bitte erneut versuchen.")
    assert [r.message for r in caplog.records if r.exc_info][:1] == ["booking failed"]


def test_the_search_dialog_logs_an_unexpected_error(qtbot, ops, city_url, caplog):
    db = open_database(city_url)
    try:
        dialog = SearchDialog(ops, db, get_office(db, MITTE))
        qtbot.addWidget(dialog)
        break_table(city_url, "appointment")
        dialog.field.setText("Muster")
        with caplog.at_level(logging.ERROR):
            dialog.run_search()
            qtbot.waitUntil(lambda: "fehlgeschlagen" in dialog.info.text(), timeout=10_000)
    finally:
        db.dispose()
    assert dialog.info.text().startswith("Die Suche ist fehlgeschlagen (")
    assert [r.message for r in caplog.records if r.exc_info] == ["search failed"]


def test_the_sign_in_dialog_shows_the_refusal_and_logs_an_unexpected_error(
    qtbot, ops, city_url, caplog
):
    def broken(_db, _name: str, _password: str):
        raise RuntimeError("kaputt")

    db = open_database(city_url)
    try:
        dialog = LoginDialog(ops, db)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("sb.mitte1")
        dialog.password_edit.setText("falsch")
        with qtbot.waitSignal(dialog.checked, timeout=10_000):
            dialog.sign_in()
        assert dialog.message.text() == "Benutzername oder Passwort falsch"
        failing = LoginDialog(ops, db, authenticate=broken)
        qtbot.addWidget(failing)
        with caplog.at_level(logging.ERROR), qtbot.waitSignal(failing.checked, timeout=10_000):
            failing.sign_in()
    finally:
        db.dispose()
    assert failing.message.text() == "Anmeldung nicht möglich (RuntimeError)."
    assert [(r.message, r.exc_info[0]) for r in caplog.records if r.exc_info] == [
        ("sign-in failed", RuntimeError)
    ]
