"""The call display opens on the chosen screen: the second one by default, any one by
``--screen N``, and a screen that is not there is refused naming the ones that are.

Each case runs in a fresh Python process, since a QApplication's platform (offscreen with
a two-monitor layout, or xcb on a two-screen Xvfb) is fixed when it starts.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import PySide6
import pytest

SCRIPT = Path(sys.executable).with_name("buergerdesk")
NOW_ISO = "2024-03-20T10:30"
#: Two monitors side by side: the counter's 1920×1080 and the waiting room's 1280×720.
LAYOUT = {
    "screens": [
        {"name": "HDMI-1", "x": 0, "y": 0, "width": 1920, "height": 1080},
        {"name": "HDMI-2", "x": 1920, "y": 0, "width": 1280, "height": 720},
    ]
}
SIZES = {1: [1920, 1080], 2: [1280, 720]}
CASES = ("default", "1", "2", "3")

#: Places a display window (never started: no database needed) as run_display does, once
#: per case, and prints what Qt made of it as JSON.
PLACE = """
import json
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from desk.domain.errors import RequestRefused
from desk.domain.localtime import parse_now
from ui.display.run import choose_screen, place
from ui.display.window import DisplayWindow
from ui.gui import make_application
from ui.ops import Ops

app = make_application()
ops = Ops()
now = parse_now("NOW_ISO")
screens = QGuiApplication.screens()


def number(screen):  # 1-based; by C++ object (Python wrappers of a screen may differ)
    addresses = [shiboken6.getCppPointer(s)[0] for s in screens]
    return addresses.index(shiboken6.getCppPointer(screen)[0]) + 1


out = {
    "platform": QGuiApplication.platformName(),
    "screens": [[s.name(), s.geometry().getRect()] for s in screens],
    "cases": {},
}
for case in CASES:
    wanted = None if case == "default" else int(case)
    try:
        screen = choose_screen(QGuiApplication.screens(), wanted)
    except RequestRefused as err:
        out["cases"][case] = {"refused": str(err)}
        continue
    window = DisplayWindow(ops, lambda: None, "bb-west", lambda: now, sound=False, speech=False)
    place(window, screen)
    exposed = QTest.qWaitForWindowExposed(window.windowHandle(), 5000)
    QTest.qWait(50)
    out["cases"][case] = {
        "chosen": number(screen),
        "screen": number(window.screen()),
        "native": number(window.windowHandle().screen()),
        "geometry": list(window.geometry().getRect()),
        "full_screen": window.isFullScreen(),
        "exposed": exposed,
    }
    window.close()
    window.deleteLater()
    QTest.qWait(20)
