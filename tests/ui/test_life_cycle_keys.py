"""The clerk's life-cycle keys (F5–F8, Shift+F6, Ctrl+F8, Del) on a copy of the demo city:
each step shows in the calendar and is stamped in the database; an illegal one is refused."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk.domain.clock import FixedClock, OffsetClock
from desk.domain.status import AppointmentStatus
from desk.services.appointments.agenda import AppointmentRow, day_appointments
from desk.services.appointments.lifecycle import Action, HistoryEntry, history
from desk.services.database import open_database
from tests.ui.conftest import NOW
from ui.dialogs import reason_dialog
from ui.views.main_window import MainWindow
from ui.views.person_words import press as answer_question

MITTE = "bb-mitte"
COUNTER = 1  # nobody at this counter at NOW: the keys act on the calendar's choice
S = AppointmentStatus
F5, F6, F7, F8 = Qt.Key.Key_F5, Qt.Key.Key_F6, Qt.Key.Key_F7, Qt.Key.Key_F8
NONE, SHIFT, CTRL = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
)


@pytest.fixture
def demo_copy_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the seeded demo city (SQLite's backup API also takes what is
    still in a -wal file), so the session's demo database stays untouched."""
    source = demo_sqlite_url.removeprefix("sqlite:///")
    target = tmp_path / "demo-copy.sqlite"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def in_database(url: str, appointment_id: uuid.UUID) -> tuple[AppointmentRow, list[HistoryEntry]]:
    """The appointment's row and stamped history, read through a connection of its own."""
    db = open_database(url)
    try:
        [row] = [r for r in day_appointments(db, MITTE, NOW.date()) if r.id == appointment_id]
        return row, history(db, appointment_id)
    finally:
        db.dispose()


def booked_later_today(window) -> list[AppointmentRow]:
    return [r for r in window.model.rows if r.status == S.BOOKED and r.starts_at > NOW]


def open_window(qtbot, make_window, url: str, **options):
    window = make_window(url, office_id=MITTE, counter_number=COUNTER, **options)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def shown_status(window, appointment_id: uuid.UUID) -> str | None:
    return next((r.status for r in window.model.rows if r.id == appointment_id), None)


def press(qtbot, window, key, modifier, expected: S, answer: str | None = None) -> None:
    """Press a step's key on the calendar (and answer its question); wait until it is
    saved and shown again."""
    with (
        qtbot.waitSignal(window.day_loaded, timeout=10_000),  # the refresh after the step
        qtbot.waitSignal(window.step_done, timeout=10_000) as done,
    ):
        qtbot.keyClick(window.calendar, key, modifier)
        if answer is not None:
            answer_question(window.clerk.question, answer)
    assert done.args[0].status == expected
    # the step's message outlives the refresh it caused
    label = {S.CHECKED_IN: "angemeldet", S.CALLED: "aufgerufen", S.IN_SERVICE: "in Bearbeitung"}
    label |= {S.DONE: "erledigt", S.NO_SHOW: "nicht erschienen"}
    code = done.args[0].booking_code
    assert window.statusBar().currentMessage() == f"{code}: {label[expected]}"


