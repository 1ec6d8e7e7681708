"""Changes written by another desk show after one refresh, in place: the changed cells
update (dataChanged, no model reset), the selection and the scroll position stay."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.agenda import AppointmentRow
from desk.services.appointments.booking import book, suggestions
from desk.services.appointments.calendar import CellKind
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import open_database
from tests.ui.conftest import NOW

MITTE = "bb-mitte"
COUNTER = 3
S = AppointmentStatus


@pytest.fixture
def demo_copy_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the seeded demo city (SQLite's backup API also takes what is
    still in a -wal file), so the session's demo database stays untouched."""
    source = demo_sqlite_url.removeprefix("sqlite:///")
    target = tmp_path / "demo-copy.sqlite"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


class Shown:
    """A window on the demo day, scrolled to now, with one appointment selected."""

    def __init__(self, qtbot, ops, make_window, url: str) -> None:
        self.qtbot, self.ops = qtbot, ops
        window = make_window(url, office_id=MITTE, counter_number=COUNTER)
        window.resize(1366, 480)  # the day does not fit: the calendar scrolls
        with qtbot.waitSignal(window.day_loaded, timeout=20_000):
            window.start()
        grid = window.calendar_model.grid
        assert grid is not None
        now_row = grid.row_of(NOW)
        assert now_row is not None
        qtbot.waitUntil(lambda: window.calendar.rowAt(0) == now_row - 1, timeout=5_000)
        self.window = window
        booked = [r for r in window.model.rows if r.status == S.BOOKED and r.starts_at > NOW]
        self.selected = booked[0]
        with qtbot.waitSignal(window.history_loaded, timeout=10_000):
            assert window.select_appointment(self.selected.id)
        qtbot.waitUntil(lambda: ops.pending == 0, timeout=10_000)
        self.current = window.calendar.currentIndex()
        assert window.calendar_model.appointment_at(self.current) == self.selected
        # the clerk scrolls back a little (not where a fresh day would scroll to)
        bar = window.calendar.verticalScrollBar()
        assert bar.maximum() > 1
        bar.setValue(1)
        self.scroll = bar.value()
        assert self.scroll == 1 != now_row - 1
        self.booked = booked

    def refresh_in_place(self) -> list[tuple[int, int, int, int]]:
        """Refresh once; the calendar's dataChanged ranges (top, left, bottom, right)."""
        model = self.window.calendar_model
        changes: list[tuple[int, int, int, int]] = []

        def spy(top_left, bottom_right, *_roles) -> None:
            changes.append(
                (top_left.row(), top_left.column(), bottom_right.row(), bottom_right.column())
            )

        model.dataChanged.connect(spy)
        try:
            with (
                self.qtbot.assertNotEmitted(model.modelReset),
                self.qtbot.assertNotEmitted(model.layoutChanged),
                self.qtbot.waitSignal(self.window.day_loaded, timeout=10_000),
                self.qtbot.waitSignal(model.dataChanged, timeout=10_000),
            ):
                self.window.refresh()
        finally:
            model.dataChanged.disconnect(spy)
        self.qtbot.wait(50)  # what the load queued for later (e.g. a scroll) has run
        return changes

    def assert_kept(self) -> None:
        window = self.window
        assert window.calendar.currentIndex() == self.current
        assert window.calendar.selectionModel().isSelected(self.current)
        assert window.selected is not None and window.selected.id == self.selected.id
        assert window.calendar.verticalScrollBar().value() == self.scroll


def block_of(window, appointment: AppointmentRow) -> tuple[int, int, int, int]:
    index = window.calendar_model.index_of(appointment.id)
    assert index.isValid()
    span = window.calendar.rowSpan(index.row(), index.column())
    return (index.row(), index.column(), index.row() + span - 1, index.column())


def test_a_step_taken_at_another_desk_updates_only_its_block(
    qtbot, ops, make_window, demo_copy_url
):
    shown = Shown(qtbot, ops, make_window, demo_copy_url)
    window = shown.window
    other = next(r for r in shown.booked if r.counter_number != shown.selected.counter_number)
    block = block_of(window, other)

    elsewhere = open_database(demo_copy_url)
    try:
        perform(elsewhere, other.id, Action.CHECK_IN, NOW, counter_number=5)
    finally:
        elsewhere.dispose()
    # not shown before the refresh
    assert window.calendar_model.appointment_at(window.calendar_model.index_of(other.id)) == other

    changes = shown.refresh_in_place()

    head = window.calendar_model.index_of(other.id)
    assert window.calendar_model.appointment_at(head).status == S.CHECKED_IN
    assert next(r for r in window.model.rows if r.id == other.id).status == S.CHECKED_IN
    assert changes == [block]  # that appointment's cells, nothing else
    shown.assert_kept()
    assert window.selected is not None and window.selected.status == S.BOOKED


def test_a_booking_made_at_another_desk_appears(qtbot, ops, make_window, demo_copy_url):
    shown = Shown(qtbot, ops, make_window, demo_copy_url)
    window = shown.window
    model = window.calendar_model

    elsewhere = open_database(demo_copy_url)
    try:
        # 20 minutes: a block of two rows
        offer = suggestions(elsewhere, MITTE, "personalausweis", NOW, days=0, limit=1)[0]
        booking = book(
            elsewhere, MITTE, "personalausweis", offer.start, "Neue Anruferin", NOW,
            channel=Channel.PHONE,
        )  # fmt: skip
    finally:
        elsewhere.dispose()
    assert booking.start.date() == NOW.date()
    row = model.grid.row_of(booking.start)
    numbers = [model.counter_at(c).number for c in range(model.columnCount())]
    column = numbers.index(booking.counter_number)
    before = model.cell(row, column)
    assert before is not None and before[0] in (CellKind.ONLINE, CellKind.INTERNAL)
    assert not model.index_of(booking.id).isValid()

    changes = shown.refresh_in_place()

    index = model.index_of(booking.id)
    assert (index.row(), index.column()) == (row, column)
    kind, appointment, head, _rows, _title = model.cell(row, column)
    assert (kind, head) == (CellKind.BOOKED, True)
    assert window.calendar.rowSpan(row, column) == 2
    assert model.cell(row + 1, column)[1] == appointment
    assert appointment.citizen_name == "Neue Anruferin" and appointment.status == S.BOOKED
    assert booking.id in {r.id for r in window.model.rows}
    # the new block, and at most which counters are free online at its times
    assert (row, column, row + 1, column) in changes
    assert all(row <= top <= bottom <= row + 1 for top, _l, bottom, _r in changes)
    shown.assert_kept()
