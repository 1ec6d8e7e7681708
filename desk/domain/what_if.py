"""What-if: an office's plan with a change applied in memory, and its numbers per day.

The numbers come from the same slot and policy rules the portal and the calendar
use (desk.domain.slots, desk.domain.policy), so a preview equals what the rules
produce once the change is saved. Counts are capacity (slots), not free slots:
booked appointments count as capacity, like in a staffing plan.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from desk.domain.capacity_change import PlanChange, PlanPolicy, PlanTemplate, WalkInPlan
from desk.domain.policy import Policy, policy_for, portal_capacity, portal_decision
from desk.domain.slots import Closure, Slot, Template, closed_reason, day_slots
from desk.domain.status import OfficeKind
from desk.domain.walkin import WalkInRules

#: A service id no service has: asks policy_for for the office-wide policy only.
OFFICE_WIDE = ""


@dataclass(frozen=True)
class Plan:
    """Everything about one office the capacity numbers depend on (with history)."""

    kind: OfficeKind
    state: str
    tz: ZoneInfo
    counters: dict[int, uuid.UUID]
    templates: tuple[Template, ...]
    policies: tuple[Policy, ...]
    closures: tuple[tuple[uuid.UUID, Closure], ...]
    walk_in: WalkInRules

    @property
    def closure_rules(self) -> tuple[Closure, ...]:
        """The closures as the slot rules take them."""
        return tuple(c for _, c in self.closures)

    def slots(self, day: date) -> list[Slot]:
        """All slots of the office on a local day under this plan."""
        return day_slots(day, self.templates, self.closure_rules, self.state, self.tz)


def end_before(valid_from: date, valid_until: date | None, effective: date) -> date | bool:
    """How a row valid ``valid_from``–``valid_until`` fares when replaced from ``effective``.

    Returns False to keep it as it is (it ends before), True to drop it (it starts on or
    after ``effective``), or the new last day (``effective`` - 1 day).
    """
    if valid_until is not None and valid_until < effective:
        return False
    if valid_from >= effective:
        return True
    return effective - timedelta(days=1)


R = TypeVar("R", Template, Policy)


def _replace_valid(
    rows: tuple[R, ...], effective: date, touched: Callable[[R], bool]
) -> tuple[R, ...]:
    kept: list[R] = []
    for row in rows:
        if not touched(row):
            kept.append(row)
            continue
        fate = end_before(row.valid_from, row.valid_until, effective)
        if fate is False:
            kept.append(row)
        elif fate is not True:
            kept.append(replace(row, valid_until=fate))
    return tuple(kept)


def policy_of(p: PlanPolicy, valid_from: date) -> Policy:
    """The office-wide policy rule of a plan policy, valid from a date on."""
    return Policy(
        p.kind,
        valid_from,
        None,
        None,
        p.horizon_days,
        p.min_lead_minutes,
        p.release_weekday,
        p.release_time,
        p.free_months,
        p.fee_months,
        p.fee_cents,
        p.portal_share_percent,
    )


def apply_change(plan: Plan, change: PlanChange) -> Plan:
    """The plan as it will be once ``change`` is saved (validity rows ended, not lost)."""
    eff = change.effective_from
    templates = plan.templates
    if change.cells:
        templates = _replace_valid(
            templates, eff, lambda t: (t.weekday, t.counter_number) in change.cells
        )
        templates += tuple(
            Template(
                plan.counters[t.counter_number],
                t.counter_number,
                t.weekday,
                t.opens,
                t.closes,
                t.slot_minutes,
                t.services,
                eff,
                None,
            )
            for t in change.templates
        )
    policies = plan.policies
    if change.policy is not None:
        policies = _replace_valid(policies, eff, lambda p: p.service_id is None)
        policies += (policy_of(change.policy, eff),)
    closures = tuple(c for c in plan.closures if c[0] not in change.remove_closures)
    closures += tuple(
        (
            c.id or uuid.uuid5(uuid.NAMESPACE_OID, f"new-closure-{i}"),
            Closure(
                c.starts_on,
                c.ends_on,
                c.reason,
                None if c.counter_number is None else plan.counters[c.counter_number],
            ),
        )
        for i, c in enumerate(change.add_closures)
    )
    walk_in = plan.walk_in
    if change.walk_in is not None:
        w = change.walk_in
        walk_in = replace(
            walk_in,
            walk_in_from=w.starts,
            walk_in_until=w.ends,
            quota=w.quota,
            if_someone_current=w.if_someone_current,
        )
    return replace(plan, templates=templates, policies=policies, closures=closures, walk_in=walk_in)


@dataclass(frozen=True)
class DayCapacity:
    """One day's numbers: slots the portal offers, internal slots, walk-in quota."""

    day: date
    portal: int
    internal: int
    walk_in: int | None  # None: no limit
    closed: str | None = None


