"""Anmeldefrist: a new home must be registered within 14 days of moving in (BMG §17)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from desk.domain.localtime import BERLIN

FRIST_DAYS = 14


@dataclass(frozen=True)
class FristCheck:
    """The deadline, whether the chosen slot keeps it, and the earliest slot that does."""

    deadline: date
    within: bool | None
    earliest_within: datetime | None


def deadline(move_in: date) -> date:
    """The last day to register: move-in plus 14 days."""
    return move_in + timedelta(days=FRIST_DAYS)


def check(
    move_in: date,
    chosen: datetime | None,
    candidates: Sequence[datetime],
    tz: ZoneInfo = BERLIN,
) -> FristCheck:
    """Check a chosen slot start against the deadline; ``candidates`` are free starts."""
    last = deadline(move_in)
    within = None if chosen is None else chosen.astimezone(tz).date() <= last
    earliest = min((c for c in candidates if c.astimezone(tz).date() <= last), default=None)
    return FristCheck(deadline=last, within=within, earliest_within=earliest)
