"""A database put into a shared folder (``/tmp``, sticky bit, everyone may write) must
not narrow that folder to this user: done as root, it closed /tmp to every other user
and PostgreSQL's own tools stopped working there."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desk.private_files import private_dir
from desk.services.database import open_database, upgrade_database

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_database_in_a_sticky_shared_folder_leaves_the_folder_open(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    url = f"sqlite:///{shared / 'counter.sqlite'}"

    upgrade_database(url)
    open_database(url).dispose()
    private_dir(shared)

    assert _mode(shared) == 0o1777
    assert _mode(shared / "counter.sqlite") == 0o600


@posix_only
def test_an_own_folder_that_is_too_wide_is_still_narrowed(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    own.chmod(0o755)

    private_dir(own)

    assert _mode(own) == 0o700
