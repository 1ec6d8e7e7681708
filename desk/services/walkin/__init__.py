"""The walk-in hour: tickets, the queue and calling, a called ticket's steps, the display,
staffing."""
