"""`python -m hub ...`: the hub's commands (hub/cli.py)."""

import sys

from hub.cli import main

if __name__ == "__main__":
    sys.exit(main())
