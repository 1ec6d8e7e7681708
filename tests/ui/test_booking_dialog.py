"""The booking dialog on a copy of the demo city: field messages, a slot taken meanwhile,
a successful booking, and the Anmeldefrist warning."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from desk.domain.errors import BookingRefused
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.booking import book
from desk.services.database import open_database
from desk.store.models import Appointment
from desk.store.uow import UnitOfWork
from tests.ui.conftest import NOW

MITTE = "bb-mitte"
NAME = "Erika Mustermann-Öztürk"


@pytest.fixture
def demo_copy_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the seeded demo city (SQLite's backup API also takes what is
    still in a -wal file), so the session's demo database stays untouched."""
    source = demo_sqlite_url.removeprefix("sqlite:///")
    target = tmp_path / "demo-copy.sqlite"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


@pytest.fixture
def window(qtbot, make_window, demo_copy_url):
    window = make_window(demo_copy_url, office_id=MITTE, counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def open_dialog(qtbot, window, service: str):
    """The booking dialog, shown, with the service's suggestions loaded."""
    dialog = window.open_booking()
    assert dialog is not None
    dialog.show()
    qtbot.waitUntil(lambda: dialog.service_box.count() > 0, timeout=10_000)
    if dialog.service_id != service:
        with qtbot.waitSignal(dialog.suggestions_loaded, timeout=10_000):
            dialog.select_service(service)
    else:
        qtbot.waitUntil(lambda: bool(dialog.offers), timeout=10_000)
    assert dialog.service_id == service
    assert dialog.offers, "the demo city has free slots"
    return dialog


def appointments_named(url: str, name: str) -> int:
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            query = select(func.count()).where(Appointment.citizen_name == name)
            return int(uow.session.scalar(query) or 0)
    finally:
        db.dispose()


def save(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.save_finished, timeout=10_000):
        dialog.save()


def problem(dialog, field: str) -> str | None:
    """The message shown next to a field (None when hidden)."""
    label = dialog.problem_labels[field]
    return label.text() if label.isVisible() else None


# -------------------------------------------------------------- bad input


def test_bad_input_stays_in_the_dialog_with_a_message_at_the_field(qtbot, window, demo_copy_url):
    dialog = open_dialog(qtbot, window, "abholung")
    qtbot.keyClicks(dialog.email_edit, "erika@example")  # no top-level domain
    qtbot.keyClicks(dialog.phone_edit, "0345 123456")
    save(qtbot, dialog)

    assert problem(dialog, "name") == "Bitte den Namen angeben."
    assert problem(dialog, "email") == "Keine gültige E-Mail-Adresse (z. B. name@beispiel.de)."
    assert problem(dialog, "phone") is None
    assert problem(dialog, "notes") is None
    assert dialog.message.text() == "Bitte die markierten Felder prüfen."
    assert dialog.isVisible() and dialog.booking is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.email_edit.text() == "erika@example"  # nothing typed is lost

    # the name given, the e-mail still wrong: only the e-mail is marked
    dialog.name_edit.insert(NAME)  # QTest types ASCII only
    save(qtbot, dialog)
    assert problem(dialog, "name") is None
    assert problem(dialog, "email") is not None
    assert dialog.isVisible() and dialog.booking is None
    assert appointments_named(demo_copy_url, NAME) == 0


# -------------------------------------------------------------- taken meanwhile


def test_a_slot_taken_meanwhile_keeps_the_dialog_open_with_new_suggestions(
    qtbot, window, demo_copy_url
):
    dialog = open_dialog(qtbot, window, "personalausweis")
    dialog.name_edit.insert(NAME)  # QTest types ASCII only
    chosen = dialog.chosen
    assert chosen is not None and chosen == dialog.offers[0]
    taken = chosen.start

    # another desk books every counter at that start before the clerk saves
    other = open_database(demo_copy_url)
    booked = 0
    try:
        while booked < 20:
            book(
                other, MITTE, "personalausweis", taken, "Schneller Bürger", NOW,
                channel=Channel.PHONE,
            )  # fmt: skip
            booked += 1
    except BookingRefused as refused:
        assert "vergeben" in str(refused)
    finally:
        other.dispose()
    assert 1 <= booked < 20

    with qtbot.waitSignals([dialog.save_finished, dialog.suggestions_loaded], timeout=10_000):
        dialog.save()

    assert dialog.isVisible() and dialog.booking is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    message = dialog.message.text()
    assert message.startswith("Nicht gebucht:")
    assert "vergeben" in message and f"{taken:%d.%m.%Y %H:%M}" in message
    assert "anderen Termin" in message
    assert dialog.name_edit.text() == NAME
    assert dialog.offers, "new suggestions"
    assert taken not in {o.start for o in dialog.offers}
    assert dialog.chosen == dialog.offers[0] and dialog.chosen.start > taken
    assert dialog.slot_list.isEnabled()
    assert appointments_named(demo_copy_url, NAME) == 0


# -------------------------------------------------------------- success


def test_a_booking_closes_the_dialog_and_is_stored(qtbot, window, demo_copy_url):
    dialog = open_dialog(qtbot, window, "abholung")
    dialog.name_edit.insert(NAME)  # QTest types ASCII only
    qtbot.keyClicks(dialog.email_edit, "erika@example.org")
    dialog.phone_channel.setChecked(True)
    # the next day chosen first, then not its preselected slot
    show_day(qtbot, dialog, NOW.date() + timedelta(days=1))
    offer = next(o for o in dialog.offers[1:] if o.start.date() > NOW.date())
    assert dialog.choose(offer.start) and dialog.chosen is not None
    assert dialog.chosen.start == offer.start

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    booking = dialog.booking
    assert booking is not None
    assert (booking.start, booking.citizen_name, booking.service_id) == (
        offer.start,
        NAME,
        "abholung",
    )
    assert booking.counter_number == dialog.chosen.counter_number  # the counter it listed
    db = open_database(demo_copy_url)
    try:
        rows = [r for r in day_appointments(db, MITTE, offer.start.date()) if r.id == booking.id]
    finally:
        db.dispose()
    [row] = rows
    assert (row.starts_at, row.citizen_name, row.status, row.channel) == (
        offer.start,
        NAME,
        AppointmentStatus.BOOKED,
        Channel.PHONE,
    )
    assert row.booking_code == booking.code
    # the window goes to the new appointment's day and selects it, and says what was booked
    qtbot.waitUntil(
        lambda: window.selected is not None and window.selected.id == booking.id, timeout=10_000
    )
    assert window.day == offer.start.date()
    assert window.calendar.currentIndex() == window.calendar_model.index_of(booking.id)
    assert window.statusBar().currentMessage() == (
        f"Gebucht: {booking.code} am {offer.start:%d.%m.%Y um %H:%M} ({NAME})"
    )
    # and the code stands large in a notice that stays until closed
    notice = window.clerk.booked_notice
    assert notice.code_label.text() == booking.code
    assert NAME in notice.details.text() and f"{offer.start:%H:%M}" in notice.details.text()


# -------------------------------------------------------------- Anmeldefrist


def set_move_in(dialog, day: date) -> None:
    dialog.move_in_edit.setText(f"{day:%d.%m.%Y}")


def show_day(qtbot, dialog, day: date) -> None:
    """Choose a day in the dialog's date field; its free slots are listed."""
    with qtbot.waitSignal(dialog.suggestions_loaded, timeout=10_000):
        dialog.slots.day_edit.setDate(QDate(day.year, day.month, day.day))
    assert dialog.day == day


def test_anmeldefrist_warns_about_a_late_slot_and_finds_one_in_time(qtbot, window):
    dialog = open_dialog(qtbot, window, "anmeldung")
    assert dialog.move_in_edit.isVisible() and dialog.frist_label.isVisible()
    first_day = dialog.day  # the first day with a free slot
    assert {o.start.date() for o in dialog.offers} == {first_day}
    show_day(qtbot, dialog, first_day + timedelta(days=7))  # a week later
    late_day = dialog.day
    assert dialog.offers, "the demo city has free slots a week later"
    move_in = date.fromordinal(first_day.toordinal() - 14)  # deadline: the first day
    late: datetime = next(o.start for o in dialog.offers if o.start.date() == late_day)

    set_move_in(dialog, move_in)
    assert dialog.choose(late)
    check = dialog.frist()
    assert check is not None and check.deadline == first_day and check.within is False
    text = dialog.frist_label.text()
    assert "⚠ Der gewählte Termin liegt nach der Frist." in text
    assert f"{first_day.day}. März {first_day.year}" in text
    assert dialog.frist_label.property("warning") is True
    assert dialog.earliest_button.isVisible()

    with qtbot.waitSignal(dialog.suggestions_loaded, timeout=10_000):  # its day listed
        qtbot.mouseClick(dialog.earliest_button, Qt.MouseButton.LeftButton)

    chosen = dialog.chosen
    assert chosen is not None and chosen.start.date() <= check.deadline
    assert chosen.start == min(o.start for o in dialog.offers if o.start.date() <= first_day)
    assert dialog.frist().within is True
    assert "⚠" not in dialog.frist_label.text()
    assert dialog.frist_label.property("warning") is False
    assert not dialog.earliest_button.isVisible()

    # moved in long ago: late whatever is chosen, and nothing to jump to
    set_move_in(dialog, date(2024, 1, 2))
    assert "In der Frist ist kein Termin mehr frei." in dialog.frist_label.text()
    assert not dialog.earliest_button.isVisible()

    # another service: no move-in date, no Frist
    with qtbot.waitSignal(dialog.suggestions_loaded, timeout=10_000):
        dialog.select_service("abholung")
    assert not dialog.move_in_edit.isVisible() and not dialog.frist_label.isVisible()
    assert not dialog.earliest_button.isVisible()
    assert dialog.frist() is None
