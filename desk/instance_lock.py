"""One instance per local database: an OS lock on ``<database>.lock`` beside the file.

The clerk app and ``buergerdesk sync`` hold it while they run; a second start on the
same database is refused with the holder's pid, start time and command, which the lock
file holds as JSON. The lock is the operating system's (``flock`` on Linux and macOS,
``msvcrt.locking`` on Windows): it ends with the process that held it, also when that
process is killed, so a crash never leaves a stale lock. The file itself stays (0600);
deleting it would let a late starter lock a file nobody else sees.

Read-only and one-shot commands (``stats``, ``backup``, ``walkin issue`` …) take no
lock: SQLite orders their writes, and they must work beside a running app.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desk.domain.errors import RequestRefused
from desk.private_files import private_dir, private_opener

SUFFIX = ".lock"
#: Windows locks bytes, and a locked byte cannot be read: the lock sits far past the JSON.
_WINDOWS_LOCK_AT = 1 << 30


@dataclass(frozen=True)
class Holder:
    """Who holds a database: process id, when it started, its command line."""

    pid: int | None
    started: str
    command: str

    def describe(self) -> str:
        """``Prozess 123 (gestartet 2026-12-07T09:00:00+01:00: buergerdesk sync --once)``."""
        if self.pid is None:
            return "einem anderen Prozess (eben gestartet)"
        return f"Prozess {self.pid} (gestartet {self.started}: {self.command})"


class InstanceRunning(RequestRefused):
    """The database is held by another process; ``holder`` says which."""

    def __init__(self, database: Path, holder: Holder) -> None:
        super().__init__(
            f"Die lokale Datenbank {database} wird schon von {holder.describe()} benutzt: "
            "diesen Prozess beenden oder dort weiterarbeiten"
        )
        self.database = database
        self.holder = holder


def lock_file(database: Path) -> Path:
    """``<database>.lock`` beside the database."""
    return database.with_name(database.name + SUFFIX)


class InstanceLock:
    """Hold ``database`` for this process (``acquire``/``release``, or ``with``)."""

    def __init__(self, database: Path, command: str | None = None) -> None:
        self.database = database
        self.path = lock_file(database)
        self._command = command if command is not None else " ".join(_command_line())
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        """Take the lock, or raise InstanceRunning naming the holder."""
        if self._fd is not None:
            return self
        if not self.path.parent.exists():
            private_dir(self.path.parent)
        fd = private_opener(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0))
        if not _try_lock(fd):
            holder = _holder_once_written(fd)
            os.close(fd)
            raise InstanceRunning(self.database, holder)
        self._fd = fd
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        document = (
            f'{{"pid": {os.getpid()}, "started": "{started}", '
            f'"command": {_json_string(self._command)}}}'
        )  # by hand: the app's start does without the json module (P5)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, document.encode("utf-8"))
        return self

    def release(self) -> None:
        """Let go (the file stays, emptied); a no-op when not held."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


def local_database(url: str) -> Path | None:
    """The SQLite file behind ``url`` (None for PostgreSQL); SQLAlchemy is imported only
    for a URL with options (``desk.store.database.parse_url`` is the authority)."""
    scheme, sep, rest = url.partition(":///")
    if sep and scheme in ("sqlite", "sqlite+pysqlite") and rest and "?" not in rest:
        return Path(rest)
    if not url.startswith("sqlite"):
        return None
    from desk.store.database import parse_url, sqlite_path

    return sqlite_path(parse_url(url))


def hold_local_database(url: str, command: str | None = None) -> InstanceLock | None:
    """The lock of the SQLite database at ``url``, taken (None for PostgreSQL, which
    needs none); InstanceRunning when another process holds it."""
    database = local_database(url)
    return None if database is None else InstanceLock(database, command).acquire()


def holder_of(database: Path) -> Holder | None:
    """Who holds ``database`` now (None: nobody)."""
    try:
        with InstanceLock(database, command=""):
            return None
    except InstanceRunning as running:
        return running.holder


def _command_line() -> list[str]:
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "buergerdesk"
    if program in ("__main__.py", "-c", ""):
        program = "buergerdesk"
    return [program, *sys.argv[1:]]


def _json_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    plain = (c if " " <= c < "\ud800" or c > "\udfff" else f"\\u{ord(c):04x}" for c in escaped)
    return '"' + "".join(plain) + '"'


#: How long a refused start waits for a holder that has just taken the lock to write its
#: line (it does so right after), so that the refusal can name it.
WRITING_GRACE_S = 1.0


def _holder_once_written(fd: int) -> Holder:
    """The holder's line; one that took the lock a moment ago is given time to write it."""
    deadline = time.monotonic() + WRITING_GRACE_S
    holder = _read_holder(fd)
    while holder.pid is None and time.monotonic() < deadline:
        time.sleep(0.02)
        holder = _read_holder(fd)
    return holder


def _read_holder(fd: int) -> Holder:
    import json

    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 64 * 1024)
    try:
        document = json.loads(raw.decode("utf-8"))
        return Holder(
            pid=int(document["pid"]),
            started=str(document.get("started", "?")),
            command=str(document.get("command", "?")),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return Holder(pid=None, started="", command="")  # it is writing its line right now


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
