"""A called walk-in ticket at the counter: recall, start, finish, no-show, park, unpark.

Each step checks the transition (desk.domain.ticket_steps), changes the ticket in one
unit of work and, on a counter's replica, queues a ``ticket.step`` operation with the
ticket's state before and after, so that the central database applies it exactly once.
Recalls and no-shows are written to the audit log (by ticket code).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain import ticket_steps as rules
from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.status import TicketStatus
from desk.domain.ticket_steps import MAX_RECALLS, TICKET_STEPS, TicketAction
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.store.models import AuditEntry, Call, Counter, Office, Ticket
from desk.store.uow import UnitOfWork
from desk.sync import outbox
from desk.sync.codec import encode_row
from desk.sync.rows import as_dict


@dataclass(frozen=True)
class TicketStepResult:
    """The outcome of a step: the new state, a message for the clerk, the display code
    if a call was written for the waiting-room display."""

    ticket_id: uuid.UUID
    code: str
    status: TicketStatus
    at: datetime
    recall_count: int
    message: str
    display_code: str | None = None


def recall(
    db: DeskDatabase,
    ticket_id: uuid.UUID,
    now: datetime,
    counter_number: int,
    max_recalls: int = MAX_RECALLS,
    *,
    user_id: uuid.UUID | None = None,
) -> TicketStepResult:
    """Call a called ticket again to the same counter (a new call on the display); once
    it was recalled ``max_recalls`` times, the next recall marks it as not shown up."""
    return _step(
        db,
        ticket_id,
        TicketAction.RECALL,
        now,
        counter_number=counter_number,
        max_recalls=max_recalls,
        user_id=user_id,
    )


def start_service(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """The citizen has come to the counter: called → in service."""
    return _step(db, ticket_id, TicketAction.START, now)


def finish(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """Served: called or in service → done, stamped with ``finished_at``."""
    return _step(db, ticket_id, TicketAction.FINISH, now)


def no_show(
    db: DeskDatabase, ticket_id: uuid.UUID, now: datetime, *, user_id: uuid.UUID | None = None
) -> TicketStepResult:
    """The citizen did not come: called → no-show, stamped with ``finished_at``."""
    return _step(db, ticket_id, TicketAction.NO_SHOW, now, user_id=user_id)


def park(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """Sent to fetch a document: called or in service → parked (out of the queue)."""
    return _step(db, ticket_id, TicketAction.PARK, now)


def unpark(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """Back into the queue: parked → waiting with its number, so at its old place."""
    return _step(db, ticket_id, TicketAction.UNPARK, now)


def _step(
    db: DeskDatabase,
    ticket_id: uuid.UUID,
    action: TicketAction,
    now: datetime,
    *,
    counter_number: int | None = None,
    max_recalls: int = MAX_RECALLS,
    user_id: uuid.UUID | None = None,
) -> TicketStepResult:
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        ticket = session.get(Ticket, ticket_id, with_for_update=True)
        if ticket is None:
            raise UnknownId(f"Die Wartenummer {ticket_id} gibt es nicht (mehr)")
        why = rules.refusal(ticket.code, ticket.status, action)
        if why is not None:
            raise RequestRefused(why)
        office = session.get(Office, ticket.office_id)
        tz = ZoneInfo(office.timezone if office is not None else "Europe/Berlin")
        expected = {
            "status": ticket.status,
            "counter_id": str(ticket.counter_id) if ticket.counter_id else None,
        }
        before = ticket.status
        target = TICKET_STEPS[action].target
        message = f"{ticket.code}: {rules.TICKET_STATUS_LABELS_DE[target]}"
        call: Call | None = None
        if action == TicketAction.RECALL:
            counter = _counter(session, ticket, counter_number)
            if rules.recalls_used_up(ticket.recall_count, max_recalls):
                target = TicketStatus.NO_SHOW
                message = (
                    f"{ticket.code} ist nach {ticket.recall_count + 1} Aufrufen nicht "
                    "erschienen – als „nicht erschienen“ vermerkt"
                )
            else:
                ticket.recall_count += 1
                ticket.counter_id = counter.id
                call = Call(
                    id=uuid.uuid4(),
                    office_id=ticket.office_id,
                    counter_id=counter.id,
                    ticket_id=ticket.id,
                    display_code=ticket.code,
                    called_at=now,
                    user_id=user_id,
                    offline=False,
                )
                session.add(call)
                message = (
                    f"{ticket.code} erneut aufgerufen zu {counter.name} "
                    f"({ticket.recall_count}. von höchstens {max_recalls} Wiederholungen)"
                )
        elif action == TicketAction.UNPARK:
            day = now.astimezone(tz).date()
            if ticket.service_day != day:
                raise RequestRefused(
                    f"Wartenummer {ticket.code} ist vom {ticket.service_day:%d.%m.%Y} – "
                    "nur Wartenummern von heute können wieder eingereiht werden"
                )
            ticket.counter_id = None
            ticket.called_at = None
            ticket.recall_count = 0  # a fresh call, with the full recall limit
            message = f"{ticket.code} ist wieder eingereiht (an seinem alten Platz)"
        ticket.status = target
        if target in (TicketStatus.DONE, TicketStatus.NO_SHOW):
            ticket.finished_at = now
        session.flush()
        payload: dict[str, object] = {
            "ticket_id": str(ticket.id),
            "action": action.value,
            "at": now.isoformat(),
            "expected": expected,
            "ticket": encode_row(as_dict(ticket)),
        }
        if call is not None:
            payload["call"] = encode_row(as_dict(call))
        entry = _audit(session, ticket, before, target, now, user_id)
        if entry is not None:
            payload[outbox.AUDIT_KEY] = [encode_row(as_dict(entry))]
        outbox.record(session, outbox.TICKET_STEP, ticket.office_id, ticket.id, payload)
        uow.commit()
        return TicketStepResult(
            ticket.id,
            ticket.code,
            TicketStatus(target),
            now.astimezone(tz),
            ticket.recall_count,
            message,
            ticket.code if call is not None else None,
        )


def _audit(
    session: Session,
    ticket: Ticket,
    before: str,
    target: TicketStatus,
    now: datetime,
    user_id: uuid.UUID | None,
) -> AuditEntry | None:
    """Write a recall or a no-show (also one after the last recall) to the audit log."""
    if target == TicketStatus.NO_SHOW:
        action = AuditAction.TICKET_NO_SHOW
    elif target == TicketStatus.CALLED and before == TicketStatus.CALLED:
        action = AuditAction.TICKET_RECALL
    else:
        return None
    counter = session.get(Counter, ticket.counter_id) if ticket.counter_id else None
    return record(
        session,
        action,
        at=now,
        entity="ticket",
        entity_id=ticket.id,
        user_id=user_id,
        office_id=ticket.office_id,
        counter_number=counter.number if counter is not None else None,
        old=before,
        new=target.value,
        detail=f"Wartenummer {ticket.code}",
    )


def _counter(session: Session, ticket: Ticket, number: int | None) -> Counter:
    """The clerk's counter for a recall; a ticket called elsewhere is recalled only there."""
    if number is None:
        raise RequestRefused("Zum erneuten Aufrufen zuerst einen Schalter wählen")
    counter = session.scalar(
        select(Counter).where(Counter.office_id == ticket.office_id, Counter.number == number)
    )
    if counter is None:
        raise UnknownId(f"Unbekannter Schalter {number} in {ticket.office_id}")
    if ticket.counter_id is not None and ticket.counter_id != counter.id:
        called_to = session.get(Counter, ticket.counter_id)
        where = called_to.name if called_to is not None else "einen anderen Schalter"
        raise RequestRefused(
            f"Wartenummer {ticket.code} ist zu {where} aufgerufen – erneut aufrufen nur von dort"
        )
    return counter
