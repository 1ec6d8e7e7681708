"""Buchungsfenster: which slots the online portal may offer at a given moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.localtime import BERLIN
from desk.domain.policy import (
    Policy,
    add_months,
    policy_for,
    portal_capacity,
    portal_decision,
    release_moment,
)
from desk.domain.status import PolicyKind

# The demo city's history (desk/demo/city.py): six weeks ahead, then a weekly
# Thursday-evening release during the transition, then a rolling 14 days.
ROLLING_42 = Policy(
    PolicyKind.ROLLING,
    date(2020, 1, 1),
    date(2024, 1, 31),
    horizon_days=42,
    portal_share_percent=60,
)
WEEKLY = Policy(
    PolicyKind.WEEKLY_RELEASE,
    date(2024, 2, 1),
    date(2024, 3, 17),
    release_weekday=3,
    release_time=time(18),
    portal_share_percent=60,
)
ROLLING_14 = Policy(PolicyKind.ROLLING, date(2024, 3, 18), horizon_days=14, portal_share_percent=60)
HISTORY = (ROLLING_42, WEEKLY, ROLLING_14)

STANDESAMT = Policy(
    PolicyKind.TIERED, date(2020, 1, 1), free_months=6, fee_months=12, fee_cents=6000
)


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BERLIN)


def slot_at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A slot start as the slot rules make it: aware UTC."""
    return berlin(year, month, day, hour, minute).astimezone(UTC)


# --- which policy is in force ----------------------------------------------


@pytest.mark.parametrize(
    ("asked_on", "expected"),
    [
        pytest.param(date(2024, 1, 31), ROLLING_42, id="2024-01-31-last-day-of-rolling-42"),
        pytest.param(date(2024, 2, 1), WEEKLY, id="2024-02-01-first-day-of-weekly"),
        pytest.param(date(2024, 3, 17), WEEKLY, id="2024-03-17-last-day-of-weekly"),
        pytest.param(date(2024, 3, 18), ROLLING_14, id="2024-03-18-rolling-14"),
        pytest.param(date(2030, 6, 1), ROLLING_14, id="rolling-14-is-open-ended"),
        pytest.param(date(2019, 12, 31), None, id="before-any-policy"),
    ],
)
def test_policy_for_picks_by_the_date_asked(asked_on: date, expected: Policy | None) -> None:
    assert policy_for(HISTORY, asked_on, "anmeldung") == expected


def test_service_specific_policy_wins_over_the_office_wide_one() -> None:
    passport = Policy(PolicyKind.ROLLING, date(2024, 3, 1), service_id="reisepass", horizon_days=28)
    policies = (*HISTORY, passport)
    assert policy_for(policies, date(2024, 3, 18), "reisepass") == passport
    assert policy_for(policies, date(2024, 3, 18), "anmeldung") == ROLLING_14


def test_service_specific_policy_not_yet_valid_falls_back_to_office_wide() -> None:
    passport = Policy(PolicyKind.ROLLING, date(2024, 4, 1), service_id="reisepass", horizon_days=28)
    assert policy_for((*HISTORY, passport), date(2024, 3, 18), "reisepass") == ROLLING_14


def test_no_valid_policy_gives_none_and_no_online_booking() -> None:
    assert policy_for((ROLLING_14,), date(2024, 3, 1), "anmeldung") is None
    assert policy_for((), date(2024, 3, 1), "anmeldung") is None
    decision = portal_decision(None, slot_at(2024, 3, 5), berlin(2024, 3, 1, 10))
    assert not decision.allowed
    assert "keine Online-Buchung" in (decision.reason or "")


# --- rolling horizon ---------------------------------------------------------

