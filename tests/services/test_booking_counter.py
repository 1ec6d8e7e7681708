"""Booking at the counter the clerk was shown: the booking dialog lists each free start with
a counter, and the booking takes that counter while it is free, else the first free one."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from desk.domain.errors import BookingRefused
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import Channel
from desk.services.appointments.booking import book
from desk.services.database import DeskDatabase, open_database, upgrade_database
from tests.builders import add_office

NOW = parse_now("2024-03-20T08:00")
START = datetime.combine(NOW.date(), time(10), BERLIN)


@pytest.fixture
def office(db_url: str):
    upgrade_database(db_url)
    db = open_database(db_url)
    add_office(db, "bb-drei", counters=3)
    yield db
    db.dispose()


def at_counter(db: DeskDatabase, name: str, counter: int | None):
    return book(
        db, "bb-drei", "abholung", START, name, NOW, channel=Channel.COUNTER, counter_number=counter
    )


def test_the_counter_shown_is_booked_while_it_is_free(office: DeskDatabase):
    assert at_counter(office, "Erste Bürgerin", 3).counter_number == 3
    assert at_counter(office, "Zweiter Bürger", 2).counter_number == 2
    assert at_counter(office, "Dritte Bürgerin", None).counter_number == 1


def test_a_counter_taken_meanwhile_gives_the_first_free_one_at_that_time(office: DeskDatabase):
    assert at_counter(office, "Erste Bürgerin", 2).counter_number == 2
    assert at_counter(office, "Zweiter Bürger", 2).counter_number == 1  # same time, counter 1
    assert at_counter(office, "Dritte Bürgerin", 2).counter_number == 3
    with pytest.raises(BookingRefused):
        at_counter(office, "Vierter Bürger", 2)  # all three taken at 10:00
