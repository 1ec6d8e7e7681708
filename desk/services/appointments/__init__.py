"""Appointments: booking, the day and the week, free slots, confirmations, and the steps
at the counter."""
