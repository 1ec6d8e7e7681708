"""``buergerdesk portal slots|book|cancel``: the online portal's view, for scripts and tests."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from urllib.parse import quote

from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import now_from
from desk.domain.errors import RequestRefused
from desk.domain.localtime import check_year, parse_day
from desk.domain.policy import WEEKDAYS_DE
from desk.services.appointments.availability import Offer
from desk.services.appointments.booking import Booking, book, cancel, offered_slots
from desk.services.database import open_database
from desk.sync.service_url import is_service_url


def register(commands: Commands) -> None:
    """Add the ``portal`` command group."""
    portal = commands.add_parser("portal", help="wie das Online-Portal buchen (Skripte, Tests)")
    actions = portal.add_subparsers(dest="portal_command", metavar="BEFEHL", required=True)

    slots = actions.add_parser("slots", help="Termine, die das Portal jetzt anbieten darf")
    _common(slots, service=True)
    slots.set_defaults(func=run_slots)

    booking = actions.add_parser("book", help="einen Termin buchen; gibt den Buchungscode aus")
    _common(booking, service=True)
    booking.add_argument(
        "--start", required=True, metavar="ISO", help="Beginn in Ortszeit, z. B. 2024-03-20T10:15"
    )
    booking.add_argument("--name", required=True, help="Name der Bürgerin / des Bürgers")
    booking.add_argument(
        "--move-in",
        metavar="JJJJ-MM-TT",
        help="Einzugsdatum (Anmeldung): prüft die Anmeldefrist von 14 Tagen",
    )
    booking.set_defaults(func=run_book)

    cancelling = actions.add_parser("cancel", help="eine Buchung stornieren")
    add_url(cancelling)
    cancelling.add_argument("--code", required=True, help="Buchungscode, z. B. AB3K-7QXM")
    add_now(cancelling)
    cancelling.add_argument("--json", action="store_true", help="als JSON ausgeben")
    cancelling.set_defaults(func=run_cancel)


def _common(parser: argparse.ArgumentParser, *, service: bool) -> None:
    add_url(parser)
    parser.add_argument("--office", required=True, metavar="ID", help="Standort, z. B. bb-mitte")
    if service:
        parser.add_argument(
            "--service", required=True, metavar="ID", help="Dienstleistung, z. B. anmeldung"
        )
    add_now(parser)
    parser.add_argument("--json", action="store_true", help="als JSON ausgeben")


def parse_start(text: str, now: datetime) -> datetime:
    """A slot start in office local time (an explicit offset is honoured)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise RequestRefused(
            f"Ungültiger Beginn {text!r}: erwartet ISO 8601, z. B. 2024-03-20T10:15"
        ) from None
    check_year(value.date(), text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=now.tzinfo)
    return value


def offer_json(o: Offer) -> dict[str, object]:
    """One offered start as JSON."""
    return {
        "start": o.start.isoformat(),
        "end": o.end.isoformat(),
        "fee_cents": o.fee_cents,
        "released": o.released,
    }


def booking_json(b: Booking) -> dict[str, object]:
    """A booking as JSON (times ISO 8601 with offset)."""
    document: dict[str, object] = {
        "code": b.code,
        "office": b.office_id,
        "service": b.service_id,
        "start": b.start.isoformat(),
        "end": b.end.isoformat(),
        "counter": b.counter_number,
        "name": b.citizen_name,
        "status": b.status,
        "channel": b.channel,
        "fee_cents": b.fee_cents,
    }
    if b.frist is not None:
        document["anmeldefrist"] = {
            "deadline": b.frist.deadline.isoformat(),
            "within": b.frist.within,
            "earliest_within": b.frist.earliest_within.isoformat()
            if b.frist.earliest_within
            else None,
        }
    return document


