"""The technician's language: Qt translators, the language setting, the Devanagari font.

Sources: every `tr(...)` / `QT_TRANSLATE_NOOP(...)` in desktop/ and fundus/, gathered
by `scripts/translations.sh` into desktop/i18n/dr-screen_<lang>.ts and compiled to .qm
(both committed; build.spec ships the .qm). English needs a .qm too, for its plural
forms ("1 photo", "2 photos"). Texts from Qt-free code arrive as fundus.text.Text and
are translated here (tr_text); texts stored in English in the database (grade names,
quality reasons) are translated by their context when shown.

Window titles are the exception: the window manager draws them with its own font, which
may have no Devanagari (the title bar then shows boxes). A title with letters outside
the Latin script becomes "dr-screen" (`LatinTitles`); the window's own text says the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QFontDatabase

from desktop.preferences import LANGUAGES
from fundus.grades import grade_name
from fundus.text import Text

I18N_DIR = Path(__file__).resolve().parents[1] / "i18n"
FONT_FILES = [Path(__file__).resolve().parents[1] / "assets" / "fonts" / "Lohit-Devanagari.ttf"]
LANGUAGE_NAMES = {"en": "English", "hi": "हिन्दी", "es": "Español"}  # each in its own language
QT_OWN = "qtbase"  # Qt's own dialog texts (file dialog, Yes/No); Qt ships Spanish, not Hindi
OS_TITLE = "dr-screen"  # a window title in a script the window manager's font may lack becomes this
LATIN_END = 0x0250  # Basic Latin to Latin Extended-B: every title-bar font has them

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def system_language(locale_name: str | None = None) -> str:
    """The computer's language (or that of `locale_name`, e.g. "hi_IN") if the app speaks
    it, else English."""
    code = (locale_name or QLocale.system().name()).split("_")[0]
    return code if code in LANGUAGES else "en"


def install(language: str | None) -> str:
    """Translate the running application into `language` (None: the computer's) from now on;
    returns the language used. Call before building widgets."""
    language = language if language in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)
    if not ours.load(str(I18N_DIR / f"dr-screen_{language}.qm")):
        log.warning("no translation file for %s in %s; showing English", language, I18N_DIR)
        language = "en"
        ours.load(str(I18N_DIR / "dr-screen_en.qm"))
    qt_own = QTranslator(app)
    if qt_own.load(f"{QT_OWN}_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt_own)
    _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    add_fonts()
    if not any(isinstance(f, LatinTitles) for f in app.children()):
        app.installEventFilter(LatinTitles(app))
    return language


def latin_title(title: str) -> str:
    """`title` if every letter in it is Latin, else OS_TITLE."""
    return title if all(not c.isalpha() or ord(c) < LATIN_END for c in title) else OS_TITLE


class LatinTitles(QObject):
    """Every window's title (dialogs and message boxes too) in Latin letters: see the module's doc."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.WindowTitleChange and watched.isWidgetType() and watched.isWindow():
            title = watched.windowTitle()
            if latin_title(title) != title:
                watched.setWindowTitle(OS_TITLE)  # another WindowTitleChange, Latin this time
        return False


def add_fonts() -> None:
    """Register the fonts shipped in desktop/assets/fonts (Devanagari for Hindi)."""
    for font in FONT_FILES:
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("font %s could not be loaded", font.name)


def translate(context: str, text: str, count: int = -1) -> str:
    return QCoreApplication.translate(context, text, None, count)


def tr_text(value) -> str:
    """A message from Qt-free code (fundus.text.Text) in the current language; other
    strings (e.g. a programme's own advice.json text) are shown as they are."""
    return value.translated(translate) if isinstance(value, Text) else str(value)


def tr_grade(grade: int | None) -> str:
    """The ICDR grade's name (None: ungradable) in the current language."""
    return tr_text(grade_name(grade))


def tr_reason(reason: str) -> str:
    """A quality reason as stored in the database (English) in the current language."""
    return translate("quality", reason)
