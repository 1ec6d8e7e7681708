"""Command-line options win over config.toml: fill only what the command line left unset."""

from __future__ import annotations

import argparse

from desk.settings.model import CentralSettings, ConfigProblem, LoadedSettings

#: App options that config.toml may preset, by their argparse ``dest``.
APP_OPTIONS = ("office", "counter", "language")


def central_url(central: CentralSettings) -> str | None:
    """The central service's URL from [central] (checked when loading: https, or http to
    this machine); None if none is configured. Never a credential: the device's comes
    from ``buergerdesk enroll``."""
    return central.url or None


def fill_app_options(args: argparse.Namespace, loaded: LoadedSettings) -> list[ConfigProblem]:
    """Preset the app's unset options (``--office``, ``--counter``, ``--language``,
    ``--url``, ``--central``) from the settings; returns every problem to show."""
    settings = loaded.settings
    problems = list(loaded.problems)
    for name in APP_OPTIONS:
        if getattr(args, name, None) is None:
            setattr(args, name, getattr(settings, name))
    if getattr(args, "url", None) is None:
        args.url = settings.local_database
    if getattr(args, "central", None) is None:
        args.central = None
        if settings.central.configured and args.url:
            args.central = central_url(settings.central)
        elif settings.central.configured:
            problems.append(
                ConfigProblem(
                    loaded.file,
                    "gilt nur mit einer lokalen Datenbank (local_database oder --url) – "
                    "die App startet eigenständig, ohne Abgleich",
                    "central",
                )
            )
    return problems


def fill_display_options(args: argparse.Namespace, loaded: LoadedSettings) -> list[ConfigProblem]:
    """Preset ``buergerdesk display``'s options from [display] and ``office``: a number
    or office on the command line wins; the file can only add ``--no-sound``,
    ``--no-speech`` and ``--window`` (the command line has no way to switch them on)."""
    settings = loaded.settings
    display = settings.display
    if getattr(args, "office", None) is None:
        args.office = settings.office
    if getattr(args, "screen", None) is None:
        args.screen = display.screen
    args.no_sound = getattr(args, "no_sound", False) or not display.chime
    args.no_speech = getattr(args, "no_speech", False) or not display.speech
    args.window = getattr(args, "window", False) or not display.fullscreen
    return list(loaded.problems)
