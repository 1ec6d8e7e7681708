"""The counter's queue panel: who waits in call order, F9 calls the head to the clerk's
counter, the ticket's steps reach the database, a parked ticket comes back at its old
place, an empty queue calls nobody, and twelve counters calling at once through the
panel's worker function get twelve different tickets.

The queue is made on a private copy of the demo city on Thursday 2024-03-21 (no ticket
issued yet): three tickets at 8:50–8:52 — W-003 for a lost document, called first — and
two appointments checked in at 8:53, starting at 9:00 (due from 8:55) and at 9:15.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import func, select, update

from desk.domain.audit import AuditAction
from desk.domain.errors import WalkInRefused
from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, TicketReason, TicketStatus
from desk.services.admin.auth import authenticate
from desk.services.appointments.agenda import AppointmentRow, day_appointments
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin.queue import waiting_queue
from desk.services.walkin.tickets import issue_ticket
from desk.store.models import Appointment, AuditEntry, Call, Counter, Office, Ticket
from desk.store.uow import UnitOfWork
from tests.sync.conftest import add_office
from tests.ui.walkin_support import (
    FRESH_DAY,
    MITTE,
    Clock,
    close_windows,
    copy_of,
    settle,
    started_window,
)
from ui.ops import Ops
from ui.views.main_window import MainWindow
from ui.views.person_words import press
from ui.views.queue_panel import QueuePanel, _call

COUNTER = 2
#: Due appointments (from 8:55 on) come before the tickets without priority.
AT = parse_now("2024-03-21T08:57")
#: Before the 9:00 appointment is due.
EARLY = parse_now("2024-03-21T08:54")


def minute(text: str) -> datetime:
    return parse_now(f"2024-03-21T{text}")


def booked_at(db: DeskDatabase, hh_mm: str) -> AppointmentRow:
    return next(
        r
        for r in day_appointments(db, MITTE, FRESH_DAY)
        if r.status == AppointmentStatus.BOOKED and f"{r.starts_at:%H:%M}" == hh_mm
    )


class Prepared:
    """The copy's URL and what waits in it."""

    def __init__(self, url: str) -> None:
        self.url = url
        db = open_database(url)
        try:
            self.tickets = {
                issue_ticket(db, MITTE, reason, minute(at)).code: reason
                for reason, at in (
                    (TicketReason.OTHER, "08:50"),
                    (TicketReason.REGISTRATION, "08:51"),
                    (TicketReason.LOST_OR_STOLEN, "08:52"),
                )
            }
            self.due = booked_at(db, "09:00")
            self.later = booked_at(db, "09:15")
            for appointment in (self.due, self.later):
                perform(db, appointment.id, Action.CHECK_IN, minute("08:53"))
        finally:
            db.dispose()
        assert list(self.tickets) == ["W-001", "W-002", "W-003"]


@pytest.fixture
def fresh_copy_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    return copy_of(demo_sqlite_url, tmp_path / "demo-copy.sqlite")


@pytest.fixture
def prepared(fresh_copy_url: str) -> Prepared:
    return Prepared(fresh_copy_url)


@pytest.fixture
def panel_at(
    ops: Ops, qtbot, db_of: Callable[[str], DeskDatabase]
) -> Iterator[Callable[..., tuple[QueuePanel, Clock]]]:
    """Factory: a shown QueuePanel of Mitte's counter 2 on ``url`` at ``now``, loaded
    (closed here once every pending read delivered)."""
    panels: list[QueuePanel] = []

    def make(url: str, now: datetime) -> tuple[QueuePanel, Clock]:
        clock = Clock(now)
        panel = QueuePanel(ops, clock)
        panels.append(panel)
        panel.show()
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.set_counter(db_of(url), MITTE, COUNTER)
        panel.timer.stop()  # only the steps refresh: each wait sees its own result
        return panel, clock

    yield make
    for panel in panels:
        panel.timer.stop()
    settle(qtbot, ops)
    for panel in panels:
        panel.close()
        panel.deleteLater()


