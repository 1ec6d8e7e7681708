"""A bb-nord counter whose local SQLite was edited by hand (DESIGN.md §4.8): nothing a
client writes into its own files changes the central state beyond what its device,
its signed-in user's role and the rules allow. Roles, quotas and audit rows written
locally stay local; forged operations are refused with a reason the clerk sees."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from desk.domain.status import AppointmentStatus, Channel
from desk.domain.steps import Action
from desk.services.appointments import lifecycle
from desk.services.appointments.booking import book, new_code
from desk.store.models import (
    AppliedOp,
    Appointment,
    AppointmentEvent,
    AuditEntry,
    Office,
    SyncConflict,
    User,
)
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.service_fixtures import Device, Service
from tests.sync.conftest import NOW, SERVICE, Central, count, get, slot

TOMORROW = NOW.date() + timedelta(days=1)
QUOTA = 20
FORGED = "GEFÄLSCHT: Kontingent 100000 durch Teamleitung"


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    """Two offices, two counters each; bb-nord has a walk-in hour with a quota of 20."""
    central = central_factory({"bb-nord": 2, "bb-mitte": 2})
    with UnitOfWork(central.db.engine) as uow:
        uow.session.execute(
            update(Office)
            .where(Office.id == "bb-nord")
            .values(walk_in_quota=QUOTA, walk_in_from=time(8), walk_in_until=time(12))
        )
        uow.commit()
    return central


@pytest.fixture(scope="module")
def service(city: Central, service_factory: Callable[..., Service]) -> Service:
    """A training service with a city-wide team lead and a clerk per office."""
    made = service_factory(city)
    made.user("leitung", None, "team_lead")
    made.user("nord1", "bb-nord")
    made.user("mitte1", "bb-mitte")
    return made


@pytest.fixture
def counter(
    service: Service, remote_replica: Callable[..., SyncEngine]
) -> tuple[Device, SyncEngine]:
    """A fresh bb-nord counter PC (counter 1), nord1 signed in, its replica synced."""
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    return device, remote_replica(service, device)


# ------------------------------------------------------------------ by hand


def replica_file(engine: SyncEngine) -> Path:
    database = engine.local.engine.url.database
    assert database
    return Path(database)


def by_hand(engine: SyncEngine, sql: str, params: tuple[Any, ...] = ()) -> int:
    """One statement on the replica's file with the sqlite3 module; rows changed."""
    with closing(sqlite3.connect(replica_file(engine), timeout=10)) as conn:
        changed = conn.execute(sql, params).rowcount
        conn.commit()
    return changed