NOW = berlin(2024, 3, 20, 10)  # Wednesday; rolling 14 → last day 2024-04-03


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        pytest.param(slot_at(2024, 3, 21), True, id="tomorrow"),
        pytest.param(slot_at(2024, 4, 3, 8), True, id="last-day-morning"),
        pytest.param(slot_at(2024, 4, 3, 23, 45), True, id="last-day-23-45-local"),
        pytest.param(slot_at(2024, 4, 4, 0), False, id="first-day-outside-midnight-local"),
        pytest.param(slot_at(2024, 4, 4, 8), False, id="first-day-outside"),
        pytest.param(slot_at(2024, 5, 6), False, id="six-weeks-ahead"),
    ],
)
def test_rolling_14_days_horizon(start: datetime, allowed: bool) -> None:
    decision = portal_decision(ROLLING_14, start, NOW)
    assert decision.allowed is allowed
    assert decision.fee_cents is None
    if not allowed:
        assert decision.reason == ("außerhalb des Buchungsfensters: online buchbar bis 03.04.2024")


def test_rolling_horizon_counts_from_the_local_day_not_the_utc_day() -> None:
    # 00:30 Berlin on the 20th is still the 19th in UTC: the window ends 2024-04-03.
    now = berlin(2024, 3, 20, 0, 30)
    assert portal_decision(ROLLING_14, slot_at(2024, 4, 3), now).allowed
    assert portal_decision(ROLLING_14, slot_at(2024, 4, 3), now.astimezone(UTC)).allowed


def test_rolling_42_in_january() -> None:
    now = berlin(2024, 1, 10, 12)
    assert portal_decision(ROLLING_42, slot_at(2024, 2, 21), now).allowed
    assert not portal_decision(ROLLING_42, slot_at(2024, 2, 22), now).allowed


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(NOW - timedelta(days=1), id="yesterday"),
        pytest.param(NOW - timedelta(minutes=1), id="a-minute-ago"),
        pytest.param(NOW, id="right-now"),
    ],
)
def test_past_slot_is_refused(start: datetime) -> None:
    decision = portal_decision(ROLLING_14, start.astimezone(UTC), NOW)
    assert not decision.allowed
    assert decision.reason == "der Termin liegt in der Vergangenheit"


@pytest.mark.parametrize(
    ("lead", "ahead", "allowed"),
    [
        pytest.param(30, timedelta(minutes=29), False, id="lead-30-slot-29-min-ahead"),
        pytest.param(30, timedelta(minutes=29, seconds=59), False, id="lead-30-slot-29m59s-ahead"),
        pytest.param(30, timedelta(minutes=30), True, id="lead-30-slot-30-min-ahead"),
        pytest.param(0, timedelta(minutes=1), True, id="lead-0-slot-1-min-ahead"),
        pytest.param(0, timedelta(seconds=1), True, id="lead-0-slot-1-s-ahead"),
    ],
)
def test_min_lead_time(lead: int, ahead: timedelta, allowed: bool) -> None:
    policy = Policy(PolicyKind.ROLLING, date(2024, 3, 18), horizon_days=14, min_lead_minutes=lead)
    decision = portal_decision(policy, (NOW + ahead).astimezone(UTC), NOW)
    assert decision.allowed is allowed
    if not allowed:
        assert decision.reason == "zu kurzfristig: online mindestens 30 Minuten vorher"


# --- weekly release (Thursday 18:00) ---------------------------------------


def test_next_week_opens_thursday_at_18() -> None:
    monday = slot_at(2024, 3, 18, 9)
    policy = policy_for(HISTORY, date(2024, 3, 14), "anmeldung")
    assert policy == WEEKLY
    before = portal_decision(policy, monday, berlin(2024, 3, 14, 17, 59, 59))
    assert not before.allowed
    assert before.reason == (
        "noch nicht freigegeben: die Woche wird am Do 14.03.2024 um 18:00 Uhr freigeschaltet"
    )
    assert portal_decision(policy, monday, berlin(2024, 3, 14, 18)).allowed


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        pytest.param(berlin(2024, 3, 11, 8), False, id="monday-before"),
        pytest.param(berlin(2024, 3, 14, 17, 59), False, id="thursday-17-59"),
        pytest.param(berlin(2024, 3, 14, 18), True, id="thursday-18-00"),
        pytest.param(berlin(2024, 3, 15, 9), True, id="friday"),
        pytest.param(berlin(2024, 3, 17, 23, 59), True, id="sunday-night"),
    ],
)
def test_next_weeks_friday_is_released_thursday_at_18(now: datetime, allowed: bool) -> None:
    assert portal_decision(WEEKLY, slot_at(2024, 3, 22, 11), now).allowed is allowed


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(slot_at(2024, 3, 14, 18, 30), id="same-thursday-evening"),
        pytest.param(slot_at(2024, 3, 15, 9), id="friday"),
        pytest.param(slot_at(2024, 3, 16, 9), id="saturday"),
    ],
)
def test_slots_in_the_current_week_remain_allowed(start: datetime) -> None:
    assert portal_decision(WEEKLY, start, berlin(2024, 3, 14, 17, 59)).allowed


