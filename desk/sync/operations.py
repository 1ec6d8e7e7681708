"""One definition per operation kind: what a counter sends, how the central service
checks and applies it, and how the counter withdraws it when it is refused.

A counter records an intention ("book this slot for this citizen", "call this
ticket to my counter") in its outbox, in the same local transaction as its local
effect (the services in desk/services do both). Centrally, the same services run
again with the server's clock and the caller's identity: the server never copies
a row a counter made up. It takes the ids the counter gave the new rows, so both
sides name them alike, and the next pull brings the central version of each row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desk.domain import walkin as walkin_rules
from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.status import AppointmentStatus, Channel, DeviceKind, TicketReason, TicketStatus
from desk.domain.steps import Action
from desk.domain.ticket_steps import MAX_RECALLS, TicketAction
from desk.services import booking, lifecycle, ticket_steps
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office
from desk.store.models import Appointment, Call, Counter, SlotHold, Ticket, TicketLease
from desk.store.uow import UnitOfWork
from desk.sync import outbox
from desk.sync.rows import read_by_ids


class BadArguments(RequestRefused):
    """An operation whose arguments do not make sense (a tampered or broken outbox row)."""


# Argument values are JSON; these read them back with a clear refusal when malformed.


def _uuid(args: dict[str, Any], key: str, *, optional: bool = False) -> uuid.UUID | None:
    value = args.get(key)
    if value is None and optional:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadArguments(f"Ungültige Angabe {key!r} in der Operation") from None


def _need_uuid(args: dict[str, Any], key: str) -> uuid.UUID:
    value = _uuid(args, key)
    assert value is not None
    return value


def _text(args: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = args.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise BadArguments(f"Ungültige Angabe {key!r} in der Operation")
    return value


def _int(args: dict[str, Any], key: str, *, optional: bool = False) -> int | None:
    value = args.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not -(2**31) < value < 2**31:
        raise BadArguments(f"Ungültige Angabe {key!r} in der Operation")
    return value


@dataclass(frozen=True)
class Caller:
    """Who sends an operation, as the central service authenticated it.

    ``office_id`` None is an in-process link of the server side (tests, benches):
    every office, and the user an operation names is taken as given.
    """

    office_id: str | None
    kind: str = DeviceKind.COUNTER
    counter_number: int | None = None
    device_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None

    @property
    def in_process(self) -> bool:
        """Whether this is the server's own side (no device)."""
        return self.office_id is None

    def check_office(self, office_id: str) -> None:
        """Refuse another office's rows (the answer does not say whether they exist)."""
        if self.office_id is not None and office_id != self.office_id:
            raise Forbidden("Dieses Gerät gehört zu einem anderen Standort")

    def counter(self, number: int | None) -> int | None:
        """The counter an operation acts at: a counter PC registered for one counter
        acts only there."""
        if self.counter_number is not None and number not in (None, self.counter_number):
            raise Forbidden(
                f"Dieses Gerät ist für Schalter {self.counter_number} angemeldet, "
                f"nicht für Schalter {number}"
            )
        return number if number is not None else self.counter_number


class Forbidden(RequestRefused):
    """The caller's device or role does not allow the operation (HTTP 403)."""


@dataclass(frozen=True)
class Context:
    """What an operation is applied with: the database in the operation's transaction,
    the server's time, the caller and the user it acts for."""

    db: DeskDatabase
    now: datetime
    caller: Caller
    user_id: uuid.UUID | None


class Operation:
    """The definition of one kind (subclasses below; ``OPERATIONS`` lists them)."""

    kind: str
    devices: frozenset[str] = frozenset({DeviceKind.COUNTER})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        """The office the operation acts in, read from central rows where they exist."""
        raise NotImplementedError

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        """Check and apply centrally (inside the caller's transaction); refusals raise."""
        raise NotImplementedError

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        """The central state of the rows the operation touched (sent back with a refusal)."""
        return {}

    def withdraw(self, session: Session, entity_id: uuid.UUID, args: dict[str, Any]) -> None:
        """On the counter: take back the local effect of a refused operation."""

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        """Whether the refusal is only the echo of an earlier refused booking or ticket
        (one conflict for the clerk, not two)."""
        return False


