"""The booking dialog as a phone booking needs it, on a copy of the demo city: any day up
to the internal reach through the date field (keyboard only), the move-in date empty
until typed and taken as typed, the Frist in its own row, the code shown after booking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desk.domain.status import Channel
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.availability import INTERNAL_REACH_DAYS
from desk.services.appointments.booking import suggestions
from desk.services.database import open_database
from tests.ui.conftest import NOW
from tests.ui.test_booking_dialog import MITTE, appointments_named, open_dialog

NAME = "Erika Mustermann"  # typed key by key (QTest types ASCII only)
NEXT_WEEK = date(2024, 3, 27)  # NOW is Wednesday 2024-03-20


@pytest.fixture
def desk(qtbot, make_window, demo_sqlite_url, tmp_path):
    """The clerk's window at 1366×768 on a private copy of the demo city."""
    from tests.ui.lock_support import copy_demo

    window = make_window(copy_demo(demo_sqlite_url, tmp_path), office_id=MITTE, counter_number=1)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def url_of(window) -> str:
    return str(window.session.database.engine.url)


def test_a_phone_booking_next_week_by_keyboard_through_the_date_field(qtbot, desk):
    dialog = open_dialog(qtbot, desk, "personalausweis")
    assert dialog.day == NOW.date()  # the first day with a free slot: today
    day_edit = dialog.slots.day_edit
    assert day_edit.minimumDate() == QDate(2024, 3, 20)
    last = NOW.date() + timedelta(days=INTERNAL_REACH_DAYS)
    assert day_edit.maximumDate() == QDate(last.year, last.month, last.day)
    assert day_edit.displayFormat() == "dd.MM.yyyy" and day_edit.calendarPopup()
    qtbot.keyClicks(dialog.name_edit, NAME)
    dialog.phone_channel.setChecked(True)

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    dialog.phone_channel.setFocus()
    qtbot.keyClick(dialog.phone_channel, Qt.Key.Key_Tab)  # on to the date field
    assert dialog.focusWidget() is day_edit
    qtbot.keyClicks(day_edit, "27.03.2024")
    qtbot.waitUntil(
        lambda: (
            dialog.day == NEXT_WEEK
            and bool(dialog.offers)
            and dialog.offers[0].start.date() == NEXT_WEEK
        ),
        timeout=10_000,
    )
    assert "Mittwoch, 27. März 2024" in dialog.slots.caption.text()
    db = open_database(url_of(desk))
    try:  # every free start of that day, not the first few of all days
        every = suggestions(db, MITTE, "personalausweis", NOW, days=7, limit=0)
    finally:
        db.dispose()
    assert dialog.offers == [o for o in every if o.start.date() == NEXT_WEEK]
    qtbot.keyClick(day_edit, Qt.Key.Key_Return)  # on to the list
    assert dialog.focusWidget() is dialog.slot_list
    qtbot.keyClick(dialog.slot_list, Qt.Key.Key_Down)
    wanted = dialog.offers[1]
    assert dialog.chosen == wanted

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.slot_list, Qt.Key.Key_Return)  # Enter books

    booking = dialog.booking
    assert booking is not None and booking.start == wanted.start
    db = open_database(url_of(desk))
    try:
        [row] = [r for r in day_appointments(db, MITTE, NEXT_WEEK) if r.id == booking.id]
    finally:
        db.dispose()
    assert (row.citizen_name, row.channel, row.booking_code) == (NAME, Channel.PHONE, booking.code)
    notice = desk.clerk.booked_notice
    assert notice.code_label.text() == booking.code
    assert "Mittwoch, 27.03.2024" in notice.details.text()
    assert f"Schalter {booking.counter_number}" in notice.details.text()
    qtbot.mouseClick(notice.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == booking.code
    qtbot.waitUntil(lambda: desk.day == NEXT_WEEK, timeout=10_000)


def test_a_day_without_free_slots_says_so(qtbot, desk):
    dialog = open_dialog(qtbot, desk, "personalausweis")
    qtbot.keyClicks(dialog.name_edit, NAME)
    with qtbot.waitSignal(dialog.suggestions_loaded, timeout=10_000):
        dialog.slots.later.click()
    assert dialog.day == date(2024, 3, 21) and dialog.offers  # Thursday
    with qtbot.waitSignal(dialog.suggestions_loaded, timeout=10_000):
        dialog.slots.day_edit.setDate(QDate(2024, 3, 24))  # a Sunday
    assert dialog.offers == [] and dialog.chosen is None
    assert not dialog.slot_list.isEnabled()
    assert dialog.slot_list.item(0).text() == "An diesem Tag ist kein Termin frei."
    assert "Sonntag, 24. März 2024" in dialog.slots.caption.text()
    with qtbot.waitSignal(dialog.save_finished, timeout=10_000):
        dialog.save()
    assert dialog.message.text() == "Bitte einen freien Termin wählen."
    assert dialog.isVisible() and dialog.booking is None


def test_the_move_in_date_is_empty_until_typed_and_taken_as_typed(qtbot, desk):
    dialog = open_dialog(qtbot, desk, "anmeldung")
    assert dialog.move_in_edit.text() == "" and dialog.move_in is None
    assert dialog.frist() is None
    assert dialog.frist_label.text().startswith("Einzugsdatum eingeben")
    assert dialog.frist_label.property("warning") is False

    qtbot.keyClicks(dialog.move_in_edit, "01.03.2024")

    assert dialog.move_in_edit.text() == "01.03.2024"
    assert dialog.move_in == date(2024, 3, 1)
    check = dialog.frist()
    assert check is not None and check.deadline == date(2024, 3, 15) and check.within is False
    assert "15. März 2024" in dialog.frist_label.text()
    assert "In der Frist ist kein Termin mehr frei." in dialog.frist_label.text()

    dialog.move_in_edit.clear()
    qtbot.keyClicks(dialog.move_in_edit, "1.3.24")
    assert dialog.move_in == date(2024, 3, 1)

    dialog.move_in_edit.clear()
    qtbot.keyClicks(dialog.move_in_edit, "06.03.2024")  # the deadline is the first day
    check = dialog.frist()
    assert check is not None and check.deadline == NOW.date()
    assert check.within is True and dialog.frist_label.property("warning") is False


def test_a_move_in_date_that_is_no_date_is_marked_and_nothing_is_booked(qtbot, desk):
    dialog = open_dialog(qtbot, desk, "anmeldung")
    qtbot.keyClicks(dialog.name_edit, NAME)
    qtbot.keyClicks(dialog.move_in_edit, "31.02.2024abc")  # letters are not taken
    assert dialog.move_in_edit.text() == "31.02.2024"
    assert dialog.move_in is None

    with qtbot.waitSignal(dialog.save_finished, timeout=10_000):
        dialog.save()

    problem = dialog.problem_labels["move_in"]
    assert problem.isVisible()
    assert problem.text() == "Kein gültiges Datum – bitte als TT.MM.JJJJ eingeben."
    assert dialog.message.text() == "Bitte die markierten Felder prüfen."
    assert dialog.isVisible() and dialog.booking is None
    assert dialog.move_in_edit.text() == "31.02.2024" and dialog.name_edit.text() == NAME
    assert appointments_named(url_of(desk), NAME) == 0
    dialog.move_in_edit.setText("28.02.2024")
    assert not problem.isVisible()  # corrected: the mark goes


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("size", ["minimum", "default"])
def test_the_frist_warning_has_its_own_row_below_the_field(qtbot, desk, size):
    dialog = open_dialog(qtbot, desk, "anmeldung")
    qtbot.keyClicks(dialog.move_in_edit, "01.02.2024")  # long ago: the long warning
    assert "⚠" in dialog.frist_label.text()
    want = dialog.minimumSizeHint() if size == "minimum" else QSize(dialog.size())  # as opened
    assert want.width() <= 1366 and want.height() <= 768 - 60  # fits a 1366×768 screen
    dialog.resize(want)
    qtbot.wait(100)  # the layout settles (the warning asks for its height)

    field = rect_in(dialog.move_in_edit, dialog)
    warning = rect_in(dialog.frist_label, dialog)
    assert not field.intersects(warning)
    assert warning.top() >= field.bottom()
    assert warning.height() >= dialog.frist_label.heightForWidth(warning.width())  # not cut
    for other in (dialog.notes_edit, dialog.counter_channel, dialog.buttons, dialog.slot_list):
        assert not rect_in(other, dialog).intersects(warning), other
    assert dialog.rect().contains(warning)
