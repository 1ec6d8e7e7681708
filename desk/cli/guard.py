"""The error contract of every command (and of the GUI's start): exit codes, one line.

Kept apart from the parser so that starting the GUI does not import every command.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from desk.cli.parser import PROG
from desk.cli.pipes import stdout_closed
from desk.config import paths
from desk.domain.errors import DeskError
from desk.logs import configure_logging
from desk.private_files import private_umask, tighten_folders

log = logging.getLogger("desk.cli.main")


def run_guarded(
    func: Callable[[argparse.Namespace], int],
    args: argparse.Namespace,
    *,
    rotate_later: bool = False,
) -> int:
    """Run a command; domain errors → exit 2, anything unexpected → exit 1, no traceback.
    Everything it creates is its OS user's alone (umask 077, ``desk.private_files``).
    ``rotate_later``: see ``desk.logs.configure_logging`` (the GUI's start)."""
    with private_umask():
        where = paths()
        tighten_folders(where.data_dir, where.backups_dir, where.log_dir, where.config_dir)
        return _run(func, args, rotate_later)


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace, later: bool) -> int:
    log_file = configure_logging(rotate_later=later)
    try:
        code = func(args)
        sys.stdout.flush()  # a reader gone early shows here, not in the flush at exit
        return code
    except BrokenPipeError:
        return stdout_closed()
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
