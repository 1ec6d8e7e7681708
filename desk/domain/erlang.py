"""Erlang C: waiting in an M/M/c queue, and how many counters a walk-in hour needs.

Walk-ins arrive at random (Poisson, ``arrivals_per_hour``), are served in a mean
time ``mean_service_minutes`` (exponential), wait in one queue and go to the first
free of ``c`` counters. The offered traffic ``A = λ/μ`` (in Erlang) is the mean
number of counters busy. With ``c > A`` the queue settles into a steady state:

- probability of waiting ``C(c, A)`` (Erlang C), from the Erlang B recursion
  ``B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))`` and ``C = c·B / (c − A·(1 − B))``,
  which stays in floating-point range for any number of counters;
- service level ``P(wait ≤ t) = 1 − C·exp(−(c − A)·t / S)`` with ``S`` the mean
  service time;
- mean wait ``C·S / (c − A)``.

With ``c ≤ A`` more work arrives than the counters can do: the queue grows for as
long as the hour lasts, there is no steady state, everyone waits, the service
level is 0 and the mean wait unbounded.
"""

from __future__ import annotations

import math

from desk.domain.errors import RequestRefused


class StaffingInputRefused(RequestRefused, ValueError):
    """A staffing figure is out of range (negative, zero, not a number, share ≥ 100 %)."""


def offered_traffic(arrivals_per_hour: float, mean_service_minutes: float) -> float:
    """Offered traffic A in Erlang: arrivals per minute × mean service minutes."""
    _require_at_least(arrivals_per_hour, 0.0, "Ankünfte je Stunde")
    _require_positive(mean_service_minutes, "Mittlere Bearbeitungszeit")
    return arrivals_per_hour * mean_service_minutes / 60.0


def erlang_b(counters: int, traffic: float) -> float:
    """Blocking probability B(c, A) of an M/M/c/c system (Erlang B), by recursion."""
    _require_counters(counters, minimum=0)
    _require_at_least(traffic, 0.0, "Verkehrsangebot")
    blocking = 1.0
    for k in range(1, counters + 1):
        blocking = traffic * blocking / (k + traffic * blocking)
    return blocking


def erlang_c(counters: int, traffic: float) -> float:
    """Probability C(c, A) that a walk-in has to wait; 1 when ``c ≤ A`` (no steady state)."""
    _require_counters(counters, minimum=1)
    _require_at_least(traffic, 0.0, "Verkehrsangebot")
    if counters <= traffic:
        return 1.0
    return _c_from_b(counters, traffic, erlang_b(counters, traffic))


def service_level(
    counters: int, traffic: float, mean_service_minutes: float, threshold_minutes: float
) -> float:
    """Share of walk-ins waiting at most ``threshold_minutes``; 0 when ``c ≤ A``."""
    _require_positive(mean_service_minutes, "Mittlere Bearbeitungszeit")
    _require_at_least(threshold_minutes, 0.0, "Schwelle")
    waiting = erlang_c(counters, traffic)
    if counters <= traffic:
        return 0.0
    return _level(counters, traffic, waiting, mean_service_minutes, threshold_minutes)


def mean_wait_minutes(counters: int, traffic: float, mean_service_minutes: float) -> float:
    """Mean wait of all walk-ins in minutes (those served at once count 0); ∞ when ``c ≤ A``."""
    _require_positive(mean_service_minutes, "Mittlere Bearbeitungszeit")
    waiting = erlang_c(counters, traffic)
    if counters <= traffic:
        return math.inf
    return waiting * mean_service_minutes / (counters - traffic)


def is_stable(counters: int, traffic: float) -> bool:
    """Whether the queue has a steady state (more counters than Erlang offered)."""
    return counters > traffic


def counters_needed(
    arrivals_per_hour: float,
    mean_service_minutes: float,
    target_share: float,
    threshold_minutes: float,
    max_counters: int,
) -> int | None:
    """The fewest counters ``c > A`` with at least ``target_share`` waiting at most
    ``threshold_minutes``; 0 without arrivals; None if even ``max_counters`` miss it."""
    traffic = offered_traffic(arrivals_per_hour, mean_service_minutes)
    _require_share(target_share)
    _require_at_least(threshold_minutes, 0.0, "Schwelle")
    _require_counters(max_counters, minimum=1)
    if traffic == 0.0:
        return 0
    blocking = 1.0
    for c in range(1, max_counters + 1):
        blocking = traffic * blocking / (c + traffic * blocking)
        if c <= traffic:
            continue
        waiting = _c_from_b(c, traffic, blocking)
        level = _level(c, traffic, waiting, mean_service_minutes, threshold_minutes)
        if level >= target_share:
            return c
    return None


def _c_from_b(counters: int, traffic: float, blocking: float) -> float:
    return counters * blocking / (counters - traffic * (1.0 - blocking))


def _level(
    counters: int, traffic: float, waiting: float, service: float, threshold: float
) -> float:
    return 1.0 - waiting * math.exp(-(counters - traffic) * threshold / service)


def _require_counters(value: int, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise StaffingInputRefused.of("staffing_counters", minimum=minimum, value=repr(value))


def _require_at_least(value: float, minimum: float, what: str) -> None:
    if not math.isfinite(value) or value < minimum:
        raise StaffingInputRefused.of(
            "staffing_at_least", what=what, minimum=f"{minimum:g}", value=repr(value)
        )


def _require_positive(value: float, what: str) -> None:
    if not math.isfinite(value) or value <= 0:
        raise StaffingInputRefused.of("staffing_positive", what=what, value=repr(value))


def _require_share(value: float) -> None:
    if not math.isfinite(value) or not 0.0 < value < 1.0:
        raise StaffingInputRefused.of("staffing_share", value=repr(value))
