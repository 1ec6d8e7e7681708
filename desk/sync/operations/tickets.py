"""The operation kinds on walk-in tickets: issue from the device's number block, an
offline call, a step on a called ticket."""

from __future__ import annotations

import uuid
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desk.domain import walkin as walkin_rules
from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.status import DeviceKind, TicketReason, TicketStatus
from desk.domain.ticket_steps import MAX_RECALLS, TicketAction
from desk.services.audit_log import record
from desk.services.schedule import load_office
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.store import outbox
from desk.store.models import Call, Counter, Ticket, TicketLease
from desk.store.uow import UnitOfWork
from desk.sync.operations.base import (
    BadArguments,
    Context,
    Operation,
    arg_int,
    arg_text,
    arg_uuid,
    need_uuid,
    refused_before,
    ticket_rows,
)


class IssueTicket(Operation):
    """A walk-in ticket a counter or the reception issued from its own number block."""

    kind = outbox.TICKET_ISSUE
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        return str(arg_text(args, "office_id"))

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        office_id = str(arg_text(args, "office_id"))
        number = arg_int(args, "number")
        assert number is not None
        try:
            reason = TicketReason(str(args.get("reason")))
        except ValueError:
            raise BadArguments.of("op_unknown_ticket_reason") from None
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
                raise RequestRefused.of("op_number_not_leased", number=number)
            issued = walkin.issued_on(session, office_id, day)
            if office.walk_in_quota is not None and issued >= office.walk_in_quota:
                code = walkin_rules.ticket_code(office.ticket_prefix, number)
                raise RequestRefused.of(
                    "op_quota_used_centrally", code=code, quota=office.walk_in_quota
                )
            ticket = Ticket(
                id=need_uuid(args, "ticket_id"),
                office_id=office_id,
                service_day=day,
                number=number,
                code=walkin_rules.ticket_code(office.ticket_prefix, number),
                reason=reason,
                status=TicketStatus.WAITING,
                issued_at=ctx.now,
                recall_count=0,
                request_id=_request_of(session, office_id, args),
            )
            session.add(ticket)
            session.flush()
            uow.commit()
        return {"ticket": str(ticket.id)}

    def withdraw(self, session: Session, entity_id: uuid.UUID, args: dict[str, Any]) -> None:
        # central never had it: the conflict keeps it for the clerk
        session.execute(delete(Call).where(Call.ticket_id == entity_id))
        session.execute(delete(Ticket).where(Ticket.id == entity_id))


def _request_of(session: Session, office_id: str, args: dict[str, Any]) -> uuid.UUID | None:
    """The press that issued the ticket, refused if the office has a ticket of it already."""
    request_id = arg_uuid(args, "request_id", optional=True)
    earlier = None if request_id is None else walkin.issued_for(session, office_id, request_id)
    if earlier is not None:
        raise RequestRefused.of("ticket_request_used", code=earlier.code)
    return request_id


class CallTicket(Operation):
    """A ticket a counter called offline, from its own number block."""

    kind = outbox.TICKET_CALL

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        found = session.get(Ticket, need_uuid(args, "ticket_id"))
        if found is None:
            raise RequestRefused.of("op_ticket_not_issued")
        return found.office_id

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        number = ctx.caller.counter(arg_int(args, "counter_number", optional=True))
        with UnitOfWork(ctx.db.engine, write=True) as uow:
            session = uow.session
            ticket = session.get(Ticket, need_uuid(args, "ticket_id"), with_for_update=True)
            assert ticket is not None  # office_of found it
            counter = session.scalar(
                select(Counter).where(
                    Counter.office_id == ticket.office_id, Counter.number == number
                )
            )
            if counter is None:
                raise UnknownId.of("unknown_counter", counter=number, office_id=ticket.office_id)
            if ticket.status != TicketStatus.WAITING:
                raise RequestRefused.of("op_called_twice", code=ticket.code)
            ticket.status = TicketStatus.CALLED
            ticket.called_at = ctx.now
            ticket.counter_id = counter.id
            session.add(
                Call(
                    id=arg_uuid(args, "call_id", optional=True) or uuid.uuid4(),
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
        return ticket_rows(session, need_uuid(args, "ticket_id"))

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return refused_before(session, (outbox.TICKET_ISSUE,), entity_id)


class StepTicket(Operation):
    """A counter's step on a called ticket: applied only if the central ticket is still
    as the counter saw it (status and counter)."""

    kind = outbox.TICKET_STEP

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        found = session.get(Ticket, need_uuid(args, "ticket_id"))
        if found is None:
            raise RequestRefused.of("op_ticket_missing")
        return found.office_id

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        try:
            action = TicketAction(str(args.get("action")))
        except ValueError:
            raise BadArguments.of("op_unknown_step") from None
        expected = args.get("expected")
        if not isinstance(expected, dict):
            raise BadArguments.of("op_bad_value", key="expected")
        recalls = arg_int(args, "max_recalls", optional=True)
        call_id = arg_uuid(args, "call_id", optional=True)
        done = ticket_steps.step(
            ctx.db,
            need_uuid(args, "ticket_id"),
            action,
            ctx.now,
            counter_number=ctx.caller.counter(arg_int(args, "counter_number", optional=True)),
            max_recalls=min(max(recalls if recalls is not None else MAX_RECALLS, 0), 10),
            user_id=ctx.user_id,
            expected=expected,
            ids={"call": call_id} if call_id is not None else None,
        )
        return {"ticket": str(done.ticket_id), "status": done.status.value}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        return ticket_rows(session, need_uuid(args, "ticket_id"))

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return refused_before(session, (outbox.TICKET_ISSUE,), entity_id)
