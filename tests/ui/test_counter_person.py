# ruff: noqa: F811 (the fixtures of tests.ui.test_queue_panel, imported by name)
"""The counter's current person in the walk-in rush (issue: the counter in the walk-in
rush), on a private copy of the demo city on Thursday 2024-03-21 with three tickets and
two checked-in appointments (tests.ui.test_queue_panel.Prepared), at Mitte's counter 2:

1. F7 with a ticket current and an appointment chosen in the calendar changes the ticket;
2. a second F9 asks and never loses the person at the counter;
3. F9 calling a checked-in appointment makes it the current person, with its steps;
4. a no-show before the appointment's time is refused, a ticket's only after its
   recalls (the last recall asks), and the clerk takes a no-show back;
and the current person is the same in the bar, the queue panel, the status bar, the
calendar and the call display."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk.domain.status import AppointmentStatus, TicketStatus
from desk.services.appointments.agenda import day_appointments
from desk.services.walkin.display import display_board
from desk.store.models import Office
from desk.store.uow import UnitOfWork
from tests.ui.test_queue_panel import (  # noqa: F401 (fixtures)
    AT,
    EARLY,
    FRESH_DAY,
    MITTE,
    Prepared,
    fresh_copy_url,
    prepared,
    shown_codes,
    ticket,
    window_at,
)
from tests.ui.walkin_support import settle
from ui.views.main_window import MainWindow
from ui.views.person_words import press

F7, F8, F9 = Qt.Key.Key_F7, Qt.Key.Key_F8, Qt.Key.Key_F9
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def appointment_status(db, appointment_id) -> str:
    [row] = [r for r in day_appointments(db, MITTE, FRESH_DAY) if r.id == appointment_id]
    return row.status


def call_next(qtbot, window: MainWindow, answer: str | None = None) -> None:
    """F9 (and the answer to its question); wait until the panel shows who was called."""
    panel = window.queue
    with qtbot.waitSignals([panel.called, panel.loaded], timeout=10_000):
        qtbot.keyClick(window, F9)
        if answer is not None:
            press(panel.question, answer)
    assert not panel.message.text().startswith("Keine"), panel.message.text()
    qtbot.waitUntil(lambda: window.person.work.current is not None, timeout=10_000)


def key(qtbot, window: MainWindow, which, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A step key on the calendar; wait until the queue panel read again."""
    settle(qtbot, window.ops)  # no read of an earlier step is still on its way
    window.calendar.setFocus()
    with qtbot.waitSignal(window.queue.loaded, timeout=10_000):
        qtbot.keyClick(window.calendar, which, modifier)
    settle(qtbot, window.ops)


def test_f7_with_a_ticket_current_changes_the_ticket_not_the_chosen_appointment(
    qtbot, window_at, prepared: Prepared, db_of
):
    window = window_at(prepared.url, EARLY)
    db = db_of(prepared.url)
    call_next(qtbot, window)
    assert window.queue.current_ticket is not None and window.queue.current_ticket.code == "W-003"
    assert window.select_appointment(prepared.later.id)  # a checked-in one, chosen
    window.calendar.setFocus()
    assert "W-003" in window.person_bar.headline.text()  # the screen says who F7 hits
    assert not window.panel.keys_note.isHidden() and "W-003" in window.panel.keys_note.text()

    key(qtbot, window, F7)

    assert ticket(db, "W-003").status == TicketStatus.IN_SERVICE
    assert appointment_status(db, prepared.later.id) == AppointmentStatus.CHECKED_IN
    qtbot.waitUntil(lambda: "in Bearbeitung" in window.person_bar.headline.text(), timeout=5000)


def test_a_second_f9_asks_and_loses_nobody(qtbot, ops, window_at, prepared: Prepared, db_of):
    window = window_at(prepared.url, EARLY)
    db = db_of(prepared.url)
    call_next(qtbot, window)
    panel = window.queue

    with qtbot.assertNotEmitted(panel.called, wait=300):
        qtbot.keyClick(window, F9)  # someone is at the counter: asked, nothing called yet
    assert panel.question is not None and panel.question.isVisible()
    assert ticket(db, "W-003").status == TicketStatus.CALLED
    called: list[str] = []
    panel.called.connect(called.append)
    with qtbot.waitSignals([panel.called, panel.loaded], timeout=10_000):
        press(panel.question, "W-003 zurück in die Warteschlange, nächste(n) aufrufen")
    settle(qtbot, ops)

    assert called == ["W-001"]
    assert ticket(db, "W-001").status == TicketStatus.CALLED
    back = ticket(db, "W-003")
    assert (back.status, back.counter_id) == (TicketStatus.WAITING, None)
    assert "W-003" in shown_codes(panel)  # visible again, at its old place (first)
    assert shown_codes(panel)[0] == "W-003"

    # "Abbrechen" (Escape) leaves everything as it is
    qtbot.keyClick(window, F9)
    with qtbot.assertNotEmitted(panel.called, wait=300):
        press(panel.question, "Abbrechen")
    assert ticket(db, "W-001").status == TicketStatus.CALLED


