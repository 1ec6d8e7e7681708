"""What-if rules: a capacity change as a value, validated, applied in memory, counted."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import pytest

from desk.domain.capacity_change import (
    PlanChange,
    PlanClosure,
    PlanInvalid,
    PlanPolicy,
    PlanTemplate,
    WalkInPlan,
    validate_change,
)
from desk.domain.collisions import Booked, collisions
from desk.domain.localtime import BERLIN, at_local, parse_now
from desk.domain.policy import Policy
from desk.domain.slots import Template
from desk.domain.status import OfficeKind, PolicyKind
from desk.domain.walkin import WalkInRules
from desk.domain.what_if import Plan, apply_change, capacity_days, day_capacity, normalise

NOW = parse_now("2024-03-20T10:00")  # a Wednesday
TODAY = NOW.date()
C1, C2 = uuid.uuid4(), uuid.uuid4()
SERVICES = frozenset({"abholung", "personalausweis"})


def plan(share: int = 100, horizon: int = 14) -> Plan:
    """Two counters open Mon–Fri 9–12 in 15-minute slots, a rolling policy, quota 20."""
    templates = tuple(
        Template(cid, n, wd, time(9), time(12), 15, SERVICES, date(2020, 1, 1))
        for n, cid in ((1, C1), (2, C2))
        for wd in range(5)
    )
    return Plan(
        OfficeKind.BUERGERBUERO,
        "ST",
        BERLIN,
        {1: C1, 2: C2},
        templates,
        (
            Policy(
                PolicyKind.ROLLING,
                date(2020, 1, 1),
                horizon_days=horizon,
                portal_share_percent=share,
            ),
        ),
        (),
        WalkInRules(OfficeKind.BUERGERBUERO, time(8), time(9), 20),
    )


def cell(weekday: int, counter: int, opens: time, closes: time, slot: int = 15) -> PlanChange:
    return PlanChange(
        TODAY,
        (PlanTemplate(weekday, counter, opens, closes, slot, SERVICES),),
        frozenset({(weekday, counter)}),
    )


def check(change: PlanChange) -> None:
    validate_change(change, TODAY, (1, 2), SERVICES)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (cell(2, 1, time(12), time(9)), "opening.2.1.closes", "nicht nach Beginn"),
        (cell(2, 1, time(9), time(12), slot=0), "opening.2.1.slot_minutes", "größer als 0"),
        (cell(2, 3, time(9), time(12)), "opening.2.3.counter", "Schalter 3"),
        (PlanChange(TODAY, walk_in=WalkInPlan(time(8), time(9), -1)), "walk_in.quota", "negativ"),
        (PlanChange(TODAY, walk_in=WalkInPlan(time(9), time(8), 5)), "walk_in.ends", "nach Beginn"),
        (
            PlanChange(TODAY, add_closures=(PlanClosure(TODAY, TODAY - timedelta(days=1), "x"),)),
            "closure.ends_on",
            "vor dem Beginn",
        ),
        (
            PlanChange(TODAY, add_closures=(PlanClosure(TODAY, TODAY, "  "),)),
            "closure.reason",
            "Grund",
        ),
        (
            PlanChange(TODAY, policy=PlanPolicy(PolicyKind.ROLLING, horizon_days=-1)),
            "policy.horizon_days",
            "Tage",
        ),
        (
            PlanChange(TODAY, policy=PlanPolicy(PolicyKind.ROLLING, 14, portal_share_percent=120)),
            "policy.portal_share_percent",
            "0 bis 100",
        ),
        (
            PlanChange(TODAY, policy=PlanPolicy(PolicyKind.TIERED, free_months=6, fee_months=3)),
            "policy.fee_months",
            "mindestens",
        ),
        (
            PlanChange(TODAY - timedelta(days=1), walk_in=WalkInPlan(time(8), time(9), 5)),
            "effective_from",
            "Vergangenheit",
        ),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(change, field, words):
    with pytest.raises(PlanInvalid, match=words) as refused:
        check(change)
    assert refused.value.field == field


def test_overlapping_hours_of_one_cell_are_refused():
    change = PlanChange(
        TODAY,
        (
            PlanTemplate(2, 1, time(9), time(11), 15, SERVICES),
            PlanTemplate(2, 1, time(10), time(12), 15, SERVICES),
        ),
        frozenset({(2, 1)}),
    )
    with pytest.raises(PlanInvalid, match="überschneiden") as refused:
        check(change)
    assert refused.value.field == "opening.2.1.opens"


def test_shorter_hours_from_a_date_keep_the_days_before_as_they_were():
    later = TODAY + timedelta(days=7)  # next Wednesday
    change = PlanChange(
        later,
        (PlanTemplate(2, 1, time(9), time(11), 15, SERVICES),),
        frozenset({(2, 1)}),
    )
    after = apply_change(plan(), change)
    assert day_capacity(after, TODAY, NOW).internal == 24  # 2 counters × 12 slots
    assert day_capacity(after, later, NOW).internal == 12 + 8
    old = [t for t in after.templates if t.counter_id == C1 and t.weekday == 2]
    assert sorted((t.valid_from, t.valid_until) for t in old) == [
        (date(2020, 1, 1), later - timedelta(days=1)),
        (later, None),
    ]


def test_portal_gets_its_share_of_future_starts_within_the_horizon():
    days = capacity_days(plan(share=50, horizon=7), NOW, 14)
    today, tomorrow = days[0], days[1]
    assert today.internal == 24 and tomorrow.internal == 24
    # today 10:00 has begun: 8 starts (10:15 … 11:45) × 1 of 2 counters
    assert today.portal == 7
    assert tomorrow.portal == 12
    beyond = [d for d in days if d.day > TODAY + timedelta(days=7)]
    assert beyond and all(d.portal == 0 for d in beyond)


def test_walk_in_quota_only_on_working_days_without_holiday():
    days = {d.day: d for d in capacity_days(plan(), NOW, 14)}
    assert days[date(2024, 3, 21)].walk_in == 20
    assert days[date(2024, 3, 23)].walk_in == 0  # Saturday
    assert days[date(2024, 3, 29)].walk_in == 0  # Karfreitag
    assert days[date(2024, 3, 29)].closed is not None
    lower = apply_change(plan(), PlanChange(TODAY, walk_in=WalkInPlan(time(8), time(9), 12)))
    assert day_capacity(lower, date(2024, 3, 21), NOW).walk_in == 12


def test_a_counter_closure_takes_that_counters_slots_only():
    change = PlanChange(
        TODAY, add_closures=(PlanClosure(date(2024, 3, 21), date(2024, 3, 21), "Schulung", 2),)
    )
    after = apply_change(plan(), change)
    assert day_capacity(after, date(2024, 3, 21), NOW).internal == 12
    assert day_capacity(after, date(2024, 3, 22), NOW).internal == 24


def booked(counter: int, day: date, clock: time, minutes: int = 15, service: str = "abholung"):
    start = at_local(day, clock)
    return Booked(
        uuid.uuid4(),
        "ABCD-EFGH",
        service,
        (C1, C2)[counter - 1],
        counter,
        start,
        start + timedelta(minutes=minutes),
    )


def test_an_appointment_in_cut_hours_collides_and_one_before_does_not():
    late = booked(1, date(2024, 3, 27), time(11, 30))
    early = booked(1, date(2024, 3, 27), time(9, 30))
    other = booked(2, date(2024, 3, 27), time(11, 30))
    after = apply_change(plan(), cell(2, 1, time(9), time(11)))
    hits = collisions(plan(), after, [late, early, other])
    assert [(b.id, reason) for b, reason in hits] == [(late.id, "außerhalb der neuen Öffnungszeit")]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            PlanChange(
                TODAY,
                (PlanTemplate(2, 1, time(9), time(12), 15, frozenset({"abholung"})),),
                frozenset({(2, 1)}),
            ),
            "nicht mehr angeboten",
        ),
        (PlanChange(TODAY, (), frozenset({(2, 1)})), "nicht besetzt"),
        (
            PlanChange(
                TODAY, add_closures=(PlanClosure(date(2024, 3, 27), date(2024, 3, 28), "Umbau", 1),)
            ),
            "geschlossen (Umbau)",
        ),
        (cell(2, 1, time(9), time(12), slot=20), "Terminraster"),
    ],
)
def test_the_collision_says_why_the_slot_is_gone(change, reason):
    appointment = booked(1, date(2024, 3, 27), time(10, 15), 30, "personalausweis")
    hits = collisions(plan(), apply_change(plan(), change), [appointment])
    assert len(hits) == 1 and reason in hits[0][1]


def test_a_change_equal_to_the_plan_is_no_change():
    same = PlanChange(
        TODAY,
        (PlanTemplate(2, 1, time(9), time(12), 15, SERVICES),),
        frozenset({(2, 1)}),
        PlanPolicy(PolicyKind.ROLLING, horizon_days=14),
        WalkInPlan(time(8), time(9), 20),
    )
    assert normalise(plan(), same).empty
    assert not normalise(plan(), cell(2, 1, time(9), time(11))).empty
