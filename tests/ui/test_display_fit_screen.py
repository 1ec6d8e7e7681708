"""The call display with names too long for one line, full screen on a 1366×768 monitor
(the offscreen platform given that one screen, in a process of its own, as
``buergerdesk display`` places it): the window keeps the screen's size and the clock
stays on it (it grew to 1,551 px before, the clock off-screen)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desk.services.database import open_database
from desk.services.walkin.tickets import call_next
from tests.ui.test_display import LONG_COUNTER, LONG_OFFICE, WEST, at, issue_tickets, rename
from tests.ui.test_display_screens import base_env
from tests.ui.walkin_support import copy_of

SHOW = """
import json
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QGuiApplication
from desk.domain.localtime import parse_now
from desk.services.database import open_database
from ui.display.run import place
from ui.display.window import DisplayWindow
from ui.gui import make_application
from ui.ops import Ops

app = make_application()
ops = Ops()
now = parse_now("2024-03-20T10:35")
window = DisplayWindow(ops, lambda: open_database("URL"), "bb-west", lambda: now,
                       sound=False, speech=False)
(screen,) = QGuiApplication.screens()
place(window, screen, full_screen=True)
out = {}

def measure():
    clock = window.clock_label
    top_left = clock.mapTo(window, QPoint(0, 0))
    out.update(
        screen=list(screen.geometry().getRect()),
        window=list(window.geometry().getRect()),
        minimum=window.minimumSizeHint().width(),
        clock=[top_left.x(), top_left.y(), clock.width(), clock.height()],
        clock_text=clock.text(),
        clock_needs=clock.sizeHint().width(),
        office=[window.office_label.text(), window.office_label.full_text()],
        counter=window.current_counter.text(),
    )
    app.quit()

window.updated.connect(lambda: QTimer.singleShot(200, measure))
QTimer.singleShot(30_000, app.quit)
window.start()
app.exec()
window.stop()
ops.shutdown()
print("RESULT " + json.dumps(out))
"""


@pytest.fixture(scope="module")
def shown(demo_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("fit")
    url = copy_of(demo_sqlite_url, folder / "long.sqlite")
    rename(url, WEST, 3)
    db = open_database(url)
    issue_tickets(db, 2)
    call_next(db, WEST, 3, at(10, 31))
    db.dispose()
    layout = folder / "screen.json"
    screen = {"name": "HDMI-1", "x": 0, "y": 0, "width": 1366, "height": 768}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    layout.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = base_env(folder, f"offscreen:configfile={layout}")
    done = subprocess.run(
        [sys.executable, "-c", SHOW.replace("URL", url)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, f"{done.stdout}\n{done.stderr}"
    return json.loads(lines[-1].removeprefix("RESULT "))


def test_the_display_keeps_the_size_of_a_1366_screen(shown):
    assert shown["screen"] == [0, 0, 1366, 768]
    assert shown["window"] == [0, 0, 1366, 768]
    assert shown["minimum"] <= 1366


def test_the_clock_stays_whole_on_the_screen(shown):
    x, y, width, height = shown["clock"]
    assert shown["clock_text"] == "10:35"
    assert width >= shown["clock_needs"]
    assert x >= 0 and x + width <= 1366
    assert y >= 0 and y + height <= 768


def test_the_long_names_are_shortened(shown):
    office, full = shown["office"]
    assert full == LONG_OFFICE and office.endswith("…") and office != full
    assert shown["counter"].startswith("→ Schalter 3") and shown["counter"].endswith("…")
    assert LONG_COUNTER not in shown["counter"]
