"""The counter calendar on SQLite and PostgreSQL: the day grid (counters × rows, what each
cell is), DST days without missing or doubled rows, the week summary, and search."""

from __future__ import annotations

import math
import uuid
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import select

from desk.domain.errors import UnknownId
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import HOLDING_STATES, AppointmentStatus, Channel
from desk.services.appointments.booking import Booking, book
from desk.services.appointments.calendar import CellKind, DayGrid, day_grid, search, week_summary
from desk.services.capacity.releases import release_same_day_slot
from desk.services.database import DeskDatabase
from desk.store.models import Counter
from desk.store.uow import UnitOfWork
from tests.builders import add_office
from tests.conftest import DEMO_NOW_ISO

NOW = parse_now(DEMO_NOW_ISO)  # Wednesday 2024-03-20 10:30
TODAY = NOW.date()
THURSDAY = date(2024, 3, 21)
KARFREITAG = date(2024, 3, 29)
MITTE = "bb-mitte"
FREE = (CellKind.ONLINE, CellKind.INTERNAL, CellKind.RELEASED)
MITTE_PORTAL_SHARE = 60  # desk.demo.city: the Bürgerbüros' portal share

SHARE = "bb-share"  # 2 counters, portal share 50 %, Mo–Fr 9–12
DST = "bb-dst"  # 2 counters, Sundays 01:00–05:00 local
FINDS = "bb-finds"  # search
OTHER = "bb-other"  # search: another office


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


@dataclass
class Offices:
    db: DeskDatabase
    counters: dict[str, dict[int, uuid.UUID]]


@pytest.fixture(scope="module")
def offices(fresh_db: DeskDatabase) -> Offices:
    counters = {
        SHARE: add_office(fresh_db, SHARE, counters=2, portal_share_percent=50),
        DST: add_office(fresh_db, DST, counters=2, weekdays=(6,), opens=time(1), closes=time(5)),
        FINDS: add_office(fresh_db, FINDS, counters=2),
        OTHER: add_office(fresh_db, OTHER, counters=1),
    }
    return Offices(fresh_db, counters)


def kinds_at(grid: DayGrid, row: int) -> dict[int, CellKind]:
    return {c.number: grid.cells[(c.number, row)] for c in grid.counters}


def row_at(grid: DayGrid, moment: datetime) -> int:
    """The index of the row starting at ``moment`` (compared as instants)."""
    [row] = [i for i, t in enumerate(grid.times) if t.astimezone(UTC) == moment.astimezone(UTC)]
    return row


def assert_well_formed(grid: DayGrid) -> None:
    """Rows equally spaced in real time, one cell per counter and row, no more."""
    step = timedelta(minutes=grid.step_minutes)
    utc = [t.astimezone(UTC) for t in grid.times]
    assert all(b - a == step for a, b in pairwise(utc))
    assert all(t.tzinfo == BERLIN for t in grid.times)
    assert set(grid.cells) == {(c.number, r) for c in grid.counters for r in range(len(utc))}
    for row, moment in enumerate(utc):  # arithmetic in UTC: local is wall-clock time
        assert grid.row_of(grid.times[row]) == row
        assert grid.row_of((moment + step - timedelta(seconds=1)).astimezone(BERLIN)) == row
    if utc:
        assert grid.row_of(utc[0] - timedelta(seconds=1)) is None
        assert grid.row_of(utc[-1] + step) is None


def expected_booked(grid: DayGrid) -> set[tuple[int, int]]:
    """The cells the day's holding appointments cover, computed in real (UTC) time."""
    step = timedelta(minutes=grid.step_minutes)
    first = grid.times[0].astimezone(UTC)
    cells: set[tuple[int, int]] = set()
    for a in grid.appointments:
        if a.status not in HOLDING_STATES:
            continue
        start, end = a.starts_at.astimezone(UTC), a.ends_at.astimezone(UTC)
        row = (start - first) // step
        rows = math.ceil((end - start) / step)
        assert grid.rows_spanned(a) == (row, rows), a.booking_code
        cells |= {(a.counter_number, r) for r in range(row, row + rows)}
    return cells


# ---------------------------------------------------------------- the demo city


