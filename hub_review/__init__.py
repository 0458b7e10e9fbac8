"""dr-screen's review pages for the hospital hub: a Datasette plugin (docs/review-loop.md).

Graders log in (datasette-auth-passwords), work through a queue of screened eyes
(every referred or ungradable eye and a random share of the others), see the photo,
the model's heat map and grade, and enter their own grade; seniors adjudicate
disagreements. Reviews are rows of the hub database (``reviews``). The agreement
page (and ``python -m hub_review agreement``) compares the model with the graders
per camp, laptop, model version and month.

Modules: ``db`` (tables, queue, writing a review; sqlite3 only), ``agreement`` (the
numbers), ``heatmaps`` (the model's heat map, recomputed at the hub from the bundle
that graded the photo), ``plugin`` (Datasette hooks and pages), ``__main__`` (CLI).
"""
