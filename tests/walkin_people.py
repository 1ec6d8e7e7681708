"""The people waiting in the tests that hold ``walkin call`` and the queue panel's call
(F9) to the same order: a private copy of the demo city on Thursday 2024-03-21 with
three tickets issued at 8:50–8:52 (W-003 for a lost document) and two appointments
checked in at 8:53, starting at 9:00 (due from 8:55) and at 9:15."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, TicketReason
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import open_database
from desk.services.walkin.tickets import issue_ticket
from tests.ui.walkin_support import FRESH_DAY, MITTE, copy_of

#: Calls are made at 8:57: the 9:00 appointment is due, the 9:15 one is not.
CALLED_AT = "2024-03-21T08:57"
COUNTER = 2


@dataclass(frozen=True)
class Waiting:
    """The copy's URL and the booking codes of the two checked-in appointments."""

    url: str
    due: str
    later: str

    @property
    def call_order(self) -> list[str]:
        """Lost document, the due appointment, the tickets by number, the later one."""
        return ["W-003", self.due, "W-001", "W-002", self.later]


def people_waiting(demo_sqlite_url: str, folder: Path) -> Waiting:
    """Issue the three tickets and check the two appointments in on a private copy."""
    url = copy_of(demo_sqlite_url, folder / "people-waiting.sqlite")
    db = open_database(url)
    try:
        for reason, at in (
            (TicketReason.OTHER, "08:50"),
            (TicketReason.REGISTRATION, "08:51"),
            (TicketReason.LOST_OR_STOLEN, "08:52"),
        ):
            issue_ticket(db, MITTE, reason, parse_now(f"2024-03-21T{at}"))
        booked = {
            f"{r.starts_at:%H:%M}": r
            for r in day_appointments(db, MITTE, FRESH_DAY)
            if r.status == AppointmentStatus.BOOKED
        }
        for hh_mm in ("09:00", "09:15"):
            perform(db, booked[hh_mm].id, Action.CHECK_IN, parse_now("2024-03-21T08:53"))
    finally:
        db.dispose()
    return Waiting(url, booked["09:00"].booking_code, booked["09:15"].booking_code)
