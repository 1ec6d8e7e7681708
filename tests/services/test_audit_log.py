"""The audit log (DESIGN.md §6), on SQLite and PostgreSQL: every call, recall, no-show and
cancellation and every capacity release leaves one row (who, when, which counter, old
and new value, no citizen's name); the database refuses to change or delete a row; only
a team lead reads the log, filtered in SQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from desk.domain.audit import AUDIT_LABELS_DE, AuditAction
from desk.domain.localtime import BERLIN
from desk.domain.status import Channel, TicketReason
from desk.services.admin.auth import NotAllowed
from desk.services.appointments.booking import book, cancel
from desk.services.appointments.lifecycle import Action, perform
from desk.services.capacity.releases import release_same_day_slot
from desk.services.database import DeskDatabase
from desk.services.reports.audit import AuditRow, audit_actors, audit_entries
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.store.models import AuditEntry, User
from desk.store.uow import UnitOfWork
from tests.builders import add_office

OFFICE = "bb-audit"
OTHER_OFFICE = "bb-audit-2"
DAY = date(2024, 4, 3)  # a Wednesday without a holiday
SECRET_NAME = "Zoë Geheimrat-Öztürk"
A = AuditAction


def at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute), BERLIN)


@dataclass(frozen=True)
class Scenario:
    """One day of audited work at the test office, with the ids to look for."""

    db: DeskDatabase
    lead: uuid.UUID
    clerk: uuid.UUID
    called: str  # booking codes
    no_show: str
    cancelled: str
    portal_cancelled: str
    ticket: str  # the ticket's display code
    other_office_code: str


def add_user(db: DeskDatabase, username: str, role: str, office_id: str | None) -> uuid.UUID:
    user_id = uuid.uuid4()
    with UnitOfWork(db.engine) as uow:
        uow.session.add(
            User(
                id=user_id,
                username=username,
                display_name=f"Test {username}",
                role=role,
                password_hash="x",
                office_id=office_id,
            )
        )
        uow.commit()
    return user_id


@pytest.fixture(scope="module")
def day(fresh_db: DeskDatabase) -> Scenario:
    db = fresh_db
    add_office(db, OFFICE, counters=3)
    add_office(db, OTHER_OFFICE, counters=1)
    lead = add_user(db, "tl.audit", "team_lead", None)
    clerk = add_user(db, "sb.audit", "clerk", OFFICE)
    booked_at = at(7) - timedelta(days=1)

    def booking(office: str, hour: int, minute: int = 0) -> str:
        start = at(hour, minute)
        made = book(db, office, "abholung", start, SECRET_NAME, booked_at, channel=Channel.COUNTER)
        return made.code

    called, no_show, cancelled, portal = (booking(OFFICE, 10, m) for m in (0, 15, 30, 45))
    other = booking(OTHER_OFFICE, 10)
    ids = {code: _appointment_id(db, code) for code in (called, no_show, cancelled, other)}
    perform(db, ids[called], Action.CALL, at(9, 58), counter_number=2, user_id=clerk)
    perform(db, ids[called], Action.RECALL, at(10, 1), counter_number=2, user_id=clerk)
    perform(db, ids[no_show], Action.NO_SHOW, at(10, 20), counter_number=3, user_id=clerk)
    perform(db, ids[cancelled], Action.CANCEL, at(9, 0), user_id=clerk, reason="verreist")
    cancel(db, portal, at(9, 5))
    perform(db, ids[other], Action.CALL, at(10, 2), counter_number=1, user_id=clerk)

    ticket = walkin.issue_ticket(db, OFFICE, TicketReason.LOST_OR_STOLEN, at(8, 10))
    walkin.call_next(db, OFFICE, 1, at(8, 20), user_id=clerk)
    ticket_steps.recall(db, ticket.id, at(8, 22), 1, user_id=clerk)
    ticket_steps.no_show(db, ticket.id, at(8, 25), 1, user_id=clerk)  # after its one recall
    release_same_day_slot(db, OFFICE, 1, at(11, 30), at(10, 30), user_id=lead)
    return Scenario(db, lead, clerk, called, no_show, cancelled, portal, ticket.code, other)


def _appointment_id(db: DeskDatabase, code: str) -> uuid.UUID:
    from desk.store.models import Appointment

    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalar(select(Appointment.id).where(Appointment.booking_code == code))
        assert found is not None
        return found


def of_day(s: Scenario, **filters: object) -> list[AuditRow]:
    """The log of the test day as the team lead reads it."""
    return audit_entries(s.db, user_id=s.lead, since=at(0), until=at(23), **filters)  # type: ignore[arg-type]


def test_every_call_recall_no_show_cancellation_and_release_leaves_one_row(day: Scenario):
    rows = of_day(day, office_id=OFFICE)

    seen = sorted((r.action, r.subject, r.counter_number, r.old, r.new) for r in rows)
    assert seen == sorted(
        [
            (A.APPOINTMENT_CALL, f"Termin {day.called}", 2, "gebucht", "aufgerufen"),
            (A.APPOINTMENT_RECALL, f"Termin {day.called}", 2, "aufgerufen", "aufgerufen"),
            (A.APPOINTMENT_NO_SHOW, f"Termin {day.no_show}", 3, "gebucht", "nicht erschienen"),
            (A.APPOINTMENT_CANCEL, f"Termin {day.cancelled}", None, "gebucht", "storniert"),
            (
                A.APPOINTMENT_CANCEL,
                f"Termin {day.portal_cancelled} (Portal)",
                None,
                "gebucht",
                "storniert",
            ),
            (A.TICKET_CALL, f"Wartenummer {day.ticket}", 1, "wartend", "aufgerufen"),
            (A.TICKET_RECALL, f"Wartenummer {day.ticket}", 1, "aufgerufen", "aufgerufen"),
            (A.TICKET_NO_SHOW, f"Wartenummer {day.ticket}", 1, "aufgerufen", "nicht erschienen"),
            (A.RELEASE_SLOT, "Schalter 1, 03.04.2024 11:30", 1, None, "03.04.2024 11:30"),
        ]
    )
    by_action = {r.action: r for r in rows}
    clerk_rows = [r for r in rows if r.action not in (A.RELEASE_SLOT,) and r.user_id is not None]
    assert {(r.user_name, r.role) for r in clerk_rows} == {("Test sb.audit", "clerk")}
    portal = [r for r in rows if r.subject.endswith("(Portal)")]
    assert [r.user_id for r in portal] == [None]  # the portal is nobody at a counter
    assert by_action[A.RELEASE_SLOT].user_id == day.lead
    assert by_action[A.TICKET_CALL].at == at(8, 20)
    assert by_action[A.TICKET_CALL].at.tzinfo == BERLIN
    assert all(r.action_label == AUDIT_LABELS_DE[r.action] for r in rows)
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)  # newest first


def test_audit_rows_hold_no_personal_data(day: Scenario):
    with UnitOfWork(day.db.engine) as uow:
        stored = [
            " ".join(str(v) for v in row)
            for row in uow.session.execute(select(AuditEntry.__table__)).all()
        ]
    assert len(stored) >= 10
    assert not [row for row in stored if "Geheimrat" in row or "verreist" in row]


def test_the_database_refuses_to_update_or_delete_an_audit_row(day: Scenario):
    with UnitOfWork(day.db.engine) as uow:
        before = uow.session.scalar(select(func.count()).select_from(AuditEntry))
        first = uow.session.scalars(select(AuditEntry).limit(1)).one()
        first_id, first_detail = first.id, first.detail
    statements = [
        text("UPDATE audit_entry SET detail = 'geändert'"),
        text("UPDATE audit_entry SET user_id = NULL WHERE id = :id").bindparams(id=first_id),
        text("DELETE FROM audit_entry WHERE id = :id").bindparams(id=first_id),
        text("DELETE FROM audit_entry"),
    ]
    if not day.db.is_sqlite:
        statements.append(text("TRUNCATE audit_entry"))
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), day.db.engine.begin() as conn:
            conn.execute(statement)
    with UnitOfWork(day.db.engine) as uow:  # nor through the ORM
        entry = uow.session.get(AuditEntry, first_id)
        uow.session.delete(entry)
        with pytest.raises(DBAPIError, match="append-only"):
            uow.session.flush()
    with UnitOfWork(day.db.engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == before
        kept = uow.session.get(AuditEntry, first_id)
        assert kept is not None and kept.detail == first_detail


def test_a_clerk_may_not_read_the_audit_log(day: Scenario):
    with pytest.raises(NotAllowed, match="nur die Teamleitung"):
        audit_entries(day.db, user_id=day.clerk)
    with pytest.raises(NotAllowed):
        audit_actors(day.db, user_id=day.clerk)
    with pytest.raises(NotAllowed, match="unbekannter"):
        audit_entries(day.db, user_id=uuid.uuid4())


def test_filters_narrow_the_log_in_sql(day: Scenario):
    everything = of_day(day)
    office = of_day(day, office_id=OFFICE)
    assert {r.office_id for r in everything} == {OFFICE, OTHER_OFFICE}
    assert office == [r for r in everything if r.office_id == OFFICE]

    calls = of_day(day, actions=[A.APPOINTMENT_CALL, A.TICKET_CALL])
    assert calls == [r for r in everything if r.action in (A.APPOINTMENT_CALL, A.TICKET_CALL)]
    assert len(calls) == 3

    by_lead = of_day(day, actor=day.lead)
    assert [r.action for r in by_lead] == [A.RELEASE_SLOT]

    morning = audit_entries(day.db, user_id=day.lead, since=at(8), until=at(8, 25))
    assert [r.action for r in morning] == [A.TICKET_RECALL, A.TICKET_CALL]  # until: exclusive

    code = of_day(day, text=day.called.lower())
    assert {r.subject for r in code} == {f"Termin {day.called}"}
    assert len(code) == 2
    assert of_day(day, text="Test sb.audit") == [r for r in everything if r.user_id == day.clerk]
    assert of_day(day, text="100%_") == []  # wildcards are taken literally

    newest = of_day(day, limit=2)
    assert newest == everything[:2]


def test_the_user_filter_lists_every_user_by_name(day: Scenario):
    actors = audit_actors(day.db, user_id=day.lead)
    assert {(a.id, a.role) for a in actors} >= {(day.lead, "team_lead"), (day.clerk, "clerk")}
    assert [a.display_name for a in actors] == sorted(a.display_name for a in actors)
