"""The QApplication of every window of the app (the clerk's, the call display's): its
look, its language, and Qt's own messages in the log."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.focus_ring import show_focus
from ui.theme import apply_theme


def make_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with the app's look, German first (Qt's own dialogs translated too)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    if not app.property("themed"):
        apply_theme(app)
        show_focus(app)
        app.setProperty("themed", True)
    app.setApplicationName("Bürgerdesk")
    app.setOrganizationName("Buergerdesk")
    if not app.property("languageInstalled"):
        i18n.install(app, language or i18n.chosen_language(QSettings()))
        app.setProperty("languageInstalled", True)
    return app


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
