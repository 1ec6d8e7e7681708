"""The machine side of the screen-reader test (venv Python): what it needs, an X server
of its own, and one D-Bus session in which ``scenario.py`` reads the app.

``missing()`` names everything the test cannot run without, so the test fails with
that reason instead of passing; ``read_app()`` runs the scenario and returns what it
read (or raises ``ReaderFailed`` with the step, the reason and the logs).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
#: The distribution's Python: python3-pyatspi exists for it only.
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
#: The whole session at most (s); it normally takes 5 to 20.
SESSION_TIMEOUT = 300
#: The demo's "now", office and counter (as in the screenshots).
APP_OPTIONS = [
    "--now",
    "2024-03-20T10:30",
    "--office",
    "bb-mitte",
    "--counter",
    "1",
    "--language",
    "de",
]
INSTALL = "install it with 'scripts/ensure-system-packages test' (make test does)"


class ReaderFailed(AssertionError):
    """The screen reader's session did not get through; the message says where and why."""


def missing(
    path: str | None = None, python: str = SYSTEM_PYTHON, launcher: str = BUS_LAUNCHER
) -> list[str]:
    """Why the screen-reader test cannot run on this machine (empty: it can). ``path``:
    the PATH to look in (default: this process's)."""
    reasons = []
    if shutil.which("Xvfb", path=path) is None:
        reasons.append(f"no Xvfb on PATH (Debian package xvfb; {INSTALL})")
    if shutil.which("dbus-run-session", path=path) is None:
        reasons.append(f"no dbus-run-session on PATH (Debian package dbus-daemon; {INSTALL})")
    if shutil.which("xdotool", path=path) is None:
        reasons.append(f"no xdotool on PATH (Debian package xdotool; {INSTALL})")
    if not os.access(launcher, os.X_OK):
        reasons.append(f"no accessibility bus: {launcher} is missing (at-spi2-core; {INSTALL})")
    if not os.access(python, os.X_OK):
        reasons.append(f"no {python}, the distribution's Python that pyatspi is made for")
    else:
        probe = subprocess.run(
            [python, "-c", "import pyatspi, gi"], capture_output=True, text=True, timeout=60
        )
        if probe.returncode != 0:
            last = (probe.stderr.strip().splitlines() or ["no message"])[-1]
            reasons.append(f"{python} cannot import pyatspi ({last}; python3-pyatspi; {INSTALL})")
    return reasons


def _stop(process: subprocess.Popen[Any]) -> None:
    """End ``process`` and everything in its process group: TERM, then KILL for what
    is left of the group (the leader may be gone while its children still run)."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(10)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


@contextmanager
def x_server(folder: Path) -> Iterator[str]:
    """An Xvfb of its own on a free display (it picks the number): the DISPLAY value."""
    read, write = os.pipe()
    log = (folder / "xvfb.log").open("wb")
    command = ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"]
    server = subprocess.Popen(
        command, pass_fds=(write,), stdout=log, stderr=log, start_new_session=True
    )
    os.close(write)
    try:
        with os.fdopen(read) as told:
            number = told.readline().strip()  # Xvfb writes it once it accepts clients
        if not number:
            server.wait(10)
            raise ReaderFailed(
                f"Xvfb did not start (exit {server.returncode}): "
                + (folder / "xvfb.log").read_text(errors="replace")[-2000:]
            )
        yield f":{number}"
    finally:
        _stop(server)
        log.close()


def _environment(folder: Path, display: str) -> dict[str, str]:
    """This process's environment on ``display``, with the app's folders in ``folder``
    (its settings, data and logs never touch the user's)."""
    env = dict(os.environ, DISPLAY=display)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / name.lower())
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("AT_SPI_BUS_ADDRESS", None)
    return env


def read_app(url: str, folder: Path) -> dict[str, Any]:
    """Start the app on ``url`` under a new X server and D-Bus session and read it as a
    screen reader does (``scenario.py``); the JSON it wrote. ``folder``: for the logs."""
    out, app_log, log = folder / "read.json", folder / "app.log", folder / "session.log"
    app = [sys.executable, "-m", "tests.ui.screen_reader.launcher", "--url", url, *APP_OPTIONS]
    scenario = [SYSTEM_PYTHON, str(HERE / "scenario.py"), str(out), str(app_log), "--", *app]
    with x_server(folder) as display, log.open("wb") as session_log:
        process = subprocess.Popen(
            ["dbus-run-session", "--", *scenario],
            cwd=REPO,
            env=_environment(folder, display),
            stdout=session_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            process.wait(SESSION_TIMEOUT)
        except subprocess.TimeoutExpired:
            session_log.write(f"\n(not finished after {SESSION_TIMEOUT} s: ended)\n".encode())
        finally:
            _stop(process)
    return _result(out, app_log, log, process.returncode)


def _result(out: Path, app_log: Path, log: Path, code: int | None) -> dict[str, Any]:
    """The scenario's JSON, or ReaderFailed with its step, reason and the logs' ends."""
    read: dict[str, Any] = json.loads(out.read_text("utf-8")) if out.exists() else {}
    if code == 0 and "error" not in read:
        return read

    def tail(path: Path) -> str:
        return path.read_text(errors="replace")[-3000:] if path.exists() else "(none)"

    step = (read.get("steps") or ["starting the session"])[-1]
    reason = read.get("error") or f"the session ended with exit code {code} and no result"
    raise ReaderFailed(
        f"The screen reader's session failed at: {step}\n{reason}\n"
        f"--- session log ---\n{tail(log)}\n--- app log ---\n{tail(app_log)}"
    )
