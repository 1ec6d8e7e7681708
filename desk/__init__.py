"""Bürgerdesk core: domain rules, storage, services and the headless command line.

This package never imports Qt; the desktop face lives in the ``ui`` package.
"""

__version__ = "0.1.0"
