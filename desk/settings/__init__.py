"""The installation's settings: config.toml, overridden by command-line options.

Imports nothing heavy (the app loads this before its first paint).
"""

from desk.settings.loading import load_settings
from desk.settings.model import (
    CentralSettings,
    ConfigProblem,
    DisplaySettings,
    LoadedSettings,
    Settings,
)

__all__ = [
    "CentralSettings",
    "ConfigProblem",
    "DisplaySettings",
    "LoadedSettings",
    "Settings",
    "load_settings",
]
