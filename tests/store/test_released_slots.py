"""Extra same-day slots a team lead releases for the portal."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest
from sqlalchemy import select

from desk.domain.errors import BookingRefused
from desk.domain.localtime import at_local, parse_now
from desk.services.appointments.booking import book, offered_slots
from desk.services.capacity.releases import release_same_day_slot
from desk.services.database import open_database, upgrade_database
from desk.store.models import (
    AuditEntry,
    BookingPolicy,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    Service,
)
from desk.store.uow import UnitOfWork

NOW = parse_now("2024-03-20T10:00")  # a Wednesday


@pytest.fixture
def db(db_url):
    """One office, two counters open 9–12 on Wednesdays, portal share 0 %."""
    upgrade_database(db_url)
    database = open_database(db_url)
    with UnitOfWork(database.engine) as uow:
        s = uow.session
        s.add(
            Office(
                id="bb-test",
                name="Bürgerbüro Test",
                kind="buergerbuero",
                street="Weg 1",
                postcode="06108",
                city="Saalfurt",
                state="ST",
                timezone="Europe/Berlin",
                walk_in_quota=20,
                walk_in_from=time(8),
                walk_in_until=time(9),
                ticket_prefix="W",
            )
        )
        s.add(Service(id="abholung", name="Abholung", duration_minutes=5, online=True))
        s.flush()
        s.add(OfficeService(office_id="bb-test", service_id="abholung"))
        for number in (1, 2):
            counter = Counter(
                id=uuid.uuid4(),
                office_id="bb-test",
                number=number,
                name=f"Schalter {number}",
                active=True,
            )
            s.add(counter)
            s.flush()
            template = OpeningTemplate(
                id=uuid.uuid4(),
                office_id="bb-test",
                counter_id=counter.id,
                weekday=2,
                opens=time(9),
                closes=time(12),
                slot_minutes=15,
                valid_from=date(2024, 1, 1),
            )
            s.add(template)
            s.flush()
            s.add(OpeningTemplateService(template_id=template.id, service_id="abholung"))
        s.add(
            BookingPolicy(
                office_id="bb-test",
                kind="rolling",
                valid_from=date(2024, 1, 1),
                horizon_days=14,
                min_lead_minutes=0,
                portal_share_percent=0,
            )
        )
        uow.commit()
    yield database
    database.dispose()


def test_portal_sees_nothing_without_share(db):
    assert offered_slots(db, "bb-test", "abholung", NOW) == []


def test_a_released_slot_is_offered_and_bookable(db):
    start = at_local(NOW.date(), time(11, 15))
    release_same_day_slot(db, "bb-test", 2, start, NOW)
    offers = offered_slots(db, "bb-test", "abholung", NOW)
    assert [(o.start, o.counter_number, o.released) for o in offers] == [(start, 2, True)]
    booking = book(db, "bb-test", "abholung", start, "Käthe Groß", NOW)
    assert booking.counter_number == 2
    assert offered_slots(db, "bb-test", "abholung", NOW) == []
    with UnitOfWork(db.engine) as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action)))
    assert actions == ["capacity.release_slot"]


@pytest.mark.parametrize(
    ("when", "counter", "reason"),
    [
        ("2024-03-21T11:15", 1, "nur für heute"),
        ("2024-03-20T09:45", 1, "bereits begonnen"),
        ("2024-03-20T11:20", 1, "kein Termin"),
        ("2024-03-20T12:00", 1, "kein Termin"),
    ],
)
def test_release_refuses_other_days_past_and_unaligned_times(db, when, counter, reason):
    with pytest.raises(BookingRefused, match=reason):
        release_same_day_slot(db, "bb-test", counter, parse_now(when), NOW)


def test_releasing_twice_is_refused(db):
    start = at_local(NOW.date(), time(10, 30))
    release_same_day_slot(db, "bb-test", 1, start, NOW)
    with pytest.raises(BookingRefused, match="bereits freigegeben"):
        release_same_day_slot(db, "bb-test", 1, start, NOW)
