"""The reception's two reads and writes in desk: who arrives soon, check-in by code."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk.domain.errors import UnknownId
from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.lifecycle import check_in_by_code, history
from desk.services.database import open_database
from desk.services.walkin.queue import arrivals

NOW = parse_now("2024-03-21T09:40")


@pytest.fixture
def db(sqlite_url):
    from desk.demo.seed import seed_demo_city
    from desk.services.database import upgrade_database

    upgrade_database(sqlite_url)
    database = open_database(sqlite_url)
    seed_demo_city(database, parse_now("2024-03-20T10:30"))
    yield database
    database.dispose()


def test_arrivals_are_the_booked_appointments_from_half_an_hour_ago_to_two_hours_ahead(db):
    rows = day_appointments(db, "bb-mitte", NOW.date())
    expected = [
        r.id
        for r in rows
        if r.status == AppointmentStatus.BOOKED
        and NOW - timedelta(minutes=30) <= r.starts_at <= NOW + timedelta(hours=2)
    ]
    got = arrivals(db, "bb-mitte", NOW)
    assert [r.id for r in got] == expected and expected
    assert all(r.starts_at.date() == NOW.date() for r in got)


def test_check_in_by_code_in_any_case_and_without_the_dash(db):
    target = arrivals(db, "bb-mitte", NOW)[0]
    typed = target.booking_code.replace("-", "").lower()
    assert check_in_by_code(db, "bb-mitte", f" {typed} ", NOW) == target.booking_code
    assert history(db, target.id)[-1].status == AppointmentStatus.CHECKED_IN


def test_a_code_of_another_day_or_office_is_refused(db):
    tomorrow = arrivals(db, "bb-mitte", NOW + timedelta(days=1))[0]
    with pytest.raises(UnknownId, match="heute"):
        check_in_by_code(db, "bb-mitte", tomorrow.booking_code, NOW)
    with pytest.raises(UnknownId, match="Keinen Termin mit"):
        check_in_by_code(db, "bb-nord", tomorrow.booking_code, NOW)
