"""Weeks of past and future demo appointments and walk-in tickets, reproducibly.

Everything is drawn from a random generator seeded by office and day, so the
same day seeded twice gives the same rows (and the same ids).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desk.demo import walk_in_queue
from desk.demo.city import SERVICES, OfficeSpec, demo_id
from desk.domain.booking_codes import CODE_ALPHABET
from desk.domain.holidays_de import DEFAULT_STATE, holiday_name
from desk.domain.localtime import at_local
from desk.domain.status import AppointmentStatus, Channel, TicketReason, TicketStatus

FIRST_NAMES = (
    "Anna",
    "Jürgen",
    "Özlem",
    "Mehmet",
    "Fatma",
    "Lukas",
    "Sophie",
    "Maximilian",
    "Ahmad",
    "Leonie",
    "Jörg",
    "Marie",
    "Hans-Peter",
    "Zeynep",
    "Katarzyna",
    "Dmytro",
    "Ines",
    "Björn",
    "Chloé",
    "Noah",
    "Émile",
    "Aylin",
    "Grzegorz",
    "Yusuf",
    "Käthe",
    "Mia",
    "Olga",
    "Sven",
)
LAST_NAMES = (
    "Müller",
    "Schmidt",
    "Yılmaz",
    "Weiß",
    "Öztürk",
    "Kowalski",
    "Groß",
    "Schröder",
    "Al-Hassan",
    "Nguyen",
    "Krüger",
    "Böhm",
    "Kaya",
    "Hoffmann",
    "Schäfer",
    "Petrenko",
    "Lehmann",
    "Fuß",
    "O'Connor",
    "Wagner",
    "Demir",
    "Köhler",
    "Becker",
    "Zimmermann",
    "Haddad",
    "Vogel",
)
SERVICE_MINUTES = {s.id: s.minutes for s in SERVICES}
SERVICE_WEIGHTS = {
    "anmeldung": 5,
    "personalausweis": 4,
    "reisepass": 3,
    "abholung": 4,
    "fuehrungszeugnis": 2,
    "verlust": 1,
    "trauung": 1,
}


@dataclass(frozen=True)
class DemoAppointment:
    id: object
    office_id: str
    counter_number: int
    service_id: str
    starts_at: datetime
    ends_at: datetime
    status: AppointmentStatus
    channel: Channel
    booking_code: str
    citizen_name: str
    phone: str | None


@dataclass(frozen=True)
class DemoTicket:
    id: object
    office_id: str
    service_day: date
    number: int
    code: str
    reason: TicketReason
    status: TicketStatus
    issued_at: datetime
    called_at: datetime | None
    finished_at: datetime | None
    counter_number: int | None


def open_days(
    office: OfficeSpec, first: date, last: date, state: str = DEFAULT_STATE
) -> Iterator[date]:
    """Days in [first, last] on which the office has hours and no public holiday."""
    weekdays = {w for h in office.hours for w in h.weekdays}
    day = first
    while day <= last:
        if day.weekday() in weekdays and holiday_name(day, state) is None:
            yield day
        day += timedelta(days=1)


def booking_code(rng: random.Random) -> str:
    """An 8-character code without look-alike characters, shown as XXXX-XXXX."""
    raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def _fill_rate(day: date, today: date) -> float:
    ahead = (day - today).days
    if ahead <= 0:
        return 0.82
    return max(0.1, 0.78 - ahead * 0.035)


def _status(start: datetime, end: datetime, now: datetime, rng: random.Random) -> AppointmentStatus:
    roll = rng.random()
    if end <= now:
        if roll < 0.05:
            return AppointmentStatus.CANCELLED
        return AppointmentStatus.NO_SHOW if roll < 0.12 else AppointmentStatus.DONE
    if start <= now:
        return AppointmentStatus.IN_SERVICE
    return AppointmentStatus.CANCELLED if roll < 0.04 else AppointmentStatus.BOOKED


def appointments_for_day(office: OfficeSpec, day: date, now: datetime) -> Iterator[DemoAppointment]:
    """The demo appointments of one office and day (none on closed days)."""
    rng = random.Random(f"appointments:{office.id}:{day.isoformat()}")
    rate = _fill_rate(day, now.date())
    services = list(office.services)
    weights = [SERVICE_WEIGHTS.get(s, 1) for s in services]
    for hours in office.hours:
        if day.weekday() not in hours.weekdays or not services:
            continue
        for counter in range(1, office.counters + 1):
            slot = at_local(day, hours.opens)
            closes = at_local(day, hours.closes)
            step = timedelta(minutes=office.slot_minutes)
            while slot + step <= closes:
                service = rng.choices(services, weights)[0]
                slots = -(-SERVICE_MINUTES[service] // office.slot_minutes)
                end = slot + step * slots
                if end > closes or rng.random() > rate:
                    slot += step
                    continue
                yield DemoAppointment(
                    id=demo_id("appointment", office.id, counter, slot.isoformat()),
                    office_id=office.id,
                    counter_number=counter,
                    service_id=service,
                    starts_at=slot,
                    ends_at=end,
                    status=_status(slot, end, now, rng),
                    channel=rng.choices(list(Channel), [60, 25, 15])[0],
                    booking_code=booking_code(rng),
                    citizen_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    phone=f"0345 {rng.randint(100000, 999999)}" if rng.random() < 0.4 else None,
                )
                slot = end


def tickets_for_day(office: OfficeSpec, day: date, now: datetime) -> Iterator[DemoTicket]:
    """Walk-in tickets of a day's walk-in hour (8–9) up to ``now``, within the quota.

    The whole day is played as a queue (desk.demo.walk_in_queue): a crowd from the door
    first, then the rest through the hour; the office's counters call the tickets in call
    order as they free up, each service lognormal around its reason's typical minutes, one
    in twenty a no-show. Tickets issued after ``now`` do not exist yet; a ticket's later
    stamps are dropped when they lie after ``now`` (still waiting, or still in service).
    """
    opens = at_local(day, time(8))
    if office.walk_in_quota is None or opens > now:
        return
    rng = random.Random(f"tickets:{office.id}:{day.isoformat()}")
    count = rng.randint(office.walk_in_quota * 6 // 10, office.walk_in_quota)
    issued = [opens + timedelta(minutes=m) for m in walk_in_queue.arrival_minutes(count, rng)]
    reasons = rng.choices(list(TicketReason), [3, 2, 2, 1], k=count)
    no_shows = [rng.random() < 0.05 for _ in range(count)]
    minutes = [
        walk_in_queue.NO_SHOW_MINUTES if gone else walk_in_queue.service_minutes(reason, rng)
        for reason, gone in zip(reasons, no_shows, strict=True)
    ]
    served = walk_in_queue.serve(issued, reasons, minutes, office.counters, opens)
    for number, (at, reason, gone, call) in enumerate(
        zip(issued, reasons, no_shows, served, strict=True), start=1
    ):
        if at > now:
            return
        yield _ticket_at(office.id, day, number, at, reason, gone, call, now)


def _ticket_at(
    office_id: str,
    day: date,
    number: int,
    issued: datetime,
    reason: TicketReason,
    no_show: bool,
    call: walk_in_queue.Served,
    now: datetime,
) -> DemoTicket:
    """One ticket as it stands at ``now`` (its later stamps not yet there)."""
    called, finished = call.called, call.finished
    if finished <= now:
        status = TicketStatus.NO_SHOW if no_show else TicketStatus.DONE
    elif called <= now:
        status = TicketStatus.IN_SERVICE
    else:
        status = TicketStatus.WAITING
    return DemoTicket(
        id=demo_id("ticket", office_id, day.isoformat(), number),
        office_id=office_id,
        service_day=day,
        number=number,
        code=f"W-{number:03d}",
        reason=reason,
        status=status,
        issued_at=issued,
        called_at=called if called <= now else None,
        finished_at=finished if finished <= now else None,
        counter_number=call.counter if called <= now else None,
    )
