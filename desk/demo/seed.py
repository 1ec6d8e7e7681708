"""Fill a database with the demo city; seeding again inserts only what is missing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desk.demo import bookings
from desk.demo.audit import appointment_audit, ticket_audit
from desk.demo.city import (
    CITY,
    DEMO_PASSWORD,
    OFFICES,
    SERVICES,
    USERS,
    OfficeSpec,
    demo_id,
)
from desk.demo.rows import appointment_events, appointment_row, ticket_row
from desk.domain.holidays_de import DEFAULT_STATE
from desk.domain.localtime import local_day_bounds
from desk.domain.passwords import hash_password
from desk.domain.status import HOLDING_STATES
from desk.services.database import DeskDatabase
from desk.store.models import (
    Appointment,
    AuditEntry,
    Base,
    BookingPolicy,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    Service,
    SlotHold,
    Ticket,
    User,
)
from desk.store.uow import UnitOfWork

PAST_DAYS = 28
FUTURE_DAYS = 21
SEED_START = date(2020, 1, 1)


@dataclass
class SeedReport:
    """How many rows of each table the seeding inserted."""

    inserted: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int) -> None:
        self.inserted[table] = self.inserted.get(table, 0) + count

    @property
    def total(self) -> int:
        return sum(self.inserted.values())


def _insert_missing(
    session: Session,
    model: type[Base],
    rows: Sequence[dict[str, Any]],
    report: SeedReport,
) -> None:
    """Insert the rows whose primary key is not there yet."""
    if not rows:
        return
    table = Base.metadata.tables[model.__tablename__]
    key = next(iter(table.primary_key.columns))
    wanted = [row[key.name] for row in rows]
    existing: set[Any] = set()
    for chunk in _chunks(wanted, 500):
        existing.update(session.scalars(select(key).where(key.in_(chunk))))
    missing = [row for row in rows if row[key.name] not in existing]
    if missing:
        session.execute(table.insert(), missing)
    report.add(model.__tablename__, len(missing))


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reference_rows(session: Session, report: SeedReport, state: str) -> None:
    _insert_missing(session, Service, _service_rows(), report)
    _insert_missing(session, Office, [_office_row(o, state) for o in OFFICES], report)
    session.flush()
    _insert_missing(session, Counter, _counter_rows(), report)
    _link_services(session, report)
    session.flush()
    templates, links = _template_rows()
    _insert_missing(session, OpeningTemplate, templates, report)
    session.flush()
    _link_templates(session, links, report)
    _insert_missing(session, BookingPolicy, _policy_rows(), report)
    _insert_missing(session, User, _user_rows(), report)


def _service_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "name": s.name,
            "duration_minutes": s.minutes,
            "leika_key": s.leika,
            "online": s.online,
        }
        for s in SERVICES
    ]


def _counter_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": demo_id("counter", o.id, n),
            "office_id": o.id,
            "number": n,
            "name": f"{o.counter_label} {n}",
            "active": True,
        }
        for o in OFFICES
        for n in range(1, o.counters + 1)
    ]


def _template_rows() -> tuple[list[dict[str, Any]], list[tuple[Any, str]]]:
    """Every office's opening templates, and the (template, service) pairs they offer."""
    templates: list[dict[str, Any]] = []
    links: list[tuple[Any, str]] = []
    for o in OFFICES:
        for h in o.hours:
            for weekday in h.weekdays:
                for n in range(1, o.counters + 1):
                    tid = demo_id("template", o.id, n, weekday, h.opens)
                    templates.append(
                        {
                            "id": tid,
                            "office_id": o.id,
                            "counter_id": demo_id("counter", o.id, n),
                            "weekday": weekday,
                            "opens": h.opens,
                            "closes": h.closes,
                            "slot_minutes": o.slot_minutes,
                            "valid_from": SEED_START,
                            "valid_until": None,
                        }
                    )
                    links += [(tid, s) for s in o.services]
    return templates, links


def _link_templates(session: Session, links: list[tuple[Any, str]], report: SeedReport) -> None:
    have = {
        (row[0], row[1])
        for row in session.execute(
            select(OpeningTemplateService.template_id, OpeningTemplateService.service_id)
        )
    }
    new = [{"template_id": t, "service_id": s} for t, s in links if (t, s) not in have]
    if new:
        session.execute(insert(OpeningTemplateService), new)
    report.add("opening_template_service", len(new))


def _policy_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": demo_id("policy", o.id, p.kind, p.valid_from),
            "office_id": o.id,
            "service_id": p.service_id,
            "kind": p.kind.value,
            "valid_from": p.valid_from,
            "valid_until": p.valid_until,
            "horizon_days": p.horizon_days,
            "min_lead_minutes": 0,
            "release_weekday": p.release_weekday,
            "release_time": p.release_time,
            "free_months": p.free_months,
            "fee_months": p.fee_months,
            "fee_cents": p.fee_cents,
            "portal_share_percent": p.portal_share_percent,
        }
        for o in OFFICES
        for p in o.policies
    ]


