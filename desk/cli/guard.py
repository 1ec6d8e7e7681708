"""The error contract of every command (and of the GUI's start): exit codes, one line.

Kept apart from the parser so that starting the GUI does not import every command.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from desk.cli.parser import PROG
from desk.domain.errors import DeskError
from desk.logs import configure_logging

log = logging.getLogger("desk.cli.main")


def run_guarded(
    func: Callable[[argparse.Namespace], int],
    args: argparse.Namespace,
    *,
    rotate_later: bool = False,
) -> int:
    """Run a command; domain errors → exit 2, anything unexpected → exit 1, no traceback.
    ``rotate_later``: see ``desk.logs.configure_logging`` (the GUI's start)."""
    log_file = configure_logging(rotate_later=rotate_later)
    try:
        return func(args)
    except DeskError as err:
        sys.stderr.write(f"{PROG}: {err}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: abgebrochen\n")
        return 130
    except Exception as err:  # the one place that turns surprises into a calm line
        log.exception("internal error in %s", getattr(args, "command", "?"))
        where = f" (Details: {log_file})" if log_file else ""
        sys.stderr.write(f"{PROG}: interner Fehler: {type(err).__name__}{where}\n")
        return 1
