"""Build the QApplication, load German translations and show the main window."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QTimer,
)
from PySide6.QtWidgets import QApplication

from desk.cli.time import clock_from
from desk.config import paths
from desk.domain.errors import RequestRefused
from desk.logs import configure_logging, start_rotating
from desk.settings import load_settings
from desk.settings.options import fill_app_options
from ui.application import make_application, route_qt_messages_to_log
from ui.crash import install_crash_handler
from ui.ops import Ops
from ui.sync_status import SyncBridge
from ui.views.main_window import MainWindow

if TYPE_CHECKING:  # the database layer is imported on the worker thread, after the first paint
    from desk.jobs.housekeeping import Housekeeping
    from desk.jobs.start_check import IntegrityReport
    from desk.services.database import DeskDatabase
    from desk.sync.runner import SyncRunner


def build_window(
    args: argparse.Namespace, *, sign_in: bool = False
) -> tuple[QApplication, Ops, MainWindow]:
    """The application, the operations queue and the main window for ``args``; with
    ``sign_in`` a database with users asks who works here before the day is read. The
    desk's one clock is made here (``--now``: from that time on, running)."""
    clock = clock_from(args)
    url: str | None = args.url
    standalone = paths()
    first_start = not url and not standalone.standalone_db.exists()
    checked: list[IntegrityReport | None] = []  # the start-up check's, told once shown
    central = bool(getattr(args, "central", None))

    def opener() -> DeskDatabase:  # runs on the worker thread (and imports SQLAlchemy there)
        from desk.jobs.start_check import EarlyCheck, check_at_start

        early = EarlyCheck(url or standalone.standalone_url)  # reads beside the imports below
        start_rotating()  # the window has painted: the log file's rotation loads now
        from desk.demo.standalone import prepare_standalone
        from desk.services.database import open_database

        checked.append(
            check_at_start(url or standalone.standalone_url, central=central, early=early)
        )
        if url:
            return open_database(url)
        state = getattr(args, "holidays_state", None) or "ST"
        return prepare_standalone(standalone.standalone_url, clock.now(), state)

    app = make_application(language=getattr(args, "language", None))
    ops = Ops()
    window = MainWindow(
        ops,
        QSettings(),
        opener,
        clock,
        first_start=first_start,
        office_id=args.office,
        counter_number=args.counter,
        show_dialogs=not getattr(args, "smoke", False),
        sign_in_at_start=sign_in,
    )
    if not getattr(args, "smoke", False):
        window.database_opened.connect(lambda _db: _tell_repair(window, checked))
    return app, ops, window


def _tell_repair(window: MainWindow, checked: list[IntegrityReport | None]) -> None:
    """A calm word when the start-up check had to repair the local database (once)."""
    report = checked.pop() if checked else None
    checked.clear()
    if report is not None and report.repaired:
        title = QCoreApplication.translate("Integrity", "Lokale Datenbank wiederhergestellt")
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(window, title, report.summary())


def attach_housekeeping(
    args: argparse.Namespace, window: MainWindow, ops: Ops, days: int = 30
) -> list[Housekeeping]:
    """The daily backup and retention job (``days``: the retention period): made on the
    worker (its scheduler's imports stay off the GUI thread) and started once the window
    shows its database; stopped by the caller on close (a running backup finishes first)."""
    keepers: list[Housekeeping] = []
    url = args.url or paths().standalone_url
    clock = window.clock  # the desk's one clock

    def make() -> Housekeeping:
        from desk.jobs.housekeeping import Housekeeping, backups_folder

        return Housekeeping(
            url,
            backups_folder(),
            clock.now,
            on_result=lambda report: None,  # logged by the job
            on_error=lambda error: None,  # logged by the job
            days=days,  # the central side's retention is the service's own job
        )

    def started(keeper: Housekeeping) -> None:
        keepers.append(keeper)
        keeper.start()

    asked: list[bool] = []

    def start(_db: DeskDatabase) -> None:
        if not asked:  # once, however often the database is reported open
            asked.append(True)
            ops.run(make, started)

    window.database_opened.connect(start)
    return keepers


