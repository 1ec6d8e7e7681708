"""Bürgerdesk's Qt face: windows, models and the console-script entry point."""
