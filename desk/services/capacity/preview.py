"""What-if preview of a capacity change: the next days before and after, and collisions.

Nothing is written: the change is applied to the office's plan in memory and the
same slot and policy rules the portal uses produce the numbers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain.capacity_change import PlanChange
from desk.domain.collisions import Booked, collisions
from desk.domain.localtime import local_day_bounds
from desk.domain.slots import Closure as ClosureRule
from desk.domain.status import AppointmentStatus
from desk.domain.what_if import DayCapacity, Plan, apply_change, capacity_days, normalise
from desk.services.appointments.availability import Offer, free_offers
from desk.services.database import DeskDatabase
from desk.services.schedule import OfficeSchedule, load_occupancy, load_office, load_schedule
from desk.store.models import Appointment, Closure, ReleasedSlot
from desk.store.uow import UnitOfWork

PREVIEW_DAYS = 14
#: How far after a colliding appointment a free slot is looked for.
SUGGESTION_DAYS = 14
#: Appointments in these states still need their slot (the others are over).
WAITING_STATES = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


@dataclass(frozen=True)
class PreviewDay:
    """One day's numbers before and after the change."""

    before: DayCapacity
    after: DayCapacity

    @property
    def day(self) -> date:
        """The local day."""
        return self.before.day

    @property
    def changed(self) -> bool:
        """Whether any number of the day differs."""
        b, a = self.before, self.after
        return (b.portal, b.internal, b.walk_in) != (a.portal, a.internal, a.walk_in)


@dataclass(frozen=True)
class Collision:
    """An appointment whose slot the change takes away, with a free slot to move it to."""

    appointment_id: uuid.UUID
    code: str
    service_id: str
    counter_number: int
    start: datetime
    end: datetime
    reason: str
    suggestion: datetime | None = None
    suggestion_counter: int | None = None


@dataclass(frozen=True)
class Preview:
    """The preview of one change: days side by side and the collisions."""

    days: tuple[PreviewDay, ...]
    collisions: tuple[Collision, ...]
    change: PlanChange

    @property
    def changed_days(self) -> int:
        """How many days have a different number."""
        return sum(1 for d in self.days if d.changed)


def plan_in(session: Session, schedule: OfficeSchedule) -> Plan:
    """The office's plan (all template and policy rows, closures with their ids)."""
    closures = tuple(
        (c.id, ClosureRule(c.starts_on, c.ends_on, c.reason, c.counter_id))
        for c in session.scalars(
            select(Closure)
            .where(Closure.office_id == schedule.office_id)
            .order_by(Closure.starts_on)
        )
    )
    return Plan(
        schedule.kind,
        schedule.state,
        schedule.tz,
        dict(schedule.counters),
        schedule.templates,
        schedule.policies,
        closures,
        schedule.walk_in,
    )


def released_in(
    session: Session, schedule: OfficeSchedule, now: datetime, days: int
) -> frozenset[tuple[uuid.UUID, datetime]]:
    """Slots released by hand from today on (they count for the portal)."""
    start, _ = local_day_bounds(now.astimezone(schedule.tz).date(), schedule.tz)
    rows = session.execute(
        select(ReleasedSlot.counter_id, ReleasedSlot.starts_at).where(
            ReleasedSlot.office_id == schedule.office_id,
            ReleasedSlot.starts_at >= start,
            ReleasedSlot.starts_at < start + timedelta(days=days + 1),
        )
    )
    return frozenset((r[0], r[1]) for r in rows)


def booked_from(session: Session, schedule: OfficeSchedule, since: datetime) -> list[Booked]:
    """Appointments still waiting for their slot that start at or after ``since``."""
    numbers = {cid: n for n, cid in schedule.counters.items()}
    rows = session.scalars(
        select(Appointment)
        .where(
            Appointment.office_id == schedule.office_id,
            Appointment.starts_at >= since,
            Appointment.status.in_(WAITING_STATES),
        )
        .order_by(Appointment.starts_at)
    )
    return [
        Booked(
            a.id,
            a.booking_code,
            a.service_id,
            a.counter_id,
            numbers[a.counter_id],
            a.starts_at,
            a.ends_at,
        )
        for a in rows
        if a.counter_id in numbers
    ]


def colliding(
    session: Session, schedule: OfficeSchedule, before: Plan, after: Plan, now: datetime
) -> list[Collision]:
    """The appointments the change collides with, each with a suggested free slot."""
    hits = collisions(before, after, booked_from(session, schedule, now))
    if not hits:
        return []
    moved = schedule_of(schedule, after)
    today = now.astimezone(schedule.tz).date()
    last = max(b.start.astimezone(schedule.tz).date() for b, _ in hits) + timedelta(
        days=SUGGESTION_DAYS
    )
    occupancy = load_occupancy(session, moved, today, last)
    taken: set[tuple[uuid.UUID, datetime]] = set()
    offers: dict[str, list[Offer]] = {}  # one search per service, not per collision
    found: list[Collision] = []
    for booked, reason in hits:
        offer = None
        if booked.service_id in moved.services:
            if booked.service_id not in offers:
                offers[booked.service_id] = free_offers(
                    moved, occupancy, booked.service_id, today, last, now, portal=False
                )
            free = [
                o
                for o in offers[booked.service_id]
                if not any((o.counter_id, s) in taken for s in o.slot_starts)
            ]
            if free:  # the free slot nearest to the booked time, later ones first on a tie
                offer = min(
                    free, key=lambda o: (abs(o.start - booked.start), o.start < booked.start)
                )
                taken.update((offer.counter_id, s) for s in offer.slot_starts)
        found.append(
            Collision(
                booked.id,
                booked.code,
                booked.service_id,
                booked.counter_number,
                booked.start.astimezone(schedule.tz),
                booked.end.astimezone(schedule.tz),
                reason,
                offer.start if offer else None,
                offer.counter_number if offer else None,
            )
        )
    return found


def schedule_of(schedule: OfficeSchedule, plan: Plan) -> OfficeSchedule:
    """The schedule with a plan's templates, closures, policies and walk-in rules."""
    return replace(
        schedule,
        templates=plan.templates,
        closures=plan.closure_rules,
        policies=plan.policies,
        walk_in=plan.walk_in,
    )


def preview(
    db: DeskDatabase, office_id: str, change: PlanChange, now: datetime, days: int = PREVIEW_DAYS
) -> Preview:
    """Per day for the next ``days`` days: portal slots, internal slots and walk-in quota
    before and after ``change``, and the appointments it collides with (nothing is written)."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id))
        before = plan_in(session, schedule)
        change = normalise(before, change)
        after = apply_change(before, change)
        released = released_in(session, schedule, now, days)
        found = colliding(session, schedule, before, after, now)
    pairs = zip(
        capacity_days(before, now, days, released),
        capacity_days(after, now, days, released),
        strict=True,
    )
    return Preview(tuple(PreviewDay(b, a) for b, a in pairs), tuple(found), change)


def capacity_now(
    db: DeskDatabase, office_id: str, now: datetime, days: int = PREVIEW_DAYS
) -> list[DayCapacity]:
    """The stored plan's numbers for the next ``days`` days (what the rules produce now)."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id))
        plan = plan_in(session, schedule)
        released = released_in(session, schedule, now, days)
    return capacity_days(plan, now, days, released)
