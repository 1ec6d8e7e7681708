"""Reports for team leads: statistics (and their CSV) and the audit log's reading."""
