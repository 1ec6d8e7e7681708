"""Retention and sync: anonymised central rows reach the counters by the next pull, and
anonymising a counter's replica queues nothing that would be pushed back."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from desk.domain.status import AppointmentStatus, Channel
from desk.services.admin.retention import PLACEHOLDER, anonymise_expired
from desk.services.appointments.booking import new_code
from desk.services.database import DeskDatabase
from desk.store.models import Appointment, OutboxOp
from desk.store.uow import UnitOfWork
from tests.sync.conftest import NOW, SERVICE, Central, Replica, count, get, slot

OFFICE = "bb-ret"


def add_old_appointment(central: Central, name: str, days_ago: int) -> uuid.UUID:
    start = slot(NOW.date() - timedelta(days=days_ago), 9)
    appointment_id = uuid.uuid4()
    with UnitOfWork(central.db.engine) as uow:
        uow.session.add(
            Appointment(
                id=appointment_id,
                office_id=OFFICE,
                counter_id=central.counters[OFFICE][1],
                service_id=SERVICE,
                starts_at=start,
                ends_at=start + timedelta(minutes=15),
                status=AppointmentStatus.DONE,
                channel=Channel.PHONE,
                booking_code=new_code(),
                citizen_name=name,
                phone="0345 654321",
            )
        )
        uow.commit()
    return appointment_id


def name_of(db: DeskDatabase, appointment_id: uuid.UUID) -> str:
    row = get(db, Appointment, appointment_id)
    assert isinstance(row, Appointment)
    return row.citizen_name


def test_central_anonymisation_reaches_the_replica_and_local_one_is_never_pushed(
    central_factory: Callable[..., Central], replica_factory: Callable[..., Replica]
):
    central = central_factory({OFFICE: 1})
    replica = replica_factory(central)
    first = add_old_appointment(central, "Erste Person", days_ago=40)
    second = add_old_appointment(central, "Zweite Person", days_ago=41)
    replica.engine.sync_once(NOW)
    assert name_of(replica.db, first) == "Erste Person"

    local = anonymise_expired(replica.db, NOW, days=30)

    assert local.appointments == 2 and count(replica.db, OutboxOp) == 0
    assert replica.engine.sync_once(NOW).pushed == 0
    assert name_of(central.db, second) == "Zweite Person"  # nothing went back

    there = anonymise_expired(central.db, NOW, days=30)
    replica.engine.sync_once(NOW)

    assert there.appointments == 2
    assert {name_of(replica.db, i) for i in (first, second)} == {PLACEHOLDER}
    row = get(replica.db, Appointment, first)
    assert isinstance(row, Appointment) and row.phone is None
    assert row.status == AppointmentStatus.DONE and row.channel == Channel.PHONE
