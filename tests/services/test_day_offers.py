"""A day's free starts for a clerk (the booking dialog's service) on the demo city: any
day up to the internal reach, every free counter of that day, the earliest free start."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desk.domain.policy import Policy, add_months
from desk.domain.status import PolicyKind
from desk.services.appointments.availability import INTERNAL_REACH_DAYS, internal_reach
from desk.services.appointments.booking import suggestions
from desk.services.appointments.day_offers import day_offers
from desk.services.database import DeskDatabase, open_database
from tests.ui.conftest import NOW  # the demo city's moment: Wednesday 2024-03-20 10:30

MITTE = "bb-mitte"


@pytest.fixture(scope="module")
def demo(demo_sqlite_url: str):
    db = open_database(demo_sqlite_url)
    yield db
    db.dispose()


def test_a_day_next_week_lists_every_free_start_of_that_day(demo: DeskDatabase):
    day = date(2024, 3, 25)  # Monday: open 9–18
    found = day_offers(demo, MITTE, "personalausweis", day, NOW)

    assert found.day == day and found.first_day == NOW.date()
    assert found.last_day == NOW.date() + timedelta(days=INTERNAL_REACH_DAYS)
    assert found.offers and {o.start.date() for o in found.offers} == {day}
    starts = [o.start for o in found.offers]
    assert starts == sorted(starts)
    everything = suggestions(demo, MITTE, "personalausweis", NOW, days=7, limit=0)
    assert list(found.offers) == [o for o in everything if o.start.date() == day]
    assert found.offers[-1].start.hour >= 17  # to the end of the day


def test_without_a_day_the_first_free_one_and_the_earliest_start(demo: DeskDatabase):
    found = day_offers(demo, MITTE, "abholung", None, NOW)
    first = suggestions(demo, MITTE, "abholung", NOW, days=7, limit=1)[0]

    assert found.earliest == first
    assert found.day == first.start.date() and found.offers[0] == first
    assert all(o.start > NOW for o in found.offers)


def test_a_day_outside_today_to_the_reach_is_taken_as_the_nearest_within(demo: DeskDatabase):
    later = day_offers(demo, MITTE, "abholung", NOW.date() + timedelta(days=400), NOW)
    assert later.day == later.last_day == NOW.date() + timedelta(days=INTERNAL_REACH_DAYS)
    earlier = day_offers(demo, MITTE, "abholung", date(2024, 1, 8), NOW)
    assert earlier.day == NOW.date()


def test_the_internal_reach_is_never_short_of_the_portals():
    today = date(2024, 3, 20)
    rolling = Policy(PolicyKind.ROLLING, date(2024, 3, 18), horizon_days=14)
    assert internal_reach([rolling], today, "abholung") == today + timedelta(days=42)
    assert internal_reach([], today, "abholung") == today + timedelta(days=42)
    wedding = Policy(PolicyKind.TIERED, date(2020, 1, 1), free_months=6, fee_months=12)
    assert internal_reach([wedding], today, "trauung") == add_months(today, 12)
