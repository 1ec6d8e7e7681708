"""A production service (no ``--training``) stamps with its own clock (DESIGN.md §4.8,
§5): a client's ``X-Buergerdesk-Now`` and its operations' ``made_at`` change no time
that matters centrally; the counter's own time is kept only as ``client_at``."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from desk.domain.status import AppointmentStatus, Channel
from desk.domain.steps import Action
from desk.services.appointments import lifecycle
from desk.services.appointments.booking import book, new_code, suggestions
from desk.store.models import AppliedOp, Appointment, AppointmentEvent, AuditEntry, Call
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.service_fixtures import Device, Service
from tests.sync.conftest import SERVICE, Central, get

BERLIN = ZoneInfo("Europe/Berlin")
FUTURE = "2030-01-01T10:00"
FUTURE_AT = datetime(2030, 1, 1, 10, 0, tzinfo=BERLIN)
PAST_AT = datetime(2001, 1, 1, 9, 0, tzinfo=BERLIN)
CLOSE = timedelta(minutes=1)


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    """A central database of its own: one office, two counters, open Mon–Fri 8–12."""
    return central_factory({"bb-nord": 2})


@pytest.fixture(scope="module")
def service(central: Central, service_factory: Callable[..., Service]) -> Service:
    """A production service: the server's clock rules."""
    made = service_factory(central, training=False)
    made.user("leitung", None, "team_lead")
    made.user("nord1", "bb-nord")
    with made.http() as http:
        assert http.get("/health").json()["training"] is False
    return made


def real_now() -> datetime:
    return datetime.now(BERLIN)


def by_the_real_clock(at: datetime | None) -> bool:
    """Within a minute of the real clock (so neither 2030 nor 2001)."""
    return at is not None and abs(at - datetime.now(UTC)) < CLOSE


_taken: set[datetime] = set()


def free_start(service: Service) -> datetime:
    """A free start of the real coming days, at least ten minutes ahead, not used yet."""
    now = real_now()
    for offer in suggestions(service.db, "bb-nord", SERVICE, now, limit=0):
        if offer.start > now + timedelta(minutes=10) and offer.start not in _taken:
            _taken.add(offer.start)
            return offer.start
    raise AssertionError("no free start in the coming two weeks")


def client(service: Service, device: Device, now: str | None = FUTURE) -> httpx.Client:
    """The device's client, claiming a far-away time."""
    http = service.http(device)
    if now is not None:
        http.headers["X-Buergerdesk-Now"] = now
    return http


def op(kind: str, made_at: datetime, **args: Any) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "kind": kind, "args": args, "made_at": made_at.isoformat()}


def test_a_counters_claimed_time_changes_no_central_stamp(service: Service) -> None:
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    appointment, start = uuid.uuid4(), free_start(service)
    made_at = [PAST_AT, PAST_AT + timedelta(minutes=1), PAST_AT + timedelta(minutes=2)]
    ops = [
        op(
            "book",
            made_at[0],
            id=str(appointment),
            code=new_code(),
            office_id="bb-nord",
            service_id=SERVICE,
            start=start.isoformat(),
            counter_number=1,
            channel="counter",
            name="Uhr Bürgerin",
            phone=None,
            email=None,
            notes=None,
            move_in=None,
            event_id=str(uuid.uuid4()),
        ),
        op("step", made_at[1], appointment_id=str(appointment), action="check_in"),
        op("step", made_at[2], appointment_id=str(appointment), action="call", counter_number=1),
    ]
    with client(service, device) as http:
        response = http.post("/v1/ops", json={"ops": ops})
        copy = http.get("/v1/changes")

    assert response.status_code == 200, response.text
    assert [r["outcome"] for r in response.json()["results"]] == ["applied"] * 3, response.text
    with UnitOfWork(service.db.engine) as uow:
        s = uow.session
        row = s.get(Appointment, appointment)
        assert row is not None and row.status == AppointmentStatus.CALLED
        created, updated = row.created_at, row.updated_at
        events = list(
            s.scalars(
                select(AppointmentEvent.at).where(AppointmentEvent.appointment_id == appointment)
            )
        )
        calls = list(s.scalars(select(Call.called_at).where(Call.appointment_id == appointment)))
        audits = list(
            s.scalars(select(AuditEntry.at).where(AuditEntry.entity_id == str(appointment)))
        )
        applied = {
            str(a.op_id): (a.applied_at, a.client_at)
            for a in s.scalars(
                select(AppliedOp).where(AppliedOp.op_id.in_([uuid.UUID(o["op_id"]) for o in ops]))
            )
        }
    assert by_the_real_clock(created) and by_the_real_clock(updated), (created, updated)
    assert len(events) == 3 and all(by_the_real_clock(at) for at in events), events
    assert len(calls) == 1 and by_the_real_clock(calls[0]), calls
    assert len(audits) == 1 and by_the_real_clock(audits[0]), audits  # the call's audit row
    assert set(applied) == {o["op_id"] for o in ops}
    for sent, when in zip(ops, made_at, strict=True):
        applied_at, client_at = applied[sent["op_id"]]
        assert by_the_real_clock(applied_at), applied_at
        assert client_at == when  # the counter's own time, kept for what it is

    # the first copy a PC gets is cut by the real day too (2030 would leave it empty)
    assert copy.status_code == 200, copy.text
    assert str(appointment) in {a["id"] for a in copy.json()["activity"]["appointment"]}