def _user_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": demo_id("user", u.username),
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role.value,
            "password_hash": hash_password(DEMO_PASSWORD),
            "office_id": u.office_id,
            "active": True,
        }
        for u in USERS
    ]


def _office_row(o: OfficeSpec, state: str) -> dict[str, Any]:
    has_walk_in = o.walk_in_quota is not None
    return {
        "id": o.id,
        "name": o.name,
        "kind": o.kind.value,
        "street": o.street,
        "postcode": o.postcode,
        "city": CITY,
        "state": state,
        "timezone": "Europe/Berlin",
        "walk_in_quota": o.walk_in_quota,
        "walk_in_from": time(8) if has_walk_in else None,
        "walk_in_until": time(9) if has_walk_in else None,
        "ticket_prefix": "W",
    }


def _link_services(session: Session, report: SeedReport) -> None:
    have = {
        (row[0], row[1])
        for row in session.execute(select(OfficeService.office_id, OfficeService.service_id))
    }
    new = [
        {"office_id": o.id, "service_id": s}
        for o in OFFICES
        for s in o.services
        if (o.id, s) not in have
    ]
    if new:
        session.execute(insert(OfficeService), new)
    report.add("office_service", len(new))


def _activity_rows(session: Session, now: datetime, report: SeedReport, state: str) -> None:
    first, last = (
        now.date() - timedelta(days=PAST_DAYS),
        now.date() + timedelta(days=FUTURE_DAYS),
    )
    for office in OFFICES:
        rows, holds = _new_appointments(session, office, first, last, now, state)
        _insert_missing(session, Appointment, rows, report)
        events: list[dict[str, Any]] = []
        audit: list[dict[str, Any]] = []
        for row in rows:
            history = appointment_events(row)
            events += history
            audit += appointment_audit(office, row, history, now)
        if events:
            session.execute(Base.metadata.tables["appointment_event"].insert(), events)
        report.add("appointment_event", len(events))
        if holds:
            session.execute(Base.metadata.tables["slot_hold"].insert(), holds)
        report.add("slot_hold", len(holds))
        tickets = [
            ticket_row(office.id, t)
            for day in bookings.open_days(office, first, now.date(), state)
            for t in bookings.tickets_for_day(office, day, now)
        ]
        _insert_missing(session, Ticket, tickets, report)
        audit += [a for t in tickets for a in ticket_audit(office, t)]
        _insert_missing(session, AuditEntry, audit, report)


def _new_appointments(
    session: Session, office: OfficeSpec, first: date, last: date, now: datetime, state: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The office's generated appointments not stored yet, and the slot holds of those
    that hold slots (one whose slot somebody booked since is left out: theirs stands)."""
    start, _ = local_day_bounds(first)
    _, end = local_day_bounds(last)
    known, held = _stored(session, office.id, start, end)
    step = timedelta(minutes=office.slot_minutes)
    holds: list[dict[str, Any]] = []
    rows = []
    for day in bookings.open_days(office, first, last, state):
        for a in bookings.appointments_for_day(office, day, now):
            counter_id = demo_id("counter", office.id, a.counter_number)
            if a.id in known:
                continue
            if a.status in HOLDING_STATES:
                cover = [
                    (counter_id, a.starts_at + step * k)
                    for k in range((a.ends_at - a.starts_at) // step)
                ]
                if any(c in held for c in cover):
                    continue
                held.update(cover)
                holds += [
                    {"counter_id": c, "slot_start": t, "appointment_id": a.id} for c, t in cover
                ]
            booked_at = min(a.starts_at - timedelta(days=10), now - timedelta(hours=1))
            rows.append(appointment_row(office.id, a, booked_at))
    return rows, holds


def _stored(
    session: Session, office_id: str, start: datetime, end: datetime
) -> tuple[set[Any], set[tuple[Any, datetime]]]:
    """Ids of the office's appointments and its held slots between ``start`` and ``end``."""
    known = set(
        session.scalars(
            select(Appointment.id).where(
                Appointment.office_id == office_id,
                Appointment.starts_at >= start,
                Appointment.starts_at < end,
            )
        )
    )
    held = {
        (row[0], row[1])
        for row in session.execute(
            select(SlotHold.counter_id, SlotHold.slot_start)
            .join(Counter, Counter.id == SlotHold.counter_id)
            .where(
                Counter.office_id == office_id,
                SlotHold.slot_start >= start,
                SlotHold.slot_start < end,
            )
        )
    }
    return known, held


def seed_demo_city(db: DeskDatabase, now: datetime, state: str = DEFAULT_STATE) -> SeedReport:
    """Insert the demo city and its appointments around ``now``; idempotent. Its offices
    keep the public holidays of ``state`` (config.toml's ``holidays_state``)."""
    report = SeedReport()
    with UnitOfWork(db.engine) as uow:
        _reference_rows(uow.session, report, state)
        uow.session.flush()
        _activity_rows(uow.session, now, report, state)
        uow.commit()
    return report
