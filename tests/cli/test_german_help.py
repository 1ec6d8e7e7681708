"""argparse's own words in German: the help's usage line and headings, the help and
version options, and the error lines (the command line's texts are German throughout)."""

from __future__ import annotations

import pytest

ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "show this help message",
    "show program's version",
    "error:",
    "invalid",
    "argument",
    "required",
    "unrecognized",
)


def english_words(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("words", [[], ["walkin"], ["walkin", "call"], ["display"]])
def test_the_help_is_german(cli, words):
    result = cli(*words, "--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"Aufruf: buergerdesk {' '.join(words)}".rstrip())
    assert "\nOptionen:\n" in out
    assert "-h, --help" in out and "diese Hilfe zeigen und beenden" in out
    assert english_words(out) == []


def test_the_top_help_names_its_headings_and_the_version_in_german(cli):
    out = cli("--help").stdout
    assert "\nArgumente:\n  BEFEHL" in out
    assert "--version" in out and "Versionsnummer zeigen und beenden" in out


@pytest.mark.parametrize(
    ("words", "german"),
    [
        (["walkin", "call", "--counter", "abc"], "Option --counter: erwartet eine ganze Zahl"),
        (
            ["walkin", "call", "--url", "sqlite:///x", "--office", "o", "--counter", "1", "-x"],
            "unbekannte Angabe: -x",
        ),
        (["agenda"], "fehlende Angaben: --url, --office"),
        (["bogus"], "BEFEHL: ungültige Auswahl 'bogus'"),
    ],
)
def test_an_error_line_is_german(cli, words, german):
    result = cli(*words)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert german in line
    assert "(siehe 'buergerdesk" in line
    assert english_words(line) == []
    assert result.stdout == ""