def resume_collection() -> None:
    """Let the garbage collector run again (``ui.app.main`` paused it for the start).
    What the start built is frozen first: it stays for the whole session, and the
    collector's rounds need not walk through it again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def attach_sync(
    args: argparse.Namespace, window: MainWindow, ops: Ops, interval: float = 30.0
) -> list[SyncRunner]:
    """With ``--central`` (the central service): sign-in goes through the service and the
    background sync starts once the local database is open. The device credential is
    read on worker threads (the keyring may block), never logged."""
    runners: list[SyncRunner] = []
    if not getattr(args, "central", None):
        return runners
    from desk.sync.connect import CentralSession

    central = CentralSession(args.central, training=args.now is not None)
    window.central_session = central
    window.authenticator = central.sign_in
    bridge = SyncBridge(window)
    bridge.report.connect(window.show_sync_report)
    bridge.status.connect(window.show_sync_status)
    clock = window.clock  # the desk's one clock

    def start(db: DeskDatabase) -> None:
        from desk.sync.runner import SyncRunner

        if runners:
            return
        runner = SyncRunner(
            db,
            central.link,
            clock.now,
            bridge.report.emit,
            bridge.status.emit,
            interval,  # the slow poll; the service's push stream wakes it at once
            wake_ups=central.wake_ups,
        )
        runners.append(runner)
        window.queue.call_ticket = runner.call_next  # claimed centrally while online
        runner.start()

    window.database_opened.connect(start)
    return runners


def _check_enrolled(central: str) -> None:
    """Before any window: the central is the service (not a database) and this PC is
    enrolled with it (its device.json exists; the keyring is read later, on a worker)."""
    from desk.device_credential import credential_file
    from desk.sync.connect import NOT_ENROLLED
    from desk.sync.remote import check_central_url

    check_central_url(central)
    if not credential_file().exists():
        raise RequestRefused(NOT_ENROLLED)


def run_app(args: argparse.Namespace) -> int:
    """Open the main window on ``--url`` or the standalone demo city; run the event loop."""
    loaded = load_settings(paths().config_file)
    problems = fill_app_options(args, loaded)  # options win
    args.holidays_state = loaded.settings.holidays_state  # the standalone demo city's state
    if getattr(args, "central", None) and not args.url:
        raise RequestRefused("--central braucht --url: die lokale Datenbank dieses Schalters")
    if getattr(args, "central", None):
        _check_enrolled(args.central)
    from ui.single_instance import claim

    instance = claim(args.url or paths().standalone_url, smoke=args.smoke)
    if instance is None:
        return 0  # the app already running on this database came forward
    try:
        return _run_window(args, loaded, problems, instance)
    finally:
        instance.close()


def _run_window(args, loaded, problems, instance) -> int:
    """The window on the database ``instance`` holds, until it closes."""
    route_qt_messages_to_log()
    app, ops, window = build_window(args, sign_in=not args.smoke)
    window.painted.connect(lambda: instance.serve(window))  # QtNetwork loads after the paint
    install_crash_handler(configure_logging())  # configured already: returns the file
    runners = attach_sync(args, window, ops)
    if not args.smoke:  # after attach_sync: a reception PC of the service never locks
        from ui.idle_lock import attach_idle_lock

        attach_idle_lock(window, loaded.settings.idle_lock_minutes)
    days = loaded.settings.retention_days
    keepers = [] if args.smoke else attach_housekeeping(args, window, ops, days)
    window.resize(1366, 768)
    window.painted.connect(resume_collection)
    for later in (window.database_opened, window.failed):  # had the window no paint
        later.connect(lambda _what: resume_collection())
    if args.smoke:
        window.day_loaded.connect(lambda: _quit_after_paint(app, window))
        window.failed.connect(lambda message: _fail(app, message))
        QTimer.singleShot(60_000, lambda: app.exit(1))
    if not args.smoke and problems:  # logged while loading; shown once the window is up
        from ui.config_notice import warn_about_config

        QTimer.singleShot(0, lambda: warn_about_config(window, problems))
    window.show()
    window.start()
    code = app.exec()
    for runner in runners:
        runner.stop()
    central = getattr(window, "central_session", None)
    if central is not None:
        central.close()
    for keeper in keepers:
        keeper.stop()
    ops.shutdown()
    return code


def _quit_after_paint(app: QApplication, window: MainWindow) -> None:
    """Smoke test: the loaded day is painted (synchronously), then quit."""
    window.repaint()
    window.calendar.viewport().repaint()
    QTimer.singleShot(0, app.quit)


def _fail(app: QApplication, message: str) -> None:
    """In smoke mode a failed start is a refused request: one line, exit 2."""
    sys.stderr.write(f"buergerdesk: {message}\n")
    app.exit(2)
