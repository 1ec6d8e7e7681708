"""Screenshot of the call display for docs/ (offscreen).

Usage: python scripts/display_screenshot.py OUT.png WIDTHxHEIGHT --url URL --office ID --now ISO
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage

from desk.domain.localtime import parse_now
from ui.display.window import DisplayWindow
from ui.gui import make_application
from ui.ops import Ops


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("size")
    parser.add_argument("--url", required=True)
    parser.add_argument("--office", required=True)
    parser.add_argument("--now", required=True)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    app = make_application()
    ops = Ops()
    now = parse_now(args.now)

    def opener():  # type: ignore[no-untyped-def]
        from desk.services.database import open_database

        return open_database(args.url)

    window = DisplayWindow(ops, opener, args.office, lambda: now, sound=False, speech=False)
    window.resize(width, height)
    window.show()

    def grab() -> None:
        image = (
            window.grab()
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(args.out)
        app.quit()

    window.updated.connect(lambda: QTimer.singleShot(300, grab))
    QTimer.singleShot(30_000, app.quit)
    window.start()
    app.exec()
    window.stop()
    ops.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
