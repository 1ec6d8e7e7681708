"""The one waiting-time estimate: when will each person in the queue be called?

Inputs, all measured by the caller: the office's recent service times, the counters
actually serving, how long each busy counter has been with its person, and the expected
service minutes of each waiting entry in call order.

- **Service time** (:func:`service_profile`): the median of the recent samples, drawn
  towards a configured default while there are few of them (``PRIOR_SAMPLES`` virtual
  samples of the default), so one quick service cannot make everybody's wait vanish; its
  spread is the interquartile range ÷ 1.349 (the standard deviation of a normal
  distribution with that range), likewise drawn towards ``DEFAULT_SPREAD`` of the default.
- **Call times** (:func:`call_times`): every counter is free at some moment — an idle
  one now, a busy one when its current service is expected to end (the typical time
  minus what has passed, at least ``RESIDUAL_FLOOR`` of it). The waiting people go in
  call order to the counter free first, each occupying it for their expected minutes.
  Somebody called at the ``n``-th service end waits for ``n`` services whose variation
  adds up: the spread of that time is ``spread × √n ÷ counters`` (the renewal-process
  approximation), and the range is that expected time ± ``Z`` spreads.
- **Shown** (:class:`WaitRange`): whole minutes, the low end rounded down and the high end
  up, from 10 minutes on to steps of 5 ("ca. 10–15 min"); nobody ahead and a counter
  free: 0–0.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

#: The default counts as this many samples: with fewer real ones it still dominates.
PRIOR_SAMPLES = 5
#: The default spread of service times, as a share of the default service time.
DEFAULT_SPREAD = 0.4
#: A busy counter still needs at least this share of the typical service time.
RESIDUAL_FLOOR = 0.2
#: The range is the expected call time ± this many spreads (about two in three inside).
Z = 1.0
#: From this many minutes on the range is rounded to steps of ROUND_STEP minutes.
ROUND_FROM = 10
ROUND_STEP = 5
#: Shortest service time the estimate assumes (minutes).
MIN_MINUTES = 1.0


@dataclass(frozen=True)
class ServiceProfile:
    """Typical service minutes, their spread, and how many samples they rest on."""

    typical: float
    spread: float
    samples: int


@dataclass(frozen=True)
class WaitRange:
    """Estimated minutes until a call: ``low``–``high`` as shown, ``expected`` unrounded."""

    low: int
    high: int
    expected: float

    @property
    def none(self) -> bool:
        """Nobody ahead and a counter free: called at once."""
        return self.high == 0


NO_WAIT = WaitRange(0, 0, 0.0)


def service_profile(samples: Sequence[float], default: float) -> ServiceProfile:
    """Robust typical service time and spread from ``samples`` (minutes), drawn towards
    ``default`` while there are few (see the module's docstring)."""
    fallback = max(MIN_MINUTES, default)
    valid = [s for s in samples if math.isfinite(s) and s > 0]
    n = len(valid)
    if n == 0:
        return ServiceProfile(fallback, fallback * DEFAULT_SPREAD, 0)
    median = statistics.median(valid)
    if n >= 4:
        q1, _q2, q3 = statistics.quantiles(valid, n=4)
        spread = (q3 - q1) / 1.349
    else:
        spread = fallback * DEFAULT_SPREAD
    weight = n / (n + PRIOR_SAMPLES)
    typical = weight * median + (1 - weight) * fallback
    spread = weight * spread + (1 - weight) * fallback * DEFAULT_SPREAD
    return ServiceProfile(max(MIN_MINUTES, typical), max(0.0, spread), n)


def serving_counters(active: int, staffed: int, just_opened: bool) -> int:
    """Counters serving: those ``active`` (called somebody lately or busy now). While the
    day's service has just begun, or when none was seen serving lately, the counters
    ``staffed`` by the opening hours count instead when more; at least one."""
    if just_opened or active == 0:
        return max(1, active, staffed)
    return active


def call_times(
    minutes: Sequence[float],
    counters: int,
    busy_for: Sequence[float],
    profile: ServiceProfile,
) -> list[WaitRange]:
    """Each waiting entry's estimated wait until its call, in call order.

    ``minutes[i]``: the i-th entry's expected service minutes; ``counters``: counters
    serving (at least one; at least as many as are busy); ``busy_for``: minutes each busy
    counter has been with its current person. Nobody waiting: an empty list.
    """
    staffed = max(1, counters, len(busy_for))
    typical = profile.typical
    free = [max(typical - max(0.0, b), typical * RESIDUAL_FLOOR) for b in busy_for]
    idle = staffed - len(free)
    free += [0.0] * idle
    heapq.heapify(free)
    waits: list[WaitRange] = []
    for k, own in enumerate(minutes):
        start = heapq.heappop(free)
        heapq.heappush(free, start + max(MIN_MINUTES, own))
        ends_waited = max(0, k + 1 - idle)  # service ends this entry waits for
        spread = profile.spread * math.sqrt(ends_waited) / staffed
        waits.append(shown(start, spread))
    return waits


def shown(expected: float, spread: float) -> WaitRange:
    """The range shown for an expected wait and its spread (rounded as documented)."""
    low = max(0.0, expected - Z * spread)
    high = max(low, expected + Z * spread)
    low_whole, high_whole = math.floor(low), math.ceil(high)
    if high_whole >= ROUND_FROM:
        high_whole = -(-high_whole // ROUND_STEP) * ROUND_STEP
    if low_whole >= ROUND_FROM:
        low_whole = low_whole // ROUND_STEP * ROUND_STEP
    return WaitRange(low_whole, high_whole, expected)


def straight_line(position: int, mean_minutes: float, counters: int) -> float:
    """ZMS's estimate for comparison: mean service time ÷ counters × position (1 = next)."""
    return position * mean_minutes / max(1, counters)
