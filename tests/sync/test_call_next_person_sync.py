"""Counter PCs call the next person through the one use case with the sync's ticket call:
two PCs that press at once while online get two different tickets (claimed centrally,
exactly once), although both local copies show the same head; an appointment that falls
due is called at the PC and reaches the central database with the next round."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from datetime import time as clock

import pytest
from sqlalchemy import select

from desk.domain.status import AppointmentStatus, TicketReason, TicketStatus
from desk.services.walkin import tickets as walkin
from desk.services.walkin.call_next import call_next_person
from desk.services.walkin.queue import APPOINTMENT, TICKET, waiting_queue
from desk.store.models import Appointment, Call, Office, Ticket
from desk.store.uow import UnitOfWork
from tests.services.test_queue import add_appointment
from tests.sync.conftest import NOW, Central, Replica

OFFICE = "bb-person"
S = AppointmentStatus


def at(hour: int, minute: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute, second=0, microsecond=0)


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota = 20
        office.walk_in_from = clock(8)
        office.walk_in_until = clock(9)
        uow.commit()
    return made


def test_pcs_call_tickets_exactly_once_and_a_due_appointment_at_the_pc(
    central: Central, replica_factory: Callable[..., Replica]
):
    first = walkin.issue_ticket(central.db, OFFICE, TicketReason.OTHER, at(8, 0))
    second = walkin.issue_ticket(central.db, OFFICE, TicketReason.OTHER, at(8, 1))
    appointment, code = add_appointment(
        central.db, OFFICE, central.counters[OFFICE][1], at(8, 30), S.CHECKED_IN,
        [(S.CHECKED_IN, at(8, 20))],
    )  # fmt: skip
    a = replica_factory(central, synced=False)
    b = replica_factory(central, synced=False)
    a.engine.sync_once(at(8, 21))
    b.engine.sync_once(at(8, 21))
    heads = [waiting_queue(pc.db, OFFICE, at(8, 22))[0].id for pc in (a, b)]
    assert heads == [first.id, first.id]  # the appointment is not due before 8:25

    by_a = call_next_person(a.db, OFFICE, 1, at(8, 22), call_ticket=a.engine.call_next)
    by_b = call_next_person(b.db, OFFICE, 2, at(8, 22), call_ticket=b.engine.call_next)

    assert (by_a.kind, by_a.id) == (TICKET, first.id)
    assert (by_b.kind, by_b.id) == (TICKET, second.id)  # B's copy still showed the first
    with UnitOfWork(central.db.engine) as uow:
        called = uow.session.execute(
            select(Ticket.id, Ticket.status).where(Ticket.office_id == OFFICE)
        ).all()
        ticket_calls = list(
            uow.session.scalars(select(Call.ticket_id).where(Call.ticket_id.is_not(None)))
        )
    assert sorted(called) == sorted(
        [(first.id, TicketStatus.CALLED), (second.id, TicketStatus.CALLED)]
    )
    assert sorted(ticket_calls) == sorted([first.id, second.id])  # one call row each

    due = call_next_person(a.db, OFFICE, 1, at(8, 26), call_ticket=a.engine.call_next)
    assert (due.kind, due.id, due.code) == (APPOINTMENT, appointment, code)
    a.engine.sync_once(at(8, 27))
    with UnitOfWork(central.db.engine) as uow:
        status = uow.session.scalar(select(Appointment.status).where(Appointment.id == appointment))
    assert status == S.CALLED
