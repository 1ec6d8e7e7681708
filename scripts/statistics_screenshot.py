"""Screenshot of the statistics page for docs/ (offscreen or under xvfb-run).

Usage: python scripts/statistics_screenshot.py OUT.png WIDTHxHEIGHT --url URL --office ID
       --now ISO [--from DATE --to DATE]
Without --from/--to the page shows its default period (the last four full weeks).
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage

from desk.domain.localtime import parse_day, parse_now
from desk.services.database import open_database
from desk.services.offices import list_offices
from ui.gui import make_application
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.views.statistics_page import StatisticsPage


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("size")
    parser.add_argument("--url", required=True)
    parser.add_argument("--office", required=True)
    parser.add_argument("--now", required=True)
    parser.add_argument("--from", dest="first")
    parser.add_argument("--to", dest="last")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    app = make_application()
    ops = Ops()
    now = parse_now(args.now)
    db = open_database(args.url)
    page = StatisticsPage(ops, db, list_offices(db), args.office, lambda: now)
    page.setWindowTitle("Statistik – Bürgerdesk")
    page.resize(width, height)
    page.show()

    def grab() -> None:
        # a palette image keeps the docs/ screenshots small (under 300 KB)
        image = (
            page.grab()
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(args.out)
        app.quit()

    def loaded() -> None:
        if (
            args.first
            and args.last
            and page.period
            != (
                parse_day(args.first),
                parse_day(args.last),
            )
        ):
            page.first.setDate(qdate(parse_day(args.first)))
            page.last.setDate(qdate(parse_day(args.last)))
            page.refresh()
            return
        QTimer.singleShot(500, grab)

    page.loaded.connect(loaded)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    ops.shutdown()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
