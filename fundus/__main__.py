import sys

from fundus.cli import main

sys.exit(main())
