"""Capacity planning on real databases: role, validation, history, audit, preview = rules."""

from __future__ import annotations

import json
import uuid
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select, update

from desk.domain.capacity_change import (
    KEEP,
    PlanChange,
    PlanClosure,
    PlanInvalid,
    PlanPolicy,
    PlanTemplate,
    Resolution,
    WalkInPlan,
)
from desk.domain.localtime import at_local, parse_now
from desk.domain.status import Channel, PolicyKind, Role
from desk.services.admin.auth import NotAllowed
from desk.services.appointments.booking import book, offered_slots, suggestions
from desk.services.capacity.plan import load_plan, save_plan_change
from desk.services.capacity.preview import capacity_now, preview
from desk.services.capacity.releases import release_same_day_slots
from desk.store.models import (
    Appointment,
    AuditEntry,
    BookingPolicy,
    OpeningTemplate,
    SlotHold,
    User,
)
from desk.store.uow import UnitOfWork
from tests.builders import add_office

NOW = parse_now("2024-03-20T10:00")  # a Wednesday
TODAY = NOW.date()
NEXT_WED = date(2024, 3, 27)
BOTH = frozenset({"abholung", "personalausweis"})


@pytest.fixture
def db(fresh_db):
    """The module's database on each backend; each test gets an office of its own."""
    return fresh_db


@pytest.fixture
def office(db) -> str:
    office_id = f"bb-{uuid.uuid4().hex[:8]}"
    add_office(db, office_id)
    return office_id


def add_user(db, role: Role) -> uuid.UUID:
    with UnitOfWork(db.engine) as uow:
        user = User(
            id=uuid.uuid4(),
            username=f"u-{uuid.uuid4().hex[:6]}",
            display_name=str(role),
            role=role,
            password_hash="-",
            office_id=None,
            active=True,
        )
        uow.session.add(user)
        uow.commit()
        return user.id


@pytest.fixture
def lead(db):
    return add_user(db, Role.TEAM_LEAD)


def shorter_wednesday(counter: int = 1, effective: date = TODAY) -> PlanChange:
    return PlanChange(
        effective,
        (PlanTemplate(2, counter, time(9), time(11), 15, BOTH),),
        frozenset({(2, counter)}),
    )


def audit_rows(db, office: str) -> list[AuditEntry]:
    with UnitOfWork(db.engine) as uow:
        rows = list(
            uow.session.scalars(
                select(AuditEntry).where(AuditEntry.office_id == office).order_by(AuditEntry.action)
            )
        )
        uow.session.expunge_all()  # keep the loaded values after the unit closes
        return rows


def test_a_clerk_may_not_change_capacity(db, office):
    clerk = add_user(db, Role.CLERK)
    with pytest.raises(NotAllowed, match="nur die Teamleitung"):
        save_plan_change(db, office, shorter_wednesday(), clerk, NOW, {})
    with pytest.raises(NotAllowed):
        release_same_day_slots(db, office, [1], None, NOW, clerk)
    assert audit_rows(db, office) == []


def test_preview_numbers_equal_what_the_rules_produce_after_saving(db, office, lead):
    change = PlanChange(
        TODAY,
        (PlanTemplate(2, 1, time(9), time(11), 15, BOTH),),
        frozenset({(2, 1)}),
        PlanPolicy(PolicyKind.ROLLING, horizon_days=7, portal_share_percent=50),
        WalkInPlan(time(8), time(9), 12),
        (PlanClosure(date(2024, 3, 22), date(2024, 3, 22), "Schulung", 2),),
    )
    before = capacity_now(db, office, NOW)
    seen = preview(db, office, change, NOW)
    assert [d.before for d in seen.days] == before
    assert seen.changed_days == 8  # the working days, without Karfreitag and Ostermontag
    assert seen.collisions == ()
    save_plan_change(db, office, change, lead, NOW, {})
    assert capacity_now(db, office, NOW) == [d.after for d in seen.days]
    assert preview(db, office, change, NOW).changed_days == 0
    # and the numbers are the ones the booking rules use: every internal 5-minute start
    tomorrow = TODAY + timedelta(days=1)
    day_of = {d.after.day: d.after for d in seen.days}
    free = suggestions(db, office, "abholung", NOW, days=14, limit=0)
    for day in (tomorrow, date(2024, 3, 22), NEXT_WED):
        assert day_of[day].internal == sum(1 for o in free if o.start.date() == day)
    assert max(o.start.date() for o in offered_slots(db, office, "abholung", NOW)) == (
        TODAY + timedelta(days=7)
    )


