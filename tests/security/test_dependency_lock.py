"""What the app ships is pinned with hashes (issue 16, "Dependencies"): a package swapped
on the index, or a dependency added to pyproject.toml without ``make lock``, cannot slip
into ``make dist``, which installs requirements/app.lock with ``--require-hashes``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "app.lock"
BUILD_LOCK = ROOT / "requirements" / "build.lock"  # PyInstaller: its bootloader ships too


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = LOCK) -> dict[str, tuple[str, int]]:
    """Each locked package: its version and how many hashes it carries."""
    found: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=\S)", lock.read_text(encoding="utf-8")):
        head = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", block)
        if head:
            found[normalised(head[1])] = (head[2], block.count("--hash=sha256:"))
    return found


def test_every_runtime_dependency_is_pinned_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0] for spec in project["dependencies"])
    wanted = {normalised(name) for name in names}
    missing = wanted - set(pins())
    assert not missing, f"run 'make lock': {sorted(missing)} not in {LOCK.name}"


def test_every_pin_carries_its_hashes():
    locked = pins()
    assert len(locked) > 20 and "pyinstaller" in pins(BUILD_LOCK)
    for lock in (LOCK, BUILD_LOCK):
        assert {name for name, (_v, hashes) in pins(lock).items() if hashes == 0} == set()


def test_the_build_installs_the_lock_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile
    assert "--require-hashes -r $(BUILD_LOCK)" in makefile
    assert "--no-deps -e ." in makefile


def test_psycopg_comes_as_its_binary_wheel_by_choice():
    # it bundles libpq and OpenSSL that OS updates do not patch: the README says why
    # and how a city follows their security releases (make lock LOCK_ARGS=...)
    assert "psycopg-binary" in pins()
