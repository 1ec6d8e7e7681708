"""The staffing advisor on a fixed, hand-computed data set around Easter 2024 (Good
Friday, Easter Monday, the change to summer time), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest

from desk.domain import erlang
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin.staffing import staffing_advice
from desk.store.models import Closure, Counter, Office, OpeningTemplate, Ticket
from desk.store.uow import UnitOfWork
from tests.builders import add_office

OFFICE = "bb-staff"
NOW = datetime(2024, 4, 3, 10, 30, tzinfo=BERLIN)  # Wednesday after Easter, hour over
DONE, NO_SHOW, WAITING, IN_SERVICE = (
    TicketStatus.DONE,
    TicketStatus.NO_SHOW,
    TicketStatus.WAITING,
    TicketStatus.IN_SERVICE,
)

#: (day, issued hh:mm local, status, minutes from call to finish or None)
TICKETS: tuple[tuple[date, str, TicketStatus, int | None], ...] = (
    (date(2024, 3, 20), "08:10", DONE, 30),  # Wednesday, 14 days back: outside two weeks
    # Thu 21 March: no ticket, and before the first day with a ticket: not observed
    (date(2024, 3, 22), "08:00", DONE, 10),  # Fri
    (date(2024, 3, 22), "08:20", DONE, 12),
    (date(2024, 3, 22), "08:40", NO_SHOW, 3),  # counts as an arrival, not as service
    (date(2024, 3, 25), "08:01", DONE, 6),  # Mon
    (date(2024, 3, 25), "08:15", DONE, 8),
    (date(2024, 3, 25), "08:30", DONE, 10),
    (date(2024, 3, 25), "08:59", DONE, 12),
    (date(2024, 3, 26), "08:05", DONE, 15),  # Tue
    (date(2024, 3, 26), "08:45", DONE, 25),
    # Wed 27 March: the hour was open, nobody came (a real zero)
    (date(2024, 3, 28), "08:10", DONE, 40),  # Thu: office closed (staff meeting)
    (date(2024, 3, 29), "08:10", DONE, 40),  # Good Friday
    (date(2024, 4, 1), "08:10", DONE, 40),  # Easter Monday
    # Tue 2 April, summer time: the window is 06:00–07:00 UTC now
    (date(2024, 4, 2), "07:55", DONE, 40),  # before the hour
    (date(2024, 4, 2), "08:00", DONE, 10),
    (date(2024, 4, 2), "08:30", DONE, 20),
    (date(2024, 4, 2), "08:50", IN_SERVICE, None),
    (date(2024, 4, 2), "08:55", WAITING, None),
    (date(2024, 4, 2), "09:00", DONE, 40),  # the hour ends at 9:00
    (date(2024, 4, 2), "09:30", DONE, 40),  # 07:30 UTC: inside 8–9 of winter time only
    (date(2024, 4, 3), "08:10", DONE, 5),  # Wed, today
    (date(2024, 4, 3), "08:20", DONE, 7),
    (date(2024, 4, 3), "08:40", DONE, 9),
)


def _local(day: date, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), BERLIN)


def build(db: DeskDatabase) -> None:
    """Three counters 8–12 Monday to Friday; a fourth with its own hours; tickets
    above; closures now and ahead; a second office's tickets that must not count."""
    ids = add_office(db, OFFICE, counters=3, opens=time(8), closes=time(12))
    other = add_office(db, "bb-other", counters=1, opens=time(8), closes=time(12))
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        office = s.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota = 4  # used up on Monday 25 March and Tuesday 2 April
        fourth = Counter(id=uuid.uuid4(), office_id=OFFICE, number=4, name="Schalter 4")
        s.add(fourth)
        s.flush()
        for weekday, opens, until in (
            (0, time(7, 30), None),  # Monday from 7:30: covers the hour
            (4, time(9, 30), None),  # Friday from 9:30, after the hour: does not
            (3, time(9), None),  # Thursday from 9:00, appointments after the hour: covers it
            (2, time(8), date(2024, 4, 9)),  # Wednesday, ended before 10 April
        ):
            s.add(
                OpeningTemplate(
                    office_id=OFFICE,
                    counter_id=fourth.id,
                    weekday=weekday,
                    opens=opens,
                    closes=time(12),
                    slot_minutes=15,
                    valid_from=date(2020, 1, 1),
                    valid_until=until,
                )
            )
        for starts, counter, reason in (
            (date(2024, 3, 28), None, "Personalversammlung"),
            (date(2024, 4, 4), None, "Umzug der Technik"),
            (date(2024, 4, 9), ids[2], "Fortbildung"),
        ):
            s.add(
                Closure(
                    office_id=OFFICE,
                    counter_id=counter,
                    starts_on=starts,
                    ends_on=starts,
                    reason=reason,
                )
            )
        rows = [(OFFICE, t) for t in TICKETS] + [
            ("bb-other", (date(2024, 3, 25), "08:10", DONE, 30)),
            ("bb-other", (date(2024, 3, 25), "08:20", DONE, 30)),
        ]
        numbers: dict[tuple[str, date], int] = {}
        for office_id, (day, hhmm, status, minutes) in rows:
            number = numbers[(office_id, day)] = numbers.get((office_id, day), 0) + 1
            issued = _local(day, hhmm)
            called = issued + timedelta(minutes=4) if status != WAITING else None
            finished = called + timedelta(minutes=minutes) if called and minutes else None
            s.add(
                Ticket(
                    office_id=office_id,
                    service_day=day,
                    number=number,
                    code=f"W-{number:03d}",
                    reason=TicketReason.OTHER,
                    status=status,
                    issued_at=issued,
                    called_at=called,
                    finished_at=finished,
                    counter_id=(ids if office_id == OFFICE else other)[1] if called else None,
                    recall_count=0,
                )
            )
        uow.commit()


