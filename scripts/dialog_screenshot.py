"""Screenshot of the clerk's window with the booking or the search dialog open, for docs/.

Usage: xvfb-run -a -s "-screen 0 1366x768x24" python scripts/dialog_screenshot.py
       OUT.png booking|booked|search [--now ISO] [--office ID] [--counter N]
Without --url a demo city is seeded (at --now) into a temporary SQLite file. The
booking dialog is a phone booking of an Anmeldung on the same weekday next week (moved
in five days ago, so its Frist row shows), "booked" saves it and shows the notice with
the booking code; the search looks for "Müller". The whole
screen is grabbed: the window at the screen's size with the dialog over it.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage

from desk.cli.main import build_parser
from desk.demo.seed import seed_demo_city
from desk.domain.localtime import parse_now
from desk.services.database import open_database, upgrade_database
from ui.app import add_gui_options
from ui.gui import build_window
from ui.views.main_window import MainWindow


def seeded(now_iso: str) -> str:
    """A fresh demo city in a temporary SQLite file, its URL."""
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'demo.sqlite'}"
    upgrade_database(url)
    db = open_database(url)
    seed_demo_city(db, parse_now(now_iso))
    db.dispose()
    return url


def open_booking(window: MainWindow, done: QTimer, booked: bool = False) -> None:
    """A phone booking of an Anmeldung, next week's day chosen, the form filled (and with
    ``booked`` saved)."""
    dialog = window.open_booking()
    assert dialog is not None
    today: date = window.now().date()

    def listed() -> None:
        if dialog.service_id != "anmeldung":
            dialog.select_service("anmeldung")
        elif dialog.day != today + timedelta(days=7):
            week = today + timedelta(days=7)
            dialog.slots.day_edit.setDate(QDate(week.year, week.month, week.day))
        else:
            dialog.suggestions_loaded.disconnect(listed)
            dialog.name_edit.setText("Erika Mustermann-Öztürk")
            dialog.phone_edit.setText("0345 123456")
            dialog.phone_channel.setChecked(True)
            dialog.move_in_edit.setText(f"{today - timedelta(days=5):%d.%m.%Y}")
            dialog.slot_list.setCurrentRow(min(3, dialog.slot_list.count() - 1))
            dialog.slot_list.setFocus()
            if booked:  # book it: the notice with the code is what is grabbed
                dialog.accepted.connect(done.start)
                dialog.save()
            else:
                done.start()

    dialog.suggestions_loaded.connect(listed)


def open_search(window: MainWindow, done: QTimer) -> None:
    """The search for a common name."""
    dialog = window.open_search()
    assert dialog is not None
    dialog.results_loaded.connect(done.start)
    dialog.field.setText("Müller")


def main() -> int:
    out, which, *rest = sys.argv[1:]
    parser, _ = build_parser()
    add_gui_options(parser)
    args = parser.parse_args(rest)
    if not args.url:
        args.url = seeded(args.now or "2024-03-19T07:55")
    app, ops, window = build_window(args)
    screen = QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    window.show()

    def grab() -> None:
        # a palette image keeps the docs/ screenshots small (under 300 KB)
        image = (
            screen.grabWindow(0)
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(out)
        app.quit()

    done = QTimer(singleShot=True, interval=700)
    done.timeout.connect(grab)

    def loaded() -> None:
        window.day_loaded.disconnect(loaded)
        if which == "search":
            open_search(window, done)
        else:
            open_booking(window, done, booked=which == "booked")

    window.day_loaded.connect(loaded)
    window.start()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    ops.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