def test_f9_calling_an_appointment_makes_it_current_with_its_steps(
    qtbot, window_at, prepared: Prepared, db_of
):
    window = window_at(prepared.url, AT)  # the 9:00 appointment is due after W-003
    db = db_of(prepared.url)
    call_next(qtbot, window)
    call_next(qtbot, window, answer="W-003 erledigt, nächste(n) aufrufen")
    code = prepared.due.booking_code
    panel = window.queue

    assert ticket(db, "W-003").status == TicketStatus.DONE
    assert panel.current.text() == f"{code} – aufgerufen"
    assert all(panel.step_buttons[k].isEnabled() for k in ("recall", "start_service", "finish"))
    assert not panel.step_buttons["park"].isEnabled()  # a ticket's step only
    assert window.person_bar.headline.text() == f"Am Schalter: {code} – aufgerufen"
    qtbot.waitUntil(lambda: window.person_label.text() == f"Am Schalter: {code} (aufgerufen)")
    index = window.calendar_model.index_of(prepared.due.id)
    assert str(index.data()).startswith("▶ ")  # the calendar marks the counter's person
    assert not str(window.calendar_model.index_of(prepared.later.id).data()).startswith("▶")
    assert display_board(db, MITTE, AT).calls[0].counter == "Schalter 2"

    key(qtbot, window, F7)

    assert appointment_status(db, prepared.due.id) == AppointmentStatus.IN_SERVICE
    qtbot.waitUntil(lambda: panel.current.text() == f"{code} – in Bearbeitung", timeout=5000)


def test_a_no_show_before_the_appointments_time_is_refused(
    qtbot, window_at, prepared: Prepared, db_of
):
    window = window_at(prepared.url, EARLY)  # 8:54; the appointment starts at 9:15
    db = db_of(prepared.url)
    assert window.select_appointment(prepared.later.id)
    window.calendar.setFocus()
    qtbot.keyClick(window.calendar, F8, CTRL)
    question = window.clerk.question
    assert question is not None and prepared.later.booking_code in question.text()
    assert prepared.later.citizen_name in question.text()  # the person is named
    with qtbot.waitSignal(window.step_refused, timeout=10_000) as refused:
        press(question, "Nicht erschienen")
    assert "beginnt erst um 09:15" in refused.args[0]
    assert appointment_status(db, prepared.later.id) == AppointmentStatus.CHECKED_IN


def test_a_ticket_no_show_after_its_recalls_asks_and_can_be_taken_back(
    qtbot, window_at, prepared: Prepared, db_of
):
    window = window_at(prepared.url, EARLY)
    db = db_of(prepared.url)
    panel = window.queue
    call_next(qtbot, window)
    window.calendar.setFocus()

    with qtbot.waitSignal(panel.refused, timeout=10_000) as refused:
        qtbot.keyClick(window.calendar, F8, CTRL)
        press(panel.question, "Nicht erschienen")
    assert "erst nach 2 erneuten Aufrufen" in refused.args[0]
    assert ticket(db, "W-003").status == TicketStatus.CALLED
    key(qtbot, window, Qt.Key.Key_F6, SHIFT)
    key(qtbot, window, Qt.Key.Key_F6, SHIFT)
    assert ticket(db, "W-003").recall_count == 2

    qtbot.keyClick(window.calendar, Qt.Key.Key_F6, SHIFT)  # the last one asks first
    assert panel.question is not None and "2-mal" in panel.question.text()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        press(panel.question, "Nicht erschienen")
    settle(qtbot, window.ops)
    assert ticket(db, "W-003").status == TicketStatus.NO_SHOW
    assert panel.current_person is None
    assert panel.undo_button.isVisible() and "W-003" in panel.undo_button.text()

    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.undo_button.click()
    settle(qtbot, window.ops)
    assert ticket(db, "W-003").status == TicketStatus.CALLED
    assert panel.current_ticket is not None and panel.current_ticket.code == "W-003"
    assert not panel.undo_button.isVisible()


def test_the_current_person_is_the_same_in_every_view(qtbot, window_at, prepared: Prepared, db_of):
    window = window_at(prepared.url, EARLY)
    db = db_of(prepared.url)
    call_next(qtbot, window)
    qtbot.waitUntil(lambda: "W-003" in window.person_label.text(), timeout=5000)

    assert window.queue.current.text() == "W-003 – aufgerufen"
    assert window.person_bar.headline.text() == "Am Schalter: W-003 – aufgerufen"
    keys = window.person_bar.keys.text()  # sentences, read as such by a screen reader
    assert keys.startswith("Wartenummer") and ". Tasten: " in keys, keys
    assert keys.endswith(".") and ". F9 ruft als Nächste(n): " in keys, keys
    assert window.person_label.text() == "Am Schalter: W-003 (aufgerufen)"
    newest = display_board(db, MITTE, EARLY).calls[0]
    assert (newest.code, newest.counter) == ("W-003", "Schalter 2")
    # a ticket is not in the calendar: no appointment is marked there
    assert not any(
        str(window.calendar_model.index_of(a.id).data()).startswith("▶")
        for a in (prepared.due, prepared.later)
    )


def test_f9_refuses_with_someone_current_where_the_setting_says_so(
    qtbot, window_at, prepared: Prepared, db_of
):
    window = window_at(prepared.url, EARLY)
    db = db_of(prepared.url)
    call_next(qtbot, window)
    panel = window.queue
    assert panel.work.if_someone_current == "ask"  # the office's default
    with UnitOfWork(db.engine, write=True) as uow:  # the team lead's office setting
        office = uow.session.get(Office, MITTE)
        assert office is not None
        office.call_next_with_current = "refuse"
        uow.commit()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()  # the panel's next read (its timer, a change) takes it
    assert panel.work.if_someone_current == "refuse"
    with qtbot.assertNotEmitted(panel.called, wait=300), qtbot.waitSignal(panel.refused) as no:
        qtbot.keyClick(window, F9)
    assert no.args == ["Erst W-003 abschließen (F8) oder zurückstellen, dann aufrufen."]
    assert ticket(db, "W-003").status == TicketStatus.CALLED
    assert ticket(db, "W-001").status == TicketStatus.WAITING
