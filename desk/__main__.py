"""``python -m desk``: the headless command line."""

import sys

from desk.cli.main import main

sys.exit(main())
