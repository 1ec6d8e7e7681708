"""Capacity planning for team leads: read an office's plan, save a change in one unit.

``save_plan_change`` is the one door for every capacity edit: team lead only,
validated with field names, history kept by validity dates, one audit row per
changed thing, and no colliding appointment left without the team lead's choice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.capacity_change import (
    ChangeSummary,
    Decisions,
    PlanChange,
    PlanClosure,
    PlanInvalid,
    PlanPolicy,
    PlanTemplate,
    Resolution,
    WalkInPlan,
    validate_change,
)
from desk.domain.what_if import (
    Plan,
    apply_change,
    cell_templates,
    current_policy,
    current_walk_in,
    normalise,
)
from desk.services.admin.auth import require_team_lead
from desk.services.appointments.availability import Offer, free_offers
from desk.services.audit_log import record
from desk.services.capacity.edits import (
    write_closures,
    write_policy,
    write_templates,
    write_walk_in,
)
from desk.services.capacity.preview import Collision, colliding, plan_in, schedule_of
from desk.services.database import DeskDatabase
from desk.services.schedule import OfficeSchedule, load_occupancy, load_office, load_schedule
from desk.store.models import Appointment, Service, SlotHold
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class ServiceOption:
    """A service the office offers, with its city-wide duration."""

    id: str
    name: str
    minutes: int


@dataclass(frozen=True)
class PlanView:
    """An office's plan in force on ``on``, as the capacity editor shows it."""

    office_id: str
    office_name: str
    kind: str
    on: date
    counters: tuple[int, ...]
    services: tuple[ServiceOption, ...]
    templates: tuple[PlanTemplate, ...]
    policy: PlanPolicy | None
    walk_in: WalkInPlan
    closures: tuple[PlanClosure, ...]


