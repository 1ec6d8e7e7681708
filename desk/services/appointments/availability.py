"""Free slots for a service: for the portal (policy, share, releases) or internally."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desk.domain.policy import (
    Decision,
    Policy,
    add_months,
    policy_for,
    portal_capacity,
    portal_decision,
)
from desk.domain.slots import Slot, day_slots, runs_for_service
from desk.domain.status import PolicyKind
from desk.services.schedule import Occupancy, OfficeSchedule

WEEKLY_RELEASE_REACH_DAYS = 13
#: How far ahead a clerk books by phone or at the counter at least (the portal's old
#: six weeks); a policy that lets the portal reach further (a wedding calendar) widens it.
INTERNAL_REACH_DAYS = 42


@dataclass(frozen=True)
class Offer:
    """A bookable start for a service at one counter (times local to the office)."""

    start: datetime
    end: datetime
    counter_number: int
    counter_id: uuid.UUID
    slot_starts: tuple[datetime, ...]
    fee_cents: int | None = None
    released: bool = False


def portal_reach(policy: Policy | None, today: date) -> date:
    """The last day the portal could possibly offer under ``policy``."""
    if policy is None:
        return today
    match policy.kind:
        case PolicyKind.ROLLING:
            return today + timedelta(days=policy.horizon_days or 0)
        case PolicyKind.WEEKLY_RELEASE:
            return today + timedelta(days=WEEKLY_RELEASE_REACH_DAYS)
        case PolicyKind.TIERED:
            return add_months(today, policy.fee_months or policy.free_months or 0)
    return today


def internal_reach(policies: Sequence[Policy], today: date, service_id: str) -> date:
    """The last day a clerk may book internally: ``INTERNAL_REACH_DAYS`` ahead, and never
    short of what the portal may offer under the policy in force ``today``."""
    portal = portal_reach(policy_for(policies, today, service_id), today)
    return max(today + timedelta(days=INTERNAL_REACH_DAYS), portal)


def _counters_per_start(slots: list[Slot]) -> dict[datetime, int]:
    count: dict[datetime, int] = {}
    for slot in slots:
        count[slot.start] = count.get(slot.start, 0) + 1
    return count


def free_offers(
    schedule: OfficeSchedule,
    occupancy: Occupancy,
    service_id: str,
    first: date,
    last: date,
    now: datetime,
    *,
    portal: bool,
) -> list[Offer]:
    """Free starts for a service between two local days, never in the past.

    For the portal each start appears once (the lowest free counter) and only
    when the policy in force today allows it and the portal's share at that start
    is not used up; a slot a team lead released by hand is offered regardless of
    horizon and share. Internally every free counter run is listed.
    """
    minutes = schedule.services[service_id]
    gate = _PortalGate(schedule, occupancy, service_id, now) if portal else None
    offers: list[Offer] = []
    day = first
    while day <= last:
        slots = day_slots(day, schedule.templates, schedule.closures, schedule.state, schedule.tz)
        capacity = _counters_per_start(slots)
        seen: set[datetime] = set()
        for run in runs_for_service(slots, service_id, minutes):
            head = run[0]
            if head.start <= now or (portal and head.start in seen):
                continue
            if any((s.counter_id, s.start) in occupancy.held for s in run):
                continue
            released = (head.counter_id, head.start) in occupancy.released
            fee = None
            if gate is not None:
                if not released:
                    allowed, fee = gate.admits(head.start, capacity[head.start])
                    if not allowed:
                        continue
                seen.add(head.start)
            offers.append(
                Offer(
                    start=head.start.astimezone(schedule.tz),
                    end=run[-1].end.astimezone(schedule.tz),
                    counter_number=head.counter_number,
                    counter_id=head.counter_id,
                    slot_starts=tuple(s.start for s in run),
                    fee_cents=fee,
                    released=released,
                )
            )
        day += timedelta(days=1)
    return offers


class _PortalGate:
    """Whether the portal may offer a start: the policy in force today (one answer per
    start) and the portal's share of the counters at that start."""

    def __init__(
        self, schedule: OfficeSchedule, occupancy: Occupancy, service_id: str, now: datetime
    ) -> None:
        self._tz = schedule.tz
        self._now = now
        self._taken = occupancy.portal_starts
        self._policy = policy_for(schedule.policies, now.astimezone(schedule.tz).date(), service_id)
        self._decisions: dict[datetime, Decision] = {}

    def admits(self, start: datetime, counters: int) -> tuple[bool, int | None]:
        """(allowed, fee in cents) for a start that ``counters`` counters offer."""
        decision = self._decisions.get(start)
        if decision is None:
            decision = portal_decision(self._policy, start, self._now, self._tz)
            self._decisions[start] = decision
        if not decision.allowed:
            return False, None
        if self._taken.get(start, 0) >= portal_capacity(counters, self._policy):
            return False, None
        return True, decision.fee_cents
