"""The ``buergerdesk`` console script: desk's headless commands plus the GUI.

Qt is imported only when a GUI command runs, so ``buergerdesk db upgrade`` and
friends start as fast as the headless command line.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from desk.cli.main import build_parser, run_guarded
from desk.cli.parser import DeskArgumentParser, add_now


def add_gui_options(parser: DeskArgumentParser) -> None:
    """Options of the clerk app (``buergerdesk`` without a command)."""
    gui = parser.add_argument_group("Schalter-App (ohne BEFEHL)")
    gui.add_argument(
        "--url",
        metavar="URL",
        help="Datenbank der App; ohne Angabe die lokale Demo-Stadt (SQLite im Datenordner)",
    )
    add_now(gui)  # type: ignore[arg-type]
    gui.add_argument(
        "--central",
        metavar="URL",
        help="zentrale PostgreSQL-Datenbank; die lokale (--url) wird laufend mit ihr abgeglichen",
    )
    gui.add_argument("--office", metavar="ID", help="Standort vorwählen, z. B. bb-mitte")
    gui.add_argument("--counter", metavar="N", type=int, help="eigenen Schalter vorwählen")
    gui.add_argument(
        "--language",
        choices=("de", "en"),
        help="Sprache der Oberfläche (sonst die im Menü gewählte oder die des Systems)",
    )
    gui.add_argument(
        "--smoke",
        action="store_true",
        help="Fenster öffnen, Daten laden und wieder beenden (Prüfung einer Installation)",
    )


def launch_gui(args: argparse.Namespace) -> int:
    """Start the clerk app (imports Qt)."""
    from ui.gui import run_app

    return run_app(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point."""
    parser, _commands = build_parser()
    add_gui_options(parser)
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        return run_guarded(launch_gui, args)
    return run_guarded(args.func, args)
