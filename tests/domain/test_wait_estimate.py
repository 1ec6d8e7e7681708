"""The one waiting-time estimate: robust service times, call times as ranges."""

from __future__ import annotations

import math

import pytest

from desk.domain.wait_estimate import (
    DEFAULT_SPREAD,
    NO_WAIT,
    PRIOR_SAMPLES,
    ServiceProfile,
    WaitRange,
    call_times,
    service_profile,
    serving_counters,
    shown,
    straight_line,
)

TEN = ServiceProfile(typical=10.0, spread=4.0, samples=50)


def test_nobody_waiting_waits_nothing_and_the_next_one_with_a_free_counter_neither():
    assert call_times([], 6, [], TEN) == []
    assert call_times([], 1, [3.0], TEN) == []
    [first] = call_times([10.0], 2, [4.0], TEN)  # one counter busy, one free
    assert first == NO_WAIT and first.none
    # six free counters: the first six are called at once (the finding: "30 min")
    assert [w.high for w in call_times([10.0] * 6, 6, [], TEN)] == [0] * 6


def test_more_counters_wait_shorter():
    queue = [10.0] * 19
    by_counters = {c: call_times(queue, c, [], TEN)[-1] for c in (1, 2, 4, 6)}
    expected = [by_counters[c].expected for c in (1, 2, 4, 6)]
    assert expected == sorted(expected, reverse=True) and len(set(expected)) == 4
    assert [by_counters[c].high for c in (1, 2, 4, 6)] == sorted(
        (by_counters[c].high for c in (1, 2, 4, 6)), reverse=True
    )
    # 19 waiting at 6 counters of 10 minutes each: the last one goes in the 4th round
    assert by_counters[6].expected == pytest.approx(30.0)
    assert by_counters[6].high <= 40  # not "etwa 220 min"


def test_the_range_is_ordered_and_widens_down_the_queue():
    waits = call_times([10.0] * 12, 3, [2.0, 9.0], TEN)
    assert all(w.low <= w.expected <= w.high or w.high == 0 for w in waits)
    assert all(w.low <= w.high for w in waits)
    widths = [w.high - w.low for w in waits]
    assert widths[-1] > widths[2]
    assert [w.expected for w in waits] == sorted(w.expected for w in waits)


def test_a_busy_counter_frees_itself_by_the_typical_time_less_what_has_passed():
    [first, second] = call_times([10.0, 10.0], 1, [4.0], TEN)
    assert first.expected == pytest.approx(6.0)
    assert second.expected == pytest.approx(16.0)
    # overdue: still a fifth of the typical time to go, not a negative wait
    [late] = call_times([10.0], 1, [25.0], TEN)
    assert late.expected == pytest.approx(2.0)


def test_each_entry_holds_the_counter_for_its_own_minutes():
    waits = call_times([20.0, 5.0, 5.0], 1, [], TEN)
    assert [w.expected for w in waits] == [0.0, 20.0, 25.0]


def test_one_quick_service_does_not_make_every_wait_vanish():
    """The finding: one ticket served in 30 s, then 17 waiting showed "ca. 0–3 min"."""
    one = service_profile([0.5], default=10.0)
    assert one.samples == 1
    weight = 1 / (1 + PRIOR_SAMPLES)
    assert one.typical == pytest.approx(weight * 0.5 + (1 - weight) * 10.0)
    last = call_times([one.typical] * 17, 6, [], one)[-1]
    assert last.low >= 10


def test_the_profile_is_robust_to_an_outlier_and_falls_back_without_samples():
    none = service_profile([], default=12.0)
    assert (none.typical, none.spread, none.samples) == (12.0, 12.0 * DEFAULT_SPREAD, 0)
    samples = [8.0, 9.0, 10.0, 11.0, 12.0] * 10 + [240.0]  # one left open all morning
    robust = service_profile(samples, default=10.0)
    assert robust.typical == pytest.approx(10.0, abs=0.2)
    assert robust.spread < 3.0
    dirty = service_profile([math.nan, -1.0, 0.0, 10.0], default=10.0)
    assert dirty.samples == 1


def test_the_shown_range_is_whole_minutes_then_steps_of_five():
    assert shown(0.0, 0.0) == WaitRange(0, 0, 0.0)
    assert shown(6.4, 1.0) == WaitRange(5, 8, 6.4)
    assert shown(24.0, 4.0) == WaitRange(20, 30, 24.0)
    assert shown(2.0, 5.0) == WaitRange(0, 7, 2.0)


def test_serving_counters_are_those_seen_serving_else_the_staffed_ones():
    assert serving_counters(2, 6, just_opened=False) == 2  # two of six actually serve
    assert serving_counters(2, 6, just_opened=True) == 6  # the others had no time yet
    assert serving_counters(0, 6, just_opened=False) == 6  # nobody seen: the plan
    assert serving_counters(7, 6, just_opened=True) == 7
    assert serving_counters(0, 0, just_opened=False) == 1  # at least one


def test_zms_straight_line():
    assert straight_line(1, 12.0, 2) == 6.0
    assert straight_line(19, 12.0, 6) == 38.0
    assert straight_line(3, 10.0, 0) == 30.0  # at least one counter
