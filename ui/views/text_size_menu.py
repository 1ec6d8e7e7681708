"""Ansicht → Textgröße: 100, 125, 150 or 200 %, and Strg++ / Strg+- / Strg+0.

The chosen size is remembered (QSettings "text_scale", percent) and applied at once to
every open window and dialog, at the next start and to dialogs opened later
(ui.theme.set_text_size, ui.text_size). Texts keep the "MainWindow" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui import text_size, theme


class TextSizeMenu(QObject):
    """The text size submenu of a window's view menu; applies the remembered size.

    Signals:
        changed(int): the text size in use now, in percent.
    """

    changed = Signal(int)

    def __init__(self, settings: QSettings, window: QWidget) -> None:
        super().__init__(window)
        self._settings, self._window = settings, window
        self.size_actions: dict[int, QAction] = {}
        self.apply(text_size.remembered(settings), remember=False)

    def build(self, view: QMenu) -> QMenu:
        """Add the submenu "Textgröße" to ``view``: the sizes (one checked), then
        larger, smaller and normal with their keys (window-wide)."""
        menu = view.addMenu(QCoreApplication.translate("MainWindow", "Text&größe"))
        group = QActionGroup(menu)
        group.setExclusive(True)
        labels = (
            QCoreApplication.translate("MainWindow", "&100 %"),
            QCoreApplication.translate("MainWindow", "12&5 %"),
            QCoreApplication.translate("MainWindow", "15&0 %"),
            QCoreApplication.translate("MainWindow", "&200 %"),
        )
        for size, label in zip(text_size.PERCENTS, labels, strict=True):
            action = menu.addAction(label, lambda s=size: self.apply(s))
            action.setCheckable(True)
            action.setChecked(size == text_size.percent())
            group.addAction(action)
            self.size_actions[size] = action
        menu.addSeparator()
        for label, keys, step in (
            (QCoreApplication.translate("MainWindow", "Text grö&ßer"), ("Ctrl++", "Ctrl+="), 1),
            (QCoreApplication.translate("MainWindow", "Text &kleiner"), ("Ctrl+-",), -1),
            (QCoreApplication.translate("MainWindow", "&Normale Textgröße"), ("Ctrl+0",), 0),
        ):
            action = menu.addAction(label, lambda s=step: self.step(s))
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self._window.addAction(action)  # the keys work with the menu bar unfocused
        return menu

    def step(self, direction: int) -> None:
        """One size larger (1), smaller (-1), or back to 100 % (0)."""
        if direction == 0:
            self.apply(100)
            return
        at = text_size.PERCENTS.index(text_size.percent()) + direction
        self.apply(text_size.PERCENTS[max(0, min(at, len(text_size.PERCENTS) - 1))])

    def apply(self, percent: int, *, remember: bool = True) -> None:
        """Every text of the app at ``percent`` %; remembered unless ``remember`` is off."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_text_size(app, percent)
        if remember:
            self._settings.setValue(text_size.SETTING, text_size.percent())
        for size, action in self.size_actions.items():
            action.setChecked(size == text_size.percent())
        self.changed.emit(text_size.percent())
