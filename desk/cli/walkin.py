"""``buergerdesk walkin issue|call``: issue a walk-in ticket, call the next person."""

from __future__ import annotations

import argparse
import json
import uuid
from datetime import datetime
from typing import Any

from desk.cli.numbers import COUNTER
from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import now_from
from desk.domain.errors import DatabaseUnavailable
from desk.domain.status import AppointmentStatus, TicketReason
from desk.domain.walkin import REASON_LABELS_DE
from desk.services.database import open_database
from desk.services.walkin.call_next import CalledPerson, call_next_person
from desk.services.walkin.queue import TICKET
from desk.services.walkin.tickets import TicketInfo, issue_ticket, parse_reason
from desk.sync.service_url import is_service_url


def register(commands: Commands) -> None:
    """Add the ``walkin`` command group."""
    group = commands.add_parser("walkin", help="Wartenummern der Sprechstunde ohne Termin")
    actions = group.add_subparsers(dest="walkin_command", metavar="BEFEHL", required=True)
    issue = actions.add_parser("issue", help="die nächste Wartenummer ziehen")
    _common(issue)
    issue.add_argument(
        "--reason",
        metavar="R",
        help="Grund: " + ", ".join(r.value for r in TicketReason) + " (Standard: sonstiges)",
    )
    issue.add_argument(
        "--request-id",
        metavar="UUID",
        type=press_id,
        help="Kennung dieser Anfrage: mit derselben Kennung wiederholt (etwa nach einer "
        "Zeitüberschreitung) gibt es dieselbe Wartenummer statt einer weiteren "
        "(Standard: eine neue)",
    )
    issue.set_defaults(func=run_issue)
    call = actions.add_parser(
        "call",
        help="die nächste Person an einen Schalter rufen (einen fälligen Termin vor einer "
        "Wartenummer, wie F9)",
    )
    _common(call)
    call.add_argument(
        "--counter", required=True, type=COUNTER, metavar="N", help="Schalter-Nummer (1–999)"
    )
    call.set_defaults(func=run_call)


def press_id(text: str) -> uuid.UUID:
    """An argparse type: the request's id, a UUID."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"erwartet eine UUID, nicht {text!r}") from None


press_id.__name__ = "UUID"  # argparse names the type in its own messages


def _common(parser: argparse.ArgumentParser) -> None:
    add_url(parser)
    parser.add_argument("--office", required=True, metavar="ID", help="Standort, z. B. bb-mitte")
    add_now(parser)
    parser.add_argument("--json", action="store_true", help="als JSON ausgeben")


def ticket_json(t: TicketInfo) -> dict[str, object]:
    """A ticket as JSON (times ISO 8601 with offset)."""
    return {
        "code": t.code,
        "number": t.number,
        "office": t.office_id,
        "reason": t.reason,
        "status": t.status,
        "issued_at": t.issued_at.isoformat(),
        "counter": t.counter_number,
        "called_at": t.called_at.isoformat() if t.called_at else None,
        "waiting_ahead": t.waiting_ahead,
        "left_today": t.left_today,
    }


def run_issue(args: argparse.Namespace) -> int:
    """Issue a ticket and print its number."""
    now = now_from(args)
    reason = parse_reason(args.reason)
    press = args.request_id or uuid.uuid4()
    if is_service_url(args.url):
        from desk.sync.connect import call_service

        try:
            data = call_service(
                args.url,
                "POST",
                "/v1/walkin/tickets",
                now=now if args.now else None,
                kinds=("reception", "counter"),
                office=args.office,
                json={"reason": reason.value, "request_id": str(press)},
            )
        except DatabaseUnavailable as err:  # perhaps issued, the answer lost: retry as is
            raise DatabaseUnavailable(f"{err}; erneut mit --request-id {press}") from None
        ticket = service_ticket(data, now)
    else:
        db = open_database(args.url)
        try:
            ticket = issue_ticket(db, args.office, reason, now, request_id=press)
        finally:
            db.dispose()
    if args.json:
        print(json.dumps(ticket_json(ticket), ensure_ascii=False, indent=2))
        return 0
    left = "" if ticket.left_today is None else f", noch {ticket.left_today} heute"
    print(
        f"{ticket.code} ({REASON_LABELS_DE[ticket.reason]}, {ticket.issued_at:%H:%M} Uhr, "
        f"{ticket.waiting_ahead} vor Ihnen{left})"
    )
    return 0


def run_call(args: argparse.Namespace) -> int:
    """Call the next person and print the call: as F9 does, an appointment that is due
    before a ticket; through a service URL the service claims the next ticket."""
    now = now_from(args)
    if is_service_url(args.url):
        from desk.sync.connect import call_service

        data = call_service(
            args.url,
            "POST",
            "/v1/walkin/call-next",
            now=now if args.now else None,
            kinds=("counter",),
            office=args.office,
            json={"counter": args.counter},
        )
        ticket = service_ticket(data, now)
        called = CalledPerson(TICKET, ticket.id, ticket.code, ticket.called_at or now, ticket)
    else:
        db = open_database(args.url)
        try:
            called = call_next_person(db, args.office, args.counter, now)
        finally:
            db.dispose()
    if args.json:
        print(
            json.dumps(called_json(called, args.office, args.counter), ensure_ascii=False, indent=2)
        )
    else:
        print(f"{called.code} → Schalter {args.counter}")
    return 0


def called_json(called: CalledPerson, office_id: str, counter: int) -> dict[str, object]:
    """A call as JSON with its kind: a ticket in full, an appointment by its booking code."""
    if called.ticket is not None:
        return {"kind": called.kind, **ticket_json(called.ticket)}
    return {
        "kind": called.kind,
        "code": called.code,
        "office": office_id,
        "status": AppointmentStatus.CALLED.value,
        "counter": counter,
        "called_at": called.at.isoformat(),
    }


def service_ticket(data: dict[str, Any], now: datetime) -> TicketInfo:
    """A ticket from the service's answer (times in the office's zone)."""
    called = data.get("called_at")
    return TicketInfo(
        uuid.UUID(str(data["id"])),
        str(data["office_id"]),
        str(data["code"]),
        int(data["number"]),
        str(data["reason"]),
        str(data["status"]),
        datetime.fromisoformat(str(data["issued_at"])).astimezone(now.tzinfo),
        counter_number=data.get("counter"),
        called_at=datetime.fromisoformat(str(called)).astimezone(now.tzinfo) if called else None,
        waiting_ahead=int(data.get("waiting_ahead") or 0),
        left_today=data.get("left_today"),
    )
