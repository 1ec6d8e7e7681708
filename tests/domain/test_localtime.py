"""Local office time: day bounds across DST and the --now / --from parsers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.errors import RequestRefused
from desk.domain.localtime import (
    BERLIN,
    at_local,
    local_day_bounds,
    parse_day,
    parse_now,
    time_span,
)

HOUR = timedelta(hours=1)


def _length(day: date) -> timedelta:
    start, end = local_day_bounds(day)
    return end - start


def test_spring_forward_day_has_23_hours() -> None:
    assert _length(date(2024, 3, 31)) == 23 * HOUR


def test_fall_back_day_has_25_hours() -> None:
    assert _length(date(2024, 10, 27)) == 25 * HOUR


def test_ordinary_day_has_24_hours() -> None:
    assert _length(date(2024, 3, 20)) == 24 * HOUR


def test_day_bounds_are_utc_local_midnights() -> None:
    start, end = local_day_bounds(date(2024, 3, 31))
    assert start == datetime(2024, 3, 30, 23, 0, tzinfo=UTC)
    assert end == datetime(2024, 3, 31, 22, 0, tzinfo=UTC)
    assert start.utcoffset() == timedelta(0)
    assert end.utcoffset() == timedelta(0)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 30)))
def test_every_day_lasts_23_to_25_hours_and_touches_the_next(day: date) -> None:
    start, end = local_day_bounds(day)
    assert end - start in (23 * HOUR, 24 * HOUR, 25 * HOUR)
    next_start, _ = local_day_bounds(day + timedelta(days=1))
    assert next_start == end
    assert start.astimezone(BERLIN).replace(tzinfo=None) == datetime.combine(
        day, datetime.min.time()
    )


def test_now_without_offset_is_berlin_local_time() -> None:
    now = parse_now("2024-03-18T08:30")
    assert now == datetime(2024, 3, 18, 7, 30, tzinfo=UTC)
    assert now.tzinfo == BERLIN
    assert (now.hour, now.minute) == (8, 30)


def test_now_in_summer_time_is_two_hours_ahead_of_utc() -> None:
    assert parse_now("2024-07-01T12:00") == datetime(2024, 7, 1, 10, 0, tzinfo=UTC)


def test_now_with_explicit_offset_keeps_the_instant() -> None:
    now = parse_now("2024-03-18T08:30+00:00")
    assert now == datetime(2024, 3, 18, 8, 30, tzinfo=UTC)
    assert (now.hour, now.minute) == (9, 30)
    assert now.tzinfo == BERLIN


@pytest.mark.parametrize("text", ["2024-13-01", "gestern", "", "2024-03-18T25:00", "heute\nmorgen"])
def test_now_refuses_nonsense_with_a_one_line_reason(text: str) -> None:
    with pytest.raises(RequestRefused) as refused:
        parse_now(text)
    message = str(refused.value)
    assert message
    assert "\n" not in message
    assert "ISO 8601" in message


def test_day_parses_iso_date() -> None:
    assert parse_day("2024-03-18") == date(2024, 3, 18)
    assert parse_day("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2024-13-01", "gestern", "", "2023-02-29", "heute\nmorgen"])
def test_day_refuses_nonsense_with_a_one_line_reason(text: str) -> None:
    with pytest.raises(RequestRefused) as refused:
        parse_day(text)
    message = str(refused.value)
    assert message
    assert "\n" not in message
    assert "JJJJ-MM-TT" in message


def test_a_span_across_the_autumn_change_names_both_zones():
    starts = datetime(2024, 10, 27, 0, 45, tzinfo=UTC).astimezone(BERLIN)  # 02:45 CEST
    ends = datetime(2024, 10, 27, 1, 15, tzinfo=UTC).astimezone(BERLIN)  # 02:15 CET
    assert time_span(starts, ends) == "02:45 CEST–02:15 CET"
    assert time_span(starts, ends, zone=True) == "02:45 CEST–02:15 CET"
    morning = at_local(date(2024, 10, 27), time(9, 15))
    assert time_span(morning, morning + timedelta(minutes=15)) == "09:15–09:30"
    assert time_span(morning, morning + timedelta(minutes=15), zone=True) == "09:15–09:30 (CET)"
