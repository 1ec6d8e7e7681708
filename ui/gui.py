"""Build the QApplication, load German translations and show the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from desk.cli.time import now_from
from desk.config import paths
from desk.domain.errors import RequestRefused
from desk.domain.localtime import now_local
from ui import i18n
from ui.ops import Ops
from ui.sync_status import SyncBridge
from ui.views.main_window import MainWindow

if TYPE_CHECKING:  # the database layer is imported on the worker thread, after the first paint
    from desk.services.database import DeskDatabase
    from desk.sync.runner import SyncRunner

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def make_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication, German first (Qt's own dialogs translated too)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Bürgerdesk")
    app.setOrganizationName("Buergerdesk")
    if not app.property("languageInstalled"):
        i18n.install(app, language or i18n.chosen_language(QSettings()))
        app.setProperty("languageInstalled", True)
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

    def opener() -> DeskDatabase:  # runs on the worker thread (and imports SQLAlchemy there)
        from desk.services.database import open_database
        from desk.services.standalone import prepare_standalone

        if url:
            return open_database(url)
        return prepare_standalone(standalone.standalone_url, now)

    app = make_application(language=getattr(args, "language", None))
    ops = Ops()
    window = MainWindow(
        ops,
        QSettings(),
        opener,
        now,
        first_start=first_start,
        office_id=args.office,
        counter_number=args.counter,
        show_dialogs=not getattr(args, "smoke", False),
        clock_runs=True,
    )
    return app, ops, window


def route_qt_messages_to_log() -> None:
    """Qt's own warnings go to the log file, not to the clerk's terminal."""
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def attach_sync(args: argparse.Namespace, window: MainWindow) -> list[SyncRunner]:
    """With ``--central``: start the background sync once the local database is open."""
    runners: list[SyncRunner] = []
    if not getattr(args, "central", None):
        return runners
    bridge = SyncBridge(window)
    bridge.report.connect(window.show_sync_report)
    bridge.status.connect(window.show_sync_status)
    fixed = now_from(args) if args.now else None

    def start(db: DeskDatabase) -> None:
        from desk.sync.runner import SyncRunner

        runner = SyncRunner(
            db, args.central, lambda: fixed or now_local(), bridge.report.emit, bridge.status.emit
        )
        runners.append(runner)
        window.queue.call_ticket = runner.call_next  # claimed centrally while online
        runner.start([office.id for office in window.offices])

    window.database_opened.connect(start)
    return runners


def run_app(args: argparse.Namespace) -> int:
    """Open the main window on ``--url`` or the standalone demo city; run the event loop."""
    if getattr(args, "central", None) and not args.url:
        raise RequestRefused("--central braucht --url: die lokale Datenbank dieses Schalters")
    route_qt_messages_to_log()
    app, ops, window = build_window(args)
    runners = attach_sync(args, window)
    window.resize(1366, 768)
    if args.smoke:
        window.day_loaded.connect(lambda: _quit_after_paint(app, window))
        window.failed.connect(lambda message: _fail(app, message))
        QTimer.singleShot(60_000, lambda: app.exit(1))
    if not args.smoke:
        window.database_opened.connect(lambda db: _sign_in_if_needed(ops, db, window))
    window.show()
    window.start()
    code = app.exec()
    for runner in runners:
        runner.stop()
    ops.shutdown()
    return code


def _sign_in_if_needed(ops: Ops, db: DeskDatabase, window: MainWindow) -> None:
    """A database with users asks who works here before it shows anything."""

    def check() -> bool:
        from desk.services.auth import has_users

        return has_users(db)

    ops.run(check, lambda needed: window.sign_in() if needed else None)


def _quit_after_paint(app: QApplication, window: MainWindow) -> None:
    """Smoke test: the loaded day is painted (synchronously), then quit."""
    window.repaint()
    window.calendar.viewport().repaint()
    QTimer.singleShot(0, app.quit)


def _fail(app: QApplication, message: str) -> None:
    """In smoke mode a failed start is a refused request: one line, exit 2."""
    sys.stderr.write(f"buergerdesk: {message}\n")
    app.exit(2)
