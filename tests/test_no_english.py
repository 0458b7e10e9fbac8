"""Issue 19 #3: with the window in Hindi (or Spanish) no English sentence is left. Every visible string of
every screen and dialog we can reach (labels, buttons, menus, tool tips, placeholders, lists, tables,
message boxes, window titles), the model's caution and the referral slip (read back with pdftotext)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import TEST_PIN
from PySide6.QtCore import Qt
from PySide6 import QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QGroupBox, QLabel, QLineEdit, QListWidget,
                               QMenu, QPlainTextEdit, QProgressBar, QTableWidget, QWidget)

from desktop import referral
from desktop.ui import i18n, plain
from desktop.ui.login import RecoverDialog, RecoveryKeyDialog, SetupDialog, UnlockDialog
from test_desktop_ui import cautioned_bundle, dark_copy, wait_grading
from test_referral import pdf_text

REPO = Path(__file__).resolve().parents[1]
# Latin words a Hindi screen may show: names (the app, the model), abbreviations a technician knows
# (as in every Indian eye camp), units and file types; everything else in Latin letters is English.
ALLOWED = {"dr", "screen", "DR", "NPDR", "PHC", "db", "OD", "OS", "ID", "PIN", "CSV", "PDF", "JPEG", "USB", "AUC", "UTC", "px",
           "dstok", "https", "hub", "example", "org", "ABCD", "EFGH", "jpg", "jpeg", "png", "tif", "tiff", "bmp",
           "json", "pub", "csv", "pdf"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Words of English that Spanish never uses: one of them in a Spanish text is English left behind.
ENGLISH_ONLY = re.compile(r"\b(the|and|of|is|with|your|you|for|this|that|are|was|were|has|have|will|not|photo|"
                          r"eye|patient|model|please|grade|refer|sync|save|cancel)\b", re.IGNORECASE)
SITE, NAME, HOSPITAL = "कोट्टूर", "रवि कुमार", "ज़िला नेत्र अस्पताल, मेलूर"


def html_text(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def shown_text(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.RichText or (label.textFormat() == Qt.AutoText and QtGui.Qt.mightBeRichText(text)):
        return html_text(text)
    return text


def menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""]
        if action.menu():
            texts += menu_texts(action.menu())
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """Every string `root` shows (or would, once shown), its tool tips and menus included."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        tip = widget.toolTip()
        texts.append(html_text(tip) if QtGui.Qt.mightBeRichText(tip) else tip)
        if isinstance(widget, QLabel):
            texts.append(shown_text(widget))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            texts += [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())]
            texts += [widget.item(r, c).text() for r in range(widget.rowCount()) for c in range(widget.columnCount())
                      if widget.item(r, c)]
        elif isinstance(widget, QProgressBar) and widget.isTextVisible():
            texts.append(widget.text())
        elif isinstance(widget, QMenu):
            texts += menu_texts(widget)
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            texts += menu_texts(action.menu())
    return [t for t in texts if t and t.strip()]


class Seen:
    """Texts seen, with where; data the test typed (names, paths, the model's name) taken out first."""

    def __init__(self, lang: str):
        self.lang, self.texts, self.data = lang, [], []

    def add(self, where: str, texts) -> None:
        self.texts += [(where, t) for t in texts]

    def english(self, text: str) -> list[str]:
        for data in sorted(self.data, key=len, reverse=True):
            text = text.replace(data, " ")
        if self.lang == "hi":
            return [w for w in LATIN_WORD.findall(text) if w not in ALLOWED]
        return ENGLISH_ONLY.findall(text) + [s for s in ENGLISH_SOURCES if s in text]

    def problems(self) -> list[str]:
        return [f"{where}: {text!r} ({', '.join(found)})" for where, text in self.texts
                if (found := self.english(text))]


def english_sources() -> list[str]:
    """The app's English sentences (3 words or more) whose Spanish differs: none may show in Spanish."""
    sources = []
    for message in ET.parse(REPO / "desktop" / "i18n" / "dr-screen_es.ts").iter("message"):
        source, translation = message.find("source").text, message.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if len(source.split()) >= 3 and source not in forms and "{" not in source and "%" not in source:
            sources.append(source)
    return sources


ENGLISH_SOURCES = english_sources()