def _appointment_rows(session: Session, ids: list[uuid.UUID]) -> dict[str, list[Any]]:
    return {
        "appointment": read_by_ids(session, "appointment", ids),
        "appointment_event": read_by_ids(session, "appointment_event", ids, "appointment_id"),
        "slot_hold": read_by_ids(session, "slot_hold", ids, "appointment_id"),
        "call": read_by_ids(session, "call", ids, "appointment_id"),
    }


def _ticket_rows(session: Session, ticket_id: uuid.UUID) -> dict[str, list[Any]]:
    return {
        "ticket": read_by_ids(session, "ticket", [ticket_id]),
        "call": read_by_ids(session, "call", [ticket_id], "ticket_id"),
    }


def _refused_before(session: Session, kinds: tuple[str, ...], entity_id: uuid.UUID) -> bool:
    from desk.store.models import SyncConflict

    found = session.scalar(
        select(SyncConflict.id)
        .where(SyncConflict.kind.in_(kinds), SyncConflict.entity_id == entity_id)
        .limit(1)
    )
    return found is not None


class Book(Operation):
    """A booking made at a counter or on the phone (the portal books through its own
    endpoint, as the portal)."""

    kind = outbox.BOOK
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        return str(_text(args, "office_id"))

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        channel = _text(args, "channel")
        if channel not in (Channel.COUNTER, Channel.PHONE):
            raise Forbidden("Ein Schalter bucht am Schalter oder telefonisch, nicht als Portal")
        move_in = _text(args, "move_in", optional=True)
        try:
            start = datetime.fromisoformat(str(_text(args, "start")))
            moved = date.fromisoformat(move_in) if move_in else None
        except ValueError:
            raise BadArguments("Ungültige Zeitangabe in der Buchung") from None
        if start.tzinfo is None:
            raise BadArguments("Ungültige Zeitangabe in der Buchung")
        made = booking.book(
            ctx.db,
            str(_text(args, "office_id")),
            str(_text(args, "service_id")),
            start,
            str(_text(args, "name")),
            ctx.now,
            channel=Channel(channel),
            phone=_text(args, "phone", optional=True),
            email=_text(args, "email", optional=True),
            notes=_text(args, "notes", optional=True),
            move_in=moved,
            counter_number=_int(args, "counter_number", optional=True),
            appointment_id=_need_uuid(args, "id"),
            code=_text(args, "code", optional=True),
            event_id=_uuid(args, "event_id", optional=True),
        )
        return {"appointment": str(made.id), "code": made.code}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        try:
            start = datetime.fromisoformat(str(args.get("start")))
        except ValueError:
            return {}
        holders = list(
            session.scalars(
                select(Appointment.id).where(
                    Appointment.office_id == str(args.get("office_id")),
                    Appointment.starts_at == start,
                    Appointment.status != AppointmentStatus.CANCELLED,
                )
            )
        )
        return _appointment_rows(session, holders)

    def withdraw(self, session: Session, entity_id: uuid.UUID, args: dict[str, Any]) -> None:
        session.execute(delete(SlotHold).where(SlotHold.appointment_id == entity_id))
        found = session.get(Appointment, entity_id)
        if found is not None:
            found.status = AppointmentStatus.CANCELLED
            found.notes = ((found.notes or "") + " [Konflikt beim Abgleich]").strip()


