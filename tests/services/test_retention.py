"""DSGVO retention: personal data of appointments past the period is anonymised, on
SQLite and PostgreSQL; statistics (counts, statuses, channels, times, waits) stay equal."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from desk.demo.seed import seed_demo_city
from desk.domain.errors import RequestRefused
from desk.domain.localtime import BERLIN, local_day_bounds, parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.admin.retention import PLACEHOLDER, anonymise_expired
from desk.services.appointments.booking import new_code
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store import outbox
from desk.store.models import Appointment, AppointmentEvent, OutboxOp, SyncConflict, SyncState
from desk.store.uow import UnitOfWork
from tests.builders import add_office
from tests.conftest import DEMO_NOW_ISO, libpq_conninfo

NOW = parse_now("2024-04-10T09:00")  # three weeks after the demo city's "now"
FIRST_KEPT = date(2024, 3, 11)  # 30 days before


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_copy(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskDatabase]:
    """A private, writable copy of the seeded demo city on each backend."""
    if request.param == "sqlite":
        source = str(request.getfixturevalue("demo_sqlite_url")).removeprefix("sqlite:///")
        target = tmp_path / "demo.sqlite"
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        db = open_database(f"sqlite:///{target}")
        yield db
        db.dispose()
        return
    admin_url = str(request.getfixturevalue("pg_admin_url"))
    demo = make_url(str(request.getfixturevalue("demo_pg_url"))).database
    name = f"bd_retention_{uuid.uuid4().hex[:12]}"
    admin = libpq_conninfo(admin_url)
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        try:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(str(demo))
                )
            )
            seeded = True
        except psycopg.errors.ObjectInUse:  # someone holds the demo open: seed a new one
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            seeded = False
    if not seeded:
        upgrade_database(url)
    db = open_database(url)
    if not seeded:
        seed_demo_city(db, parse_now(DEMO_NOW_ISO))
    yield db
    db.dispose()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def seconds(db: DeskDatabase, later: str, earlier: str) -> str:
    if db.is_sqlite:
        return f"(julianday({later}) - julianday({earlier})) * 86400.0"
    return f"extract(epoch from {later} - {earlier})"


def statistics(db: DeskDatabase) -> dict[str, list[tuple[object, ...]]]:
    """What the statistics read, by SQL aggregates: counts, times and waits."""
    wait = seconds(db, "c.at", "k.at")
    ticket_wait = seconds(db, "called_at", "issued_at")
    queries = {
        "appointments": "SELECT office_id, service_id, counter_id, status, channel, count(*), "
        "min(starts_at), max(ends_at), min(created_at), max(updated_at), sum(fee_cents) "
        "FROM appointment GROUP BY office_id, service_id, counter_id, status, channel "
        "ORDER BY office_id, service_id, counter_id, status, channel",
        "events": "SELECT status, counter_id, count(*), min(at), max(at) FROM appointment_event "
        "GROUP BY status, counter_id ORDER BY status, counter_id",
        "appointment_waits": f"SELECT a.office_id, count(*), round(sum({wait})) "
        "FROM appointment a "
        "JOIN appointment_event k ON k.appointment_id = a.id AND k.status = 'checked_in' "
        "JOIN appointment_event c ON c.appointment_id = a.id AND c.status = 'called' "
        "GROUP BY a.office_id ORDER BY a.office_id",
        "tickets": f"SELECT office_id, status, reason, count(*), round(sum({ticket_wait})) "
        "FROM ticket GROUP BY office_id, status, reason ORDER BY office_id, status, reason",
    }
    with db.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(q))] for name, q in queries.items()}


def personal(db: DeskDatabase) -> dict[uuid.UUID, tuple[object, ...]]:
    query = select(Appointment.id, Appointment.citizen_name, Appointment.phone)
    with UnitOfWork(db.engine) as uow:
        return {row[0]: tuple(row[1:]) for row in uow.session.execute(query)}


def test_demo_history_is_anonymised_and_the_statistics_stay_equal(demo_copy: DeskDatabase):
    from desk.services.reports.statistics import office_statistics

    cutoff, _ = local_day_bounds(FIRST_KEPT)
    before, names_before = statistics(demo_copy), personal(demo_copy)
    figures_before = office_statistics(demo_copy, "bb-mitte", date(2024, 2, 1), date(2024, 4, 30))
    with UnitOfWork(demo_copy.engine) as uow:
        old = uow.session.scalar(
            select(func.count()).select_from(Appointment).where(Appointment.starts_at < cutoff)
        )
        noted = uow.session.scalar(
            select(func.count())
            .select_from(AppointmentEvent)
            .join(Appointment)
            .where(Appointment.starts_at < cutoff, AppointmentEvent.note.is_not(None))
        )

    report = anonymise_expired(demo_copy, NOW, days=30, batch=700)

    assert report.first_kept_day == FIRST_KEPT
    assert old and report.appointments == old and report.events == noted
    assert statistics(demo_copy) == before
    figures_after = office_statistics(demo_copy, "bb-mitte", date(2024, 2, 1), date(2024, 4, 30))
    assert figures_after == figures_before
    names_after = personal(demo_copy)
    with UnitOfWork(demo_copy.engine) as uow:
        query = select(Appointment.id, Appointment.starts_at)
        starts = {row[0]: row[1] for row in uow.session.execute(query)}
        notes = uow.session.scalar(
            select(func.count())
            .select_from(AppointmentEvent)
            .join(Appointment)
            .where(Appointment.starts_at < cutoff, AppointmentEvent.note.is_not(None))
        )
    assert notes == 0
    for appointment_id, start in starts.items():
        if start < cutoff:
            assert names_after[appointment_id] == (PLACEHOLDER, None)
        else:
            assert names_after[appointment_id] == names_before[appointment_id]
    assert any(name != PLACEHOLDER for name, _ in names_after.values())
    again = anonymise_expired(demo_copy, NOW, days=30)
    assert again.total == 0 and personal(demo_copy) == names_after


def add_appointment(
    db: DeskDatabase, counter_id: uuid.UUID, start: datetime, name: str
) -> uuid.UUID:
    """An appointment with every personal field set and a cancellation note in its history."""
    appointment_id = uuid.uuid4()
    with UnitOfWork(db.engine) as uow:
        uow.session.add(
            Appointment(
                id=appointment_id,
                office_id="bb-test",
                counter_id=counter_id,
                service_id="abholung",
                starts_at=start,
                ends_at=start + timedelta(minutes=15),
                status=AppointmentStatus.CANCELLED,
                channel=Channel.PHONE,
                booking_code=new_code(),
                citizen_name=name,
                phone="0345 123456",
                email="buergerin@example.org",
                notes="bringt Meldebescheinigung mit",
                move_in_date=start.date() - timedelta(days=3),
                created_at=start - timedelta(days=5),
                updated_at=start - timedelta(days=2),
            )
        )
        uow.session.flush()
        uow.session.add(
            AppointmentEvent(
                appointment_id=appointment_id,
                status=AppointmentStatus.CANCELLED,
                at=start - timedelta(days=2),
                note=f"{name} ist verzogen",
            )
        )
        uow.commit()
    return appointment_id


@pytest.mark.parametrize(
    ("now", "kept", "anonymised"),
    [
        # the first kept day is 2024-03-31 (23 hours: clocks go forward)
        ("2024-04-30T08:00", ["2024-03-31T00:15", "2024-03-31T23:45"], ["2024-03-30T23:45"]),
        # the first kept day is 2024-10-27 (25 hours: clocks go back)
        ("2024-11-26T08:00", ["2024-10-27T00:10", "2024-10-27T23:50"], ["2024-10-26T23:50"]),
    ],
    ids=["spring", "autumn"],
)
def test_the_boundary_day_is_kept_and_the_day_before_anonymised_across_dst(
    db_url: str, now: str, kept: list[str], anonymised: list[str]
):
    upgrade_database(db_url)
    db = open_database(db_url)
    counter = add_office(db)[1]
    ids = {
        iso: add_appointment(db, counter, parse_now(iso), f"Person {n}")
        for n, iso in enumerate(kept + anonymised)
    }

    report = anonymise_expired(db, parse_now(now), days=30)

    assert (report.appointments, report.events) == (len(anonymised), len(anonymised))
    with UnitOfWork(db.engine) as uow:
        for iso, appointment_id in ids.items():
            row = uow.session.get(Appointment, appointment_id)
            assert row is not None
            event = uow.session.scalars(
                select(AppointmentEvent).where(AppointmentEvent.appointment_id == appointment_id)
            ).one()
            fields = (row.citizen_name, row.phone, row.email, row.notes, row.move_in_date)
            if iso in anonymised:
                assert fields == (PLACEHOLDER, None, None, None, None) and event.note is None
            else:
                assert None not in fields and fields[0] != PLACEHOLDER and event.note
            assert row.starts_at == parse_now(iso)  # times and status untouched
            assert row.updated_at == parse_now(iso) - timedelta(days=2)
            assert row.status == AppointmentStatus.CANCELLED and row.channel == Channel.PHONE
    db.dispose()


def test_a_replica_anonymises_locally_without_queueing_anything_and_scrubs_its_queue(
    sqlite_url: str,
):
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    counter = add_office(db)[1]
    old = add_appointment(db, counter, parse_now("2024-02-01T10:00"), "Alte Buchung")
    young = add_appointment(db, counter, parse_now("2024-03-19T10:00"), "Junge Buchung")
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        s.add(SyncState(key=outbox.ROLE_KEY, value=outbox.REPLICA))
        s.flush()
        for appointment_id in (old, young):  # waiting bookings, as booking.book queues them
            row = s.get(Appointment, appointment_id)
            assert row is not None
            args = {
                "id": str(row.id),
                "code": row.booking_code,
                "office_id": "bb-test",
                "service_id": row.service_id,
                "start": row.starts_at.isoformat(),
                "counter_number": 1,
                "channel": "phone",
                "name": row.citizen_name,
                "phone": "0345 1234",
                "email": None,
                "notes": f"{row.citizen_name} ist verzogen",
                "move_in": None,
                "event_id": str(uuid.uuid4()),
            }
            outbox.record(s, outbox.BOOK, "bb-test", appointment_id, args)
        status = {"appointment_id": str(old), "action": "cancel", "reason": "Alte Buchung: Umzug"}
        outbox.record(s, outbox.STATUS, "bb-test", old, status)
        refused = s.get(Appointment, old)
        assert refused is not None
        s.add(
            SyncConflict(
                op_id=uuid.uuid4(),
                kind=outbox.BOOK,
                office_id="bb-test",
                entity_id=old,
                payload=json.dumps(
                    {"id": str(old), "name": refused.citizen_name, "email": "alt@example.org"}
                ),
                reason="{}",
            )
        )
        uow.commit()
    with UnitOfWork(db.engine) as uow:
        queued = [(o.seq, o.op_id) for o in outbox.pending(uow.session)]

    report = anonymise_expired(db, parse_now("2024-03-20T10:30"), days=30)

    assert (report.appointments, report.outbox_ops, report.conflicts) == (1, 2, 1)
    with UnitOfWork(db.engine) as uow:
        ops = outbox.pending(uow.session)
        assert [(o.seq, o.op_id) for o in ops] == queued  # nothing queued, nothing lost
        book_old, book_young, status_old = (json.loads(o.payload) for o in ops)
        conflict = json.loads(uow.session.scalars(select(SyncConflict)).one().payload)
        assert uow.session.scalar(select(func.count()).select_from(OutboxOp)) == 3
    assert book_old["name"] == PLACEHOLDER
    assert book_old["phone"] is None and book_old["notes"] is None
    assert status_old["reason"] is None
    assert conflict["name"] == PLACEHOLDER
    assert conflict["email"] is None
    assert book_young["name"] == "Junge Buchung"
    assert book_young["notes"] == "Junge Buchung ist verzogen"
    assert anonymise_expired(db, parse_now("2024-03-20T10:30"), days=30).total == 0
    db.dispose()


def test_a_negative_period_is_refused(sqlite_url: str):
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    with pytest.raises(RequestRefused, match="mindestens 0 Tage"):
        anonymise_expired(db, NOW, days=-1)
    db.dispose()


def test_a_now_in_the_future_never_anonymises_what_is_not_over(db_url: str):
    """``retention run --now 2030-…`` (or a clock gone wrong): appointments still to come
    by the real clock, or under way, keep their data; what is really over goes."""
    upgrade_database(db_url)
    db = open_database(db_url)
    counter = add_office(db)[1]
    real = datetime.now(BERLIN).replace(second=0, microsecond=0)
    past = add_appointment(db, counter, parse_now("2024-02-01T10:00"), "Vergangen")
    running = add_appointment(db, counter, real - timedelta(minutes=5), "Läuft gerade")
    coming = add_appointment(db, counter, real + timedelta(days=3), "Kommt noch")

    report = anonymise_expired(db, parse_now("2030-06-01T10:00"), days=0)

    assert report.appointments == 1
    with UnitOfWork(db.engine) as uow:
        names = {i: uow.session.get(Appointment, i).citizen_name for i in (past, running, coming)}
    assert names == {past: PLACEHOLDER, running: "Läuft gerade", coming: "Kommt noch"}
    db.dispose()