@pytest.fixture
def db(db_url: str) -> Iterator[DeskDatabase]:
    """A fresh database holding the fixed data set."""
    upgrade_database(db_url)
    database = open_database(db_url)
    try:
        build(database)
        yield database
    finally:
        database.dispose()


def test_advice_per_weekday_equals_the_hand_computed_values(db: DeskDatabase) -> None:
    advice = staffing_advice(db, OFFICE, NOW, weeks=2)
    assert (advice.first_day, advice.last_day) == (date(2024, 3, 21), date(2024, 4, 3))
    assert advice.first_ticket_day == date(2024, 3, 22)
    assert advice.default_service_minutes == 12.5  # mean of abholung 5 and personalausweis 20
    rows = [
        (
            d.demand.weekday,
            d.demand.days_observed,
            d.demand.tickets,
            d.demand.arrivals_per_hour,
            d.demand.served,
            round(d.demand.service_minutes, 6),
            d.demand.service_measured,
            d.demand.planned_day,
            d.demand.planned_counters,
            d.demand.quota_days,
        )
        for d in advice.days
    ]
    assert rows == [
        # Mon 25 Mar (Easter Monday out): 4 arrivals, (6+8+10+12)/4 min; Mon 8 Apr: 4 counters
        (0, 1, 4, 4.0, 4, 9.0, True, date(2024, 4, 8), 4, 1),
        # Tue 26 Mar + 2 Apr: 2 + 4 arrivals in 2 hours; (15+25+10+20)/4; counter 2 away
        (1, 2, 6, 3.0, 4, 17.5, True, date(2024, 4, 9), 2, 1),
        # Wed 27 Mar (zero) + today: 3 arrivals in 2 hours; (5+7+9)/3; 10 Apr: 3 counters
        (2, 2, 3, 1.5, 3, 7.0, True, date(2024, 4, 10), 3, 0),
        # Thu 21 Mar before the first ticket, 28 Mar closed; 4 Apr closed → 11 Apr, 4 counters
        (3, 0, 0, 0.0, 0, 12.5, False, date(2024, 4, 11), 4, 0),
        # Fri 22 Mar (Good Friday out): 3 arrivals, 2 served (10+12)/2; 5 Apr: 3 counters
        (4, 1, 3, 3.0, 2, 11.0, True, date(2024, 4, 5), 3, 0),
    ]


def test_counters_needed_and_expected_share_follow_erlang_c(db: DeskDatabase) -> None:
    monday, tuesday, wednesday, thursday, friday = staffing_advice(db, OFFICE, NOW, weeks=2).days
    # Monday: A = 4·9/60 = 0.6. One counter: 1 − 0.6·e^(−0.4·20/9) = 75.3 % < 80 %;
    # two: C = 2ρ²/(1+ρ) with ρ = 0.3 → 0.1385, 1 − 0.1385·e^(−1.4·20/9) = 99.4 %.
    assert monday.traffic == pytest.approx(0.6)
    assert monday.counters_needed == 2
    assert monday.expected_share == pytest.approx(erlang.service_level(4, 0.6, 9.0, 20))
    assert not monday.understaffed
    # Tuesday: A = 3·17.5/60 = 0.875 on the 2 planned counters.
    assert tuesday.traffic == pytest.approx(0.875)
    assert tuesday.expected_share == pytest.approx(erlang.service_level(2, 0.875, 17.5, 20))
    assert tuesday.counters_needed == erlang.counters_needed(3.0, 17.5, 0.8, 20, 50)
    assert wednesday.counters_needed == 1  # A = 0.175: 1 − 0.175·e^(−0.825·20/7) = 98.4 %
    assert thursday.counters_needed is None and thursday.expected_share is None
    assert not thursday.understaffed
    assert friday.traffic == pytest.approx(0.55)


def test_a_higher_target_makes_days_understaffed(db: DeskDatabase) -> None:
    advice = staffing_advice(db, OFFICE, NOW, weeks=2, target_share=0.99, threshold_minutes=1)
    tuesday = advice.days[1]
    needed = erlang.counters_needed(3.0, 17.5, 0.99, 1, 50)
    assert needed is not None and needed > 2  # two counters cannot serve 99 % in a minute
    assert tuesday.counters_needed == needed and tuesday.understaffed
    assert staffing_advice(db, OFFICE, NOW, weeks=2).with_targets(0.99, 1) == advice


def test_offices_without_a_walk_in_hour_and_unknown_ones_are_refused(db: DeskDatabase) -> None:
    with UnitOfWork(db.engine) as uow:
        office = uow.session.get(Office, "bb-other")
        assert office is not None
        office.walk_in_from = office.walk_in_until = None
        uow.commit()
    with pytest.raises(RequestRefused, match="keine Sprechstunde ohne Termin"):
        staffing_advice(db, "bb-other", NOW)
    with pytest.raises(UnknownId, match="bb-nirgends"):
        staffing_advice(db, "bb-nirgends", NOW)
    with pytest.raises(erlang.StaffingInputRefused, match="Wochen"):
        staffing_advice(db, OFFICE, NOW, weeks=0)
    with pytest.raises(erlang.StaffingInputRefused, match="Zielanteil"):
        staffing_advice(db, OFFICE, NOW, target_share=1.0)
