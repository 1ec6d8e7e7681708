"""The ``display`` command's options (no Qt here: parsing must stay quick and headless)."""

from __future__ import annotations

import argparse

from desk.cli.numbers import seconds, whole
from desk.cli.url_password import without_password


def add_display_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``display`` on the command line."""
    parser = commands.add_parser(
        "display",
        help="Aufrufanzeige für das Wartezimmer (zweiter Bildschirm)",
        description=(
            "Zeigt die Aufrufe eines Standorts im Vollbild: die neueste Nummer groß, "
            "die vorigen kleiner, die Zahl der Wartenden und die Uhrzeit. Zeigt keine "
            "personenbezogenen Daten."
        ),
    )
    parser.add_argument(
        "--url", required=True, metavar="URL", type=without_password, help="Datenbank (zentral)"
    )
    parser.add_argument("--office", required=True, metavar="ID", help="Standort, z. B. bb-mitte")
    parser.add_argument(
        "--screen", type=whole(1, 16), metavar="N", help="Bildschirm (1, 2, …); sonst der zweite"
    )
    parser.add_argument("--window", action="store_true", help="als Fenster statt im Vollbild")
    parser.add_argument("--now", metavar="ISO-DATETIME", help="feste Uhrzeit (Schulung, Tests)")
    parser.add_argument("--no-sound", action="store_true", help="ohne Gong")
    parser.add_argument("--no-speech", action="store_true", help="ohne Sprachansage")
    parser.add_argument(
        "--poll-seconds",
        type=seconds(0.1, 3600),
        default=2.0,
        metavar="S",
        help="Abfrageabstand (2 s)",
    )
    parser.add_argument(
        "--stale-seconds",
        type=seconds(1, 86400),
        default=30.0,
        metavar="S",
        help="„Anzeige nicht aktuell“ nach so vielen Sekunden ohne Daten (30 s)",
    )
    parser.set_defaults(func=_launch)


def _launch(args: argparse.Namespace) -> int:
    import logging

    from desk.config import paths
    from desk.settings import load_settings
    from desk.settings.options import fill_display_options
    from ui.display.run import run_display  # Qt is imported only when the display starts

    # [display] of config.toml: screen, chime, speech, full screen (options win)
    for problem in fill_display_options(args, load_settings(paths().config_file)):
        logging.getLogger(__name__).warning("config: %s", problem)
    return run_display(args)