@pytest.fixture
def window_at(ops: Ops, qtbot, settings: QSettings) -> Iterator[Callable[..., MainWindow]]:
    """Factory: a started MainWindow of Mitte's counter 2 at a fixed ``now``, its queue
    loaded (closed here once the timers stopped and every read delivered)."""
    windows: list[MainWindow] = []

    def make(url: str, now: datetime) -> MainWindow:
        window = started_window(
            ops, qtbot, settings, url, now, COUNTER, lambda w: (w.queue.loaded,)
        )
        windows.append(window)
        return window

    yield make
    close_windows(qtbot, ops, windows)


def ticket(db: DeskDatabase, code: str, office: str = MITTE) -> Ticket:
    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalar(
            select(Ticket).where(
                Ticket.office_id == office,
                Ticket.service_day == FRESH_DAY,
                Ticket.code == code,
            )
        )
        assert found is not None
        uow.session.expunge(found)
        return found


def calls_of(db: DeskDatabase, *, ticket_id=None, appointment_id=None) -> list[Call]:
    with UnitOfWork(db.engine) as uow:
        query = select(Call).order_by(Call.called_at)
        if ticket_id is not None:
            query = query.where(Call.ticket_id == ticket_id)
        if appointment_id is not None:
            query = query.where(Call.appointment_id == appointment_id)
        found = list(uow.session.scalars(query))
        uow.session.expunge_all()
        return found


def counter_id(db: DeskDatabase, number: int = COUNTER, office: str = MITTE) -> uuid.UUID:
    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalar(
            select(Counter.id).where(Counter.office_id == office, Counter.number == number)
        )
        assert found is not None
        return found


def shown_codes(panel: QueuePanel) -> list[str]:
    return [e.code for e in panel.entries]


def step(qtbot, panel: QueuePanel, key: str, answer: str | None = None) -> None:
    """Click a step button (and answer its question); wait until the panel shows the
    result."""
    button = panel.step_buttons[key]
    assert button.isEnabled(), key
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        if answer is not None:
            press(panel.question, answer)


# ------------------------------------------------------------------ call order


def test_the_queue_shows_tickets_and_appointments_in_call_order(
    panel_at, prepared: Prepared, db_of
):
    panel, _clock = panel_at(prepared.url, AT)
    db = db_of(prepared.url)
    expected = waiting_queue(db, MITTE, AT)
    assert panel.entries == expected
    # lost document first, the due appointment, the tickets by number, the later one
    assert [(e.kind, e.code) for e in expected] == [
        ("ticket", "W-003"),
        ("appointment", prepared.due.booking_code),
        ("ticket", "W-001"),
        ("ticket", "W-002"),
        ("appointment", prepared.later.booking_code),
    ]
    texts = [panel.waiting.item(i).text() for i in range(panel.waiting.count())]
    assert len(texts) == 5
    for text, entry in zip(texts, expected, strict=True):
        assert entry.code in text and entry.label in text
        assert f"ca. {entry.estimated_wait_minutes} min" in text
    assert texts[0].startswith("⚠ ")
    names = {a.citizen_name for a in day_appointments(db, MITTE, FRESH_DAY)}
    assert not [n for n in names if any(n in text for text in texts)]
    assert panel.summary.text() == "5 warten"
    assert panel.call_next_button.isEnabled()
    assert panel.current.text() == "Niemand aufgerufen"
    assert not any(b.isEnabled() for b in panel.step_buttons.values())

    # a few minutes earlier the 9:00 appointment is not due yet: after the tickets
    early = waiting_queue(db, MITTE, EARLY)
    assert [e.code for e in early] == [
        "W-003", "W-001", "W-002", prepared.due.booking_code, prepared.later.booking_code,
    ]  # fmt: skip


# ---------------------------------------------------------------------- F9


