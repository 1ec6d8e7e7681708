"""``buergerdesk agenda``: an office's appointments of one day (for scripted checks)."""

from __future__ import annotations

import argparse
import json

from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import now_from
from desk.domain.localtime import parse_day, time_span
from desk.domain.status import STATUS_LABELS_DE
from desk.services.appointments.agenda import AppointmentRow, day_appointments
from desk.services.database import open_database


def register(commands: Commands) -> None:
    """Add the ``agenda`` command."""
    agenda = commands.add_parser(
        "agenda",
        help="Termine eines Standorts an einem Tag ausgeben",
        description="Gibt die Termine eines Standorts an einem Tag aus (Ortszeit), "
        "mit --json als ein JSON-Dokument.",
    )
    add_url(agenda)
    agenda.add_argument("--office", required=True, metavar="ID", help="Standort, z. B. bb-mitte")
    agenda.add_argument("--date", metavar="JJJJ-MM-TT", help="Tag (Standard: heute)")
    add_now(agenda)
    agenda.add_argument("--json", action="store_true", help="als JSON ausgeben")
    agenda.set_defaults(func=run)


def as_json(row: AppointmentRow) -> dict[str, object]:
    """One appointment as a JSON object (times ISO 8601 with offset)."""
    return {
        "id": str(row.id),
        "start": row.starts_at.isoformat(),
        "end": row.ends_at.isoformat(),
        "counter": row.counter_number,
        "service": row.service_id,
        "name": row.citizen_name,
        "status": row.status,
        "channel": row.channel,
        "booking_code": row.booking_code,
    }


def run(args: argparse.Namespace) -> int:
    """Print the day's appointments."""
    day = parse_day(args.date) if args.date else now_from(args).date()
    db = open_database(args.url)
    try:
        rows = day_appointments(db, args.office, day)
    finally:
        db.dispose()
    if args.json:
        document = {
            "office": args.office,
            "date": day.isoformat(),
            "appointments": [as_json(r) for r in rows],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        status = STATUS_LABELS_DE.get(r.status, r.status)
        print(
            f"{time_span(r.starts_at, r.ends_at)}  {r.counter_name:<12} "
            f"{r.service_id:<17} {status:<17} {r.booking_code}  {r.citizen_name}"
        )
    print(f"{len(rows)} Termine am {day:%d.%m.%Y} in {args.office}.")
    return 0
