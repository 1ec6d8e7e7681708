"""The command line's notion of now: ``--now`` or the clock."""

from __future__ import annotations

import argparse
from datetime import datetime

from desk.domain.clock import Clock, OffsetClock, SystemClock
from desk.domain.localtime import now_local, parse_now


def now_from(args: argparse.Namespace) -> datetime:
    """Local office time from ``--now``, else the current time."""
    text = getattr(args, "now", None)
    return parse_now(text) if text else now_local()


def clock_from(args: argparse.Namespace) -> Clock:
    """The process's one clock: from ``--now`` on, running (training, demonstrations),
    else the system's. Made once where a long-running process starts."""
    text = getattr(args, "now", None)
    return OffsetClock(parse_now(text)) if text else SystemClock()
