"""Today's queue (call order of tickets and checked-in appointments, waits, the moving
average of service times) and the walk-in hour's status, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desk.domain.errors import UnknownId, WalkInRefused
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import AppointmentStatus, Channel, TicketReason, TicketStatus
from desk.services.appointments.booking import new_code
from desk.services.database import DeskDatabase
from desk.services.walkin import tickets as walkin
from desk.services.walkin.queue import (
    APPOINTMENT,
    TICKET,
    QueueEntry,
    queue_picture,
    service_minutes_today,
    waiting_queue,
    walk_in_status,
)
from desk.store.models import Appointment, AppointmentEvent, Call, Office, Ticket
from desk.store.uow import UnitOfWork
from tests.builders import add_office
from tests.conftest import DEMO_NOW_ISO

NOW = parse_now(DEMO_NOW_ISO)  # Wednesday 2024-03-20 10:30
DAY = NOW.date()
R = TicketReason
S = AppointmentStatus
NAME = "Erika Mustermann"


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    """A local time (Europe/Berlin) on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BERLIN)


def new_office(db: DeskDatabase, counters: int = 3, **office: object) -> tuple[str, dict]:
    """A fresh Bürgerbüro of the builders (walk-in 8–9, quota 20); ``office`` overrides."""
    office_id = f"q-{uuid.uuid4().hex[:10]}"
    ids = add_office(db, office_id, counters=counters)
    if office:
        with UnitOfWork(db.engine) as uow:
            row = uow.session.get(Office, office_id)
            for key, value in office.items():
                setattr(row, key, value)
            uow.commit()
    return office_id, ids