def test_f9_calls_the_head_to_the_clerks_counter(qtbot, window_at, prepared: Prepared, db_of):
    window = window_at(prepared.url, AT)
    panel = window.queue
    assert shown_codes(panel)[0] == "W-003"
    window.side.setCurrentIndex(0)  # the appointment tab is in front
    db = db_of(prepared.url)
    clerk = authenticate(db, "sb.mitte1", "demo")
    window.set_user(clerk)

    with qtbot.waitSignal(panel.called, timeout=10_000) as called:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert called.args == ["W-003"]
    assert window.side.currentIndex() == 1  # F9 brings the queue to the front
    counter = counter_id(db)
    head = ticket(db, "W-003")
    assert (head.status, head.counter_id, head.called_at) == (TicketStatus.CALLED, counter, AT)
    with UnitOfWork(db.engine) as uow:  # the call is audited with the signed-in clerk
        audited = uow.session.execute(
            select(AuditEntry.user_id, AuditEntry.counter_number).where(
                AuditEntry.action == AuditAction.TICKET_CALL,
                AuditEntry.entity_id == str(head.id),
            )
        ).all()
    assert audited == [(clerk.id, COUNTER)]
    [call] = calls_of(db, ticket_id=head.id)
    assert (call.counter_id, call.display_code, call.called_at) == (counter, "W-003", AT)

    qtbot.waitUntil(lambda: panel.current_ticket is not None, timeout=10_000)
    assert panel.current_ticket.code == "W-003"
    assert panel.current.text() == "W-003 – aufgerufen"
    assert panel.message.text() == "Aufgerufen: W-003"
    assert shown_codes(panel) == [e.code for e in waiting_queue(db, MITTE, AT)]
    assert shown_codes(panel)[:2] == [prepared.due.booking_code, "W-001"]
    assert all(b.isEnabled() for b in panel.step_buttons.values())

    # the next F9 asks what becomes of W-003, then calls the due appointment (its
    # booking code on the display)
    with qtbot.waitSignal(panel.called, timeout=10_000) as called:
        qtbot.keyClick(window, Qt.Key.Key_F9)
        press(panel.question, "W-003 erledigt, nächste(n) aufrufen")
    assert called.args == [prepared.due.booking_code]
    assert ticket(db, "W-003").status == TicketStatus.DONE
    with UnitOfWork(db.engine) as uow:
        status = uow.session.scalar(
            select(Appointment.status).where(Appointment.id == prepared.due.id)
        )
    assert status == AppointmentStatus.CALLED
    [call] = calls_of(db, appointment_id=prepared.due.id)
    assert (call.counter_id, call.display_code) == (counter, prepared.due.booking_code)
    qtbot.waitUntil(lambda: shown_codes(panel)[:1] == ["W-001"], timeout=10_000)


def test_a_double_f9_calls_one_person(qtbot, ops, window_at, prepared: Prepared, db_of):
    """The key bounces or the clerk presses again while the first call is on its way:
    still one person at the counter (the button is off meanwhile, the key must be too)."""
    window = window_at(prepared.url, AT)
    panel = window.queue
    window.queue.timer.stop()
    with qtbot.waitSignal(panel.called, timeout=10_000) as called:
        qtbot.keyClick(window, Qt.Key.Key_F9)
        qtbot.keyClick(window, Qt.Key.Key_F9)
    settle(qtbot, ops)
    assert called.args == ["W-003"]
    db = db_of(prepared.url)
    today = [c for c in calls_of(db) if c.called_at >= minute("00:00")]
    assert [c.display_code for c in today] == ["W-003"]
    assert ticket(db, "W-001").status == TicketStatus.WAITING
    assert panel.current_ticket is not None and panel.current_ticket.code == "W-003"
    assert panel.message.text() == "Aufgerufen: W-003"


def test_with_the_queue_empty_nobody_is_called(qtbot, ops, window_at, fresh_copy_url, db_of):
    window = window_at(fresh_copy_url, minute("08:30"))  # nothing issued, nobody checked in
    panel = window.queue
    assert panel.entries == []
    assert panel.summary.text() == "0 warten"
    assert not panel.call_next_button.isEnabled()

    with qtbot.assertNotEmitted(panel.called), qtbot.waitSignal(panel.refused) as refused:
        qtbot.keyClick(window, Qt.Key.Key_F9)  # the key works even with the button off
    assert refused.args == [f"Keine wartende Wartenummer in {MITTE}"]
    assert panel.message.text() == refused.args[0]
    settle(qtbot, ops)
    assert panel.current_ticket is None
    assert not panel.call_next_button.isEnabled()
    db = db_of(fresh_copy_url)
    assert [c for c in calls_of(db) if c.called_at >= minute("00:00")] == []


