"""The team lead's capacity: the plan and its changes, their preview, same-day releases."""
