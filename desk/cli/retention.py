"""``buergerdesk retention run``: anonymise personal data past the retention period."""

from __future__ import annotations

import argparse
import json

from desk.cli.numbers import whole
from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import now_from
from desk.services.admin.retention import DEFAULT_DAYS, anonymise_expired
from desk.services.database import open_database
from desk.store.database import parse_url, sqlite_path
from desk.store.kept_aside import clear_kept_aside

MAX_DAYS = 3650  # ten years, as config.toml's retention_days


def register(commands: Commands) -> None:
    """Add the ``retention`` command group."""
    group = commands.add_parser("retention", help="Aufbewahrungsfrist (DSGVO)")
    actions = group.add_subparsers(dest="retention_command", metavar="BEFEHL", required=True)
    run = actions.add_parser(
        "run",
        help="personenbezogene Daten abgelaufener Termine anonymisieren",
        description="Ersetzt Name, Telefon, E-Mail, Notizen und Einzugsdatum der Termine, "
        "deren Tag mehr als --days Tage zurückliegt; Zählungen, Status, Wege und Zeiten "
        "bleiben für die Statistik erhalten. Ein zweiter Lauf ändert nichts.",
    )
    add_url(run)
    add_now(run)
    run.add_argument(
        "--days",
        metavar="N",
        type=whole(0, MAX_DAYS),
        default=DEFAULT_DAYS,
        help=f"Aufbewahrungsfrist in Tagen nach dem Termin (Standard: {DEFAULT_DAYS})",
    )
    run.add_argument("--json", action="store_true", help="als JSON ausgeben")
    run.set_defaults(func=run_retention)


def run_retention(args: argparse.Namespace) -> int:
    """Anonymise and print the counts."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        report = anonymise_expired(db, now, args.days)
    finally:
        db.dispose()
    local = sqlite_path(parse_url(args.url))
    cleared = clear_kept_aside(local, now, args.days) if local is not None else []
    if args.json:
        document = {
            "now": now.isoformat(),
            "days": args.days,
            "first_kept_day": report.first_kept_day.isoformat(),
            "appointments": report.appointments,
            "events": report.events,
            "outbox_ops": report.outbox_ops,
            "conflicts": report.conflicts,
            "kept_aside_deleted": [str(path) for path in cleared],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(
        f"Anonymisiert vor dem {report.first_kept_day:%d.%m.%Y}: {report.appointments} Termine, "
        f"{report.events} Verlaufsnotizen, {report.outbox_ops} wartende Änderungen, "
        f"{report.conflicts} Konflikte"
        + (f"; {len(cleared)} beiseitegelegte Dateien gelöscht." if cleared else ".")
    )
    return 0
