"""One day's free starts for a clerk's booking (by phone or at the counter).

The clerk chooses any day from today to the office's internal reach
(``availability.internal_reach``) and sees every free start of that day; the
earliest free start from now on comes along, for the Anmeldefrist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desk.services.appointments.availability import Offer, free_offers, internal_reach
from desk.services.database import DeskDatabase
from desk.services.schedule import (
    Occupancy,
    OfficeSchedule,
    load_occupancy,
    load_office,
    load_schedule,
    require_service,
)
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class DayOffers:
    """The free starts of ``day`` (every free counter, earliest first), the earliest
    free start from now on, and the days a clerk may choose (``first_day`` …
    ``last_day``, local to the office)."""

    day: date
    offers: tuple[Offer, ...]
    earliest: Offer | None
    first_day: date
    last_day: date


def day_offers(
    db: DeskDatabase, office_id: str, service_id: str, day: date | None, now: datetime
) -> DayOffers:
    """A day's free starts for a service, internally bookable (never in the past).

    ``day`` None: the day of the earliest free start (today when nothing is free); a
    day before today or after the internal reach is taken as the nearest day within.
    """
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
        require_service(schedule, service_id)
        today = now.astimezone(schedule.tz).date()
        last = internal_reach(schedule.policies, today, service_id)
        occupancy = load_occupancy(uow.session, schedule, today, last)
    earliest = _earliest(schedule, occupancy, service_id, today, last, now)
    if day is None:
        day = earliest.start.date() if earliest is not None else today
    day = min(max(day, today), last)
    offers = free_offers(schedule, occupancy, service_id, day, day, now, portal=False)
    return DayOffers(day, tuple(offers), earliest, today, last)


def _earliest(
    schedule: OfficeSchedule,
    occupancy: Occupancy,
    service_id: str,
    first: date,
    last: date,
    now: datetime,
) -> Offer | None:
    """The earliest free start between two days (read day by day, stops at the first)."""
    day = first
    while day <= last:
        offers = free_offers(schedule, occupancy, service_id, day, day, now, portal=False)
        if offers:
            return offers[0]
        day += timedelta(days=1)
    return None
