"""Helpers of the idle-lock tests: a private copy of the demo city, a signed-in window,
an open booking dialog with a typed name, and what a window shows on the screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from desk.demo.city import DEMO_PASSWORD
from desk.domain.clock import FixedClock
from desk.domain.localtime import parse_now
from desk.services.database import open_database
from ui.dialogs.booking_dialog import BookingDialog
from ui.gui import make_application
from ui.ops import Ops
from ui.views.main_window import MainWindow

NOW = parse_now("2024-03-20T10:30")
CITIZEN = "Erika Mustermann"  # typed key by key (QTest types ASCII only)


def copy_demo(demo_sqlite_url: str, folder: Path) -> str:
    """A private copy of the seeded demo city (sign-ins may write: rehash, lockout)."""
    source = demo_sqlite_url.removeprefix("sqlite:///")
    target = folder / "demo-lock.sqlite"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


@contextmanager
def window_on(qtbot, url: str, folder: Path) -> Iterator[MainWindow]:
    """A shown main window on ``url`` (bb-mitte, counter 1), its day loaded; closed and
    its operations shut down afterwards."""
    make_application()
    ops = Ops()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        ops,
        settings,
        lambda: open_database(url),
        FixedClock(NOW),
        office_id="bb-mitte",
        counter_number=1,
        show_dialogs=False,
    )
    window.resize(1366, 768)
    window.show()
    try:
        with qtbot.waitSignal(window.day_loaded, timeout=20_000):
            window.start()
        yield window
    finally:
        window.close()
        ops.shutdown()


def sign_in(qtbot, window: MainWindow, name: str, password: str = DEMO_PASSWORD) -> None:
    """Sign ``name`` in at the window's sign-in dialog; the window shows its day."""
    dialog = window.sign_in()
    assert dialog is not None
    dialog.name_edit.setText(name)
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in()
    assert window.user is not None and window.user.username == name


def booking_with_name(qtbot, window: MainWindow, name: str = CITIZEN) -> BookingDialog:
    """The booking dialog, open (modal) with a citizen's name typed in."""
    dialog = window.open_booking()
    assert dialog is not None
    dialog.open()
    qtbot.waitUntil(lambda: dialog.service_box.count() > 0, timeout=10_000)
    dialog.name_edit.setFocus()
    qtbot.keyClicks(dialog.name_edit, name)
    assert dialog.name_edit.text() == name
    return dialog


def screen_image(window: QWidget) -> QImage:
    """What ``window`` shows on the screen (itself and all its children, painted)."""
    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def colours_in(image: QImage, area: QRect) -> set[int]:
    """The distinct colours of ``area`` of ``image`` (every second pixel)."""
    area = area.intersected(image.rect())
    return {
        image.pixel(x, y)
        for y in range(area.top(), area.bottom() + 1, 2)
        for x in range(area.left(), area.right() + 1, 2)
    }
