"""Reception (Empfang) in the walk-in hour: the ticket buttons are off outside Monday to
Friday 8:00–9:00, on holidays and with the day's contingent used up (the reason in
words); a pressed button issues one ticket, prints it without any name and the queue
shows it; appointment holders check in with their booking code.

The demo city is seeded at Wednesday 2024-03-20 10:30; on Thursday 2024-03-21 no ticket
has been issued yet and Bürgerbüro Mitte has booked appointments, so that day's walk-in
hour is fresh. Anything that writes works on a private copy of the demo database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import func, select, update

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, TicketReason, TicketStatus
from desk.services.appointments.agenda import AppointmentRow, day_appointments
from desk.services.database import DeskDatabase, open_database
from desk.services.walkin.queue import waiting_queue
from desk.store.models import Appointment, Office, Ticket
from desk.store.uow import UnitOfWork
from tests.ui.walkin_support import (
    FRESH_DAY,
    MITTE,
    MITTE_NAME,
    Clock,
    close_windows,
    copy_of,
    settle,
    started_window,
)
from ui.ops import Ops
from ui.views.main_window import MainWindow
from ui.views.reception_view import ReceptionView

IN_THE_HOUR = parse_now("2024-03-21T08:30")
HOUR_REASON = "Die Sprechstunde ohne Termin ist von 08:00 bis 09:00 Uhr"


@pytest.fixture
def demo_copy_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    return copy_of(demo_sqlite_url, tmp_path / "demo-copy.sqlite")


@pytest.fixture
def reception(
    ops: Ops, qtbot, db_of: Callable[[str], DeskDatabase]
) -> Iterator[Callable[..., tuple[ReceptionView, Clock]]]:
    """Factory: a shown ReceptionView of Mitte on ``url`` at ``now``, status loaded
    (closed here after the pending reads delivered, like the windows of window_at)."""
    views: list[ReceptionView] = []

    def make(
        url: str, now: datetime, printer: Callable[[], QPrinter | None] = lambda: None
    ) -> tuple[ReceptionView, Clock]:
        clock = Clock(now)
        view = ReceptionView(ops, clock, printer)
        views.append(view)
        view.show()
        with qtbot.waitSignal(view.status_loaded, timeout=10_000):
            view.set_office(db_of(url), MITTE, MITTE_NAME)
        view.timer.stop()  # only the view's own steps refresh: each wait sees its result
        return view, clock

    yield make
    for view in views:
        view.timer.stop()
    settle(qtbot, ops)
    for view in views:
        view.close()
        view.deleteLater()


@pytest.fixture
def window_at(ops: Ops, qtbot, settings: QSettings) -> Iterator[Callable[..., MainWindow]]:
    """Factory: a shown MainWindow on ``url`` at a fixed ``now`` (like make_window, which
    is fixed at 10:30), started, with reception and queue loaded.

    The windows are closed here, not by qtbot: first the refresh timers stop (closing
    the window leaves the panels' timers running) and every pending read delivers, so
    that no result arrives at a deleted widget."""
    windows: list[MainWindow] = []

    def make(url: str, now: datetime, counter: int = 2) -> MainWindow:
        window = started_window(
            ops, qtbot, settings, url, now, counter,
            lambda w: (w.reception.status_loaded, w.queue.loaded),
        )  # fmt: skip
        windows.append(window)
        return window

    yield make
    close_windows(qtbot, ops, windows)


def show_reception(window: MainWindow) -> None:
    """Bring the Empfang tab to the front (its page may wrap the view, e.g. to scroll)."""
    views = window.views
    [page] = [
        views.widget(i)
        for i in range(views.count())
        if views.widget(i) is window.reception or views.widget(i).isAncestorOf(window.reception)
    ]
    views.setCurrentWidget(page)
    assert window.reception.isVisible()


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    assert document.pageCount() == 1
    text = document.getAllText(0).text()
    document.close()
    return text


def tickets_of(db: DeskDatabase, day: date) -> list[Ticket]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(
            select(Ticket)
            .where(Ticket.office_id == MITTE, Ticket.service_day == day)
            .order_by(Ticket.number)
        ).all()
        uow.session.expunge_all()
        return list(rows)


def status_of(db: DeskDatabase, appointment: AppointmentRow) -> str:
    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalar(
            select(Appointment.status).where(Appointment.id == appointment.id)
        )
        assert found is not None
        return found


def assert_closed(view: ReceptionView, reason: str) -> None:
    assert reason in view.reason_label.text()
    assert view.reason_label.isVisible()
    for button in view.buttons.values():
        assert not button.isEnabled()
        assert reason in button.toolTip()


# ----------------------------------------------------------------- closed or open


@pytest.mark.parametrize(
    ("now", "reason"),
    [
        ("2024-03-21T07:59", HOUR_REASON),
        ("2024-03-21T09:00", HOUR_REASON),
        ("2024-03-23T08:30", "Die Sprechstunde ohne Termin ist Montag bis Freitag"),
        ("2024-03-29T08:30", "Heute keine Sprechstunde: Feiertag (Karfreitag)"),
        # the demo city issued Mitte's whole contingent of 20 on Tuesday 2024-03-19
        ("2024-03-19T08:30", "Das Tageskontingent von 20 Wartenummern ist ausgeschöpft"),
    ],
    ids=["7:59", "9:00", "saturday", "karfreitag", "quota-used-up"],
)
def test_buttons_are_off_with_the_reason_shown(reception, demo_sqlite_url, now, reason):
    view, _clock = reception(demo_sqlite_url, parse_now(now))  # reads only
    assert_closed(view, reason)
    assert len(view.buttons) == len(TicketReason)


def test_buttons_are_on_at_half_past_eight_on_a_weekday(reception, demo_sqlite_url):
    view, _clock = reception(demo_sqlite_url, IN_THE_HOUR)
    assert all(button.isEnabled() for button in view.buttons.values())
    assert view.reason_label.text() == ""
    assert not view.reason_label.isVisible()
    assert view.status_label.text() == (
        "Noch 20 von 20 Wartenummern heute · 0 warten · geschätzte Wartezeit etwa 0 min"
    )


def test_the_buttons_go_off_once_the_contingent_is_used_up(qtbot, reception, demo_copy_url, db_of):
    db = db_of(demo_copy_url)
    with UnitOfWork(db.engine) as uow:
        uow.session.execute(update(Office).where(Office.id == MITTE).values(walk_in_quota=2))
        uow.commit()
    view, clock = reception(demo_copy_url, IN_THE_HOUR)
    assert "Noch 2 von 2 Wartenummern heute" in view.status_label.text()
    for minute, left in ((31, 1), (32, 0)):
        clock.now = parse_now(f"2024-03-21T08:{minute}")
        button = view.buttons[TicketReason.OTHER]
        qtbot.waitUntil(button.isEnabled, timeout=10_000)
        with qtbot.waitSignal(view.issued, timeout=10_000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda left=left: f"Noch {left} von 2 Wartenummern" in view.status_label.text(),
            timeout=10_000,
        )
    assert_closed(view, "Das Tageskontingent von 2 Wartenummern ist ausgeschöpft")
    assert [t.code for t in tickets_of(db, FRESH_DAY)] == ["W-001", "W-002"]


def test_a_press_as_the_hour_ends_is_refused_with_the_reason(
    qtbot, reception, demo_copy_url, db_of
):
    view, clock = reception(demo_copy_url, parse_now("2024-03-21T08:59:59"))
    button = view.buttons[TicketReason.REGISTRATION]
    assert button.isEnabled()
    clock.now = parse_now("2024-03-21T09:00")  # the clerk was a moment too slow
    with qtbot.waitSignal(view.refused, timeout=10_000) as refused:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert refused.args == [f"Keine Wartenummer: {HOUR_REASON[0].lower()}{HOUR_REASON[1:]}"]
    qtbot.waitUntil(lambda: HOUR_REASON in view.reason_label.text(), timeout=10_000)
    assert_closed(view, HOUR_REASON)
    assert tickets_of(db_of(demo_copy_url), FRESH_DAY) == []


def test_one_press_issues_one_ticket(qtbot, ops, reception, demo_copy_url, db_of):
    printed: list[int] = []

    def no_printer() -> None:
        printed.append(1)

    view, _clock = reception(demo_copy_url, IN_THE_HOUR, no_printer)
    button = view.buttons[TicketReason.URGENT_DOCUMENT]
    with qtbot.waitSignal(view.issued, timeout=10_000) as issued:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second press at once
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=10_000)
    tickets = tickets_of(db_of(demo_copy_url), FRESH_DAY)
    assert [(t.code, t.reason) for t in tickets] == [("W-001", TicketReason.URGENT_DOCUMENT)]
    assert issued.args[0].code == "W-001"
    assert printed == [1]
    assert view.last_ticket.text() == "Zuletzt: W-001 (dringendes Dokument, 08:30 Uhr)"


# ------------------------------------------------------------------ issue and print


def test_a_pressed_button_issues_prints_and_queues_a_ticket(
    qtbot, window_at, settings, demo_copy_url, db_of, tmp_path
):
    folder = tmp_path / "tickets"
    settings.setValue("ticket_pdf_dir", str(folder))  # PDFs even where a printer exists
    window = window_at(demo_copy_url, IN_THE_HOUR)
    view = window.reception
    show_reception(window)
    assert "Noch 20 von 20 Wartenummern heute · 0 warten" in view.status_label.text()
    assert window.queue.entries == []

    with qtbot.waitSignal(view.issued, timeout=10_000) as issued:
        qtbot.mouseClick(view.buttons[TicketReason.REGISTRATION], Qt.MouseButton.LeftButton)
    info = issued.args[0]
    assert (info.code, info.number, info.reason) == ("W-001", 1, TicketReason.REGISTRATION)
    qtbot.waitUntil(lambda: "Noch 19 von 20" in view.status_label.text(), timeout=10_000)
    assert " · 1 warten · " in view.status_label.text()
    assert all(button.isEnabled() for button in view.buttons.values())

    db = db_of(demo_copy_url)
    [ticket] = tickets_of(db, FRESH_DAY)
    assert (ticket.id, ticket.status) == (info.id, TicketStatus.WAITING)
    queue = waiting_queue(db, MITTE, IN_THE_HOUR)
    assert [(e.kind, e.code) for e in queue] == [("ticket", "W-001")]

    # the counter's queue panel shows it by itself, at its next refresh
    window.queue.timer.setInterval(100)
    qtbot.waitUntil(lambda: [e.code for e in window.queue.entries] == ["W-001"], timeout=10_000)
    assert window.queue.entries == queue
    assert window.queue.summary.text() == "1 warten"
    assert window.queue.call_next_button.isEnabled()

    # the slip: number, office, time, reason and wait; no name at all
    [pdf] = list(folder.glob("*.pdf"))
    text = pdf_text(pdf)
    assert "W-001" in text
    assert MITTE_NAME in text
    assert "Anmeldung" in text
    assert "21.03.2024, 08:30 Uhr" in text
    assert f"etwa {queue[0].estimated_wait_minutes} Minuten" in text
    citizens = {a.citizen_name for a in day_appointments(db, MITTE, FRESH_DAY)}
    assert len(citizens) > 50
    parts = {part for name in citizens for part in name.replace("-", " ").split()}
    assert not [name for name in citizens if name in text]
    assert not [part for part in parts if part in text.split()]


def test_the_printer_factory_gets_the_slip(qtbot, reception, demo_copy_url, tmp_path):
    made: list[Path] = []

    def pdf_printer() -> QPrinter:
        made.append(tmp_path / f"slip-{len(made)}.pdf")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(made[-1]))
        return printer

    view, _clock = reception(demo_copy_url, IN_THE_HOUR, pdf_printer)
    with qtbot.waitSignal(view.issued, timeout=10_000):
        qtbot.mouseClick(view.buttons[TicketReason.LOST_OR_STOLEN], Qt.MouseButton.LeftButton)
    assert len(made) == 1
    text = pdf_text(made[0])
    assert "W-001" in text and MITTE_NAME in text and "Verlust/Diebstahl" in text


# ----------------------------------------------------------------------- check in


def booked_on_fresh_day(url: str) -> list[AppointmentRow]:
    db = open_database(url)
    try:
        rows = day_appointments(db, MITTE, FRESH_DAY)
    finally:
        db.dispose()
    booked = [r for r in rows if r.status == AppointmentStatus.BOOKED]
    assert booked, "the demo city has booked appointments on 2024-03-21"
    return booked


def test_check_in_by_booking_code_puts_the_appointment_in_the_queue(
    qtbot, window_at, demo_copy_url, db_of
):
    appointment = booked_on_fresh_day(demo_copy_url)[0]
    window = window_at(demo_copy_url, IN_THE_HOUR)
    view = window.reception
    show_reception(window)
    qtbot.keyClicks(view.code_edit, appointment.booking_code.lower())  # as typed
    with qtbot.waitSignal(view.checked_in, timeout=10_000) as checked_in:
        qtbot.keyClick(view.code_edit, Qt.Key.Key_Return)
    assert checked_in.args == [appointment.booking_code]
    assert view.check_in_message.text() == f"{appointment.booking_code} ist angemeldet."
    assert view.code_edit.text() == ""
    db = db_of(demo_copy_url)
    assert status_of(db, appointment) == AppointmentStatus.CHECKED_IN

    with qtbot.waitSignal(window.queue.loaded, timeout=10_000):
        window.queue.refresh()
    assert [(e.kind, e.code, e.id) for e in window.queue.entries] == [
        ("appointment", appointment.booking_code, appointment.id)
    ]
    assert window.queue.entries == waiting_queue(db, MITTE, IN_THE_HOUR)
    shown = window.queue.waiting.item(0).text()
    assert appointment.booking_code in shown and appointment.citizen_name not in shown

    # the same code again: refused with the reason, nothing changes
    qtbot.keyClicks(view.code_edit, appointment.booking_code)
    with qtbot.waitSignal(view.refused, timeout=10_000) as refused:
        qtbot.mouseClick(view.check_in_button, Qt.MouseButton.LeftButton)
    assert refused.args[0] and refused.args[0] == view.check_in_message.text()
    assert status_of(db, appointment) == AppointmentStatus.CHECKED_IN


def checked_in_count(db: DeskDatabase) -> int:
    with UnitOfWork(db.engine) as uow:
        return (
            uow.session.scalar(
                select(func.count())
                .select_from(Appointment)
                .where(Appointment.status == AppointmentStatus.CHECKED_IN)
            )
            or 0
        )


def test_an_unknown_code_is_refused_with_a_message(qtbot, reception, demo_copy_url, db_of):
    before = checked_in_count(db_of(demo_copy_url))
    view, _clock = reception(demo_copy_url, IN_THE_HOUR)
    with qtbot.assertNotEmitted(view.checked_in):
        qtbot.keyClicks(view.code_edit, "ZZZZ-ZZZZ")
        with qtbot.waitSignal(view.refused, timeout=10_000) as refused:
            view.check_in()
        message = "Keinen Termin mit der Buchungsnummer ZZZZ-ZZZZ gefunden"
        assert refused.args == [message]
        assert view.check_in_message.text() == message

        # a booking code of another day is not checked in today
        later = next(
            r for r in day_appointments(db_of(demo_copy_url), MITTE, date(2024, 3, 22))
            if r.status == AppointmentStatus.BOOKED
        )  # fmt: skip
        view.code_edit.setText(later.booking_code)
        with qtbot.waitSignal(view.refused, timeout=10_000) as refused:
            view.check_in()
        assert refused.args == [
            f"Keinen Termin heute mit der Buchungsnummer {later.booking_code} gefunden"
        ]
        assert status_of(db_of(demo_copy_url), later) == AppointmentStatus.BOOKED

        # nothing typed: asked for the code, nothing runs
        view.code_edit.clear()
        with qtbot.assertNotEmitted(view.refused):
            view.check_in()
        assert view.check_in_message.text() == "Bitte die Buchungsnummer eingeben."
    assert checked_in_count(db_of(demo_copy_url)) == before
