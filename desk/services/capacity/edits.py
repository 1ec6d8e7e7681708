"""The row writes of a capacity change, each with its audit rows (inside the caller's unit).

Templates and the booking policy keep their history: a row in force on the
effective date ends the day before, a row that would only start later is
replaced, and the new row is valid from the effective date on.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.capacity_change import (
    PlanChange,
    PlanClosure,
    PlanPolicy,
    PlanTemplate,
    WalkInPlan,
)
from desk.domain.policy import WEEKDAYS_DE
from desk.domain.walkin import ASK, REFUSE
from desk.domain.what_if import Plan, cell_templates, current_policy, current_walk_in, end_before
from desk.services.audit_log import record
from desk.store.models import (
    BookingPolicy,
    Closure,
    Office,
    OpeningTemplate,
    OpeningTemplateService,
)


def template_value(t: PlanTemplate) -> dict[str, Any]:
    """A template as an audit value."""
    return {
        "oeffnet": f"{t.opens:%H:%M}",
        "schliesst": f"{t.closes:%H:%M}",
        "terminlaenge_min": t.slot_minutes,
        "dienstleistungen": sorted(t.services),
    }


def policy_value(p: PlanPolicy | None) -> dict[str, Any] | None:
    """A policy as an audit value (only the fields its kind uses, and the share)."""
    if p is None:
        return None
    fields = {
        "art": str(p.kind),
        "tage_im_voraus": p.horizon_days,
        "freigabe_wochentag": p.release_weekday,
        "freigabe_uhrzeit": None if p.release_time is None else f"{p.release_time:%H:%M}",
        "monate_frei": p.free_months,
        "monate_mit_gebuehr": p.fee_months,
        "gebuehr_cent": p.fee_cents,
        "online_anteil_prozent": p.portal_share_percent,
        "vorlauf_min": p.min_lead_minutes,
    }
    return {k: v for k, v in fields.items() if v is not None}


def closure_value(c: PlanClosure) -> dict[str, Any]:
    """A closure as an audit value."""
    return {
        "von": c.starts_on.isoformat(),
        "bis": c.ends_on.isoformat(),
        "schalter": c.counter_number,
        "grund": c.reason,
    }


def _end_rows(session: Session, rows: list[Any], effective: date) -> None:
    for row in rows:
        fate = end_before(row.valid_from, row.valid_until, effective)
        if fate is True:
            if isinstance(row, OpeningTemplate):
                session.execute(
                    delete(OpeningTemplateService).where(
                        OpeningTemplateService.template_id == row.id
                    )
                )
            session.delete(row)
        elif fate is not False:
            row.valid_until = fate


def write_templates(
    session: Session, office_id: str, plan: Plan, change: PlanChange, at: datetime, user: uuid.UUID
) -> None:
    """End the changed cells' templates before the effective date and add the new ones."""
    eff = change.effective_from
    for weekday, number in sorted(change.cells):
        counter_id = plan.counters[number]
        rows = list(
            session.scalars(
                select(OpeningTemplate).where(
                    OpeningTemplate.office_id == office_id,
                    OpeningTemplate.counter_id == counter_id,
                    OpeningTemplate.weekday == weekday,
                    or_(OpeningTemplate.valid_until.is_(None), OpeningTemplate.valid_until >= eff),
                )
            )
        )
        _end_rows(session, rows, eff)
        session.flush()
        old = cell_templates(plan, weekday, number, eff)
        new = tuple(
            sorted(
                (t for t in change.templates if (t.weekday, t.counter_number) == (weekday, number)),
                key=lambda t: t.opens,
            )
        )
        for t in new:
            row = OpeningTemplate(
                id=uuid.uuid4(),
                office_id=office_id,
                counter_id=counter_id,
                weekday=weekday,
                opens=t.opens,
                closes=t.closes,
                slot_minutes=t.slot_minutes,
                valid_from=eff,
                valid_until=None,
            )
            session.add(row)
            session.flush()
            session.add_all(
                OpeningTemplateService(template_id=row.id, service_id=s) for s in sorted(t.services)
            )
        only_slots = len(old) == len(new) and all(
            (a.opens, a.closes, a.services) == (b.opens, b.closes, b.services)
            for a, b in zip(old, new, strict=True)
        )
        record(
            session,
            AuditAction.SLOT_LENGTH if only_slots and old else AuditAction.OPENING_TEMPLATE,
            at=at,
            entity="opening_template",
            entity_id=f"{office_id}:{weekday}:{number}",
            user_id=user,
            office_id=office_id,
            counter_number=number,
            old=[template_value(t) for t in old],
            new=[template_value(t) for t in new],
            detail=f"{WEEKDAYS_DE[weekday]}, Schalter {number}, gültig ab {eff:%d.%m.%Y}",
        )


