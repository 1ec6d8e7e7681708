"""Build the QApplication, load German translations and show the main window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desk.cli.time import now_from
from desk.config import paths
from desk.services.database import DeskDatabase, open_database
from desk.services.standalone import prepare_standalone
from ui.ops import Ops
from ui.views.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, German first (Qt's own dialogs translated too)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Bürgerdesk")
    app.setOrganizationName("Buergerdesk")
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    translator = QTranslator(app)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", qt_translations):
        app.installTranslator(translator)
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def build_window(args: argparse.Namespace) -> tuple[QApplication, Ops, MainWindow]:
    """The application, the operations queue and the main window for ``args``."""
    now = now_from(args)
    url: str | None = args.url
    standalone = paths()
    first_start = not url and not standalone.standalone_db.exists()

    def opener() -> DeskDatabase:  # runs on the worker thread
        if url:
            return open_database(url)
        return prepare_standalone(standalone.standalone_url, now)

    app = make_application()
    ops = Ops()
    window = MainWindow(
        ops,
        QSettings(),
        opener,
        now,
        first_start=first_start,
        office_id=args.office,
        counter_number=args.counter,
    )
    return app, ops, window


def run_app(args: argparse.Namespace) -> int:
    """Open the main window on ``--url`` or the standalone demo city; run the event loop."""
    app, ops, window = build_window(args)
    window.resize(1366, 768)
    window.show()
    window.start()
    if args.smoke:
        window.day_loaded.connect(lambda: QTimer.singleShot(100, app.quit))
        window.failed.connect(lambda _message: app.exit(2))
        QTimer.singleShot(60_000, lambda: app.exit(1))
    code = app.exec()
    ops.shutdown()
    return code
