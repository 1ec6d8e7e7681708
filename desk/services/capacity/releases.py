"""Team-lead capacity actions: release extra same-day slots for the portal."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.errors import BookingRefused, UnknownId
from desk.domain.slots import Slot, day_slots
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.services.schedule import OfficeSchedule, load_occupancy, load_office, load_schedule
from desk.store.models import ReleasedSlot
from desk.store.uow import UnitOfWork


def release_same_day_slot(
    db: DeskDatabase,
    office_id: str,
    counter_number: int,
    start: datetime,
    now: datetime,
    user_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Release one of today's slots at a counter for the portal, beyond horizon and share.

    Only slots of today that have not begun can be released; the release is audited.
    A signed-in user (``user_id``) must be a team lead; without one the call comes from
    the command line or a job, which the city's IT runs.
    """
    if user_id is not None:
        from desk.services.admin.auth import require_team_lead

        require_team_lead(db, user_id, "Zusätzliche Termine freigeben")
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id, lock=True))
        try:
            release_id = _release(session, schedule, counter_number, start, now, user_id)
            session.flush()
        except IntegrityError:
            raise BookingRefused.of("already_released") from None
        uow.commit()
        return release_id


def _release(
    session: Session,
    schedule: OfficeSchedule,
    counter_number: int,
    start: datetime,
    now: datetime,
    user_id: uuid.UUID | None,
    slots: list[Slot] | None = None,
) -> uuid.UUID:
    """Add one released slot and its audit row to the session (the rules of one release)."""
    office_id = schedule.office_id
    counter_id = schedule.counters.get(counter_number)
    if counter_id is None:
        raise UnknownId.of("unknown_counter", counter=counter_number, office_id=office_id)
    today = now.astimezone(schedule.tz).date()
    if start.astimezone(schedule.tz).date() != today:
        raise BookingRefused.of("release_today_only")
    if start <= now:
        raise BookingRefused.of("release_started")
    if slots is None:
        slots = day_slots(today, schedule.templates, schedule.closures, schedule.state, schedule.tz)
    if not any(s.counter_id == counter_id and s.start == start for s in slots):
        raise BookingRefused.of(
            "release_no_slot", counter=counter_number, at=start.astimezone(schedule.tz)
        )
    release = ReleasedSlot(
        id=uuid.uuid4(),
        office_id=office_id,
        counter_id=counter_id,
        starts_at=start,
        released_by=user_id,
        released_at=now,
    )
    session.add(release)
    record(
        session,
        AuditAction.RELEASE_SLOT,
        at=now,
        entity="released_slot",
        entity_id=release.id,
        user_id=user_id,
        office_id=office_id,
        counter_number=counter_number,
        new=start.isoformat(),
        detail=f"Schalter {counter_number}, {start.astimezone(schedule.tz):%d.%m.%Y %H:%M}",
    )
    return release.id


def release_same_day_slots(
    db: DeskDatabase,
    office_id: str,
    counter_numbers: Sequence[int],
    starts: Sequence[datetime] | None,
    now: datetime,
    user_id: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Release several of today's slots at once, by the rules of ``release_same_day_slot``.

    ``starts`` None releases all remaining internal slots of today at those counters:
    the ones not begun, not booked and not released yet. Given starts are released at
    each listed counter; any refused slot refuses the whole action (nothing is written).
    """
    if user_id is not None:
        from desk.services.admin.auth import require_team_lead

        require_team_lead(db, user_id, "Zusätzliche Termine freigeben")
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id, lock=True))
        for number in counter_numbers:
            if number not in schedule.counters:
                raise UnknownId.of("unknown_counter", counter=number, office_id=office_id)
        today = now.astimezone(schedule.tz).date()
        slots = day_slots(today, schedule.templates, schedule.closures, schedule.state, schedule.tz)
        wanted: list[tuple[int, datetime]]
        if starts is None:
            occupancy = load_occupancy(session, schedule, today, today)
            skip = occupancy.held | occupancy.released
            ids = {schedule.counters[n]: n for n in counter_numbers}
            wanted = [
                (ids[s.counter_id], s.start)
                for s in slots
                if s.counter_id in ids and s.start > now and (s.counter_id, s.start) not in skip
            ]
        else:
            wanted = [(n, start) for n in counter_numbers for start in starts]
        if not wanted:
            raise BookingRefused.of("release_nothing")
        released = [
            _release(session, schedule, n, start, now, user_id, slots) for n, start in wanted
        ]
        try:
            session.flush()
        except IntegrityError:
            raise BookingRefused.of("release_some_taken") from None
        uow.commit()
        return released
