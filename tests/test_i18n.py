"""Translations: every text of the window and the slip in every shipped language, shown without tofu."""

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QLabel

from desktop.preferences import Preferences
from desktop.ui import i18n

REPO = Path(__file__).resolve().parents[1]
I18N = REPO / "desktop" / "i18n"
SHIPPED = ("hi", "es")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%v|<[a-z0-9/]+>")


def qt_tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} comes with PySide6-Essentials; not found next to {sys.executable}"
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for package in ("desktop", "fundus") for p in (REPO / package).rglob("*.py"))


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """The shipped .ts files, updated by lupdate from today's sources (as scripts/translations.sh does)."""
    folder = tmp_path_factory.mktemp("ts")
    for lang in (*SHIPPED, "en"):
        shutil.copy(I18N / f"dr-screen_{lang}.ts", folder)
        extra = ["-pluralonly"] if lang == "en" else []
        subprocess.run([qt_tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete", *extra,
                        "-source-language", "en", "-target-language", lang, "-ts",
                        str(folder / f"dr-screen_{lang}.ts")], cwd=REPO, check=True, capture_output=True)
    return folder


def messages(ts: Path):
    for context in ET.parse(ts).iter("context"):
        for message in context.iter("message"):
            yield context.find("name").text, message


@pytest.mark.parametrize("lang", [*SHIPPED, "en"])
def test_every_text_of_the_sources_is_translated(refreshed, lang):
    ts = refreshed / f"dr-screen_{lang}.ts"
    untranslated = []
    for context, message in messages(ts):
        translation = message.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            untranslated.append(f"{context}: {message.find('source').text!r}")
    assert not untranslated, (f"{len(untranslated)} texts lack a {lang} translation; run scripts/translations.sh "
                              "and translate them:\n" + "\n".join(untranslated))
    if lang != "en":
        assert sum(1 for _ in messages(ts)) > 250  # the whole UI, not a stub


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_placeholders_and_markup(lang):
    for context, message in messages(I18N / f"dr-screen_{lang}.ts"):
        source = message.find("source").text
        translation = message.find("translation")
        for form in [f.text for f in translation.iter("numerusform")] or [translation.text]:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (context, source, form)
            # a menu's shortcut letter is underlined: inside a Devanagari cluster that breaks its shaping
            assert re.fullmatch(r"[^&]*(&[A-Za-z][^&]*)?", form), (context, form)


def test_compiled_files_match_their_sources(tmp_path):
    for ts in I18N.glob("*.ts"):
        subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(tmp_path / ts.with_suffix(".qm").name)],
                       check=True)
        assert (tmp_path / ts.with_suffix(".qm").name).read_bytes() == ts.with_suffix(".qm").read_bytes(), (
            f"{ts.name} changed since it was compiled: run scripts/translations.sh")


def test_no_tr_call_hides_inside_an_f_string():
    """lupdate cannot see a tr() inside an f-string: its text would never be translated."""
    for path in sources():
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", "")) in (
                            "tr", "translate", "QT_TRANSLATE_NOOP"):
                        pytest.fail(f"{path}:{inner.lineno}: tr() inside an f-string")