def walk_in_quota_on(plan: Plan, day: date) -> int | None:
    """The walk-in quota of a day: 0 when there is no walk-in hour that day."""
    if plan.kind == OfficeKind.APPOINTMENT_ONLY:
        return 0
    if closed_reason(day, plan.closure_rules, plan.state) is not None:
        return 0
    if plan.kind == OfficeKind.WALK_IN_ONLY:
        if not any(t.valid_on(day) for t in plan.templates):
            return 0
    elif day.weekday() >= 5 or plan.walk_in.walk_in_from is None:
        return 0
    return plan.walk_in.quota


def day_capacity(
    plan: Plan,
    day: date,
    now: datetime,
    released: frozenset[tuple[uuid.UUID, datetime]] = frozenset(),
) -> DayCapacity:
    """The numbers of one local day as the portal sees them at ``now``.

    Portal: per start time the policy's share of the counters (when the policy in force
    today allows that start), plus slots a team lead released by hand; internal: every slot.
    """
    slots = plan.slots(day)
    policy = policy_for(plan.policies, now.astimezone(plan.tz).date(), OFFICE_WIDE)
    per_start: dict[datetime, list[Slot]] = {}
    for slot in slots:
        per_start.setdefault(slot.start, []).append(slot)
    portal = 0
    for start, at_start in per_start.items():
        base = 0
        if portal_decision(policy, start, now, plan.tz).allowed:
            base = portal_capacity(len(at_start), policy)
        extra = sum(1 for s in at_start if (s.counter_id, s.start) in released and start > now)
        portal += min(len(at_start), base + extra)
    return DayCapacity(
        day,
        portal,
        len(slots),
        walk_in_quota_on(plan, day),
        closed_reason(day, plan.closure_rules, plan.state),
    )


def capacity_days(
    plan: Plan,
    now: datetime,
    days: int,
    released: frozenset[tuple[uuid.UUID, datetime]] = frozenset(),
) -> list[DayCapacity]:
    """The numbers of ``days`` local days from today on."""
    today = now.astimezone(plan.tz).date()
    return [day_capacity(plan, today + timedelta(days=i), now, released) for i in range(days)]


def cell_templates(plan: Plan, weekday: int, counter: int, on: date) -> tuple[PlanTemplate, ...]:
    """The templates of one weekday × counter cell in force on ``on``, by opening time."""
    found = [
        t
        for t in plan.templates
        if t.weekday == weekday
        and t.counter_number == counter
        and t.valid_from <= on
        and (t.valid_until is None or on <= t.valid_until)
    ]
    return tuple(
        PlanTemplate(t.weekday, t.counter_number, t.opens, t.closes, t.slot_minutes, t.services)
        for t in sorted(found, key=lambda t: t.opens)
    )


def current_policy(plan: Plan, on: date) -> PlanPolicy | None:
    """The office-wide booking policy in force on ``on`` as a plan value."""
    p = policy_for(plan.policies, on, OFFICE_WIDE)
    if p is None:
        return None
    return PlanPolicy(
        p.kind,
        p.horizon_days,
        p.release_weekday,
        p.release_time,
        p.free_months,
        p.fee_months,
        p.fee_cents,
        p.portal_share_percent,
        p.min_lead_minutes,
    )


def current_walk_in(plan: Plan) -> WalkInPlan:
    """The walk-in window, quota and F9 setting as a plan value."""
    w = plan.walk_in
    return WalkInPlan(w.walk_in_from, w.walk_in_until, w.quota, w.if_someone_current)


def normalise(plan: Plan, change: PlanChange) -> PlanChange:
    """The change without its no-op parts (cells, policy or walk-in equal to today's)."""
    eff = change.effective_from
    cells = frozenset(
        cell
        for cell in change.cells
        if cell_templates(plan, *cell, eff)
        != tuple(
            sorted(
                (t for t in change.templates if (t.weekday, t.counter_number) == cell),
                key=lambda t: t.opens,
            )
        )
    )
    policy = change.policy if change.policy != current_policy(plan, eff) else None
    walk_in = change.walk_in if change.walk_in != current_walk_in(plan) else None
    return replace(
        change,
        cells=cells,
        templates=tuple(t for t in change.templates if (t.weekday, t.counter_number) in cells),
        policy=policy,
        walk_in=walk_in,
    )
