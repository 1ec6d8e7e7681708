"""The portal's and the walk-in hour's rules through the real command line (DESIGN.md §5),
each on a writable demo city on SQLite and on PostgreSQL.

The city is seeded once per backend for this module; every test writes to its own
office or day, so the tests do not see each other's bookings and tickets.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from desk.demo.seed import seed_demo_city
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import AppointmentStatus, Channel, TicketReason
from desk.services.appointments.booking import offered_slots
from desk.services.database import open_database, upgrade_database
from desk.services.walkin.tickets import issue_ticket
from desk.store.models import Appointment
from tests.conftest import DEMO_NOW_ISO, libpq_conninfo

NOW = DEMO_NOW_ISO  # Wednesday 2024-03-20 10:30, rolling 14 days in force
Cli = Callable[..., subprocess.CompletedProcess[str]]


def _seed(url: str) -> None:
    upgrade_database(url)
    db = open_database(url)
    try:
        seed_demo_city(db, parse_now(DEMO_NOW_ISO))
    finally:
        db.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def city(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A freshly seeded, writable demo city shared by this module's tests (one per backend)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('city') / 'city.sqlite'}"
        _seed(url)
        yield url
        return
    admin_url = str(request.getfixturevalue("pg_admin_url"))
    admin = libpq_conninfo(admin_url)
    name = f"bd_cli_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        _seed(url)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


# --------------------------------------------------------------------------
# Helpers


def parallel(cli: Cli, *calls: Sequence[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run independent commands at once (each start of the console script costs ~1 s)."""
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda args: cli(*args), calls))


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2, exactly one line on stderr naming the reason, no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("buergerdesk: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def slots_args(url: str, office: str, now: str, service: str = "anmeldung") -> list[str]:
    return [
        "portal", "slots", "--url", url, "--office", office, "--service", service,
        "--now", now, "--json",
    ]  # fmt: skip


def book_args(
    url: str, office: str, start: str, name: str = "Anna Müller", *extra: str, now: str = NOW
) -> list[str]:
    return [
        "portal", "book", "--url", url, "--office", office, "--service", "anmeldung",
        "--start", start, "--name", name, "--now", now, *extra,
    ]  # fmt: skip


def issue_args(url: str, office: str, now: str, *extra: str) -> list[str]:
    return ["walkin", "issue", "--url", url, "--office", office, "--now", now, *extra]


def call_args(url: str, office: str, counter: int, now: str) -> list[str]:
    return [
        "walkin", "call", "--url", url, "--office", office, "--counter", str(counter),
        "--now", now, "--json",
    ]  # fmt: skip


def offered(result: subprocess.CompletedProcess[str]) -> list[datetime]:
    """The offered starts of a ``portal slots --json`` answer, checked for ISO with offset."""
    document = json.loads(succeeded(result))
    starts = []
    for slot in document["slots"]:
        start, end = datetime.fromisoformat(slot["start"]), datetime.fromisoformat(slot["end"])
        for value in (start, end):
            assert value.utcoffset() is not None, slot
            # The offset is Berlin's on that day (+01:00 before, +02:00 after 2024-03-31).
            assert value.utcoffset() == value.astimezone(BERLIN).utcoffset(), slot
        assert start < end
        starts.append(start)
    assert starts == sorted(starts)
    return starts


def free_starts(url: str, office: str, now: str = NOW) -> list[datetime]:
    """The portal's offered starts, asked in-process (cheaper than the CLI; to pick a start)."""
    db = open_database(url)
    try:
        return [o.start for o in offered_slots(db, office, "anmeldung", parse_now(now))]
    finally:
        db.dispose()


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


# --------------------------------------------------------------------------
# Booking window (Buchungsfenster)


def test_next_week_opens_thursday_at_18(cli: Cli, city: str) -> None:
    # 2024-03-14 is a Thursday under the weekly release (valid 2024-02-01 to 2024-03-17).
    before, after = parallel(
        cli,
        slots_args(city, "bb-mitte", "2024-03-14T17:59"),
        slots_args(city, "bb-mitte", "2024-03-14T18:00"),
    )
    monday, sunday = week_of(date(2024, 3, 18))
    at_1759 = offered(before)
    at_1800 = offered(after)
    assert at_1759, "the current week stays bookable"
    assert all(s > parse_now("2024-03-14T17:59") for s in at_1759)
    assert all(s > parse_now("2024-03-14T18:00") for s in at_1800)
    assert not [s for s in at_1759 if monday <= s.date() <= sunday]
    assert [s for s in at_1800 if monday <= s.date() <= sunday]
    # The week after is released only on the following Thursday.
    assert not [s for s in at_1800 if s.date() > sunday]
    assert json.loads(after.stdout)["now"] == "2024-03-14T18:00:00+01:00"


def test_rolling_horizon_ends_14_days_ahead(cli: Cli, city: str) -> None:
    starts = offered(cli(*slots_args(city, "bb-mitte", NOW)))
    assert starts
    assert all(s > parse_now(NOW) for s in starts)
    assert max(s.date() for s in starts) == date(2024, 4, 3)
    last_day = [s for s in starts if s.date() == date(2024, 4, 3)]
    inside, outside = parallel(
        cli,
        [*book_args(city, "bb-mitte", last_day[-1].isoformat()), "--json"],
        book_args(city, "bb-mitte", "2024-04-04T09:00"),
    )
    booking = json.loads(succeeded(inside))
    assert datetime.fromisoformat(booking["start"]) == last_day[-1]
    assert booking["status"] == "booked" and booking["channel"] == "portal"
    refused(outside, "außerhalb des Buchungsfensters", "03.04.2024")


def test_no_booking_on_karfreitag(cli: Cli, city: str) -> None:
    refused(cli(*book_args(city, "bb-mitte", "2024-03-29T10:00")), "Karfreitag")


def portal_bookings(url: str, office: str) -> Counter[datetime]:
    """How many holding portal bookings start at each start time in an office."""
    db = open_database(url)
    try:
        with Session(db.engine) as session:
            starts = session.scalars(
                select(Appointment.starts_at).where(
                    Appointment.office_id == office,
                    Appointment.channel == Channel.PORTAL,
                    Appointment.status != AppointmentStatus.CANCELLED,
                )
            )
            return Counter(starts)
    finally:
        db.dispose()


def test_taken_start_is_refused_and_cancelling_frees_it(cli: Cli, city: str) -> None:
    # Four counters and a 60 % portal share: two portal bookings per start. Take a start
    # that holds one already, so of two bookings at once exactly one can win.
    booked = portal_bookings(city, "bb-sued")
    start = next(
        s for s in free_starts(city, "bb-sued") if s.date() >= date(2024, 3, 25) and booked[s] == 1
    )
    attempts = parallel(cli, *[book_args(city, "bb-sued", start.isoformat())] * 2)
    codes = [succeeded(r).splitlines()[0] for r in attempts if r.returncode == 0]
    refusals = [refused(r) for r in attempts if r.returncode != 0]
    assert len(codes) == len(refusals) == 1, [r.stderr for r in attempts]
    assert "vergeben" in refusals[0] or "ausgebucht" in refusals[0], refusals[0]
    assert portal_bookings(city, "bb-sued")[start] == 2
    assert start not in free_starts(city, "bb-sued")

    cancel = ["portal", "cancel", "--url", city, "--now", NOW, "--code"]
    done, unknown = parallel(cli, [*cancel, codes[0]], [*cancel, "ZZZZ-ZZZZ"])
    assert "storniert" in succeeded(done)
    refused(unknown, "ZZZZ-ZZZZ")
    again, twice = parallel(cli, slots_args(city, "bb-sued", NOW), [*cancel, codes[0]])
    assert start in offered(again)
    refused(twice, "bereits storniert")


NAMES = (
    "Özlem Yılmaz-Groß",
    "O'Brien",
    "محمد الأحمد",
    "Zoe\u0308 Ba\u0308cker",  # decomposed umlauts: never normalised
    ("Maria-Theresia Walburga Amalia Christina von Habsburg-Lothringen " * 4)[:199] + "x",
    "Robert'); DROP TABLE appointment;--",
)


def test_names_are_stored_exactly_as_given(cli: Cli, city: str) -> None:
    assert len(NAMES[4]) == 200
    starts = free_starts(city, "bb-west")
    day = next(
        d
        for d in sorted({s.date() for s in starts})
        if sum(s.date() == d for s in starts) >= len(NAMES)
    )
    chosen = [s for s in starts if s.date() == day][: len(NAMES)]
    results = parallel(
        cli,
        *(
            [*book_args(city, "bb-west", s.isoformat(), name), "--json"]
            for s, name in zip(chosen, NAMES, strict=True)
        ),
    )
    codes = {json.loads(succeeded(r))["code"]: name for r, name in zip(results, NAMES, strict=True)}
    for r, name in zip(results, NAMES, strict=True):
        assert json.loads(r.stdout)["name"] == name

    agenda = cli(
        "agenda", "--url", city, "--office", "bb-west", "--date", day.isoformat(), "--json"
    )
    rows = {a["booking_code"]: a["name"] for a in json.loads(succeeded(agenda))["appointments"]}
    assert {code: rows[code] for code in codes} == codes


# --------------------------------------------------------------------------
# Standesamt: tiered horizon with a fee


def test_wedding_beyond_six_months_costs_a_fee(cli: Cli, city: str) -> None:
    def trauung(start: str) -> list[str]:
        return [
            "portal", "book", "--url", city, "--office", "standesamt", "--service", "trauung",
            "--start", start, "--name", "Paar Schulze", "--now", NOW, "--json",
        ]  # fmt: skip

    eight, four = parallel(cli, trauung("2024-11-19T09:00"), trauung("2024-07-17T09:00"))
    late = json.loads(succeeded(eight))
    assert late["fee_cents"] == 6000
    assert late["start"] == "2024-11-19T09:00:00+01:00"
    soon = json.loads(succeeded(four))
    assert soon["fee_cents"] is None
    assert soon["start"] == "2024-07-17T09:00:00+02:00"


# --------------------------------------------------------------------------
# Walk-in hour (Kontingentsprechstunde)


def test_walk_in_hour_is_8_to_9(cli: Cli, city: str) -> None:
    early, first, late = parallel(
        cli,
        issue_args(city, "bb-nord", "2024-03-21T07:59"),
        issue_args(city, "bb-nord", "2024-03-21T08:00", "--json"),
        issue_args(city, "bb-nord", "2024-03-21T09:00"),
    )
    refused(early, "08:00 bis 09:00")
    refused(late, "08:00 bis 09:00")
    ticket = json.loads(succeeded(first))
    assert ticket["code"] == "W-001"
    assert ticket["issued_at"] == "2024-03-21T08:00:00+01:00"
    last = cli(*issue_args(city, "bb-nord", "2024-03-21T08:59:59"))
    assert succeeded(last).startswith("W-002 ")


def test_no_walk_in_on_karfreitag_or_saturday(cli: Cli, city: str) -> None:
    holiday, saturday = parallel(
        cli,
        issue_args(city, "bb-nord", "2024-03-29T08:30"),
        issue_args(city, "bb-nord", "2024-03-23T08:30"),
    )
    refused(holiday, "Karfreitag")
    refused(saturday, "Montag bis Freitag")


def test_the_21st_ticket_of_a_day_is_refused(cli: Cli, city: str) -> None:
    # The first 19 tickets through the service (same door as the CLI), to save time.
    db = open_database(city)
    try:
        for minute in range(19):
            issue_ticket(
                db, "bb-west", TicketReason.OTHER, parse_now(f"2024-03-21T08:{minute:02d}")
            )
    finally:
        db.dispose()
    twentieth = cli(
        *issue_args(city, "bb-west", "2024-03-21T08:30", "--reason", "verlust_diebstahl", "--json")
    )
    ticket = json.loads(succeeded(twentieth))
    assert (ticket["code"], ticket["reason"], ticket["left_today"]) == (
        "W-020",
        "verlust_diebstahl",
        0,
    )
    refused(cli(*issue_args(city, "bb-west", "2024-03-21T08:31")), "ausgeschöpft", "20")


def test_lost_documents_are_called_first_then_by_number(cli: Cli, city: str) -> None:
    db = open_database(city)
    reasons = [
        TicketReason.OTHER,
        TicketReason.LOST_OR_STOLEN,
        TicketReason.URGENT_DOCUMENT,
        TicketReason.LOST_OR_STOLEN,
    ]
    try:
        for minute, reason in enumerate(reasons, start=1):
            issue_ticket(db, "bb-sued", reason, parse_now(f"2024-03-21T08:{minute:02d}"))
    finally:
        db.dispose()
    first, unknown, nobody = parallel(
        cli,
        call_args(city, "bb-sued", 2, "2024-03-21T08:10"),
        call_args(city, "bb-sued", 9, "2024-03-21T08:10"),
        call_args(city, "bb-sued", 2, "2024-03-22T08:10"),  # no ticket issued that day
    )
    refused(unknown, "Unbekannter Schalter 9")
    refused(nobody, "Keine wartende")
    called = [json.loads(succeeded(first))]
    for minute in (11, 12, 13):
        result = cli(*call_args(city, "bb-sued", 2, f"2024-03-21T08:{minute}"))
        called.append(json.loads(succeeded(result)))
    assert [t["code"] for t in called] == ["W-002", "W-004", "W-001", "W-003"]
    assert all(t["counter"] == 2 and t["status"] == "called" for t in called)
    assert called[0]["called_at"] == "2024-03-21T08:10:00+01:00"


def test_gesundheitsamt_takes_walk_ins_during_opening_hours(cli: Cli, city: str) -> None:
    monday, wednesday = parallel(
        cli,
        issue_args(city, "gesundheitsamt", "2024-03-25T14:00", "--json"),
        issue_args(city, "gesundheitsamt", "2024-03-27T14:00"),
    )
    ticket = json.loads(succeeded(monday))
    assert ticket["code"] == "W-001"
    assert ticket["left_today"] is None  # no quota
    refused(wednesday, "Öffnungszeiten")


# --------------------------------------------------------------------------
# Bad requests


BAD = {
    "unknown office": (
        ["portal", "slots", "--office", "bb-ost", "--service", "anmeldung"],
        "bb-ost",
    ),
    "unknown service": (
        ["portal", "slots", "--office", "bb-mitte", "--service", "zaubern"],
        "zaubern",
    ),
    "malformed start": (
        [
            "portal",
            "book",
            "--office",
            "bb-mitte",
            "--service",
            "anmeldung",
            "--start",
            "2024-03-21T25:00",
            "--name",
            "X",
        ],
        "Ungültiger Beginn",
    ),
    "unknown reason": (
        ["walkin", "issue", "--office", "bb-mitte", "--reason", "egal"],
        "Unbekannter Grund 'egal'",
    ),
    "unknown office for walk-in": (
        ["walkin", "issue", "--office", "bb-ost"],
        "Unbekannter Standort 'bb-ost'",
    ),
}


def test_bad_requests_exit_2_with_one_line(cli: Cli, city: str) -> None:
    results = parallel(cli, *([*words, "--url", city, "--now", NOW] for words, _ in BAD.values()))
    for (case, (_, reason)), result in zip(BAD.items(), results, strict=True):
        assert result.returncode == 2, (case, result.stderr)
        refused(result, reason)


def test_a_start_at_the_end_of_the_calendar_is_a_bad_request(cli: Cli, city: str) -> None:
    # A user's typo in the year, not an internal error: exit 2, one line (DESIGN.md §5).
    refused(cli(*book_args(city, "bb-mitte", "9999-12-31T10:00")))


# --------------------------------------------------------------------------
# Anmeldefrist


def test_move_in_date_shows_the_missed_anmeldefrist(cli: Cli, city: str) -> None:
    starts = free_starts(city, "bb-nord")
    text_start, json_start = (s.isoformat() for s in starts[:2])
    as_text, as_json = parallel(
        cli,
        book_args(city, "bb-nord", text_start, "Jörg Fuß", "--move-in", "2024-03-01"),
        book_args(city, "bb-nord", json_start, "Jörg Fuß", "--move-in", "2024-03-01", "--json"),
    )
    assert "Anmeldefrist bis 15.03.2024: NICHT eingehalten" in succeeded(as_text)
    frist = json.loads(succeeded(as_json))["anmeldefrist"]
    assert frist["within"] is False
    assert frist["deadline"] == "2024-03-15"
    assert frist["earliest_within"] is None  # every free slot lies after the deadline
