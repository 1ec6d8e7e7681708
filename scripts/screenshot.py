"""Screenshot of the main window for docs/ (run under xvfb-run or offscreen).

Usage: python scripts/screenshot.py OUT.png WIDTHxHEIGHT [--view day|week|reception|queue]
       [--text-size 100|125|150|200] [buergerdesk GUI options]
With --central the first sync round is awaited, so the status bar shows it. In the
day view the next appointment of the own counter is selected (panel and history).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage

from desk.cli.main import build_parser
from ui.app import add_gui_options
from ui.gui import attach_sync, build_window


def main() -> int:
    out, size, *rest = sys.argv[1:]
    view = "day"
    if "--view" in rest:
        at = rest.index("--view")
        view = rest[at + 1]
        del rest[at : at + 2]
    percent = 100  # the text size (Ansicht → Textgröße), not remembered
    if "--text-size" in rest:
        at = rest.index("--text-size")
        percent = int(rest[at + 1])
        del rest[at : at + 2]
    width, height = (int(v) for v in size.split("x"))
    parser, _ = build_parser()
    add_gui_options(parser)
    args = parser.parse_args(rest)
    app, ops, window = build_window(args)
    runners = attach_sync(args, window, ops)
    window.text_size.apply(percent, remember=False)
    window.resize(width, height)
    window.show()
    window.start()

    def grab() -> None:
        # a palette image keeps the docs/ screenshots small (under 300 KB)
        image = (
            window.grab()
            .toImage()
            .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        )
        image.save(out)
        app.quit()

    delay = 3000 if args.central else 500

    def loaded() -> None:
        window.day_loaded.disconnect(loaded)
        if view == "week":
            window.week_loaded.connect(lambda: QTimer.singleShot(delay, grab))
            window.views.setCurrentWidget(window.week)
            return
        if view == "queue":
            window.queue.loaded.connect(lambda: QTimer.singleShot(delay, grab))
            window.side.setCurrentIndex(1)
            window.queue.refresh()
            return
        if view == "reception":
            window.reception.status_loaded.connect(lambda: QTimer.singleShot(delay, grab))
            window.views.setCurrentWidget(window.reception_page)
            window.reception.refresh()
            return
        now = window.now()
        own = [
            r
            for r in window.model.rows
            if r.counter_number == window.counter_number and r.ends_at > now
        ]
        if own:
            window.select_appointment(own[0].id)
        QTimer.singleShot(delay, grab)

    window.day_loaded.connect(loaded)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    for runner in runners:
        runner.stop()
    ops.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
