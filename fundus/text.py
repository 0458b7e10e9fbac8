"""User-facing text in Qt-free code, marked for Qt's translation tools.

The window and the referral slip speak the technician's language through Qt's
translation system (desktop/i18n/*.ts, compiled to .qm). Code below the UI must not
import Qt, so it marks its texts with ``QT_TRANSLATE_NOOP(context, text)``:
pyside6-lupdate finds these calls (`scripts/translations.sh`), and the returned
``Text`` is plain English wherever a str is expected (logs, CSV, the command line)
while remembering its context, template and values, so the UI can show it
translated (``desktop.ui.i18n.tr_text``).

Placeholders are str.format names (``{name}``): fill them with ``.format(name=...)``
on the marked text, never with an f-string (lupdate cannot see inside one). Every
translation keeps the same placeholders (tests/test_i18n.py checks).
"""

from __future__ import annotations

from typing import Callable


class Text(str):
    """English text (the str value) plus what it takes to translate it."""

    context: str
    template: str
    values: dict

    def __new__(cls, context: str, template: str, values: dict | None = None) -> "Text":
        values = dict(values or {})
        self = super().__new__(cls, template.format(**values) if values else template)
        self.context, self.template, self.values = context, template, values
        return self

    def __reduce__(self):  # pickles (worker processes) keep the translation data
        return Text, (self.context, self.template, self.values)

    def format(self, **values) -> "Text":  # type: ignore[override]  # keyword placeholders only
        return Text(self.context, self.template, {**self.values, **values})

    def translated(self, translate: Callable[[str, str], str]) -> str:
        """The text in the language of `translate(context, source) -> translation`;
        values that are Text themselves are translated too."""
        values = {k: v.translated(translate) if isinstance(v, Text) else v for k, v in self.values.items()}
        target = translate(self.context, self.template)
        return target.format(**values) if values else target


def QT_TRANSLATE_NOOP(context: str, text: str) -> Text:  # noqa: N802  (the name lupdate looks for)
    """Mark `text` for translation in `context`; returns it untranslated, as a Text."""
    return Text(context, text)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 photo', '2 photos': English counts for the command line (the UI uses Qt's plural forms)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
