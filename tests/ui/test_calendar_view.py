"""The day view of the counter calendar on the demo city and on DST nights, its keys, and
the calendar and week models under pytest-qt's model tester."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from desk.domain.localtime import BERLIN
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.booking import book
from desk.services.appointments.calendar import week_summary
from desk.services.database import open_database, upgrade_database
from tests.builders import add_office
from tests.ui.conftest import NOW
from ui.models.calendar_model import APPOINTMENT_ROLE, HEAD_ROLE, OWN_ROLE, SPAN_ROLE

MITTE = "bb-mitte"
DST = "bb-dst"  # 2 counters, Sundays 01:00–05:00 local
H = Qt.Orientation.Horizontal
V = Qt.Orientation.Vertical


def open_window(qtbot, make_window, url: str, **options):
    window = make_window(url, **options)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def show_day(qtbot, window, day: date) -> None:
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.date_edit.setDate(QDate(day.year, day.month, day.day))
    assert window.calendar_model.grid is not None
    assert window.calendar_model.grid.day == day


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def row_labels(window) -> list[str]:
    model = window.calendar_model
    return [model.headerData(r, V) for r in range(model.rowCount())]


def quarter_hours(first: int, last: int) -> list[str]:
    return [f"{h:02d}:{m:02d}" for h in range(first, last + 1) for m in (0, 15, 30, 45)]


# ------------------------------------------------------------------ demo day


def test_day_view_shows_each_appointment_at_its_time_and_counter(
    qtbot, make_window, demo_sqlite_url
):
    window = open_window(qtbot, make_window, demo_sqlite_url, office_id=MITTE, counter_number=3)
    db = open_database(demo_sqlite_url)
    try:
        expected = day_appointments(db, MITTE, NOW.date())
    finally:
        db.dispose()
    holding = [a for a in expected if a.status != AppointmentStatus.CANCELLED]
    cancelled = [a for a in expected if a.status == AppointmentStatus.CANCELLED]
    assert len(holding) > 20 and cancelled, "the demo day has both kinds"

    model, view = window.calendar_model, window.calendar
    grid = model.grid
    assert grid is not None and grid.day == NOW.date()
    step = timedelta(minutes=grid.step_minutes)

    # columns: own counter first (marked), then the others by number
    counters = sorted({a.counter_number for a in expected})
    headers = [model.headerData(c, H) for c in range(model.columnCount())]
    assert headers[0] == "Schalter 3 ★"
    assert headers[1:] == [f"Schalter {n}" for n in counters if n != 3]
    assert model.headerData(0, H, OWN_ROLE) is True
    assert model.headerData(0, H, Qt.ItemDataRole.ToolTipRole) == "Ihr Schalter"
    assert not any(model.headerData(c, H, OWN_ROLE) for c in range(1, model.columnCount()))
    column_of = {h.removesuffix(" ★"): c for c, h in enumerate(headers)}

    # rows: equal steps from the first row; every appointment start has its row label
    labels = row_labels(window)
    assert labels[0] == f"{grid.times[0]:%H:%M}"
    assert all(b - a == step for a, b in zip(grid.times, grid.times[1:], strict=False))

    for appointment in holding:
        row = grid.row_of(appointment.starts_at)
        column = column_of[appointment.counter_name]
        assert row is not None
        assert labels[row] == f"{appointment.starts_at:%H:%M}", appointment.booking_code
        index = model.index(row, column)
        assert index.data(APPOINTMENT_ROLE).id == appointment.id, appointment.booking_code
        assert index.data(HEAD_ROLE) is True
        span = math.ceil((appointment.ends_at - appointment.starts_at) / step)
        assert index.data(SPAN_ROLE) == span, appointment.booking_code
        assert view.rowSpan(row, column) == span, appointment.booking_code
        assert view.columnSpan(row, column) == 1
        assert view.visualRect(index).height() == span * view.rowHeight(row)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        assert text.startswith(f"{appointment.starts_at:%H:%M} {appointment.service_name}\n")
        assert appointment.citizen_name in text
        for below in range(row + 1, row + span):  # the rest of the block, not heads
            assert model.index(below, column).data(APPOINTMENT_ROLE).id == appointment.id
            assert model.index(below, column).data(HEAD_ROLE) is False

    heads = [
        cell[1].id
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if (cell := model.cell(r, c)) is not None and cell[2]
    ]
    assert sorted(heads) == sorted(a.id for a in holding)  # each once, no cancelled ones
    shown = {
        a.id
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if (a := model.appointment_at(model.index(r, c))) is not None
    }
    assert not shown & {a.id for a in cancelled}
    # cancelled ones are still in the list view's model
    assert {a.id for a in cancelled} <= {r.id for r in window.model.rows}


# ------------------------------------------------------------------ DST days


@pytest.fixture
def dst_url(sqlite_url: str) -> str:
    """A fresh SQLite file with a small office open Sundays 01:00–05:00 local and one
    appointment across the DST change of each Sunday."""
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    try:
        add_office(db, DST, counters=2, weekdays=(6,), opens=time(1), closes=time(5))
        for day, hour, minute in ((date(2024, 3, 31), 1, 45), (date(2024, 10, 27), 2, 45)):
            book(
                db, DST, "personalausweis", local(day, hour, minute), "Nachtschicht",
                local(day - timedelta(days=1), 12), channel=Channel.COUNTER,
            )  # fmt: skip
    finally:
        db.dispose()
    return sqlite_url


@pytest.mark.parametrize(
    ("day", "labels", "around", "head_row"),
    [
        pytest.param(
            date(2024, 3, 31),
            quarter_hours(1, 1) + quarter_hours(3, 4),
            ["01:45", "03:00"],
            3,
            id="spring-forward",
        ),
        pytest.param(
            date(2024, 10, 27),
            quarter_hours(1, 2) + quarter_hours(2, 4),
            ["02:45", "02:00"],
            7,
            id="fall-back",
        ),
    ],
)
def test_dst_day_has_no_missing_or_doubled_hour(
    qtbot, make_window, dst_url, day, labels, around, head_row
):
    window = open_window(qtbot, make_window, dst_url, office_id=DST, counter_number=1)
    show_day(qtbot, window, day)
    model = window.calendar_model

    real = local(day, 5).astimezone(UTC) - local(day, 1).astimezone(UTC)
    assert model.rowCount() == real / timedelta(minutes=15)
    shown = row_labels(window)
    assert shown == labels
    assert shown[head_row : head_row + 2] == around
    # the view's header shows the model's labels
    header = window.calendar.verticalHeader()
    assert header.count() == len(labels)
    tips = [model.headerData(r, V, Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert len(set(tips)) == len(tips)  # the repeated hour differs by its zone

    # the appointment across the change is one block of two rows (30 real minutes)
    [appointment] = [a for a in window.model.rows if a.starts_at.date() == day]
    index = model.index_of(appointment.id)
    assert (index.row(), index.column()) == (head_row, 0)
    assert window.calendar.rowSpan(head_row, 0) == 2
    assert model.index(head_row + 1, 0).data(APPOINTMENT_ROLE).id == appointment.id
    assert model.appointment_at(model.index(head_row + 2, 0)) is None


# ------------------------------------------------------------------ keys


def test_day_keys_on_the_focused_calendar(qtbot, make_window, demo_sqlite_url):
    window = open_window(qtbot, make_window, demo_sqlite_url, office_id=MITTE)
    window.calendar.setFocus()
    qtbot.waitUntil(window.calendar.hasFocus, timeout=5_000)
    assert window.day == NOW.date()

    for key, expected in (
        (Qt.Key.Key_Right, date(2024, 3, 21)),
        (Qt.Key.Key_Right, date(2024, 3, 22)),
        (Qt.Key.Key_Left, date(2024, 3, 21)),
        (Qt.Key.Key_PageDown, date(2024, 3, 28)),
        (Qt.Key.Key_T, NOW.date()),
        (Qt.Key.Key_PageUp, date(2024, 3, 13)),
        (Qt.Key.Key_T, NOW.date()),
    ):
        with qtbot.waitSignal(window.day_loaded, timeout=10_000):
            qtbot.keyClick(window.calendar, key)
        assert window.day == expected, key
        assert window.calendar_model.grid is not None
        assert window.calendar_model.grid.day == expected
        assert window.calendar.hasFocus()  # the clerk can go on pressing keys


# ------------------------------------------------------------------ model tester


def test_calendar_model_passes_the_model_tester(qtbot, make_window, qtmodeltester, demo_sqlite_url):
    window = open_window(qtbot, make_window, demo_sqlite_url, office_id=MITTE, counter_number=2)
    assert window.calendar_model.rowCount() > 0
    assert window.calendar_model.columnCount() > 1
    qtmodeltester.check(window.calendar_model)


def test_week_model_passes_the_model_tester(qtbot, make_window, qtmodeltester, demo_sqlite_url):
    window = open_window(qtbot, make_window, demo_sqlite_url, office_id=MITTE, counter_number=2)
    with qtbot.waitSignal(window.week_loaded, timeout=10_000):
        window.views.setCurrentWidget(window.week)
    model = window.week_model
    monday = NOW.date() - timedelta(days=NOW.weekday())
    days = [monday + timedelta(days=n) for n in range(6)]
    labels = [model.headerData(r, V) for r in range(model.rowCount())]
    assert [label.rsplit(" ", 1)[1] for label in labels] == [f"{d:%d.%m.}" for d in days]
    assert len({label.split(" ")[0] for label in labels}) == 6  # Monday to Saturday by name
    assert model.headerData(0, H) == "Schalter 2 ★"
    db = open_database(demo_sqlite_url)
    try:
        week = week_summary(db, MITTE, monday, NOW)
    finally:
        db.dispose()
    wednesday = model.cell(2, 0)
    assert wednesday == week.cells[(NOW.date(), 2)]
    assert wednesday is not None and wednesday.appointments > 0
    qtmodeltester.check(model)


def test_keys_come_into_the_calendar_at_now_and_choose_nothing_by_it(
    qtbot, make_window, demo_sqlite_url
):
    """Tab or Strg+1 into the calendar starts at the own counter's cell at now (10:30),
    not at the day's first row; the panel stays empty until an arrow chooses."""
    window = open_window(qtbot, make_window, demo_sqlite_url, office_id=MITTE, counter_number=1)
    calendar = window.calendar
    assert not calendar.currentIndex().isValid()
    window.activateWindow()
    window.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    calendar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(calendar.hasFocus)
    current = calendar.currentIndex()
    assert (current.row(), current.column()) == (row_labels(window).index("10:30"), 0)
    assert window.selected is None and not calendar.selectionModel().hasSelection()
    qtbot.keyClick(calendar, Qt.Key.Key_Down)
    below = calendar.currentIndex()
    assert below.row() > current.row() and below.column() == 0
    assert calendar.selectionModel().isSelected(below)


def test_a_click_into_the_calendar_is_not_moved_to_now(qtbot, make_window, demo_sqlite_url):
    window = open_window(qtbot, make_window, demo_sqlite_url, office_id=MITTE, counter_number=1)
    calendar = window.calendar
    calendar.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(calendar.hasFocus)
    assert not calendar.currentIndex().isValid()
