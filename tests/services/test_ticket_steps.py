"""A called walk-in ticket at the counter (DESIGN.md §2): recall up to a limit, then
no-show; start, finish, no-show; park and unpark at the old place; every illegal step
refused in German without a trace. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason, TicketStatus
from desk.domain.ticket_steps import TicketAction, allowed_ticket_actions
from desk.services.database import DeskDatabase
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.services.walkin.queue import service_minutes_today, waiting_queue
from desk.store.models import Call, Office, OutboxOp, Ticket
from desk.store.uow import UnitOfWork
from tests.builders import add_office

T = TicketStatus
A = TicketAction
DAY = date(2024, 3, 20)  # a Wednesday

#: The ticket life cycle as DESIGN.md §2 describes it: status → what a clerk may do.
LEGAL: dict[str, set[TicketAction]] = {
    T.WAITING: set(),
    T.CALLED: {A.RECALL, A.START, A.FINISH, A.NO_SHOW, A.PARK, A.REQUEUE},
    T.IN_SERVICE: {A.FINISH, A.PARK, A.REQUEUE},
    T.DONE: set(),
    T.NO_SHOW: {A.UNDO_NO_SHOW},
    T.PARKED: {A.UNPARK},
}
TARGET: dict[TicketAction, str] = {
    A.RECALL: T.CALLED,
    A.START: T.IN_SERVICE,
    A.FINISH: T.DONE,
    A.NO_SHOW: T.NO_SHOW,
    A.PARK: T.PARKED,
    A.UNPARK: T.WAITING,
    A.REQUEUE: T.WAITING,
    A.UNDO_NO_SHOW: T.CALLED,
}
#: How to bring a called ticket into each status.
PATH: dict[str, list[TicketAction]] = {
    T.CALLED: [],
    T.IN_SERVICE: [A.START],
    T.DONE: [A.FINISH],
    T.NO_SHOW: [A.NO_SHOW],
    T.PARKED: [A.PARK],
}


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BERLIN)


def new_office(db: DeskDatabase, counters: int = 2) -> str:
    office_id = f"ts-{uuid.uuid4().hex[:10]}"
    add_office(db, office_id, counters=counters)
    with UnitOfWork(db.engine) as uow:
        office = uow.session.get(Office, office_id)
        assert office is not None
        office.walk_in_quota = None  # no limit: these tests issue many tickets
        uow.commit()
    return office_id


def act(db: DeskDatabase, action: TicketAction, ticket_id: uuid.UUID, now: datetime, **kw):
    """Run one step by its action."""
    if action == A.RECALL:
        return ticket_steps.recall(db, ticket_id, now, kw.pop("counter_number", 1), **kw)
    if action == A.NO_SHOW:  # with no recall limit: the status table's step as such
        return ticket_steps.no_show(db, ticket_id, now, kw.pop("max_recalls", 0))
    function = {
        A.START: ticket_steps.start_service,
        A.FINISH: ticket_steps.finish,
        A.PARK: ticket_steps.park,
        A.UNPARK: ticket_steps.unpark,
        A.REQUEUE: ticket_steps.requeue,
        A.UNDO_NO_SHOW: ticket_steps.undo_no_show,
    }[action]
    return function(db, ticket_id, now)


CALLED_AT = at(8, 10)


def called(db: DeskDatabase, office: str, now: datetime = CALLED_AT, counter: int = 1):
    """Issue a ticket and call it (the office has nobody else waiting)."""
    issued = walkin.issue_ticket(db, office, TicketReason.OTHER, now - timedelta(minutes=5))
    info = walkin.call_next(db, office, counter, now)
    assert info.id == issued.id
    return issued


def in_status(db: DeskDatabase, office: str, status: str) -> uuid.UUID:
    """A ticket brought into ``status`` through the product's steps."""
    if status == T.WAITING:
        return walkin.issue_ticket(db, office, TicketReason.OTHER, at(8, 5)).id
    ticket = called(db, office)
    for action in PATH[status]:
        act(db, action, ticket.id, at(8, 12))
    return ticket.id


