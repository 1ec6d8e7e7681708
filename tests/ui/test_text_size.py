"""Text size (Ansicht → Textgröße): applied at once to every window and to dialogs
opened later, remembered, with its keys; and the main flows at 200 % on a 1366×768
screen without cut-off texts (tests/ui/text_fit_checks.py, run on such a screen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui import text_size, theme
from ui.dialogs.reason_dialog import ReasonDialog

CHECKS = Path(__file__).with_name("text_fit_checks.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def normal_size_afterwards(qapp) -> Iterator[None]:
    """The application is shared by the tests: back to 100 % after each."""
    yield
    theme.set_text_size(qapp, 100)


def test_the_menu_sets_every_text_at_once_remembers_it_and_dialogs_follow(
    qtbot, qapp, make_window, settings, sqlite_url
):
    window = make_window(sqlite_url)
    assert qapp.font().pointSizeF() == theme.POINT_SIZE
    assert window.title.font().pointSizeF() == 16
    window.text_size.size_actions[200].trigger()
    QApplication.processEvents()  # Qt tells the widgets of the app's new font by events
    assert qapp.font().pointSizeF() == 22
    assert QApplication.font("QHeaderView").pointSizeF() == 22
    assert window.title.font().pointSizeF() == 32  # its own size doubled too
    assert window.person_bar.headline.font().pointSizeF() == 30
    assert window.office_box.font().pointSizeF() == 22
    assert settings.value(text_size.SETTING, type=int) == 200
    assert window.text_size.size_actions[200].isChecked()
    assert not window.text_size.size_actions[100].isChecked()

    later = ReasonDialog("Termin stornieren", "Grund:", window)  # a dialog opened afterwards
    qtbot.addWidget(later)
    assert later.label.font().pointSizeF() == 22

    window.text_size.step(-1)  # Strg+-
    assert text_size.percent() == 150 and qapp.font().pointSizeF() == 16.5
    QApplication.processEvents()
    assert window.title.font().pointSizeF() == 24 and later.label.font().pointSizeF() == 16.5
    window.text_size.step(0)  # Strg+0
    assert qapp.font().pointSizeF() == 11 and window.title.font().pointSizeF() == 16
    assert settings.value(text_size.SETTING, type=int) == 100


def test_the_keys_and_the_start_take_the_remembered_size(
    qtbot, qapp, make_window, settings, sqlite_url
):
    settings.setValue(text_size.SETTING, 150)
    window = make_window(sqlite_url)
    assert qapp.font().pointSizeF() == 16.5 and window.title.font().pointSizeF() == 24
    assert window.text_size.size_actions[150].isChecked()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert text_size.percent() == 200 and settings.value(text_size.SETTING, type=int) == 200
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert text_size.percent() == 200  # the largest
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert text_size.percent() == 150
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert text_size.percent() == 100 and qapp.font().pointSizeF() == 11


# ------------------------------------------------------- 200 % at 1366×768
def test_the_main_flows_fit_at_200_percent_on_a_1366x768_screen(tmp_path):
    """The checks of text_fit_checks.py in a pytest of their own, on an offscreen
    screen of 1366×768 at 96 dpi (one screen per process: the suite's is 800×800)."""
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CHECKS)]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-12_000:] + run.stderr[-3_000:]
    assert " passed" in run.stdout and "failed" not in run.stdout, run.stdout[-3_000:]