def test_a_template_change_from_a_date_keeps_the_history(db, office, lead):
    save_plan_change(db, office, shorter_wednesday(effective=NEXT_WED), lead, NOW, {})
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(OpeningTemplate.valid_from, OpeningTemplate.valid_until, OpeningTemplate.closes)
            .where(OpeningTemplate.weekday == 2, OpeningTemplate.office_id == office)
            .order_by(OpeningTemplate.valid_from, OpeningTemplate.counter_id)
        ).all()
    assert set(map(tuple, rows)) == {
        (date(2020, 1, 1), NEXT_WED - timedelta(days=1), time(12)),  # counter 1, ended
        (date(2020, 1, 1), None, time(12)),  # counter 2, untouched
        (NEXT_WED, None, time(11)),  # counter 1 from next Wednesday
    }
    days = {d.day: d for d in capacity_now(db, office, NOW)}
    assert days[TODAY].internal == 24 and days[NEXT_WED].internal == 20
    plan = load_plan(db, office, NOW)
    wed1 = [t for t in plan.templates if (t.weekday, t.counter_number) == (2, 1)]
    assert [(t.opens, t.closes) for t in wed1] == [(time(9), time(12))]  # still in force today


def test_every_changed_thing_leaves_an_audit_row_with_old_and_new(db, office, lead):
    change = PlanChange(
        TODAY,
        (PlanTemplate(2, 1, time(9), time(12), 20, BOTH),),
        frozenset({(2, 1), (3, 2)}),  # Thursday counter 2: no longer staffed
        PlanPolicy(PolicyKind.WEEKLY_RELEASE, release_weekday=3, release_time=time(18)),
        WalkInPlan(time(8), time(9), 15),
        (PlanClosure(date(2024, 3, 25), date(2024, 3, 26), "Umzug"),),
    )
    save_plan_change(db, office, change, lead, NOW, {})
    rows = {(r.action, r.counter_number): r for r in audit_rows(db, office)}
    assert set(rows) == {
        ("capacity.slot_length", 1),
        ("capacity.opening_template", 2),
        ("capacity.booking_policy", None),
        ("capacity.walk_in_quota", None),
        ("capacity.closure", None),
    }
    slot = rows[("capacity.slot_length", 1)]
    assert json.loads(slot.old_value)[0]["terminlaenge_min"] == 15
    assert json.loads(slot.new_value)[0]["terminlaenge_min"] == 20
    assert json.loads(rows[("capacity.opening_template", 2)].new_value) == []
    assert json.loads(rows[("capacity.walk_in_quota", None)].old_value)["kontingent"] == 20
    assert json.loads(rows[("capacity.booking_policy", None)].new_value)["art"] == "weekly_release"
    assert all(r.user_id == lead for r in rows.values())


def test_a_wrong_value_is_refused_with_its_field_and_nothing_is_written(db, office, lead):
    bad = PlanChange(TODAY, walk_in=WalkInPlan(time(8), time(9), -3))
    with pytest.raises(PlanInvalid) as refused:
        save_plan_change(db, office, bad, lead, NOW, {})
    assert refused.value.field == "walk_in.quota"
    backwards = PlanChange(
        TODAY, (PlanTemplate(2, 1, time(12), time(9), 15, BOTH),), frozenset({(2, 1)})
    )
    with pytest.raises(PlanInvalid, match="nicht nach Beginn") as refused:
        save_plan_change(db, office, backwards, lead, NOW, {})
    assert refused.value.field == "opening.2.1.closes"
    assert audit_rows(db, office) == []
    assert load_plan(db, office, NOW).walk_in.quota == 20


