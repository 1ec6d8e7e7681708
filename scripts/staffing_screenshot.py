"""Screenshot of the staffing advisor (Personalbedarf Sprechstunde) for docs/, offscreen.

Usage: python scripts/staffing_screenshot.py OUT.png [WIDTHxHEIGHT] [--office ID]
       [--now ISO] [--url URL] [--target PERCENT] [--threshold MINUTES]

Without --url the demo city is seeded into a temporary SQLite file; there a team lead
has taken some counters off the rota (Tuesday 3, Thursday 4 of the office's counters
stay) so the table shows days with too few counters as well.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QImage
from sqlalchemy import select

from desk.demo.seed import seed_demo_city
from desk.domain.localtime import parse_now
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Counter, OpeningTemplate
from desk.store.uow import UnitOfWork
from ui.gui import make_application
from ui.ops import Ops
from ui.views.staffing_panel import StaffingPanel

STAFFED = {1: 3, 3: 4}  # weekday → counters left on the rota (the others: all)


def thin_out_rota(db: DeskDatabase, office_id: str) -> None:
    """Take the opening hours of the higher counters away on some weekdays."""
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        query = select(Counter.id, Counter.number).where(Counter.office_id == office_id)
        numbers = {counter_id: number for counter_id, number in s.execute(query)}
        templates = select(OpeningTemplate).where(OpeningTemplate.office_id == office_id)
        for template in s.scalars(templates):
            if numbers[template.counter_id] > STAFFED.get(template.weekday, len(numbers)):
                s.delete(template)
        uow.commit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("size", nargs="?", default="1100x400")
    parser.add_argument("--office", default="bb-mitte")
    parser.add_argument("--now", default="2024-03-20T10:30")
    parser.add_argument("--url")
    parser.add_argument("--target", type=int, default=80)
    parser.add_argument("--threshold", type=int, default=20)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    now = parse_now(args.now)
    workdir = tempfile.TemporaryDirectory()
    url = args.url
    if url is None:
        url = f"sqlite:///{Path(workdir.name) / 'demo.sqlite'}"
        upgrade_database(url)
        seeded = open_database(url)
        seed_demo_city(seeded, now)
        thin_out_rota(seeded, args.office)
        seeded.dispose()
    db = open_database(url)
    app = make_application()
    ops = Ops()
    panel = StaffingPanel(ops, db, args.office, lambda: now)
    panel.target.setValue(args.target)
    panel.threshold.setValue(args.threshold)
    panel.setWindowTitle("Bürgerdesk – Personalbedarf Sprechstunde")
    panel.resize(width, height)
    panel.show()

    def grab() -> None:
        panel.table.setFocus()  # no text cursor blinking in the spin box
        panel.table.setCurrentIndex(QModelIndex())
        # a palette image keeps the docs/ screenshots small (under 300 KB)
        image = (
            panel.grab()
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(args.out)
        app.quit()

    panel.loaded.connect(lambda: QTimer.singleShot(300, grab))
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    ops.shutdown()
    db.dispose()
    workdir.cleanup()
    return 0 if Path(args.out).exists() else 1


if __name__ == "__main__":
    sys.exit(main())
