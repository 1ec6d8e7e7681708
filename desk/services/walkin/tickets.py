"""Walk-in use cases: issue a ticket within hour and quota, call the next one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain import walkin
from desk.domain.audit import AuditAction
from desk.domain.errors import UnknownId, WalkInRefused
from desk.domain.slots import office_closed
from desk.domain.status import TicketReason, TicketStatus
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office, load_schedule
from desk.services.walkin.order import ticket_order
from desk.store import leases, outbox
from desk.store.models import Call, Counter, Ticket
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class TicketInfo:
    """A ticket as reception and counters show it (no personal data exists)."""

    id: uuid.UUID
    office_id: str
    code: str
    number: int
    reason: str
    status: str
    issued_at: datetime
    counter_number: int | None = None
    called_at: datetime | None = None
    waiting_ahead: int = 0
    left_today: int | None = None


def parse_reason(text: str | None) -> TicketReason:
    """A reason category from its code (default: other)."""
    if text is None:
        return TicketReason.OTHER
    try:
        return TicketReason(text)
    except ValueError:
        known = ", ".join(r.value for r in TicketReason)
        raise WalkInRefused.of("unknown_reason", reason=text, known=known) from None


def issue_ticket(
    db: DeskDatabase,
    office_id: str,
    reason: TicketReason,
    now: datetime,
    *,
    request_id: uuid.UUID | None = None,
) -> TicketInfo:
    """Issue the day's next ticket, or refuse with the reason (hour, holiday, quota).

    ``request_id`` names the press that asks (a double click, a key repeat, a retry
    after a timeout send the same): the office's ticket of that press is answered
    again, with no new ticket, quota or outbox row."""
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        office = load_office(session, office_id, lock=True)
        schedule = load_schedule(session, office)
        local = now.astimezone(schedule.tz)
        if request_id is not None:
            earlier = issued_for(session, office_id, request_id)
            if earlier is not None:
                return _answered_again(session, earlier, schedule.tz, schedule.walk_in.quota)
        day = local.date()
        issued = issued_on(session, office_id, day)
        closed = office_closed(day, schedule.closures, schedule.state)
        why = walkin.no_ticket_reason(schedule.walk_in_rules_on(day), local, closed, issued)
        if why is not None:
            raise WalkInRefused.of("no_ticket", reason=why)
        number = _next_number(session, office_id, day)
        ahead = _waiting(session, office_id, day)
        ticket = _add_ticket(
            session, office_id, day, number, schedule.ticket_prefix, reason, now, request_id
        )
        uow.commit()
        quota = schedule.walk_in.quota
        return TicketInfo(
            ticket.id,
            office_id,
            ticket.code,
            number,
            reason,
            TicketStatus.WAITING,
            local,
            waiting_ahead=ahead,
            left_today=None if quota is None else quota - issued - 1,
        )


def issued_for(session: Session, office_id: str, request_id: uuid.UUID) -> Ticket | None:
    """The office's ticket a press issued (another office's is never found)."""
    return session.scalar(
        select(Ticket).where(Ticket.office_id == office_id, Ticket.request_id == request_id)
    )


def _answered_again(
    session: Session, ticket: Ticket, tz: ZoneInfo, quota: int | None
) -> TicketInfo:
    """The answer to a press repeated: the ticket as it is now, how many of the day's
    waiting tickets were issued before it, and the day's quota left."""
    ahead = session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(
            Ticket.office_id == ticket.office_id,
            Ticket.service_day == ticket.service_day,
            Ticket.status == TicketStatus.WAITING,
            tuple_(Ticket.issued_at, Ticket.number) < tuple_(ticket.issued_at, ticket.number),
        )
    )
    issued = issued_on(session, ticket.office_id, ticket.service_day)
    return TicketInfo(
        ticket.id,
        ticket.office_id,
        ticket.code,
        ticket.number,
        ticket.reason,
        ticket.status,
        ticket.issued_at.astimezone(tz),
        waiting_ahead=ahead or 0,
        left_today=None if quota is None else max(quota - issued, 0),
    )


def _waiting(session: Session, office_id: str, day: date) -> int:
    """How many of the day's tickets wait (the new one is told how many are ahead)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.office_id == office_id,
                Ticket.service_day == day,
                Ticket.status == TicketStatus.WAITING,
            )
        )
        or 0
    )


def _add_ticket(
    session: Session,
    office_id: str,
    day: date,
    number: int,
    prefix: str,
    reason: TicketReason,
    now: datetime,
    request_id: uuid.UUID | None = None,
) -> Ticket:
    """The new waiting ticket and its operation in the outbox (refused if another took
    the number meanwhile)."""
    ticket = Ticket(
        id=uuid.uuid4(),
        office_id=office_id,
        service_day=day,
        number=number,
        code=walkin.ticket_code(prefix, number),
        reason=reason,
        status=TicketStatus.WAITING,
        issued_at=now,
        recall_count=0,
        request_id=request_id,
    )
    session.add(ticket)
    try:
        session.flush()
    except IntegrityError:
        raise WalkInRefused.of("ticket_taken_meanwhile") from None
    outbox.record(
        session,
        outbox.TICKET_ISSUE,
        office_id,
        ticket.id,
        {
            "ticket_id": str(ticket.id),
            "office_id": office_id,
            "number": number,
            "reason": str(reason),
            "request_id": str(request_id) if request_id is not None else None,
        },
        now,
    )
    return ticket


def issued_on(session: Session, office_id: str, day: date) -> int:
    """How many tickets an office issued on a day (the quota counts them)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.office_id == office_id, Ticket.service_day == day)
        )
        or 0
    )


