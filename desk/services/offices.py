"""The office directory: offices with their counters, as frozen rows for any face."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from desk.domain.errors import UnknownId
from desk.services.database import DeskDatabase
from desk.store.models import Counter, Office, OfficeService, Service
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class CounterInfo:
    """A counter as the UI shows it."""

    id: uuid.UUID
    number: int
    name: str


@dataclass(frozen=True)
class OfficeInfo:
    """An office with its active counters, ordered by number."""

    id: str
    name: str
    kind: str
    address: str
    timezone: str
    counters: tuple[CounterInfo, ...]


def list_offices(db: DeskDatabase) -> list[OfficeInfo]:
    """All offices, Bürgerbüros first, then by name."""
    with UnitOfWork(db.engine) as uow:
        offices = uow.session.scalars(select(Office)).all()
        counters = uow.session.scalars(
            select(Counter).where(Counter.active.is_(True)).order_by(Counter.number)
        ).all()
        by_office: dict[str, list[CounterInfo]] = {}
        for c in counters:
            by_office.setdefault(c.office_id, []).append(CounterInfo(c.id, c.number, c.name))
        rows = [
            OfficeInfo(
                id=o.id,
                name=o.name,
                kind=o.kind,
                address=f"{o.street}, {o.postcode} {o.city}",
                timezone=o.timezone,
                counters=tuple(by_office.get(o.id, ())),
            )
            for o in offices
        ]
    return sorted(rows, key=lambda o: (o.kind != "buergerbuero", o.name))


def get_office(db: DeskDatabase, office_id: str) -> OfficeInfo:
    """One office by id, or UnknownId with the ids that exist."""
    offices = list_offices(db)
    for office in offices:
        if office.id == office_id:
            return office
    known = ", ".join(sorted(o.id for o in offices)) or "keine"
    raise UnknownId.of("unknown_office", office_id=office_id, known=known)


@dataclass(frozen=True)
class ServiceInfo:
    """A service an office offers, with its length."""

    id: str
    name: str
    minutes: int


def office_services(db: DeskDatabase, office_id: str) -> list[ServiceInfo]:
    """The services an office offers, by name."""
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Service)
            .join(OfficeService, OfficeService.service_id == Service.id)
            .where(OfficeService.office_id == office_id)
            .order_by(Service.name)
        ).scalars()
        return [ServiceInfo(s.id, s.name, s.duration_minutes) for s in rows]
