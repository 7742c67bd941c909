"""Allows ``python -m entretien_desktop``: the same entry point as the console script."""

import sys

from entretien_desktop.cli import main

sys.exit(main())
