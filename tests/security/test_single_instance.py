"""One instance per local database (issue 16): a second ``sync`` or app on a counter's
database is refused in one line naming the process that holds it (pid, start, command),
instead of two syncs racing each other into an IntegrityError; a second start of the
app brings the running window forward. The lock is the OS's: a killed holder leaves none.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from desk.instance_lock import InstanceLock, holder_of, lock_file
from desk.services.admin.devices import add_device
from desk.services.database import upgrade_database
from tests.conftest import DEMO_NOW_ISO
from tests.service_fixtures import Service
from tests.sync.conftest import Central, central_factory, run_cli  # noqa: F401 (fixtures)
from ui.single_instance import claim

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and flock: POSIX")

OFFICE = "bb-einmal"
SCRIPT = Path(sys.executable).with_name("buergerdesk")
Cli = Callable[..., subprocess.CompletedProcess[str]]


def wait_for_holder(database: Path, pid: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        held = holder_of(database)
        if held is not None and held.pid == pid:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never took the lock of {database}")


def start(data: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, BUERGERDESK_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def finish(process: subprocess.Popen[str], timeout: float = 60) -> tuple[str, str]:
    """Its output once it ended; killed when it runs past ``timeout`` (an app that opened)."""
    try:
        return process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------ the lock itself


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path):
    database = tmp_path / "counter.sqlite"
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys, time; from pathlib import Path; from desk.instance_lock import "
            "InstanceLock; InstanceLock(Path(sys.argv[1]), 'buergerdesk sync').acquire(); "
            "print('held', flush=True); time.sleep(600)",
            str(database),
        ],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        record = json.loads(lock_file(database).read_text(encoding="utf-8"))
        assert record["pid"] == holder.pid and record["command"] == "buergerdesk sync"
        assert datetime.fromisoformat(record["started"]).tzinfo is not None
        assert stat.S_IMODE(lock_file(database).stat().st_mode) == 0o600
        with pytest.raises(Exception, match=f"Prozess {holder.pid} .*buergerdesk sync"):
            InstanceLock(database).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)  # no clean-up code of its own runs
        holder.communicate(timeout=30)

    assert holder_of(database) is None
    with InstanceLock(database) as lock:
        assert lock.held


# ------------------------------------------------------------------ sync


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:  # noqa: F811
    return central_factory({OFFICE: 1})


@pytest.fixture(scope="module")
def service(central: Central, service_factory: Callable[..., Service]) -> Service:
    return service_factory(central)


@pytest.fixture
def enrolled(service: Service, run_cli: Cli) -> str:  # noqa: F811
    """This test's PC (its data folder tmp_path/data) enrolled by the real command."""
    made = add_device(service.db, OFFICE, "counter", datetime.now(UTC))
    done = run_cli("enroll", "--central", service.url, "--code", made.code, "--ca", str(service.ca))
    assert done.returncode == 0, done.stderr
    return service.url


@pytest.fixture
def local(tmp_path: Path) -> Path:
    database = tmp_path / "counter.sqlite"
    upgrade_database(f"sqlite:///{database}")
    return database


def test_a_second_sync_on_the_same_database_is_refused_naming_the_first(
    enrolled: str,
    run_cli: Cli,  # noqa: F811
    local: Path,
    tmp_path: Path,
):
    url = f"sqlite:///{local}"
    first = start(tmp_path / "data", "sync", "--url", url, "--central", enrolled,
                  "--interval", "3600", "--now", DEMO_NOW_ISO)  # fmt: skip
    try:
        wait_for_holder(local, first.pid)

        second = run_cli("sync", "--url", url, "--central", enrolled, "--once")

        assert second.returncode == 2, second.stderr
        [line] = lines(second.stderr)
        assert f"Prozess {first.pid} " in line and "sync --url" in line
        assert "IntegrityError" not in second.stderr + second.stdout
        assert second.stdout == ""
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)

    third = run_cli("sync", "--url", url, "--central", enrolled, "--once", "--now", DEMO_NOW_ISO)
    assert third.returncode == 0, third.stderr


def test_a_start_refused_while_the_holder_writes_its_line_still_names_it(tmp_path: Path):
    """A holder writes its line just after taking the lock; a start refused in between
    waits for that line, so its refusal names the holder (not "eben gestartet")."""
    import fcntl
    import threading

    from desk.instance_lock import InstanceRunning

    database = tmp_path / "counter.sqlite"
    fd = os.open(lock_file(database), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # taken; the line comes 0.2 s later
    line = json.dumps({"pid": 4242, "started": "2026-12-07T09:00:00+01:00", "command": "sync"})
    writer = threading.Timer(0.2, lambda: os.write(fd, line.encode()))
    writer.start()
    try:
        with pytest.raises(InstanceRunning) as refused:
            InstanceLock(database).acquire()
    finally:
        writer.join()
        os.close(fd)
    assert refused.value.holder.pid == 4242
    assert "Prozess 4242 " in str(refused.value)


def test_two_syncs_started_at_once_never_end_in_an_integrity_error(
    enrolled: str,
    run_cli: Cli,  # noqa: F811
    local: Path,
    tmp_path: Path,
):
    url = f"sqlite:///{local}"
    args = ("sync", "--url", url, "--central", enrolled, "--once", "--now", DEMO_NOW_ISO)
    both = [start(tmp_path / "data", *args) for _ in range(2)]
    ended = [(process.pid, *finish(process, 120)) for process in both]
    codes = [process.returncode for process in both]

    assert 0 in codes and set(codes) <= {0, 2}, ended
    for (_pid, out, err), code, other in zip(ended, codes, reversed(ended), strict=True):
        assert "IntegrityError" not in out + err
        if code == 2:
            assert f"Prozess {other[0]} " in err, err
    again = run_cli(*args)
    assert again.returncode == 0 and "0 wartend" in again.stdout, again.stdout + again.stderr


# ------------------------------------------------------------------ the app


def test_a_second_start_of_the_app_brings_the_running_window_forward(qtbot, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'daten' / 'buergerdesk.sqlite'}"
    running = claim(url)  # this process is the first start
    assert running is not None
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        window.showMinimized()
        server = running.serve(window)
        assert server is not None

        second = start(tmp_path / "daten", "--url", url)
        try:
            with qtbot.waitSignal(server.raise_requested, timeout=60_000):
                pass
        finally:
            out, err = finish(second)
    finally:
        running.close()

    assert second.returncode == 0, err
    [line] = lines(err)
    assert "nach vorn geholt" in line and f"Prozess {os.getpid()} " in line
    assert out == ""
    assert not window.windowState() & Qt.WindowState.WindowMinimized


def test_an_app_start_beside_a_running_sync_is_refused_naming_it(tmp_path: Path):
    database = tmp_path / "daten" / "buergerdesk.sqlite"
    with InstanceLock(database, command="buergerdesk sync --url …"):  # no window to raise
        second = start(tmp_path / "daten", "--url", f"sqlite:///{database}")
        out, err = finish(second)

    assert second.returncode == 2
    [line] = lines(err)
    assert f"Prozess {os.getpid()} " in line and "buergerdesk sync" in line
    assert "Traceback" not in out + err
