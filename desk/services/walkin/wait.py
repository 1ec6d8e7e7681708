"""What the one waiting-time estimate (desk.domain.wait_estimate) is computed from, read
from an office's database in one go:

- the service times of the office's last ``SAMPLES`` served walk-in tickets (call to
  finish) of the past ``HISTORY`` days — the office's own measured pace, not one day's
  first quick service;
- the counters actually serving: those that called somebody in the last
  ``ACTIVE_WINDOW`` or are with somebody now. Before the day's service begins (the
  walk-in hour or the first opening hours) and in the first ``ACTIVE_WINDOW`` after,
  and whenever no counter was seen serving lately, the counters staffed by the opening
  hours count instead when they are more (before the hours open: those that open first,
  as the staffing advisor assumes): nobody has had the time to call yet, or nobody has
  called at all, and one counter for everybody would be the "220 minutes" of issue 19;
  at least one counter always;
- how long each busy counter has been with its person (a ticket or an appointment
  called or in service today).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.localtime import at_local, local_day_bounds
from desk.domain.status import AppointmentStatus, TicketStatus
from desk.domain.wait_estimate import ServiceProfile, service_profile, serving_counters
from desk.services.schedule import OfficeSchedule
from desk.store.models import Appointment, Call, Ticket

#: How many recent services the typical time is taken from.
SAMPLES = 50
#: How far back those services may lie.
HISTORY = timedelta(days=28)
#: A counter that called somebody this recently counts as serving.
ACTIVE_WINDOW = timedelta(minutes=30)
#: Minutes of a walk-in's service before enough were measured.
DEFAULT_MINUTES = 10.0


@dataclass(frozen=True)
class WaitInputs:
    """The measured inputs of the estimate at one moment."""

    profile: ServiceProfile
    counters: int  # counters serving, at least one
    busy_for: tuple[float, ...]  # minutes each busy counter has been with its person


def wait_inputs(session: Session, schedule: OfficeSchedule, now: datetime) -> WaitInputs:
    """Service times, serving counters and busy counters of ``schedule``'s office."""
    office_id = schedule.office_id
    day = now.astimezone(schedule.tz).date()
    profile = service_profile(recent_service_minutes(session, office_id, now), DEFAULT_MINUTES)
    busy = _busy_since(session, office_id, day, schedule, now)
    active = set(busy) | _recent_callers(session, office_id, now)
    staffed = len(_staffed(schedule, day, now))
    return WaitInputs(
        profile,
        serving_counters(len(active), staffed, _just_opened(schedule, day, now)),
        tuple(sorted((now - since).total_seconds() / 60 for since in busy.values())),
    )


def recent_service_minutes(session: Session, office_id: str, now: datetime) -> list[float]:
    """Service minutes (call to finish) of the office's last served walk-in tickets."""
    rows = session.execute(
        select(Ticket.called_at, Ticket.finished_at)
        .where(
            Ticket.office_id == office_id,
            Ticket.status == TicketStatus.DONE,
            Ticket.called_at.is_not(None),
            Ticket.finished_at <= now,
            Ticket.finished_at > now - HISTORY,
        )
        .order_by(Ticket.finished_at.desc())
        .limit(SAMPLES)
    ).all()
    return [
        (finished - called).total_seconds() / 60
        for called, finished in rows
        if called is not None and finished is not None and finished >= called
    ]


def _recent_callers(session: Session, office_id: str, now: datetime) -> set[uuid.UUID]:
    """Counters that called somebody in the last ACTIVE_WINDOW."""
    return set(
        session.scalars(
            select(Call.counter_id)
            .where(
                Call.office_id == office_id,
                Call.called_at > now - ACTIVE_WINDOW,
                Call.called_at <= now,
            )
            .distinct()
        )
    )


def _busy_since(
    session: Session, office_id: str, day: date, schedule: OfficeSchedule, now: datetime
) -> dict[uuid.UUID, datetime]:
    """Counter → since when it is with its current person (called or in service today)."""
    busy: dict[uuid.UUID, datetime] = {}
    for counter_id, called_at in session.execute(
        select(Ticket.counter_id, Ticket.called_at).where(
            Ticket.office_id == office_id,
            Ticket.service_day == day,
            Ticket.status.in_([TicketStatus.CALLED, TicketStatus.IN_SERVICE]),
            Ticket.counter_id.is_not(None),
            Ticket.called_at <= now,
        )
    ):
        if counter_id is not None and called_at is not None:
            busy[counter_id] = max(called_at, busy.get(counter_id, called_at))
    start, end = local_day_bounds(day, schedule.tz)
    for counter_id, called_at in session.execute(
        select(Call.counter_id, func.max(Call.called_at))
        .join(Appointment, Appointment.id == Call.appointment_id)
        .where(
            Appointment.office_id == office_id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.status.in_([AppointmentStatus.CALLED, AppointmentStatus.IN_SERVICE]),
            Call.called_at <= now,
        )
        .group_by(Call.counter_id)
    ):
        busy[counter_id] = max(called_at, busy.get(counter_id, called_at))
    return busy


def _staffed(schedule: OfficeSchedule, day: date, now: datetime) -> set[uuid.UUID]:
    """Counters whose opening hours cover ``now`` (before the first opening: those that
    open first), minus closed counters."""
    local = now.astimezone(schedule.tz).time()
    today = [
        t
        for t in schedule.templates
        if t.valid_on(day) and not any(c.closes(day, t.counter_id) for c in schedule.closures)
    ]
    first = min((t.opens for t in today), default=None)
    moment = first if first is not None and local < first else local
    return {t.counter_id for t in today if t.opens <= moment < t.closes}


def _just_opened(schedule: OfficeSchedule, day: date, now: datetime) -> bool:
    """Before the day's first service (the walk-in hour or the first opening hours) or
    within ACTIVE_WINDOW after it began."""
    starts = [t.opens for t in schedule.templates if t.valid_on(day)]
    if not starts:
        return False
    if schedule.walk_in.walk_in_from is not None:
        starts.append(schedule.walk_in.walk_in_from)
    return now < at_local(day, min(starts), schedule.tz) + ACTIVE_WINDOW
