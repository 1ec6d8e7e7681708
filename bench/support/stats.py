"""Figures for the benchmark reports: percentiles, timed runs and verdicts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], share: float) -> float:
    """The value at index ``round(share × (n − 1))`` of the sorted values (``share`` in
    0..1): the nearest rank, counted from the lowest as 0 and the highest as 1."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def percentiles(values: list[float], *shares: float) -> tuple[float, ...]:
    """``percentile`` of ``values`` at each share, e.g. ``percentiles(v, 0.5, 0.95, 0.99)``."""
    return tuple(percentile(values, share) for share in shares)


def nearest_rank(values: list[float], share: float) -> float:
    """The textbook nearest-rank percentile: the ⌈share × n⌉-th smallest value."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def timed_ms(action: Callable[[], object]) -> float:
    """Wall time of one ``action()`` in ms."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds, after one warm-up run."""
    action()
    return statistics.median([timed_ms(action) for _ in range(runs)])


def verdict(met: bool) -> str:
    """How a target fared."""
    return "met" if met else "MISSED"
