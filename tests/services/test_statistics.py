"""Statistics for team leads on a fixed data set, on SQLite and PostgreSQL, against
figures computed by hand below.

The period Thursday 2024-03-28 to Tuesday 2024-04-02 holds Good Friday and Easter
Monday (no walk-in quota), a weekend and the change to summer time on Sunday 31 March;
rows just outside the period and of another office must not count.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest

from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.localtime import BERLIN
from desk.domain.status import AppointmentStatus, Channel, TicketReason, TicketStatus
from desk.services.admin.auth import NotAllowed
from desk.services.database import DeskDatabase
from desk.services.reports.statistics import OfficeStatistics, Summary, office_statistics
from desk.store.models import Appointment, AppointmentEvent, Ticket, User
from desk.store.uow import UnitOfWork
from tests.builders import add_office

S = AppointmentStatus
T = TicketStatus
OFFICE, OTHER = "bb-stat", "bb-stat-other"
THU, TUE = date(2024, 3, 28), date(2024, 4, 2)
CODES = (f"ST{n:06d}" for n in itertools.count())


def at(day: date, clock: str) -> datetime:
    """Local Berlin time on a day."""
    return datetime.combine(day, time.fromisoformat(clock), BERLIN)


class Builder:
    """Inserts appointments with their stamped history, and tickets."""

    def __init__(self, db: DeskDatabase, counters: dict[str, uuid.UUID]) -> None:
        self.db, self.counters = db, counters
        self.rows: list[object] = []

    def appointment(
        self,
        start: datetime,
        channel: Channel,
        status: S,
        created: datetime,
        steps: tuple[tuple[S, str], ...] = (),
        office: str = OFFICE,
    ) -> None:
        aid = uuid.uuid4()
        self.rows.append(
            Appointment(
                id=aid,
                office_id=office,
                counter_id=self.counters[office],
                service_id="abholung",
                starts_at=start,
                ends_at=start + timedelta(minutes=5),
                status=status,
                channel=channel,
                booking_code=next(CODES),
                citizen_name="Erika Mustermann",
                created_at=created,
                updated_at=created,
            )
        )
        day = start.astimezone(BERLIN).date()
        stamps = [(S.BOOKED, created), *((step, at(day, clock)) for step, clock in steps)]
        self.rows += [
            AppointmentEvent(id=uuid.uuid4(), appointment_id=aid, status=step, at=when)
            for step, when in stamps
        ]

    def ticket(
        self,
        day: date,
        number: int,
        status: T,
        issued: str,
        called: str | None = None,
        finished: str | None = None,
        office: str = OFFICE,
    ) -> None:
        self.rows.append(
            Ticket(
                id=uuid.uuid4(),
                office_id=office,
                service_day=day,
                number=number,
                code=f"W-{number:03d}",
                reason=TicketReason.OTHER,
                status=status,
                issued_at=at(day, issued),
                called_at=at(day, called) if called else None,
                finished_at=at(day, finished) if finished else None,
                recall_count=0,
            )
        )

    def save(self) -> None:
        with UnitOfWork(self.db.engine) as uow:
            for row in self.rows:
                uow.session.add(row)
                uow.session.flush()
            uow.commit()


def build_data_set(db: DeskDatabase) -> None:
    counters = {OFFICE: add_office(db, OFFICE)[1], OTHER: add_office(db, OTHER)[1]}
    b = Builder(db, counters)
    # Thursday 28 March (UTC+1).
    b.appointment(  # waited 12, served 15; booked 14 days ahead
        at(THU, "09:00"),
        Channel.PORTAL,
        S.DONE,
        at(date(2024, 3, 14), "10:00"),
        ((S.CHECKED_IN, "08:52"), (S.CALLED, "09:04"), (S.IN_SERVICE, "09:05"), (S.DONE, "09:20")),
    )
    b.appointment(  # booked 1 day ahead, did not come
        at(THU, "09:15"),
        Channel.PORTAL,
        S.NO_SHOW,
        at(date(2024, 3, 27), "18:00"),
        ((S.NO_SHOW, "09:30"),),
    )
    b.appointment(  # waited 6, served 10
        at(THU, "09:30"),
        Channel.PHONE,
        S.DONE,
        at(date(2024, 3, 1), "11:00"),
        ((S.CHECKED_IN, "09:25"), (S.CALLED, "09:31"), (S.IN_SERVICE, "09:32"), (S.DONE, "09:42")),
    )
    b.appointment(  # cancelled; not in the hours
        at(THU, "10:00"), Channel.COUNTER, S.CANCELLED, at(date(2024, 3, 20), "09:00")
    )
    b.appointment(  # booked the same day, called without check-in (no wait), served 20
        at(THU, "10:15"),
        Channel.PORTAL,
        S.DONE,
        at(THU, "07:00"),
        ((S.CALLED, "10:15"), (S.IN_SERVICE, "10:16"), (S.DONE, "10:36")),
    )
    b.appointment(  # booked at 00:30 summer time on 20 October 2023: 160 days ahead, cancelled
        at(THU, "11:00"), Channel.PORTAL, S.CANCELLED, at(date(2023, 10, 20), "00:30")
    )
    # Tuesday 2 April (UTC+2).
    b.appointment(  # 00:30 local is still 1 April in UTC; booked 23:30 winter time, 3 days
        at(TUE, "00:30"), Channel.PORTAL, S.BOOKED, at(date(2024, 3, 30), "23:30")
    )
    b.appointment(  # waited 20, served 30; booked 2 days ahead, in the night of the change
        at(TUE, "09:00"),
        Channel.PORTAL,
        S.DONE,
        at(date(2024, 3, 31), "01:30"),
        ((S.CHECKED_IN, "08:50"), (S.CALLED, "09:10"), (S.IN_SERVICE, "09:11"), (S.DONE, "09:41")),
    )
    b.appointment(
        at(TUE, "09:30"),
        Channel.PHONE,
        S.NO_SHOW,
        at(date(2024, 3, 25), "12:00"),
        ((S.CHECKED_IN, "09:20"), (S.NO_SHOW, "09:50")),
    )
    b.appointment(  # recalled: the first call counts (waited 3); served 3; 7 days ahead
        at(TUE, "10:00"),
        Channel.PORTAL,
        S.DONE,
        at(date(2024, 3, 26), "16:00"),
        (
            (S.CHECKED_IN, "09:58"),
            (S.CALLED, "10:01"),
            (S.CALLED, "10:03"),
            (S.IN_SERVICE, "10:04"),
            (S.DONE, "10:07"),
        ),
    )
    b.appointment(at(TUE, "10:30"), Channel.COUNTER, S.CANCELLED, at(date(2024, 3, 29), "10:00"))
    # Outside: just before and just after the period (local), and another office.
    b.appointment(at(date(2024, 3, 27), "23:55"), Channel.PORTAL, S.DONE, at(THU, "00:00"))
    b.appointment(at(date(2024, 4, 3), "00:00"), Channel.PORTAL, S.DONE, at(THU, "00:00"))
    b.appointment(at(TUE, "09:00"), Channel.PORTAL, S.NO_SHOW, at(THU, "00:00"), office=OTHER)
    # Thursday's walk-in hour: 13 tickets; waits 2 … 50 (ticket 12 did not come), 13 waits.
    waits = (2, 4, 5, 7, 8, 10, 12, 15, 20, 30, 45, 50)
    services = (5, 5, 6, 8, 10, 10, 12, 12, 15, 20, 25)
    for n, wait in enumerate(waits, start=1):
        issued = time(8, n - 1)
        called = (datetime.combine(THU, issued) + timedelta(minutes=wait)).time()
        if n <= len(services):
            finished = (datetime.combine(THU, called) + timedelta(minutes=services[n - 1])).time()
            b.ticket(THU, n, T.DONE, f"{issued}", f"{called}", f"{finished}")
        else:
            b.ticket(THU, n, T.NO_SHOW, f"{issued}", f"{called}", f"{called}")
    b.ticket(THU, 13, T.WAITING, "08:30")
    # Tuesday: two tickets, waits 10 and 30, service 10 and 20.
    b.ticket(TUE, 1, T.DONE, "08:05", "08:15", "08:25")
    b.ticket(TUE, 2, T.DONE, "08:20", "08:50", "09:10")
    b.ticket(date(2024, 3, 27), 1, T.DONE, "08:00", "08:01", "08:02")
    b.ticket(TUE, 1, T.DONE, "08:00", "08:01", "08:02", office=OTHER)
    b.save()


@pytest.fixture(scope="module")
def stats(fresh_db: DeskDatabase) -> Iterator[OfficeStatistics]:
    build_data_set(fresh_db)
    yield office_statistics(fresh_db, OFFICE, THU, TUE)


def test_one_row_per_local_day_of_the_period(stats):
    assert [d.day for d in stats.days] == [date(2024, 3, 28 + i) for i in range(4)] + [
        date(2024, 4, 1),
        TUE,
    ]
    assert stats.total.day is None
    assert (stats.office_id, stats.first, stats.last) == (OFFICE, THU, TUE)


def test_appointments_count_on_their_local_day_online_and_internal(stats):
    thu, tue = stats.days[0], stats.days[5]
    # Thursday: online 4 (one cancelled), internal 2 (one cancelled); 3 served, 1 no-show.
    assert (thu.booked_online, thu.booked_internal, thu.served, thu.cancelled, thu.no_show) == (
        4,
        2,
        3,
        2,
        1,
    )
    # Tuesday: the 00:30 appointment counts here, the one at 00:00 on 3 April does not.
    assert (tue.booked_online, tue.booked_internal, tue.served, tue.cancelled, tue.no_show) == (
        3,
        2,
        2,
        1,
        1,
    )
    assert all(d.booked == 0 for d in stats.days[1:5])
    total = stats.total
    assert (total.booked_online, total.booked_internal, total.booked) == (7, 4, 11)
    assert (total.served, total.cancelled, total.no_show) == (5, 3, 2)


def test_no_show_rate_is_no_shows_of_settled_appointments(stats):
    assert stats.days[0].no_show_rate == pytest.approx(1 / 4)  # 1 of 3 served + 1
    assert stats.days[5].no_show_rate == pytest.approx(1 / 3)  # 1 of 2 served + 1
    assert stats.days[2].no_show_rate is None
    assert stats.total.no_show_rate == pytest.approx(2 / 7)


def test_tickets_against_the_quota_of_walk_in_days_only(stats):
    quotas = [d.tickets_quota for d in stats.days]
    # Good Friday, Saturday, Sunday, Easter Monday: no walk-in hour.
    assert quotas == [20, 0, 0, 0, 0, 20]
    thu, tue = stats.days[0], stats.days[5]
    assert (thu.tickets_issued, thu.tickets_served, thu.tickets_no_show) == (13, 11, 1)
    assert (tue.tickets_issued, tue.tickets_served, tue.tickets_no_show) == (2, 2, 0)
    assert thu.quota_used == pytest.approx(13 / 20)
    total = stats.total
    assert (total.tickets_issued, total.tickets_quota, total.tickets_served) == (15, 40, 13)
    assert total.quota_used == pytest.approx(15 / 40)


def approx(summary: Summary) -> tuple[int, object, object]:
    return (summary.count, pytest.approx(summary.mean), summary.p90)


def test_ticket_waits_mean_and_p90_by_nearest_rank(stats):
    # Thursday: 12 called tickets, 208 minutes; p90 = the 11th of 12 (⌈10.8⌉) = 45, not 50.
    assert approx(stats.days[0].ticket_wait) == (12, 208 / 12, 45)
    assert approx(stats.days[5].ticket_wait) == (2, 20, 30)
    # Period: 14 waits, 248 minutes; the 13th of 14 (⌈12.6⌉) = 45.
    assert approx(stats.total.ticket_wait) == (14, 248 / 14, 45)
    assert stats.days[1].ticket_wait == Summary(0, None, None)


def test_ticket_service_times_of_served_tickets(stats):
    # Thursday: 11 served, 128 minutes; the 10th of 11 (⌈9.9⌉) = 20, not 25.
    assert approx(stats.days[0].ticket_service) == (11, 128 / 11, 20)
    assert approx(stats.days[5].ticket_service) == (2, 15, 20)
    assert approx(stats.total.ticket_service) == (13, 158 / 13, 20)


def test_appointment_waits_from_check_in_to_first_call(stats):
    assert approx(stats.days[0].appointment_wait) == (2, 9, 12)  # 12 and 6
    assert approx(stats.days[5].appointment_wait) == (2, 11.5, 20)  # 20 and 3 (recalled)
    assert approx(stats.total.appointment_wait) == (4, 41 / 4, 20)


def test_appointment_service_from_in_service_to_done(stats):
    assert approx(stats.days[0].appointment_service) == (3, 15, 20)  # 15, 10, 20
    assert approx(stats.days[5].appointment_service) == (2, 16.5, 30)  # 30, 3
    assert approx(stats.total.appointment_service) == (5, 78 / 5, 30)


def test_online_horizon_in_local_calendar_days(stats):
    # Thursday: 14, 1, 0 and 160 (booked 20 October 2023, 00:30 summer time).
    assert approx(stats.days[0].horizon) == (4, 175 / 4, 160)
    # Tuesday: 3 (booked 23:30 winter time on 30 March), 2, 7.
    assert approx(stats.days[5].horizon) == (3, 4, 7)
    assert approx(stats.total.horizon) == (7, 187 / 7, 160)
    counts = {bucket.label: bucket.count for bucket in stats.horizon}
    assert counts == {
        "0": 1,
        "1": 1,
        "2–3": 2,
        "4–7": 1,
        "8–14": 1,
        "15–28": 0,
        "29–42": 0,
        "43–91": 0,
        "92–183": 1,
        "ab 184": 0,
    }


def test_per_hour_of_local_time(stats):
    appointments = {h.hour: h.appointments for h in stats.hours if h.appointments}
    tickets = {h.hour: h.tickets for h in stats.hours if h.tickets}
    # Not cancelled: Thursday 9:00, 9:15, 9:30, 10:15; Tuesday 0:30, 9:00, 9:30, 10:00.
    assert appointments == {0: 1, 9: 5, 10: 2}
    assert tickets == {8: 15}
    assert [h.hour for h in stats.hours] == list(range(24))


def test_a_single_day_period(fresh_db, stats):
    day = office_statistics(fresh_db, OFFICE, TUE, TUE)
    assert [d.day for d in day.days] == [TUE]
    assert day.total.served == 2
    assert day.total.ticket_wait.p90 == 30


def test_unknown_office_and_reversed_period_are_refused(fresh_db, stats):
    with pytest.raises(UnknownId, match="nirgendwo"):
        office_statistics(fresh_db, "nirgendwo", THU, TUE)
    with pytest.raises(RequestRefused, match="nach seinem Ende"):
        office_statistics(fresh_db, OFFICE, TUE, THU)


def test_a_clerk_may_not_read_statistics(fresh_db, stats):
    clerk = uuid.uuid4()
    with UnitOfWork(fresh_db.engine) as uow:
        uow.session.add(
            User(
                id=clerk,
                username="sb.statistik",
                display_name="Sachbearbeitung Statistik",
                role="clerk",
                password_hash="x",
                office_id=OFFICE,
            )
        )
        uow.commit()
    with pytest.raises(NotAllowed):
        office_statistics(fresh_db, OFFICE, THU, TUE, user_id=clerk)


def test_a_wait_made_negative_by_a_skewed_clock_counts_as_zero(fresh_db, stats):
    # the ticket printer's PC runs 2 minutes ahead of the counter's: called "before" issued
    skewed = "bb-stat-skew"
    counters = {skewed: add_office(fresh_db, skewed)[1]}
    b = Builder(fresh_db, counters)
    b.ticket(TUE, 1, T.DONE, "08:10", "08:08", "08:20", office=skewed)
    b.ticket(TUE, 2, T.DONE, "08:10", "08:20", "08:30", office=skewed)
    b.save()
    day = office_statistics(fresh_db, skewed, TUE, TUE)
    assert approx(day.total.ticket_wait) == (2, 5.0, 10)  # (0 + 10) / 2, not (−2 + 10) / 2
