"""A team lead's capacity change as a value, and its validation with field names.

A ``PlanChange`` says what a team lead wants different from a date on
(``effective_from``): the opening templates of some weekday × counter cells, the
office-wide booking policy, the walk-in hour and quota, closures to add or
remove. ``None`` means "unchanged". Validation raises ``PlanInvalid`` naming the
field, so a face can show the message next to that field.

Slot length: a service's duration is city-wide master data (``Service``), so an
office's plan sets the slot length per counter and weekday (a template's
``slot_minutes``); a service takes as many consecutive slots as its duration needs.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import pairwise

from desk.domain.errors import RequestRefused
from desk.domain.status import PolicyKind
from desk.domain.walkin import ASK, IF_SOMEONE_CURRENT

MAX_REASON = 200


class PlanInvalid(RequestRefused):
    """A plan change was refused; ``field`` names the input the message belongs to."""

    def __init__(
        self,
        field_name: str,
        message: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.field = field_name


def cell_field(weekday: int, counter_number: int, name: str) -> str:
    """The field name of one input of a weekday × counter cell, e.g. ``opening.2.1.closes``."""
    return f"opening.{weekday}.{counter_number}.{name}"


@dataclass(frozen=True)
class PlanTemplate:
    """Öffnungszeit of one counter on one weekday (0 = Monday) as a team lead edits it."""

    weekday: int
    counter_number: int
    opens: time
    closes: time
    slot_minutes: int
    services: frozenset[str]


@dataclass(frozen=True)
class PlanPolicy:
    """The office-wide Buchungsfenster: kind and the fields that kind uses."""

    kind: PolicyKind
    horizon_days: int | None = None
    release_weekday: int | None = None
    release_time: time | None = None
    free_months: int | None = None
    fee_months: int | None = None
    fee_cents: int | None = None
    portal_share_percent: int = 100
    min_lead_minutes: int = 0


@dataclass(frozen=True)
class WalkInPlan:
    """Kontingentsprechstunde: the window and the daily quota (None: unlimited), and what
    F9 does while someone is at the counter (walkin.IF_SOMEONE_CURRENT; no numbers)."""

    starts: time | None
    ends: time | None
    quota: int | None
    if_someone_current: str = ASK


@dataclass(frozen=True)
class PlanClosure:
    """A closure of the office (counter_number None) or of one counter; ``id`` once stored."""

    starts_on: date
    ends_on: date
    reason: str
    counter_number: int | None = None
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class PlanChange:
    """What changes, from ``effective_from`` on (templates and policy; the rest at once).

    ``templates`` replaces the cells it names: a (weekday, counter) key present in
    ``cells`` gets exactly the templates listed for it (none: not staffed).
    """

    effective_from: date
    templates: tuple[PlanTemplate, ...] = ()
    cells: frozenset[tuple[int, int]] = frozenset()
    policy: PlanPolicy | None = None
    walk_in: WalkInPlan | None = None
    add_closures: tuple[PlanClosure, ...] = ()
    remove_closures: frozenset[uuid.UUID] = frozenset()

    @property
    def empty(self) -> bool:
        """Whether the change changes nothing."""
        return not (
            self.cells or self.policy or self.walk_in or self.add_closures or self.remove_closures
        )


@dataclass(frozen=True)
class Resolution:
    """A team lead's choice for one colliding appointment: keep it, or move it."""

    move_to: datetime | None = None
    counter_number: int | None = None

    @property
    def keep(self) -> bool:
        """Whether the appointment stays as booked."""
        return self.move_to is None


KEEP = Resolution()
Decisions = Mapping[uuid.UUID, Resolution]


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _check_template(t: PlanTemplate, counters: Collection[int], services: Collection[str]) -> None:
    def at(name: str) -> str:
        return cell_field(t.weekday, t.counter_number, name)

    if not 0 <= t.weekday <= 6:
        raise PlanInvalid(at("weekday"), code="no_weekday", params={"weekday": t.weekday})
    if t.counter_number not in counters:
        raise PlanInvalid(
            at("counter"), code="no_counter_here", params={"counter": t.counter_number}
        )
    if t.closes <= t.opens:
        raise PlanInvalid(
            at("closes"), code="ends_not_after_start", params={"ends": t.closes, "starts": t.opens}
        )
    if t.slot_minutes <= 0:
        raise PlanInvalid(at("slot_minutes"), code="slot_length_zero")
    if t.slot_minutes > _minutes(t.closes) - _minutes(t.opens):
        raise PlanInvalid(
            at("slot_minutes"), code="slot_length_too_long", params={"minutes": t.slot_minutes}
        )
    unknown = sorted(set(t.services) - set(services))
    if unknown:
        raise PlanInvalid(
            at("services"), code="service_not_offered", params={"services": ", ".join(unknown)}
        )