def no_tofu(text: str, font: QFont) -> bool:
    """Every glyph Qt picks for `text` exists in its font (glyph 0 is the empty box)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    return bool(runs) and all(0 not in run.glyphIndexes() for run in runs)


@pytest.mark.parametrize("lang, words", [("hi", ["दाईं आँख (OD)", "फ़ोटो जोड़ें…", "स्वागत है। आज का कैंप शुरू करें"]),
                                         ("es", ["OJO DERECHO (OD)", "Añadir foto…", "Bienvenido. Inicie la campaña de hoy"])])
def test_window_speaks_the_language(make_window, qtbot, tiny_bundle, lang, words):
    window = make_window(tiny_bundle, language=lang)
    window.camp_screen.site.setText("PHC Kottur")
    window.camp_screen.operator.setText("Asha")
    window.camp_screen.start.click()
    window.patients_screen.add_button.click()
    form = window.patient_form
    form.code.setText("P-1")
    form.name.setText("Ravi")
    form.age.setText("54")
    form.sex.setCurrentIndex(2)
    form.save_button.click()
    shown = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton) if w.text()]
    shown += [a.text() for a in window.menuBar().actions()]
    for word in words:
        assert any(word in text for text in shown), word
    english = {"Add photo…", "From camera folder", "No photo yet", "&File", "&Help", "Save notes", "Start camp ▶",
               "PATIENT RESULT (the worse eye decides)", "Referral slip (PDF)…", "◀ Patient list"}
    assert not english & set(shown)
    for text in shown:
        assert no_tofu(text, window.font()), text


def test_devanagari_renders_from_the_bundled_font(qapp):
    i18n.install("hi")
    try:
        assert "Lohit Devanagari" in i18n.QFontDatabase.families(i18n.QFontDatabase.WritingSystem.Devanagari)
        assert no_tofu("डायबिटिक रेटिनोपैथी जाँच: रेफ़रल पर्ची", QFont())
    finally:
        i18n.install("en")


def test_language_setting_default_and_choice(make_window, tiny_bundle, qapp, message_boxes):
    assert i18n.system_language("hi_IN") == "hi" and i18n.system_language("es_AR") == "es"
    assert i18n.system_language("ta_IN") == "en"  # a language the app does not speak
    window = make_window(tiny_bundle, language=None)
    assert window.language == i18n.system_language() and window.language_actions[None].isChecked()
    window.language_actions["es"].trigger()
    assert Preferences.load(window.store.data_dir).language == "es"
    now = shown_window(qapp)  # at once, no restart
    assert now is not window and not window.isVisible() and now.language == "es"
    assert now.language_actions["es"].isChecked() and not message_boxes
    now.close()
    now.store.close()
    again = make_window(tiny_bundle, language=None)  # the same data folder: the saved choice wins
    assert again.language == "es" and again.language_actions["es"].isChecked()
    assert again.patient_screen.panels["right"].browse.text() == "Añadir foto…"


def shown_window(qapp):
    from desktop.ui.main_window import MainWindow

    (window,) = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return window


def test_language_changes_at_once_where_the_technician_is(make_window, qtbot, qapp, tiny_bundle, raw_photos):
    """Hindi chosen while a photo is being graded and notes are typed: the same patient comes back in
    Hindi, the photo's result saved and shown, the notes still there."""
    from test_desktop_ui import register, start_camp

    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-1", "Ravi")
    patient = window.patient_screen.patient
    window.patient_screen.add_photos("right", [str(raw_photos[1])])
    window.patient_screen.notes.setPlainText("मोतियाबिंद")
    window.language_actions["hi"].trigger()
    hindi = shown_window(qapp)
    assert hindi.stack.currentWidget() is hindi.patient_screen and hindi.patient_screen.patient["id"] == patient["id"]
    assert hindi.patient_screen.notes.toPlainText() == "मोतियाबिंद"
    assert len(hindi.store.patient_results(patient["id"])["right"]) == 1  # graded before the switch, saved
    panel = hindi.patient_screen.panels["right"]
    assert panel.status.text() in {i18n.tr_grade(g) for g in (None, 0, 1, 2, 3, 4)}
    assert panel.browse.text() == "फ़ोटो जोड़ें…" and hindi.windowTitle() == "dr-screen"
    assert hindi.camp_screen.site.text() == "PHC Kottur"


@pytest.mark.parametrize("lang, expected", [("es", "Revisión de los ojos por diabetes: su resultado"),
                                           ("hi", "Sita · 50 साल")])
def test_referral_slip_in_the_language(tiny_bundle, raw_photos, tmp_path, credentials, lang, expected):
    from conftest import open_test_store
    from desktop.grading import grade_and_ingest, model_label
    from fundus.grader import Grader

    grader = Grader(tiny_bundle)
    data = tmp_path / "data"
    with open_test_store(data) as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-02-14")
        patient = store.add_patient(camp["id"], "KT-7", "Sita", 50, "female")
        for eye, photo in zip(("right", "left"), raw_photos[:2]):
            graded = grade_and_ingest(grader, store.files, photo)
            store.record_graded_photo(graded.stored, photo.name, graded.result, *model_label(grader),
                                      patient_id=patient["id"], eye=eye, overlay_png=graded.overlay_png)
    out = tmp_path / "slip.pdf"
    proc = subprocess.run([sys.executable, "-m", "desktop", "referral", "--patient", "KT-7", "--out", str(out),
                           "--data-dir", str(data), "--language", lang], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert expected.lower() in text.lower() and "KT-7" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert ("Lohit-Devanagari" in fonts) == (lang == "hi")
