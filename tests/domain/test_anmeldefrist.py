"""Anmeldefrist: register a new home within 14 days of moving in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.anmeldefrist import FRIST_DAYS, check, deadline
from desk.domain.localtime import BERLIN

MOVE_IN = date(2024, 3, 1)


def slot(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A slot start as the slot rules make it: aware UTC from local time."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@pytest.mark.parametrize(
    ("move_in", "last_day"),
    [
        pytest.param(date(2024, 3, 1), date(2024, 3, 15), id="2024-03-01-to-03-15"),
        pytest.param(date(2024, 2, 20), date(2024, 3, 5), id="across-leap-february"),
        pytest.param(date(2023, 2, 20), date(2023, 3, 6), id="across-common-february"),
        pytest.param(date(2024, 12, 25), date(2025, 1, 8), id="across-new-year"),
    ],
)
def test_deadline_is_move_in_plus_14_days(move_in: date, last_day: date) -> None:
    assert FRIST_DAYS == 14
    assert deadline(move_in) == last_day


@pytest.mark.parametrize(
    ("chosen", "within"),
    [
        pytest.param(slot(2024, 3, 4), True, id="early"),
        pytest.param(slot(2024, 3, 15, 8), True, id="deadline-day-morning"),
        pytest.param(slot(2024, 3, 15, 23, 45), True, id="deadline-day-23-45-local"),
        pytest.param(slot(2024, 3, 16, 0), False, id="day-after-00-00-local"),
        pytest.param(slot(2024, 3, 16, 9), False, id="day-after"),
        pytest.param(slot(2024, 4, 2), False, id="weeks-late"),
    ],
)
def test_chosen_slot_within_the_deadline(chosen: datetime, within: bool) -> None:
    result = check(MOVE_IN, chosen, [])
    assert result.deadline == date(2024, 3, 15)
    assert result.within is within


def test_deadline_day_is_the_local_day_not_the_utc_day() -> None:
    # 2024-03-15 23:30 UTC is already 2024-03-16 in Berlin.
    late = datetime(2024, 3, 15, 23, 30, tzinfo=UTC)
    assert check(MOVE_IN, late, []).within is False
    # 2024-03-15 22:30 UTC is 23:30 on the deadline day in Berlin.
    assert check(MOVE_IN, datetime(2024, 3, 15, 22, 30, tzinfo=UTC), []).within is True


def test_no_chosen_slot_means_within_unknown() -> None:
    result = check(MOVE_IN, None, [slot(2024, 3, 5)])
    assert result.within is None
    assert result.earliest_within == slot(2024, 3, 5)


def test_earliest_within_is_the_earliest_candidate_on_or_before_the_deadline() -> None:
    candidates = [
        slot(2024, 3, 20),
        slot(2024, 3, 14, 11),
        slot(2024, 3, 12, 10),
        slot(2024, 3, 15),
    ]
    result = check(MOVE_IN, slot(2024, 3, 20), candidates)
    assert result.within is False
    assert result.earliest_within == slot(2024, 3, 12, 10)


def test_candidate_on_the_deadline_day_counts() -> None:
    result = check(MOVE_IN, None, [slot(2024, 3, 18), slot(2024, 3, 15, 14)])
    assert result.earliest_within == slot(2024, 3, 15, 14)


@pytest.mark.parametrize(
    "candidates",
    [
        pytest.param([], id="no-candidates"),
        pytest.param([slot(2024, 3, 16), slot(2024, 3, 20)], id="all-after-the-deadline"),
        pytest.param([datetime(2024, 3, 15, 23, 0, tzinfo=UTC)], id="deadline-utc-day-after-local"),
    ],
)
def test_no_candidate_within_gives_none(candidates: list[datetime]) -> None:
    assert check(MOVE_IN, None, candidates).earliest_within is None


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    st.lists(st.integers(-5 * 24 * 60, 40 * 24 * 60), max_size=20),
)
def test_earliest_within_is_the_minimum_of_candidates_by_the_deadline(
    move_in: date, offsets: list[int]
) -> None:
    base = datetime.combine(move_in, datetime.min.time(), BERLIN).astimezone(UTC)
    candidates = [base + timedelta(minutes=m) for m in offsets]
    result = check(move_in, None, candidates)
    inside = [c for c in candidates if c.astimezone(BERLIN).date() <= deadline(move_in)]
    assert result.earliest_within == (min(inside) if inside else None)
    if result.earliest_within is not None:
        assert check(move_in, result.earliest_within, candidates).within is True
