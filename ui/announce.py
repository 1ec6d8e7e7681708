"""What changes by itself is told to assistive technology, not only painted.

``announce(source, text)`` posts Qt's announcement event for ``source`` (AT-SPI's
``object:announcement`` signal, which Orca speaks; UI Automation's notification on
Windows for NVDA), and the application-wide ``Announcer`` emits it too (the tests, the
screen-reader test, the log at debug level: never the text, it may name a citizen).

How a screen reader fits it in (the politeness):

- assertive, it interrupts what is being read: a refusal (the status bar, the queue's
  message line, a dialog's message line or a field's problem), the sync going offline, a
  new sync conflict, the desk locked, and a new call at the call display (the display
  exists to tell the call, and nobody works at it who could be interrupted);
- polite, read after what is being read: the person now at this counter (a call made
  here with F9 or by another desk of the same counter: the clerk is at work and mostly
  made it happen), and the sync back online.

A text is posted once: the same text from the same source with the same politeness
again within ``REPEAT_S`` seconds is dropped, so two hooks or a refresh repeating it stay
silent. Callers announce a change, not every refresh.

The event is built and sent within one call, while ``source`` lives (PySide6 owns the
event and deletes it afterwards; Qt reads the source only during the call). Without an
active assistive technology (offscreen, no AT-SPI bus) Qt drops it at once.
"""

from __future__ import annotations

import logging
import time

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QWidget

log = logging.getLogger(__name__)
#: Seconds within which the same text from the same source is not posted again.
REPEAT_S = 3.0


class Announcer(QObject):
    """The application's one announcer (``announcer()``): remembers what was posted
    lately and tells everyone who listens.

    Signals:
        announced(str, bool): a text was posted (its words; True when assertive).
    """

    announced = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recent: dict[tuple[int, bool], tuple[str, float]] = {}

    def post(self, source: QWidget, text: str, assertive: bool) -> bool:
        """Post ``text`` for ``source`` unless it was posted just now; whether it was."""
        text = text.strip()
        if not text or not shiboken6.isValid(source):
            return False
        now = time.monotonic()
        self._recent = {k: v for k, v in self._recent.items() if now - v[1] < REPEAT_S}
        key = (id(source), assertive)
        if self._recent.get(key, ("", 0.0))[0] == text:
            return False
        self._recent[key] = (text, now)
        event = QAccessibleAnnouncementEvent(source, text)
        event.setPoliteness(
            QAccessible.AnnouncementPoliteness.Assertive
            if assertive
            else QAccessible.AnnouncementPoliteness.Polite
        )
        QAccessible.updateAccessibility(event)
        log.debug(
            "announced by %s (%s, %d characters)",
            source.objectName() or type(source).__name__,
            "assertive" if assertive else "polite",
            len(text),
        )
        self.announced.emit(text, assertive)
        return True


_announcer: Announcer | None = None


def announcer() -> Announcer:
    """The application-wide announcer (made on first use, a child of the application)."""
    global _announcer
    if _announcer is None or not shiboken6.isValid(_announcer):
        _announcer = Announcer(QCoreApplication.instance())
    return _announcer


def announce(source: QWidget, text: str, *, assertive: bool = False) -> bool:
    """Tell assistive technology ``text``, coming from ``source`` (the widget that shows
    it); ``assertive``: interrupt what is being read. Whether it was posted (not when
    empty or the same as just before)."""
    return announcer().post(source, text, assertive)


class MessageLine(QLabel):
    """A message line whose every text is announced when set (a dialog's refusal, a
    field's problem; the same refusal again is told again): assertive unless
    ``assertive=False``. Cleared, it says nothing."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, assertive: bool = True
    ) -> None:
        super().__init__(text, parent)
        self._assertive = assertive

    def setText(self, text: str, spoken: str | None = None) -> None:
        """Show ``text`` and announce it, or ``spoken`` in its place (the line says it
        short, the announcement whole: "check the marked fields" with what is wrong)."""
        super().setText(text)
        announce(self, spoken or text, assertive=self._assertive)


def show_state(label: QLabel, text: str) -> None:
    """Show a changing state in ``label``; a label with a name of its own gets the state
    as its accessible description too, so reading it gives the new state (a plain label
    is read by its text, and Qt tells its change itself)."""
    label.setText(text)
    if label.accessibleName():
        label.setAccessibleDescription(text)  # Qt posts DescriptionChanged