class Step(Operation):
    """A step in an appointment's life cycle at a counter (check in at reception too)."""

    kind = outbox.STATUS
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        found = session.get(Appointment, _need_uuid(args, "appointment_id"))
        if found is None:
            raise UnknownId("Den Termin gibt es in der zentralen Datenbank nicht")
        return found.office_id

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        try:
            action = Action(str(args.get("action")))
        except ValueError:
            raise BadArguments("Unbekannter Schritt in der Operation") from None
        if ctx.caller.kind == DeviceKind.RECEPTION and action != Action.CHECK_IN:
            raise Forbidden("Am Empfang können Termine nur eingecheckt werden")
        ids = {
            name: value
            for name in ("event", "call")
            if (value := _uuid(args, f"{name}_id", optional=True)) is not None
        }
        done = lifecycle.perform(
            ctx.db,
            _need_uuid(args, "appointment_id"),
            action,
            ctx.now,
            counter_number=ctx.caller.counter(_int(args, "counter_number", optional=True)),
            user_id=ctx.user_id,
            reason=_text(args, "reason", optional=True),
            ids=ids,
        )
        return {"appointment": str(done.appointment_id), "status": done.status.value}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        return _appointment_rows(session, [_need_uuid(args, "appointment_id")])

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return _refused_before(session, (outbox.BOOK,), entity_id)


class Cancel(Operation):
    """A cancellation by booking code (the citizen called; the portal's own way)."""

    kind = outbox.CANCEL
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        code = str(_text(args, "code")).strip().upper()
        found = session.scalar(
            select(Appointment.office_id).where(Appointment.booking_code == code)
        )
        if found is None:
            raise UnknownId(f"Unbekannter Buchungscode {code!r}")
        return found

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        done = booking.cancel(
            ctx.db,
            str(_text(args, "code")),
            ctx.now,
            _text(args, "reason", optional=True),
            office_id=ctx.caller.office_id,
            event_id=_uuid(args, "event_id", optional=True),
        )
        return {"appointment": str(done.id), "status": done.status}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        code = str(args.get("code", "")).strip().upper()
        found = session.scalar(select(Appointment.id).where(Appointment.booking_code == code))
        return _appointment_rows(session, [found]) if found is not None else {}

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return _refused_before(session, (outbox.BOOK,), entity_id)


class IssueTicket(Operation):
    """A walk-in ticket a counter or the reception issued from its own number block."""

    kind = outbox.TICKET_ISSUE
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        return str(_text(args, "office_id"))

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        office_id = str(_text(args, "office_id"))
        number = _int(args, "number")
        assert number is not None
        try:
            reason = TicketReason(str(args.get("reason")))
        except ValueError:
            raise BadArguments("Unbekannter Grund der Wartenummer") from None
        with UnitOfWork(ctx.db.engine, write=True) as uow:
            session = uow.session
            office = load_office(session, office_id, lock=True)
            day = ctx.now.astimezone(ZoneInfo(office.timezone)).date()
            lease = select(TicketLease).where(
                TicketLease.office_id == office_id,
                TicketLease.service_day == day,
                TicketLease.first_number <= number,
                TicketLease.last_number >= number,
            )
            if not ctx.caller.in_process:
                lease = lease.where(TicketLease.client_id == ctx.caller.device_id)
            if session.scalar(lease.limit(1)) is None:
                raise RequestRefused(
                    f"Wartenummer {number}: nicht aus dem heutigen Nummernblock dieses Geräts"
                )
            issued = (
                session.scalar(
                    select(func.count())
                    .select_from(Ticket)
                    .where(Ticket.office_id == office_id, Ticket.service_day == day)
                )
                or 0
            )
            if office.walk_in_quota is not None and issued >= office.walk_in_quota:
                code = walkin_rules.ticket_code(office.ticket_prefix, number)
                raise RequestRefused(
                    f"{code}: das Tageskontingent von {office.walk_in_quota} war zentral "
                    "bereits ausgeschöpft"
                )
            ticket = Ticket(
                id=_need_uuid(args, "ticket_id"),
                office_id=office_id,
                service_day=day,
                number=number,
                code=walkin_rules.ticket_code(office.ticket_prefix, number),
                reason=reason,
                status=TicketStatus.WAITING,
                issued_at=ctx.now,
                recall_count=0,
            )
            session.add(ticket)
            session.flush()
            uow.commit()
        return {"ticket": str(ticket.id)}

    def withdraw(self, session: Session, entity_id: uuid.UUID, args: dict[str, Any]) -> None:
        # central never had it: the conflict keeps it for the clerk
        session.execute(delete(Call).where(Call.ticket_id == entity_id))
        session.execute(delete(Ticket).where(Ticket.id == entity_id))


