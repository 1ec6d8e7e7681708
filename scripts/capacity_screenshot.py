"""Screenshot of the capacity editor with a change in its preview, for docs/.

Usage: python scripts/capacity_screenshot.py OUT.png [--url URL] [--now ISO] [--office ID]
Without --url a demo city is seeded into a temporary SQLite file. The team lead
shortens Monday at counter 1 to 9–13 and lowers the walk-in quota to 15; the
preview shows the difference and the appointments that lose their slot.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtGui import QImage

from desk.demo.city import demo_id
from desk.demo.seed import seed_demo_city
from desk.domain.localtime import parse_now
from desk.domain.status import Role
from desk.services.admin.auth import UserInfo
from desk.services.database import open_database, upgrade_database
from ui.dialogs.capacity_editor import CapacityEditor
from ui.gui import make_application
from ui.ops import Ops


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--url")
    parser.add_argument("--now", default="2024-03-20T10:30")
    parser.add_argument("--office", default="bb-mitte")
    args = parser.parse_args()
    now = parse_now(args.now)
    url = args.url
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'demo.sqlite'}"
        upgrade_database(url)
        seeded = open_database(url)
        seed_demo_city(seeded, now)
        seeded.dispose()
    app = make_application()
    ops = Ops()
    db = open_database(url)
    lead = UserInfo(
        demo_id("user", "teamleitung"), "teamleitung", "Teamleitung", Role.TEAM_LEAD, None
    )
    editor = CapacityEditor(ops, db, lead, args.office, lambda: now)
    editor.resize(1366, 768)
    step = {"n": 0}

    def grab() -> None:
        image = (
            editor.grab()
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(args.out)
        app.quit()

    def previewed() -> None:
        step["n"] += 1
        if step["n"] == 1:  # the plan as it is: now make the change
            editor.walk_in.quota.setText("15")
            editor.opening.table.selectRow(0)
            editor.opening.closes.setTime(QTime(13, 0))
            editor.opening.table.setFocus()
        elif step["n"] >= 2 and not editor.timer.isActive():
            editor.preview_model.rowCount() and QTimer.singleShot(300, grab)

    editor.preview_updated.connect(previewed)
    editor.show()
    code = app.exec()
    ops.shutdown()
    db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
