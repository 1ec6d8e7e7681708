"""The central service (``buergerdesk serve``): the one door to the central database."""
