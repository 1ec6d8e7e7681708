"""Buchungsfenster: which slots the online portal may offer at a given moment.

A policy has a validity period and is chosen by the date on which the portal
asks (per office, a service-specific policy before the office-wide one). Clerks
book internally and are not bound by it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk.domain.localtime import BERLIN
from desk.domain.refusals import WEEKDAYS_DE as WEEKDAYS_DE
from desk.domain.refusals import Reason
from desk.domain.status import PolicyKind


@dataclass(frozen=True)
class Policy:
    """One booking policy with its validity period (``valid_until`` inclusive)."""

    kind: PolicyKind
    valid_from: date
    valid_until: date | None = None
    service_id: str | None = None
    horizon_days: int | None = None
    min_lead_minutes: int = 0
    release_weekday: int | None = None
    release_time: time | None = None
    free_months: int | None = None
    fee_months: int | None = None
    fee_cents: int | None = None
    portal_share_percent: int = 100

    def valid_on(self, day: date) -> bool:
        """Whether the policy is in force on ``day``."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Decision:
    """The portal's answer for one slot: allowed, or why not (by code); a fee if any."""

    allowed: bool
    why: Reason | None = None
    fee_cents: int | None = None

    @property
    def reason(self) -> str | None:
        """Why not, in German (None when allowed)."""
        return None if self.why is None else str(self.why)


def policy_for(policies: Sequence[Policy], asked_on: date, service_id: str) -> Policy | None:
    """The policy in force on ``asked_on`` for a service (service-specific first)."""
    valid = [p for p in policies if p.valid_on(asked_on)]
    specific = [p for p in valid if p.service_id == service_id]
    general = [p for p in valid if p.service_id is None]
    chosen = specific or general
    return max(chosen, key=lambda p: p.valid_from) if chosen else None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def release_moment(policy: Policy, slot_day: date, tz: ZoneInfo = BERLIN) -> datetime:
    """When the week of ``slot_day`` is released: weekday W, time T of the week before."""
    assert policy.release_weekday is not None and policy.release_time is not None
    monday = slot_day - timedelta(days=slot_day.weekday())
    release_day = monday - timedelta(days=7) + timedelta(days=policy.release_weekday)
    return datetime.combine(release_day, policy.release_time, tz)


def portal_decision(
    policy: Policy | None, start: datetime, now: datetime, tz: ZoneInfo = BERLIN
) -> Decision:
    """Whether the portal may offer a slot starting at ``start`` at the moment ``now``."""
    if policy is None:
        return Decision(False, Reason.of("window_no_online"))
    local_now, local_start = now.astimezone(tz), start.astimezone(tz)
    if start <= now:
        return Decision(False, Reason.of("window_in_past"))
    # in real minutes: wall-clock arithmetic on an aware local time is off by an hour on DST nights
    if start.astimezone(UTC) < now.astimezone(UTC) + timedelta(minutes=policy.min_lead_minutes):
        return Decision(False, Reason.of("window_too_soon", minutes=policy.min_lead_minutes))
    today, day = local_now.date(), local_start.date()
    match policy.kind:
        case PolicyKind.ROLLING:
            assert policy.horizon_days is not None
            last = today + timedelta(days=policy.horizon_days)
            if day > last:
                return Decision(False, Reason.of("window_beyond", last=last))
            return Decision(True)
        case PolicyKind.WEEKLY_RELEASE:
            moment = release_moment(policy, day, tz)
            if local_now < moment:
                return Decision(False, Reason.of("window_not_released", at=moment))
            return Decision(True)
        case PolicyKind.TIERED:
            assert policy.free_months is not None
            if day <= add_months(today, policy.free_months):
                return Decision(True)
            if policy.fee_months is not None and day <= add_months(today, policy.fee_months):
                return Decision(True, fee_cents=policy.fee_cents)
            last = add_months(today, policy.fee_months or policy.free_months)
            return Decision(False, Reason.of("window_beyond", last=last))
    return Decision(False, Reason.of("window_unknown_kind", kind=repr(policy.kind)))


def portal_capacity(counters_at_start: int, policy: Policy | None) -> int:
    """How many of the counters at one start time the portal may fill (its share)."""
    if policy is None:
        return 0
    return counters_at_start * policy.portal_share_percent // 100