@pytest.mark.parametrize("lang", ["hi", "es"])
def test_no_english_sentence_is_left(lang, make_window, qtbot, qapp, tiny_bundle, raw_photos, tmp_path, monkeypatch,
                                     sign_as_publisher, message_boxes):
    seen = Seen(lang)
    dialogs = []

    def exec_dialog(dialog):  # every dialog the window opens modally: read, then closed
        seen.add(type(dialog).__name__, visible_texts(dialog))
        dialogs.append(type(dialog).__name__)
        return QDialog.Rejected

    monkeypatch.setattr(QDialog, "exec", exec_dialog)
    monkeypatch.setattr("desktop.ui.admin.QFileDialog.getOpenFileName", lambda *a: ("", ""))
    window = make_window(cautioned_bundle(tiny_bundle, tmp_path / "models", sign_as_publisher), language=lang)
    store = window.store
    referral.set_referral_hospital(store, HOSPITAL)
    seen.data += [store.user["name"], window.bundle.name, window.bundle.version, window.bundle.mode,
                  str(store.data_dir), str(tmp_path), *i18n.LANGUAGE_NAMES.values()] + [p.name for p in raw_photos]
    assert window.warning_label.isVisible()
    seen.add("camp", visible_texts(window))

    window.camp_screen.site.setText(SITE)
    window.camp_screen.start.click()
    seen.add("patients (empty)", visible_texts(window))
    window.patients_screen.add_button.click()
    form = window.patient_form
    form.save()  # empty: says what is missing
    assert form.error.text()
    seen.add("new patient", visible_texts(form))
    form.code.setText("१०२")
    form.name.setText(NAME)
    form.age.setText("54")
    form.sex.setCurrentIndex(2)
    form.save()
    screen = window.patient_screen
    left_named = next(p for p in raw_photos if p.stem.endswith("_left"))
    screen.add_photos("right", [str(left_named)])  # a file named for the other eye: a notice
    screen.add_photos("left", [str(raw_photos[2])])
    wait_grading(window, qtbot)
    seen.add("patient graded", visible_texts(window))
    details = screen.show_details("right")
    seen.add("details", visible_texts(details))
    details.close()
    correction = screen.correct_photo("right")
    seen.add("correction", visible_texts(correction))
    correction.reject()

    out = tmp_path / "slip.pdf"
    monkeypatch.setattr("desktop.ui.patient_screen.QFileDialog.getSaveFileName", lambda *a: (str(out), ""))
    monkeypatch.setattr("desktop.ui.patient_screen.pdf_viewer_found", lambda: False)  # and its message
    screen.save_referral_slip()
    seen.add("after the slip", visible_texts(window))
    seen.add("slip", [pdf_text(out)])

    screen.camera_folder = str(tmp_path / "card")  # nothing new there: the message offers another folder
    seen.data += [str(out), screen.camera_folder]
    screen.panels["left"].camera.click()
    window.show_patients()
    window.patients_screen.add_button.click()
    window.patient_form.code.setText("१०३")
    window.patient_form.name.setText(NAME)
    window.patient_form.age.setText("60")
    window.patient_form.sex.setCurrentIndex(1)
    window.patient_form.save()
    screen.add_photos("right", [str(dark_copy(raw_photos[1], tmp_path / "IMG_1.JPG", 0.1))])
    screen.add_photos("left", [str(dark_copy(raw_photos[0], tmp_path / "IMG_2.JPG", 0.1))])
    wait_grading(window, qtbot)
    seen.add("ungradable", visible_texts(window))
    screen.add_photos("right", [str(dark_copy(raw_photos[1], tmp_path / "IMG_3.JPG", 0.08))])
    wait_grading(window, qtbot)
    seen.data += ["IMG_1.JPG", "IMG_2.JPG", "IMG_3.JPG"]
    seen.add("ungradable after a retake", visible_texts(window))
    message_boxes.answers.append(i18n.tr_text(plain.NO))
    window.delete_patient(screen.patient)
    window.show_patients()
    seen.add("patient list", visible_texts(window))

    window.export_photos()  # the CSV warning, then the camps' dates (closed)
    for action in window.admin_menu.actions:  # every administrator's dialog
        action.trigger()
    window.sync_menu.settings_action.trigger()
    about = window.about_box()
    seen.add("about", [html_text(about.text())] + [b.text() for b in about.buttons()])
    window.lock("")
    seen.add("locked", visible_texts(window) + visible_texts(window.login_dialog))
    window.login_dialog.pin.setText(TEST_PIN)
    window.login_dialog.ok_button.click()
    assert {"UsersDialog", "HospitalDialog", "PassphraseDialog", "QInputDialog"} <= set(dialogs)

    for dialog in (SetupDialog(tmp_path / "new"), RecoveryKeyDialog("ABCD-EFGH"), UnlockDialog(tmp_path / "new"),
                   RecoverDialog(tmp_path / "new")):
        qtbot.addWidget(dialog)
        seen.add(type(dialog).__name__, visible_texts(dialog))
    for _, title, text, _, buttons in message_boxes:
        seen.add("message box", [title, text, *buttons])

    assert len(message_boxes) >= 5 and len(seen.texts) > 300  # the walk saw the app, not a stub
    problems = seen.problems()
    assert not problems, f"{len(problems)} English texts in the {lang} window:\n" + "\n".join(problems)
    titles = [t for where, t in seen.texts if t == window.windowTitle()]
    assert titles and (lang != "hi" or window.windowTitle() == "dr-screen")  # Latin: the title bar's font
