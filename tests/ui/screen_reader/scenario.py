"""A screen reader's session with the app (run with /usr/bin/python3 inside a D-Bus
session and an X display; ``session.py`` starts both).

Usage: python3 scenario.py OUT.json APP_LOG -- APP_COMMAND...

Starts the accessibility bus and the app (APP_COMMAND, its output into APP_LOG), then
does what a screen-reader user does, all through AT-SPI: signs in through the login
dialog (EditableText into the fields, the "Anmelden" button's action), reads the
signed-in day, goes round the main window with Tab (xdotool, a real key press) noting
where the focus lands, reads the queue and the reception tabs, presses "Neuer Termin …"
and reads the booking dialog, then presses "Buchen" without a name and listens for the
announced refusal. OUT.json gets what was read and, if a step failed, which and why.
Exit code 0 when every step was done.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
#: Seconds to wait for each step (the first start of the app may be slow on 2 busy cores).
TIMEOUT = 90.0
USER, PASSWORD = "sb.mitte1", "demo"
#: A calendar cell of a booked block: starts with its time span "09:00–09:30".
BLOCK_TIME = re.compile(r"^\d\d:\d\d–\d\d:\d\d ")
#: The booking dialog's refusal when a field is wrong (announced assertively).
REFUSAL = "Bitte die markierten Felder prüfen."
#: Tab presses at most while going round the main window once.
MAX_TABS = 120
#: A Tab after which no focus event came within SILENCE_S is one the reader hears
#: nothing for (a date field's Tab moves between its sections); SILENT_TABS in a row end
#: the round.
SILENCE_S, SILENT_TABS = 2.0, 6


def start_bus() -> subprocess.Popen[bytes]:
    """The accessibility bus of this D-Bus session (the registry starts on demand)."""
    return subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], stdout=subprocess.DEVNULL)


def bus_address(timeout: float) -> str:
    """Wait until the accessibility bus answers on the session bus; its address."""
    from gi.repository import Gio, GLib

    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    end = time.monotonic() + timeout
    while True:
        try:
            reply = session.call_sync(
                "org.a11y.Bus",
                "/org/a11y/bus",
                "org.a11y.Bus",
                "GetAddress",
                None,
                GLib.VariantType("(s)"),
                Gio.DBusCallFlags.NONE,
                2000,
                None,
            )
            return str(reply.unpack()[0])
        except GLib.Error as error:
            if time.monotonic() > end:
                raise RuntimeError(f"no accessibility bus: {error.message}") from error
            time.sleep(0.1)


def start_app(command: list[str], log: str) -> subprocess.Popen[bytes]:
    """The app with Qt's AT-SPI bridge on, on the X display of this session."""
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    with open(log, "wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)


class AppFailed(Exception):
    """The app ended or raised while the reader waited for it."""


class Session:
    """The reader's steps through the app; ``result`` collects what was read."""

    def __init__(self, process: subprocess.Popen[bytes], log: str, result: dict[str, Any]):
        import reader

        self.reader = reader
        self.process, self.log, self.result = process, log, result
        self.app: Any = None

    def check_app(self) -> None:
        """Stop waiting when the app ended or wrote a traceback (an uncaught exception
        in a slot leaves the window up, and what the reader waits for never comes)."""
        if self.process.poll() is not None:
            raise AppFailed(f"the app ended with exit code {self.process.returncode}")
        with open(self.log, encoding="utf-8", errors="replace") as file:
            if "Traceback (most recent call last)" in file.read():
                raise AppFailed("the app raised an exception (its log below)")

    def wait(self, what: str, probe: Callable[[], Any]) -> Any:
        """Wait for ``probe`` (see ``reader.wait_for``) while the app is well."""
        return self.reader.wait_for(what, probe, TIMEOUT, guard=self.check_app)

    def step(self, name: str) -> None:
        """Note the step about to run (the failure message names the last one)."""
        self.result["steps"].append(name)

    def find_app(self) -> None:
        self.step("the app on the accessibility bus")
        self.app = self.wait("the app on the bus", self.reader.find_application)

    def sign_in(self) -> None:
        r = self.reader
        self.step("the login dialog")
        dialog = self.wait(
            "the login dialog 'Anmelden'",
            lambda: r.window_named(self.app, "dialog", "Anmelden"),
        )
        self.result["login"] = r.read_tree(dialog)
        self.step("sign in as " + USER)
        r.type_into(r.find(dialog, "text"), USER)
        r.type_into(r.find(dialog, "password text"), PASSWORD)
        r.press(r.find(dialog, "push button", lambda n: n == "Anmelden"))
        self.wait(
            "the login dialog closed after signing in",
            lambda: r.window_named(self.app, "dialog", "Anmelden") is None,
        )

    def read_day(self) -> None:
        r = self.reader
        self.step("the signed-in day with its calendar")
        frame = self.wait("the main window", lambda: r.window_named(self.app, "frame", "rgerdesk"))
        self.wait("a booked block in the calendar", lambda: self._block_cell(frame))
        self.result["day"] = r.read_tree(frame)

    def _block_cell(self, frame: Any) -> Any:
        for acc in self.reader.walk(frame):
            if acc.getRoleName() == "table cell" and BLOCK_TIME.match(acc.name or ""):
                return acc
        return None

    def tab_through(self) -> None:
        """Press Tab (xdotool, into the main window) until the focus is back where it
        started, noting each object the focus lands on as the reader hears it."""
        from gi.repository import GLib

        r = self.reader
        self.step("Tab through the main window")
        focused: list[Any] = []

        def listener(event: Any) -> None:
            if event.detail1 == 1 and event.source is not None:
                focused.append(event.source)

        window = _x_window("Bürgerdesk")
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True, timeout=30)
        r.pyatspi.Registry.registerEventListener(listener, "object:state-changed:focused")
        context = GLib.MainContext.default()
        ticker = GLib.timeout_add(100, lambda: True)  # wakes the loop to check the time
        stops: list[Any] = []  # None: a Tab the reader heard nothing for
        try:
            while len(stops) < MAX_TABS and stops[-SILENT_TABS:] != [None] * SILENT_TABS:
                before = len(focused)
                subprocess.run(["xdotool", "key", "Tab"], check=True, timeout=30)  # XTest
                end = time.monotonic() + SILENCE_S
                while len(focused) == before and time.monotonic() < end:
                    context.iteration(True)
                    self.check_app()
                stops.append(focused[-1] if len(focused) > before else None)
                if stops[-1] is not None and stops[-1] in stops[:-1]:
                    break  # round the window once
        finally:
            GLib.source_remove(ticker)
            r.pyatspi.Registry.deregisterEventListener(listener, "object:state-changed:focused")
        self.result["tab_stops"] = [
            None if acc is None else dict(r.describe(acc), path=r.path_of(acc)) for acc in stops
        ]
        heard = [acc for acc in stops if acc is not None]
        self.result["tab_round"] = len(heard) > 1 and heard[-1] == heard[0] == stops[-1]

    def read_tab(self, key: str, tab: str, role: str, name: str) -> None:
        """Press the page tab ``tab`` and read the main window once the object ``role``
        ``name`` of its page shows (into ``result[key]``)."""
        r = self.reader
        self.step(f"the tab '{tab}'")
        frame = r.window_named(self.app, "frame", "rgerdesk")
        r.press(self.wait(f"the tab {tab!r}", lambda: r.find(frame, "page tab", tab.__eq__)))

        def shown() -> Any:
            found = r.find(frame, role, name.__eq__)
            return found if found is not None and "showing" in r.states_of(found) else None

        self.wait(f"{role} {name!r} on the tab {tab!r}", shown)
        self.result[key] = r.read_tree(frame)

    def read_booking(self) -> None:
        r = self.reader
        self.step("press 'Neuer Termin …'")
        frame = r.window_named(self.app, "frame", "rgerdesk")
        button = self.wait(
            "the button 'Neuer Termin …'",
            lambda: r.find(frame, "push button", lambda n: n.startswith("Neuer Termin")),
        )
        r.press(button)
        self.step("the booking dialog")
        dialog = self.wait(
            "the booking dialog 'Termin buchen – …' with its free slots",
            lambda: self._booking_dialog(),
        )
        self.result["booking"] = r.read_tree(dialog)

    def _booking_dialog(self) -> Any:
        """The shown booking dialog once its list of free slots has items."""
        r = self.reader
        dialog = r.window_named(self.app, "dialog", "Termin buchen")
        if dialog is None:
            return None
        slots = r.find(dialog, "list", lambda n: n == "Freie Termine")
        return dialog if slots is not None and slots.childCount > 0 else None

    def hear_refusal(self) -> None:
        """Press "Buchen" with the name empty and listen to what is announced (AT-SPI's
        object:announcement, which Orca speaks) until the dialog's refusal is heard."""
        from gi.repository import GLib

        r = self.reader
        self.step("press 'Buchen' without a name and listen for the announcement")
        heard: list[dict[str, Any]] = []

        def listener(event: Any) -> None:
            source = event.source
            heard.append(
                {
                    "text": str(event.any_data),
                    "politeness": event.detail1,
                    "source": r.describe(source) if source is not None else None,
                }
            )

        r.pyatspi.Registry.registerEventListener(listener, "object:announcement")
        dialog = r.window_named(self.app, "dialog", "Termin buchen")
        r.press(r.find(dialog, "push button", lambda n: n == "Buchen"))
        context, end = GLib.MainContext.default(), time.monotonic() + TIMEOUT
        ticker = GLib.timeout_add(100, lambda: True)  # wakes the loop to check the time
        try:
            while not any(REFUSAL in h["text"] for h in heard) and time.monotonic() < end:
                context.iteration(True)
                self.check_app()
        finally:
            GLib.source_remove(ticker)
            r.pyatspi.Registry.deregisterEventListener(listener, "object:announcement")
        self.result["announcements"] = heard


