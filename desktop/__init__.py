"""dr-screen desktop: the technicians' offline grading workstation.

Qt-free core (store, advice, export, batch) plus a thin Qt layer in `desktop.ui`
that calls it, never the other way round.
"""
