"""A counter's replica kept in step through the real service over HTTPS: its first
copy, a booking there and back, exactly once, server stamps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from desk.domain.status import Channel
from desk.domain.steps import Action
from desk.services.appointments import lifecycle
from desk.services.appointments.booking import book
from desk.store.models import AppliedOp, Appointment, AppointmentEvent, AuditEntry, Office, User
from desk.sync.engine import SyncEngine
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, SERVICE, Central, count, get, slot


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    """Two offices, two counters each."""
    return central_factory({"bb-nord": 2, "bb-mitte": 2})


@pytest.fixture(scope="module")
def service(city: Central, service_factory: Callable[..., Service]) -> Service:
    """A training service: the replicas' fixed time is honoured."""
    return service_factory(city)


def test_a_counter_books_through_the_service_and_the_server_applies_it_once(
    service: Service, remote_replica: Callable[..., SyncEngine]
) -> None:
    service.user("leitung", None, "team_lead")
    service.user("nord1", "bb-nord")
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    engine = remote_replica(service, device)
    local = engine.local
    assert count(local, Office) == 1  # its own office only
    day = NOW.date() + timedelta(days=1)
    made = book(local, "bb-nord", SERVICE, slot(day, 9), "Ada Çelik", NOW, channel=Channel.COUNTER)
    report = engine.sync_once(NOW)
    assert (report.pushed, report.rejected) == (1, 0)
    central = get(service.db, Appointment, made.id)
    assert central is not None and central.booking_code == made.code
    assert count(service.db, AppliedOp, AppliedOp.op_id.is_not(None)) >= 1
    # a check-in at the counter, signed in as nord1: the server stamps the user
    nord1 = service.users["nord1"]
    lifecycle.perform(local, made.id, Action.CHECK_IN, NOW, counter_number=1, user_id=nord1)
    assert engine.sync_once(NOW).rejected == 0
    events = count(service.db, AppointmentEvent, AppointmentEvent.user_id == nord1)
    assert events == 1
    # the replica holds no password hash
    users = [u for u in _all(local, User)]
    assert users and all(u.password_hash == "!" for u in users)
    assert count(local, AuditEntry, AuditEntry.office_id != "bb-nord") == 0


def _all(db, model):
    from sqlalchemy import select

    from desk.store.uow import UnitOfWork

    with UnitOfWork(db.engine) as uow:
        rows = list(uow.session.scalars(select(model)))
        for r in rows:
            uow.session.expunge(r)
        return rows
