"""Security tests: one per attack of a hostile clerk with a shell on a counter PC,
named after the attack."""