def _x_window(title: str) -> str:
    """The X window id of the shown top-level window whose title contains ``title``."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", title],
        capture_output=True,
        text=True,
        timeout=30,
    )
    ids = found.stdout.split()
    if not ids:
        raise RuntimeError(f"no shown X window named {title!r} (xdotool: {found.stderr})")
    return ids[0]


def run(out: str, log: str, command: list[str]) -> int:
    """The whole session; OUT gets what was read and, on failure, the reason."""
    bus = start_bus()
    app: subprocess.Popen[bytes] | None = None
    result: dict[str, Any] = {"steps": []}
    code = 1
    try:
        result["steps"].append("the accessibility bus")
        bus_address(TIMEOUT)
        result["steps"].append("start the app")
        app = start_app(command, log)
        session = Session(app, log, result)
        session.find_app()
        session.sign_in()
        session.read_day()
        session.tab_through()
        session.read_tab("queue", "Warteschlange", "list", "Warteschlange")
        session.read_tab("reception", "Empfang", "push button", "Mit Termin anmelden")
        session.read_booking()
        session.hear_refusal()
        code = 0
    except Exception as error:  # the test reports it with the step it happened in
        result["error"] = f"{type(error).__name__}: {error}"
        if not isinstance(error, AppFailed) and app is not None and app.poll() is not None:
            result["error"] += f" (the app ended with exit code {app.returncode})"
    finally:
        for process in (app, bus):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
        with open(out, "w", encoding="utf-8") as file:
            json.dump(result, file, ensure_ascii=False, indent=1)
    return code


if __name__ == "__main__":
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit(__doc__)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[4:]))
