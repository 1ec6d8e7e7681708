"""The ``buergerdesk`` console script: desk's headless commands plus the GUI.

Qt is imported only when a GUI command runs, so ``buergerdesk db upgrade`` and
friends start as fast as the headless command line.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from desk import __version__
from desk.cli.guard import run_guarded
from desk.cli.numbers import COUNTER
from desk.cli.parser import PROG, DeskArgumentParser, add_now
from desk.cli.url_password import without_password


def add_gui_options(parser: DeskArgumentParser) -> None:
    """Options of the clerk app (``buergerdesk`` without a command)."""
    gui = parser.add_argument_group("Schalter-App (ohne BEFEHL)")
    gui.add_argument(
        "--url",
        metavar="URL",
        type=without_password,
        help="Datenbank der App; ohne Angabe die lokale Demo-Stadt (SQLite im Datenordner)",
    )
    add_now(gui)  # type: ignore[arg-type]
    gui.add_argument(
        "--central",
        metavar="URL",
        type=without_password,
        help="zentrale PostgreSQL-Datenbank; die lokale (--url) wird laufend mit ihr abgeglichen",
    )
    gui.add_argument("--office", metavar="ID", help="Standort vorwählen, z. B. bb-mitte")
    gui.add_argument("--counter", metavar="N", type=COUNTER, help="eigenen Schalter vorwählen")
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


def add_display(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``display`` command (Qt; its options are parsed without importing Qt)."""
    from ui.display.command import add_display_command

    add_display_command(commands)


def launch_gui(args: argparse.Namespace) -> int:
    """Start the clerk app (imports Qt)."""
    from ui.gui import run_app

    return run_app(args)


def gui_parser() -> DeskArgumentParser:
    """The parser of the app alone (no command): quick to build, imports no command."""
    parser = DeskArgumentParser(prog=PROG, description="Bürgerdesk – Schalter-App.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_gui_options(parser)
    return parser


def wants_gui(argv: Sequence[str], parser: DeskArgumentParser | None = None) -> bool:
    """Whether the arguments start the app: only the app's options (no command word, no
    help, which lists the commands); anything else goes to the full command line.
    ``parser``: the app's (``gui_parser()``), if already built."""
    if {"-h", "--help"} & set(argv):
        return False
    taking_value = {
        action.option_strings[0]
        for action in (parser or gui_parser())._actions
        if action.option_strings and action.nargs != 0
    }
    expect_value = False
    for word in argv:
        if expect_value:
            expect_value = False
        elif word.startswith("-"):
            expect_value = word.split("=", 1)[0] in taking_value and "=" not in word
        else:
            return False  # a command (or a typo of one: the full parser says which)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    app_parser = gui_parser()
    if wants_gui(arguments, app_parser):  # the app starts without the headless commands
        # The start allocates much and frees little: the garbage collector waits until
        # the window has painted (see ui.gui.resume_collection): its rounds took ≈5 ms.
        gc.disable()
        try:
            return run_guarded(launch_gui, app_parser.parse_args(arguments), rotate_later=True)
        finally:
            gc.enable()
    from desk.cli.main import build_parser

    parser, commands = build_parser()
    add_gui_options(parser)
    add_display(commands)
    args = parser.parse_args(arguments)
    if getattr(args, "func", None) is None:
        return run_guarded(launch_gui, args)
    return run_guarded(args.func, args)
