"""Issuing a walk-in ticket is idempotent per press (``request_id``): the same press
again (a double click, a retry after a timeout) gets the first ticket, without a new
ticket or a quota used; the id is matched within its office only. On SQLite and on
PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from desk.domain.errors import WalkInRefused
from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase
from desk.services.walkin import tickets as walkin
from desk.services.walkin.queue import walk_in_status
from desk.services.walkin.tickets import TicketInfo
from desk.store.models import Office, Ticket
from desk.store.uow import UnitOfWork
from tests.builders import add_office

DAY = date(2024, 3, 20)  # a Wednesday
R = TicketReason


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute, second), tzinfo=BERLIN)


def new_office(db: DeskDatabase, quota: int | None = 20) -> str:
    office_id = f"rq-{uuid.uuid4().hex[:10]}"
    add_office(db, office_id)
    with UnitOfWork(db.engine) as uow:
        office = uow.session.get(Office, office_id)
        assert office is not None
        office.walk_in_quota = quota
        uow.commit()
    return office_id


def tickets(db: DeskDatabase, office_id: str) -> list[tuple[str, uuid.UUID | None]]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Ticket.code, Ticket.request_id)
            .where(Ticket.office_id == office_id)
            .order_by(Ticket.number)
        )
        return [(code, request) for code, request in rows]


def test_the_same_press_twice_gives_one_ticket_and_uses_one_of_the_quota(fresh_db):
    office = new_office(fresh_db)
    press = uuid.uuid4()
    first = walkin.issue_ticket(fresh_db, office, R.REGISTRATION, at(8, 10), request_id=press)
    again = walkin.issue_ticket(fresh_db, office, R.REGISTRATION, at(8, 10, 1), request_id=press)
    assert again.id == first.id
    assert (again.code, again.number, again.reason) == ("W-001", 1, R.REGISTRATION)
    assert again.issued_at == first.issued_at and again.status == TicketStatus.WAITING
    assert (again.left_today, again.waiting_ahead) == (19, 0)
    assert tickets(fresh_db, office) == [("W-001", press)]
    status = walk_in_status(fresh_db, office, at(8, 11))
    assert (status.issued_today, status.left_today, status.waiting) == (1, 19, 1)
    # another press is another ticket
    other = walkin.issue_ticket(
        fresh_db, office, R.REGISTRATION, at(8, 12), request_id=uuid.uuid4()
    )
    assert other.code == "W-002"
    # the first press once more: still its own ticket, one ahead of W-002
    third = walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 13), request_id=press)
    assert (third.id, third.code, third.left_today) == (first.id, "W-001", 18)


def test_a_retry_after_the_hour_closed_or_the_quota_ran_out_still_gets_its_ticket(fresh_db):
    office = new_office(fresh_db, quota=1)
    press = uuid.uuid4()
    first = walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 59, 59), request_id=press)
    with pytest.raises(WalkInRefused, match="ausgeschöpft"):
        walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 59, 59), request_id=uuid.uuid4())
    retry = walkin.issue_ticket(fresh_db, office, R.OTHER, at(9, 0, 5), request_id=press)
    assert (retry.id, retry.code, retry.left_today) == (first.id, "W-001", 0)
    assert len(tickets(fresh_db, office)) == 1


def test_a_repeat_after_the_call_answers_the_ticket_as_it_is(fresh_db):
    office = new_office(fresh_db)
    press = uuid.uuid4()
    first = walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 5), request_id=press)
    walkin.call_next(fresh_db, office, 1, at(8, 6))
    again = walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 6, 2), request_id=press)
    assert (again.id, again.status) == (first.id, TicketStatus.CALLED)
    assert len(tickets(fresh_db, office)) == 1


def test_a_press_id_is_matched_within_its_office_only(fresh_db):
    mitte, nord = new_office(fresh_db), new_office(fresh_db)
    press = uuid.uuid4()
    in_mitte = walkin.issue_ticket(fresh_db, mitte, R.OTHER, at(8, 1), request_id=press)
    in_nord = walkin.issue_ticket(fresh_db, nord, R.OTHER, at(8, 2), request_id=press)
    assert in_nord.id != in_mitte.id
    assert (in_nord.office_id, in_nord.code) == (nord, "W-001")
    assert tickets(fresh_db, mitte) == [("W-001", press)]
    assert tickets(fresh_db, nord) == [("W-001", press)]


def test_without_a_press_id_every_call_issues(fresh_db):
    office = new_office(fresh_db)
    codes = [walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, m)).code for m in (1, 1)]
    assert codes == ["W-001", "W-002"]
    assert [request for _code, request in tickets(fresh_db, office)] == [None, None]


def test_the_same_press_sent_at_once_from_six_threads_gives_one_ticket(fresh_db):
    """Retries racing the first request: the office's lock orders them, the first
    issues and every other finds its ticket."""
    office = new_office(fresh_db)
    press = uuid.uuid4()
    barrier = threading.Barrier(6, timeout=30)
    got: list[TicketInfo] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            barrier.wait()
            got.append(walkin.issue_ticket(fresh_db, office, R.OTHER, at(8, 20), request_id=press))
        except BaseException as err:  # reported by the main thread
            errors.append(err)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert len(got) == 6 and {t.id for t in got} == {got[0].id}
    assert tickets(fresh_db, office) == [("W-001", press)]
