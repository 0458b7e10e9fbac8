"""Everything that runs on the hospital's hub server (docs/hub.md, docs/review-loop.md).

The hub is a stock Datasette serving one plain SQLite database that the camp laptops
push to (or that a USB export is imported into), with dr-screen's review plugin for
the graders. Modules: ``database`` (the hub tables and their version guard), ``keys``
(the hub's export key, enrolled laptops' keys), ``usb_import`` (the offline route),
``reviews`` (review tables, queue, writing a review), ``agreement`` (model-grader
numbers), ``bundles`` (the published models, heat maps), ``plugin`` (Datasette hooks
and pages), ``serve`` (first-run set-up and starting Datasette), ``cli`` (``python -m hub``).

It shares with the laptops only fundus/ (fundus/wire.py: the tables and the export
format; fundus/sealed.py; fundus/audit_chain.py) and never imports the laptop's package
``desktop``, SQLCipher or Qt (tests/test_hub_package.py), so the `hub` extra installs
neither.
"""


class HubError(Exception):
    """A hub command that cannot be done; the message says why and what to do."""
