"""dr-screen desktop: the technicians' offline grading workstation.

Qt-free core (store, advice, export, batch) plus a thin Qt layer in `desktop.ui`
that calls it, never the other way round.
"""

import sys

# How a user starts the commands: the PyInstaller build (build.spec) runs desktop/__main__.py
# as the `dr-screen` executable. Messages that name a command use it.
PROG = "dr-screen" if getattr(sys, "frozen", False) else "python -m desktop"