class CallTicket(Operation):
    """A ticket a counter called offline, from its own number block."""

    kind = outbox.TICKET_CALL

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        found = session.get(Ticket, _need_uuid(args, "ticket_id"))
        if found is None:
            raise RequestRefused("Aufruf einer zentral nicht ausgegebenen Wartenummer")
        return found.office_id

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        number = ctx.caller.counter(_int(args, "counter_number", optional=True))
        with UnitOfWork(ctx.db.engine, write=True) as uow:
            session = uow.session
            ticket = session.get(Ticket, _need_uuid(args, "ticket_id"), with_for_update=True)
            assert ticket is not None  # office_of found it
            counter = session.scalar(
                select(Counter).where(
                    Counter.office_id == ticket.office_id, Counter.number == number
                )
            )
            if counter is None:
                raise UnknownId(f"Unbekannter Schalter {number} in {ticket.office_id}")
            if ticket.status != TicketStatus.WAITING:
                raise RequestRefused(
                    f"{ticket.code} wurde bereits an einem anderen Schalter aufgerufen "
                    "(Doppelaufruf)"
                )
            ticket.status = TicketStatus.CALLED
            ticket.called_at = ctx.now
            ticket.counter_id = counter.id
            session.add(
                Call(
                    id=_uuid(args, "call_id", optional=True) or uuid.uuid4(),
                    office_id=ticket.office_id,
                    counter_id=counter.id,
                    ticket_id=ticket.id,
                    display_code=ticket.code,
                    called_at=ctx.now,
                    user_id=ctx.user_id,
                    offline=True,
                )
            )
            record(
                session,
                AuditAction.TICKET_CALL,
                at=ctx.now,
                entity="ticket",
                entity_id=ticket.id,
                user_id=ctx.user_id,
                office_id=ticket.office_id,
                counter_number=counter.number,
                old=TicketStatus.WAITING.value,
                new=TicketStatus.CALLED.value,
                detail=f"Wartenummer {ticket.code} (offline)",
            )
            session.flush()
            uow.commit()
            return {"ticket": str(ticket.id), "status": TicketStatus.CALLED.value}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        return _ticket_rows(session, _need_uuid(args, "ticket_id"))

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return _refused_before(session, (outbox.TICKET_ISSUE,), entity_id)


class StepTicket(Operation):
    """A counter's step on a called ticket: applied only if the central ticket is still
    as the counter saw it (status and counter)."""

    kind = outbox.TICKET_STEP

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        found = session.get(Ticket, _need_uuid(args, "ticket_id"))
        if found is None:
            raise RequestRefused("Schritt für eine zentral nicht vorhandene Wartenummer")
        return found.office_id

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        try:
            action = TicketAction(str(args.get("action")))
        except ValueError:
            raise BadArguments("Unbekannter Schritt in der Operation") from None
        expected = args.get("expected")
        if not isinstance(expected, dict):
            raise BadArguments("Ungültige Angabe 'expected' in der Operation")
        recalls = _int(args, "max_recalls", optional=True)
        call_id = _uuid(args, "call_id", optional=True)
        done = ticket_steps.step(
            ctx.db,
            _need_uuid(args, "ticket_id"),
            action,
            ctx.now,
            counter_number=ctx.caller.counter(_int(args, "counter_number", optional=True)),
            max_recalls=min(max(recalls if recalls is not None else MAX_RECALLS, 0), 10),
            user_id=ctx.user_id,
            expected=expected,
            ids={"call": call_id} if call_id is not None else None,
        )
        return {"ticket": str(done.ticket_id), "status": done.status.value}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        return _ticket_rows(session, _need_uuid(args, "ticket_id"))

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return _refused_before(session, (outbox.TICKET_ISSUE,), entity_id)


OPERATIONS: dict[str, Operation] = {
    op.kind: op for op in (Book(), Step(), Cancel(), IssueTicket(), CallTicket(), StepTicket())
}
