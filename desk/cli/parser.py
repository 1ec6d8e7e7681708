"""An argparse parser that refuses bad input in one line and exit code 2."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn, TypeAlias

PROG = "buergerdesk"


class DeskArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line on stderr (no usage dump), exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (siehe '{self.prog} --help')\n")
        raise SystemExit(2)


def add_url(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """The ``--url`` option every database command takes."""
    parser.add_argument(
        "--url",
        required=required,
        metavar="URL",
        help="Datenbank: sqlite:///PFAD oder postgresql+psycopg://BENUTZER@HOST/DB",
    )


def add_now(parser: argparse.ArgumentParser) -> None:
    """The ``--now`` option of every time-dependent command (local office time)."""
    parser.add_argument(
        "--now",
        metavar="ISO-DATETIME",
        help="so tun, als wäre jetzt diese Ortszeit (Schulung, Tests), z. B. 2024-03-18T08:30",
    )


Commands: TypeAlias = "argparse._SubParsersAction[DeskArgumentParser]"
"""The sub-command collection each command module registers itself with."""