ops.shutdown()
print("RESULT " + json.dumps(out))
""".replace("NOW_ISO", NOW_ISO).replace("CASES", repr(CASES))


def place_in_process(env: dict[str, str]) -> dict[str, Any]:
    """Run PLACE under ``env``; its JSON."""
    done = subprocess.run(
        [sys.executable, "-c", PLACE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, (
        f"the placing process failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return json.loads(lines[-1].removeprefix("RESULT "))


def base_env(tmp: Path, platform: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DISPLAY"))}
    env.update(
        QT_QPA_PLATFORM=platform,
        BUERGERDESK_DATA_DIR=str(tmp / "data"),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    return env


@pytest.fixture(scope="module")
def layout_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screens") / "screens.json"
    for screen in LAYOUT["screens"]:
        screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    path.write_text(json.dumps(LAYOUT), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def offscreen_env(layout_file: Path) -> dict[str, str]:
    return base_env(layout_file.parent, f"offscreen:configfile={layout_file}")


@pytest.fixture(scope="module")
def offscreen(offscreen_env: dict[str, str]) -> dict[str, Any]:
    """What the display did on the offscreen platform with two monitors side by side."""
    return place_in_process(offscreen_env)


# ------------------------------------------------------ offscreen, side by side


def test_offscreen_has_the_two_monitors(offscreen):
    assert offscreen["platform"] == "offscreen"
    assert offscreen["screens"] == [
        ["HDMI-1", [0, 0, 1920, 1080]],
        ["HDMI-2", [1920, 0, 1280, 720]],
    ]


@pytest.mark.parametrize(("case", "number"), [("default", 2), ("1", 1), ("2", 2)])
def test_offscreen_the_display_fills_the_chosen_monitor(offscreen, case, number):
    shown = offscreen["cases"][case]
    assert shown["chosen"] == shown["screen"] == shown["native"] == number
    x = 1920 if number == 2 else 0
    assert shown["geometry"] == [x, 0, *SIZES[number]]
    assert shown["full_screen"]
    assert shown["exposed"]


def test_offscreen_a_missing_screen_is_refused(offscreen):
    assert offscreen["cases"]["3"] == {
        "refused": "Bildschirm 3 gibt es nicht (vorhanden: 1 (HDMI-1), 2 (HDMI-2))"
    }


def run_display_command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT.exists(), "the console script is missing: pip install -e ."
    return subprocess.run(
        [str(SCRIPT), "display", "--no-sound", "--no-speech", "--now", NOW_ISO, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_command_refuses_a_missing_screen(offscreen_env, tmp_path):
    url = f"sqlite:///{tmp_path / 'never-opened.sqlite'}"
    done = run_display_command(offscreen_env, "--url", url, "--office", "bb-west", "--screen", "3")
    assert done.returncode == 2
    assert "Bildschirm 3 gibt es nicht (vorhanden: 1 (HDMI-1), 2 (HDMI-2))" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "never-opened.sqlite").exists()


def test_the_command_takes_its_screen_from_the_config_file(offscreen_env, tmp_path):
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / "config.toml").write_text("[display]\nscreen = 3\n", encoding="utf-8")
    env = {**offscreen_env, "BUERGERDESK_DATA_DIR": str(data)}
    url = f"sqlite:///{tmp_path / 'never-opened.sqlite'}"
    done = run_display_command(env, "--url", url, "--office", "bb-west")
    assert done.returncode == 2
    assert "Bildschirm 3 gibt es nicht" in done.stderr
    # the command line still wins over the file
    done = run_display_command(env, "--url", url, "--office", "bb-west", "--screen", "4")
    assert "Bildschirm 4 gibt es nicht" in done.stderr


def test_the_command_refuses_an_unknown_office(offscreen_env, demo_sqlite_url):
    done = run_display_command(offscreen_env, "--url", demo_sqlite_url, "--office", "bb-nope")
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("buergerdesk display: Unbekannter Standort 'bb-nope'")
    assert "bb-west" in line


# ------------------------------------------------------------ Xvfb, two X screens


def xcb_libraries_missing() -> list[str]:
    """Shared libraries the xcb platform plugin needs but the machine lacks (ldd)."""
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or shutil.which("ldd") is None:
        return []
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False)
    return [line.split()[0] for line in listed.stdout.splitlines() if "not found" in line]


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """An Xvfb with two X screens (1920×1080 and 1280×720) on a free display; its name."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: xvfb; scripts/ensure-system-packages test)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            "1920x1080x24",
            "-screen",
            "1",
            "1280x720x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    number = b""
    try:
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 10)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                server.kill()
                _, err = server.communicate(timeout=10)
                pytest.fail(f"Xvfb did not start: {err.decode(errors='replace')}")
            number += chunk
    finally:
        os.close(read_end)
    try:
        yield f":{number.decode().strip()}"
    finally:
        server.terminate()
        try:
            server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


def test_the_xcb_plugin_has_its_libraries():
    missing = xcb_libraries_missing()
    assert missing == [], (
        f"the xcb platform plugin lacks {missing}: install e.g. libxcb-icccm4 libxcb-keysyms1"
        " (scripts/ensure-system-packages run)"
    )


@pytest.fixture(scope="module")
def on_xvfb(xvfb: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the display did on the xcb platform on a two-screen Xvfb."""
    env = base_env(tmp_path_factory.mktemp("xcb"), "xcb")
    env["DISPLAY"] = xvfb
    env.pop("XAUTHORITY", None)
    return place_in_process(env)


def test_xvfb_has_the_two_screens(on_xvfb):
    assert on_xvfb["platform"] == "xcb"
    # two separate X screens: both start at 0,0 (a side-by-side desktop needs Xinerama)
    assert [geometry for _, geometry in on_xvfb["screens"]] == [
        [0, 0, 1920, 1080],
        [0, 0, 1280, 720],
    ]


@pytest.mark.parametrize(("case", "number"), [("default", 2), ("1", 1), ("2", 2)])
def test_xvfb_the_display_is_on_the_chosen_screen(on_xvfb, case, number):
    shown = on_xvfb["cases"][case]
    assert shown["chosen"] == shown["screen"] == shown["native"] == number
    assert shown["geometry"] == [0, 0, *SIZES[number]]
    assert shown["full_screen"]
    assert shown["exposed"]


def test_xvfb_a_missing_screen_is_refused(on_xvfb):
    assert on_xvfb["cases"]["3"] == {
        "refused": "Bildschirm 3 gibt es nicht (vorhanden: 1 (screen), 2 (screen))"
    }
