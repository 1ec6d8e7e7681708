"""The desk's session: one clock, and a signal when the office, counter or user changes."""

from __future__ import annotations

from desk.domain.clock import FixedClock
from desk.domain.localtime import parse_now
from desk.services.database import open_database
from desk.services.offices import list_offices
from ui.session import DeskSession

NOW = parse_now("2024-03-20T10:30")


def test_the_session_tells_each_change_once(qtbot, demo_sqlite_url):
    db = open_database(demo_sqlite_url)
    try:
        offices = list_offices(db)
    finally:
        db.dispose()
    session = DeskSession(FixedClock(NOW))
    assert session.now() == NOW
    assert not session.ready
    session.offices = offices
    with qtbot.waitSignal(session.office_changed) as told:
        session.set_office(offices[0])
    assert told.args == [offices[0]]
    with qtbot.assertNotEmitted(session.office_changed):
        session.set_office(offices[0])  # the same office: nothing to tell
    with qtbot.waitSignal(session.counter_changed) as told:
        session.set_counter(3)
    assert told.args == [3] and session.counter == 3
    with qtbot.assertNotEmitted(session.counter_changed):
        session.set_counter(3)
    with qtbot.waitSignal(session.user_changed) as told:
        session.set_user(None)
    assert told.args == [None]
    assert not session.ready  # no database yet