def load_plan(db: DeskDatabase, office_id: str, now: datetime) -> PlanView:
    """The office's plan in force today: templates per weekday × counter, policy, walk-in
    hour and the closures that have not ended yet."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id))
        plan = plan_in(session, schedule)
        names = {sid: name for sid, name in session.execute(select(Service.id, Service.name))}
    today = now.astimezone(schedule.tz).date()
    numbers = {cid: n for n, cid in schedule.counters.items()}
    return PlanView(
        office_id=office_id,
        office_name=schedule.name,
        kind=str(schedule.kind),
        on=today,
        counters=tuple(sorted(schedule.counters)),
        services=tuple(
            ServiceOption(sid, names.get(sid, sid), minutes)
            for sid, minutes in sorted(schedule.services.items())
        ),
        templates=tuple(
            t
            for weekday in range(7)
            for n in sorted(schedule.counters)
            for t in cell_templates(plan, weekday, n, today)
        ),
        policy=current_policy(plan, today),
        walk_in=current_walk_in(plan),
        closures=tuple(
            PlanClosure(
                c.starts_on,
                c.ends_on,
                c.reason,
                None if c.counter_id is None else numbers.get(c.counter_id),
                cid,
            )
            for cid, c in plan.closures
            if c.ends_on >= today
        ),
    )


def _hold_slots(session: Session, appointment: Appointment, starts: list[datetime]) -> None:
    for start in starts:
        session.add(
            SlotHold(
                counter_id=appointment.counter_id, slot_start=start, appointment_id=appointment.id
            )
        )


def _resolve(
    session: Session,
    schedule: OfficeSchedule,
    after: Plan,
    found: list[Collision],
    decisions: Decisions,
    now: datetime,
    user_id: uuid.UUID,
    action: AuditAction,
) -> tuple[int, int]:
    """Move or keep each colliding appointment as decided; returns (moved, kept)."""
    undecided = [c for c in found if c.appointment_id not in decisions]
    if undecided:
        codes = ", ".join(c.code for c in undecided[:5])
        raise PlanInvalid(
            "collisions",
            code="collisions_undecided",
            params={"count": len(undecided), "codes": codes},
        )
    moved_schedule = schedule_of(schedule, after)
    moved = kept = 0
    for c in found:
        choice = decisions[c.appointment_id]
        appointment = session.get(Appointment, c.appointment_id)
        assert appointment is not None
        when = f"{c.start:%d.%m.%Y %H:%M}, Schalter {c.counter_number}"
        if choice.keep:
            _keep(session, after, c, appointment)
            detail = f"Termin {c.code} ({when}) bleibt wie gebucht: {c.reason}"
            new = None
            kept += 1
        else:
            offer = _move(session, moved_schedule, c, choice, appointment, now)
            new = f"{offer.start:%d.%m.%Y %H:%M}, Schalter {offer.counter_number}"
            detail = f"Termin {c.code} verschoben ({c.reason})"
            moved += 1
        session.flush()
        record(
            session,
            action,
            at=now,
            entity="appointment",
            entity_id=c.appointment_id,
            user_id=user_id,
            office_id=schedule.office_id,
            counter_number=c.counter_number,
            old=when,
            new=new,
            detail=detail,
        )
    return moved, kept


def _keep(session: Session, after: Plan, c: Collision, appointment: Appointment) -> None:
    """Keep the appointment as booked: hold the new grid's slots it overlaps, so no one
    is booked on top of it."""
    overlapped = {
        s.start
        for s in after.slots(c.start.date())
        if s.counter_id == appointment.counter_id
        and s.start < appointment.ends_at
        and s.end > appointment.starts_at
    }
    held = set(
        session.scalars(
            select(SlotHold.slot_start).where(
                SlotHold.counter_id == appointment.counter_id,
                SlotHold.slot_start.in_(overlapped),
            )
        )
    )
    _hold_slots(session, appointment, sorted(overlapped - held))


def _move(
    session: Session,
    moved_schedule: OfficeSchedule,
    c: Collision,
    choice: Resolution,
    appointment: Appointment,
    now: datetime,
) -> Offer:
    """Move the appointment to the start the team lead chose, if it is free in the new
    plan (else refused), and hold its new slots."""
    assert choice.move_to is not None
    day = choice.move_to.astimezone(moved_schedule.tz).date()
    occupancy = load_occupancy(session, moved_schedule, day, day)
    offers = [
        o
        for o in free_offers(moved_schedule, occupancy, c.service_id, day, day, now, portal=False)
        if o.start == choice.move_to and choice.counter_number in (None, o.counter_number)
    ]
    if not offers:
        raise PlanInvalid(
            f"collision.{c.appointment_id}",
            code="move_no_room",
            params={"code": c.code, "to": choice.move_to},
        )
    offer = offers[0]
    session.execute(delete(SlotHold).where(SlotHold.appointment_id == appointment.id))
    session.flush()
    appointment.counter_id = offer.counter_id
    appointment.starts_at, appointment.ends_at = offer.start, offer.end
    appointment.updated_at = now
    _hold_slots(session, appointment, list(offer.slot_starts))
    return offer


def _action_of(change: PlanChange) -> AuditAction:
    if change.cells:
        return AuditAction.OPENING_TEMPLATE
    if change.add_closures:
        return AuditAction.CLOSURE
    return AuditAction.BOOKING_POLICY


def save_plan_change(
    db: DeskDatabase,
    office_id: str,
    change: PlanChange,
    user_id: uuid.UUID,
    now: datetime,
    decisions: Decisions,
) -> ChangeSummary:
    """Save a capacity change in one unit of work (team lead only).

    Refused (PlanInvalid naming the field) when a value is wrong or when an
    appointment the change takes the slot from has no decision (move or keep).
    """
    require_team_lead(db, user_id, "Kapazität planen")
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        office = load_office(session, office_id, lock=True)
        schedule = load_schedule(session, office)
        before = plan_in(session, schedule)
        today = now.astimezone(schedule.tz).date()
        validate_change(
            change, today, schedule.counters, schedule.services, [cid for cid, _ in before.closures]
        )
        change = normalise(before, change)
        if change.empty:
            raise PlanInvalid("change", code="nothing_to_save")
        after = apply_change(before, change)
        found = colliding(session, schedule, before, after, now)
        write_templates(session, office_id, before, change, now, user_id)
        write_policy(session, office_id, before, change, now, user_id)
        write_walk_in(session, office, before, change, now, user_id)
        write_closures(session, office_id, before, change, now, user_id)
        session.flush()
        moved, kept = _resolve(
            session, schedule, after, found, decisions, now, user_id, _action_of(change)
        )
        uow.commit()
    return ChangeSummary(
        cells=len(change.cells),
        policy=change.policy is not None,
        walk_in=change.walk_in is not None,
        closures_added=len(change.add_closures),
        closures_removed=len(change.remove_closures),
        moved=moved,
        kept=kept,
    )
