"""argparse's error messages in German (argparse knows only English): one pattern per
message of Python's argparse; anything unknown stays as argparse wrote it."""

from __future__ import annotations

import re

#: (argparse's message as a pattern, its German form); tried in this order.
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), german)
    for pattern, german in (
        (r"the following arguments are required: (.*)", r"fehlende Angaben: \1"),
        (r"unrecognized arguments: (.*)", r"unbekannte Angabe: \1"),
        (r"invalid choice: (.*) \(choose from (.*)\)", r"ungültige Auswahl \1 (möglich: \2)"),
        (r"invalid (.*) value: (.*)", r"ungültiger Wert \2"),
        (r"expected one argument", "erwartet einen Wert"),
        (r"expected at least one argument", "erwartet mindestens einen Wert"),
        (r"expected at most one argument", "erwartet höchstens einen Wert"),
        (r"expected (\d+) arguments?", r"erwartet \1 Werte"),
        (r"ambiguous option: (.*) could match (.*)", r"mehrdeutige Option \1 (passt zu \2)"),
        (r"not allowed with argument (.*)", r"nicht zusammen mit \1"),
        (r"one of the arguments (.*) is required", r"eine der Angaben \1 ist nötig"),
        (r"ignored explicit argument (.*)", r"Wert \1 nicht erlaubt"),
        (r"unknown parser (.*) \(choices: (.*)\)", r"unbekannter Befehl \1 (möglich: \2)"),
    )
)
ARGUMENT = re.compile(r"argument (\S+?): (.*)", re.S)


def german(message: str) -> str:
    """``message`` of argparse in German ("argument --counter: invalid int value: 'abc'"
    → "Option --counter: ungültiger Wert 'abc'")."""
    prefix = ""
    named = ARGUMENT.fullmatch(message)
    if named is not None:
        name, message = named.groups()
        prefix = f"Option {name}: " if name.startswith("-") else f"{name}: "
    for pattern, replacement in MESSAGES:
        if pattern.fullmatch(message):
            return prefix + pattern.sub(replacement, message)
    return prefix + message
