"""Who may do what: users, sign-in and its guard, devices and their sessions, retention."""