def write_policy(
    session: Session, office_id: str, plan: Plan, change: PlanChange, at: datetime, user: uuid.UUID
) -> None:
    """End the office-wide policy before the effective date and add the new one."""
    p = change.policy
    if p is None:
        return
    eff = change.effective_from
    rows = list(
        session.scalars(
            select(BookingPolicy).where(
                BookingPolicy.office_id == office_id,
                BookingPolicy.service_id.is_(None),
                or_(BookingPolicy.valid_until.is_(None), BookingPolicy.valid_until >= eff),
            )
        )
    )
    _end_rows(session, rows, eff)
    row = BookingPolicy(
        id=uuid.uuid4(),
        office_id=office_id,
        service_id=None,
        kind=str(p.kind),
        valid_from=eff,
        valid_until=None,
        horizon_days=p.horizon_days,
        min_lead_minutes=p.min_lead_minutes,
        release_weekday=p.release_weekday,
        release_time=p.release_time,
        free_months=p.free_months,
        fee_months=p.fee_months,
        fee_cents=p.fee_cents,
        portal_share_percent=p.portal_share_percent,
    )
    session.add(row)
    record(
        session,
        AuditAction.BOOKING_POLICY,
        at=at,
        entity="booking_policy",
        entity_id=row.id,
        user_id=user,
        office_id=office_id,
        old=policy_value(current_policy(plan, eff)),
        new=policy_value(p),
        detail=f"gültig ab {eff:%d.%m.%Y}",
    )


#: The F9 setting as the audit log names it.
F9_DE = {ASK: "nachfragen", REFUSE: "ablehnen"}


def write_walk_in(
    session: Session, office: Office, plan: Plan, change: PlanChange, at: datetime, user: uuid.UUID
) -> None:
    """Set the walk-in window, quota and F9 setting (in force at once)."""
    w = change.walk_in
    if w is None:
        return

    old = current_walk_in(plan)
    f9_changed = old.if_someone_current != w.if_someone_current

    def value(p: WalkInPlan) -> dict[str, Any]:
        """The hour and the quota; the F9 setting where it changed."""
        clock = None if p.starts is None else f"{p.starts:%H:%M}–{p.ends:%H:%M}"
        shown: dict[str, Any] = {"zeit": clock, "kontingent": p.quota}
        if f9_changed:
            shown["f9_bei_besetztem_schalter"] = F9_DE.get(
                p.if_someone_current, p.if_someone_current
            )
        return shown

    office.walk_in_from, office.walk_in_until, office.walk_in_quota = w.starts, w.ends, w.quota
    office.call_next_with_current = w.if_someone_current
    record(
        session,
        AuditAction.WALK_IN_QUOTA,
        at=at,
        entity="office",
        entity_id=office.id,
        user_id=user,
        office_id=office.id,
        old=value(old),
        new=value(w),
    )


def write_closures(
    session: Session, office_id: str, plan: Plan, change: PlanChange, at: datetime, user: uuid.UUID
) -> None:
    """Add and remove closures, one audit row each."""
    numbers = {cid: n for n, cid in plan.counters.items()}
    for closure_id in sorted(change.remove_closures):
        row = session.get(Closure, closure_id)
        if row is None or row.office_id != office_id:
            continue
        old = PlanClosure(
            row.starts_on,
            row.ends_on,
            row.reason,
            numbers.get(row.counter_id) if row.counter_id else None,
        )
        session.delete(row)
        record(
            session,
            AuditAction.CLOSURE,
            at=at,
            entity="closure",
            entity_id=closure_id,
            user_id=user,
            office_id=office_id,
            counter_number=old.counter_number,
            old=closure_value(old),
            detail="Schließzeit aufgehoben",
        )
    for c in change.add_closures:
        row = Closure(
            id=uuid.uuid4(),
            office_id=office_id,
            counter_id=None if c.counter_number is None else plan.counters[c.counter_number],
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            reason=c.reason.strip(),
        )
        session.add(row)
        record(
            session,
            AuditAction.CLOSURE,
            at=at,
            entity="closure",
            entity_id=row.id,
            user_id=user,
            office_id=office_id,
            counter_number=c.counter_number,
            new=closure_value(c),
            detail="Schließzeit eingetragen",
        )
