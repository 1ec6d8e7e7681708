"""Team-lead capacity actions (role checks arrive with the roles issue)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from desk.domain.audit import AuditAction
from desk.domain.errors import BookingRefused, UnknownId
from desk.domain.slots import day_slots
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office, load_schedule
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
        from desk.services.auth import require_team_lead

        require_team_lead(db, user_id, "Zusätzliche Termine freigeben")
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id, lock=True))
        counter_id = schedule.counters.get(counter_number)
        if counter_id is None:
            raise UnknownId(f"Unbekannter Schalter {counter_number} in {office_id}")
        today = now.astimezone(schedule.tz).date()
        if start.astimezone(schedule.tz).date() != today:
            raise BookingRefused("Zusätzliche Termine können nur für heute freigegeben werden")
        if start <= now:
            raise BookingRefused("Der Termin hat bereits begonnen")
        slots = day_slots(today, schedule.templates, schedule.closures, schedule.state, schedule.tz)
        if not any(s.counter_id == counter_id and s.start == start for s in slots):
            raise BookingRefused(
                f"An Schalter {counter_number} beginnt um {start.astimezone(schedule.tz):%H:%M} "
                "kein Termin"
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
        try:
            session.flush()
        except IntegrityError:
            raise BookingRefused("Dieser Termin ist bereits freigegeben") from None
        uow.commit()
        return release.id