def test_columns_are_the_offices_active_counters(demo: DeskDatabase):
    grid = day_grid(demo, MITTE, THURSDAY, NOW)
    with UnitOfWork(demo.engine) as uow:
        active = list(
            uow.session.execute(
                select(Counter.id, Counter.number, Counter.name)
                .where(Counter.office_id == MITTE, Counter.active.is_(True))
                .order_by(Counter.number)
            )
        )
    assert [(c.id, c.number, c.name) for c in grid.counters] == [tuple(r) for r in active]
    assert [c.number for c in grid.counters] == [1, 2, 3, 4, 5, 6]
    assert grid.closed is None
    assert grid.step_minutes == 15
    assert (grid.times[0], grid.times[-1]) == (local(THURSDAY, 9), local(THURSDAY, 17, 45))
    assert len(grid.times) == 36
    assert_well_formed(grid)


@pytest.mark.parametrize("day", [TODAY, THURSDAY], ids=["today", "thursday"])
def test_booked_cells_are_exactly_the_appointments(demo: DeskDatabase, day: date):
    grid = day_grid(demo, MITTE, day, NOW)
    holding = [a for a in grid.appointments if a.status in HOLDING_STATES]
    assert len(holding) > 20  # the demo city is busy
    assert all(a.starts_at.date() == day for a in grid.appointments)
    assert any(a.status == AppointmentStatus.CANCELLED for a in grid.appointments)
    booked = {key for key, kind in grid.cells.items() if kind == CellKind.BOOKED}
    assert booked == expected_booked(grid)
    assert any(a.ends_at - a.starts_at > timedelta(minutes=15) for a in holding)  # multi-row


def test_free_cells_in_the_past_are_never_online(demo: DeskDatabase):
    grid = day_grid(demo, MITTE, TODAY, NOW)
    past = [r for r, t in enumerate(grid.times) if t < NOW]
    future = [r for r, t in enumerate(grid.times) if t > NOW]
    assert past and future
    past_free = [grid.cells[(c.number, r)] for c in grid.counters for r in past]
    assert CellKind.INTERNAL in past_free  # there is something to look at
    assert set(past_free) <= {CellKind.INTERNAL, CellKind.BOOKED}


@pytest.mark.parametrize("day", [TODAY, THURSDAY], ids=["today", "thursday"])
def test_the_portal_gets_its_share_of_each_future_start(demo: DeskDatabase, day: date):
    grid = day_grid(demo, MITTE, day, NOW)
    share = len(grid.counters) * MITTE_PORTAL_SHARE // 100
    portal = Tally(
        a.starts_at
        for a in grid.appointments
        if a.channel == Channel.PORTAL and a.status in HOLDING_STATES
    )
    online_total = internal_while_online_left = 0
    for row, start in enumerate(grid.times):
        kinds = Tally(kinds_at(grid, row).values())
        free = sum(kinds[k] for k in FREE)
        left = max(0, share - portal[start]) if start > NOW else 0
        assert kinds[CellKind.ONLINE] == min(free, left), start
        assert kinds[CellKind.RELEASED] == 0
        online_total += kinds[CellKind.ONLINE]
        internal_while_online_left += kinds[CellKind.INTERNAL] > 0 and left == 0
        # the portal books the lowest counters first: online cells come before internal
        order = [k for k in kinds_at(grid, row).values() if k in FREE]
        assert order == sorted(order, key=lambda k: k != CellKind.ONLINE)
    assert online_total > 0
    assert internal_while_online_left > 0


def test_a_holiday_is_closed_with_its_name(demo: DeskDatabase):
    grid = day_grid(demo, MITTE, KARFREITAG, NOW)
    assert grid.closed is not None and "Karfreitag" in grid.closed
    assert grid.times == ()
    assert grid.cells == {}
    assert grid.appointments == ()
    assert [c.number for c in grid.counters] == [1, 2, 3, 4, 5, 6]


def test_unknown_office(demo: DeskDatabase):
    with pytest.raises(UnknownId, match="bb-nirgendwo"):
        day_grid(demo, "bb-nirgendwo", THURSDAY, NOW)


# ---------------------------------------------------------------- week summary


