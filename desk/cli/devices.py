"""``buergerdesk device add|list|revoke``: the city's IT registers the PCs (and the
portal) that may talk to the central service, and locks them out again. Run on the
server side with the database URL; the enrollment code is shown once and never stored."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from desk.cli.numbers import COUNTER
from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import now_from
from desk.domain.status import DeviceKind
from desk.services.admin.devices import (
    DeviceInfo,
    add_device,
    list_devices,
    revoke_device,
    unlock_device,
)
from desk.services.database import open_database

KINDS = "|".join(k.value for k in DeviceKind)


def register(commands: Commands) -> None:
    """Add the ``device`` command group."""
    group = commands.add_parser(
        "device",
        help="Geräte für den zentralen Dienst registrieren, auflisten, sperren",
        description="Schalter-, Empfangs- und Anzeige-PCs und das Online-Portal beim "
        "zentralen Dienst registrieren: jedes Gerät gehört zu einem Standort und meldet "
        "sich einmal mit einem Anmeldecode an ('buergerdesk enroll' auf dem PC).",
    )
    actions = group.add_subparsers(dest="device_command", metavar="BEFEHL", required=True)
    add = actions.add_parser(
        "add", help="ein Gerät registrieren; gibt den einmaligen Anmeldecode aus",
        description="Registriert ein Gerät eines Standorts und gibt seinen Anmeldecode aus "
        "(24 Stunden gültig, nur einmal verwendbar, nirgends gespeichert).",
    )  # fmt: skip
    add_url(add)
    add.add_argument("--office", required=True, metavar="ID", help="Standort, z. B. bb-mitte")
    add.add_argument("--kind", required=True, metavar=KINDS, help="Art des Geräts")
    add.add_argument(
        "--counter", type=COUNTER, metavar="N",
        help="Schalter-Nummer (nur Art counter; ohne: jeder Schalter des Standorts)",
    )  # fmt: skip
    add.add_argument("--name", metavar="TEXT", help="Bezeichnung, z. B. 'Platz am Fenster'")
    add_now(add)
    add.add_argument("--json", action="store_true", help="als JSON ausgeben")
    add.set_defaults(func=run_add)
    show = actions.add_parser(
        "list", help="die registrierten Geräte ausgeben", description="Gibt die Geräte aus: "
        "ID (Anfang), Standort, Art, Schalter, Status, zuletzt gesehen, Bezeichnung.",
    )  # fmt: skip
    add_url(show)
    show.add_argument("--office", metavar="ID", help="nur die Geräte dieses Standorts")
    add_now(show)
    show.add_argument("--json", action="store_true", help="als JSON ausgeben")
    show.set_defaults(func=run_list)
    for name, run, short, long in (
        ("revoke", run_revoke, "ein Gerät sperren", "Sperrt ein Gerät endgültig und beendet "
         "die Anmeldungen seiner Benutzer; danach weist der zentrale Dienst es ab."),
        ("unlock", run_unlock, "die Anmeldesperre eines Geräts aufheben", "Hebt die Sperre "
         "auf, die nach zehn falschen Passwörtern an einem Gerät 15 Minuten gilt "
         "(protokolliert); die Anmeldung einer Teamleitung am Gerät hebt sie ebenso auf."),
    ):  # fmt: skip
        one = actions.add_parser(name, help=short, description=long)
        add_url(one)
        one.add_argument(
            "device_id", metavar="GERÄTE-ID", help="die ID oder ihre ersten 8 Zeichen (siehe list)"
        )
        add_now(one)
        one.set_defaults(func=run)


def _local(moment: datetime | None, now: datetime) -> str:
    return f"{moment.astimezone(now.tzinfo):%d.%m.%Y %H:%M}" if moment is not None else "–"


def _iso(moment: datetime | None, now: datetime) -> str | None:
    return moment.astimezone(now.tzinfo).isoformat() if moment is not None else None


def device_json(d: DeviceInfo, now: datetime) -> dict[str, object]:
    """A device as JSON (times ISO 8601 with offset, in the office's local time)."""
    return {
        "device_id": str(d.id),
        "office_id": d.office_id,
        "kind": d.kind,
        "counter": d.counter_number,
        "name": d.name,
        "state": d.state_at(now),
        "created_at": _iso(d.created_at, now),
        "enrolled_at": _iso(d.enrolled_at, now),
        "revoked_at": _iso(d.revoked_at, now),
        "last_seen_at": _iso(d.last_seen_at, now),
        "sign_in_blocked_until": _iso(d.sign_in_blocked_until, now),
    }


def _what(d: DeviceInfo) -> str:
    where = f", Schalter {d.counter_number}" if d.counter_number is not None else ""
    return f"{d.label} {d.short_id} ({d.office_id}{where})"


def run_add(args: argparse.Namespace) -> int:
    """Register a device and print its one-time enrollment code."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        enrollment = add_device(
            db, args.office, args.kind, now, counter_number=args.counter, name=args.name
        )
    finally:
        db.dispose()
    device = enrollment.device
    if args.json:
        document = {
            "code": enrollment.code,
            "device_id": str(device.id),
            "office_id": device.office_id,
            "kind": device.kind,
            "counter": device.counter_number,
            "expires_at": _iso(enrollment.expires_at, now),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(f"Anmeldecode für {_what(device)}: {enrollment.code}")
    print(
        f"Gültig bis {_local(enrollment.expires_at, now)} Uhr, nur einmal; auf dem PC: "
        f"buergerdesk enroll --central https://SERVER:PORT --code {enrollment.code}"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the registered devices, one per line (tab-separated) or as JSON."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        devices = list_devices(db, args.office)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([device_json(d, now) for d in devices], ensure_ascii=False, indent=2))
        return 0
    print("ID\tStandort\tArt\tSchalter\tStatus\tZuletzt gesehen\tBezeichnung")
    for d in devices:
        counter = str(d.counter_number) if d.counter_number is not None else "–"
        state = d.state_at(now)
        if d.sign_in_blocked_until is not None:
            state += f", Anmeldung gesperrt bis {_local(d.sign_in_blocked_until, now)} Uhr"
        print(
            f"{d.short_id}\t{d.office_id}\t{d.kind}\t{counter}\t{state}\t"
            f"{_local(d.last_seen_at, now)}\t{d.name or '–'}"
        )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Lock a device out of the central service."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        device = revoke_device(db, args.device_id, now)
    finally:
        db.dispose()
    print(f"{_what(device)} gesperrt.")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    """Lift a device's sign-in block after failed sign-ins."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        held = unlock_device(db, args.device_id, now)
    finally:
        db.dispose()
    print("Anmeldesperre aufgehoben." if held else "Keine Anmeldesperre gesetzt.")
    return 0
