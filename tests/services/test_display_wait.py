"""The call display's wait for a ticket drawn now (DisplayBoard.next_ticket) is the
queue's one estimate — queue_picture's ``next_ticket``, as reception shows it — at every
moment of a mixed queue (priority tickets, due appointments of different lengths,
tickets, later appointments, busy counters), on SQLite and PostgreSQL; and when no
ticket can be drawn (outside the walk-in hour, the quota used up, no walk-in at all)
the display says nothing about waits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk.domain.status import TicketStatus
from desk.domain.wait_estimate import NO_WAIT
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


def test_the_display_shows_the_wait_reception_shows_at_every_moment(fresh_db):
    office, counters = new_office(fresh_db, counters=3)
    for number in range(1, 9):  # the office's pace: a served ticket per earlier day
        add_ticket(
            fresh_db, office, number, issued=at(8, number, day=DAY - timedelta(days=1)),
            status=TicketStatus.DONE, called=at(8, 10), finished=at(8, 10 + 4 + 2 * number),
            counter_id=counters[1],
        )  # fmt: skip
    busy = add_ticket(
        fresh_db, office, 1, issued=at(8, 1), status=TicketStatus.CALLED,
        called=at(8, 5), counter_id=counters[1],
    )  # fmt: skip
    add_call(fresh_db, office, counters[1], busy, at(8, 5))
    for number in range(2, 8):
        reason = R.LOST_OR_STOLEN if number in (4, 6) else R.OTHER
        add_ticket(fresh_db, office, number, issued=at(8, number), reason=reason)
    for counter, service in ((counters[2], "personalausweis"), (counters[3], "abholung")):
        add_appointment(  # the same start: the booking code orders them, as in the queue
            fresh_db, office, counter, at(8, 30), S.CHECKED_IN, [(S.CHECKED_IN, at(8))], service
        )
    add_appointment(  # due only from 8:55 on
        fresh_db, office, counters[3], at(9), S.CHECKED_IN, [(S.CHECKED_IN, at(8, 2))]
    )
    seen = set()
    for minute in (6, 20, 31, 45, 56, 59):
        now = at(8, minute)
        picture = queue_picture(fresh_db, office, now)
        board = display_board(fresh_db, office, now)
        assert board.waiting == picture.waiting == 9
        assert board.next_ticket == picture.next_ticket, now
        seen.add(board.next_ticket)
    assert len(seen) > 1 and NO_WAIT not in seen  # real, changing ranges were compared


@pytest.mark.parametrize("minute_of_day", [7 * 60 + 59, 9 * 60, 11 * 60])
def test_outside_the_walk_in_hour_the_display_says_nothing_about_waits(fresh_db, minute_of_day):
    office, _ = new_office(fresh_db)
    walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 10))
    now = at(minute_of_day // 60, minute_of_day % 60)
    board = display_board(fresh_db, office, now)
    assert not walk_in_status(fresh_db, office, now).open_now
    assert board.next_ticket is None
    assert board.waiting == 1  # the count still shows
    assert display_board(fresh_db, office, at(8, 30)).next_ticket is not None


def test_with_the_quota_used_up_or_no_walk_in_no_wait_is_shown(fresh_db):
    office, _ = new_office(fresh_db, walk_in_quota=2)
    walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 0))
    assert display_board(fresh_db, office, at(8, 1)).next_ticket is not None
    walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 1))
    now = at(8, 30)
    assert not walk_in_status(fresh_db, office, now).open_now
    assert display_board(fresh_db, office, now).next_ticket is None
    appointments_only, _ = new_office(
        fresh_db, kind="appointment_only", walk_in_quota=None, walk_in_from=None, walk_in_until=None
    )
    assert display_board(fresh_db, appointments_only, now).next_ticket is None