@pytest.mark.parametrize("monday", [date(2024, 3, 18), date(2024, 3, 25)])
def test_week_summary_counts_what_the_day_grids_show(demo: DeskDatabase, monday: date):
    week = week_summary(demo, MITTE, monday, NOW)
    assert week.days == tuple(monday + timedelta(days=i) for i in range(6))
    assert [c.number for c in week.counters] == [1, 2, 3, 4, 5, 6]
    assert set(week.cells) == {(d, c.number) for d in week.days for c in week.counters}
    open_days = 0
    for day in week.days:
        grid = day_grid(demo, MITTE, day, NOW)
        for counter in week.counters:
            cell = week.cells[(day, counter.number)]
            kinds = [k for (n, _r), k in grid.cells.items() if n == counter.number]
            held = [
                a
                for a in grid.appointments
                if a.counter_number == counter.number and a.status in HOLDING_STATES
            ]
            assert cell.appointments == len(held), (day, counter.number)
            assert cell.free == sum(k in FREE for k in kinds), (day, counter.number)
            assert cell.online_free == sum(
                k in (CellKind.ONLINE, CellKind.RELEASED) for k in kinds
            ), (day, counter.number)
            if day.weekday() == 5 or day == KARFREITAG:
                assert cell.closed is not None
                assert (cell.appointments, cell.free, cell.online_free) == (0, 0, 0)
            else:
                assert cell.closed is None
                assert cell.appointments > 0
        open_days += grid.closed is None and bool(grid.times)
    assert open_days == (5 if monday == date(2024, 3, 18) else 4)
    if monday == date(2024, 3, 25):
        assert "Karfreitag" in str(week.cells[(KARFREITAG, 1)].closed)
    else:
        future = [week.cells[(THURSDAY, n)].online_free for n in range(1, 7)]
        past = [week.cells[(monday, n)].online_free for n in range(1, 7)]
        assert sum(future) > 0 and sum(past) == 0


# ----------------------------------------------------- portal share and releases


def test_half_share_puts_one_of_two_free_counters_online(offices: Offices):
    db = offices.db
    grid = day_grid(db, SHARE, THURSDAY, NOW)
    assert_well_formed(grid)
    assert len(grid.times) == 12
    for row in range(len(grid.times)):
        assert kinds_at(grid, row) == {1: CellKind.ONLINE, 2: CellKind.INTERNAL}

    portal = book(db, SHARE, "abholung", local(THURSDAY, 9), "Portal", NOW)
    counter = book(
        db, SHARE, "abholung", local(THURSDAY, 9, 15), "Schalter", NOW, channel=Channel.COUNTER
    )
    assert (portal.counter_number, counter.counter_number) == (1, 1)

    grid = day_grid(db, SHARE, THURSDAY, NOW)
    assert kinds_at(grid, 0) == {1: CellKind.BOOKED, 2: CellKind.INTERNAL}  # share used
    assert kinds_at(grid, 1) == {1: CellKind.BOOKED, 2: CellKind.ONLINE}  # share still free
    assert kinds_at(grid, 2) == {1: CellKind.ONLINE, 2: CellKind.INTERNAL}


def test_past_rows_of_today_are_internal(offices: Offices):
    grid = day_grid(offices.db, SHARE, TODAY, NOW)
    for row, start in enumerate(grid.times):
        expected = CellKind.ONLINE if start > NOW else CellKind.INTERNAL
        assert kinds_at(grid, row)[1] == expected, start
        if start < NOW:
            assert kinds_at(grid, row)[2] == CellKind.INTERNAL


def test_a_released_slot_shows_released_until_it_begins(offices: Offices):
    db = offices.db
    start = local(TODAY, 11)
    release_same_day_slot(db, SHARE, 2, start, NOW)

    grid = day_grid(db, SHARE, TODAY, NOW)
    row = row_at(grid, start)
    assert kinds_at(grid, row) == {1: CellKind.ONLINE, 2: CellKind.RELEASED}
    assert kinds_at(grid, row + 1) == {1: CellKind.ONLINE, 2: CellKind.INTERNAL}
    week = week_summary(db, SHARE, date(2024, 3, 18), NOW)
    assert week.cells[(TODAY, 2)].online_free == 1

    later = local(TODAY, 11, 5)  # the released slot has begun: the portal cannot take it
    grid = day_grid(db, SHARE, TODAY, later)
    assert kinds_at(grid, row) == {1: CellKind.INTERNAL, 2: CellKind.INTERNAL}
    week = week_summary(db, SHARE, date(2024, 3, 18), later)
    assert week.cells[(TODAY, 2)].online_free == 0
    assert week.cells[(TODAY, 2)].free == 12


