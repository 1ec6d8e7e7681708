"""A called walk-in ticket at the counter: recall, start, finish, no-show, park, unpark.

Each step checks the transition (desk.domain.ticket_steps), changes the ticket in one
unit of work and, on a counter's replica, queues a ``ticket.step`` operation with the
ticket's state before and after, so that the central database applies it exactly once.
Recalls and no-shows are written to the audit log (by ticket code).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain import ticket_steps as rules
from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.status import TicketStatus
from desk.domain.steps import UNDO_MINUTES, undo_too_late
from desk.domain.ticket_steps import MAX_RECALLS, TICKET_STEPS, TicketAction
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.store import outbox
from desk.store.models import Call, Counter, Office, Ticket
from desk.store.uow import UnitOfWork


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
    return step(
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
    return step(db, ticket_id, TicketAction.START, now)


def finish(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """Served: called or in service → done, stamped with ``finished_at``."""
    return step(db, ticket_id, TicketAction.FINISH, now)


def no_show(
    db: DeskDatabase,
    ticket_id: uuid.UUID,
    now: datetime,
    max_recalls: int = MAX_RECALLS,
    *,
    user_id: uuid.UUID | None = None,
) -> TicketStepResult:
    """The citizen did not come after ``max_recalls`` recalls: called → no-show, stamped
    with ``finished_at`` (refused while recalls are left)."""
    return step(db, ticket_id, TicketAction.NO_SHOW, now, max_recalls=max_recalls, user_id=user_id)


def requeue(
    db: DeskDatabase, ticket_id: uuid.UUID, now: datetime, *, user_id: uuid.UUID | None = None
) -> TicketStepResult:
    """Back into the queue at its old place (the counter calls somebody else first)."""
    return step(db, ticket_id, TicketAction.REQUEUE, now, user_id=user_id)


def undo_no_show(
    db: DeskDatabase,
    ticket_id: uuid.UUID,
    now: datetime,
    counter_number: int | None = None,
    *,
    user_id: uuid.UUID | None = None,
) -> TicketStepResult:
    """Take back a no-show within UNDO_MINUTES: called again at its counter (audited)."""
    return step(
        db,
        ticket_id,
        TicketAction.UNDO_NO_SHOW,
        now,
        counter_number=counter_number,
        user_id=user_id,
    )


def park(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """Sent to fetch a document: called or in service → parked (out of the queue)."""
    return step(db, ticket_id, TicketAction.PARK, now)


def unpark(db: DeskDatabase, ticket_id: uuid.UUID, now: datetime) -> TicketStepResult:
    """Back into the queue: parked → waiting with its number, so at its old place."""
    return step(db, ticket_id, TicketAction.UNPARK, now)


def step(
    db: DeskDatabase,
    ticket_id: uuid.UUID,
    action: TicketAction,
    now: datetime,
    *,
    counter_number: int | None = None,
    max_recalls: int = MAX_RECALLS,
    user_id: uuid.UUID | None = None,
    expected: Mapping[str, str | None] | None = None,
    ids: Mapping[str, uuid.UUID] | None = None,
) -> TicketStepResult:
    """One step on a called ticket. ``expected`` (status, counter_id): the state a counter
    saw when it took the step offline; the central service refuses the step if the
    ticket has moved on since. ``ids`` ("call"): the id the counter gave a recall."""
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        ticket = session.get(Ticket, ticket_id, with_for_update=True)
        if ticket is None:
            raise UnknownId.of("unknown_ticket", id=ticket_id)
        if expected is not None:
            _check_expected(ticket, action, expected)
        if rules.refusal(ticket.code, ticket.status, action) is not None:
            raise _not_possible(ticket, action)
        office = session.get(Office, ticket.office_id)
        tz = ZoneInfo(office.timezone if office is not None else "Europe/Berlin")
        seen = {"status": ticket.status, "counter_id": ticket.counter_id and str(ticket.counter_id)}
        before = ticket.status
        target, message, call = _apply(
            session, ticket, action, now, now.astimezone(tz).date(), counter_number, max_recalls,
            ids, user_id,
        )  # fmt: skip
        ticket.status = target
        if target in (TicketStatus.DONE, TicketStatus.NO_SHOW):
            ticket.finished_at = now
        elif action == TicketAction.UNDO_NO_SHOW:
            ticket.finished_at = None
        session.flush()
        _audit(session, ticket, before, target, now, user_id)
        args = {
            "action": action.value,
            "counter_number": counter_number,
            "max_recalls": max_recalls,
            "expected": seen,
        }
        _send(session, ticket, args, user_id, call, now)
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


def _apply(
    session: Session,
    ticket: Ticket,
    action: TicketAction,
    now: datetime,
    today: date,
    counter_number: int | None,
    max_recalls: int,
    ids: Mapping[str, uuid.UUID] | None,
    user_id: uuid.UUID | None,
) -> tuple[TicketStatus, str, Call | None]:
    """What the step does beyond its state: (new status, message, a new call row)."""
    target = TICKET_STEPS[action].target
    message = f"{ticket.code}: {rules.TICKET_STATUS_LABELS_DE[target]}"
    if action == TicketAction.RECALL:
        counter = _counter(session, ticket, counter_number)
        target, message, call = _recall(ticket, counter, max_recalls, ids, now, user_id)
        if call is not None:
            session.add(call)
        return target, message, call
    if action == TicketAction.NO_SHOW and not rules.recalls_used_up(
        ticket.recall_count, max_recalls
    ):
        raise RequestRefused.of(
            "no_show_before_recalls", code=ticket.code, limit=max_recalls, count=ticket.recall_count
        )
    if action in (TicketAction.UNPARK, TicketAction.REQUEUE):
        message = _back_in_queue(ticket, today)
    elif action == TicketAction.UNDO_NO_SHOW:
        marked = ticket.finished_at
        if marked is None or undo_too_late(marked, now):
            raise RequestRefused.of("ticket_undo_too_late", code=ticket.code, minutes=UNDO_MINUTES)
    return target, message, None


def _send(
    session: Session,
    ticket: Ticket,
    args: Mapping[str, object],
    user_id: uuid.UUID | None,
    call: Call | None,
    now: datetime,
) -> None:
    """The step's operation in the outbox, in the same transaction."""
    sent = {
        "ticket_id": str(ticket.id),
        **args,
        "user_id": str(user_id) if user_id is not None else None,
        "call_id": str(call.id) if call is not None else None,
    }
    outbox.record(session, outbox.TICKET_STEP, ticket.office_id, ticket.id, sent, now)