def _check_overlaps(templates: tuple[PlanTemplate, ...]) -> None:
    by_cell: dict[tuple[int, int], list[PlanTemplate]] = {}
    for t in templates:
        by_cell.setdefault((t.weekday, t.counter_number), []).append(t)
    for (weekday, counter), cell in by_cell.items():
        cell.sort(key=lambda t: t.opens)
        for a, b in pairwise(cell):
            if b.opens < a.closes:
                raise PlanInvalid(
                    cell_field(weekday, counter, "opens"),
                    code="hours_overlap",
                    params={
                        "first_opens": a.opens,
                        "first_closes": a.closes,
                        "second_opens": b.opens,
                        "second_closes": b.closes,
                        "counter": counter,
                    },
                )


def _check_policy(p: PlanPolicy) -> None:
    if not 0 <= p.portal_share_percent <= 100:
        raise PlanInvalid("policy.portal_share_percent", code="portal_share_range")
    if p.min_lead_minutes < 0:
        raise PlanInvalid("policy.min_lead_minutes", code="lead_negative")
    match p.kind:
        case PolicyKind.ROLLING:
            if p.horizon_days is None or p.horizon_days < 0:
                raise PlanInvalid("policy.horizon_days", code="horizon_missing")
        case PolicyKind.WEEKLY_RELEASE:
            if p.release_weekday is None or not 0 <= p.release_weekday <= 6:
                raise PlanInvalid("policy.release_weekday", code="release_weekday_missing")
            if p.release_time is None:
                raise PlanInvalid("policy.release_time", code="release_time_missing")
        case PolicyKind.TIERED:
            if p.free_months is None or p.free_months < 0:
                raise PlanInvalid("policy.free_months", code="free_months_missing")
            if p.fee_months is not None and p.fee_months < p.free_months:
                raise PlanInvalid("policy.fee_months", code="fee_months_too_few")
            if p.fee_cents is not None and p.fee_cents < 0:
                raise PlanInvalid("policy.fee_cents", code="fee_negative")


def _check_walk_in(w: WalkInPlan) -> None:
    if w.quota is not None and w.quota < 0:
        raise PlanInvalid("walk_in.quota", code="quota_negative")
    if w.if_someone_current not in IF_SOMEONE_CURRENT:
        raise PlanInvalid("walk_in.if_someone_current", code="if_someone_current_unknown")
    if (w.starts is None) != (w.ends is None):
        raise PlanInvalid("walk_in.ends", code="walk_in_hours_missing")
    if w.starts is not None and w.ends is not None and w.ends <= w.starts:
        raise PlanInvalid(
            "walk_in.ends", code="ends_not_after_start", params={"ends": w.ends, "starts": w.starts}
        )


def _check_closure(c: PlanClosure, counters: Collection[int], today: date) -> None:
    if c.ends_on < c.starts_on:
        raise PlanInvalid(
            "closure.ends_on",
            code="closure_ends_before_start",
            params={"ends": c.ends_on, "starts": c.starts_on},
        )
    if c.ends_on < today:
        raise PlanInvalid("closure.ends_on", code="closure_in_past")
    if not c.reason.strip():
        raise PlanInvalid("closure.reason", code="closure_reason_missing")
    if len(c.reason) > MAX_REASON:
        raise PlanInvalid("closure.reason", code="reason_too_long", params={"limit": MAX_REASON})
    if c.counter_number is not None and c.counter_number not in counters:
        raise PlanInvalid(
            "closure.counter", code="closure_no_counter", params={"counter": c.counter_number}
        )


def validate_change(
    change: PlanChange,
    today: date,
    counters: Collection[int],
    services: Collection[str],
    closure_ids: Collection[uuid.UUID] = (),
) -> None:
    """Refuse a change that cannot be right (PlanInvalid with the field and a German reason)."""
    if change.effective_from < today:
        raise PlanInvalid(
            "effective_from",
            code="effective_in_past",
            params={"day": change.effective_from},
        )
    for t in change.templates:
        _check_template(t, counters, services)
        if (t.weekday, t.counter_number) not in change.cells:
            raise PlanInvalid(
                cell_field(t.weekday, t.counter_number, "opens"), code="opening_outside_cells"
            )
    _check_overlaps(change.templates)
    if change.policy is not None:
        _check_policy(change.policy)
    if change.walk_in is not None:
        _check_walk_in(change.walk_in)
    for closure in change.add_closures:
        _check_closure(closure, counters, today)
    missing = change.remove_closures - set(closure_ids)
    if missing:
        raise PlanInvalid("closure.remove", code="closure_unknown")


@dataclass(frozen=True)
class ChangeSummary:
    """What a change touched, for messages (counts per kind)."""

    cells: int = 0
    policy: bool = False
    walk_in: bool = False
    closures_added: int = 0
    closures_removed: int = 0
    moved: int = 0
    kept: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
