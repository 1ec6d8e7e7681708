"""Structured logging to a rotating file in the user's log folder; tracebacks go there,
never to users. No personal data: log ids and counts, never names or contact data.

One line per record (a traceback follows on indented lines)::

    2026-11-24T10:00:00+01:00 level=INFO logger=desk.sync.engine event="change log pruned" rows=3

Fields passed as ``extra={"fields": {...}}`` are written as ``key=value``. A redaction
filter is the safety net for text that comes from libraries: SQL parameters and
passwords in connection strings are masked before a line is written.

The GUI starts with a plain handler on the same file (``rotate_later``) and swaps in
the rotating one once its window has painted: ``logging.handlers`` pulls in socket,
pickle and queue, which the first paint does not need. No line is lost or held back.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from io import TextIOWrapper
from pathlib import Path
from typing import cast

from desk.config import paths
from desk.private_files import private_dir, private_opener

#: ``BUERGERDESK_LOG_LEVEL=DEBUG`` raises the detail of the log (support, tests).
LEVEL_ENV = "BUERGERDESK_LOG_LEVEL"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5

#: Libraries whose own debug output carries SQL, parameters or connection details.
QUIET_LOGGERS = (
    "sqlalchemy",
    "psycopg",
    "apscheduler",
    "alembic.runtime.plugins",
    "asyncio",
    "keyring",  # "Loading KWallet" and friends at DEBUG on every lookup
)

_REDACTIONS = (
    # SQLAlchemy error text: "[parameters: ('Name', ...)]" carries row values
    (re.compile(r"\[parameters: [^\n]*"), "[parameters: ***]"),
    (re.compile(r"(\w+://[^:/@\s]+:)[^@\s]+@"), r"\1***@"),  # scheme://user:password@host
    (re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.I), r"\1***"),  # libpq key=value
)
_PLAIN_VALUE = re.compile(r"[\w.:/+@-]+")


def redact(text: str) -> str:
    """``text`` with SQL parameters and passwords masked."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _value(value: object) -> str:
    text = str(value)
    if _PLAIN_VALUE.fullmatch(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class StructuredFormatter(logging.Formatter):
    """``time level=… logger=… event="…" key=value``, redacted; traceback indented below."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="seconds")
        parts = [
            when,
            f"level={record.levelname}",
            f"logger={record.name}",
            f"event={_value(record.getMessage())}",
        ]
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            parts += [f"{key}={_value(value)}" for key, value in fields.items()]
        line = " ".join(parts)
        if record.exc_info:
            trace = self.formatException(record.exc_info)
            line += "\n" + "\n".join("  " + row for row in trace.splitlines())
        elif record.stack_info:
            line += "\n" + "\n".join("  " + row for row in record.stack_info.splitlines())
        return redact(line)


def _level_from_env(default: int) -> int:
    name = os.environ.get(LEVEL_ENV, "").strip().upper()
    level = logging.getLevelName(name) if name else default
    return level if isinstance(level, int) else default


def _our_handler() -> logging.FileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler) and getattr(handler, "buergerdesk", False):
            return handler
    return None


def _open_private(handler: logging.FileHandler) -> TextIOWrapper:
    """The handler's file, created 0600 (an existing wider one is tightened)."""
    opened = open(  # noqa: SIM115 (the handler keeps it open)
        handler.baseFilename,
        handler.mode,
        encoding=handler.encoding,
        errors=handler.errors,
        opener=private_opener,
    )
    return cast(TextIOWrapper, opened)


class _PrivateFileHandler(logging.FileHandler):
    """A file handler whose file is its user's alone."""

    def _open(self) -> TextIOWrapper:
        return _open_private(self)


def _rotating(log_file: Path) -> logging.FileHandler:
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(RotatingFileHandler):
        """Rotating, and every new file 0600 (the rotated ones keep their modes)."""

        def _open(self) -> TextIOWrapper:
            return _open_private(self)

    return PrivateRotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def _mark(handler: logging.FileHandler, previous_level: int) -> logging.FileHandler:
    handler.buergerdesk = True  # type: ignore[attr-defined]
    handler.previous_level = previous_level  # type: ignore[attr-defined]
    handler.setFormatter(StructuredFormatter())
    return handler


def configure_logging(level: int | None = None, *, rotate_later: bool = False) -> Path | None:
    """Log to the installation's rotating log file, once per process (GUI and CLI alike);
    returns the file's path, or None when it is not writable. ``level`` defaults to
    ``BUERGERDESK_LOG_LEVEL`` or INFO. ``rotate_later``: write to the file with a plain
    handler until ``start_rotating`` (the GUI's start)."""
    log_file = paths().log_file
    root = logging.getLogger()
    existing = _our_handler()
    if existing is not None:
        return Path(existing.baseFilename)
    try:
        private_dir(log_file.parent)
        opened = (
            _PrivateFileHandler(log_file, encoding="utf-8") if rotate_later else _rotating(log_file)
        )
    except OSError:
        return None
    root.addHandler(_mark(opened, root.level))
    root.setLevel(_level_from_env(logging.INFO) if level is None else level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return log_file


def start_rotating() -> None:
    """Put the rotating handler in place of the plain one ``rotate_later`` began with
    (same file, appended; a no-op when it rotates already or logging is off)."""
    plain = _our_handler()
    if plain is None or type(plain) is not _PrivateFileHandler:
        return
    try:
        rotating = _rotating(Path(plain.baseFilename))
    except OSError:
        return  # the plain handler keeps writing
    root = logging.getLogger()
    root.addHandler(_mark(rotating, getattr(plain, "previous_level", logging.WARNING)))
    root.removeHandler(plain)
    plain.close()


def stop_logging() -> None:
    """Close and remove the handler ``configure_logging`` installed, and restore the
    level it replaced (tests, shutdown)."""
    handler = _our_handler()
    if handler is not None:
        root = logging.getLogger()
        root.removeHandler(handler)
        root.setLevel(getattr(handler, "previous_level", logging.WARNING))
        handler.close()
