"""The operation kinds on appointments: book, a step of the life cycle, cancel by code."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desk.domain.errors import UnknownId
from desk.domain.status import AppointmentStatus, Channel, DeviceKind
from desk.domain.steps import Action
from desk.services.appointments import booking, lifecycle
from desk.store import outbox
from desk.store.models import Appointment, SlotHold
from desk.sync.operations.base import (
    BadArguments,
    Context,
    Forbidden,
    Operation,
    appointment_rows,
    arg_int,
    arg_text,
    arg_uuid,
    need_uuid,
    refused_before,
)


class Book(Operation):
    """A booking made at a counter or on the phone (the portal books through its own
    endpoint, as the portal)."""

    kind = outbox.BOOK
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        return str(arg_text(args, "office_id"))

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        channel = arg_text(args, "channel")
        if channel not in (Channel.COUNTER, Channel.PHONE):
            raise Forbidden.of("op_portal_channel")
        move_in = arg_text(args, "move_in", optional=True)
        try:
            start = datetime.fromisoformat(str(arg_text(args, "start")))
            moved = date.fromisoformat(move_in) if move_in else None
        except ValueError:
            raise BadArguments.of("op_bad_time") from None
        if start.tzinfo is None:
            raise BadArguments.of("op_bad_time")
        made = booking.book(
            ctx.db,
            str(arg_text(args, "office_id")),
            str(arg_text(args, "service_id")),
            start,
            str(arg_text(args, "name")),
            ctx.now,
            channel=Channel(channel),
            phone=arg_text(args, "phone", optional=True),
            email=arg_text(args, "email", optional=True),
            notes=arg_text(args, "notes", optional=True),
            move_in=moved,
            counter_number=arg_int(args, "counter_number", optional=True),
            appointment_id=need_uuid(args, "id"),
            code=arg_text(args, "code", optional=True),
            event_id=arg_uuid(args, "event_id", optional=True),
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
        return appointment_rows(session, holders)

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
        found = session.get(Appointment, need_uuid(args, "appointment_id"))
        if found is None:
            raise UnknownId.of("op_unknown_appointment")
        return found.office_id

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        try:
            action = Action(str(args.get("action")))
        except ValueError:
            raise BadArguments.of("op_unknown_step") from None
        if ctx.caller.kind == DeviceKind.RECEPTION and action != Action.CHECK_IN:
            raise Forbidden.of("op_reception_check_in_only")
        ids = {
            name: value
            for name in ("event", "call")
            if (value := arg_uuid(args, f"{name}_id", optional=True)) is not None
        }
        done = lifecycle.perform(
            ctx.db,
            need_uuid(args, "appointment_id"),
            action,
            ctx.now,
            counter_number=ctx.caller.counter(arg_int(args, "counter_number", optional=True)),
            user_id=ctx.user_id,
            reason=arg_text(args, "reason", optional=True),
            ids=ids,
        )
        return {"appointment": str(done.appointment_id), "status": done.status.value}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        return appointment_rows(session, [need_uuid(args, "appointment_id")])

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return refused_before(session, (outbox.BOOK,), entity_id)


class Cancel(Operation):
    """A cancellation by booking code (the citizen called; the portal's own way)."""

    kind = outbox.CANCEL
    devices = frozenset({DeviceKind.COUNTER, DeviceKind.RECEPTION})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        code = str(arg_text(args, "code")).strip().upper()
        found = session.scalar(
            select(Appointment.office_id).where(Appointment.booking_code == code)
        )
        if found is None:
            raise UnknownId.of("unknown_booking_code", code=code)
        return found

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        done = booking.cancel(
            ctx.db,
            str(arg_text(args, "code")),
            ctx.now,
            arg_text(args, "reason", optional=True),
            office_id=ctx.caller.office_id,
            event_id=arg_uuid(args, "event_id", optional=True),
        )
        return {"appointment": str(done.id), "status": done.status}

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        code = str(args.get("code", "")).strip().upper()
        found = session.scalar(select(Appointment.id).where(Appointment.booking_code == code))
        return appointment_rows(session, [found]) if found is not None else {}

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        return refused_before(session, (outbox.BOOK,), entity_id)
