"""Entry of the headless command line: parse, dispatch, map errors to exit codes.

Exit codes (DESIGN.md §5): 0 success, 2 refused or bad request (one line on
stderr), 1 internal error (one line; the traceback goes to the log file); 141, quietly,
when the reader of stdout went away (``… | head -1``, ``desk.cli.pipes``).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence

from desk import __version__
from desk.cli import (
    agenda,
    backup,
    config_cmd,
    db,
    demo,
    devices,
    enroll,
    portal,
    retention,
    serve,
    stats,
    sync,
    users,
    walkin,
)
from desk.cli.guard import run_guarded
from desk.cli.parser import PROG, Commands, DeskArgumentParser

log = logging.getLogger(__name__)

Registrar = Callable[[Commands], None]
HEADLESS: tuple[Registrar, ...] = (
    db.register,
    demo.register,
    agenda.register,
    portal.register,
    walkin.register,
    sync.register,
    config_cmd.register,
    stats.register,
    backup.register,
    retention.register,
    users.register,
    serve.register,
    devices.register,
    enroll.register,
)


def build_parser() -> tuple[DeskArgumentParser, Commands]:
    """The parser with every headless command; callers may add more commands."""
    parser = DeskArgumentParser(
        prog=PROG,
        description="Bürgerdesk – Schaltersoftware für die Bürgerbüros.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="BEFEHL", parser_class=DeskArgumentParser
    )
    for register in HEADLESS:
        register(commands)
    return parser, commands


def dispatch(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse ``argv`` and run the chosen command with the error contract above."""
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 0
    return run_guarded(func, args)


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry (``python -m desk``): the same commands without the GUI."""
    parser, _ = build_parser()
    return dispatch(parser, argv)
