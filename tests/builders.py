"""Small, fast test data: one office with counters, a service and a policy."""

from __future__ import annotations

import uuid
from datetime import date, time

from desk.services.database import DeskDatabase
from desk.store.models import (
    BookingPolicy,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    Service,
)
from desk.store.uow import UnitOfWork

#: The services of a test office: (id, minutes).
SERVICES = (("abholung", 5), ("personalausweis", 20))


def add_office(
    db: DeskDatabase,
    office_id: str = "bb-test",
    counters: int = 2,
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4),
    opens: time = time(9),
    closes: time = time(12),
    slot_minutes: int = 15,
    portal_share_percent: int = 100,
    services: tuple[tuple[str, int], ...] = SERVICES,
    walk_in: bool = True,
) -> dict[int, uuid.UUID]:
    """Insert an office with ``counters`` counters offering ``services`` (id, minutes;
    by default 'abholung' 5 min and 'personalausweis' 20 min), a rolling 14-day policy
    and, with ``walk_in``, the walk-in hour 8–9 with 20 tickets; returns number → counter
    id."""
    ids: dict[int, uuid.UUID] = {}
    hour = {"walk_in_quota": 20, "walk_in_from": time(8), "walk_in_until": time(9)}
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        s.add(
            Office(
                id=office_id,
                name=f"Bürgerbüro {office_id}",
                kind="buergerbuero",
                street="Marktplatz 1",
                postcode="06108",
                city="Saalfurt",
                state="ST",
                timezone="Europe/Berlin",
                ticket_prefix="W",
                **(hour if walk_in else {}),
            )
        )
        for service_id, minutes in services:
            if s.get(Service, service_id) is None:
                s.add(
                    Service(
                        id=service_id,
                        name=service_id.title(),
                        duration_minutes=minutes,
                        online=True,
                    )
                )
        s.flush()
        for service_id, _minutes in services:
            s.add(OfficeService(office_id=office_id, service_id=service_id))
        for number in range(1, counters + 1):
            counter = Counter(
                id=uuid.uuid4(),
                office_id=office_id,
                number=number,
                name=f"Schalter {number}",
                active=True,
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
                    valid_from=date(2020, 1, 1),
                )
                s.add(template)
                s.flush()
                for service_id, _minutes in services:
                    s.add(OpeningTemplateService(template_id=template.id, service_id=service_id))
        s.add(
            BookingPolicy(
                office_id=office_id,
                kind="rolling",
                valid_from=date(2020, 1, 1),
                horizon_days=14,
                min_lead_minutes=0,
                portal_share_percent=portal_share_percent,
            )
        )
        uow.commit()
    return ids
