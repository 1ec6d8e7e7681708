"""The main window's window-wide acts: the language and help menus, high contrast, the
call display window, the keys help and the about dialog.

Texts keep the "MainWindow" translation context (they were the window's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenuBar, QWidget

from desk.domain.steps import Action
from ui import i18n, theme

if TYPE_CHECKING:
    from ui.ops import Ops
    from ui.session import DeskSession
    from ui.views.calendar_view import CalendarView

SHORTCUTS: dict[Action, str] = {
    Action.CHECK_IN: "F5",
    Action.CALL: "F6",
    Action.RECALL: "Shift+F6",
    Action.START: "F7",
    Action.DONE: "F8",
    Action.NO_SHOW: "Ctrl+F8",
    Action.CANCEL: "Del",
}


#: German names of keys, should Qt's German catalogue be missing.
GERMAN_KEYS = {"Ctrl": "Strg", "Shift": "Umschalt", "Del": "Entf", "Ins": "Einfg"}


def key_text(keys: str | QKeySequence) -> str:
    """Keys as the UI's language (the default locale, set with it) names them: "Strg+F8",
    "Umschalt+F6", "Entf" in German (Qt's German catalogue), "Ctrl+F8" in English."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    if QLocale().language() == QLocale.Language.English:
        return sequence.toString(QKeySequence.SequenceFormat.PortableText)
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return "+".join(GERMAN_KEYS.get(part, part) for part in native.split("+"))


class WindowMenus(QObject):
    """The language and help menus and the acts of the view menu that reach beyond the
    day: contrast for every window, the call display, the keys help, the about box."""

    def __init__(
        self,
        session: DeskSession,
        ops: Ops,
        window: QMainWindow,
        settings: QSettings,
        calendar: CalendarView,
        step_actions: dict[Action, QAction],
        show_dialogs: bool = True,
    ) -> None:
        super().__init__(window)
        self._session, self._ops, self._window = session, ops, window
        self._settings, self._calendar = settings, calendar
        self._step_actions, self._show_dialogs = step_actions, show_dialogs
        self.language_actions: dict[str, QAction] = {}

    def build_language_and_help(self, bar: QMenuBar) -> None:
        """The "Sprache" and "Hilfe" menus."""
        self.language_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Sprache"))
        current = i18n.chosen_language(self._settings)
        for code, name in i18n.LANGUAGES.items():
            action = self.language_menu.addAction(name, lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            self.language_actions[code] = action
        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Hilfe"))
        help_menu.addAction(
            QCoreApplication.translate("MainWindow", "&Tastenkürzel"), self.show_shortcuts
        ).setShortcut(QKeySequence("F1"))
        self.about_action = help_menu.addAction(
            QCoreApplication.translate("MainWindow", "Ü&ber Bürgerdesk …"), self.show_about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def show_about(self) -> None:
        """Hilfe → Über Bürgerdesk (the dialog's module loads on first use)."""
        from ui.dialogs.about_dialog import show_about

        db = self._session.database
        show_about(self._window, db.display_url if db is not None else None)

    def choose_language(self, code: str) -> None:
        """Remember the UI language; it applies from the next start."""
        self._settings.setValue("language", code)
        for other, action in self.language_actions.items():
            action.setChecked(other == code)
        message = (
            "Die Sprache wird beim nächsten Start umgestellt."
            if code == "de"
            else "The language changes at the next start."
        )
        self._window.statusBar().showMessage(message, 8000)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self._window, i18n.LANGUAGES[code], message)

    def open_display(self, old: list[QWidget]) -> QWidget | None:
        """The call display of the chosen office as a window on the second screen (or
        this one), reading the same database; closing it stops its reads. The ``old``
        display windows close (one per office is enough)."""
        from PySide6.QtGui import QGuiApplication

        from ui.display.run import choose_screen, place
        from ui.display.window import DisplayWindow

        db, office = self._session.database, self._session.office
        if db is None or office is None:
            return None
        for window in old:
            window.close()
        display = DisplayWindow(self._ops, lambda: db, office.id, self._session.now)
        place(display, choose_screen(QGuiApplication.screens(), None), full_screen=False)
        display.start()
        return display

    def set_high_contrast(self, on: bool) -> None:
        """Black on white in every window and dialog, the calendar's blocks with strong
        edges; remembered."""
        self._settings.setValue("high_contrast", on)
        self._calendar.delegate.high_contrast = on
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_high_contrast(app, on)
        self._calendar.viewport().update()

    def shortcut_lines(self) -> list[str]:
        """The lines of the keys help, the keys named in the UI's language."""
        lines = [
            QCoreApplication.translate(
                "MainWindow", "← / →  Vortag / Folgetag (im Kalender), Alt+← / Alt+→ überall"
            ),
            QCoreApplication.translate(
                "MainWindow", "T  Heute · Bild↑ / Bild↓  Woche zurück / vor"
            ),
            QCoreApplication.translate("MainWindow", "Strg+1 / 2 / 3  Tag / Woche / Liste"),
            QCoreApplication.translate(
                "MainWindow", "Strg+4 / 5 / 6  Empfang / Termindetails / Warteschlange"
            ),
            QCoreApplication.translate(
                "MainWindow", "Umschalt+← / →  anderer Schalter (im Kalender)"
            ),
            QCoreApplication.translate("MainWindow", "Strg+N  Neuer Termin · Strg+F  Suchen"),
        ]
        actions = self._step_actions
        lines += [f"{key_text(SHORTCUTS[step])}  {actions[step].text()}" for step in actions]
        lines += [
            f"{key_text('F9')}  "
            + QCoreApplication.translate("MainWindow", "Nächste Person aufrufen (Warteschlange)"),
            QCoreApplication.translate(
                "MainWindow", "Strg+E  Kalenderdatei · Strg+P  Drucken · F12  Aktualisieren"
            ),
            f"{key_text('Ctrl+L')}  "
            + QCoreApplication.translate("MainWindow", "Platz sperren (Anmeldung nötig)"),
            f"{key_text('Ctrl+Shift+A')}  "
            + QCoreApplication.translate("MainWindow", "Abgleich und Konflikte"),
        ]
        return lines

    def show_shortcuts(self) -> None:
        """The clerk's keys at a glance (F1)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self._window,
            QCoreApplication.translate("MainWindow", "Tastenkürzel"),
            "\n".join(self.shortcut_lines()),
        )