def book_late_wednesday(db, office: str) -> str:
    return book(
        db,
        office,
        "personalausweis",
        at_local(NEXT_WED, time(11, 30)),
        "Frau Beispiel",
        NOW,
        channel=Channel.PHONE,
    ).code


def test_a_collision_is_listed_and_an_undecided_save_is_refused(db, office, lead):
    code = book_late_wednesday(db, office)
    seen = preview(db, office, shorter_wednesday(), NOW)
    assert [(c.code, c.counter_number) for c in seen.collisions] == [(code, 1)]
    hit = seen.collisions[0]
    assert "Öffnungszeit" in hit.reason and hit.suggestion is not None
    with pytest.raises(PlanInvalid, match="Verschieben") as refused:
        save_plan_change(db, office, shorter_wednesday(), lead, NOW, {})
    assert refused.value.field == "collisions"
    assert audit_rows(db, office) == []


def test_a_kept_appointment_stays_as_booked_and_the_audit_says_so(db, office, lead):
    code = book_late_wednesday(db, office)
    hit = preview(db, office, shorter_wednesday(), NOW).collisions[0]
    summary = save_plan_change(
        db, office, shorter_wednesday(), lead, NOW, {hit.appointment_id: KEEP}
    )
    assert summary.kept == 1
    with UnitOfWork(db.engine) as uow:
        kept = uow.session.get(Appointment, hit.appointment_id)
        assert kept.starts_at == at_local(NEXT_WED, time(11, 30)) and kept.status == "booked"
    details = [r.detail for r in audit_rows(db, office) if r.entity == "appointment"]
    assert details == [
        f"Termin {code} (27.03.2024 11:30, Schalter 1) bleibt wie gebucht: "
        "außerhalb der neuen Öffnungszeit"
    ]


def test_a_moved_appointment_takes_the_suggested_slot_and_its_holds_move(db, office, lead):
    book_late_wednesday(db, office)
    hit = preview(db, office, shorter_wednesday(), NOW).collisions[0]
    decision = Resolution(hit.suggestion, hit.suggestion_counter)
    save_plan_change(db, office, shorter_wednesday(), lead, NOW, {hit.appointment_id: decision})
    with UnitOfWork(db.engine) as uow:
        moved = uow.session.get(Appointment, hit.appointment_id)
        holds = uow.session.scalars(
            select(SlotHold.slot_start).where(SlotHold.appointment_id == moved.id)
        ).all()
        moved_to = moved.starts_at
    assert moved_to == hit.suggestion
    assert sorted(holds) == [hit.suggestion, hit.suggestion + timedelta(minutes=15)]
    assert preview(db, office, shorter_wednesday(), NOW).collisions == ()


def test_all_remaining_slots_of_today_are_released_in_one_action(db, office, lead):
    with UnitOfWork(db.engine) as uow:  # portal gets no share, so only releases show
        uow.session.execute(
            update(BookingPolicy)
            .where(BookingPolicy.office_id == office)
            .values(portal_share_percent=0)
        )
        uow.commit()
    ids = release_same_day_slots(db, office, [2], None, NOW, lead)
    assert len(ids) == 7  # 10:15 … 11:45
    offers = offered_slots(db, office, "abholung", NOW)
    assert [o.start for o in offers if o.start.date() == TODAY] == [
        at_local(TODAY, time(10, 15)) + timedelta(minutes=15 * i) for i in range(7)
    ]
    assert capacity_now(db, office, NOW, days=1)[0].portal == 7
    with UnitOfWork(db.engine) as uow:
        count = uow.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.office_id == office)
        )
    assert count == 7
    with pytest.raises(Exception, match="keinen Termin mehr"):
        release_same_day_slots(db, office, [2], None, NOW, lead)