def run_slots(args: argparse.Namespace) -> int:
    """Print the offered starts."""
    now = now_from(args)
    if is_service_url(args.url):  # as the portal device this PC is enrolled as
        from desk.sync.connect import call_service

        data = call_service(
            args.url,
            "GET",
            "/v1/portal/slots",
            now=_sent(args, now),
            kinds=("portal",),
            office=args.office,
            params={"service": args.service},
        )
        slots = [
            {
                "start": datetime.fromisoformat(d["start"]).astimezone(now.tzinfo).isoformat(),
                "end": datetime.fromisoformat(d["end"]).astimezone(now.tzinfo).isoformat(),
                "fee_cents": d["fee_cents"],
                "released": d["released"],
            }
            for d in data
        ]
    else:
        db = open_database(args.url)
        try:
            slots = [offer_json(o) for o in offered_slots(db, args.office, args.service, now)]
        finally:
            db.dispose()
    if args.json:
        print(
            json.dumps(
                {
                    "office": args.office,
                    "service": args.service,
                    "now": now.isoformat(),
                    "slots": slots,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for slot in slots:
        start, end = datetime.fromisoformat(slot["start"]), datetime.fromisoformat(slot["end"])
        fee = f"  Gebühr {slot['fee_cents'] / 100:.2f} €" if slot["fee_cents"] else ""
        print(f"{WEEKDAYS_DE[start.weekday()]} {start:%d.%m.%Y %H:%M}–{end:%H:%M}{fee}")
    print(f"{len(slots)} Termine online buchbar.")
    return 0


def run_book(args: argparse.Namespace) -> int:
    """Book like the portal and print the booking code."""
    now = now_from(args)
    start = parse_start(args.start, now)
    move_in = parse_day(args.move_in) if args.move_in else None
    if is_service_url(args.url):
        body = {"service": args.service, "start": start.isoformat(), "name": args.name}
        if move_in is not None:
            body["move_in"] = move_in.isoformat()
        from desk.sync.connect import call_service

        data = call_service(
            args.url,
            "POST",
            "/v1/portal/bookings",
            now=_sent(args, now),
            kinds=("portal",),
            office=args.office,
            json=body,
        )
        document = service_booking_json(data, now)
    else:
        db = open_database(args.url)
        try:
            made = book(db, args.office, args.service, start, args.name, now, move_in=move_in)
        finally:
            db.dispose()
        document = booking_json(made)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(document["code"])
    fee = document["fee_cents"]
    if isinstance(fee, int) and fee:
        print(f"Gebühr: {fee / 100:.2f} €")
    frist = document.get("anmeldefrist")
    if isinstance(frist, dict):
        state = "eingehalten" if frist["within"] else "NICHT eingehalten"
        print(f"Anmeldefrist bis {date.fromisoformat(frist['deadline']):%d.%m.%Y}: {state}")
        if not frist["within"] and frist["earliest_within"]:
            earliest = datetime.fromisoformat(frist["earliest_within"])
            print(f"Frühester Termin innerhalb der Frist: {earliest:%d.%m.%Y %H:%M}")
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    """Cancel a booking by code."""
    now = now_from(args)
    if is_service_url(args.url):
        from desk.sync.connect import call_service

        data = call_service(
            args.url,
            "DELETE",
            f"/v1/portal/bookings/{quote(args.code.strip(), safe='')}",
            now=_sent(args, now),
            kinds=("portal",),
        )
        document = service_booking_json(data, now)
    else:
        db = open_database(args.url)
        try:
            document = booking_json(cancel(db, args.code, now))
        finally:
            db.dispose()
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        start = datetime.fromisoformat(str(document["start"]))
        print(f"Buchung {document['code']} ({start:%d.%m.%Y %H:%M}) storniert.")
    return 0


def _sent(args: argparse.Namespace, now: datetime) -> datetime | None:
    """The time sent to the service: only a ``--now`` (a training service honours it)."""
    return now if args.now else None


def service_booking_json(data: dict[str, object], now: datetime) -> dict[str, object]:
    """The service's answer in the same shape as ``booking_json`` (times local)."""

    def local(value: object) -> str:
        return datetime.fromisoformat(str(value)).astimezone(now.tzinfo).isoformat()

    document: dict[str, object] = {
        "code": data["code"],
        "office": data["office_id"],
        "service": data["service_id"],
        "start": local(data["start"]),
        "end": local(data["end"]),
        "counter": data["counter"],
        "name": data.get("name"),
        "status": data["status"],
        "channel": data["channel"],
        "fee_cents": data["fee_cents"],
    }
    frist = data.get("frist")
    if isinstance(frist, dict):
        earliest = frist.get("earliest_within")
        document["anmeldefrist"] = {
            "deadline": frist["deadline"],
            "within": frist["within"],
            "earliest_within": local(earliest) if earliest else None,
        }
    return document
