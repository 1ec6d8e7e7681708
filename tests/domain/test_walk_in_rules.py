"""Kontingentsprechstunde: when walk-in tickets may be issued, the quota, the call order."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.localtime import BERLIN
from desk.domain.status import OfficeKind, TicketReason
from desk.domain.walkin import REASON_LABELS_DE, WalkInRules, call_key, refusal, ticket_code

BUERGERBUERO = WalkInRules(OfficeKind.BUERGERBUERO, quota=20)
APPOINTMENT_ONLY = WalkInRules(OfficeKind.APPOINTMENT_ONLY)
GESUNDHEITSAMT = WalkInRules(OfficeKind.WALK_IN_ONLY, hours=[(time(8), time(15))])

MONDAY = (2024, 3, 18)
SATURDAY = (2024, 3, 23)


def at(ymd: tuple[int, int, int], hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(*ymd, hour, minute, second, tzinfo=BERLIN)


# --- the walk-in hour, Monday to Friday 8:00–9:00 ----------------------------


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        pytest.param(at(MONDAY, 7, 59, 59), False, id="07-59-59-refused"),
        pytest.param(at(MONDAY, 8), True, id="08-00-00-allowed"),
        pytest.param(at(MONDAY, 8, 30), True, id="08-30-allowed"),
        pytest.param(at(MONDAY, 8, 59, 59), True, id="08-59-59-allowed"),
        pytest.param(at(MONDAY, 9), False, id="09-00-00-refused"),
        pytest.param(at(MONDAY, 14), False, id="afternoon-refused"),
    ],
)
def test_buergerbuero_walk_in_hour_is_eight_to_nine(now: datetime, allowed: bool) -> None:
    reason = refusal(BUERGERBUERO, now, None, 0)
    assert (reason is None) is allowed
    if not allowed:
        assert reason == "die Sprechstunde ohne Termin ist von 08:00 bis 09:00 Uhr"


@pytest.mark.parametrize(
    "day",
    [
        pytest.param((2024, 3, 18), id="monday"),
        pytest.param((2024, 3, 19), id="tuesday"),
        pytest.param((2024, 3, 20), id="wednesday"),
        pytest.param((2024, 3, 21), id="thursday"),
        pytest.param((2024, 3, 22), id="friday"),
    ],
)
def test_walk_in_hour_on_every_working_day(day: tuple[int, int, int]) -> None:
    assert refusal(BUERGERBUERO, at(day, 8, 15), None, 0) is None


@pytest.mark.parametrize(
    "day",
    [pytest.param((2024, 3, 23), id="saturday"), pytest.param((2024, 3, 24), id="sunday")],
)
def test_no_walk_in_hour_at_the_weekend(day: tuple[int, int, int]) -> None:
    assert refusal(BUERGERBUERO, at(day, 8, 15), None, 0) == (
        "die Sprechstunde ohne Termin ist Montag bis Freitag"
    )


def test_holiday_refuses_with_its_reason_in_the_message() -> None:
    reason = refusal(BUERGERBUERO, at((2024, 3, 29), 8, 15), "Feiertag (Karfreitag)", 0)
    assert reason == "heute keine Sprechstunde: Feiertag (Karfreitag)"


def test_office_closure_refuses_with_its_reason_in_the_message() -> None:
    reason = refusal(BUERGERBUERO, at(MONDAY, 8, 15), "geschlossen (Umzug)", 0)
    assert reason is not None
    assert "geschlossen (Umzug)" in reason


@pytest.mark.parametrize(
    ("issued_today", "allowed"),
    [
        pytest.param(0, True, id="first-ticket"),
        pytest.param(19, True, id="19-issued-the-20th-allowed"),
        pytest.param(20, False, id="20-issued-quota-used-up"),
        pytest.param(25, False, id="over-quota"),
    ],
)
def test_daily_quota_of_20(issued_today: int, allowed: bool) -> None:
    reason = refusal(BUERGERBUERO, at(MONDAY, 8, 30), None, issued_today)
    assert (reason is None) is allowed
    if not allowed:
        assert reason == "das Tageskontingent von 20 Wartenummern ist ausgeschöpft"


def test_without_quota_there_is_no_limit() -> None:
    unlimited = WalkInRules(OfficeKind.BUERGERBUERO)
    assert refusal(unlimited, at(MONDAY, 8, 30), None, 10_000) is None


def test_custom_walk_in_hour() -> None:
    rules = WalkInRules(OfficeKind.BUERGERBUERO, walk_in_from=time(7, 30), walk_in_until=time(8))
    assert refusal(rules, at(MONDAY, 7, 30), None, 0) is None
    assert refusal(rules, at(MONDAY, 8), None, 0) == (
        "die Sprechstunde ohne Termin ist von 07:30 bis 08:00 Uhr"
    )


def test_buergerbuero_without_walk_in_hour_refuses() -> None:
    rules = WalkInRules(OfficeKind.BUERGERBUERO, walk_in_from=None, walk_in_until=None)
    assert refusal(rules, at(MONDAY, 8, 30), None, 0) is not None


# --- appointment-only and walk-in-only offices -----------------------------


@pytest.mark.parametrize(
    ("now", "closed", "issued"),
    [
        pytest.param(at(MONDAY, 8, 30), None, 0, id="during-walk-in-hour"),
        pytest.param(at(MONDAY, 11), None, 0, id="midday"),
        pytest.param(at(SATURDAY, 8, 30), None, 0, id="saturday"),
        pytest.param(at((2024, 3, 29), 8, 30), "Feiertag (Karfreitag)", 0, id="holiday"),
    ],
)
def test_appointment_only_office_always_refuses(
    now: datetime, closed: str | None, issued: int
) -> None:
    assert refusal(APPOINTMENT_ONLY, now, closed, issued) == (
        "dieser Standort bietet keine Sprechstunde ohne Termin an"
    )


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        pytest.param(at(MONDAY, 7, 59), False, id="07-59-refused"),
        pytest.param(at(MONDAY, 8), True, id="08-00-allowed"),
        pytest.param(at(MONDAY, 11, 30), True, id="11-30-allowed"),
        pytest.param(at(MONDAY, 14, 59), True, id="14-59-allowed"),
        pytest.param(at(MONDAY, 14, 59, 59), True, id="14-59-59-allowed"),
        pytest.param(at(MONDAY, 15), False, id="15-00-refused"),
        pytest.param(at(SATURDAY, 10), True, id="saturday-within-hours-allowed"),
    ],
)
def test_walk_in_only_office_issues_during_all_opening_hours(now: datetime, allowed: bool) -> None:
    reason = refusal(GESUNDHEITSAMT, now, None, 0)
    assert (reason is None) is allowed
    if not allowed:
        assert reason == "außerhalb der Öffnungszeiten"


def test_walk_in_only_office_with_a_lunch_break() -> None:
    rules = WalkInRules(OfficeKind.WALK_IN_ONLY, hours=[(time(8), time(12)), (time(13), time(15))])
    assert refusal(rules, at(MONDAY, 11, 59), None, 0) is None
    assert refusal(rules, at(MONDAY, 12, 30), None, 0) == "außerhalb der Öffnungszeiten"
    assert refusal(rules, at(MONDAY, 13), None, 0) is None


def test_walk_in_only_office_is_closed_on_holidays() -> None:
    reason = refusal(GESUNDHEITSAMT, at((2024, 10, 31), 10), "Feiertag (Reformationstag)", 0)
    assert reason == "heute keine Sprechstunde: Feiertag (Reformationstag)"


def test_walk_in_only_office_respects_its_quota() -> None:
    rules = WalkInRules(OfficeKind.WALK_IN_ONLY, quota=50, hours=[(time(8), time(15))])
    assert refusal(rules, at(MONDAY, 10), None, 49) is None
    assert "ausgeschöpft" in (refusal(rules, at(MONDAY, 10), None, 50) or "")


# --- ticket numbers and call order -----------------------------------------


@pytest.mark.parametrize(
    ("number", "code"),
    [
        pytest.param(1, "W-001", id="1"),
        pytest.param(17, "W-017", id="17"),
        pytest.param(120, "W-120", id="120"),
        pytest.param(999, "W-999", id="999"),
    ],
)
def test_ticket_code_is_prefix_dash_three_digits(number: int, code: str) -> None:
    assert ticket_code("W", number) == code


def test_lost_or_stolen_is_called_before_others_regardless_of_number() -> None:
    queue = [
        (TicketReason.REGISTRATION, 1),
        (TicketReason.OTHER, 2),
        (TicketReason.LOST_OR_STOLEN, 9),
        (TicketReason.URGENT_DOCUMENT, 3),
        (TicketReason.LOST_OR_STOLEN, 5),
    ]
    order = sorted(queue, key=lambda t: call_key(*t))
    assert [n for _, n in order] == [5, 9, 1, 2, 3]


def test_call_key_accepts_the_stored_reason_string() -> None:
    assert call_key("verlust_diebstahl", 100) < call_key("anmeldung", 1)


@pytest.mark.parametrize(
    "reason",
    [TicketReason.REGISTRATION, TicketReason.URGENT_DOCUMENT, TicketReason.OTHER],
    ids=lambda r: str(r),
)
def test_other_reasons_are_called_by_number_alone(reason: TicketReason) -> None:
    assert call_key(reason, 3) < call_key(TicketReason.OTHER, 4)
    assert call_key(TicketReason.OTHER, 2) < call_key(reason, 3)


def test_every_reason_has_a_german_label() -> None:
    assert set(REASON_LABELS_DE) == set(TicketReason)
    assert REASON_LABELS_DE[TicketReason.LOST_OR_STOLEN] == "Verlust/Diebstahl"


# --- properties --------------------------------------------------------------

HOUR_SECONDS = st.integers(0, 3599)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(HOUR_SECONDS, max_size=60).map(sorted),
    st.integers(0, 30),
    st.sampled_from([(2024, 3, 18), (2024, 3, 20), (2025, 10, 24), (2026, 2, 2)]),
)
def test_tickets_issued_never_exceed_the_quota(
    requests: list[int], quota: int, day: tuple[int, int, int]
) -> None:
    rules = WalkInRules(OfficeKind.BUERGERBUERO, quota=quota)
    issued = 0
    for second in requests:
        now = at(day, 8) + timedelta(seconds=second)
        if refusal(rules, now, None, issued) is None:
            issued += 1
    assert issued <= quota
    assert issued == min(quota, len(requests))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(TicketReason)), st.integers(1, 999)), max_size=30))
def test_call_order_puts_every_lost_or_stolen_ticket_first(
    tickets: list[tuple[TicketReason, int]],
) -> None:
    order = sorted(tickets, key=lambda t: call_key(*t))
    urgent = [t for t in order if t[0] == TicketReason.LOST_OR_STOLEN]
    assert order[: len(urgent)] == urgent
    assert [n for _, n in urgent] == sorted(n for _, n in urgent)
    rest = order[len(urgent) :]
    assert [n for _, n in rest] == sorted(n for _, n in rest)
