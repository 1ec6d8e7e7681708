"""Background jobs on an APScheduler BackgroundScheduler (never a Qt scheduler)."""