# ------------------------------------------------------------------- steps


def test_recall_in_service_and_done_change_the_ticket(qtbot, panel_at, prepared: Prepared, db_of):
    panel, clock = panel_at(prepared.url, AT)
    db = db_of(prepared.url)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.call_next()
    assert panel.current_ticket is not None and panel.current_ticket.code == "W-003"
    head = ticket(db, "W-003")

    clock.now = minute("08:58")
    step(qtbot, panel, "recall")
    again = ticket(db, "W-003")
    assert (again.status, again.recall_count) == (TicketStatus.CALLED, 1)
    calls = calls_of(db, ticket_id=head.id)
    assert [c.called_at for c in calls] == [AT, minute("08:58")]
    assert {c.counter_id for c in calls} == {counter_id(db)}
    assert panel.message.text().startswith("W-003 erneut aufgerufen zu Schalter 2")

    clock.now = minute("08:59")
    step(qtbot, panel, "start_service")
    assert ticket(db, "W-003").status == TicketStatus.IN_SERVICE
    assert panel.current.text() == "W-003 – in Bearbeitung"
    assert not panel.step_buttons["start_service"].isEnabled()
    assert panel.step_buttons["finish"].isEnabled()

    clock.now = minute("09:07")
    step(qtbot, panel, "finish")
    done = ticket(db, "W-003")
    assert (done.status, done.finished_at) == (TicketStatus.DONE, minute("09:07"))
    assert panel.current_ticket is None
    assert panel.current.text() == "Niemand aufgerufen"
    assert not any(b.isEnabled() for b in panel.step_buttons.values())
    assert "W-003" not in shown_codes(panel)
    assert len(calls_of(db, ticket_id=head.id)) == 2


def test_a_parked_ticket_comes_back_at_its_old_place(qtbot, panel_at, prepared: Prepared, db_of):
    panel, clock = panel_at(prepared.url, EARLY)  # tickets before the appointments
    db = db_of(prepared.url)
    for code, at in (("W-003", "08:54"), ("W-001", "08:54:30")):
        clock.now = minute(at)
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.call_next()
        assert panel.current_ticket is not None and panel.current_ticket.code == code
        if code == "W-003":
            step(qtbot, panel, "finish")
    assert shown_codes(panel)[0] == "W-002"

    clock.now = minute("08:54:40")
    step(qtbot, panel, "park")  # W-001 fetches a document
    parked = ticket(db, "W-001")
    assert parked.status == TicketStatus.PARKED
    assert "W-001" not in shown_codes(panel)
    assert [panel.parked.item(i).text() for i in range(panel.parked.count())] == [
        "W-001 · Sonstiges"
    ]
    assert panel.current_ticket is None
    assert not panel.unpark_button.isEnabled()

    clock.now = minute("09:02")
    panel.parked.setCurrentRow(0)
    assert panel.unpark_button.isEnabled()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.unpark_button, Qt.MouseButton.LeftButton)
    back = ticket(db, "W-001")
    assert (back.status, back.number, back.code) == (TicketStatus.WAITING, 1, "W-001")
    assert (back.counter_id, back.called_at, back.recall_count) == (None, None, 0)
    assert panel.parked.count() == 0
    # back before W-002 (by its number); the 9:00 appointment is due by now
    assert shown_codes(panel) == [
        prepared.due.booking_code,
        "W-001",
        "W-002",
        prepared.later.booking_code,
    ]
    assert panel.entries == waiting_queue(db, MITTE, minute("09:02"))
    assert panel.message.text() == "W-001 ist wieder eingereiht (an seinem alten Platz)"

    # called again, the citizen does not come back: no-show after the recalls, asked
    with qtbot.waitSignals([panel.called, panel.loaded], timeout=10_000):
        panel.call_next()  # the due appointment
    with qtbot.waitSignals([panel.called, panel.loaded], timeout=10_000):
        panel.call_next()
        press(panel.question, f"{prepared.due.booking_code} erledigt, nächste(n) aufrufen")
    assert panel.message.text() == "Aufgerufen: W-001"
    assert panel.current_ticket is not None and panel.current_ticket.code == "W-001"
    clock.now = minute("09:05")
    step(qtbot, panel, "recall")
    step(qtbot, panel, "recall")
    step(qtbot, panel, "no_show", answer="Nicht erschienen")
    gone = ticket(db, "W-001")
    assert (gone.status, gone.finished_at) == (TicketStatus.NO_SHOW, minute("09:05"))