@pytest.mark.parametrize(
    "now",
    [
        pytest.param(berlin(2024, 3, 14, 18), id="right-after-release"),
        pytest.param(berlin(2024, 3, 17, 23, 59), id="sunday-night"),
    ],
)
def test_week_after_next_is_refused_even_after_the_release(now: datetime) -> None:
    decision = portal_decision(WEEKLY, slot_at(2024, 3, 25, 9), now)
    assert not decision.allowed
    assert "noch nicht freigegeben" in (decision.reason or "")
    assert "21.03.2024 um 18:00" in (decision.reason or "")


@pytest.mark.parametrize(
    ("slot_day", "release_utc", "offset_hours"),
    [
        pytest.param(
            date(2024, 4, 3),
            datetime(2024, 3, 28, 17, tzinfo=UTC),
            1,
            id="release-2024-03-28-before-spring-forward",
        ),
        pytest.param(
            date(2024, 4, 8),
            datetime(2024, 4, 4, 16, tzinfo=UTC),
            2,
            id="release-2024-04-04-after-spring-forward",
        ),
        pytest.param(
            date(2024, 10, 28),
            datetime(2024, 10, 24, 16, tzinfo=UTC),
            2,
            id="release-2024-10-24-before-fall-back",
        ),
        pytest.param(
            date(2024, 11, 4),
            datetime(2024, 10, 31, 17, tzinfo=UTC),
            1,
            id="release-2024-10-31-after-fall-back",
        ),
    ],
)
def test_release_moment_is_18_local_across_dst(
    slot_day: date, release_utc: datetime, offset_hours: int
) -> None:
    moment = release_moment(WEEKLY, slot_day)
    assert moment == release_utc
    local = moment.astimezone(BERLIN)
    assert (local.weekday(), local.time()) == (3, time(18))
    assert local.utcoffset() == timedelta(hours=offset_hours)


@pytest.mark.parametrize(
    ("release_thursday", "slot_day"),
    [
        pytest.param(date(2024, 3, 28), date(2024, 4, 2), id="2024-03-28"),
        pytest.param(date(2024, 10, 24), date(2024, 10, 28), id="2024-10-24"),
    ],
)
def test_dst_weeks_release_at_18_local(release_thursday: date, slot_day: date) -> None:
    policy = Policy(
        PolicyKind.WEEKLY_RELEASE, date(2024, 1, 1), release_weekday=3, release_time=time(18)
    )
    start = datetime.combine(slot_day, time(9), BERLIN).astimezone(UTC)
    at_1759 = datetime.combine(release_thursday, time(17, 59), BERLIN)
    at_1800 = datetime.combine(release_thursday, time(18), BERLIN)
    assert not portal_decision(policy, start, at_1759).allowed
    assert portal_decision(policy, start, at_1800).allowed


@pytest.mark.parametrize(
    "slot_day",
    [date(2024, 3, 18) + timedelta(days=n) for n in range(7)],
    ids=["mo", "di", "mi", "do", "fr", "sa", "so"],
)
def test_every_day_of_a_week_shares_one_release_moment(slot_day: date) -> None:
    assert release_moment(WEEKLY, slot_day) == berlin(2024, 3, 14, 18)


# --- tiered horizon (Standesamt) -------------------------------------------


