"""The one clock: the system's, ``--now``'s that runs on, and a fixed one for tests."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta

from desk.cli.time import clock_from
from desk.domain.clock import FixedClock, OffsetClock, SystemClock
from desk.domain.localtime import BERLIN, parse_now


def test_the_system_clock_tells_the_local_time_now():
    before = datetime.now(UTC)
    now = SystemClock().now()
    after = datetime.now(UTC)
    assert now.tzinfo == BERLIN
    assert before <= now <= after


def test_an_offset_clock_starts_at_its_time_and_runs_on():
    start = parse_now("2024-03-20T10:30")
    clock = OffsetClock(start)
    first = clock.now()
    assert timedelta(0) <= first - start < timedelta(seconds=1)
    time.sleep(0.05)
    later = clock.now()
    assert later - first >= timedelta(seconds=0.05)
    assert later.tzinfo == BERLIN


def test_an_offset_clock_runs_across_the_change_of_the_clocks_by_real_time():
    """Ten minutes before 02:00 on the spring-forward night are ten real minutes:
    the local time after them is 03:00 summer time, not 02:00 (which does not exist)."""
    clock = OffsetClock(parse_now("2024-03-31T01:59:59.99"))
    time.sleep(0.02)
    now = clock.now()
    assert (now.hour, now.utcoffset()) == (3, timedelta(hours=2))


def test_a_fixed_clock_stands_still():
    at = parse_now("2024-03-20T10:30")
    clock = FixedClock(at)
    time.sleep(0.01)
    assert clock.now() == at


def test_the_command_line_makes_one_clock_from_now_that_runs_on():
    clock = clock_from(argparse.Namespace(now="2024-03-20T10:30"))
    assert isinstance(clock, OffsetClock)
    start = parse_now("2024-03-20T10:30")
    assert timedelta(0) <= clock.now() - start < timedelta(seconds=5)
    assert isinstance(clock_from(argparse.Namespace(now=None)), SystemClock)
    assert isinstance(clock_from(argparse.Namespace()), SystemClock)
