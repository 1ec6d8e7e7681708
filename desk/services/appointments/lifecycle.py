"""An appointment's life cycle at the counter: check in, call, serve, finish, no-show,
cancel, recall; every step is stamped (time, counter, clerk) and goes to the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.status import AppointmentStatus
from desk.domain.steps import ACTION_LABELS_DE as ACTION_LABELS_DE
from desk.domain.steps import STEPS, UNDO_MINUTES, Action, undo_too_late
from desk.domain.steps import allowed_actions as allowed_actions
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.store import outbox
from desk.store.models import (
    Appointment,
    AppointmentEvent,
    Call,
    Counter,
    Office,
    SlotHold,
    User,
)
from desk.store.uow import UnitOfWork

S = AppointmentStatus
MAX_REASON = 500
#: Steps whose event notes their label (the state alone does not tell them apart).
_NOTED = (Action.RECALL, Action.UNDO_NO_SHOW, Action.REQUEUE)

#: The steps the audit log records (DESIGN.md §6: every call, no-show and cancellation).
AUDITED: dict[Action, AuditAction] = {
    Action.CALL: AuditAction.APPOINTMENT_CALL,
    Action.RECALL: AuditAction.APPOINTMENT_RECALL,
    Action.NO_SHOW: AuditAction.APPOINTMENT_NO_SHOW,
    Action.CANCEL: AuditAction.APPOINTMENT_CANCEL,
    Action.UNDO_NO_SHOW: AuditAction.APPOINTMENT_NO_SHOW_UNDONE,
}


@dataclass(frozen=True)
class HistoryEntry:
    """One stamped step of an appointment's history (local time)."""

    status: str
    at: datetime
    counter_name: str | None
    user_name: str | None
    note: str | None


@dataclass(frozen=True)
class Transition:
    """The outcome of a step: the new state and the call display code, if called."""

    appointment_id: uuid.UUID
    booking_code: str
    status: AppointmentStatus
    at: datetime
    display_code: str | None = None


def perform(
    db: DeskDatabase,
    appointment_id: uuid.UUID,
    action: Action,
    now: datetime,
    *,
    counter_number: int | None = None,
    user_id: uuid.UUID | None = None,
    reason: str | None = None,
    ids: Mapping[str, uuid.UUID] | None = None,
) -> Transition:
    """Take one life-cycle step; an illegal step is refused with the reason in words.

    A call (or recall) goes to the clerk's counter and is written as a call row for
    the waiting-room display, showing the booking code, never the name. A
    cancellation frees the appointment's slots and keeps the reason. Calls, recalls,
    no-shows and cancellations are written to the audit log (by booking code, no name).
    ``ids`` ("event", "call"): the ids a counter gave the new rows (the central service).
    """
    ids = ids or {}
    step = STEPS[action]
    note = _note(action, reason)
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        found = session.get(Appointment, appointment_id, with_for_update=True)
        if found is None:
            raise UnknownId.of("unknown_appointment", id=appointment_id)
        if found.status not in step.sources:
            raise RequestRefused.of(
                "step_not_possible", code=found.booking_code, status=found.status, step=step.label
            )
        target = _target(session, found, action, now, user_id)
        counter = _counter(session, found.office_id, counter_number)
        if target in (S.CALLED, S.IN_SERVICE) and counter is None:
            raise RequestRefused.of("counter_needed")
        before = found.status
        found.status = target
        found.updated_at = now
        if target == S.CANCELLED:
            session.execute(delete(SlotHold).where(SlotHold.appointment_id == found.id))
        event = AppointmentEvent(
            id=ids.get("event") or uuid.uuid4(),
            appointment_id=found.id,
            status=target,
            at=now,
            counter_id=counter.id if counter is not None else None,
            user_id=user_id,
            note=note if note is not None else (step.label if action in _NOTED else None),
        )
        session.add(event)
        call = None
        if action in (Action.CALL, Action.RECALL) and counter is not None:
            call = _call_row(found, counter, ids.get("call"), now, user_id)
            session.add(call)
        session.flush()
        _record(session, action, found, before, counter, event, call, note, user_id, now)
        uow.commit()
        display_code = call.display_code if call is not None else None
        return Transition(found.id, found.booking_code, S(target), now, display_code)


def _target(
    session: Session, found: Appointment, action: Action, now: datetime, user_id: uuid.UUID | None
) -> AppointmentStatus:
    """The state the step leads to, after the checks of its time: a no-show not before the
    appointment's start; a no-show taken back only by its clerk within UNDO_MINUTES, to
    the state it had before."""
    if action == Action.NO_SHOW and now < found.starts_at:
        office = session.get(Office, found.office_id)
        tz = ZoneInfo(office.timezone if office is not None else "Europe/Berlin")
        starts = found.starts_at.astimezone(tz)
        raise RequestRefused.of("no_show_too_early", code=found.booking_code, starts=starts)
    if action != Action.UNDO_NO_SHOW:
        return STEPS[action].target
    events = session.scalars(
        select(AppointmentEvent)
        .where(AppointmentEvent.appointment_id == found.id)
        .order_by(AppointmentEvent.at.desc(), AppointmentEvent.id.desc())
        .limit(2)
    ).all()
    marked = events[0] if events else None
    earlier = events[1] if len(events) > 1 else None
    if marked is None or marked.status != S.NO_SHOW or undo_too_late(marked.at, now):
        raise RequestRefused.of(
            "no_show_undo_too_late", code=found.booking_code, minutes=UNDO_MINUTES
        )
    if user_id is not None and marked.user_id is not None and marked.user_id != user_id:
        raise RequestRefused.of("no_show_undo_other_clerk", code=found.booking_code)
    return S(earlier.status) if earlier is not None else S.CHECKED_IN


