"""A start that every counter of the office already holds is refused at once, with the
usual words, without waiting for the office's lock that bookings take (the losers of a
release storm, P8); a start with one counter free still books."""

from __future__ import annotations

import threading
from datetime import timedelta

import psycopg
import pytest

from desk.domain.errors import BookingRefused
from desk.domain.status import Channel
from desk.services.appointments.booking import book
from desk.services.database import open_database, upgrade_database
from tests.builders import add_office
from tests.conftest import libpq_conninfo
from tests.sync.conftest import NOW, slot


def test_a_fully_held_start_is_refused_while_another_booking_holds_the_office_lock(
    pg_url: str,
) -> None:
    upgrade_database(pg_url)
    db = open_database(pg_url)
    try:
        add_office(db, "bb-sturm", counters=2)
        start = slot(NOW.date() + timedelta(days=1), 10)
        for n in range(2):
            book(db, "bb-sturm", "abholung", start, f"Gewinner {n}", NOW, channel=Channel.PHONE)
        refused: list[str] = []
        with psycopg.connect(libpq_conninfo(pg_url)) as locker:  # a booking under way
            locker.execute("SELECT id FROM office WHERE id = 'bb-sturm' FOR UPDATE")

            def attempt() -> None:
                try:
                    book(db, "bb-sturm", "abholung", start, "Zu spät", NOW)
                except BookingRefused as err:
                    refused.append(str(err))

            thread = threading.Thread(target=attempt)
            thread.start()
            thread.join(5)
            assert not thread.is_alive(), "the refusal waited for the office's lock"
            locker.rollback()
        assert refused == [f"der Termin {start:%d.%m.%Y %H:%M} ist bereits vergeben"]
        later = start + timedelta(minutes=15)
        book(db, "bb-sturm", "abholung", later, "Erster", NOW, channel=Channel.PHONE)
        made = book(db, "bb-sturm", "abholung", later, "Zweiter", NOW, channel=Channel.PHONE)
        assert made.counter_number in (1, 2)  # one counter was still free: booked
        with pytest.raises(BookingRefused, match="bereits vergeben"):
            book(db, "bb-sturm", "abholung", later, "Dritter", NOW, channel=Channel.PHONE)
    finally:
        db.dispose()
