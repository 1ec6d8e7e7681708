"""A no-show is guarded and can be taken back (issue: the walk-in rush), on SQLite and
PostgreSQL: an appointment not before its start, a ticket not before its recalls are used
up; the clerk takes a no-show back within UNDO_MINUTES (audited), not later and not
someone else's; a called person goes back into the queue at their old place."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused
from desk.domain.status import AppointmentStatus, TicketStatus
from desk.domain.steps import UNDO_MINUTES
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import DeskDatabase
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.services.walkin.queue import waiting_queue
from desk.store.models import AuditEntry, Ticket
from desk.store.uow import UnitOfWork
from tests.services.test_lifecycle import OFFICE, Office, office, snapshot  # noqa: F401
from tests.services.test_ticket_steps import at, called, new_office

S = AppointmentStatus
T = TicketStatus


def audit_actions(db: DeskDatabase, entity_id: uuid.UUID) -> list[str]:
    with UnitOfWork(db.engine) as uow:
        return list(
            uow.session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == str(entity_id))
                .order_by(AuditEntry.at)
            )
        )


# ------------------------------------------------------------------ appointments


def test_a_no_show_before_the_appointments_start_is_refused(office: Office):  # noqa: F811
    booked = office.booking()
    perform(office.db, booked.id, Action.CHECK_IN, booked.start - timedelta(minutes=20))
    with pytest.raises(RequestRefused) as refused:
        perform(office.db, booked.id, Action.NO_SHOW, booked.start - timedelta(minutes=1))
    assert refused.value.code == "no_show_too_early"
    assert f"{booked.start:%H:%M}" in str(refused.value)
    assert snapshot(office.db, booked.id).status == S.CHECKED_IN
    done = perform(office.db, booked.id, Action.NO_SHOW, booked.start, user_id=office.clerk)
    assert done.status == S.NO_SHOW


def test_the_clerk_takes_a_no_show_back_within_the_minutes(office: Office):  # noqa: F811
    booked = office.booking()
    start = booked.start
    perform(office.db, booked.id, Action.CALL, start, counter_number=1, user_id=office.clerk)
    perform(office.db, booked.id, Action.NO_SHOW, start + timedelta(minutes=3),
            user_id=office.clerk)  # fmt: skip
    undone = perform(
        office.db,
        booked.id,
        Action.UNDO_NO_SHOW,
        start + timedelta(minutes=3 + UNDO_MINUTES),
        counter_number=1,
        user_id=office.clerk,
    )
    assert undone.status == S.CALLED  # the state before, and no new call on the display
    assert len(snapshot(office.db, booked.id).calls) == 1
    assert audit_actions(office.db, booked.id)[-2:] == [
        AuditAction.APPOINTMENT_NO_SHOW,
        AuditAction.APPOINTMENT_NO_SHOW_UNDONE,
    ]


def test_a_no_show_is_not_taken_back_late_or_by_someone_else(office: Office):  # noqa: F811
    booked = office.booking()
    perform(office.db, booked.id, Action.NO_SHOW, booked.start, user_id=office.clerk)
    with pytest.raises(RequestRefused) as other:
        perform(office.db, booked.id, Action.UNDO_NO_SHOW, booked.start, user_id=uuid.uuid4())
    assert other.value.code == "no_show_undo_other_clerk"
    late = booked.start + timedelta(minutes=UNDO_MINUTES, seconds=1)
    with pytest.raises(RequestRefused) as too_late:
        perform(office.db, booked.id, Action.UNDO_NO_SHOW, late, user_id=office.clerk)
    assert too_late.value.code == "no_show_undo_too_late"
    assert snapshot(office.db, booked.id).status == S.NO_SHOW


def test_a_called_appointment_goes_back_to_waiting(office: Office):  # noqa: F811
    booked = office.booking()
    perform(office.db, booked.id, Action.CHECK_IN, booked.start - timedelta(minutes=5))
    perform(office.db, booked.id, Action.CALL, booked.start, counter_number=2)
    back = perform(office.db, booked.id, Action.REQUEUE, booked.start + timedelta(minutes=1))
    assert back.status == S.CHECKED_IN


# ----------------------------------------------------------------------- tickets


def ticket_of(db: DeskDatabase, ticket_id: uuid.UUID) -> Ticket:
    with UnitOfWork(db.engine) as uow:
        found = uow.session.get(Ticket, ticket_id)
        assert found is not None
        uow.session.expunge(found)
        return found


def test_a_ticket_no_show_waits_for_the_recalls_then_can_be_taken_back(fresh_db: DeskDatabase):
    place = new_office(fresh_db)
    ticket = called(fresh_db, place, at(8, 10))
    with pytest.raises(RequestRefused) as early:
        ticket_steps.no_show(fresh_db, ticket.id, at(8, 11), 2)
    assert early.value.code == "no_show_before_recalls"
    assert "bisher 0" in str(early.value)
    ticket_steps.recall(fresh_db, ticket.id, at(8, 12), 1, 2)
    ticket_steps.recall(fresh_db, ticket.id, at(8, 14), 1, 2)
    gone = ticket_steps.no_show(fresh_db, ticket.id, at(8, 16), 2)
    assert gone.status == T.NO_SHOW

    back = ticket_steps.undo_no_show(fresh_db, ticket.id, at(8, 20), 1)

    assert back.status == T.CALLED
    row = ticket_of(fresh_db, ticket.id)
    assert (row.status, row.finished_at, row.recall_count) == (T.CALLED, None, 2)
    assert audit_actions(fresh_db, ticket.id)[-2:] == [
        AuditAction.TICKET_NO_SHOW,
        AuditAction.TICKET_NO_SHOW_UNDONE,
    ]


def test_a_ticket_no_show_is_not_taken_back_late(fresh_db: DeskDatabase):
    place = new_office(fresh_db)
    ticket = called(fresh_db, place, at(8, 10))
    ticket_steps.no_show(fresh_db, ticket.id, at(8, 11), 0)
    with pytest.raises(RequestRefused) as late:
        ticket_steps.undo_no_show(fresh_db, ticket.id, at(8, 11 + UNDO_MINUTES, 1), 1)
    assert late.value.code == "ticket_undo_too_late"
    assert ticket_of(fresh_db, ticket.id).status == T.NO_SHOW


def test_a_called_ticket_goes_back_to_its_old_place(fresh_db: DeskDatabase):
    place = new_office(fresh_db)
    first = called(fresh_db, place, at(8, 10))
    later = walkin.issue_ticket(fresh_db, place, first.reason, at(8, 11))
    back = ticket_steps.requeue(fresh_db, first.id, at(8, 12))
    assert back.status == T.WAITING
    assert [e.code for e in waiting_queue(fresh_db, place, at(8, 12))] == [
        first.code,
        later.code,
    ]