# ---------------------------------------------------------------------- DST days


def labels(grid: DayGrid) -> list[str]:
    return [f"{t:%H:%M}" for t in grid.times]


def quarter_hours(first: int, last: int) -> list[str]:
    return [f"{h:02d}:{m:02d}" for h in range(first, last + 1) for m in (0, 15, 30, 45)]


def test_spring_forward_day_has_no_missing_row(offices: Offices):
    day = date(2024, 3, 31)
    now = local(date(2024, 3, 30), 12)
    across = book(
        offices.db,
        DST,
        "personalausweis",
        local(day, 1, 45),
        "Über Nacht",
        now,
        channel=Channel.COUNTER,
    )
    assert across.end.astimezone(UTC) - across.start.astimezone(UTC) == timedelta(minutes=30)

    grid = day_grid(offices.db, DST, day, now)

    assert_well_formed(grid)
    assert len(grid.times) == 12  # 01:00–05:00 local is 3 real hours
    assert grid.times[0].astimezone(UTC) == datetime(2024, 3, 31, 0, 0, tzinfo=UTC)
    assert grid.times[-1].astimezone(UTC) == datetime(2024, 3, 31, 2, 45, tzinfo=UTC)
    assert labels(grid) == quarter_hours(1, 1) + quarter_hours(3, 4)
    assert labels(grid)[3:5] == ["01:45", "03:00"]
    [appointment] = grid.appointments
    assert grid.rows_spanned(appointment) == (3, 2)
    booked = {key for key, kind in grid.cells.items() if kind == CellKind.BOOKED}
    assert booked == {(1, 3), (1, 4)} == expected_booked(grid)
    assert CellKind.CLOSED not in grid.cells.values()


def test_fall_back_day_has_no_doubled_row(offices: Offices):
    day = date(2024, 10, 27)
    now = local(date(2024, 10, 26), 12)
    across = book(
        offices.db,
        DST,
        "personalausweis",
        local(day, 2, 45),
        "Zweimal Zwei",
        now,
        channel=Channel.COUNTER,
    )
    assert across.start.utcoffset() == timedelta(hours=2)  # the first 02:45 (summer time)
    assert across.end.utcoffset() == timedelta(hours=1)  # ends at the second 02:15

    grid = day_grid(offices.db, DST, day, now)

    assert_well_formed(grid)
    assert len(grid.times) == 20  # 01:00–05:00 local is 5 real hours
    assert labels(grid) == quarter_hours(1, 2) + quarter_hours(2, 4)
    assert labels(grid)[7:9] == ["02:45", "02:00"]
    assert grid.times[7].utcoffset() == timedelta(hours=2)
    assert grid.times[8].utcoffset() == timedelta(hours=1)
    assert len({t.astimezone(UTC) for t in grid.times}) == 20
    [appointment] = grid.appointments
    assert grid.rows_spanned(appointment) == (7, 2)
    booked = {key for key, kind in grid.cells.items() if kind == CellKind.BOOKED}
    assert booked == {(1, 7), (1, 8)} == expected_booked(grid)
    assert CellKind.CLOSED not in grid.cells.values()
    assert kinds_at(grid, 8)[2] == CellKind.ONLINE  # the second 02:00 is a slot of its own


# ------------------------------------------------------------------------ search


@dataclass(frozen=True)
class Found:
    names: dict[str, Booking]
    elsewhere: Booking


@pytest.fixture(scope="module")
def found(offices: Offices) -> Found:
    names = [
        "Jürgen Özdemir-Weiß",
        "Anna Schmidt",
        "Bernd Schmitt",
        "Rabatt 50% Hansen",
        "Max_Mustermann",
        "Back\\Slash",
    ]
    days = [date(2024, 4, d) for d in (2, 3, 4, 5, 8, 9)]  # Tuesday to Tuesday, no weekend
    made: dict[str, Booking] = {}
    for day, name in zip(days, names, strict=True):
        start = local(day, 10)
        made[name] = book(offices.db, FINDS, "abholung", start, name, NOW, channel=Channel.PHONE)
    elsewhere = book(
        offices.db,
        OTHER,
        "abholung",
        local(date(2024, 4, 3), 9),
        "Anna Schmidt",
        NOW,
        channel=Channel.PHONE,
    )
    return Found(made, elsewhere)


