"""Checking a SQLite file with ``PRAGMA integrity_check`` or ``quick_check``.

Only the standard library: the app starts this check on its own thread while Qt and
the database layer are still being imported (``desk.jobs.start_check``).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

#: Above this size the start uses ``quick_check`` (no index cross-check): a year of an
#: office's history (≈180 MB) takes 2.3 s with ``integrity_check`` and 0.3 s with it.
#: The daily backup runs the full check on its copy.
QUICK_ABOVE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """The result of checking one file: ok, or the first problem found."""

    ok: bool
    check: str  # "integrity_check" or "quick_check"
    problem: str | None = None


def read_only_uri(path: Path) -> str:
    """A SQLite URI that opens ``path`` without writing to it."""
    return f"{path.resolve().as_uri()}?mode=ro"


def check_file(path: Path, quick_above: int = QUICK_ABOVE_BYTES) -> Finding:
    """``PRAGMA integrity_check`` (``quick_check`` above ``quick_above`` bytes) of a file;
    a file that cannot be opened as a database is a problem, too."""
    check = "quick_check" if path.stat().st_size > quick_above else "integrity_check"
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            rows = conn.execute(f"PRAGMA {check}").fetchall()
    except sqlite3.Error as err:
        return Finding(False, check, str(err))
    first = str(rows[0][0]) if rows else "keine Antwort"
    return Finding(first == "ok", check, None if first == "ok" else first)


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL (no query), else None. A quick reading
    without SQLAlchemy; ``desk.store.database.parse_url`` stays the authority."""
    scheme, sep, rest = url.partition(":///")
    if not sep or scheme not in ("sqlite", "sqlite+pysqlite") or not rest or "?" in rest:
        return None
    return Path(rest)
