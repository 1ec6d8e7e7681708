"""What a device may hold of the central database (DESIGN.md §3, §6): its own
office's rows, users' names and roles but never a password hash, no other office's
citizens. The central service cuts every download to this before it leaves."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.store.models import Appointment
from desk.sync.pull import ChangeBatch

#: What a replica holds instead of a password hash (no hash scheme produces it).
NO_HASH = "!"

#: Tables whose rows name their office.
_BY_OFFICE = (
    "counter",
    "office_service",
    "opening_template",
    "booking_policy",
    "closure",
    "released_slot",
    "appointment",
    "ticket",
    "call",
    "audit_entry",
)


def limit_to_office(session: Session, batch: ChangeBatch, office_id: str) -> ChangeBatch:
    """Cut a batch (in place) to one office's rows, without password hashes."""
    if batch.reference is not None:
        ref = batch.reference
        ref["office"] = [r for r in ref["office"] if r["id"] == office_id]
        for name in _BY_OFFICE:
            if name in ref:
                ref[name] = [r for r in ref[name] if r["office_id"] == office_id]
        templates = {r["id"] for r in ref["opening_template"]}
        ref["opening_template_service"] = [
            r for r in ref["opening_template_service"] if r["template_id"] in templates
        ]
        ref["app_user"] = [
            {**r, "password_hash": NO_HASH}
            for r in ref["app_user"]
            if r["office_id"] in (None, office_id)
        ]
    for name, rows in batch.activity.items():
        if name in _BY_OFFICE:
            batch.activity[name] = [r for r in rows if r["office_id"] == office_id]
    own = _own_appointments(
        session,
        office_id,
        {r["appointment_id"] for r in batch.activity.get("appointment_event", [])}
        | {h["appointment_id"] for h in batch.holds},
    )
    if "appointment_event" in batch.activity:
        batch.activity["appointment_event"] = [
            r for r in batch.activity["appointment_event"] if r["appointment_id"] in own
        ]
    batch.holds = [h for h in batch.holds if h["appointment_id"] in own]
    return batch


def _own_appointments(session: Session, office_id: str, ids: set[uuid.UUID]) -> set[Any]:
    """Which of ``ids`` are appointments of the office."""
    if not ids:
        return set()
    found: set[Any] = set()
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        found |= set(
            session.scalars(
                select(Appointment.id).where(
                    Appointment.id.in_(wanted[start : start + 500]),
                    Appointment.office_id == office_id,
                )
            )
        )
    return found