def add_ticket(
    db: DeskDatabase,
    office_id: str,
    number: int,
    *,
    issued: datetime,
    status: TicketStatus = TicketStatus.WAITING,
    reason: TicketReason = R.OTHER,
    called: datetime | None = None,
    finished: datetime | None = None,
    counter_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A ticket row as the walk-in service and the steps leave it."""
    ticket = Ticket(
        id=uuid.uuid4(),
        office_id=office_id,
        service_day=issued.date(),
        number=number,
        code=f"W-{number:03d}",
        reason=reason,
        status=status,
        issued_at=issued,
        called_at=called,
        finished_at=finished,
        counter_id=counter_id,
        recall_count=0,
    )
    with UnitOfWork(db.engine) as uow:
        uow.session.add(ticket)
        uow.commit()
    return ticket.id


def add_appointment(
    db: DeskDatabase,
    office_id: str,
    counter_id: uuid.UUID,
    start: datetime,
    status: AppointmentStatus,
    steps: Sequence[tuple[AppointmentStatus, datetime]] = (),
    service: str = "abholung",
) -> tuple[uuid.UUID, str]:
    """An appointment with its stamped steps (after "booked"); returns (id, code)."""
    minutes = 5 if service == "abholung" else 20
    appointment = Appointment(
        id=uuid.uuid4(),
        office_id=office_id,
        counter_id=counter_id,
        service_id=service,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        status=status,
        channel=Channel.PORTAL,
        booking_code=new_code(),
        citizen_name=NAME,
        phone="0345 123456",
        created_at=start - timedelta(days=3),
        updated_at=start - timedelta(days=3),
    )
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        s.add(appointment)
        s.flush()
        events = [(S.BOOKED, start - timedelta(days=3)), *steps]
        for step, when in events:
            s.add(
                AppointmentEvent(
                    id=uuid.uuid4(), appointment_id=appointment.id, status=step, at=when
                )
            )
        uow.commit()
    return appointment.id, appointment.booking_code


def add_call(db: DeskDatabase, office_id: str, counter_id: uuid.UUID, ticket_id, when) -> None:
    with UnitOfWork(db.engine) as uow:
        uow.session.add(
            Call(
                id=uuid.uuid4(),
                office_id=office_id,
                counter_id=counter_id,
                ticket_id=ticket_id,
                display_code="W-000",
                called_at=when,
                offline=False,
            )
        )
        uow.commit()


# ------------------------------------------------------------------ call order


def test_call_order_mixes_priority_tickets_due_appointments_tickets_and_later_ones(fresh_db):
    db = fresh_db
    office, counters = new_office(db)
    issued = {
        number: walkin.issue_ticket(db, office, reason, at(8, number))
        for number, reason in [
            (1, R.OTHER),
            (2, R.LOST_OR_STOLEN),
            (3, R.REGISTRATION),
            (4, R.LOST_OR_STOLEN),
            (5, R.URGENT_DOCUMENT),
            (6, R.LOST_OR_STOLEN),
        ]
    }
    assert walkin.call_next(db, office, 1, at(8, 30)).id == issued[2].id  # no longer waits
    add_ticket(db, office, 1, issued=at(8, 5, day=DAY - timedelta(days=1)))  # yesterday's
    c1, c2, c3 = counters[1], counters[2], counters[3]
    due_1, code_1 = add_appointment(
        db, office, c1, at(10, 15), S.CHECKED_IN, [(S.CHECKED_IN, at(10, 5))]
    )
    due_2, code_2 = add_appointment(
        db, office, c2, at(10, 35), S.CHECKED_IN, [(S.CHECKED_IN, at(10, 20))], "personalausweis"
    )
    later_1, code_3 = add_appointment(
        db, office, c3, at(10, 36), S.CHECKED_IN, [(S.CHECKED_IN, at(10, 29))]
    )
    later_2, code_4 = add_appointment(
        db, office, c1, at(11), S.CHECKED_IN, [(S.CHECKED_IN, at(10, 25))], "personalausweis"
    )
    add_appointment(db, office, c2, at(10), S.BOOKED)  # not checked in
    add_appointment(
        db, office, c3, at(10, 30), S.CALLED, [(S.CHECKED_IN, at(10)), (S.CALLED, at(10, 30))]
    )
    add_appointment(db, office, c1, at(10, 0, day=DAY + timedelta(days=1)), S.CHECKED_IN)
    other, other_counters = new_office(db, counters=1)
    add_appointment(db, other, other_counters[1], at(10, 15), S.CHECKED_IN)

    queue = waiting_queue(db, office, NOW)

    assert [(e.kind, e.code) for e in queue] == [
        (TICKET, "W-004"),
        (TICKET, "W-006"),
        (APPOINTMENT, code_1),
        (APPOINTMENT, code_2),
        (TICKET, "W-001"),
        (TICKET, "W-003"),
        (TICKET, "W-005"),
        (APPOINTMENT, code_3),
        (APPOINTMENT, code_4),
    ]
    assert [e.id for e in queue][2:4] == [due_1, due_2]
    assert [e.id for e in queue][-2:] == [later_1, later_2]
    assert [e.label for e in queue] == [
        "Verlust/Diebstahl",
        "Verlust/Diebstahl",
        "Abholung",
        "Personalausweis",
        "Sonstiges",
        "Anmeldung",
        "dringendes Dokument",
        "Abholung",
        "Personalausweis",
    ]
    assert [e.priority for e in queue] == [True, True] + [False] * 7
    by_code = {e.code: e for e in queue}
    assert by_code["W-004"].since == at(8, 4)
    assert by_code["W-004"].since.tzinfo is not None
    assert by_code["W-004"].waited_minutes == 146
    assert by_code[code_1].since == at(10, 5)
    assert by_code[code_1].waited_minutes == 25
    assert by_code[code_1].starts_at == at(10, 15)
    assert by_code["W-001"].starts_at is None
    # The estimate (desk.domain.wait_estimate) by hand: no ticket served in 28 days, so
    # the default profile: typical 10 min, spread 0.4 × 10 = 4. Serving: counter 1 only
    # (busy with W-002 since 8:30; no call in the last 30 minutes; long after opening).
    # Counter 1 frees up at max(10 − 120, 0.2 × 10) = 2, then each entry occupies it for
    # 10 (ticket), 5 (Abholung) or 20 (Personalausweis) minutes; a new ticket (10) slots
    # in before the appointments not due: starts 2, 12, 22, 27, 47, 57, 67, [77], 87, 92.
    # The n-th in that line waits n service ends: spread 4√n ÷ 1; range = start ± spread,
    # low down, high up, from 10 on to steps of 5; e.g. n=2: 12 ± 5.66 → 6–18 → 6–20.
    assert [e.estimated_wait_minutes for e in queue] == [2, 12, 22, 27, 47, 57, 67, 87, 92]
    assert [(e.wait.low, e.wait.high) for e in queue] == [
        (0, 6),  # 2 ± 4
        (6, 20),  # 12 ± 5.66
        (15, 30),  # 22 ± 6.93
        (15, 35),  # 27 ± 8
        (35, 60),  # 47 ± 8.94
        (45, 70),  # 57 ± 9.80
        (55, 80),  # 67 ± 10.58
        (75, 100),  # 87 ± 12 (n=9: the new ticket is the 8th)
        (75, 105),  # 92 ± 12.65
    ]
    picture = queue_picture(db, office, NOW)
    assert picture.entries == tuple(queue)
    assert (picture.inputs.counters, picture.inputs.profile.samples) == (1, 0)
    assert [round(b) for b in picture.inputs.busy_for] == [120]
    assert (picture.next_ticket.low, picture.next_ticket.high) == (65, 90)  # 77 ± 11.31


def test_the_queue_names_nobody(fresh_db):
    db = fresh_db
    office, counters = new_office(db)
    walkin.issue_ticket(db, office, R.OTHER, at(8, 1))
    add_appointment(db, office, counters[1], at(10, 15), S.CHECKED_IN, [(S.CHECKED_IN, at(10))])
    queue = waiting_queue(db, office, NOW)
    assert len(queue) == 2
    fields = {f.name for f in dataclasses.fields(QueueEntry)}
    assert not fields & {"citizen_name", "name", "phone", "email", "notes"}
    for entry in queue:
        assert NAME not in repr(entry) and "Mustermann" not in repr(entry)
        assert "0345" not in repr(entry)


def test_an_empty_queue_and_an_unknown_office(fresh_db):
    office, _ = new_office(fresh_db)
    assert waiting_queue(fresh_db, office, NOW) == []
    with pytest.raises(UnknownId, match="Unbekannter Standort"):
        waiting_queue(fresh_db, "gibt-es-nicht", NOW)


# ------------------------------------------------------------------------ waits


def test_waits_use_the_measured_service_times_and_the_counters_calling_recently(fresh_db):
    db = fresh_db
    office, counters = new_office(db)
    t1 = add_ticket(
        db, office, 1, issued=at(8), status=TicketStatus.DONE, called=at(9), finished=at(9, 12)
    )
    t2 = add_ticket(
        db,
        office,
        2,
        issued=at(8, 1),
        status=TicketStatus.DONE,
        called=at(9, 5),
        finished=at(9, 21),
    )
    add_appointment(
        db,
        office,
        counters[1],
        at(9, 30),
        S.DONE,
        [
            (S.CHECKED_IN, at(9, 20)),
            (S.CALLED, at(9, 28)),
            (S.IN_SERVICE, at(9, 30)),
            (S.DONE, at(9, 44)),
        ],
    )
    add_appointment(  # no "in service" step: measured from its call
        db, office, counters[2], at(9, 45), S.DONE, [(S.CALLED, at(9, 50)), (S.DONE, at(10))]
    )
    # called to counters 1 and 2 in the last 30 minutes; counter 3 forty minutes ago
    add_call(db, office, counters[1], t1, at(10, 10))
    add_call(db, office, counters[2], t2, at(10, 20))
    add_call(db, office, counters[3], t2, at(9, 50))
    add_call(db, office, counters[3], t2, at(10, 31))  # after now: not yet
    for number in (3, 4, 5):
        add_ticket(db, office, number, issued=at(8, number))

    assert service_minutes_today(db, office, NOW) == pytest.approx((12 + 16 + 14 + 10) / 4)
    queue = waiting_queue(db, office, NOW)

    assert [e.code for e in queue] == ["W-003", "W-004", "W-005"]
    # The estimate by hand: it takes the served tickets' times (12 and 16; appointments
    # have their configured minutes), median 14 drawn towards the default 10 by 5 virtual
    # samples: typical (2 × 14 + 5 × 10) ÷ 7 = 11.14, spread 4 (fewer than 4 samples).
    # Serving: counters 1 and 2 (called in the last 30 minutes), both free now. W-003 and
    # W-004 go at once (0–0); W-005 when the first ends, 11.14 ± 4 × √1 ÷ 2 → 9–14 → 9–15;
    # a new ticket when the second ends, 11.14 ± 4 × √2 ÷ 2 → 8–14 → 8–15.
    assert [e.estimated_wait_minutes for e in queue] == [0, 0, 11]
    assert [(e.wait.low, e.wait.high) for e in queue] == [(0, 0), (0, 0), (9, 15)]
    picture = queue_picture(db, office, NOW)
    assert picture.inputs.counters == 2 and picture.inputs.busy_for == ()
    assert picture.inputs.profile.typical == pytest.approx(78 / 7)
    assert picture.inputs.profile.spread == pytest.approx(4.0)
    assert (picture.next_ticket.low, picture.next_ticket.high) == (8, 15)


def test_the_moving_average_takes_todays_last_ten_services(fresh_db):
    db = fresh_db
    office, counters = new_office(db)
    assert service_minutes_today(db, office, NOW) is None
    # twelve tickets served one after another, the n-th took n minutes
    start = at(8, 30)
    for n in range(1, 13):
        add_ticket(
            db,
            office,
            n,
            issued=at(8, n),
            status=TicketStatus.DONE,
            called=start,
            finished=start + timedelta(minutes=n),
        )
        start += timedelta(minutes=n)
    assert start < NOW
    # not counted: a no-show, yesterday's, one finished after now, a cancelled appointment
    add_ticket(
        db,
        office,
        13,
        issued=at(8, 13),
        status=TicketStatus.NO_SHOW,
        called=at(10),
        finished=at(10, 29),
    )
    yesterday = DAY - timedelta(days=1)
    add_ticket(
        db,
        office,
        1,
        issued=at(8, day=yesterday),
        status=TicketStatus.DONE,
        called=at(9, day=yesterday),
        finished=at(10, day=yesterday),
    )
    add_ticket(db, office, 14, issued=at(8, 14), status=TicketStatus.IN_SERVICE, called=at(10, 20))
    add_appointment(
        db,
        office,
        counters[1],
        at(9, day=yesterday),
        S.DONE,
        [(S.IN_SERVICE, at(9, day=yesterday)), (S.DONE, at(11, day=yesterday))],
    )
    add_appointment(
        db, office, counters[2], at(10, 45), S.DONE, [(S.CALLED, at(10, 40)), (S.DONE, at(10, 50))]
    )

    assert service_minutes_today(db, office, NOW) == pytest.approx(sum(range(3, 13)) / 10)
    # a minute later an appointment of 30 minutes (in service 10:01, done 10:31) ends
    add_appointment(
        db,
        office,
        counters[3],
        at(10),
        S.DONE,
        [(S.CALLED, at(9, 59)), (S.IN_SERVICE, at(10, 1)), (S.DONE, at(10, 31))],
    )
    later = NOW + timedelta(minutes=1)
    assert service_minutes_today(db, office, later) == pytest.approx((sum(range(4, 13)) + 30) / 10)


# ---------------------------------------------------------------- walk-in status


@pytest.mark.parametrize(
    ("when", "open_now", "reason"),
    [
        (at(7, 59), False, "Die Sprechstunde ohne Termin ist von 08:00 bis 09:00 Uhr"),
        (at(8), True, None),
        (at(8, 59, 59), True, None),
        (at(9), False, "Die Sprechstunde ohne Termin ist von 08:00 bis 09:00 Uhr"),
        (
            at(8, 30, day=date(2024, 3, 23)),
            False,
            "Die Sprechstunde ohne Termin ist Montag bis Freitag",
        ),
        (
            at(8, 30, day=date(2024, 3, 29)),
            False,
            "Heute keine Sprechstunde: Feiertag (Karfreitag)",
        ),
    ],
    ids=["7:59", "8:00", "8:59:59", "9:00", "Samstag", "Karfreitag"],
)
def test_walk_in_status_over_the_hour(fresh_db, when, open_now, reason):
    office, _ = new_office(fresh_db)
    status = walk_in_status(fresh_db, office, when)
    assert (status.open_now, status.reason) == (open_now, reason)
    assert (status.issued_today, status.quota, status.left_today, status.waiting) == (0, 20, 20, 0)
    # the status tells what issuing a ticket does at that moment
    if open_now:
        walkin.issue_ticket(fresh_db, office, R.OTHER, when)
        after = walk_in_status(fresh_db, office, when)
        assert (after.issued_today, after.left_today, after.waiting) == (1, 19, 1)
    else:
        with pytest.raises(WalkInRefused):
            walkin.issue_ticket(fresh_db, office, R.OTHER, when)


def test_walk_in_status_when_the_quota_is_used_up(fresh_db):
    office, _ = new_office(fresh_db, walk_in_quota=3)
    for minute in range(3):
        walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, minute))
    walkin.call_next(fresh_db, office, 1, at(8, 5))
    status = walk_in_status(fresh_db, office, at(8, 10))
    assert status.issued_today == 3
    assert (status.quota, status.left_today, status.waiting) == (3, 0, 2)
    assert status.open_now is False
    assert status.reason == "Das Tageskontingent von 3 Wartenummern ist ausgeschöpft"
    with pytest.raises(WalkInRefused, match="ausgeschöpft"):
        walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 10))
    # the next day starts afresh
    tomorrow = walk_in_status(fresh_db, office, at(8, 10) + timedelta(days=1))
    assert (tomorrow.issued_today, tomorrow.left_today, tomorrow.open_now) == (0, 3, True)


def test_walk_in_status_of_an_office_without_walk_in(fresh_db):
    office, _ = new_office(
        fresh_db, kind="appointment_only", walk_in_quota=None, walk_in_from=None, walk_in_until=None
    )
    status = walk_in_status(fresh_db, office, at(8, 30))
    assert status.open_now is False
    assert status.reason == "Dieser Standort bietet keine Sprechstunde ohne Termin an"
    assert (status.quota, status.left_today) == (None, None)


# ------------------------------------------------------------------ demo city


def test_demo_city_walk_in_status_and_service_minutes(demo):
    with UnitOfWork(demo.engine) as uow:
        tickets_today = uow.session.scalars(
            select(Ticket.code).where(Ticket.office_id == "bb-mitte", Ticket.service_day == DAY)
        ).all()
    status = walk_in_status(demo, "bb-mitte", NOW)
    assert status.issued_today == len(tickets_today) > 0
    assert status.quota == 20 and status.left_today == 20 - len(tickets_today)
    assert status.open_now is False and "08:00 bis 09:00" in (status.reason or "")
    # the Gesundheitsamt takes walk-ins during all its opening hours, without a quota
    health = walk_in_status(demo, "gesundheitsamt", NOW)
    assert (health.open_now, health.quota, health.left_today) == (True, None, None)
    wedding = walk_in_status(demo, "standesamt", NOW)
    assert wedding.reason == "Dieser Standort bietet keine Sprechstunde ohne Termin an"
    # the demo serves a walk-in in 3–40 minutes (lognormal around 7–12 by its reason,
    # desk.demo.walk_in_queue) and stamps appointments per slot
    minutes = service_minutes_today(demo, "bb-mitte", NOW)
    assert minutes is not None and 5 <= minutes <= 30
