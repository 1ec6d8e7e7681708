"""The one clock of a process: the system's time, or ``--now``'s, which starts at the
given time and runs on (training, demonstrations). Made once where a process starts and
passed to everything that asks for the time; rules take ``now`` as a value."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from desk.domain.localtime import BERLIN, now_local


class Clock(Protocol):
    """Tells the current time."""

    def now(self) -> datetime:
        """The current time, aware, in the office's zone."""
        ...


class SystemClock:
    """The computer's clock, in the office's zone."""

    def __init__(self, tz: ZoneInfo = BERLIN) -> None:
        self._tz = tz

    def now(self) -> datetime:
        """The current local time."""
        return now_local(self._tz)


class OffsetClock:
    """Starts at ``start`` and runs on at the computer's pace (``--now``): what a minute
    takes on the wall, it takes here too, across a change of the clocks as well."""

    def __init__(self, start: datetime) -> None:
        self._start = start.astimezone(UTC)
        self._zone = start.tzinfo
        self._began = time.monotonic()

    def now(self) -> datetime:
        """The start time plus the time passed since the clock was made."""
        passed = timedelta(seconds=time.monotonic() - self._began)
        return (self._start + passed).astimezone(self._zone)


class FixedClock:
    """Always the same time (tests and benchmarks: the time does not pass)."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        """The fixed time."""
        return self._at
