"""The clerk app as the screen-reader test starts it (run with the venv's Python).

Usage: python -m tests.ui.screen_reader.launcher [buergerdesk GUI options]

Like ``scripts/screenshot.py``: ``ui.gui.build_window`` on the given database, but with
the sign-in at the start (a database with users asks who works here), so the reader
signs in through the real login dialog. The window is 1366×768 and stays until it is
closed or the test ends the process; after 5 minutes it quits by itself.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from desk.cli.main import build_parser
from ui.app import add_gui_options
from ui.gui import build_window

#: How long the app stays at most (ms): a test that lost it does not leave it running.
LIFETIME_MS = 300_000


def main() -> int:
    """Show the window on the database of the arguments, with the sign-in, until quit."""
    parser, _ = build_parser()
    add_gui_options(parser)
    args = parser.parse_args(sys.argv[1:])
    app, ops, window = build_window(args, sign_in=True)
    window.resize(1366, 768)
    window.show()
    window.start()
    QTimer.singleShot(LIFETIME_MS, app.quit)
    code = app.exec()
    ops.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
