"""``buergerdesk stats``: an office's statistics of a period as CSV on stdout."""

from __future__ import annotations

import argparse
import sys

from desk.cli.parser import Commands, add_url
from desk.domain.localtime import parse_day
from desk.services.database import open_database
from desk.services.reports.csv_export import write_csv
from desk.services.reports.statistics import office_statistics


def register(commands: Commands) -> None:
    """Add the ``stats`` command."""
    stats = commands.add_parser(
        "stats",
        help="Statistik eines Standorts als CSV",
        description=(
            "Gibt die Statistik eines Standorts als CSV aus: eine Zeile je Tag (Ortszeit) "
            "von --from bis --to einschließlich, dann die Zeile 'gesamt' für den Zeitraum. "
            "Die Spalten beschreibt die README (Leitfaden für die Teamleitung)."
        ),
    )
    add_url(stats)
    stats.add_argument("--office", required=True, metavar="ID", help="Standort, z. B. bb-mitte")
    stats.add_argument(
        "--from", dest="first", required=True, metavar="DATUM", help="erster Tag, z. B. 2024-03-01"
    )
    stats.add_argument(
        "--to", dest="last", required=True, metavar="DATUM", help="letzter Tag, z. B. 2024-03-31"
    )
    stats.set_defaults(func=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    """Print the CSV."""
    first, last = parse_day(args.first), parse_day(args.last)
    db = open_database(args.url)
    try:
        stats = office_statistics(db, args.office, first, last)
    finally:
        db.dispose()
    write_csv(stats, sys.stdout)
    return 0