@pytest.mark.parametrize(
    ("start", "allowed", "fee"),
    [
        pytest.param(slot_at(2024, 3, 21, 11), True, None, id="tomorrow-free"),
        pytest.param(slot_at(2024, 9, 20, 11), True, None, id="exactly-6-months-free"),
        pytest.param(slot_at(2024, 9, 21, 11), True, 6000, id="6-months-and-a-day-fee"),
        pytest.param(slot_at(2024, 12, 20, 11), True, 6000, id="9-months-fee"),
        pytest.param(slot_at(2025, 3, 20, 11), True, 6000, id="exactly-12-months-fee"),
        pytest.param(slot_at(2025, 3, 21, 11), False, None, id="beyond-12-months-refused"),
    ],
)
def test_standesamt_six_months_free_twelve_with_fee(
    start: datetime, allowed: bool, fee: int | None
) -> None:
    decision = portal_decision(STANDESAMT, start, NOW)
    assert (decision.allowed, decision.fee_cents) == (allowed, fee)
    if not allowed:
        assert decision.reason == ("außerhalb des Buchungsfensters: online buchbar bis 20.03.2025")


def test_tiered_without_fee_tier_ends_at_the_free_horizon() -> None:
    free_only = Policy(PolicyKind.TIERED, date(2020, 1, 1), free_months=6)
    assert portal_decision(free_only, slot_at(2024, 9, 20), NOW).allowed
    decision = portal_decision(free_only, slot_at(2024, 9, 21), NOW)
    assert not decision.allowed
    assert "bis 20.09.2024" in (decision.reason or "")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(date(2024, 1, 31), 1, date(2024, 2, 29), id="jan-31-leap-year-feb-29"),
        pytest.param(date(2023, 1, 31), 1, date(2023, 2, 28), id="jan-31-common-year-feb-28"),
        pytest.param(date(2024, 3, 31), 1, date(2024, 4, 30), id="mar-31-apr-30"),
        pytest.param(date(2024, 8, 31), 6, date(2025, 2, 28), id="aug-31-plus-6-across-year"),
        pytest.param(date(2024, 3, 20), 12, date(2025, 3, 20), id="plus-12-next-year"),
        pytest.param(date(2024, 2, 29), 12, date(2025, 2, 28), id="feb-29-plus-12-clamped"),
        pytest.param(date(2024, 2, 29), 48, date(2028, 2, 29), id="feb-29-plus-48-leap"),
        pytest.param(date(2024, 12, 31), 1, date(2025, 1, 31), id="dec-31-plus-1"),
        pytest.param(date(2024, 12, 15), 12, date(2025, 12, 15), id="december-plus-12"),
        pytest.param(date(2024, 11, 30), 3, date(2025, 2, 28), id="nov-30-plus-3"),
        pytest.param(date(2024, 5, 17), 0, date(2024, 5, 17), id="plus-0"),
    ],
)
def test_add_months_clamps_to_the_months_last_day(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- portal share of counters ----------------------------------------------


@pytest.mark.parametrize(
    ("counters", "policy", "capacity"),
    [
        pytest.param(6, ROLLING_14, 3, id="6-counters-60-percent-3"),
        pytest.param(5, ROLLING_14, 3, id="5-counters-60-percent-3"),
        pytest.param(4, ROLLING_14, 2, id="4-counters-60-percent-2"),
        pytest.param(1, ROLLING_14, 0, id="1-counter-60-percent-0"),
        pytest.param(0, ROLLING_14, 0, id="no-counters"),
        pytest.param(4, STANDESAMT, 4, id="100-percent-all"),
        pytest.param(6, None, 0, id="no-policy-0"),
    ],
)
def test_portal_capacity(counters: int, policy: Policy | None, capacity: int) -> None:
    assert portal_capacity(counters, policy) == capacity


# --- properties --------------------------------------------------------------

NOWS = st.datetimes(
    datetime(2024, 1, 1),
    datetime(2026, 12, 31),
    timezones=st.just(BERLIN),
    allow_imaginary=False,
)
OFFSETS = st.integers(-3 * 24 * 60, 60 * 24 * 60).map(lambda m: timedelta(minutes=m))


@settings(max_examples=300, deadline=None)
@given(NOWS, OFFSETS, st.integers(0, 60), st.integers(0, 120))
def test_rolling_never_allows_the_past_or_beyond_the_horizon(
    now: datetime, offset: timedelta, horizon: int, lead: int
) -> None:
    policy = Policy(
        PolicyKind.ROLLING, date(2020, 1, 1), horizon_days=horizon, min_lead_minutes=lead
    )
    start = (now + offset).astimezone(UTC)
    decision = portal_decision(policy, start, now)
    local_day = start.astimezone(BERLIN).date()
    expected = (
        start > now
        and start >= now.astimezone(UTC) + timedelta(minutes=lead)
        and local_day <= now.date() + timedelta(days=horizon)
    )
    assert decision.allowed is expected
    assert (decision.reason is None) is decision.allowed


@settings(max_examples=300, deadline=None)
@given(NOWS, OFFSETS, st.integers(0, 6), st.times())
def test_weekly_release_never_allows_the_past_or_an_unreleased_week(
    now: datetime, offset: timedelta, weekday: int, clock: time
) -> None:
    policy = Policy(
        PolicyKind.WEEKLY_RELEASE, date(2020, 1, 1), release_weekday=weekday, release_time=clock
    )
    start = (now + offset).astimezone(UTC)
    decision = portal_decision(policy, start, now)
    if decision.allowed:
        slot_day = start.astimezone(BERLIN).date()
        assert start > now
        assert now >= release_moment(policy, slot_day)
        this_monday = now.date() - timedelta(days=now.weekday())
        slot_monday = slot_day - timedelta(days=slot_day.weekday())
        assert slot_monday <= this_monday + timedelta(days=7)


@settings(max_examples=300, deadline=None)
@given(NOWS, st.integers(-3, 500).map(lambda d: timedelta(days=d)))
def test_tiered_fee_only_between_free_and_fee_horizon(now: datetime, offset: timedelta) -> None:
    start = (now + offset).astimezone(UTC)
    decision = portal_decision(STANDESAMT, start, now)
    slot_day = start.astimezone(BERLIN).date()
    if not decision.allowed:
        assert decision.fee_cents is None
        return
    assert start > now
    assert slot_day <= add_months(now.date(), 12)
    assert (decision.fee_cents == 6000) is (slot_day > add_months(now.date(), 6))


@settings(max_examples=300, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(0, 240))
def test_add_months_lands_in_the_right_month_never_after_the_day(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    if day.day <= 28:
        assert result.day == day.day


@pytest.mark.parametrize(
    ("now", "ahead", "allowed"),
    [
        pytest.param(
            berlin(2024, 3, 31, 1, 50), timedelta(minutes=30), False, id="spring-forward-30-real"
        ),
        pytest.param(
            berlin(2024, 3, 31, 1, 50), timedelta(minutes=90), True, id="spring-forward-90-real"
        ),
        pytest.param(
            berlin(2024, 10, 27, 1, 50), timedelta(minutes=90), True, id="fall-back-90-real"
        ),
        pytest.param(
            berlin(2024, 10, 27, 1, 50), timedelta(minutes=120), True, id="fall-back-120-real"
        ),
    ],
)
def test_min_lead_time_counts_real_minutes_across_dst(
    now: datetime, ahead: timedelta, allowed: bool
) -> None:
    """A lead time of 90 minutes means 90 minutes of real time, also on a DST night."""
    policy = Policy(PolicyKind.ROLLING, date(2024, 1, 1), horizon_days=14, min_lead_minutes=90)
    start = now.astimezone(UTC) + ahead
    assert portal_decision(policy, start, now).allowed is allowed


def test_decision_is_the_same_for_now_in_berlin_or_in_utc() -> None:
    policy = Policy(PolicyKind.ROLLING, date(2024, 1, 1), horizon_days=14, min_lead_minutes=90)
    now = berlin(2024, 3, 31, 1, 50)
    start = now.astimezone(UTC) + timedelta(minutes=30)
    in_berlin = portal_decision(policy, start, now)
    assert in_berlin == portal_decision(policy, start, now.astimezone(UTC))