def _next_number(session: Session, office_id: str, day: date) -> int:
    """The next ticket number: from this PC's block on a replica, else above all
    numbers issued or leased to counter PCs for the day."""
    if not outbox.is_replica(session):
        return leases.highest_taken(session, office_id, day) + 1
    lease = leases.own_lease(session, office_id, day)
    if lease is None:
        raise WalkInRefused.of("no_number_block")
    used = session.scalar(
        select(func.max(Ticket.number)).where(
            Ticket.office_id == office_id,
            Ticket.service_day == day,
            Ticket.number.between(lease.first_number, lease.last_number),
        )
    )
    number = (used or lease.first_number - 1) + 1
    if number > lease.last_number:
        raise WalkInRefused.of("number_block_used_up")
    return number


def call_next(
    db: DeskDatabase,
    office_id: str,
    counter_number: int,
    now: datetime,
    *,
    user_id: uuid.UUID | None = None,
) -> TicketInfo:
    """Call the next waiting ticket to a counter, in the call order of
    desk.domain.walkin (by the rank of its reason, then by number).

    On PostgreSQL the row is claimed with FOR UPDATE SKIP LOCKED, so two counters
    calling at once get two different tickets; SQLite serialises the writers. The call
    is written to the audit log (by ticket code) in the same transaction.
    """
    if not db.is_sqlite:
        from desk.services.walkin.claim import claim_centrally

        return claim_centrally(db, office_id, counter_number, now, user_id)
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        office = load_office(session, office_id)  # only its time zone: a call must be quick
        tz = ZoneInfo(office.timezone)
        counter = _counter(session, office_id, counter_number)
        local = now.astimezone(tz)
        replica = outbox.is_replica(session)
        ticket = _next_waiting(session, office_id, local.date(), replica)
        _record_call(session, ticket, counter, now, user_id, replica)
        uow.commit()
        return TicketInfo(
            ticket.id,
            office_id,
            ticket.code,
            ticket.number,
            ticket.reason,
            ticket.status,
            ticket.issued_at.astimezone(tz),
            counter_number=counter_number,
            called_at=local,
        )


def _counter(session: Session, office_id: str, counter_number: int) -> Counter:
    """The office's counter of that number, or UnknownId naming the ones it has."""
    counter = session.scalar(
        select(Counter).where(Counter.office_id == office_id, Counter.number == counter_number)
    )
    if counter is None:
        numbers = session.scalars(
            select(Counter.number).where(Counter.office_id == office_id).order_by(Counter.number)
        )
        raise unknown_counter(list(numbers), office_id, counter_number)
    return counter


def _next_waiting(session: Session, office_id: str, day: date, replica: bool) -> Ticket:
    """The first waiting ticket of the day in call order, locked; offline a counter calls
    only tickets of its own number block."""
    waiting = [
        Ticket.office_id == office_id,
        Ticket.service_day == day,
        Ticket.status == TicketStatus.WAITING,
    ]
    if replica:
        lease = leases.own_lease(session, office_id, day)
        if lease is None:
            raise WalkInRefused.of("no_own_tickets_offline", office_id=office_id)
        waiting.append(Ticket.number.between(lease.first_number, lease.last_number))
    ticket = session.scalar(
        select(Ticket)
        .where(*waiting)
        .order_by(*ticket_order())
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if ticket is None:
        raise WalkInRefused.of("none_waiting", office_id=office_id)
    return ticket


def _record_call(
    session: Session,
    ticket: Ticket,
    counter: Counter,
    now: datetime,
    user_id: uuid.UUID | None,
    replica: bool,
) -> None:
    """Mark the ticket called and write the call row for the display, the audit row and
    the outbox entry."""
    ticket.status = TicketStatus.CALLED
    ticket.called_at = now
    ticket.counter_id = counter.id
    call = Call(
        id=uuid.uuid4(),
        office_id=ticket.office_id,
        counter_id=counter.id,
        ticket_id=ticket.id,
        display_code=ticket.code,
        called_at=now,
        user_id=user_id,
        offline=replica,
    )
    session.add(call)
    session.flush()
    record(
        session,
        AuditAction.TICKET_CALL,
        at=now,
        entity="ticket",
        entity_id=ticket.id,
        user_id=user_id,
        office_id=ticket.office_id,
        counter_number=counter.number,
        old=TicketStatus.WAITING.value,
        new=TicketStatus.CALLED.value,
        detail=f"Wartenummer {ticket.code}" + (" (offline)" if replica else ""),
    )
    outbox.record(
        session,
        outbox.TICKET_CALL,
        ticket.office_id,
        ticket.id,
        {
            "ticket_id": str(ticket.id),
            "counter_number": counter.number,
            "user_id": str(user_id) if user_id is not None else None,
            "call_id": str(call.id),
        },
        now,
    )


def unknown_counter(numbers: list[int], office_id: str, counter_number: int) -> UnknownId:
    """The refusal of a counter number the office does not have, naming the ones it has."""
    known = ", ".join(str(n) for n in numbers) or "keine"
    return UnknownId.of(
        "unknown_counter_of", counter=counter_number, office_id=office_id, known=known
    )
