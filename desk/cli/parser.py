"""An argparse parser that refuses bad input in one line and exit code 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TypeAlias

from desk.cli.argparse_de import german
from desk.cli.url_password import without_password

PROG = "buergerdesk"


def not_utf8(word: str) -> bool:
    """Whether a command-line word came from bytes that are not UTF-8 (Python keeps
    them as lone surrogates, which no database and no file name takes)."""
    return any("\ud800" <= c <= "\udfff" for c in word)


#: argparse's own words in its help (its error messages: desk.cli.argparse_de).
USAGE = "Aufruf: "
POSITIONALS = "Argumente"
OPTIONS = "Optionen"
HELP = "diese Hilfe zeigen und beenden"
VERSION = "Versionsnummer zeigen und beenden"


class GermanUsage(argparse.HelpFormatter):
    """A help formatter whose usage line starts with "Aufruf: " (argparse: "usage: ")."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


def german_formatter(formatter: type[argparse.HelpFormatter]) -> type[argparse.HelpFormatter]:
    """``formatter`` with the German usage line (a raw or defaults formatter stays one)."""
    if issubclass(formatter, GermanUsage):
        return formatter
    return type(f"German{formatter.__name__}", (GermanUsage, formatter), {})


class DeskArgumentParser(argparse.ArgumentParser):
    """ArgumentParser in German (its help's headings and usage line, its errors) whose
    errors are one line on stderr (no usage dump), exit 2; a word that is not valid UTF-8
    is refused before any command runs."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        formatter = kwargs.pop("formatter_class", argparse.HelpFormatter)
        kwargs.update(formatter_class=german_formatter(formatter), add_help=False)
        super().__init__(**kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """argparse's ``add_argument``; ``--version`` explained in German."""
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", VERSION)
        return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {german(message)} (siehe '{self.prog} --help')\n")
        raise SystemExit(2)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        words = list(sys.argv[1:] if args is None else args)
        for word in words:
            if not_utf8(word):
                shown = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in word)
                self.error(f"{shown!r} ist kein gültiges UTF-8 (Zeichensatz des Terminals prüfen)")
        return super().parse_known_args(words, namespace)


def add_url(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """The ``--url`` option every database command takes."""
    parser.add_argument(
        "--url",
        required=required,
        metavar="URL",
        type=without_password,
        help="Datenbank: sqlite:///PFAD oder postgresql+psycopg://BENUTZER@HOST/DB "
        "(ohne Passwort: ~/.pgpass oder eine Dienstdatei)",
    )


def add_now(parser: argparse.ArgumentParser) -> None:
    """The ``--now`` option of every time-dependent command (local office time)."""
    parser.add_argument(
        "--now",
        metavar="ISO-DATETIME",
        help="so tun, als wäre jetzt diese Ortszeit (Schulung, Tests), z. B. 2024-03-18T08:30; "
        "eine Zeit, die es wegen der Umstellung auf Sommerzeit nicht gibt, wird abgelehnt, "
        "eine, die es zweimal gibt (Umstellung auf Winterzeit), gilt als die erste "
        "(Sommerzeit; die zweite mit +01:00 angeben)",
    )


Commands: TypeAlias = "argparse._SubParsersAction[DeskArgumentParser]"
"""The sub-command collection each command module registers itself with."""
