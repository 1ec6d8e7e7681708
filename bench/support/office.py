"""A small office for the benchmarks: counters, services, opening templates, a policy, and
a queue of waiting walk-in tickets. Reference data only, no demo city."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import insert

from desk.domain import walkin
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase
from desk.store.models import (
    BookingPolicy,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    Service,
    Ticket,
)
from desk.store.uow import UnitOfWork

#: Templates and policies hold from here on unless a bench says otherwise.
LONG_AGO = date(2020, 1, 1)


def rolling_policy(portal_share_percent: int) -> dict[str, Any]:
    """A rolling 14-day booking policy without lead time (``BookingPolicy`` fields)."""
    return {
        "kind": "rolling",
        "horizon_days": 14,
        "min_lead_minutes": 0,
        "portal_share_percent": portal_share_percent,
    }


def add_office(
    db: DeskDatabase,
    office_id: str,
    *,
    name: str | None = None,
    kind: str = "buergerbuero",
    counters: int,
    services: Mapping[str, tuple[str, int]] | None = None,
    weekdays: Sequence[int] = (),
    opens: time = time(8),
    closes: time = time(12),
    slot_minutes: int = 15,
    valid_from: date = LONG_AGO,
    valid_until: date | None = None,
    policy: Mapping[str, Any] | None = None,
) -> dict[int, uuid.UUID]:
    """An office in Saalfurt (``Bürgerbüro <id>`` unless ``name`` is given) with counters
    1..``counters``, offering ``services`` (id → (name, minutes), online; each added to the
    service table) at every counter on ``weekdays`` from ``opens`` to ``closes`` in
    ``slot_minutes`` slots, valid ``valid_from``..``valid_until``, and a booking policy
    from ``policy`` (``BookingPolicy`` fields, valid from ``LONG_AGO``) if given.
    Returns counter number → counter id."""
    services = services or {}
    ids: dict[int, uuid.UUID] = {}
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        s.add(
            Office(
                id=office_id,
                name=name or f"Bürgerbüro {office_id}",
                kind=kind,
                street="Marktplatz 1",
                postcode="06108",
                city="Saalfurt",
                state="ST",
                timezone="Europe/Berlin",
                ticket_prefix="W",
            )
        )
        for service_id, (title, minutes) in services.items():
            s.add(Service(id=service_id, name=title, duration_minutes=minutes, online=True))
        s.flush()
        for service_id in services:
            s.add(OfficeService(office_id=office_id, service_id=service_id))
        for number in range(1, counters + 1):
            counter = Counter(
                id=uuid.uuid4(), office_id=office_id, number=number, name=f"Schalter {number}"
            )
            s.add(counter)
            s.flush()
            ids[number] = counter.id
            for weekday in weekdays:
                template = OpeningTemplate(
                    id=uuid.uuid4(),
                    office_id=office_id,
                    counter_id=counter.id,
                    weekday=weekday,
                    opens=opens,
                    closes=closes,
                    slot_minutes=slot_minutes,
                    valid_from=valid_from,
                    valid_until=valid_until,
                )
                s.add(template)
                s.flush()
                for service_id in services:
                    s.add(OpeningTemplateService(template_id=template.id, service_id=service_id))
        if policy is not None:
            s.add(BookingPolicy(office_id=office_id, valid_from=LONG_AGO, **policy))
        uow.commit()
    return ids


def add_ticket_queue(
    db: DeskDatabase,
    office_id: str,
    *,
    counters: int,
    tickets: int,
    now: datetime,
    day: date,
    reasons: Sequence[TicketReason] = (TicketReason.OTHER,),
) -> None:
    """An office (``add_office``, no services) with ``counters`` counters and ``tickets``
    waiting tickets W001… for ``day``, issued at ``now``, ticket n with reason
    ``reasons[n % len(reasons)]``: filled as ``issue_ticket`` fills them."""
    add_office(db, office_id, counters=counters)
    with UnitOfWork(db.engine) as uow:
        uow.session.execute(
            insert(Ticket),
            [
                {
                    "id": uuid.uuid4(),
                    "office_id": office_id,
                    "service_day": day,
                    "number": n,
                    "code": walkin.ticket_code("W", n),
                    "reason": reasons[n % len(reasons)],
                    "status": TicketStatus.WAITING,
                    "issued_at": now,
                    "recall_count": 0,
                }
                for n in range(1, tickets + 1)
            ],
        )
        uow.commit()