def row(db: DeskDatabase, ticket_id: uuid.UUID) -> dict[str, object]:
    with UnitOfWork(db.engine) as uow:
        t = uow.session.get(Ticket, ticket_id)
        assert t is not None
        return {
            "status": t.status,
            "called_at": t.called_at,
            "finished_at": t.finished_at,
            "counter_id": t.counter_id,
            "recall_count": t.recall_count,
        }


def calls_of(db: DeskDatabase, ticket_id: uuid.UUID) -> list[tuple[str, datetime]]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Call.display_code, Call.called_at)
            .where(Call.ticket_id == ticket_id)
            .order_by(Call.called_at)
        )
        return [(code, when) for code, when in rows]


# -------------------------------------------------------------- the step table


def test_the_domain_table_matches_the_design():
    for status, legal in LEGAL.items():
        assert set(allowed_ticket_actions(status)) == legal, status


@pytest.mark.parametrize("status", list(LEGAL))
def test_illegal_steps_are_refused_and_change_nothing(fresh_db, status):
    office = new_office(fresh_db)
    ticket_id = in_status(fresh_db, office, status)
    before, calls = row(fresh_db, ticket_id), calls_of(fresh_db, ticket_id)
    for action in set(A) - LEGAL[status]:
        with pytest.raises(RequestRefused) as refused:
            act(fresh_db, action, ticket_id, at(8, 20))
        message = str(refused.value)
        assert message.startswith("Wartenummer W-") and "ist von dort aus nicht möglich" in message
        assert row(fresh_db, ticket_id) == before, action
        assert calls_of(fresh_db, ticket_id) == calls, action


@pytest.mark.parametrize(
    ("status", "action"),
    [(s, a) for s, legal in LEGAL.items() for a in sorted(legal) if a != A.UNDO_NO_SHOW],
    ids=lambda v: str(v),
)
def test_each_legal_step(fresh_db, status, action):
    office = new_office(fresh_db)
    ticket_id = in_status(fresh_db, office, status)
    before = row(fresh_db, ticket_id)
    now = at(8, 30)

    result = act(fresh_db, action, ticket_id, now)

    after = row(fresh_db, ticket_id)
    assert result.status == after["status"] == TARGET[action]
    assert result.at == now and result.ticket_id == ticket_id
    finishing = TARGET[action] in (T.DONE, T.NO_SHOW)
    assert after["finished_at"] == (now if finishing else None)
    if action in (A.UNPARK, A.REQUEUE):
        assert (after["counter_id"], after["called_at"], after["recall_count"]) == (None, None, 0)
    else:
        assert after["counter_id"] == before["counter_id"] is not None
        assert after["called_at"] == before["called_at"] == at(8, 10)
    with UnitOfWork(fresh_db.engine) as uow:  # a standalone database queues nothing
        assert uow.session.scalar(select(func.count()).select_from(OutboxOp)) == 0


def test_unknown_ticket(fresh_db):
    with pytest.raises(UnknownId, match="gibt es nicht"):
        ticket_steps.finish(fresh_db, uuid.uuid4(), at(8, 30))


# ---------------------------------------------------------------------- recall


def test_recall_twice_then_the_third_recall_is_a_no_show(fresh_db):
    office = new_office(fresh_db)
    ticket = called(fresh_db, office, at(8, 10))
    assert calls_of(fresh_db, ticket.id) == [(ticket.code, at(8, 10))]

    first = ticket_steps.recall(fresh_db, ticket.id, at(8, 12), 1)
    second = ticket_steps.recall(fresh_db, ticket.id, at(8, 14), 1)

    assert (first.status, first.recall_count, first.display_code) == (T.CALLED, 1, ticket.code)
    assert (second.status, second.recall_count) == (T.CALLED, 2)
    assert "Schalter 1" in first.message
    assert calls_of(fresh_db, ticket.id) == [
        (ticket.code, at(8, 10)),
        (ticket.code, at(8, 12)),
        (ticket.code, at(8, 14)),
    ]
    assert row(fresh_db, ticket.id)["called_at"] == at(8, 10)  # the first call stays

    third = ticket_steps.recall(fresh_db, ticket.id, at(8, 16), 1)

    assert third.status == T.NO_SHOW
    assert third.display_code is None
    assert third.message == (
        f"{ticket.code} ist nach 3 Aufrufen nicht erschienen – als „nicht erschienen“ vermerkt"
    )
    assert row(fresh_db, ticket.id)["status"] == T.NO_SHOW
    assert row(fresh_db, ticket.id)["finished_at"] == at(8, 16)
    assert len(calls_of(fresh_db, ticket.id)) == 3  # no call for the display any more
    with pytest.raises(RequestRefused, match="nicht erschienen"):
        ticket_steps.recall(fresh_db, ticket.id, at(8, 18), 1)