def _note(action: Action, reason: str | None) -> str | None:
    """The step's reason, trimmed; refused when too long, or missing for a cancellation."""
    note = (reason or "").strip() or None
    if note is not None and len(note) > MAX_REASON:
        raise RequestRefused.of("reason_too_long", limit=MAX_REASON)
    if action == Action.CANCEL and note is None:
        raise RequestRefused.of("cancel_reason_missing")
    return note


def _call_row(
    found: Appointment,
    counter: Counter,
    call_id: uuid.UUID | None,
    now: datetime,
    user_id: uuid.UUID | None,
) -> Call:
    """The call display's row: the booking code to this counter, never the name."""
    return Call(
        id=call_id or uuid.uuid4(),
        office_id=found.office_id,
        counter_id=counter.id,
        appointment_id=found.id,
        display_code=found.booking_code,
        called_at=now,
        user_id=user_id,
        offline=False,
    )


def _record(
    session: Session,
    action: Action,
    found: Appointment,
    before: str,
    counter: Counter | None,
    event: AppointmentEvent,
    call: Call | None,
    note: str | None,
    user_id: uuid.UUID | None,
    now: datetime,
) -> None:
    """The audit row of an audited step, and the step's operation in the outbox."""
    number = counter.number if counter is not None else None
    if action in AUDITED:
        record(
            session,
            AUDITED[action],
            at=now,
            entity="appointment",
            entity_id=found.id,
            user_id=user_id,
            office_id=found.office_id,
            counter_number=number,
            old=before,
            new=S(found.status).value,
            detail=f"Termin {found.booking_code}",
        )
    args = {
        "appointment_id": str(found.id),
        "action": action.value,
        "counter_number": number,
        "reason": note,
        "user_id": str(user_id) if user_id is not None else None,
        "event_id": str(event.id),
        "call_id": str(call.id) if call is not None else None,
    }
    outbox.record(session, outbox.STATUS, found.office_id, found.id, args, now)


def _counter(session: Session, office_id: str, number: int | None) -> Counter | None:
    if number is None:
        return None
    counter = session.scalar(
        select(Counter).where(Counter.office_id == office_id, Counter.number == number)
    )
    if counter is None:
        raise UnknownId.of("unknown_counter", counter=number, office_id=office_id)
    return counter


def history(db: DeskDatabase, appointment_id: uuid.UUID) -> list[HistoryEntry]:
    """Every stamped step of an appointment, oldest first, in the office's time."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        found = session.get(Appointment, appointment_id)
        if found is None:
            raise UnknownId.of("unknown_appointment", id=appointment_id)
        office = session.get(Office, found.office_id)
        tz = ZoneInfo(office.timezone if office is not None else "Europe/Berlin")
        rows = session.execute(
            select(AppointmentEvent, Counter.name, User.display_name)
            .outerjoin(Counter, Counter.id == AppointmentEvent.counter_id)
            .outerjoin(User, User.id == AppointmentEvent.user_id)
            .where(AppointmentEvent.appointment_id == appointment_id)
            .order_by(AppointmentEvent.at, AppointmentEvent.id)
        ).all()
        return [
            HistoryEntry(e.status, e.at.astimezone(tz), counter_name, user_name, e.note)
            for e, counter_name, user_name in rows
        ]


def check_in_by_code(
    db: DeskDatabase,
    office_id: str,
    code: str,
    now: datetime,
    *,
    user_id: uuid.UUID | None = None,
) -> str:
    """Check in today's appointment of an office by its booking code (any case, with or
    without the dash); returns the code as booked."""
    wanted = code.upper().replace(" ", "").replace("-", "")
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        office = session.get(Office, office_id)
        if office is None:
            raise UnknownId.of("unknown_office_id", office_id=office_id)
        tz = ZoneInfo(office.timezone)
        found = [
            (a.id, a.booking_code, a.starts_at.astimezone(tz).date())
            for a in session.scalars(
                select(Appointment).where(
                    Appointment.office_id == office_id,
                    func.replace(Appointment.booking_code, "-", "") == wanted,
                )
            )
        ]
    today = [f for f in found if f[2] == now.astimezone(tz).date()]
    if not today:
        if found:
            raise UnknownId.of("no_appointment_today", code=code)
        raise UnknownId.of("no_appointment_for_code", code=code)
    perform(db, today[0][0], Action.CHECK_IN, now, user_id=user_id)
    return today[0][1]
