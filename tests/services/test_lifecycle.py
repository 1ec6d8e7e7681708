"""The appointment life cycle at the counter (DESIGN.md §2), on SQLite and PostgreSQL:
every legal step stamped (time, counter, clerk), calls for the display by booking code,
illegal steps refused without a trace, cancelling frees the slot, the history."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from desk.domain.errors import BookingRefused, RequestRefused, UnknownId
from desk.domain.holidays_de import holiday_name
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import Booking, book
from desk.services.appointments.lifecycle import Action, allowed_actions, history, perform
from desk.services.database import DeskDatabase
from desk.store.models import Appointment, AppointmentEvent, Call, OutboxOp, SlotHold, User
from desk.store.uow import UnitOfWork
from desk.sync.rows import as_dict
from tests.builders import add_office
from tests.conftest import DEMO_NOW_ISO

S = AppointmentStatus
A = Action
OFFICE = "bb-lc"
SERVICE = "abholung"
NOW = parse_now(DEMO_NOW_ISO)
CLERK_NAME = "Sachbearbeitung Lebenszyklus"

#: The life cycle as DESIGN.md §2 describes it: status → the actions a clerk may take.
LEGAL: dict[str, list[Action]] = {
    S.BOOKED: [A.CHECK_IN, A.CALL, A.NO_SHOW, A.CANCEL],
    S.CHECKED_IN: [A.CALL, A.START, A.NO_SHOW, A.CANCEL],
    S.CALLED: [A.RECALL, A.START, A.DONE, A.NO_SHOW, A.REQUEUE],
    S.IN_SERVICE: [A.DONE, A.REQUEUE],
    S.DONE: [],
    S.CANCELLED: [],
    S.NO_SHOW: [A.UNDO_NO_SHOW],
}
TARGET: dict[Action, str] = {
    A.CHECK_IN: S.CHECKED_IN,
    A.CALL: S.CALLED,
    A.RECALL: S.CALLED,
    A.START: S.IN_SERVICE,
    A.DONE: S.DONE,
    A.NO_SHOW: S.NO_SHOW,
    A.CANCEL: S.CANCELLED,
    A.REQUEUE: S.CHECKED_IN,
    A.UNDO_NO_SHOW: S.BOOKED,  # the state before the no-show (PATH: straight from booked)
}
#: How to bring a fresh booking into each status.
PATH: dict[str, list[Action]] = {
    S.BOOKED: [],
    S.CHECKED_IN: [A.CHECK_IN],
    S.CALLED: [A.CALL],
    S.IN_SERVICE: [A.CALL, A.START],
    S.DONE: [A.CALL, A.START, A.DONE],
    S.CANCELLED: [A.CANCEL],
    S.NO_SHOW: [A.NO_SHOW],
}


def _starts() -> Iterator[datetime]:
    """Distinct bookable starts: weekdays from 2 April 2024 (no holidays), 9:00–11:45."""
    day = date(2024, 4, 2)
    while True:
        if day.weekday() < 5 and holiday_name(day) is None:
            for minute in range(0, 180, 15):
                yield datetime.combine(day, time(9), BERLIN) + timedelta(minutes=minute)
        day += timedelta(days=1)


@dataclass
class Office:
    """The test office on one backend: counters 1 and 2, one clerk, a supply of starts."""

    db: DeskDatabase
    counters: dict[int, uuid.UUID]
    clerk: uuid.UUID
    starts: Iterator[datetime] = field(default_factory=_starts)

    def booking(self, name: str = "Erika Mustermann") -> Booking:
        """A fresh booking at a start nobody else uses (booked at the counter at NOW)."""
        return book(self.db, OFFICE, SERVICE, next(self.starts), name, NOW, channel=Channel.COUNTER)


@pytest.fixture(scope="module")
def office(fresh_db: DeskDatabase) -> Office:
    counters = add_office(fresh_db, OFFICE, counters=2)
    clerk = uuid.uuid4()
    with UnitOfWork(fresh_db.engine) as uow:
        uow.session.add(
            User(
                id=clerk,
                username="sb.lebenszyklus",
                display_name=CLERK_NAME,
                role="clerk",
                password_hash="x",
                office_id=OFFICE,
            )
        )
        uow.commit()
    return Office(fresh_db, counters, clerk)


@dataclass(frozen=True)
class Snapshot:
    """Everything a step may write about one appointment."""

    status: str
    updated_at: datetime
    events: tuple[tuple[object, ...], ...]
    calls: tuple[tuple[object, ...], ...]
    holds: tuple[tuple[object, ...], ...]
    outbox: int


def snapshot(db: DeskDatabase, appointment_id: uuid.UUID) -> Snapshot:
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        found = s.get(Appointment, appointment_id)
        assert found is not None
        events = s.execute(
            select(
                AppointmentEvent.id,
                AppointmentEvent.status,
                AppointmentEvent.at,
                AppointmentEvent.counter_id,
                AppointmentEvent.user_id,
                AppointmentEvent.note,
            ).where(AppointmentEvent.appointment_id == appointment_id)
        ).all()
        calls = s.execute(
            select(Call.id, Call.counter_id, Call.display_code, Call.called_at).where(
                Call.appointment_id == appointment_id
            )
        ).all()
        holds = s.execute(
            select(SlotHold.counter_id, SlotHold.slot_start).where(
                SlotHold.appointment_id == appointment_id
            )
        ).all()
        outbox = s.scalar(select(func.count()).select_from(OutboxOp)) or 0
        return Snapshot(
            found.status,
            found.updated_at,
            tuple(sorted(tuple(e) for e in events)),
            tuple(sorted(tuple(c) for c in calls)),
            tuple(sorted(tuple(h) for h in holds)),
            outbox,
        )


def events_of(db: DeskDatabase, appointment_id: uuid.UUID) -> list[AppointmentEvent]:
    with UnitOfWork(db.engine) as uow:
        rows = list(
            uow.session.scalars(
                select(AppointmentEvent)
                .where(AppointmentEvent.appointment_id == appointment_id)
                .order_by(AppointmentEvent.at)
            )
        )
        uow.session.expunge_all()
        return rows


def calls_of(db: DeskDatabase, appointment_id: uuid.UUID) -> list[Call]:
    with UnitOfWork(db.engine) as uow:
        rows = list(
            uow.session.scalars(
                select(Call).where(Call.appointment_id == appointment_id).order_by(Call.called_at)
            )
        )
        uow.session.expunge_all()
        return rows


def walk(office: Office, booked: Booking, actions: list[Action], at: datetime) -> datetime:
    """Perform ``actions`` a minute apart from ``at`` at counter 1; returns the next time."""
    for action in actions:
        perform(
            office.db,
            booked.id,
            action,
            at,
            counter_number=1,
            user_id=office.clerk,
            reason="Bürger hat abgesagt" if action == A.CANCEL else None,
        )
        at += timedelta(minutes=1)
    return at


# ------------------------------------------------------------------ the whole way


def test_every_step_in_order_is_stamped_with_time_counter_and_clerk(office: Office):
    booked = office.booking("Zoë Weiß-Öztürk")
    counter = office.counters[2]
    t0 = booked.start - timedelta(minutes=10)
    steps = [
        (A.CHECK_IN, None, t0, S.CHECKED_IN),
        (A.CALL, 2, t0 + timedelta(minutes=9, seconds=30), S.CALLED),
        (A.START, 2, t0 + timedelta(minutes=11), S.IN_SERVICE),
        (A.DONE, 2, t0 + timedelta(minutes=24, microseconds=250), S.DONE),
    ]
    for action, number, at, target in steps:
        before = len(events_of(office.db, booked.id))
        done = perform(
            office.db, booked.id, action, at, counter_number=number, user_id=office.clerk
        )
        assert (done.appointment_id, done.booking_code) == (booked.id, booked.code)
        assert (done.status, done.at) == (target, at)
        assert done.display_code == (booked.code if action == A.CALL else None)
        state = snapshot(office.db, booked.id)
        assert state.status == target
        assert state.updated_at == at
        events = events_of(office.db, booked.id)
        assert len(events) == before + 1
        newest = events[-1]
        assert newest.status == target
        assert newest.at == at
        assert newest.at.utcoffset() == timedelta(0)  # stored and read back in UTC
        assert newest.counter_id == (counter if number is not None else None)
        assert newest.user_id == office.clerk

    assert [e.status for e in events_of(office.db, booked.id)] == [
        S.BOOKED,
        S.CHECKED_IN,
        S.CALLED,
        S.IN_SERVICE,
        S.DONE,
    ]
    # only the call went to the display: by booking code, at counter 2, never the name
    [call] = calls_of(office.db, booked.id)
    assert call.display_code == booked.code
    assert call.counter_id == counter
    assert call.office_id == OFFICE
    assert call.ticket_id is None
    assert call.called_at == steps[1][2]
    assert call.user_id == office.clerk
    for value in as_dict(call).values():
        assert not any(part in str(value) for part in ("Zoë", "Weiß", "Öztürk")), value
    assert snapshot(office.db, booked.id).outbox == 0  # not a replica: no outbox


def test_recall_is_a_new_call_and_no_show_ends_it(office: Office):
    booked = office.booking()
    first = booked.start + timedelta(minutes=1)
    perform(office.db, booked.id, A.CALL, first, counter_number=1, user_id=office.clerk)
    again = perform(office.db, booked.id, A.RECALL, first + timedelta(minutes=3), counter_number=2)
    assert (again.status, again.display_code) == (S.CALLED, booked.code)
    calls = calls_of(office.db, booked.id)
    assert [(c.counter_id, c.called_at, c.display_code) for c in calls] == [
        (office.counters[1], first, booked.code),
        (office.counters[2], first + timedelta(minutes=3), booked.code),
    ]
    assert calls[1].user_id is None
    recall = events_of(office.db, booked.id)[-1]
    assert (recall.status, recall.note) == (S.CALLED, "erneut aufgerufen")

    gone = perform(office.db, booked.id, A.NO_SHOW, first + timedelta(minutes=8))
    assert gone.status == S.NO_SHOW
    assert gone.display_code is None
    assert len(calls_of(office.db, booked.id)) == 2
    assert snapshot(office.db, booked.id).holds  # a no-show keeps its slot (it was used)


# ------------------------------------------------------------- legal and illegal


def test_allowed_actions_follow_the_life_cycle():
    for status, actions in LEGAL.items():
        assert allowed_actions(status) == actions, status
    assert allowed_actions("unbekannt") == []


LEGAL_PAIRS = [(status, action) for status, actions in LEGAL.items() for action in actions]


@pytest.mark.parametrize(("status", "action"), LEGAL_PAIRS, ids=lambda v: str(v))
def test_every_legal_step(office: Office, status: str, action: Action):
    booked = office.booking()
    at = walk(office, booked, PATH[status], booked.start)
    assert snapshot(office.db, booked.id).status == status
    before = snapshot(office.db, booked.id)

    done = perform(
        office.db,
        booked.id,
        action,
        at,
        counter_number=2,
        user_id=office.clerk,
        reason="Termin verlegt" if action == A.CANCEL else None,
    )

    after = snapshot(office.db, booked.id)
    assert done.status == after.status == TARGET[action]
    assert len(after.events) == len(before.events) + 1
    new = set(after.events) - set(before.events)
    [(_id, event_status, event_at, counter_id, user_id, _note)] = new
    assert (event_status, event_at, counter_id, user_id) == (
        TARGET[action],
        at,
        office.counters[2],
        office.clerk,
    )
    called = action in (A.CALL, A.RECALL)
    assert len(after.calls) == len(before.calls) + (1 if called else 0)
    assert after.holds == (() if action == A.CANCEL else before.holds)


@pytest.mark.parametrize("status", list(LEGAL), ids=str)
def test_every_illegal_step_is_refused_and_writes_nothing(office: Office, status: str):
    booked = office.booking()
    at = walk(office, booked, PATH[status], booked.start)
    before = snapshot(office.db, booked.id)
    illegal = [a for a in Action if a not in LEGAL[status]]
    assert illegal  # every status forbids something
    for action in illegal:
        with pytest.raises(RequestRefused, match=re.escape(booked.code)) as refused:
            perform(
                office.db,
                booked.id,
                action,
                at + timedelta(hours=1),
                counter_number=1,
                user_id=office.clerk,
                reason="Grund",
            )
        assert not isinstance(refused.value, UnknownId)
        assert snapshot(office.db, booked.id) == before, (status, action)


@pytest.mark.parametrize(
    ("path", "action"),
    [([A.CALL, A.START, A.DONE], A.CHECK_IN), ([A.CANCEL], A.CALL), ([], A.DONE)],
    ids=["done-check_in", "cancelled-call", "booked-done"],
)
def test_named_illegal_steps(office: Office, path: list[Action], action: Action):
    booked = office.booking()
    at = walk(office, booked, path, booked.start)
    before = snapshot(office.db, booked.id)
    with pytest.raises(RequestRefused, match="nicht möglich"):
        perform(office.db, booked.id, action, at, counter_number=1, user_id=office.clerk)
    assert snapshot(office.db, booked.id) == before


def test_calling_needs_a_counter_and_a_known_one(office: Office):
    booked = office.booking()
    before = snapshot(office.db, booked.id)
    with pytest.raises(RequestRefused, match="Schalter"):
        perform(office.db, booked.id, A.CALL, booked.start)
    with pytest.raises(UnknownId, match="Schalter 9"):
        perform(office.db, booked.id, A.CALL, booked.start, counter_number=9)
    assert snapshot(office.db, booked.id) == before


def test_unknown_appointment(office: Office):
    nobody = uuid.uuid4()
    with pytest.raises(UnknownId, match=str(nobody)):
        perform(office.db, nobody, A.CHECK_IN, NOW)
    with pytest.raises(UnknownId, match=str(nobody)):
        history(office.db, nobody)


# ------------------------------------------------------------------- cancelling


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_cancel_without_reason_is_refused(office: Office, reason: str | None):
    booked = office.booking()
    before = snapshot(office.db, booked.id)
    assert before.holds
    with pytest.raises(RequestRefused, match="Grund"):
        perform(office.db, booked.id, A.CANCEL, NOW, counter_number=1, reason=reason)
    assert snapshot(office.db, booked.id) == before


def test_cancel_with_too_long_reason_is_refused(office: Office):
    booked = office.booking()
    before = snapshot(office.db, booked.id)
    with pytest.raises(RequestRefused, match="zu lang"):
        perform(office.db, booked.id, A.CANCEL, NOW, reason="x" * 501)
    assert snapshot(office.db, booked.id) == before


@pytest.mark.parametrize("path", [[], [A.CHECK_IN]], ids=["booked", "checked_in"])
def test_cancel_frees_the_slot_for_a_new_booking(office: Office, path: list[Action]):
    first = office.booking("Erste Buchung")
    start = first.start
    second = book(office.db, OFFICE, SERVICE, start, "Zweite Buchung", NOW, channel=Channel.PHONE)
    assert {first.counter_number, second.counter_number} == {1, 2}
    with pytest.raises(BookingRefused):  # both counters are taken at that start
        book(office.db, OFFICE, SERVICE, start, "Dritte Buchung", NOW, channel=Channel.PHONE)
    at = walk(office, first, path, NOW)

    perform(office.db, first.id, A.CANCEL, at, user_id=office.clerk, reason="  krank  ")

    state = snapshot(office.db, first.id)
    assert state.status == S.CANCELLED
    assert state.holds == ()
    cancelled = events_of(office.db, first.id)[-1]
    assert (cancelled.status, cancelled.note, cancelled.user_id) == (
        S.CANCELLED,
        "krank",
        office.clerk,
    )
    third = book(office.db, OFFICE, SERVICE, start, "Dritte Buchung", NOW, channel=Channel.PHONE)
    assert third.counter_number == first.counter_number
    assert snapshot(office.db, third.id).holds == (
        (office.counters[first.counter_number], start.astimezone(UTC)),
    )


# ---------------------------------------------------------------------- history


def test_history_lists_every_step_oldest_first_in_local_time(office: Office):
    booked = office.booking()
    t = booked.start - timedelta(minutes=5)
    perform(office.db, booked.id, A.CHECK_IN, t, user_id=office.clerk)
    perform(office.db, booked.id, A.CALL, t + timedelta(minutes=4), counter_number=2)
    perform(office.db, booked.id, A.RECALL, t + timedelta(minutes=6), counter_number=2)
    perform(
        office.db,
        booked.id,
        A.NO_SHOW,
        t + timedelta(minutes=9),
        counter_number=1,
        user_id=office.clerk,
    )

    entries = history(office.db, booked.id)

    assert [(e.status, e.at, e.counter_name, e.user_name, e.note) for e in entries] == [
        (S.BOOKED, NOW, None, None, "gebucht (counter)"),
        (S.CHECKED_IN, t, None, CLERK_NAME, None),
        (S.CALLED, t + timedelta(minutes=4), "Schalter 2", None, None),
        (S.CALLED, t + timedelta(minutes=6), "Schalter 2", None, "erneut aufgerufen"),
        (S.NO_SHOW, t + timedelta(minutes=9), "Schalter 1", CLERK_NAME, None),
    ]
    assert all(entry.at.tzinfo == BERLIN for entry in entries)
    assert f"{entries[1].at:%H:%M}" == f"{booked.start - timedelta(minutes=5):%H:%M}"
