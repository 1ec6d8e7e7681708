"""The main window's menus and window-wide actions: views, contrast, language, keys
help, the call display window, the ticket printer, F9 and F12.

A mixin of MainWindow, kept apart so that the window module stays about layout,
loading and selection. Texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from desk.domain.steps import Action
from ui import i18n, theme

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ui.views.main_window import MainWindow

SHORTCUTS: dict[Action, str] = {
    Action.CHECK_IN: "F5",
    Action.CALL: "F6",
    Action.RECALL: "Shift+F6",
    Action.START: "F7",
    Action.DONE: "F8",
    Action.NO_SHOW: "Ctrl+F8",
    Action.CANCEL: "Del",
}


class WindowActions:
    """Menus and window-wide actions of the main window."""

    # ---------------------------------------------------------------- menus
    def _build_menus(self: MainWindow) -> None:  # type: ignore[misc]
        menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Termin"))
        self.book_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Neuer Termin …"), self.open_booking
        )
        self.book_action.setShortcut(QKeySequence("Ctrl+N"))
        self.book_button.clicked.connect(self.open_booking)
        self.search_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Suchen …"), self.open_search
        )
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        menu.addSeparator()
        for action in self.actions_by_step.values():
            menu.addAction(action)
        menu.addSeparator()
        self.ics_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "Als &Kalenderdatei (.ics) speichern …"),
            self.save_ics_dialog,
        )
        self.ics_action.setShortcut(QKeySequence("Ctrl+E"))
        self.lock_action = QAction(QCoreApplication.translate("MainWindow", "Platz &sperren"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)  # works while the menu bar is not focused too
        self.print_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "Bestätigung &drucken …"), self.print_dialog
        )
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        for action in (self.ics_action, self.print_action):
            action.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.lock_action)

        view = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Ansicht"))
        for number, (label, widget) in enumerate(
            (
                (QCoreApplication.translate("MainWindow", "&Tag"), self.calendar),
                (QCoreApplication.translate("MainWindow", "&Woche"), self.week),
                (QCoreApplication.translate("MainWindow", "&Liste"), self.table),
            ),
            start=1,
        ):
            action = view.addAction(label, lambda w=widget: self.views.setCurrentWidget(w))
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        view.addSeparator()
        self.contrast_action = view.addAction(
            QCoreApplication.translate("MainWindow", "&Hoher Kontrast")
        )
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(self._settings.value("high_contrast", False, bool))
        self.contrast_action.toggled.connect(self.set_high_contrast)
        if self.contrast_action.isChecked():
            self.set_high_contrast(True)
        view.addAction(
            QCoreApplication.translate("MainWindow", "Aktualisieren"), self.refresh_all
        ).setShortcut(QKeySequence("F12"))
        view.addSeparator()
        self.display_action = view.addAction(
            QCoreApplication.translate("MainWindow", "&Aufrufanzeige öffnen (zweiter Bildschirm)"),
            self.open_display,
        )

        self.language_menu = self.menuBar().addMenu(
            QCoreApplication.translate("MainWindow", "&Sprache")
        )
        current = i18n.chosen_language(self._settings)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = self.language_menu.addAction(name, lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Hilfe"))
        help_menu.addAction(
            QCoreApplication.translate("MainWindow", "&Tastenkürzel"), self.show_shortcuts
        ).setShortcut(QKeySequence("F1"))
        self.about_action = help_menu.addAction(
            QCoreApplication.translate("MainWindow", "Ü&ber Bürgerdesk …"), self.show_about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def show_about(self: MainWindow) -> None:  # type: ignore[misc]
        """Hilfe → Über Bürgerdesk (the dialog's module loads on first use)."""
        from ui.dialogs.about_dialog import show_about

        show_about(self)

    def choose_language(self: MainWindow, code: str) -> None:  # type: ignore[misc]
        """Remember the UI language; it applies from the next start."""
        self._settings.setValue("language", code)
        for other, action in self.language_actions.items():
            action.setChecked(other == code)
        message = (
            "Die Sprache wird beim nächsten Start umgestellt."
            if code == "de"
            else "The language changes at the next start."
        )
        self.statusBar().showMessage(message, 8000)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, i18n.LANGUAGES[code], message)

    def refresh_all(self: MainWindow) -> None:  # type: ignore[misc]
        """F12: the calendar, the queue and the reception read again."""
        self.refresh()
        self.queue.refresh()
        self.reception.refresh()

    def call_next_person(self: MainWindow) -> None:  # type: ignore[misc]
        """F9: call the head of the queue to this counter (shows the queue panel)."""
        self.side.setCurrentIndex(1)
        self.queue.call_next()

    def _queue_for_counter(self: MainWindow) -> None:  # type: ignore[misc]
        office = self.office
        if office is not None and self._db is not None:
            self.queue.set_counter(self._db, office.id, self.counter_number)

    def open_display(self: MainWindow) -> QWidget | None:  # type: ignore[misc]
        """The call display of the chosen office as a window on the second screen (or
        this one), reading the same database; closing it stops its reads."""
        from PySide6.QtGui import QGuiApplication

        from ui.display.run import choose_screen, place
        from ui.display.window import DisplayWindow

        db, office = self._db, self.office
        if db is None or office is None:
            return None
        for old in self._displays:  # one display window per office is enough
            old.close()
        window = DisplayWindow(self._ops, lambda: db, office.id, self.now)
        place(window, choose_screen(QGuiApplication.screens(), None), full_screen=False)
        window.start()
        self._displays = [window]
        return window

    def ticket_printer(self: MainWindow) -> QPrinter | None:  # type: ignore[misc]
        """Where tickets print: the system's default printer, else a PDF per ticket in the
        data folder (setting "ticket_pdf_dir" forces PDFs into that folder)."""
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        folder = self._settings.value("ticket_pdf_dir", "", str)
        if not folder and QPrinterInfo.availablePrinterNames():
            return QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)
        from desk.config import paths
        from desk.private_files import create_private, private_dir

        target = Path(folder) if folder else private_dir(paths().data_dir / "tickets")
        if not target.is_dir():  # a folder of the city's choice is left as it is
            private_dir(target)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        pdf = create_private(target / f"ticket-{self.now():%Y%m%d-%H%M%S%f}.pdf")
        printer.setOutputFileName(str(pdf))  # Qt truncates it and keeps its modes
        return printer

    def set_high_contrast(self: MainWindow, on: bool) -> None:  # type: ignore[misc]
        """Black on white in every window and dialog, the calendar's blocks with strong
        edges; remembered."""
        self._settings.setValue("high_contrast", on)
        self.calendar.delegate.high_contrast = on
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_high_contrast(app, on)
        self.calendar.viewport().update()

    def show_shortcuts(self: MainWindow) -> None:  # type: ignore[misc]
        """The clerk's keys at a glance."""
        lines = [
            QCoreApplication.translate(
                "MainWindow", "← / →  Vortag / Folgetag (im Kalender), Alt+← / Alt+→ überall"
            ),
            QCoreApplication.translate(
                "MainWindow", "T  Heute · Bild↑ / Bild↓  Woche zurück / vor"
            ),
            QCoreApplication.translate("MainWindow", "Strg+1 / 2 / 3  Tag / Woche / Liste"),
            QCoreApplication.translate("MainWindow", "Strg+N  Neuer Termin · Strg+F  Suchen"),
        ]
        lines += [f"{SHORTCUTS[s]}  {self.actions_by_step[s].text()}" for s in self.actions_by_step]
        lines += [
            QCoreApplication.translate(
                "MainWindow", "Strg+E  Kalenderdatei · Strg+P  Drucken · F12  Aktualisieren"
            )
        ]
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self, QCoreApplication.translate("MainWindow", "Tastenkürzel"), "\n".join(lines)
        )
