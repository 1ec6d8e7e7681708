"""Run the real ``buergerdesk`` console script in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("buergerdesk")


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Call ``buergerdesk ARGS`` with data and logs in a temporary folder."""
    assert SCRIPT.exists(), "the console script is missing: run 'make test' (pip install -e .)"

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = dict(
            os.environ, BUERGERDESK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen"
        )
        return subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )

    return run