# ------------------------------------------------------------ twelve at once

RACE_OFFICE = "bb-race"
RACERS = 12


def racing_office(url: str) -> DeskDatabase:
    """A small office of twelve counters with twenty waiting tickets (one in four for a
    lost document) issued through the service at 8:00–8:19."""
    upgrade_database(url)
    db = open_database(url)
    add_office(db, RACE_OFFICE, counters=RACERS)
    with UnitOfWork(db.engine) as uow:
        uow.session.execute(
            update(Office)
            .where(Office.id == RACE_OFFICE)
            .values(walk_in_from=time(8), walk_in_until=time(9), walk_in_quota=None)
        )
        uow.commit()
    reasons = [TicketReason.OTHER, TicketReason.REGISTRATION, TicketReason.URGENT_DOCUMENT]
    for n in range(20):
        reason = TicketReason.LOST_OR_STOLEN if n % 4 == 3 else reasons[n % 3]
        issue_ticket(db, RACE_OFFICE, reason, minute("08:00") + timedelta(minutes=n))
    return db


def test_twelve_counters_calling_at_once_get_twelve_different_tickets(db_url: str):
    db = racing_office(db_url)
    try:
        order = [e.code for e in waiting_queue(db, RACE_OFFICE, AT)]
        assert len(order) == 20
        barrier = threading.Barrier(RACERS)

        def press(counter: int) -> str:
            barrier.wait(timeout=30)
            return _call(db, RACE_OFFICE, counter, AT, None, None)

        with ThreadPoolExecutor(RACERS) as pool:
            codes = list(pool.map(press, range(1, RACERS + 1), timeout=60))

        assert len(set(codes)) == RACERS, codes
        # each counter claims the first ticket not yet taken or locked: the first twelve
        assert sorted(codes) == sorted(order[:RACERS])
        with UnitOfWork(db.engine) as uow:
            s = uow.session
            called = s.execute(
                select(Ticket.code, Counter.number)
                .join(Counter, Counter.id == Ticket.counter_id)
                .where(Ticket.office_id == RACE_OFFICE, Ticket.status == TicketStatus.CALLED)
            ).all()
            calls = s.execute(
                select(func.count(), func.count(func.distinct(Call.ticket_id))).where(
                    Call.office_id == RACE_OFFICE
                )
            ).one()
            waiting = s.scalar(
                select(func.count())
                .select_from(Ticket)
                .where(Ticket.office_id == RACE_OFFICE, Ticket.status == TicketStatus.WAITING)
            )
        assert sorted(code for code, _n in called) == sorted(codes)
        assert sorted(n for _code, n in called) == list(range(1, RACERS + 1))
        assert tuple(calls) == (RACERS, RACERS)
        assert waiting == 20 - RACERS
        assert [e.code for e in waiting_queue(db, RACE_OFFICE, AT)] == order[RACERS:]

        # the queue runs dry: eight more calls succeed, the next is refused
        for counter in range(1, 9):
            _call(db, RACE_OFFICE, counter, AT, None, None)
        with pytest.raises(WalkInRefused, match="Keine wartende Wartenummer"):
            _call(db, RACE_OFFICE, 1, AT, None, None)
    finally:
        db.dispose()
