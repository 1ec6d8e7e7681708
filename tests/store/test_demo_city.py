"""The demo city of DESIGN.md §5, seeded on SQLite and PostgreSQL (read-only here,
except the seeding-twice test, which seeds a fresh database of its own)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.demo.seed import seed_demo_city
from desk.demo.standalone import is_seeded, prepare_standalone
from desk.domain.audit import AuditAction
from desk.domain.errors import UnknownId
from desk.domain.holidays_de import holiday_name
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.passwords import verify_password
from desk.domain.status import AppointmentStatus
from desk.services.appointments.agenda import day_appointments
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.offices import get_office, list_offices
from desk.store.models import (
    Appointment,
    AuditEntry,
    Base,
    BookingPolicy,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    Service,
    Ticket,
    User,
)
from tests.conftest import DEMO_NOW_ISO

DEMO_NOW = parse_now(DEMO_NOW_ISO)
BUERGERBUEROS = ("bb-mitte", "bb-nord", "bb-sued", "bb-west")
OFFICE_IDS = (*BUERGERBUEROS, "standesamt", "gesundheitsamt")
SERVICE_IDS = (
    "anmeldung",
    "personalausweis",
    "reisepass",
    "abholung",
    "fuehrungszeugnis",
    "verlust",
    "trauung",
)
PAST_STATES = {AppointmentStatus.DONE, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED}
FUTURE_STATES = {AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED}


@pytest.fixture
def demo(demo_url: str) -> Iterator[DeskDatabase]:
    db = open_database(demo_url)
    yield db
    db.dispose()


def _row_counts(db: DeskDatabase) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


def _appointments(db: DeskDatabase) -> list[Appointment]:
    with Session(db.engine) as s:
        return list(s.scalars(select(Appointment).order_by(Appointment.starts_at)))


# --- seeding ---------------------------------------------------------------


def test_seeding_twice_inserts_nothing_the_second_time(db_url: str) -> None:
    upgrade_database(db_url)
    db = open_database(db_url)
    try:
        assert not is_seeded(db)
        first = seed_demo_city(db, DEMO_NOW)
        counts = _row_counts(db)
        assert is_seeded(db)
        second = seed_demo_city(db, DEMO_NOW)
        assert _row_counts(db) == counts
    finally:
        db.dispose()
    assert first.total > 0
    assert {table for table, n in first.inserted.items() if n} == {
        table for table, n in counts.items() if n
    }
    assert sum(counts.values()) == first.total
    assert second.total == 0, second.inserted


def test_demo_database_is_seeded_and_at_head(demo: DeskDatabase) -> None:
    assert is_seeded(demo)
    counts = _row_counts(demo)
    for table in ("office", "counter", "service", "appointment", "ticket", "booking_policy"):
        assert counts[table] > 0, table


# --- stable ids of DESIGN.md §5 ----------------------------------------------


def test_every_demo_office_id_exists(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        assert set(OFFICE_IDS) <= set(s.scalars(select(Office.id)))


def test_every_demo_service_id_exists(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        assert set(SERVICE_IDS) <= set(s.scalars(select(Service.id)))


@pytest.mark.parametrize("office_id", BUERGERBUEROS)
def test_buergerbuero_has_walk_in_hour_quota_and_4_to_6_counters(
    demo: DeskDatabase, office_id: str
) -> None:
    with Session(demo.engine) as s:
        office = s.get(Office, office_id)
        assert office is not None
        assert office.kind == "buergerbuero"
        assert office.walk_in_quota == 20
        assert (office.walk_in_from, office.walk_in_until) == (time(8), time(9))
        assert office.timezone == "Europe/Berlin"
        assert office.state == "ST"
        active = s.scalars(
            select(Counter.number).where(Counter.office_id == office_id, Counter.active)
        ).all()
    assert 4 <= len(active) <= 6
    assert sorted(active) == list(range(1, len(active) + 1))


def test_office_directory_lists_buergerbueros_first_with_their_counters(
    demo: DeskDatabase,
) -> None:
    offices = list_offices(demo)
    assert {o.id for o in offices} == set(OFFICE_IDS)
    kinds = [o.kind == "buergerbuero" for o in offices]
    assert kinds == sorted(kinds, reverse=True)
    mitte = get_office(demo, "bb-mitte")
    assert [c.number for c in mitte.counters] == list(range(1, len(mitte.counters) + 1))
    assert "Saalfurt" in mitte.address


def test_service_durations_are_5_to_45_minutes(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        durations = dict(s.execute(select(Service.id, Service.duration_minutes)).all())
    assert durations
    assert all(5 <= minutes <= 45 for minutes in durations.values()), durations


# --- booking policies ----------------------------------------------------------


def _policies(db: DeskDatabase, office_id: str) -> list[BookingPolicy]:
    with Session(db.engine) as s:
        return list(
            s.scalars(
                select(BookingPolicy)
                .where(BookingPolicy.office_id == office_id)
                .order_by(BookingPolicy.valid_from)
            )
        )


@pytest.mark.parametrize("office_id", BUERGERBUEROS)
def test_weekly_release_opens_thursday_at_18_until_2024_03_17(
    demo: DeskDatabase, office_id: str
) -> None:
    weekly = [p for p in _policies(demo, office_id) if p.kind == "weekly_release"]
    assert len(weekly) == 1
    policy = weekly[0]
    assert policy.valid_until == date(2024, 3, 17)
    assert policy.release_weekday == 3  # Monday is 0: Thursday
    assert policy.release_time == time(18, 0)


@pytest.mark.parametrize("office_id", BUERGERBUEROS)
def test_rolling_14_day_horizon_from_2024_03_18_on(demo: DeskDatabase, office_id: str) -> None:
    current = [p for p in _policies(demo, office_id) if p.valid_from == date(2024, 3, 18)]
    assert len(current) == 1
    policy = current[0]
    assert policy.kind == "rolling"
    assert policy.horizon_days == 14
    assert policy.valid_until is None


@pytest.mark.parametrize("office_id", OFFICE_IDS)
def test_policy_periods_of_one_office_do_not_overlap(demo: DeskDatabase, office_id: str) -> None:
    by_service: dict[str | None, list[BookingPolicy]] = defaultdict(list)
    for policy in _policies(demo, office_id):
        by_service[policy.service_id].append(policy)
    for policies in by_service.values():
        for earlier, later in pairwise(policies):
            assert earlier.valid_until is not None, (earlier.kind, earlier.valid_from)
            assert earlier.valid_until < later.valid_from
        assert all(p.valid_until is None or p.valid_from <= p.valid_until for p in policies)


@pytest.mark.parametrize("office_id", BUERGERBUEROS)
def test_exactly_one_policy_is_valid_on_each_day_around_the_change(
    demo: DeskDatabase, office_id: str
) -> None:
    policies = _policies(demo, office_id)
    for day in (date(2024, 3, 14), date(2024, 3, 17), date(2024, 3, 18), date(2024, 3, 20)):
        valid = [
            p
            for p in policies
            if p.valid_from <= day and (p.valid_until is None or day <= p.valid_until)
        ]
        expected = "weekly_release" if day <= date(2024, 3, 17) else "rolling"
        assert [p.kind for p in valid] == [expected], day


def test_standesamt_has_a_tiered_policy_with_six_free_months(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        office = s.get(Office, "standesamt")
        assert office is not None
        assert office.kind == "appointment_only"
    policies = _policies(demo, "standesamt")
    tiered = [p for p in policies if p.kind == "tiered"]
    assert len(tiered) == 1
    assert tiered[0].free_months == 6
    assert tiered[0].valid_until is None


def test_gesundheitsamt_is_walk_in_only_without_bookable_service(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        office = s.get(Office, "gesundheitsamt")
        assert office is not None
        assert office.kind == "walk_in_only"
        offered = s.scalars(
            select(OfficeService.service_id).where(OfficeService.office_id == "gesundheitsamt")
        ).all()
        booked = s.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(Appointment.office_id == "gesundheitsamt")
        )
    assert offered == []
    assert booked == 0
    assert _policies(demo, "gesundheitsamt") == []


# --- users -------------------------------------------------------------------


def test_demo_users_have_a_team_lead_and_several_clerks(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        roles = s.scalars(select(User.role)).all()
    assert roles.count("team_lead") >= 1
    assert roles.count("clerk") >= 2


def test_demo_passwords_are_stored_as_argon2id_hashes_of_demo(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        hashes = s.scalars(select(User.password_hash)).all()
    assert hashes
    for stored in hashes:
        assert stored != "demo"
        assert stored.startswith("$argon2id$")
        assert verify_password("demo", stored)
        assert not verify_password("Demo", stored)
    assert len(set(hashes)) == len(hashes), "every user has an own salt"


# --- appointments ----------------------------------------------------------


def test_appointments_lie_in_the_past_and_the_future_of_now(demo: DeskDatabase) -> None:
    appointments = _appointments(demo)
    assert any(a.ends_at <= DEMO_NOW for a in appointments)
    assert any(a.starts_at > DEMO_NOW for a in appointments)
    assert all(a.starts_at.utcoffset() == timedelta(0) for a in appointments)


def test_no_appointment_on_a_weekend(demo: DeskDatabase) -> None:
    weekend = [a for a in _appointments(demo) if a.starts_at.astimezone(BERLIN).weekday() >= 5]
    assert weekend == []


def test_no_appointment_on_a_public_holiday(demo: DeskDatabase) -> None:
    appointments = _appointments(demo)
    first = appointments[0].starts_at.astimezone(BERLIN).date()
    last = appointments[-1].starts_at.astimezone(BERLIN).date()
    assert first <= date(2024, 3, 29) and date(2024, 4, 1) <= last, "range covers Easter"
    on_holidays = [
        (a.office_id, a.starts_at)
        for a in appointments
        if holiday_name(a.starts_at.astimezone(BERLIN).date()) is not None
    ]
    assert on_holidays == []


@pytest.mark.parametrize(
    "holiday", [date(2024, 3, 29), date(2024, 4, 1)], ids=["karfreitag", "ostermontag"]
)
def test_easter_holidays_have_no_appointments_in_any_office(
    demo: DeskDatabase, holiday: date
) -> None:
    for office_id in OFFICE_IDS:
        assert day_appointments(demo, office_id, holiday) == [], office_id


def test_easter_week_neighbours_do_have_appointments(demo: DeskDatabase) -> None:
    # Thursday before Good Friday and Tuesday after Easter Monday are working days.
    assert day_appointments(demo, "bb-mitte", date(2024, 3, 28))
    assert day_appointments(demo, "bb-mitte", date(2024, 4, 2))


def test_appointments_lie_within_the_opening_templates_of_their_counter(
    demo: DeskDatabase,
) -> None:
    with Session(demo.engine) as s:
        templates = s.scalars(select(OpeningTemplate)).all()
        hours: dict[tuple[object, int], list[tuple[time, time, date, date | None]]] = defaultdict(
            list
        )
        for t in templates:
            hours[(t.counter_id, t.weekday)].append(
                (t.opens, t.closes, t.valid_from, t.valid_until)
            )
    outside = []
    for a in _appointments(demo):
        start, end = a.starts_at.astimezone(BERLIN), a.ends_at.astimezone(BERLIN)
        assert start.date() == end.date()
        fits = any(
            opens <= start.time()
            and end.time() <= closes
            and valid_from <= start.date()
            and (valid_until is None or start.date() <= valid_until)
            for opens, closes, valid_from, valid_until in hours[(a.counter_id, start.weekday())]
        )
        if not fits:
            outside.append((a.office_id, start.isoformat(), end.isoformat()))
    assert outside == []


def test_appointment_lasts_at_least_its_service(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        durations = dict(s.execute(select(Service.id, Service.duration_minutes)).all())
    short = [
        a.booking_code
        for a in _appointments(demo)
        if a.ends_at - a.starts_at < timedelta(minutes=durations[a.service_id])
    ]
    assert short == []


def test_appointment_service_is_offered_by_its_office(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        offered = set(s.execute(select(OfficeService.office_id, OfficeService.service_id)))
        used = set(s.execute(select(Appointment.office_id, Appointment.service_id).distinct()))
    assert used <= offered


def test_appointment_counter_belongs_to_its_office(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        mismatched = s.scalar(
            select(func.count())
            .select_from(Appointment)
            .join(Counter, Counter.id == Appointment.counter_id)
            .where(Counter.office_id != Appointment.office_id)
        )
    assert mismatched == 0


def test_no_two_holding_appointments_overlap_at_one_counter(demo: DeskDatabase) -> None:
    by_counter: dict[object, list[Appointment]] = defaultdict(list)
    for a in _appointments(demo):
        if a.status != AppointmentStatus.CANCELLED:
            by_counter[a.counter_id].append(a)
    overlaps = []
    for appointments in by_counter.values():
        appointments.sort(key=lambda a: a.starts_at)
        for earlier, later in pairwise(appointments):
            if later.starts_at < earlier.ends_at:
                overlaps.append((earlier.booking_code, later.booking_code))
    assert overlaps == []


def test_past_appointments_are_finished_and_future_ones_open(demo: DeskDatabase) -> None:
    wrong_past, wrong_future = [], []
    for a in _appointments(demo):
        if a.ends_at <= DEMO_NOW and a.status not in PAST_STATES:
            wrong_past.append((a.starts_at, a.status))
        if a.starts_at > DEMO_NOW and a.status not in FUTURE_STATES:
            wrong_future.append((a.starts_at, a.status))
    assert wrong_past == []
    assert wrong_future == []


def test_appointments_under_way_at_now_are_held(demo: DeskDatabase) -> None:
    running = [a for a in _appointments(demo) if a.starts_at <= DEMO_NOW < a.ends_at]
    assert all(a.status != AppointmentStatus.CANCELLED for a in running)
    assert all(a.status not in (AppointmentStatus.DONE, AppointmentStatus.NO_SHOW) for a in running)


def test_booking_codes_are_unique(demo: DeskDatabase) -> None:
    codes = [a.booking_code for a in _appointments(demo)]
    assert len(codes) == len(set(codes))


# --- walk-in tickets --------------------------------------------------------


def _tickets(db: DeskDatabase) -> list[Ticket]:
    with Session(db.engine) as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.issued_at)))


def test_walk_in_tickets_stay_within_quota_and_the_walk_in_hour(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        quotas = dict(s.execute(select(Office.id, Office.walk_in_quota)).all())
    tickets = _tickets(demo)
    assert tickets
    per_day: dict[tuple[str, date], list[int]] = defaultdict(list)
    for t in tickets:
        issued = t.issued_at.astimezone(BERLIN)
        assert issued.date() == t.service_day
        assert time(8) <= issued.time() < time(9), t.code
        assert holiday_name(t.service_day) is None and t.service_day.weekday() < 5
        assert t.code == f"W-{t.number:03d}"
        per_day[(t.office_id, t.service_day)].append(t.number)
    for (office_id, _day), numbers in per_day.items():
        assert quotas[office_id] is not None
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        assert len(numbers) <= quotas[office_id]


def test_walk_in_tickets_carry_no_stamp_after_now(demo: DeskDatabase) -> None:
    late = [
        t.code
        for t in _tickets(demo)
        if t.issued_at > DEMO_NOW
        or (t.called_at is not None and t.called_at > DEMO_NOW)
        or (t.finished_at is not None and t.finished_at > DEMO_NOW)
    ]
    assert late == []


def test_seeded_right_after_the_walk_in_hour_no_ticket_is_finished_in_the_future(
    sqlite_url: str,
) -> None:
    # A training run with --now 09:00: the walk-in hour just ended, its queue is still served.
    now = parse_now("2024-03-20T09:00")
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    try:
        seed_demo_city(db, now)
        tickets = _tickets(db)
    finally:
        db.dispose()
    assert any(t.service_day == now.date() for t in tickets)
    from_the_future = [
        (t.office_id, t.code, t.status, t.called_at, t.finished_at)
        for t in tickets
        if (t.called_at is not None and t.called_at > now)
        or (t.finished_at is not None and t.finished_at > now)
    ]
    assert from_the_future == []


# --- the day's agenda and the office directory ------------------------------


def test_day_agenda_is_sorted_and_local_to_berlin(demo: DeskDatabase) -> None:
    day = date(2024, 3, 20)
    rows = day_appointments(demo, "bb-mitte", day)
    assert rows
    keys = [(r.starts_at, r.counter_number) for r in rows]
    assert keys == sorted(keys)
    for row in rows:
        assert row.starts_at.tzinfo == BERLIN
        assert row.starts_at.date() == day
        assert row.ends_at.date() == day
        assert time(9) <= row.starts_at.time() and row.ends_at.time() <= time(12)


def test_day_agenda_holds_exactly_that_days_appointments(demo: DeskDatabase) -> None:
    day = date(2024, 3, 20)
    with Session(demo.engine) as s:
        expected = {
            a.id
            for a in s.scalars(select(Appointment).where(Appointment.office_id == "bb-mitte"))
            if a.starts_at.astimezone(BERLIN).date() == day
        }
    assert {r.id for r in day_appointments(demo, "bb-mitte", day)} == expected


def test_day_agenda_of_a_sunday_is_empty(demo: DeskDatabase) -> None:
    assert day_appointments(demo, "bb-mitte", date(2024, 3, 24)) == []


def test_unknown_office_is_refused_with_the_known_ids(demo: DeskDatabase) -> None:
    with pytest.raises(UnknownId) as refused:
        get_office(demo, "nope")
    message = str(refused.value)
    assert "nope" in message
    for office_id in OFFICE_IDS:
        assert office_id in message
    assert "\n" not in message


def test_agenda_of_an_unknown_office_is_refused(demo: DeskDatabase) -> None:
    with pytest.raises(UnknownId, match="bb-mitte"):
        day_appointments(demo, "nope", date(2024, 3, 20))


def test_now_is_a_wednesday_after_the_policy_change() -> None:
    assert DEMO_NOW.replace(tzinfo=None) == datetime(2024, 3, 20, 10, 30)
    assert DEMO_NOW.tzinfo == BERLIN
    assert DEMO_NOW.weekday() == 2


def test_the_demo_history_is_in_the_audit_log_without_names(demo: DeskDatabase) -> None:
    with Session(demo.engine) as s:
        called = s.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(Appointment.status.in_(("called", "in_service", "done")))
            .where(Appointment.starts_at <= DEMO_NOW)
        )
        calls = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == AuditAction.APPOINTMENT_CALL)
        )
        tickets_called = s.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.called_at.is_not(None))
        )
        ticket_calls = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == AuditAction.TICKET_CALL)
        )
        names = set(s.scalars(select(Appointment.citizen_name)))
        texts = [
            t
            for row in s.execute(
                select(AuditEntry.detail, AuditEntry.old_value, AuditEntry.new_value)
            )
            for t in row
            if t
        ]
        latest = s.scalar(select(func.max(AuditEntry.at)))
    assert calls and calls >= called  # every appointment served or called was called once
    assert ticket_calls == tickets_called
    assert latest is not None and latest <= DEMO_NOW  # nothing audited in the future
    logged = "\n".join(texts)
    assert not [name for name in names if name in logged]


def test_the_demo_city_takes_the_configured_state_and_its_holidays(tmp_path) -> None:
    # Fronleichnam (30 May 2024) is a public holiday in Bavaria, not in Sachsen-Anhalt
    corpus_christi = date(2024, 5, 30)
    seen: dict[str, tuple[set[str], int]] = {}
    for state in ("ST", "BY"):
        url = f"sqlite:///{tmp_path / f'{state}.sqlite'}"
        db = prepare_standalone(url, parse_now("2024-05-20T10:00"), state)
        try:
            with Session(db.engine) as s:
                states = set(s.scalars(select(Office.state)))
            on_the_day = day_appointments(db, "bb-mitte", corpus_christi)
            seen[state] = (states, len(on_the_day))
        finally:
            db.dispose()
    assert seen["ST"][0] == {"ST"} and seen["ST"][1] > 0
    assert seen["BY"] == ({"BY"}, 0)
