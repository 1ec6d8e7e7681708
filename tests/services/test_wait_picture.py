"""The queue's one picture of waits (desk.services.walkin.queue.queue_picture) from the
inputs desk.services.walkin.wait reads, on SQLite and PostgreSQL: the contradictions of
the finding (220 min at six counters, "0–3 min" after one quick service, 30 min with
nobody waiting, "1 warten" against "3 warten") do not come back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk.domain.status import TicketStatus
from desk.domain.wait_estimate import NO_WAIT, PRIOR_SAMPLES
from desk.services.walkin import tickets as walkin
from desk.services.walkin.display import display_board
from desk.services.walkin.queue import queue_picture, walk_in_status
from tests.services.test_queue import (
    DAY,
    R,
    S,
    add_appointment,
    add_call,
    add_ticket,
    at,
    new_office,
)


def test_nineteen_waiting_at_opening_count_six_counters_not_one(fresh_db):
    office, _counters = new_office(fresh_db, counters=6)
    for minute in range(19):
        walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 0, minute))
    picture = queue_picture(fresh_db, office, at(8, 1))
    assert picture.inputs.counters == 6  # nobody called yet: the counters staffed
    assert picture.waiting == 19
    last = picture.entries[-1].wait
    # four rounds of 10 minutes at six counters (the old estimate: "etwa 220 min")
    assert last.expected == 30.0
    assert last.low <= 30 <= last.high <= 40
    # still nobody called by 8:45: the staffed counters, not one for everybody
    assert queue_picture(fresh_db, office, at(8, 45)).inputs.counters == 6


def test_later_the_counters_that_actually_call_count(fresh_db):
    office, counters = new_office(fresh_db, counters=6)
    served = add_ticket(
        fresh_db, office, 1, issued=at(8), status=TicketStatus.DONE,
        called=at(8, 2), finished=at(8, 12), counter_id=counters[1],
    )  # fmt: skip
    add_call(fresh_db, office, counters[1], served, at(8, 2))  # long ago by 9:45
    for number in (2, 3, 4, 5):
        add_ticket(fresh_db, office, number, issued=at(8, number))
    add_call(fresh_db, office, counters[2], served, at(9, 30))
    add_call(fresh_db, office, counters[3], served, at(9, 40))
    picture = queue_picture(fresh_db, office, at(9, 45))
    assert picture.inputs.counters == 2
    # six planned, two serving: the last of four waits a round at two counters
    assert [e.wait.expected > 0 for e in picture.entries] == [False, False, True, True]


def test_one_quick_service_does_not_make_seventeen_waits_vanish(fresh_db):
    office, counters = new_office(fresh_db, counters=6)
    add_ticket(
        fresh_db, office, 1, issued=at(8), status=TicketStatus.DONE,
        called=at(8, 1), finished=at(8, 1, 30), counter_id=counters[1],
    )  # fmt: skip
    for number in range(2, 19):
        add_ticket(fresh_db, office, number, issued=at(8, 0, number))
    picture = queue_picture(fresh_db, office, at(8, 2))
    assert picture.inputs.profile.samples == 1
    assert picture.waiting == 17
    assert picture.entries[-1].wait.low >= 10  # not "ca. 0–3 min"


def test_past_days_services_are_the_office_s_pace(fresh_db):
    office, counters = new_office(fresh_db)
    for day_back in range(1, 4):
        day = DAY - timedelta(days=day_back)
        for number in range(1, 11):
            add_ticket(
                fresh_db, office, number, issued=at(8, number, day=day),
                status=TicketStatus.DONE, called=at(8, 20, day=day),
                finished=at(8, 20 + 16, day=day), counter_id=counters[1],
            )  # fmt: skip
    old = DAY - timedelta(days=40)  # beyond the history taken
    add_ticket(
        fresh_db, office, 1, issued=at(8, day=old), status=TicketStatus.DONE,
        called=at(8, 1, day=old), finished=at(11, day=old),
    )  # fmt: skip
    profile = queue_picture(fresh_db, office, at(8, 5)).inputs.profile
    assert profile.samples == 30
    # thirty samples of 16 minutes, the default of 10 counting as PRIOR_SAMPLES more
    assert profile.typical == pytest.approx((30 * 16 + PRIOR_SAMPLES * 10) / (30 + PRIOR_SAMPLES))


def test_nobody_waiting_and_a_counter_free_waits_nothing(fresh_db):
    office, _ = new_office(fresh_db)
    picture = queue_picture(fresh_db, office, at(8))
    assert (picture.waiting, picture.entries, picture.next_ticket) == (0, (), NO_WAIT)


def test_every_count_of_waiting_people_is_the_queue(fresh_db):
    """Reception said "1 warten" while the queue panel said "3 warten"."""
    office, counters = new_office(fresh_db)
    walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 10))
    add_appointment(fresh_db, office, counters[1], at(9), S.CHECKED_IN, [(S.CHECKED_IN, at(8))])
    add_appointment(fresh_db, office, counters[2], at(10), S.CHECKED_IN, [(S.CHECKED_IN, at(8))])
    add_appointment(fresh_db, office, counters[3], at(9), S.BOOKED)  # not here yet
    now = at(8, 20)
    picture = queue_picture(fresh_db, office, now)
    assert picture.waiting == 3
    assert walk_in_status(fresh_db, office, now).waiting == 3
    assert display_board(fresh_db, office, now).waiting == 3


def test_a_new_ticket_gets_the_wait_reception_showed_for_it(fresh_db):
    office, counters = new_office(fresh_db, counters=2)
    for number in range(1, 6):
        walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, number))
    add_appointment(  # not due yet: after the new ticket
        fresh_db, office, counters[1], at(10), S.CHECKED_IN, [(S.CHECKED_IN, at(8))]
    )
    now = at(8, 10)
    before = queue_picture(fresh_db, office, now)
    info = walkin.issue_ticket(fresh_db, office, R.REGISTRATION, now)
    after = queue_picture(fresh_db, office, now)
    [own] = [e for e in after.entries if e.id == info.id]
    assert own.wait == before.next_ticket
    assert [e.code for e in after.entries][-2] == info.code
    assert before.next_ticket.expected == 20.0  # the sixth at two counters: third round
