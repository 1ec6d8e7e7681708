"""Tell the user, once the window is up, what was wrong in config.toml (the app runs on
with safe defaults for those entries)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.settings import ConfigProblem


def warn_about_config(parent: QWidget, problems: Sequence[ConfigProblem]) -> QMessageBox:
    """Open (window-modal, not blocking) a warning listing every problem; returns the box."""
    intro = QCoreApplication.translate(
        "ConfigNotice",
        "In der Konfigurationsdatei stimmt etwas nicht. Bürgerdesk läuft mit "
        "Standardwerten für diese Einträge weiter:",
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ConfigNotice", "Konfiguration"),
        intro + "\n\n" + "\n\n".join(f"• {problem}" for problem in problems),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("configProblems")
    box.open()
    return box
