"""Call the next person (the one door of F9, ``walkin call`` and the PCs): an appointment
that is due is called before a ticket, a later one is not; a lost document goes before
both; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.domain.errors import WalkInRefused
from desk.domain.status import AppointmentStatus, TicketReason, TicketStatus
from desk.domain.walkin import DUE_AHEAD
from desk.services.walkin.call_next import call_next_person
from desk.services.walkin.queue import APPOINTMENT, TICKET, waiting_queue
from desk.store.models import Appointment, Call, Ticket
from desk.store.uow import UnitOfWork
from tests.services.test_queue import NOW, add_appointment, add_ticket, at, new_office

S = AppointmentStatus
COUNTER = 2


def status_of(db, model, row_id) -> str:
    with UnitOfWork(db.engine) as uow:
        return str(uow.session.scalar(select(model.status).where(model.id == row_id)))


def waiting(db, reason: TicketReason = TicketReason.OTHER, start=NOW + DUE_AHEAD):
    """An office with one waiting ticket (8:10) and one appointment checked in at 10:20."""
    office, counters = new_office(db)
    ticket = add_ticket(db, office, 1, issued=at(8, 10), reason=reason)
    appointment, code = add_appointment(
        db, office, counters[1], start, S.CHECKED_IN, [(S.CHECKED_IN, at(10, 20))]
    )
    return office, ticket, appointment, code


def test_an_appointment_due_before_a_ticket_is_called_first(fresh_db):
    db = fresh_db
    office, ticket, appointment, code = waiting(db)  # due: it starts 5 minutes from now
    assert [e.kind for e in waiting_queue(db, office, NOW)] == [APPOINTMENT, TICKET]

    first = call_next_person(db, office, COUNTER, NOW)

    assert (first.kind, first.id, first.code, first.at) == (APPOINTMENT, appointment, code, NOW)
    assert first.ticket is None
    assert status_of(db, Appointment, appointment) == S.CALLED
    assert status_of(db, Ticket, ticket) == TicketStatus.WAITING
    with UnitOfWork(db.engine) as uow:
        [call] = uow.session.scalars(select(Call).where(Call.appointment_id == appointment))
        assert call.display_code == code and call.called_at == NOW
    second = call_next_person(db, office, COUNTER, NOW)
    assert (second.kind, second.id, second.code) == (TICKET, ticket, "W-001")
    assert second.ticket is not None and second.ticket.counter_number == COUNTER
    assert status_of(db, Ticket, ticket) == TicketStatus.CALLED


def test_an_appointment_not_yet_due_waits_behind_the_tickets(fresh_db):
    db = fresh_db
    later = NOW + DUE_AHEAD + DUE_AHEAD
    office, ticket, appointment, code = waiting(db, start=later)

    first = call_next_person(db, office, COUNTER, NOW)

    assert (first.kind, first.id, first.code) == (TICKET, ticket, "W-001")
    assert status_of(db, Appointment, appointment) == S.CHECKED_IN
    # nobody else waits: the checked-in appointment is the head of the queue now
    second = call_next_person(db, office, COUNTER, NOW)
    assert (second.kind, second.id, second.code) == (APPOINTMENT, appointment, code)


def test_a_lost_document_goes_before_a_due_appointment(fresh_db):
    db = fresh_db
    office, ticket, appointment, _code = waiting(db, TicketReason.LOST_OR_STOLEN)

    first = call_next_person(db, office, COUNTER, NOW)

    assert (first.kind, first.id) == (TICKET, ticket)
    assert status_of(db, Appointment, appointment) == S.CHECKED_IN


def test_the_ticket_goes_through_the_call_ticket_it_is_given(fresh_db):
    """The PCs pass the sync's central claim; here the office's other counter stands in
    for it, so the ticket shows where it came from."""
    db = fresh_db
    office, ticket, _appointment, _code = waiting(db, start=NOW + 2 * DUE_AHEAD)

    def on_counter_one(office_id, _counter, now, *, user_id=None):
        from desk.services.walkin.tickets import call_next

        return call_next(db, office_id, 1, now, user_id=user_id)

    called = call_next_person(db, office, COUNTER, NOW, call_ticket=on_counter_one)

    assert called.ticket is not None and called.ticket.counter_number == 1
    assert called.id == ticket


def test_with_nobody_waiting_the_call_is_refused(fresh_db):
    office, _counters = new_office(fresh_db)
    with pytest.raises(WalkInRefused, match="Keine wartende Wartenummer"):
        call_next_person(fresh_db, office, COUNTER, NOW)
