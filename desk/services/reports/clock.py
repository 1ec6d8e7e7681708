"""The office's local day and hour of UTC stamps in SQL, DST-safe, on both databases.

PostgreSQL converts with ``AT TIME ZONE``. SQLite has no time zones: a stamp is
shifted by the zone's UTC offset, chosen by a CASE over the offset changes (from
zoneinfo) between two instants; the seconds between two stamps are spelt per dialect
too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Date, Integer, case, cast, extract, func, literal
from sqlalchemy.orm import InstrumentedAttribute

#: A UTC stamp column or an expression of one.
Stamp = ColumnElement[Any] | InstrumentedAttribute[Any]


def offset_changes(tz: ZoneInfo, since: datetime, until: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offset (seconds) at ``since``, then each change up to ``until``, as
    (first UTC instant with the new offset, offset); instants are whole seconds."""

    def offset(t: datetime) -> int:
        delta = t.astimezone(tz).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    since = since.astimezone(UTC).replace(microsecond=0)
    changes = [(since, offset(since))]
    t = since
    while t < until:
        step = min(t + timedelta(days=1), until)
        if offset(step) != changes[-1][1]:
            low, high = int(t.timestamp()), int(step.timestamp())
            while high - low > 1:  # offset(low) is the old one, offset(high) the new one
                middle = (low + high) // 2
                if offset(datetime.fromtimestamp(middle, UTC)) == changes[-1][1]:
                    low = middle
                else:
                    high = middle
            at = datetime.fromtimestamp(high, UTC)
            changes.append((at, offset(at)))
        t = step
    return changes


def elapsed_seconds(sqlite: bool, start: Stamp, end: Stamp) -> ColumnElement[Any]:
    """Seconds from ``start`` to ``end`` in the dialect's own date arithmetic (ms
    precision on SQLite); negative when ``end`` lies before ``start``."""
    if sqlite:
        return func.round((func.julianday(end) - func.julianday(start)) * 86400.0, 3)
    return extract("epoch", end) - extract("epoch", start)


class LocalClock:
    """SQL for the office's local day and hour of UTC stamp columns, DST-safe.

    PostgreSQL converts with ``AT TIME ZONE``. SQLite has no time zones: the stamp is
    shifted by the zone's offset, chosen by a CASE over the offset changes between
    ``since`` and ``until`` (computed from zoneinfo), so stamps in that range only.
    """

    def __init__(self, dialect: str, tz: ZoneInfo, since: datetime, until: datetime) -> None:
        self.sqlite = dialect == "sqlite"
        self.tz = tz
        self.changes = offset_changes(tz, since, until) if self.sqlite else []

    def _local(self, stamp: Stamp) -> ColumnElement[Any]:
        if not self.sqlite:
            return func.timezone(self.tz.key, stamp)
        modifiers = [f"{seconds:+d} seconds" for _, seconds in self.changes]
        shift: ColumnElement[Any] = literal(modifiers[-1])
        if len(self.changes) > 1:
            whens = [
                (stamp < at, modifier)
                for (at, _), modifier in zip(self.changes[1:], modifiers, strict=False)
            ]
            shift = case(*whens, else_=modifiers[-1])
        return func.datetime(stamp, shift)

    def day(self, stamp: Stamp) -> ColumnElement[Any]:
        """The local calendar day (SQLite: 'YYYY-MM-DD' text; PostgreSQL: a date)."""
        local = self._local(stamp)
        return func.date(local) if self.sqlite else cast(local, Date)

    def hour(self, stamp: Stamp) -> ColumnElement[int]:
        """The local hour 0–23."""
        local = self._local(stamp)
        if self.sqlite:
            return cast(func.strftime("%H", local), Integer)
        return cast(extract("hour", local), Integer)

    def days_between(self, earlier: Stamp, later: Stamp) -> Any:
        """Local calendar days from one stamp to a later one (0 = the same day)."""
        if self.sqlite:
            return func.julianday(self.day(later)) - func.julianday(self.day(earlier))
        return self.day(later) - self.day(earlier)

    def seconds(self, start: Stamp, end: Stamp) -> ColumnElement[Any]:
        """Seconds from ``start`` to ``end`` (ms precision on SQLite), never below zero:
        stamps from two PCs whose clocks differ can make a short wait negative."""
        span = elapsed_seconds(self.sqlite, start, end)
        return case((span < 0, 0), else_=span)  # NULL (not measured) stays NULL
