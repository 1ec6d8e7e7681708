"""The desk locks itself when nobody touches it: a watch on every key and mouse input
of the application, and the curtains that cover each of its windows while locked.

A curtain is an opaque child over a whole window (menus, forms, status bar): what was
typed stays in the fields underneath, unseen, and nothing is closed. The lock dialog
itself is application-modal, so no window takes input until the password is right.
The call display and a PC enrolled as reception are exempt (DESIGN.md §1: they serve
the public and nobody signs in there to work on a case).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from desk.sync.connect import CentralSession
    from ui.ops import Ops

# Input that counts as someone working at the desk.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)
# Device kinds that never lock by themselves (the display has no sign-in at all).
EXEMPT_KINDS = frozenset({"reception", "display"})


class LockingWindow(Protocol):
    """What the idle lock needs of the main window: a widget with a lock screen."""

    @property
    def ops(self) -> Ops:
        """The window's operations queue."""
        ...

    @property
    def central_session(self) -> CentralSession | None:
        """This PC's connection to the central service (None standalone)."""
        ...

    def lock(self, *, idle_minutes: int | None = None) -> QDialog | None:
        """Cover everything until the password is entered again."""
        ...

    def isVisible(self) -> bool:
        """Whether the window is shown."""
        ...

    def installEventFilter(self, watcher: QObject) -> None:
        """Let ``watcher`` see the window's events."""
        ...


class IdleWatch(QObject):
    """Emits ``idle`` once ``interval_ms`` passed without key, mouse, wheel or touch input
    to any window of the application (an application-wide event filter and one
    single-shot timer; no thread).

    Signals:
        idle(): nobody gave input for the whole interval.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle)
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # from now on
        return False

    def restart(self) -> None:
        """Count the interval from now (after an unlock)."""
        self.timer.start()

    def stop(self) -> None:
        """Never fire again (the application-wide filter goes too)."""
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class IdleLock(QObject):
    """Locks ``window`` (its lock screen, ``MainWindow.lock``) after ``interval_ms``
    without input; counts anew once it is unlocked. ``exempt()`` switches it off for
    good (a reception PC)."""

    def __init__(self, window: LockingWindow, interval_ms: int) -> None:
        super().__init__(window)  # type: ignore[arg-type]  # a QWidget too
        self._window = window
        self.minutes = max(1, round(interval_ms / 60_000))
        self.watch = IdleWatch(interval_ms, self)
        self.watch.idle.connect(self._idle)
        self.exempted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.watch.stop()  # the window's session ends: nothing to lock any more
        return False

    def _idle(self) -> None:
        if not self._window.isVisible():  # closed or not shown yet
            self.watch.restart()
            return
        dialog = self._window.lock(idle_minutes=self.minutes)
        if dialog is None:  # nobody signed in, or a sign-in is open already: later again
            self.watch.restart()
        else:
            dialog.finished.connect(lambda _result: self.watch.restart())

    def exempt(self) -> None:
        """This PC never locks by itself (Ctrl+L still works)."""
        self.exempted = True
        self.watch.stop()


def attach_idle_lock(window: LockingWindow, minutes: int) -> IdleLock | None:
    """Lock ``window`` after ``minutes`` without input (config.toml ``idle_lock_minutes``;
    0: never). On a PC enrolled as reception the lock is switched off as soon as the
    device's kind is known (read on the worker, the way the sign-in reads it)."""
    if minutes <= 0:
        return None
    lock = IdleLock(window, minutes * 60_000)
    central = window.central_session
    if central is not None:
        window.ops.run(
            lambda: central.credential().kind,
            lambda kind: lock.exempt() if kind in EXEMPT_KINDS else None,
            lambda _error: None,  # not enrolled: the sign-in says so; the lock stays
        )
    return lock


class Curtain(QWidget):
    """An opaque cover over all of one window while the desk is locked."""

    def __init__(self, covered: QWidget) -> None:
        super().__init__(covered)
        self.setObjectName("lockCurtain")
        self.covered = covered
        text = QCoreApplication.translate("IdleLock", "Gesperrt – zum Entsperren anmelden")
        self.setAccessibleName(text)
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(label)
        self.setGeometry(covered.rect())
        covered.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.covered and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,  # a widget added later would lie on top
        ):
            self.setGeometry(self.covered.rect())
            self.raise_()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())


class Curtains:
    """The curtains over every window of the application but ``exempt`` ones (the lock
    dialog, the call display)."""

    def __init__(self, exempt: Iterable[QWidget]) -> None:
        spared = set(exempt)
        self.curtains = [
            Curtain(window)
            for window in QApplication.topLevelWidgets()
            if window.isVisible()
            and window not in spared
            and window.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ]

    def covers(self, window: QWidget) -> bool:
        """Whether ``window`` is covered."""
        return any(curtain.covered is window for curtain in self.curtains)

    def lift(self, *, close_forms: bool = False) -> None:
        """Take the curtains away; ``close_forms``: the clerk signed out, so the open
        dialogs (their forms) go with them."""
        for curtain in self.curtains:
            covered = curtain.covered
            covered.removeEventFilter(curtain)
            curtain.hide()
            curtain.deleteLater()
            if close_forms and isinstance(covered, QDialog):
                covered.reject()
        self.curtains = []