def read_by_hand(engine: SyncEngine, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    with closing(sqlite3.connect(replica_file(engine), timeout=10)) as conn:
        return conn.execute(sql, params).fetchall()


def stamp(at: datetime) -> str:
    """A time as the replica stores it (UTC wall time)."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def forge(
    engine: SyncEngine, kind: str, office_id: str, entity_id: uuid.UUID, args: dict[str, Any]
) -> uuid.UUID:
    """Queue an operation by writing an outbox row by hand; returns its op id."""
    op_id = uuid.uuid4()
    assert (
        by_hand(
            engine,
            "INSERT INTO outbox (op_id, kind, office_id, entity_id, payload, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (op_id.hex, kind, office_id, entity_id.hex, json.dumps(args), stamp(NOW)),
        )
        == 1
    )
    return op_id


def book_args(
    appointment_id: uuid.UUID, office_id: str, start: datetime, name: str, **more: Any
) -> dict[str, Any]:
    """The arguments ``booking.book`` records for a counter booking."""
    return {
        "id": str(appointment_id),
        "code": new_code(),
        "office_id": office_id,
        "service_id": SERVICE,
        "start": start.isoformat(),
        "counter_number": 1,
        "channel": "counter",
        "name": name,
        "phone": "0391-4711",
        "email": None,
        "notes": None,
        "move_in": None,
        "event_id": str(uuid.uuid4()),
        **more,
    }


def answer(service: Service, op_id: uuid.UUID) -> tuple[str, dict[str, Any]]:
    """The central answer recorded for an operation: outcome and detail."""
    done = get(service.db, AppliedOp, op_id)
    assert isinstance(done, AppliedOp), f"operation {op_id} never reached the service"
    return done.outcome, json.loads(done.result)


def local_conflict(engine: SyncEngine, op_id: uuid.UUID) -> SyncConflict:
    """The conflict the clerk is shown for a refused operation."""
    with UnitOfWork(engine.local.engine) as uow:
        found = uow.session.scalar(select(SyncConflict).where(SyncConflict.op_id == op_id))
        if found is not None:
            uow.session.expunge(found)
    assert isinstance(found, SyncConflict), f"no conflict shown for {op_id}"
    return found


def roles(service: Service) -> dict[str, str]:
    with UnitOfWork(service.db.engine) as uow:
        return {name: role for name, role in uow.session.execute(select(User.username, User.role))}


def audit_rows(service: Service, office_id: str) -> dict[uuid.UUID, AuditEntry]:
    with UnitOfWork(service.db.engine) as uow:
        rows = list(
            uow.session.scalars(select(AuditEntry).where(AuditEntry.office_id == office_id))
        )
        for row in rows:
            uow.session.expunge(row)
    return {row.id: row for row in rows}


# ------------------------------------------------------------------ (a) roles


def test_a_role_raised_in_the_local_file_changes_no_central_role(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    nord1 = service.users["nord1"]
    before = roles(service)
    assert before["nord1"] == "clerk"

    assert by_hand(engine, "UPDATE app_user SET role = 'team_lead' WHERE id = ?", (nord1.hex,)) == 1
    assert read_by_hand(engine, "SELECT role FROM app_user WHERE id = ?", (nord1.hex,)) == [
        ("team_lead",)
    ]
    made = book(
        engine.local,
        "bb-nord",
        SERVICE,
        slot(TOMORROW, 8),
        "Rolle Bürger",
        NOW,
        channel=Channel.COUNTER,
    )
    lifecycle.perform(engine.local, made.id, Action.CHECK_IN, NOW, counter_number=1, user_id=nord1)
    report = engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (2, 0)  # the normal work goes through
    assert roles(service) == before
    central = get(service.db, Appointment, made.id)
    assert isinstance(central, Appointment) and central.status == AppointmentStatus.CHECKED_IN


def test_an_operation_cannot_act_as_a_team_lead_who_never_signed_in_here(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    lead = service.users["leitung"]
    made = book(
        service.db,
        "bb-nord",
        SERVICE,
        slot(TOMORROW, 8, 15),
        "Leitung Fremd",
        NOW,
        channel=Channel.PHONE,
    )
    engine.sync_once(NOW)
    op_id = forge(
        engine,
        "step",
        "bb-nord",
        made.id,
        {
            "appointment_id": str(made.id),
            "action": "call",
            "counter_number": 1,
            "reason": None,
            "user_id": str(lead),
            "event_id": str(uuid.uuid4()),
            "call_id": str(uuid.uuid4()),
        },
    )

    assert engine.sync_once(NOW).rejected == 1
    outcome, detail = answer(service, op_id)
    assert outcome == "rejected" and detail.get("forbidden") is True, detail
    central = get(service.db, Appointment, made.id)
    assert isinstance(central, Appointment) and central.status == AppointmentStatus.BOOKED
    assert count(service.db, AppointmentEvent, AppointmentEvent.user_id == lead) == 0
    assert count(service.db, AuditEntry, AuditEntry.entity_id == str(made.id)) == 0


# ------------------------------------------------------------------ (b) quota


def test_a_forged_quota_change_is_refused_and_shown_as_a_conflict(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    assert by_hand(engine, "UPDATE office SET walk_in_quota = 100000 WHERE id = 'bb-nord'") == 1
    office = uuid.uuid5(uuid.NAMESPACE_DNS, "bb-nord.example")
    ops = [
        forge(
            engine, "capacity", "bb-nord", office, {"office_id": "bb-nord", "walk_in_quota": 100000}
        ),
        forge(
            engine,
            "walk_in_quota",
            "bb-nord",
            office,
            {"office_id": "bb-nord", "quota": 100000, "walk_in_quota": 100000},
        ),
    ]

    report = engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (2, 2)
    central = get(service.db, Office, "bb-nord")
    assert isinstance(central, Office) and central.walk_in_quota == QUOTA
    for op_id in ops:
        outcome, detail = answer(service, op_id)
        assert outcome == "rejected" and detail["reason"], detail
        shown = local_conflict(engine, op_id)
        assert json.loads(shown.reason)["reason"] == detail["reason"]
        assert json.loads(shown.payload)["office_id"] == "bb-nord"
    assert engine.status().conflicts >= 2
    assert read_by_hand(engine, "SELECT count(*) FROM outbox") == [(0,)]


# ------------------------------------------------------------------ (c) audit


def test_audit_rows_written_or_sent_by_a_counter_never_reach_the_central_log(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    before = audit_rows(service, "bb-nord")
    local_forgery, sent_forgery = uuid.uuid4(), uuid.uuid4()
    lead = service.users["leitung"]
    assert (
        by_hand(
            engine,
            "INSERT INTO audit_entry (id, at, user_id, office_id, counter_number, action, entity,"
            " entity_id, detail, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                local_forgery.hex,
                stamp(NOW),
                lead.hex,
                "bb-nord",
                1,
                "capacity.walk_in_quota",
                "office",
                "bb-nord",
                FORGED,
                "20",
                "100000",
            ),
        )
        == 1
    )
    forged_booking = uuid.uuid4()
    audit = {
        "id": str(sent_forgery),
        "at": NOW.isoformat(),
        "user_id": str(lead),
        "office_id": "bb-nord",
        "action": "capacity.walk_in_quota",
        "entity": "office",
        "entity_id": "bb-nord",
        "detail": FORGED,
        "old_value": "20",
        "new_value": "100000",
    }
    forge(
        engine,
        "book",
        "bb-nord",
        forged_booking,
        book_args(
            forged_booking,
            "bb-nord",
            slot(TOMORROW, 8, 30),
            "Audit Bürger",
            audit=audit,
            audit_entry=[audit],
        ),
    )
    # legitimate work: a booking (no audit row) and a call (one audit row, by the server)
    made = book(
        engine.local,
        "bb-nord",
        SERVICE,
        slot(TOMORROW, 8, 45),
        "Aufruf Bürgerin",
        NOW,
        channel=Channel.COUNTER,
    )
    lifecycle.perform(
        engine.local,
        made.id,
        Action.CALL,
        NOW,
        counter_number=1,
        user_id=service.users["nord1"],
    )

    engine.sync_once(NOW)

    after = audit_rows(service, "bb-nord")
    with UnitOfWork(service.db.engine) as uow:
        ids = set(uow.session.scalars(select(AuditEntry.id)))
        forged = uow.session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.detail.contains("GEFÄLSCHT") | (AuditEntry.new_value == "100000"))
        )
    assert local_forgery not in ids and sent_forgery not in ids
    assert forged == 0
    new = [row for key, row in after.items() if key not in before]
    assert [(r.action, r.entity_id, r.detail) for r in new] == [
        ("appointment.call", str(made.id), f"Termin {made.code}")
    ]
    assert abs(new[0].at - NOW) < timedelta(seconds=1)  # the server's stamp (training: NOW)
    assert new[0].user_id == service.users["nord1"]
    assert new[0].counter_number == 1


# ------------------------------------------------------------------ (d) another office


def test_a_forged_booking_for_another_office_is_refused_as_forbidden(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    before = count(service.db, Appointment, Appointment.office_id == "bb-mitte")
    appointment = uuid.uuid4()
    op_id = forge(
        engine,
        "book",
        "bb-mitte",
        appointment,
        book_args(appointment, "bb-mitte", slot(TOMORROW, 11), "Fremd Buchung"),
    )

    assert engine.sync_once(NOW).rejected == 1

    outcome, detail = answer(service, op_id)
    assert outcome == "rejected" and detail.get("forbidden") is True, detail
    assert get(service.db, Appointment, appointment) is None
    assert count(service.db, Appointment, Appointment.office_id == "bb-mitte") == before
    shown = json.loads(local_conflict(engine, op_id).reason)
    assert shown["forbidden"] is True and shown["reason"]


def test_a_forbidden_booking_is_answered_without_the_other_offices_free_slots(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    """The answer to a forbidden operation tells nothing of another office (its rows are
    withheld, and so must be which of its slots are free or taken)."""
    _device, engine = counter
    appointment = uuid.uuid4()
    op_id = forge(
        engine,
        "book",
        "bb-mitte",
        appointment,
        book_args(appointment, "bb-mitte", slot(TOMORROW, 11, 15), "Fremd Zwei"),
    )

    engine.sync_once(NOW)

    _outcome, detail = answer(service, op_id)
    assert detail.get("forbidden") is True
    assert not detail.get("alternatives"), detail


# ------------------------------------------------------------------ (e) slot taken


def test_a_booking_whose_slot_was_taken_centrally_is_refused_and_keeps_the_citizen(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    start = slot(TOMORROW, 9, 15)
    mine = book(
        engine.local,
        "bb-nord",
        SERVICE,
        start,
        "Konflikt Bürgerin",
        NOW,
        channel=Channel.COUNTER,
        phone="0391-777",
    )
    taken = [
        book(service.db, "bb-nord", SERVICE, start, name, NOW, channel=Channel.PHONE).id
        for name in ("Zentral Eins", "Zentral Zwei")  # both counters
    ]
    [(queued,)] = read_by_hand(engine, "SELECT op_id FROM outbox WHERE kind = 'book'")
    op_id = uuid.UUID(queued)

    assert engine.sync_once(NOW).rejected == 1

    assert answer(service, op_id)[0] == "rejected"
    assert get(service.db, Appointment, mine.id) is None
    with UnitOfWork(service.db.engine) as uow:
        holders = set(
            uow.session.scalars(select(Appointment.id).where(Appointment.starts_at == start))
        )
    assert holders == set(taken)
    conflict = local_conflict(engine, op_id)
    reason = json.loads(conflict.reason)
    assert "vergeben" in reason["reason"]
    assert reason["alternatives"]  # other starts the clerk can offer
    kept = json.loads(conflict.payload)
    assert (kept["name"], kept["phone"]) == ("Konflikt Bürgerin", "0391-777")
    local = get(engine.local, Appointment, mine.id)
    assert isinstance(local, Appointment) and local.citizen_name == "Konflikt Bürgerin"


# ------------------------------------------------------------------ (f) rules


@pytest.mark.parametrize(
    ("start", "why"),
    [
        (slot(TOMORROW, 19), "beginnt kein Termin"),  # after closing time
        (slot(TOMORROW, 7, 45), "beginnt kein Termin"),  # before opening
        (slot(NOW.date() + timedelta(days=3), 9), "beginnt kein Termin"),  # a Saturday
        (slot(NOW.date(), 9), "Vergangenheit"),  # earlier today
        (slot(NOW.date() - timedelta(days=1), 9), "Vergangenheit"),  # yesterday
    ],
    ids=["after closing", "before opening", "saturday", "earlier today", "yesterday"],
)
def test_a_forged_booking_outside_the_opening_hours_or_in_the_past_is_refused(
    service: Service, counter: tuple[Device, SyncEngine], start: datetime, why: str
) -> None:
    _device, engine = counter
    appointment = uuid.uuid4()
    op_id = forge(
        engine,
        "book",
        "bb-nord",
        appointment,
        book_args(appointment, "bb-nord", start, "Regel Bürger"),
    )

    assert engine.sync_once(NOW).rejected == 1

    outcome, detail = answer(service, op_id)
    assert outcome == "rejected" and why in detail["reason"], detail
    assert get(service.db, Appointment, appointment) is None
    assert count(service.db, Appointment, Appointment.citizen_name == "Regel Bürger") == 0
    assert json.loads(local_conflict(engine, op_id).payload)["name"] == "Regel Bürger"


def test_a_forged_booking_as_the_portal_is_refused(
    service: Service, counter: tuple[Device, SyncEngine]
) -> None:
    _device, engine = counter
    appointment = uuid.uuid4()
    op_id = forge(
        engine,
        "book",
        "bb-nord",
        appointment,
        book_args(
            appointment, "bb-nord", slot(TOMORROW, 10, 45), "Portal Fälschung", channel="portal"
        ),
    )

    assert engine.sync_once(NOW).rejected == 1

    outcome, detail = answer(service, op_id)
    assert outcome == "rejected" and detail.get("forbidden") is True, detail
    assert get(service.db, Appointment, appointment) is None
