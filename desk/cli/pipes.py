"""A reader that stops early (``buergerdesk user list | head -1``): the command ends
quietly, as a Unix tool killed by SIGPIPE would, instead of with a BrokenPipeError."""

from __future__ import annotations

import os
import sys

#: 128 + SIGPIPE, what the shell reports for a tool the closed pipe ended (as 130 for ^C).
CLOSED_PIPE = 141


def stdout_closed() -> int:
    """After a BrokenPipeError on stdout: point stdout at the null device, so that the
    interpreter's last flush at exit finds nothing to complain about; the exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # stdout is no file (tests capture it)
        pass
    return CLOSED_PIPE