def test_every_step_by_its_key_is_shown_and_stamped(qtbot, make_window, demo_copy_url):
    # the clock runs, so that the steps' stamps follow each other
    window = open_window(qtbot, make_window, demo_copy_url, clock=OffsetClock(NOW))
    target = booked_later_today(window)[0]
    assert window.select_appointment(target.id)
    window.calendar.setFocus()
    _, before = in_database(demo_copy_url, target.id)

    steps = [
        (F5, NONE, S.CHECKED_IN),
        (F6, NONE, S.CALLED),
        (F6, SHIFT, S.CALLED),  # recall
        (F7, NONE, S.IN_SERVICE),
        (F8, NONE, S.DONE),
    ]
    for number, (key, modifier, expected) in enumerate(steps, start=1):
        press(qtbot, window, key, modifier, expected)
        # the models show the new state, and the appointment stays selected
        assert shown_status(window, target.id) == expected
        index = window.calendar_model.index_of(target.id)
        assert window.calendar_model.appointment_at(index).status == expected
        assert window.calendar.currentIndex() == index
        assert window.selected is not None and window.selected.id == target.id
        assert window.selected.status == expected
        # the database has the state and one more event, stamped with the counter
        row, events = in_database(demo_copy_url, target.id)
        assert row.status == expected
        assert len(events) == len(before) + number
        assert events[-1].status == expected
        assert NOW <= events[-1].at < NOW + timedelta(minutes=1)
        assert events[-1].counter_name == f"Schalter {COUNTER}"
    assert [e.status for e in events[len(before) :]] == [s for _k, _m, s in steps]
    assert events[-3].note == "erneut aufgerufen"
    assert len({e.at for e in events}) == len(events)

    # done → checked in is not a step: refused with the state in words, nothing written
    with (
        qtbot.assertNotEmitted(window.step_done, wait=300),
        qtbot.waitSignal(window.step_refused, timeout=10_000) as refused,
    ):
        qtbot.keyClick(window.calendar, F5)
    message = refused.args[0]
    assert target.booking_code in message
    assert "erledigt" in message and "angemeldet" in message
    assert window.statusBar().currentMessage() == message
    row, after = in_database(demo_copy_url, target.id)
    assert row.status == S.DONE
    assert after == events
    assert shown_status(window, target.id) == S.DONE


def test_no_show_and_cancel(qtbot, make_window, demo_copy_url):
    db = open_database(demo_copy_url)
    rows = [r for r in day_appointments(db, MITTE, NOW.date()) if r.status == S.BOOKED]
    db.dispose()
    first, second = sorted((r for r in rows if r.starts_at > NOW), key=lambda r: r.starts_at)[:2]
    # the appointment's time has come: a no-show may be noted (asked first)
    window = open_window(qtbot, make_window, demo_copy_url, clock=FixedClock(first.starts_at))

    assert window.select_appointment(first.id)
    press(qtbot, window, F8, CTRL, S.NO_SHOW, answer="Nicht erschienen")
    row, events = in_database(demo_copy_url, first.id)
    assert row.status == S.NO_SHOW == shown_status(window, first.id)
    assert (events[-1].status, events[-1].counter_name) == (S.NO_SHOW, f"Schalter {COUNTER}")

    # without dialogs Del cannot ask for the reason: the step is taken with one
    assert window.select_appointment(second.id)
    with qtbot.waitSignals([window.step_done, window.day_loaded], timeout=10_000):
        window.take_step(Action.CANCEL, reason="Bürger hat angerufen")
    row, events = in_database(demo_copy_url, second.id)
    assert row.status == S.CANCELLED == shown_status(window, second.id)
    assert events[-1].note == "Bürger hat angerufen"
    assert events[-1].counter_name == f"Schalter {COUNTER}"
    # a cancelled appointment leaves the calendar grid (its slots are free again)
    assert not window.calendar_model.index_of(second.id).isValid()


def test_del_asks_for_the_reason_and_cancels(ops, qtbot, settings, demo_copy_url, monkeypatch):
    """With dialogs, Del asks why; closing the question cancels nothing.

    (``ops`` before ``qtbot``: the queue shuts down after the window is closed.)"""
    asked: list[str] = []
    answers = iter([("", False), ("Umzug verschoben", True)])

    def get_text(_parent, _title, label, *_args, **_kwargs):
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(reason_dialog, "ask_reason", get_text)
    window = MainWindow(
        ops, settings, lambda: open_database(demo_copy_url), FixedClock(NOW),
        show_dialogs=True, office_id=MITTE, counter_number=COUNTER,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    target = booked_later_today(window)[0]
    assert window.select_appointment(target.id)

    # the clerk closes the question: nothing happens
    with qtbot.assertNotEmitted(window.step_done, wait=300):
        qtbot.keyClick(window.calendar, Qt.Key.Key_Delete)
    assert len(asked) == 1 and target.booking_code in asked[0]
    assert in_database(demo_copy_url, target.id)[0].status == S.BOOKED

    with qtbot.waitSignals([window.step_done, window.day_loaded], timeout=10_000):
        qtbot.keyClick(window.calendar, Qt.Key.Key_Delete)
    row, events = in_database(demo_copy_url, target.id)
    assert row.status == S.CANCELLED == shown_status(window, target.id)
    assert events[-1].note == "Umzug verschoben"
