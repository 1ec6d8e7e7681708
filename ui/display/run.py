"""``buergerdesk display``: the call display full screen on the chosen monitor."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QScreen

from desk.cli.time import clock_from
from desk.domain.errors import RequestRefused
from ui.application import make_application, route_qt_messages_to_log
from ui.display.window import DisplayWindow
from ui.ops import Ops

if TYPE_CHECKING:
    from desk.services.database import DeskDatabase
    from desk.sync.connect import CentralSession
    from desk.sync.remote_display import ServiceBoard


def choose_screen(screens: Sequence[QScreen], wanted: int | None) -> QScreen:
    """Screen ``wanted`` (1-based), else the second one if there is one, else the first."""
    if wanted is not None:
        if not 1 <= wanted <= len(screens):
            names = ", ".join(f"{i} ({s.name()})" for i, s in enumerate(screens, start=1))
            raise RequestRefused(f"Bildschirm {wanted} gibt es nicht (vorhanden: {names})")
        return screens[wanted - 1]
    return screens[1] if len(screens) > 1 else screens[0]


def place(window: DisplayWindow, screen: QScreen, full_screen: bool = True) -> None:
    """Show the window on a screen, full screen (kiosk) or as a window there."""
    window.setScreen(screen)
    geometry = screen.availableGeometry()
    if full_screen:
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.setGeometry(geometry.adjusted(40, 40, -40, -40))
        window.show()


def run_display(args: argparse.Namespace) -> int:
    """Open the display of ``--office`` on ``--url`` and run until closed."""
    route_qt_messages_to_log()
    app = make_application()
    clock = clock_from(args)  # with --now: from that time on, running, as the app's
    ops = Ops()
    url, office = args.url, args.office
    service = _service(url, office, args.now is not None)

    def opener() -> DeskDatabase | ServiceBoard:
        if service is not None:
            from desk.sync.remote_display import ServiceBoard

            cred = service.credential()
            return ServiceBoard(service.url, cred.token, cred.ca, send_now=args.now is not None)
        from desk.services.database import open_database
        from desk.services.offices import get_office

        db = open_database(url)
        get_office(db, office)  # an unknown office is refused before anything shows
        return db

    window = DisplayWindow(
        ops,
        opener,
        office,
        clock.now,
        poll_ms=int(args.poll_seconds * 1000),
        stale_after=args.stale_seconds,
        sound=not args.no_sound,
        speech=not args.no_speech,
    )
    screen = choose_screen(QGuiApplication.screens(), args.screen)
    place(window, screen, full_screen=not args.window)
    listener = service.wake_ups(window.wake) if service is not None else None
    if listener is not None:
        listener.start()
    window.failed.connect(lambda message: _fail(app, message))
    window.start()
    code = app.exec()
    window.stop()
    if listener is not None:
        listener.stop()
    ops.shutdown()
    return code


def _service(url: str, office: str | None, training: bool) -> CentralSession | None:
    """The central service when ``--url`` names it (a display PC enrolled as a display of
    ``--office``); None for a local SQLite (standalone). A database URL is refused."""
    from desk.sync.remote import check_central_url

    if url.startswith("sqlite"):
        return None
    check_central_url(url)  # a postgresql:// URL: enrol with the service instead
    from desk.sync.connect import CentralSession

    service = CentralSession(url, training=training)
    cred = service.credential()
    if cred.kind != "display":
        raise RequestRefused(
            f"Dieser PC ist als {cred.kind} angemeldet, nicht als Anzeige: "
            "'buergerdesk device add --kind display' und 'buergerdesk enroll'"
        )
    if office is not None and office != cred.office_id:
        raise RequestRefused(f"Diese Anzeige gehört zu {cred.office_id}, nicht zu {office}")
    return service


def _fail(app: QGuiApplication, message: str) -> None:
    """The database or office is wrong: one line, exit 2 (DESIGN.md §5)."""
    sys.stderr.write(f"buergerdesk display: {message}\n")
    app.exit(2)
