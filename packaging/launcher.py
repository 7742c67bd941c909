"""The frozen program's entry point: the same command line (and window) as the
``entretien-desktop`` script of an installed package."""

import sys

from entretien_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
