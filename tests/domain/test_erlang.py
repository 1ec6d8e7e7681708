"""Erlang C against published and hand-derived values, an exact direct formula, and
the properties a staffing rule must keep."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.erlang import (
    StaffingInputRefused,
    counters_needed,
    erlang_b,
    erlang_c,
    is_stable,
    mean_wait_minutes,
    offered_traffic,
    service_level,
)
from desk.domain.errors import RequestRefused


def direct_erlang_c(counters: int, traffic: Fraction) -> Fraction:
    """The textbook closed form with factorials, in exact rational arithmetic:
    C = (A^c/c! · c/(c−A)) / (Σ_{k<c} A^k/k! + A^c/c! · c/(c−A))."""
    top = traffic**counters / math.factorial(counters) * counters / (counters - traffic)
    below = sum(traffic**k / math.factorial(k) for k in range(counters))
    return top / (below + top)


# ------------------------------------------------------------ reference values


def test_two_erlang_on_three_counters_wait_with_probability_four_ninths() -> None:
    # By hand from the Erlang B recursion: B(1)=2/3, B(2)=2/5, B(3)=4/19,
    # C = 3·(4/19) / (3 − 2·15/19) = 12/27 = 4/9.
    assert erlang_b(3, 2.0) == pytest.approx(4 / 19, abs=1e-15)
    assert erlang_c(3, 2.0) == pytest.approx(4 / 9, abs=1e-15)


@pytest.mark.parametrize("rho", [0.1, 0.5, 0.9])
def test_one_counter_waits_with_probability_rho(rho: float) -> None:
    # M/M/1: P(wait) = ρ and the mean wait in queue is ρ/(1−ρ)·S (any queueing textbook,
    # e.g. Kleinrock, Queueing Systems Vol. 1, §3.2).
    assert erlang_c(1, rho) == pytest.approx(rho, abs=1e-15)
    assert mean_wait_minutes(1, rho, 10.0) == pytest.approx(rho / (1 - rho) * 10.0, rel=1e-12)


@pytest.mark.parametrize("rho", [0.2, 0.5, 0.8])
def test_two_counters_wait_with_probability_two_rho_squared_over_one_plus_rho(rho: float) -> None:
    # M/M/2 with per-counter load ρ = A/2: P(wait) = 2ρ²/(1+ρ) (closed form of Erlang C, c=2).
    assert erlang_c(2, 2 * rho) == pytest.approx(2 * rho**2 / (1 + rho), abs=1e-15)


def test_call_centre_worked_example_ten_erlang_on_eleven_agents() -> None:
    # The widely reproduced worked example (Call Centre Helper, "Erlang C Formula – Made
    # Simple", a worked example): 100 calls in 30 minutes, 180 s handling time →
    # A = 10 Erlang; with 11 agents P(wait) = 68.21 % and 39 % answered within 20 s.
    traffic = offered_traffic(arrivals_per_hour=200, mean_service_minutes=3)
    assert traffic == pytest.approx(10.0)
    assert erlang_c(11, traffic) == pytest.approx(0.6821, abs=5e-5)
    assert service_level(11, traffic, 3.0, 20 / 60) == pytest.approx(0.39, abs=5e-3)


def test_mean_wait_is_probability_of_waiting_times_service_over_spare_capacity() -> None:
    # A = 2, c = 3, S = 6 min: W = C·S/(c−A) = 4/9 · 6 / 1 = 8/3 minutes.
    assert mean_wait_minutes(3, 2.0, 6.0) == pytest.approx(8 / 3, rel=1e-12)


# ------------------------------------------------ independent direct computation


@pytest.mark.parametrize(
    ("counters", "traffic"),
    [
        (1, Fraction(1, 2)),
        (3, Fraction(2)),
        (5, Fraction(9, 2)),
        (11, Fraction(10)),
        (14, Fraction(10)),
        (25, Fraction(37, 2)),
        (60, Fraction(55)),
        (200, Fraction(180)),
    ],
)
def test_recursion_agrees_with_the_factorial_formula(counters: int, traffic: Fraction) -> None:
    exact = direct_erlang_c(counters, traffic)
    assert erlang_c(counters, float(traffic)) == pytest.approx(float(exact), rel=1e-12)


def test_large_offices_stay_in_floating_point_range() -> None:
    # 1000^1100 / 1100! overflows a float; the recursion does not.
    exact = direct_erlang_c(1100, Fraction(1000))
    value = erlang_c(1100, 1000.0)
    assert 0.0 < value < 1.0
    assert value == pytest.approx(float(exact), rel=1e-9)


# ------------------------------------------------------------ counters needed


def test_counters_needed_in_the_worked_example_is_fourteen() -> None:
    # A = 10, 20 s = 1/9 of the 180 s handling time; by the factorial formula 13 agents
    # answer 79.6 % within 20 s and 14 agents 88.8 % → 14 for an 80 % target.
    def level(c: int) -> float:
        return 1 - float(direct_erlang_c(c, Fraction(10))) * math.exp(-(c - 10) / 9)

    assert level(13) == pytest.approx(0.796, abs=5e-4)
    assert level(14) == pytest.approx(0.888, abs=5e-4)
    assert counters_needed(200, 3, 0.8, 1 / 3, max_counters=50) == 14


def test_walk_in_hour_of_sixteen_arrivals_and_twelve_minutes() -> None:
    # A = 16·12/60 = 3.2 Erlang; 3 counters ≤ A have no steady state. By the factorial
    # formula C(4, 3.2) = 0.5964, so 4 counters serve 1 − 0.5964·e^(−0.8·20/12) = 84.3 %
    # within 20 minutes, and 5 counters 1 − C(5, 3.2)·e^(−1.8·20/12) = 98.6 %.
    four = 1 - float(direct_erlang_c(4, Fraction(16, 5))) * math.exp(-0.8 * 20 / 12)
    five = 1 - float(direct_erlang_c(5, Fraction(16, 5))) * math.exp(-1.8 * 20 / 12)
    assert four == pytest.approx(0.843, abs=5e-4)
    assert five == pytest.approx(0.986, abs=5e-4)
    assert service_level(4, 3.2, 12, 20) == pytest.approx(four, rel=1e-12)
    assert counters_needed(16, 12, 0.8, 20, max_counters=10) == 4
    assert counters_needed(16, 12, 0.9, 20, max_counters=10) == 5
    assert counters_needed(16, 12, 0.99, 20, max_counters=10) == 6
    assert counters_needed(16, 12, 0.99, 20, max_counters=5) is None


def test_no_arrivals_need_no_counter() -> None:
    assert counters_needed(0, 12, 0.8, 20, max_counters=5) == 0


def test_a_target_out_of_reach_gives_none() -> None:
    assert counters_needed(600, 10, 0.8, 20, max_counters=50) is None  # A = 100


# ---------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(
    traffic=st.floats(min_value=0.01, max_value=200, allow_nan=False),
    service=st.floats(min_value=0.5, max_value=60),
    threshold=st.floats(min_value=0, max_value=120),
)
def test_service_level_rises_with_every_counter_added(
    traffic: float, service: float, threshold: float
) -> None:
    first = math.floor(traffic) + 1
    levels = [service_level(c, traffic, service, threshold) for c in range(first, first + 8)]
    assert all(0.0 <= level <= 1.0 for level in levels)
    assert all(a <= b for a, b in itertools.pairwise(levels))
    assert levels[-1] > levels[0] or levels[0] == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(counters=st.integers(min_value=1, max_value=300), extra=st.floats(0, 50))
def test_no_steady_state_when_counters_do_not_exceed_traffic(counters: int, extra: float) -> None:
    traffic = counters + extra
    assert not is_stable(counters, traffic)
    assert erlang_c(counters, traffic) == 1.0
    assert service_level(counters, traffic, 10, 20) == 0.0
    assert mean_wait_minutes(counters, traffic, 10) == math.inf


@settings(max_examples=150, deadline=None)
@given(
    arrivals=st.floats(min_value=0.1, max_value=300),
    service=st.floats(min_value=1, max_value=45),
    target=st.floats(min_value=0.5, max_value=0.99),
    threshold=st.floats(min_value=1, max_value=120),
)
def test_counters_needed_is_the_fewest_that_meet_the_target(
    arrivals: float, service: float, target: float, threshold: float
) -> None:
    needed = counters_needed(arrivals, service, target, threshold, max_counters=250)
    traffic = offered_traffic(arrivals, service)  # at most 225 Erlang
    if needed is None:  # out of reach: even the largest office misses the target
        assert service_level(250, traffic, service, threshold) < target
        return
    assert needed > traffic
    assert service_level(needed, traffic, service, threshold) >= target
    fewer = needed - 1
    assert fewer <= traffic or service_level(fewer, traffic, service, threshold) < target


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: offered_traffic(-1, 10), id="negative-arrivals"),
        pytest.param(lambda: offered_traffic(10, 0), id="zero-service-time"),
        pytest.param(lambda: offered_traffic(10, math.nan), id="nan-service-time"),
        pytest.param(lambda: erlang_c(0, 1.0), id="no-counter"),
        pytest.param(lambda: erlang_c(3, -0.5), id="negative-traffic"),
        pytest.param(lambda: service_level(3, 1.0, 10, -1), id="negative-threshold"),
        pytest.param(lambda: counters_needed(10, 10, 1.0, 20, 10), id="target-100-percent"),
        pytest.param(lambda: counters_needed(10, 10, 0.0, 20, 10), id="target-0-percent"),
        pytest.param(lambda: counters_needed(10, 10, 0.8, 20, 0), id="no-counter-allowed"),
    ],
)
def test_bad_figures_are_refused_with_a_german_message(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StaffingInputRefused) as caught:
        call()
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, RequestRefused)
    assert any(word in str(caught.value) for word in ("muss", "Zielanteil"))
