"""The app's window paints before the database layer loads: starting the GUI imports
neither SQLAlchemy nor the headless commands on the GUI thread (P5, cold start)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ui.app import wants_gui

HEAVY = ("sqlalchemy", "psycopg", "apscheduler", "icalendar", "holidays", "desk.cli.main")
#: loaded on first use or after the first paint: printing, dialogs, the hidden tabs'
#: contents, the log's rotation, the worker's thread pool
LATER = (
    "PySide6.QtPrintSupport",
    "ui.printing.ticket",
    "ui.printing.confirmation",
    "ui.dialogs.login_dialog",
    "ui.dialogs.about_dialog",
    "ui.views.reception_view",
    "ui.views.queue_panel",
    "platform",
    "ui.config_notice",
    "sqlite3",
    "logging.handlers",
    "json",
    "uuid",
    "concurrent.futures",
)


@pytest.mark.parametrize("modules", [HEAVY, LATER], ids=["database layer", "later"])
def test_the_window_modules_import_nothing_the_first_paint_does_not_need(modules):
    code = f"import sys, ui.app, ui.gui;print([m for m in {modules!r} if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("argv", "gui"),
    [
        ([], True),
        (["--office", "bb-mitte", "--counter", "2", "--now", "2024-03-20T10:30"], True),
        (["--url=sqlite:///x.sqlite", "--smoke", "--language", "en"], True),
        (["--office", "sync"], True),  # an option's value, not a command
        (["sync", "--url", "x", "--central", "y"], False),
        (["agenda", "--help"], False),
        (["--help"], False),
        (["frobnicate"], False),  # the full parser names the valid commands
    ],
)
def test_which_arguments_start_the_app(argv, gui):
    assert wants_gui(argv) is gui
