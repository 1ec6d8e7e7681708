"""Languages of the app: German first, English alongside (Qt Linguist .qm files).

The language is the one chosen in the menu (remembered), else the system's when
it is English, else German. Qt's own dialogs are translated with Qt's catalogues.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = {"de": "Deutsch", "en": "English"}
DEFAULT = "de"


def chosen_language(settings: QSettings) -> str:
    """The language to start in: the menu's choice, else the system's if offered."""
    stored = settings.value("language", "", str)
    if stored in LANGUAGES:
        return stored
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else DEFAULT


def locale_of(language: str) -> QLocale:
    """The locale for dates and numbers in a language."""
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.German, QLocale.Country.Germany)


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's and the app's translators for ``language``; returns them."""
    QLocale.setDefault(locale_of(language))
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(locale_of(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    if language != DEFAULT:
        own = QTranslator(app)
        if own.load(str(I18N / f"buergerdesk_{language}.qm")):
            app.installTranslator(own)
            installed.append(own)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators installed by ``install``."""
    for translator in translators:
        app.removeTranslator(translator)
