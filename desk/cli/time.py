"""The command line's notion of now: ``--now`` or the clock."""

from __future__ import annotations

import argparse
from datetime import datetime

from desk.domain.localtime import now_local, parse_now


def now_from(args: argparse.Namespace) -> datetime:
    """Local office time from ``--now``, else the current time."""
    text = getattr(args, "now", None)
    return parse_now(text) if text else now_local()
