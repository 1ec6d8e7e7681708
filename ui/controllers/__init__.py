"""The main window's parts: each takes the session, the operations queue and the
widgets it drives (see ui.views.main_window)."""
