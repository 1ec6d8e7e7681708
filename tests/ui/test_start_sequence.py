"""The main window's start as named states: waiting for the first paint, opening the
database, the first day, open; or failed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk.domain.errors import RequestRefused
from desk.services.database import DeskDatabase, open_database
from ui.start_sequence import StartSequence, StartState


def test_a_shown_window_opens_the_database_after_its_first_paint(qtbot, ops, demo_sqlite_url):
    opened: list[DeskDatabase] = []

    def opener() -> DeskDatabase:
        opened.append(open_database(demo_sqlite_url))
        return opened[-1]

    sequence = StartSequence(ops, opener)
    assert sequence.state is StartState.NEW
    sequence.start(shown=True)
    assert sequence.state is StartState.WAITING_FOR_PAINT
    sequence.start(shown=True)  # a second start changes nothing
    assert sequence.state is StartState.WAITING_FOR_PAINT
    with qtbot.waitSignal(sequence.offices_read, timeout=20_000) as read:
        assert sequence.paint() is True  # the first paint
        assert sequence.paint() is False
    offices, has_users = read.args
    assert "bb-mitte" in [office.id for office in offices]
    assert has_users is True  # the demo city has its clerks: someone signs in
    assert sequence.state is StartState.FIRST_DAY
    assert len(opened) == 1  # the fallback timer did not open it again
    with qtbot.waitSignal(sequence.side_reads, timeout=5_000):
        sequence.first_day_done()
    assert sequence.state is StartState.OPEN
    sequence.first_day_done()  # later days: nothing more
    qtbot.wait(300)
    assert len(opened) == 1
    for db in opened:
        db.dispose()


def test_a_window_that_never_paints_opens_it_anyway(qtbot, ops, demo_sqlite_url):
    sequence = StartSequence(ops, lambda: open_database(demo_sqlite_url))
    with qtbot.waitSignal(sequence.database_ready, timeout=20_000) as ready:
        sequence.start(shown=True)
    ready.args[0].dispose()


def test_a_hidden_or_painted_window_opens_at_once(qtbot, ops, demo_sqlite_url):
    widget = QWidget()
    qtbot.addWidget(widget)
    sequence = StartSequence(ops, lambda: open_database(demo_sqlite_url), widget)
    sequence.paint()
    sequence.start(shown=True)
    assert sequence.state is StartState.OPENING
    with qtbot.waitSignal(sequence.offices_read, timeout=20_000):
        pass
    assert sequence.state is StartState.FIRST_DAY


def test_a_database_that_does_not_open_fails_the_start(qtbot, ops):
    def refuse() -> DeskDatabase:
        raise RequestRefused("Die Datenbank ist zu neu für diese Version.")

    sequence = StartSequence(ops, refuse)
    with qtbot.waitSignal(sequence.failed, timeout=5_000) as failed:
        sequence.start(shown=False)
    assert failed.args == ["Die Datenbank ist zu neu für diese Version."]
    assert sequence.state is StartState.FAILED
    sequence.first_day_done()
    assert sequence.state is StartState.FAILED
