"""Slots: derived from opening templates, minus holidays and closures, DST-safe."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.localtime import BERLIN
from desk.domain.slots import (
    Closure,
    Slot,
    Template,
    closed_reason,
    day_slots,
    runs_for_service,
    slots_needed,
)

MONDAY = date(2024, 3, 18)
SUMMER_MONDAY = date(2024, 6, 17)
SERVICES = frozenset({"anmeldung", "personalausweis"})
COUNTER_1 = uuid.UUID(int=1)
COUNTER_2 = uuid.UUID(int=2)


def template(
    weekday: int = 0,
    opens: time = time(9),
    closes: time = time(12),
    slot_minutes: int = 15,
    *,
    counter_id: uuid.UUID = COUNTER_1,
    counter_number: int = 1,
    services: frozenset[str] = SERVICES,
    valid_from: date = date.min,
    valid_until: date | None = None,
) -> Template:
    return Template(
        counter_id=counter_id,
        counter_number=counter_number,
        weekday=weekday,
        opens=opens,
        closes=closes,
        slot_minutes=slot_minutes,
        services=services,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local_clock(moment: datetime) -> time:
    return moment.astimezone(BERLIN).time()


def slots_of(slots: list[Slot], counter_id: uuid.UUID) -> list[Slot]:
    return [s for s in slots if s.counter_id == counter_id]


# --- one template, one day -------------------------------------------------


def test_monday_nine_to_twelve_at_15_minutes_gives_12_slots() -> None:
    assert len(day_slots(MONDAY, [template()])) == 12


@pytest.mark.parametrize(
    ("day", "first_start_utc"),
    [
        pytest.param(MONDAY, utc(2024, 3, 18, 8), id="winter-0800-utc"),
        pytest.param(SUMMER_MONDAY, utc(2024, 6, 17, 7), id="summer-0700-utc"),
    ],
)
def test_first_slot_starts_at_nine_berlin(day: date, first_start_utc: datetime) -> None:
    first = day_slots(day, [template()])[0]
    assert first.start == first_start_utc
    assert local_clock(first.start) == time(9)
    assert first.start.tzinfo is UTC


def test_last_slot_ends_at_closing_time() -> None:
    last = day_slots(MONDAY, [template()])[-1]
    assert local_clock(last.end) == time(12)


def test_slots_of_one_counter_are_contiguous_and_sorted() -> None:
    slots = day_slots(MONDAY, [template()])
    assert slots == sorted(slots)
    assert all(a.end == b.start for a, b in pairwise(slots))
    assert all(s.end - s.start == timedelta(minutes=15) for s in slots)


def test_slot_carries_counter_and_services() -> None:
    slot = day_slots(MONDAY, [template()])[0]
    assert (slot.counter_id, slot.counter_number, slot.services) == (COUNTER_1, 1, SERVICES)


def test_closing_time_not_on_the_slot_grid_drops_the_partial_slot() -> None:
    slots = day_slots(MONDAY, [template(closes=time(11, 50))])
    assert len(slots) == 11
    assert local_clock(slots[-1].end) == time(11, 45)


def test_two_counters_sorted_by_start_then_counter_number() -> None:
    # Counter 2 listed first and with a random-looking id: order must not depend on either.
    second = template(counter_id=uuid.UUID(int=99), counter_number=2)
    first = template(counter_id=uuid.UUID(int=5), counter_number=1)
    slots = day_slots(MONDAY, [second, first])
    assert len(slots) == 24
    assert [(s.start, s.counter_number) for s in slots] == sorted(
        (s.start, s.counter_number) for s in slots
    )
    assert [s.counter_number for s in slots[:4]] == [1, 2, 1, 2]
    assert slots[0].start == slots[1].start


# --- weekday and validity --------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2024, 3, 18), 12, id="monday-matches"),
        pytest.param(date(2024, 3, 19), 0, id="tuesday-no-template"),
        pytest.param(date(2024, 3, 17), 0, id="sunday-no-template"),
        pytest.param(date(2024, 3, 25), 12, id="next-monday-matches"),
    ],
)
def test_template_applies_on_its_weekday_only(day: date, expected: int) -> None:
    assert len(day_slots(day, [template(weekday=0)])) == expected


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        pytest.param(date(2024, 3, 11), False, id="monday-before-valid-from"),
        pytest.param(date(2024, 3, 18), True, id="valid-from-is-inclusive"),
        pytest.param(date(2024, 4, 8), True, id="inside"),
        pytest.param(date(2024, 4, 15), True, id="valid-until-is-inclusive"),
        pytest.param(date(2024, 4, 22), False, id="monday-after-valid-until"),
    ],
)
def test_template_validity_period_is_inclusive(day: date, valid: bool) -> None:
    t = template(valid_from=date(2024, 3, 18), valid_until=date(2024, 4, 15))
    assert t.valid_on(day) is valid
    assert bool(day_slots(day, [t])) is valid


def test_template_without_valid_until_is_open_ended() -> None:
    t = template(valid_from=date(2024, 3, 18))
    assert t.valid_on(date(2030, 1, 7))


def test_new_template_replaces_old_on_the_changeover_day() -> None:
    old = template(closes=time(12), valid_until=date(2024, 3, 17))
    new = template(closes=time(15), valid_from=date(2024, 3, 18))
    assert local_clock(day_slots(date(2024, 3, 11), [old, new])[-1].end) == time(12)
    assert local_clock(day_slots(date(2024, 3, 18), [old, new])[-1].end) == time(15)


# --- public holidays (Sachsen-Anhalt by default) ---------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        pytest.param(date(2024, 1, 6), "Heilige Drei Könige", id="epiphany-saturday"),
        pytest.param(date(2024, 3, 29), "Karfreitag", id="good-friday"),
        pytest.param(date(2024, 4, 1), "Ostermontag", id="easter-monday"),
        pytest.param(date(2024, 10, 31), "Reformationstag", id="reformation-day-thursday"),
    ],
)
def test_no_slots_on_a_public_holiday(day: date, name: str) -> None:
    t = template(weekday=day.weekday())
    assert day_slots(day, [t]) == []
    assert closed_reason(day, []) == f"Feiertag ({name})"


def test_same_weekday_a_week_later_is_open() -> None:
    day = date(2024, 10, 31) + timedelta(days=7)
    assert len(day_slots(day, [template(weekday=day.weekday())])) == 12
    assert closed_reason(day, []) is None


def test_reformation_day_is_open_in_berlin() -> None:
    day = date(2024, 10, 31)
    assert len(day_slots(day, [template(weekday=3)], state="BE")) == 12
    assert closed_reason(day, [], state="BE") is None


def test_epiphany_is_open_in_berlin() -> None:
    assert len(day_slots(date(2024, 1, 6), [template(weekday=5)], state="BE")) == 12


def test_holiday_is_named_before_an_office_closure_on_the_same_day() -> None:
    closure = Closure(date(2024, 3, 29), date(2024, 3, 29), "Betriebsausflug")
    assert closed_reason(date(2024, 3, 29), [closure]) == "Feiertag (Karfreitag)"


# --- closures --------------------------------------------------------------

EVERY_WEEKDAY = [template(weekday=w) for w in range(7)]


def test_office_closure_for_one_day() -> None:
    closure = Closure(MONDAY, MONDAY, "Personalversammlung")
    assert day_slots(MONDAY, EVERY_WEEKDAY, [closure]) == []
    assert closed_reason(MONDAY, [closure]) == "geschlossen (Personalversammlung)"
    assert len(day_slots(MONDAY + timedelta(days=1), EVERY_WEEKDAY, [closure])) == 12


PERIOD = Closure(date(2024, 7, 22), date(2024, 7, 26), "Umzug")


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        pytest.param(date(2024, 7, 21), True, id="day-before"),
        pytest.param(date(2024, 7, 22), False, id="first-day-inclusive"),
        pytest.param(date(2024, 7, 24), False, id="middle"),
        pytest.param(date(2024, 7, 26), False, id="last-day-inclusive"),
        pytest.param(date(2024, 7, 27), True, id="day-after"),
    ],
)
def test_office_closure_for_a_period(day: date, open_: bool) -> None:
    assert bool(day_slots(day, EVERY_WEEKDAY, [PERIOD])) is open_
    assert (closed_reason(day, [PERIOD]) is None) is open_


def test_counter_closure_removes_only_that_counter() -> None:
    one = template(counter_id=COUNTER_1, counter_number=1)
    two = template(counter_id=COUNTER_2, counter_number=2)
    closure = Closure(MONDAY, MONDAY, "Schulung", counter_id=COUNTER_2)
    slots = day_slots(MONDAY, [one, two], [closure])
    assert len(slots) == 12
    assert {s.counter_id for s in slots} == {COUNTER_1}
    assert closed_reason(MONDAY, [closure]) is None


def test_counter_closure_ends_on_its_last_day() -> None:
    two = template(counter_id=COUNTER_2, counter_number=2)
    closure = Closure(MONDAY - timedelta(days=7), MONDAY - timedelta(days=1), "krank", COUNTER_2)
    assert len(day_slots(MONDAY, [two], [closure])) == 12


# --- daylight saving time --------------------------------------------------

SPRING_FORWARD = date(2024, 3, 31)  # Sunday, 02:00 CET → 03:00 CEST
FALL_BACK = date(2024, 10, 27)  # Sunday, 03:00 CEST → 02:00 CET
HOUR = timedelta(hours=1)
QUARTER = timedelta(minutes=15)


def _real(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, BERLIN).astimezone(UTC)


@pytest.mark.parametrize(
    ("day", "real_length"),
    [
        pytest.param(SPRING_FORWARD, 23 * HOUR - QUARTER, id="spring-forward-23h"),
        pytest.param(FALL_BACK, 25 * HOUR - QUARTER, id="fall-back-25h"),
        pytest.param(date(2024, 3, 24), 24 * HOUR - QUARTER, id="ordinary-sunday-24h"),
    ],
)
def test_dst_day_has_no_missing_and_no_doubled_hour(day: date, real_length: timedelta) -> None:
    slots = day_slots(day, [template(weekday=6, opens=time(0), closes=time(23, 45))])
    assert all(s.end - s.start == QUARTER for s in slots)
    assert all(a.end == b.start for a, b in pairwise(slots))
    assert len({s.start for s in slots}) == len(slots)
    assert slots[0].start == _real(day, time(0))
    assert slots[-1].end == _real(day, time(23, 45))
    assert slots[-1].end - slots[0].start == real_length
    assert len(slots) == real_length // QUARTER


@pytest.mark.parametrize(
    ("day", "count"),
    [
        pytest.param(SPRING_FORWARD, 91, id="spring-forward"),
        pytest.param(FALL_BACK, 99, id="fall-back"),
    ],
)
def test_dst_day_until_2359_ends_on_the_last_full_slot(day: date, count: int) -> None:
    slots = day_slots(day, [template(weekday=6, opens=time(0), closes=time(23, 59))])
    assert len(slots) == count
    assert all(a.end == b.start for a, b in pairwise(slots))
    assert local_clock(slots[-1].end) == time(23, 45)
    assert timedelta(0) <= _real(day, time(23, 59)) - slots[-1].end < QUARTER


def test_spring_forward_day_skips_the_local_hour_from_two_to_three() -> None:
    slots = day_slots(SPRING_FORWARD, [template(weekday=6, opens=time(0), closes=time(23, 45))])
    clocks = [local_clock(s.start) for s in slots]
    assert time(1, 45) in clocks
    assert time(3) in clocks
    assert not any(time(2) <= c < time(3) for c in clocks)


def test_fall_back_day_shows_the_local_hour_from_two_to_three_twice() -> None:
    slots = day_slots(FALL_BACK, [template(weekday=6, opens=time(0), closes=time(23, 45))])
    clocks = [local_clock(s.start) for s in slots]
    assert clocks.count(time(2, 30)) == 2
    assert clocks.count(time(1, 30)) == 1


@pytest.mark.parametrize(
    ("day", "first_start_utc"),
    [
        pytest.param(date(2024, 4, 2), utc(2024, 4, 2, 7), id="tuesday-after-spring-forward"),
        pytest.param(date(2024, 10, 28), utc(2024, 10, 28, 8), id="monday-after-fall-back"),
    ],
)
def test_ordinary_day_after_dst_change_starts_at_nine_local(
    day: date, first_start_utc: datetime
) -> None:
    slots = day_slots(day, [template(weekday=day.weekday(), closes=time(18))])
    assert slots[0].start == first_start_utc
    assert local_clock(slots[0].start) == time(9)
    assert local_clock(slots[-1].end) == time(18)
    assert len(slots) == 36


# --- runs of consecutive slots for a service -------------------------------


@pytest.mark.parametrize(
    ("service_minutes", "slot_minutes", "needed"),
    [
        pytest.param(10, 15, 1, id="shorter-than-a-slot"),
        pytest.param(15, 15, 1, id="exactly-one-slot"),
        pytest.param(16, 15, 2, id="a-minute-over"),
        pytest.param(20, 15, 2, id="20-at-15"),
        pytest.param(30, 15, 2, id="exactly-two"),
        pytest.param(45, 10, 5, id="45-at-10"),
        pytest.param(0, 15, 1, id="at-least-one"),
    ],
)
def test_slots_needed(service_minutes: int, slot_minutes: int, needed: int) -> None:
    slot = day_slots(MONDAY, [template(slot_minutes=slot_minutes)])[0]
    assert slots_needed(service_minutes, slot) == needed


def test_20_minute_service_takes_two_consecutive_slots_at_one_counter() -> None:
    slots = day_slots(MONDAY, [template()])
    runs = runs_for_service(slots, "anmeldung", 20)
    assert len(runs) == 11  # 12 slots, the last one has no successor
    for run in runs:
        assert len(run) == 2
        assert run[0].end == run[1].start
        assert run[0].counter_id == run[1].counter_id


def test_run_never_spans_two_counters() -> None:
    one = template(counter_id=COUNTER_1, counter_number=1, opens=time(9), closes=time(10))
    two = template(counter_id=COUNTER_2, counter_number=2, opens=time(10), closes=time(11))
    runs = runs_for_service(day_slots(MONDAY, [one, two]), "anmeldung", 20)
    assert all(len({s.counter_id for s in run}) == 1 for run in runs)
    starts = {local_clock(run[0].start) for run in runs}
    assert time(9, 45) not in starts
    assert len(runs) == 6


def test_run_never_spans_a_gap_in_the_day() -> None:
    morning = template(opens=time(9), closes=time(12))
    afternoon = template(opens=time(13), closes=time(15))
    runs = runs_for_service(day_slots(MONDAY, [morning, afternoon]), "anmeldung", 20)
    starts = [local_clock(run[0].start) for run in runs]
    assert time(11, 30) in starts
    assert time(11, 45) not in starts
    assert time(13) in starts
    assert time(14, 45) not in starts
    assert all(a.end == b.start for run in runs for a, b in pairwise(run))


def test_every_slot_of_a_run_offers_the_service() -> None:
    with_it = template(opens=time(9), closes=time(10), services=frozenset({"anmeldung"}))
    without = template(opens=time(10), closes=time(11), services=frozenset({"abholung"}))
    runs = runs_for_service(day_slots(MONDAY, [with_it, without]), "anmeldung", 20)
    assert [local_clock(r[0].start) for r in runs] == [time(9), time(9, 15), time(9, 30)]
    assert all("anmeldung" in s.services for run in runs for s in run)


def test_no_runs_for_a_service_the_counter_does_not_offer() -> None:
    assert runs_for_service(day_slots(MONDAY, [template()]), "trauung", 15) == []


def test_runs_sorted_by_start_then_counter_number() -> None:
    two = template(counter_id=COUNTER_2, counter_number=2)
    one = template(counter_id=COUNTER_1, counter_number=1)
    runs = runs_for_service(day_slots(MONDAY, [two, one]), "anmeldung", 20)
    keys = [(r[0].start, r[0].counter_number) for r in runs]
    assert keys == sorted(keys)
    assert [r[0].counter_number for r in runs[:2]] == [1, 2]


# --- properties ------------------------------------------------------------

SLOT_LENGTHS = st.sampled_from([5, 10, 15, 20, 30])


@st.composite
def templates(draw: st.DrawFn, number: int) -> Template:
    opens_minute = draw(st.integers(6 * 60, 12 * 60))
    length = draw(st.integers(60, 8 * 60))
    closes_minute = opens_minute + length
    return template(
        weekday=draw(st.integers(0, 6)),
        opens=time(opens_minute // 60, opens_minute % 60),
        closes=time(closes_minute // 60, closes_minute % 60),
        slot_minutes=draw(SLOT_LENGTHS),
        counter_id=uuid.UUID(int=number),
        counter_number=number,
    )


@st.composite
def office(draw: st.DrawFn) -> list[Template]:
    count = draw(st.integers(1, 4))
    return [draw(templates(n)) for n in range(1, count + 1)]


DAYS = st.dates(date(2024, 1, 1), date(2026, 12, 31))


@st.composite
def closures(draw: st.DrawFn) -> Closure:
    starts = draw(DAYS)
    ends = starts + timedelta(days=draw(st.integers(0, 10)))
    counter = draw(st.one_of(st.none(), st.integers(1, 4).map(lambda n: uuid.UUID(int=n))))
    return Closure(starts, ends, "geschlossen", counter)


@settings(max_examples=300, deadline=None)
@given(office(), DAYS, st.lists(closures(), max_size=3))
def test_slots_respect_hours_closures_and_holidays(
    tpls: list[Template], day: date, closed: list[Closure]
) -> None:
    slots = day_slots(day, tpls, closed)
    if closed_reason(day, closed) is not None:
        assert slots == []
    by_id = {t.counter_id: t for t in tpls}
    for slot in slots:
        t = by_id[slot.counter_id]
        assert t.valid_on(day)
        assert not any(c.closes(day, slot.counter_id) for c in closed)
        start, end = slot.start.astimezone(BERLIN), slot.end.astimezone(BERLIN)
        assert start.date() == end.date() == day
        assert t.opens <= start.time() and end.time() <= t.closes
        assert slot.end - slot.start == timedelta(minutes=t.slot_minutes)
    for t in tpls:
        mine = slots_of(slots, t.counter_id)
        assert all(a.end <= b.start for a, b in pairwise(mine))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([date(2024, 3, 31), date(2025, 3, 30), FALL_BACK, date(2025, 10, 26)]),
    SLOT_LENGTHS,
    st.integers(0, 6 * 60),
    st.integers(60, 17 * 60),
)
def test_dst_sundays_keep_real_length(
    day: date, slot_minutes: int, opens_minute: int, length: int
) -> None:
    opens = time(opens_minute // 60, opens_minute % 60)
    closes_minute = min(opens_minute + length, 23 * 60 + 59)
    closes = time(closes_minute // 60, closes_minute % 60)
    sunday = template(weekday=6, opens=opens, closes=closes, slot_minutes=slot_minutes)
    slots = day_slots(day, [sunday])
    step = timedelta(minutes=slot_minutes)
    real = _real(day, closes) - _real(day, opens)
    assert len(slots) == real // step
    assert all(s.end - s.start == step for s in slots)
    assert all(a.end == b.start for a, b in pairwise(slots))