def test_the_counters_time_is_only_client_at_when_its_replica_syncs(
    service: Service, remote_replica: Callable[..., SyncEngine]
) -> None:
    device = service.sign_in(service.enroll("bb-nord", counter=2), "nord1")
    engine = remote_replica(service, device)  # sends the training NOW: ignored
    made = book(
        engine.local,
        "bb-nord",
        SERVICE,
        free_start(service),
        "Replik Bürger",
        real_now(),
        channel=Channel.COUNTER,
    )
    path = engine.local.engine.url.database
    assert path
    with closing(sqlite3.connect(Path(path), timeout=10)) as conn:
        changed = conn.execute(
            "UPDATE outbox SET created_at = ? WHERE entity_id = ?",
            ("2000-12-31 08:00:00.000000", made.id.hex),
        ).rowcount
        [(op_id,)] = conn.execute("SELECT op_id FROM outbox").fetchall()
        conn.commit()
    assert changed == 1

    report = engine.sync_once(FUTURE_AT)

    assert (report.pushed, report.rejected) == (1, 0)
    applied = get(service.db, AppliedOp, uuid.UUID(op_id))
    assert isinstance(applied, AppliedOp)
    assert by_the_real_clock(applied.applied_at), applied.applied_at
    assert applied.client_at == datetime(2000, 12, 31, 8, 0, tzinfo=UTC)
    central = get(service.db, Appointment, made.id)
    assert isinstance(central, Appointment) and by_the_real_clock(central.created_at)
    with UnitOfWork(service.db.engine) as uow:
        events = list(
            uow.session.scalars(
                select(AppointmentEvent.at).where(AppointmentEvent.appointment_id == made.id)
            )
        )
    assert len(events) == 1 and by_the_real_clock(events[0]), events


def test_the_display_shows_todays_board_by_the_real_clock(service: Service) -> None:
    made = book(
        service.db,
        "bb-nord",
        SERVICE,
        free_start(service),
        "Anzeige Bürger",
        real_now(),
        channel=Channel.PHONE,
    )
    lifecycle.perform(service.db, made.id, Action.CHECK_IN, real_now(), counter_number=2)
    lifecycle.perform(service.db, made.id, Action.CALL, real_now(), counter_number=2)
    display = service.enroll("bb-nord", "display")

    boards = {}
    for claimed in ("2030-06-01T10:00", "2001-01-01T10:00", None):
        with client(service, display, claimed) as http:
            response = http.get("/v1/display")
        assert response.status_code == 200, response.text
        boards[claimed] = response.json()

    for claimed, board in boards.items():
        shown = {c["code"]: c for c in board["calls"]}
        assert made.code in shown, (claimed, board)
        assert shown[made.code]["counter"] == "Schalter 2"
        assert by_the_real_clock(datetime.fromisoformat(shown[made.code]["called_at"]))
        assert "Anzeige Bürger" not in str(board)


def test_the_portal_offers_slots_of_the_real_coming_days(service: Service) -> None:
    portal = service.enroll("bb-nord", "portal")
    offered = {}
    for claimed in (FUTURE, "2001-01-01T10:00"):
        with client(service, portal, claimed) as http:
            response = http.get("/v1/portal/slots", params={"service": SERVICE})
        assert response.status_code == 200, response.text
        offered[claimed] = [datetime.fromisoformat(s["start"]) for s in response.json()]

    now = datetime.now(UTC)
    for claimed, starts in offered.items():
        assert starts, claimed
        assert all(now < s <= now + timedelta(days=15) for s in starts), (claimed, starts[:3])


def test_ticket_blocks_are_leased_for_the_real_days_only(service: Service) -> None:
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    with client(service, device) as http:
        future = http.post("/v1/leases", json={"days": [FUTURE_AT.date().isoformat()]})
        today = http.post("/v1/leases", json={"days": [real_now().date().isoformat()]})

    assert future.status_code == 409, future.text
    assert today.status_code == 200, today.text
