"""The English catalogue covers every UI text, and the compiled .qm matches the .ts."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from ui import i18n
from ui.labels import status_label

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "buergerdesk_en.ts"
QM = ROOT / "resources" / "i18n" / "buergerdesk_en.qm"


def messages() -> list[tuple[str, str, str]]:
    """(context, German source, English translation) of every message in the .ts."""
    found = []
    for context in ET.parse(TS).getroot():
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            found.append((name, message.findtext("source") or "", translation.text or ""))
    return found


def test_every_message_is_translated():
    unfinished = [
        (context, source)
        for context in ET.parse(TS).getroot()
        for message in context.findall("message")
        if (t := message.find("translation")) is not None
        and (t.get("type") == "unfinished" or not t.text)
        for source in [message.findtext("source")]
    ]
    assert unfinished == []
    assert len(messages()) > 100


def test_the_catalogue_knows_every_text_of_the_ui(tmp_path):
    """lupdate over ui/ finds no text that the committed .ts lacks (run `make translations`)."""
    lupdate = Path(__import__("sys").executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh), "-source-language", "de"],
        check=True,
        capture_output=True,
    )
    wanted = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).getroot()
        for m in c.findall("message")
    }
    have = {(context, source) for context, source, _t in messages()}
    assert wanted - have == set()


def test_compiled_catalogue_matches_the_source(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [
        (context, source)
        for context, source, english in messages()
        if translator.translate(context, source) != english
    ]
    assert stale == []


@pytest.mark.parametrize(
    ("system", "stored", "expected"),
    [("de_DE", "", "de"), ("en_GB", "en", "en"), ("fr_FR", "", "de"), ("de_DE", "en", "en")],
)
def test_language_choice(tmp_path, monkeypatch, system, stored, expected):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(system)))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    if stored:
        settings.setValue("language", stored)
    assert i18n.chosen_language(settings) == expected


def test_english_labels_after_install(qapp):
    installed = i18n.install(QCoreApplication.instance(), "en")
    try:
        assert status_label("no_show") == "no-show"
        assert QCoreApplication.translate("MainWindow", "&Neuer Termin …") == "&New appointment …"
    finally:
        i18n.remove(QCoreApplication.instance(), installed)
        i18n.install(QCoreApplication.instance(), "de")
    assert status_label("no_show") == "nicht erschienen"