def names(db: DeskDatabase, text: str) -> list[str]:
    return [row.citizen_name for row in search(db, FINDS, text, NOW)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schmi", ["Anna Schmidt", "Bernd Schmitt"]),  # upcoming: the earlier day first
        ("SCHMIDT", ["Anna Schmidt"]),
        ("  anna   schmidt ", ["Anna Schmidt"]),
        ("ÖZDEMIR", ["Jürgen Özdemir-Weiß"]),
        ("JüRGEN", ["Jürgen Özdemir-Weiß"]),
        ("zdemir-wEIß", ["Jürgen Özdemir-Weiß"]),
        ("özdemir", ["Jürgen Özdemir-Weiß"]),  # umlauts fold as well, also in SQLite
        ("jÜrgen öz", ["Jürgen Özdemir-Weiß"]),
        ("0% h", ["Rabatt 50% Hansen"]),
        ("x_m", ["Max_Mustermann"]),
        ("k\\s", ["Back\\Slash"]),
        ("%%", []),
        ("__", []),
        ("%_", []),
        ("\\%", []),
        ("Niemand", []),
    ],
)
def test_search_by_name_part(offices: Offices, found: Found, text: str, expected: list[str]):
    assert names(offices.db, text) == expected


@pytest.mark.parametrize("text", ["", " ", "a", " %", "_ ", "\t\n"])
def test_search_needs_two_characters(offices: Offices, found: Found, text: str):
    assert search(offices.db, FINDS, text, NOW) == []


def test_search_by_booking_code(offices: Offices, found: Found):
    anna = found.names["Anna Schmidt"]
    code = anna.code
    assert len(code) == 9 and code[4] == "-"
    for text in (
        code,
        code.lower(),
        code.replace("-", ""),
        code.replace("-", "").lower(),
        f" {code[:4]} {code[5:]} ",
        code[:6].lower(),
        code[:4],
    ):
        rows = search(offices.db, FINDS, text, NOW)
        assert anna.id in [r.id for r in rows], text
        assert all(
            r.booking_code.startswith(code[:4]) or "anna" in r.citizen_name.lower() for r in rows
        ), text
    [row] = search(offices.db, FINDS, code, NOW)
    assert (row.booking_code, row.citizen_name, row.counter_number) == (code, anna.citizen_name, 1)
    assert row.starts_at == anna.start and row.starts_at.tzinfo == BERLIN
    # the same name at another office is not found here, nor is its code
    assert found.elsewhere.id not in [r.id for r in search(offices.db, FINDS, "Anna", NOW)]
    assert search(offices.db, FINDS, found.elsewhere.code, NOW) == []
    there = search(offices.db, OTHER, found.elsewhere.code, NOW)
    assert [r.id for r in there] == [found.elsewhere.id]


def test_search_shows_upcoming_first_then_the_past_latest_first(offices: Offices):
    """Today's and later hits ascending (an earlier one of today included), then the past
    ones descending; at one start by counter number."""
    days = [date(2024, 4, d) for d in (10, 11, 12, 15, 16)]
    phone = Channel.PHONE
    made = {
        day: book(
            offices.db, FINDS, "abholung", local(day, 11), "Erika Ordnung", NOW, channel=phone
        )
        for day in days
    }
    twin = book(
        offices.db, FINDS, "abholung", local(days[3], 11), "Erika Ordnung", NOW, channel=phone
    )
    assert twin.counter_number > made[days[3]].counter_number
    asked_at = local(date(2024, 4, 12), 12)  # the hit of this day began an hour ago

    rows = search(offices.db, FINDS, "ordnung", asked_at)

    expected = [made[days[2]], made[days[3]], twin, made[days[4]], made[days[1]], made[days[0]]]
    assert [r.id for r in rows] == [b.id for b in expected]
    assert [r.starts_at.day for r in rows] == [12, 15, 15, 16, 11, 10]
