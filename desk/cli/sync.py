"""``buergerdesk sync``: keep a counter's local database in step with the central one."""

from __future__ import annotations

import argparse
import sys
import time

from desk.cli.numbers import seconds
from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import clock_from
from desk.cli.url_password import without_password
from desk.domain.errors import DatabaseUnavailable
from desk.instance_lock import hold_local_database
from desk.services.database import open_database
from desk.sync.engine import SyncEngine, SyncReport


def register(commands: Commands) -> None:
    """Add the ``sync`` command."""
    sync = commands.add_parser(
        "sync",
        help="lokale Datenbank mit der zentralen abgleichen",
        description="Lädt wartende Änderungen hoch und holt zentrale Änderungen. "
        "Beim ersten Lauf wird eine leere lokale Datenbank zur Kopie der zentralen.",
    )
    add_url(sync)
    sync.add_argument(
        "--central",
        metavar="URL",
        type=without_password,
        help="der zentrale Dienst, https://HOST:PORT (sonst der von 'buergerdesk enroll')",
    )
    sync.add_argument(
        "--once",
        action="store_true",
        help="einmal abgleichen und beenden (Exit 0, wenn alles abgeglichen ist)",
    )
    sync.add_argument(
        "--interval",
        type=seconds(1, 86400),
        default=30.0,
        metavar="SEKUNDEN",
        help="Abstand der Abgleiche ohne --once (Standard 30)",
    )
    add_now(sync)
    sync.set_defaults(func=run)


def describe(report: SyncReport) -> str:
    """One line about a round."""
    status = report.status
    line = (
        f"abgeglichen: {report.pushed} hochgeladen, {report.pulled} geholt, "
        f"{status.waiting} wartend"
    )
    if report.rejected:
        line += f", {report.rejected} abgelehnt (Konflikte: {status.conflicts})"
    return line + "."


def run(args: argparse.Namespace) -> int:
    """Sync once, or keep syncing until interrupted; one process per local database."""
    held = hold_local_database(args.url)  # before anything reads or repairs it
    try:
        return _run(args)
    finally:
        if held is not None:
            held.release()


def _run(args: argparse.Namespace) -> int:
    from desk.sync.connect import remote_link

    link = remote_link(args.central, training=args.now is not None)
    from desk.jobs.start_check import check_at_start

    checked = check_at_start(args.url, central=True)  # a damaged file is repaired first
    if checked is not None and checked.repaired:
        print(checked.summary().replace("\n", " "), file=sys.stderr)
    local = open_database(args.url)
    engine = SyncEngine(local, link)
    clock = clock_from(args)  # one clock: with --now it runs on from that time
    try:
        if args.once:
            report = engine.sync_once(clock.now())
            print(describe(report))
            return 0 if report.status.waiting == 0 else 1
        while True:
            try:
                print(describe(engine.sync_once(clock.now())), flush=True)
            except DatabaseUnavailable as err:
                print(f"offline: {err}", flush=True)
            time.sleep(args.interval)
    finally:
        local.dispose()
        link.close()
