"""The main window's reads, run on the worker thread.

The desk services (and SQLAlchemy with them) are imported inside, on first use, so
the window paints before they load.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uuid

    from desk.domain.refusals import Reason
    from desk.services.appointments.calendar import DayGrid, WeekSummary
    from desk.services.appointments.lifecycle import HistoryEntry
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo


def offices_and_sign_in(db: DeskDatabase) -> tuple[list[OfficeInfo], bool]:
    """The offices, and whether the database has users (then someone must sign in)."""
    from desk.services.admin.auth import has_users
    from desk.services.offices import list_offices

    return list_offices(db), has_users(db)


def day(
    db: DeskDatabase, office_id: str, day: date, now: datetime
) -> tuple[DayGrid, Reason | None]:
    from desk.services.appointments.agenda import office_closed_why
    from desk.services.appointments.calendar import day_grid

    return day_grid(db, office_id, day, now), office_closed_why(db, office_id, day)


def week(db: DeskDatabase, office_id: str, monday: date, now: datetime) -> WeekSummary:
    from desk.services.appointments.calendar import week_summary

    return week_summary(db, office_id, monday, now)


def history(db: DeskDatabase, appointment_id: uuid.UUID) -> list[HistoryEntry]:
    from desk.services.appointments.lifecycle import history

    return history(db, appointment_id)
