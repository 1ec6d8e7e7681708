"""Search by name (Enter goes to the appointment), the search model under the model
tester, the .ics export and the printed confirmation (to a PDF file)."""

from __future__ import annotations

import re
from pathlib import Path

from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from desk.domain.status import AppointmentStatus
from desk.services.appointments.calendar import search
from desk.services.appointments.confirmation import load_confirmation
from desk.services.database import open_database
from tests.ui.conftest import NOW
from ui.printing.confirmation import print_confirmation

MITTE = "bb-mitte"
SURNAME = "Petrenko"


def open_window(qtbot, make_window, url: str):
    window = make_window(url, office_id=MITTE, counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def open_search(qtbot, window, text: str):
    dialog = window.open_search()
    assert dialog is not None
    dialog.show()
    with qtbot.waitSignal(dialog.results_loaded, timeout=10_000):
        qtbot.keyClicks(dialog.field, text)
    return dialog


def a_booked_one(window):
    return next(r for r in window.model.rows if r.status == AppointmentStatus.BOOKED)


def test_search_by_surname_and_enter_shows_the_appointment(
    qtbot, make_window, qtmodeltester, demo_sqlite_url
):
    window = open_window(qtbot, make_window, demo_sqlite_url)
    db = open_database(demo_sqlite_url)
    try:
        expected = search(db, MITTE, SURNAME, NOW)
    finally:
        db.dispose()
    assert len(expected) > 1
    assert expected[0].starts_at >= NOW.replace(hour=0, minute=0)  # upcoming first
    # a hit on another day than the one shown: Enter has to change the day
    wanted = next(r for r in expected if r.starts_at.date() != NOW.date())

    dialog = open_search(qtbot, window, SURNAME)

    model = dialog.model
    assert [model.row_at(r).id for r in range(model.rowCount())] == [r.id for r in expected]
    assert all(SURNAME in model.row_at(r).citizen_name for r in range(model.rowCount()))
    assert dialog.results.currentIndex().row() == 0
    assert dialog.info.text().startswith(f"{len(expected)} Treffer")
    qtmodeltester.check(model)
    dialog.results.selectRow(expected.index(wanted))

    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    assert not dialog.isVisible()
    assert window.day == wanted.starts_at.date()
    assert window.selected is not None and window.selected.id == wanted.id
    if wanted.status != AppointmentStatus.CANCELLED:
        index = window.calendar_model.index_of(wanted.id)
        assert index.isValid() and window.calendar.currentIndex() == index


def test_search_for_a_booking_code_finds_just_that_one(qtbot, make_window, demo_sqlite_url):
    window = open_window(qtbot, make_window, demo_sqlite_url)
    wanted = a_booked_one(window)
    code = wanted.booking_code.lower().replace("-", "")  # as a citizen reads it out

    dialog = open_search(qtbot, window, code)

    assert [dialog.model.row_at(r).id for r in range(dialog.model.rowCount())] == [wanted.id]
    with qtbot.waitSignal(window.history_loaded, timeout=10_000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # the same day: just selected
    assert window.day == NOW.date()
    assert window.selected is not None and window.selected.id == wanted.id
    assert window.calendar.currentIndex() == window.calendar_model.index_of(wanted.id)


def test_ics_export_of_the_selected_appointment(qtbot, ops, make_window, demo_sqlite_url, tmp_path):
    window = open_window(qtbot, make_window, demo_sqlite_url)
    chosen = a_booked_one(window)
    assert window.select_appointment(chosen.id)
    assert window.ics_action.isEnabled()
    path = tmp_path / "t.ics"

    window.export_ics(path)
    qtbot.waitUntil(lambda: ops.pending == 0 and path.exists(), timeout=10_000)

    assert window.statusBar().currentMessage() == "Kalenderdatei gespeichert: t.ics"
    calendar = Calendar.from_ical(path.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{chosen.id}@buergerdesk.termin"
    assert event.decoded("DTSTART") == chosen.starts_at
    assert event.decoded("DTEND") == chosen.ends_at
    assert chosen.booking_code in str(event["DESCRIPTION"])
    assert "Bürgerbüro Mitte" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_printed_confirmation_is_a_pdf(qapp, demo_sqlite_url, tmp_path: Path):
    db = open_database(demo_sqlite_url)
    try:
        confirmation = load_confirmation(db, search(db, MITTE, SURNAME, NOW)[0].id)
    finally:
        db.dispose()
    output = tmp_path / "bestaetigung.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))

    print_confirmation(printer, confirmation, NOW)

    data = output.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 2_000
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1  # one page
    [box] = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)
    width, height = (float(v) for v in box.split()[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