def test_recall_limit_is_a_parameter(fresh_db):
    office = new_office(fresh_db)
    ticket = called(fresh_db, office)
    assert ticket_steps.recall(fresh_db, ticket.id, at(8, 11), 1, max_recalls=0).status == (
        T.NO_SHOW
    )


def test_recall_only_from_the_counter_it_was_called_to(fresh_db):
    office = new_office(fresh_db)
    ticket = called(fresh_db, office, counter=1)
    with pytest.raises(RequestRefused, match="zu Schalter 1 aufgerufen"):
        ticket_steps.recall(fresh_db, ticket.id, at(8, 12), 2)
    with pytest.raises(UnknownId, match="Unbekannter Schalter 9"):
        ticket_steps.recall(fresh_db, ticket.id, at(8, 12), 9)
    assert row(fresh_db, ticket.id)["recall_count"] == 0
    assert len(calls_of(fresh_db, ticket.id)) == 1


# ------------------------------------------------------------------ park/unpark


def test_park_and_unpark_keep_the_tickets_place(fresh_db):
    db = fresh_db
    office = new_office(db)
    tickets = [walkin.issue_ticket(db, office, TicketReason.OTHER, at(8, m)) for m in range(4)]
    codes = [t.code for t in tickets]
    first = walkin.call_next(db, office, 1, at(8, 10))
    assert first.id == tickets[0].id
    ticket_steps.park(db, first.id, at(8, 12))  # sent to fetch a document

    assert [e.code for e in waiting_queue(db, office, at(8, 13))] == codes[1:]
    assert walkin.call_next(db, office, 2, at(8, 14)).id == tickets[1].id

    back = ticket_steps.unpark(db, first.id, at(8, 30))

    assert back.status == T.WAITING and back.code == codes[0]
    queue = waiting_queue(db, office, at(8, 31))
    assert [e.code for e in queue] == [codes[0], codes[2], codes[3]]
    assert queue[0].since == at(8, 0)  # waited since it was issued
    again = walkin.call_next(db, office, 2, at(8, 32))
    assert again.id == first.id
    assert row(db, first.id)["counter_id"] is not None
    # recalled afresh: the limit counts from the new call
    assert ticket_steps.recall(db, first.id, at(8, 33), 2).recall_count == 1


def test_a_parked_ticket_of_another_day_is_not_unparked(fresh_db):
    office = new_office(fresh_db)
    ticket = called(fresh_db, office)
    ticket_steps.park(fresh_db, ticket.id, at(8, 20))
    with pytest.raises(RequestRefused, match=r"vom 20\.03\.2024"):
        ticket_steps.unpark(fresh_db, ticket.id, at(8, 20) + timedelta(days=1))
    assert row(fresh_db, ticket.id)["status"] == T.PARKED


def test_finished_tickets_feed_the_moving_average(fresh_db):
    office = new_office(fresh_db)
    one = called(fresh_db, office, at(8, 10))
    ticket_steps.start_service(fresh_db, one.id, at(8, 11))
    ticket_steps.finish(fresh_db, one.id, at(8, 22))
    two = called(fresh_db, office, at(8, 25))
    ticket_steps.finish(fresh_db, two.id, at(8, 33))
    three = called(fresh_db, office, at(8, 35))
    ticket_steps.no_show(fresh_db, three.id, at(8, 40), 0)  # not a service
    assert service_minutes_today(fresh_db, office, at(8, 45)) == pytest.approx((12 + 8) / 2)
