"""A broken config.toml is shown once the window is up, naming file, line and key."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desk.settings import load_settings
from ui.config_notice import warn_about_config


def test_the_warning_lists_every_problem_with_file_line_and_key(qtbot, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('office = "bb-nord"\ncounter = 0\n[central]\npassword = "x"\n')
    problems = load_settings(path).problems
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    box = warn_about_config(parent, problems)

    qtbot.waitUntil(box.isVisible)
    assert box.icon() == QMessageBox.Icon.Warning
    assert f"• {path}, Zeile 2: counter: erwartet eine ganze Zahl von 1 bis 999" in box.text()
    assert f"• {path}, Zeile 4: central.password: Passwörter gehören nicht" in box.text()
    assert '"x"' not in box.text()
    box.done(0)
