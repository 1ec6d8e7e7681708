"""Call the next person to a counter: the one door of F9, ``walkin call`` and the PCs of
the central service. The head of the office's queue (the call order of
desk.domain.walkin) decides: an appointment that is due before a ticket is called as an
appointment, else the next waiting ticket is claimed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import DeskDatabase
from desk.services.walkin.queue import APPOINTMENT, TICKET, next_in_line
from desk.services.walkin.tickets import TicketInfo, call_next

#: Claims the next ticket: (office, counter, now, *, user_id) → TicketInfo. While online
#: the sync's central claim (exactly once across all counters), else the local call.
CallTicket = Callable[..., TicketInfo]


@dataclass(frozen=True)
class CalledPerson:
    """Who was called to the counter, with the code the display shows."""

    kind: str  # TICKET or APPOINTMENT (desk.services.walkin.queue)
    id: uuid.UUID
    code: str  # the ticket's code ("W-017") or the appointment's booking code
    at: datetime
    ticket: TicketInfo | None = None  # a called ticket as the walk-in service gives it


def call_next_person(
    db: DeskDatabase,
    office_id: str,
    counter_number: int,
    now: datetime,
    *,
    user_id: uuid.UUID | None = None,
    call_ticket: CallTicket | None = None,
) -> CalledPerson:
    """Call the head of the queue to a counter: a checked-in appointment when the call
    order puts it before every waiting ticket (the life-cycle step "call"), else the next
    ticket through ``call_ticket`` (default: :func:`tickets.call_next` on ``db``)."""
    head = next_in_line(db, office_id, now)
    if head is not None and head[0] == APPOINTMENT:
        step = perform(
            db, head[1], Action.CALL, now, counter_number=counter_number, user_id=user_id
        )
        return CalledPerson(APPOINTMENT, step.appointment_id, step.booking_code, step.at)
    if call_ticket is None:
        ticket = call_next(db, office_id, counter_number, now, user_id=user_id)
    else:
        ticket = call_ticket(office_id, counter_number, now, user_id=user_id)
    return CalledPerson(TICKET, ticket.id, ticket.code, ticket.called_at or now, ticket)
