"""The desk's session: one clock, and a signal when the office, counter or user changes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desk.domain.clock import FixedClock
from desk.domain.localtime import parse_now
from desk.services.database import open_database
from desk.services.offices import list_offices
from ui.controllers.office_chooser import OfficeChooser
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


def test_the_chooser_fills_the_boxes_and_follows_the_clerks_choice(
    qtbot, demo_sqlite_url, settings
):
    db = open_database(demo_sqlite_url)
    try:
        offices = list_offices(db)
    finally:
        db.dispose()
    session = DeskSession(FixedClock(NOW))
    office_box, counter_box = QComboBox(), QComboBox()
    chooser = OfficeChooser(session, settings, (office_box, counter_box), "bb-west", 2)
    with (
        qtbot.assertNotEmitted(chooser.office_chosen),
        qtbot.assertNotEmitted(chooser.counter_chosen),
    ):
        chooser.fill(offices)
    assert session.office is not None and session.office.id == "bb-west"
    assert office_box.currentData() == "bb-west" and session.counter == 2
    assert (settings.value("office"), settings.value("counter", 0, int)) == ("bb-west", 2)
    other = next(o for o in offices if o.id != "bb-west")
    with qtbot.waitSignal(chooser.office_chosen):
        office_box.setCurrentIndex(office_box.findData(other.id))
    assert session.office == other and settings.value("office") == other.id
    assert counter_box.count() == len(other.counters)
    with qtbot.waitSignal(chooser.counter_chosen):
        counter_box.setCurrentIndex(counter_box.count() - 1)
    assert session.counter == other.counters[-1].number
    assert settings.value("counter", 0, int) == other.counters[-1].number
