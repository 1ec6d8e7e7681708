"""Load an office's schedule (templates, closures, policies, holds) for the rules.

The rules in desk.domain take plain values; this module reads them from the
database inside the caller's unit of work, with queries bounded by the days
asked for (their cost grows with the range, not with the database).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk.domain.errors import UnknownId
from desk.domain.localtime import local_day_bounds
from desk.domain.policy import Policy
from desk.domain.slots import Closure as ClosureRule
from desk.domain.slots import Template
from desk.domain.status import HOLDING_STATES, Channel, OfficeKind, PolicyKind
from desk.domain.walkin import WalkInRules
from desk.store.models import (
    Appointment,
    BookingPolicy,
    Closure,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    ReleasedSlot,
    Service,
    SlotHold,
)


@dataclass(frozen=True)
class OfficeSchedule:
    """Everything the slot and policy rules need about one office."""

    office_id: str
    name: str
    kind: OfficeKind
    state: str
    tz: ZoneInfo
    templates: tuple[Template, ...]
    closures: tuple[ClosureRule, ...]
    policies: tuple[Policy, ...]
    services: dict[str, int]  # offered service id → minutes
    counters: dict[int, uuid.UUID]  # number → id
    walk_in: WalkInRules
    ticket_prefix: str

    def walk_in_rules_on(self, day: date) -> WalkInRules:
        """Walk-in rules with the day's opening intervals (for walk-in-only offices)."""
        hours = sorted({(t.opens, t.closes) for t in self.templates if t.valid_on(day)})
        return WalkInRules(
            self.walk_in.kind,
            self.walk_in.walk_in_from,
            self.walk_in.walk_in_until,
            self.walk_in.quota,
            tuple(hours),
            self.walk_in.if_someone_current,
        )


def load_office(
    session: Session, office_id: str, *, lock: bool = False, share: bool = False
) -> Office:
    """The office row, or UnknownId naming the ids that exist; ``lock`` takes a row lock,
    ``share`` a shared one (many hold it at once; a ``lock`` waits for them all)."""
    query = select(Office).where(Office.id == office_id)
    if lock:
        query = query.with_for_update()
    elif share:
        query = query.with_for_update(read=True)
    office = session.scalar(query)
    if office is None:
        known = ", ".join(session.scalars(select(Office.id).order_by(Office.id))) or "keine"
        raise UnknownId.of("unknown_office", office_id=office_id, known=known)
    return office


def load_schedule(session: Session, office: Office) -> OfficeSchedule:
    """Read an office's templates, closures, policies, services and counters."""
    counters = {
        c.id: c.number
        for c in session.scalars(
            select(Counter).where(Counter.office_id == office.id, Counter.active.is_(True))
        )
    }
    return OfficeSchedule(
        office_id=office.id,
        name=office.name,
        kind=OfficeKind(office.kind),
        state=office.state,
        tz=ZoneInfo(office.timezone),
        templates=_templates(session, office.id, counters),
        closures=tuple(
            ClosureRule(c.starts_on, c.ends_on, c.reason, c.counter_id)
            for c in session.scalars(select(Closure).where(Closure.office_id == office.id))
        ),
        policies=_policies(session, office.id),
        services={
            s.id: s.duration_minutes
            for s in session.scalars(
                select(Service)
                .join(OfficeService, OfficeService.service_id == Service.id)
                .where(OfficeService.office_id == office.id)
            )
        },
        counters={number: cid for cid, number in counters.items()},
        walk_in=WalkInRules(
            OfficeKind(office.kind),
            office.walk_in_from,
            office.walk_in_until,
            office.walk_in_quota,
            if_someone_current=office.call_next_with_current,
        ),
        ticket_prefix=office.ticket_prefix,
    )


def _templates(
    session: Session, office_id: str, counters: dict[uuid.UUID, int]
) -> tuple[Template, ...]:
    """The opening templates of the office's active ``counters``, with their services."""
    links: dict[uuid.UUID, set[str]] = {}
    for template_id, service_id in session.execute(
        select(OpeningTemplateService.template_id, OpeningTemplateService.service_id)
        .join(OpeningTemplate, OpeningTemplate.id == OpeningTemplateService.template_id)
        .where(OpeningTemplate.office_id == office_id)
    ):
        links.setdefault(template_id, set()).add(service_id)
    return tuple(
        Template(
            t.counter_id,
            counters[t.counter_id],
            t.weekday,
            t.opens,
            t.closes,
            t.slot_minutes,
            frozenset(links.get(t.id, ())),
            t.valid_from,
            t.valid_until,
        )
        for t in session.scalars(
            select(OpeningTemplate).where(OpeningTemplate.office_id == office_id)
        )
        if t.counter_id in counters
    )


def _policies(session: Session, office_id: str) -> tuple[Policy, ...]:
    return tuple(
        Policy(
            PolicyKind(p.kind),
            p.valid_from,
            p.valid_until,
            p.service_id,
            p.horizon_days,
            p.min_lead_minutes,
            p.release_weekday,
            p.release_time,
            p.free_months,
            p.fee_months,
            p.fee_cents,
            p.portal_share_percent,
        )
        for p in session.scalars(select(BookingPolicy).where(BookingPolicy.office_id == office_id))
    )


def require_service(schedule: OfficeSchedule, service_id: str) -> int:
    """The service's minutes, or UnknownId if the office does not offer it."""
    if service_id not in schedule.services:
        offered = ", ".join(sorted(schedule.services)) or "keine"
        raise UnknownId.of(
            "unknown_service", service=service_id, office_id=schedule.office_id, offered=offered
        )
    return schedule.services[service_id]


@dataclass(frozen=True)
class Occupancy:
    """Held slots and portal bookings per start time in a period."""

    held: frozenset[tuple[uuid.UUID, datetime]]
    portal_starts: dict[datetime, int]
    released: frozenset[tuple[uuid.UUID, datetime]]


def load_occupancy(
    session: Session, schedule: OfficeSchedule, first: date, last: date
) -> Occupancy:
    """Holds, portal bookings and released slots of the office between two local days."""
    start, _ = local_day_bounds(first, schedule.tz)
    _, end = local_day_bounds(last, schedule.tz)
    counter_ids = list(schedule.counters.values())
    held = frozenset(
        (row[0], row[1])
        for row in session.execute(
            select(SlotHold.counter_id, SlotHold.slot_start).where(
                SlotHold.counter_id.in_(counter_ids),
                SlotHold.slot_start >= start,
                SlotHold.slot_start < end,
            )
        )
    )
    portal: dict[datetime, int] = {}
    for (starts_at,) in session.execute(
        select(Appointment.starts_at).where(
            Appointment.office_id == schedule.office_id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.channel == Channel.PORTAL,
            Appointment.status.in_(HOLDING_STATES),
        )
    ):
        portal[starts_at] = portal.get(starts_at, 0) + 1
    released = frozenset(
        (row[0], row[1])
        for row in session.execute(
            select(ReleasedSlot.counter_id, ReleasedSlot.starts_at).where(
                ReleasedSlot.office_id == schedule.office_id,
                ReleasedSlot.starts_at >= start,
                ReleasedSlot.starts_at < end,
            )
        )
    )
    return Occupancy(held, portal, released)


def lock_start(session: Session, office_id: str, start: datetime) -> None:
    """Serialise the bookings of one start of an office until the transaction ends (a
    PostgreSQL advisory lock; SQLite serialises every write anyway)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    key = f"{office_id}@{start.astimezone(UTC).isoformat()}"
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