def _recall(
    ticket: Ticket,
    counter: Counter,
    max_recalls: int,
    ids: Mapping[str, uuid.UUID] | None,
    now: datetime,
    user_id: uuid.UUID | None,
) -> tuple[TicketStatus, str, Call | None]:
    """Call the ticket again to ``counter`` (a new call row for the display), or, with the
    recalls used up, mark it a no-show: (new status, message, the call row)."""
    if rules.recalls_used_up(ticket.recall_count, max_recalls):
        message = (
            f"{ticket.code} ist nach {ticket.recall_count + 1} Aufrufen nicht "
            "erschienen – als „nicht erschienen“ vermerkt"
        )
        return TicketStatus.NO_SHOW, message, None
    ticket.recall_count += 1
    ticket.counter_id = counter.id
    call = Call(
        id=(ids or {}).get("call") or uuid.uuid4(),
        office_id=ticket.office_id,
        counter_id=counter.id,
        ticket_id=ticket.id,
        display_code=ticket.code,
        called_at=now,
        user_id=user_id,
        offline=False,
    )
    message = (
        f"{ticket.code} erneut aufgerufen zu {counter.name} "
        f"({ticket.recall_count}. von höchstens {max_recalls} Wiederholungen)"
    )
    return TICKET_STEPS[TicketAction.RECALL].target, message, call


def _back_in_queue(ticket: Ticket, today: date) -> str:
    """Unpark: waiting again at its old place, with the full recall limit (today's only)."""
    if ticket.service_day != today:
        raise RequestRefused.of("requeue_today_only", code=ticket.code, day=ticket.service_day)
    ticket.counter_id = None
    ticket.called_at = None
    ticket.recall_count = 0  # a fresh call, with the full recall limit
    return f"{ticket.code} ist wieder eingereiht (an seinem alten Platz)"


def _audit(
    session: Session,
    ticket: Ticket,
    before: str,
    target: TicketStatus,
    now: datetime,
    user_id: uuid.UUID | None,
) -> None:
    """Write a recall or a no-show (also one after the last recall) to the audit log."""
    if target == TicketStatus.NO_SHOW:
        action = AuditAction.TICKET_NO_SHOW
    elif before == TicketStatus.NO_SHOW:
        action = AuditAction.TICKET_NO_SHOW_UNDONE
    elif target == TicketStatus.CALLED and before == TicketStatus.CALLED:
        action = AuditAction.TICKET_RECALL
    else:
        return
    counter = session.get(Counter, ticket.counter_id) if ticket.counter_id else None
    record(
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


def _not_possible(ticket: Ticket, action: TicketAction) -> RequestRefused:
    """The refusal of a step the ticket's state does not allow."""
    status = rules.TICKET_STATUS_LABELS_DE.get(ticket.status, ticket.status)
    return RequestRefused.of(
        "ticket_step_not_possible", code=ticket.code, status=status, step=TICKET_STEPS[action].label
    )


def _check_expected(
    ticket: Ticket, action: TicketAction, expected: Mapping[str, str | None]
) -> None:
    """Refuse a counter's step if the ticket is no longer as that counter saw it."""
    seen = str(ticket.counter_id) if ticket.counter_id is not None else None
    if ticket.status == expected.get("status") and seen == expected.get("counter_id"):
        return
    label = rules.TICKET_STATUS_LABELS_DE.get(ticket.status, ticket.status)
    raise RequestRefused.of(
        "ticket_moved_on", code=ticket.code, status=label, step=TICKET_STEPS[action].label
    )


def _counter(session: Session, ticket: Ticket, number: int | None) -> Counter:
    """The clerk's counter for a recall; a ticket called elsewhere is recalled only there."""
    if number is None:
        raise RequestRefused.of("recall_counter_needed")
    counter = session.scalar(
        select(Counter).where(Counter.office_id == ticket.office_id, Counter.number == number)
    )
    if counter is None:
        raise UnknownId.of("unknown_counter", counter=number, office_id=ticket.office_id)
    if ticket.counter_id is not None and ticket.counter_id != counter.id:
        called_to = session.get(Counter, ticket.counter_id)
        where = called_to.name if called_to is not None else "einen anderen Schalter"
        raise RequestRefused.of("called_elsewhere", code=ticket.code, where=where)
    return counter
