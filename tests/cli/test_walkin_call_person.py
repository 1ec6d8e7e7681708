"""``walkin call`` calls the next person as F9 does: an appointment that is due before a
ticket, one that is not yet due after the tickets (tests/ui/test_call_next_person_panel.py
holds the queue panel to the same data and order)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus
from desk.services.database import open_database
from desk.store.models import Appointment, Call
from desk.store.uow import UnitOfWork
from tests.cli.test_portal_walkin import refused, succeeded
from tests.ui.walkin_support import MITTE
from tests.walkin_people import CALLED_AT, COUNTER, people_waiting


def call(url: str, *extra: str) -> list[str]:
    return [
        "walkin", "call", "--url", url, "--office", MITTE, "--counter", str(COUNTER),
        "--now", CALLED_AT, *extra,
    ]  # fmt: skip


def test_walkin_call_calls_a_due_appointment_before_a_ticket(
    cli, demo_sqlite_url: str, tmp_path: Path
) -> None:
    waiting = people_waiting(demo_sqlite_url, tmp_path)

    first = succeeded(cli(*call(waiting.url)))
    called = [json.loads(succeeded(cli(*call(waiting.url, "--json")))) for _ in range(4)]

    assert first == f"W-003 → Schalter {COUNTER}\n"
    assert [c["code"] for c in called] == waiting.call_order[1:]
    assert [c["kind"] for c in called] == ["appointment", "ticket", "ticket", "appointment"]
    assert all(c["counter"] == COUNTER and c["status"] == "called" for c in called)
    assert called[0]["called_at"] == "2024-03-21T08:57:00+01:00"
    refused(cli(*call(waiting.url)), "Keine wartende Wartenummer")

    db = open_database(waiting.url)
    try:
        with UnitOfWork(db.engine) as uow:
            statuses = uow.session.scalars(
                select(Appointment.status).where(
                    Appointment.booking_code.in_([waiting.due, waiting.later])
                )
            )
            assert set(statuses) == {AppointmentStatus.CALLED}
            shown = uow.session.scalars(
                select(Call.display_code).where(Call.called_at >= parse_now(CALLED_AT))
            )
            assert sorted(shown) == sorted(waiting.call_order)
    finally:
        db.dispose()
