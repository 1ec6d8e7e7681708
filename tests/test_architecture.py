"""House rules: desk/ is plain Python (no Qt, no ui), checked two ways; its layers and
the order of the services packages hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    for contract in CONTRACTS:
        assert f"{contract} KEPT" in result.stdout, contract


#: Every contract in pyproject.toml, by name: none may go missing unnoticed.
CONTRACTS = (
    "desk is Qt-free and never imports ui",
    "domain is pure",
    "desk in layers: each reaches only what lies below it",
    "services by use case: the team door over capacity and walk-in, over the rest",
    "ui reaches desk through services",
)


def test_importing_every_desk_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import desk\n"
        "names = [m.name for m in pkgutil.walk_packages(desk.__path__, 'desk.')\n"
        "         if '.migrations' not in m.name and not m.name.endswith('__main__')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules\n"
        "             if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt6', 'ui'))\n"
        "assert not bad, bad\n"
        "print(len(names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 20
