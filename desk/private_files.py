"""Files on a PC readable by their OS user only: 0600 files in 0700 folders.

Three layers, so that no single omission opens a file up:

- ``private_umask()`` around every command and the GUI (``desk.cli.guard``): whatever
  the process creates — SQLite's -wal/-shm/-journal, Qt's settings, a printed PDF — is
  born 0600/0700;
- the writers of the app's own files create them 0600 themselves (``private_opener``,
  ``write_private``, ``private_dir``), also where the umask is not in force;
- a file or folder that exists with wider modes is tightened when it is opened again
  (``tighten``), e.g. a database copied in by hand or written by an older version.

On Windows the mode bits mean nothing (``os.chmod`` only sets "read-only"): there the
data folder lies in the user's profile (``%LOCALAPPDATA%``), whose ACL grants the user,
SYSTEM and the administrators alone, and every file inherits it; the functions here
create the files and leave their ACLs alone.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
UMASK = 0o077
POSIX = os.name == "posix"
#: SQLite's side files of a database (WAL mode, and the rollback journal).
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


@contextmanager
def private_umask() -> Iterator[None]:
    """Run the block with the umask 077 (the previous one is restored after it)."""
    previous = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def tighten(path: Path, mode: int | None = None) -> None:
    """Take group and other bits off ``path`` (a file: 0600, a folder: 0700) when it exists,
    belongs to this user and is wider; a folder of someone else is left as it is, and so
    is a shared one with the sticky bit (``/tmp``: a database put there must not close
    the system's temporary folder to everyone else, as it did for root)."""
    if not POSIX:
        return
    try:
        found = path.stat()
    except OSError:
        return
    if found.st_uid != os.geteuid() or not found.st_mode & 0o077:
        return
    if stat.S_ISDIR(found.st_mode) and found.st_mode & stat.S_ISVTX:
        return
    wanted = mode if mode is not None else DIR_MODE if stat.S_ISDIR(found.st_mode) else FILE_MODE
    try:
        os.chmod(path, wanted)
    except OSError as err:
        log.warning("could not restrict %s: %s", path.name, type(err).__name__)


def private_dir(path: Path) -> Path:
    """``path`` as a folder of this user alone (created 0700 with its missing parents)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for created in missing:  # mkdir's mode applies to the leaf only
        tighten(created, DIR_MODE)
    tighten(path, DIR_MODE)
    return path


def tighten_folders(*folders: Path) -> None:
    """The app's folders that exist, 0700 (at each start: one stat each)."""
    for folder in dict.fromkeys(folders):
        tighten(folder, DIR_MODE)


def private_opener(path: str | os.PathLike[str], flags: int) -> int:
    """An ``opener`` for ``open()``: a new file is created 0600, an existing one tightened."""
    fd = os.open(path, flags, FILE_MODE)
    tighten(Path(path))
    return fd


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (0600) in one step: a temporary file beside it, synced
    and renamed, so the file is never world-readable nor half written."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    fd = os.open(temporary, flags, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def create_private(path: Path) -> Path:
    """Create ``path`` as an empty 0600 file (or tighten the one there); e.g. the target
    of a SQLite copy, which SQLite would create with the umask's modes."""
    os.close(private_opener(path, os.O_CREAT | os.O_WRONLY | getattr(os, "O_BINARY", 0)))
    return path


def tighten_sqlite(database: Path) -> None:
    """The database file and its side files 0600. SQLite creates the side files with the
    database file's modes, so a tight database keeps its -wal/-shm tight too."""
    tighten(database, FILE_MODE)
    for side in SQLITE_SIDE_FILES:
        tighten(database.with_name(database.name + side), FILE_MODE)
