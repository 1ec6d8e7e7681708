"""Unexpected errors in the app: logged with their traceback, shown as one calm dialog.

``install_crash_handler`` replaces ``sys.excepthook`` (exceptions in slots and event
handlers on the GUI thread) and ``threading.excepthook`` (other threads; they reach
the GUI thread by a queued signal). The dialog is shown, not executed: no nested
event loop, no dialog closed, nothing typed lost. While it is open, further errors
only raise its counter instead of stacking more dialogs.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashDialog(QDialog):
    """What happened, that the work is kept, where the log is; "Weiter arbeiten"."""

    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Bürgerdesk – unerwarteter Fehler"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.count = 1
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Bei der letzten Aktion ist im Programm ein Fehler aufgetreten. "
                "Das ist nicht Ihre Schuld."
            )
        )
        kept = QLabel(
            self.tr(
                "Ihre Arbeit bleibt erhalten: offene Fenster und eingegebene Daten sind noch da. "
                "Bitte prüfen Sie, ob die letzte Aktion ausgeführt wurde, und wiederholen Sie sie "
                "falls nötig."
            )
        )
        where = (
            self.tr("Die technischen Einzelheiten stehen in der Protokolldatei:\n{0}").format(
                log_file
            )
            if log_file is not None
            else self.tr("Eine Protokolldatei konnte nicht angelegt werden.")
        )
        self.where = QLabel(where)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        advice = QLabel(
            self.tr("Tritt der Fehler wieder auf, geben Sie diese Datei bitte Ihrer IT-Betreuung.")
        )
        self.repeated = QLabel()
        self.repeated.hide()
        for label in (intro, kept, self.where, advice, self.repeated):
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = QDialogButtonBox()
        self.continue_button = buttons.addButton(
            self.tr("Weiter arbeiten"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def again(self) -> None:
        """One more error while the dialog is open: count it, do not stack a dialog."""
        self.count += 1
        self.repeated.setText(self.tr("Der Fehler ist {0}-mal aufgetreten.").format(self.count))
        self.repeated.show()


class CrashReporter(QObject):
    """Logs unexpected exceptions and shows at most one CrashDialog at a time.

    Signals:
        crashed(): an unexpected exception was logged (on the GUI thread).
    """

    crashed = Signal()
    _from_thread = Signal()

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self._from_thread.connect(self.show_dialog, Qt.ConnectionType.QueuedConnection)

    def report(self, exc_info: ExcInfo, where: str = "GUI") -> None:
        """Log ``exc_info``; show (or count in) the dialog on the GUI thread."""
        log.error("unexpected error (%s)", where, exc_info=exc_info)
        if threading.current_thread() is threading.main_thread():
            self.show_dialog()
        else:
            self._from_thread.emit()

    def show_dialog(self) -> None:
        """Show the dialog, or count one more error in the open one."""
        self.crashed.emit()
        if self.dialog is not None:
            self.dialog.again()
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(self.log_file, parent)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()

    def _closed(self) -> None:
        self.dialog = None


_installed: CrashReporter | None = None


def install_crash_handler(log_file: Path | None) -> Callable[[], None]:
    """Route unexpected exceptions to a CrashReporter; returns a function that undoes it.
    Call after the QApplication exists, on the GUI thread."""
    global _installed
    reporter = CrashReporter(log_file, QApplication.instance())
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_hook(kind, error, tb)
            return
        reporter.report((kind, error, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        reporter.report((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")

    sys.excepthook, threading.excepthook = hook, thread_hook
    _installed = reporter

    def uninstall() -> None:
        global _installed
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
        _installed = None
        reporter.deleteLater()

    return uninstall


def report_unexpected() -> bool:
    """Show the crash dialog for an error the caller caught and logged (an operation
    without an error handler); False when no handler is installed."""
    if _installed is None:
        return False
    _installed.show_dialog()
    return True
