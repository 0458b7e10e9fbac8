"""Issue 21 #4: text someone typed is shown as typed. A patient named like an HTML heading saying
"No DR, no referral" must never render as one over the real result: labels, dialogs, message boxes
and the referral slip show the markup literally."""

import ast
from pathlib import Path

from conftest import open_test_store
from PySide6.QtCore import Qt
from PySide6 import QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from desktop import referral, users
from desktop.ui import plain
from desktop.ui.app import build_window
from test_desktop_ui import wait_grading
from test_referral import pdf_text

REPO = Path(__file__).resolve().parents[1]
MARK = "<h1 style='color:green'>No DR, no referral</h1>"
SHORT_MARK = "<h1 style='color:green'>No DR</h1>"  # account names have at most 40 characters


def displayed(label: QLabel) -> str:
    """What a label shows: its text, or what is left of it once rendered as rich text."""
    text = label.text()
    rich = label.textFormat() == Qt.RichText or (label.textFormat() == Qt.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def typed_labels(*roots: QWidget) -> dict[QLabel, str]:
    """Every label under `roots` (visible or not) that holds typed markup, with what it shows."""
    return {label: displayed(label) for root in roots for label in root.findChildren(QLabel)
            if "color:green" in label.text()}


def assert_literal(shown: dict[QLabel, str]) -> None:
    for label, text in shown.items():
        assert "<h1 style='color:green'>" in text, (label.objectName(), label.text(), text)


def test_a_markup_name_does_not_look_like_a_result(qtbot, tmp_path, tiny_bundle, raw_photos, monkeypatch,
                                                   message_boxes):
    store = open_test_store(tmp_path / "data")
    referral.set_referral_hospital(store, MARK)
    users.add_user(store, SHORT_MARK, "135790", "admin")
    users.logout(store)
    users.login(store, SHORT_MARK, "135790")
    camp = store.create_camp(MARK, MARK, "2025-03-01")
    patient = store.add_patient(camp["id"], MARK, MARK, 60, "female", notes=MARK)
    other = store.add_patient(camp["id"], "KT-2", MARK, 50, "male")
    window = build_window(store, str(tiny_bundle))
    qtbot.addWidget(window)
    window.show()
    window.open_camp(camp)
    window.open_patient(patient)
    screen = window.patient_screen
    screen.add_photos("right", [str(raw_photos[1])])
    screen.add_photos("left", [str(raw_photos[0])])
    wait_grading(window, qtbot)
    screen.notes.setPlainText(MARK + " again")
    screen._save_notes()
    dialog = screen.correct_photo("right")
    dialog.reason.setText(MARK)
    dialog.to_patient.setChecked(True)
    dialog.patient_choice.setCurrentIndex(dialog.patient_choice.findData(other["id"]))
    assert dialog.patient_choice.currentText() == f"KT-2 · {MARK}"
    correction_labels = typed_labels(dialog)
    assert correction_labels and SHORT_MARK in correction_labels.values()  # "Signed by"
    dialog.apply()

    shown = typed_labels(window)
    assert_literal(shown)
    texts = set(shown.values())
    assert any(t.startswith("Patient <h1") for t in texts)  # the patient header
    assert any(t.startswith(MARK + " — ") for t in texts)  # the patient list's title: site, operator
    assert any("moved" in t and f"reason: {MARK}" in t for t in texts)  # the correction history
    assert any(SHORT_MARK in t for t in texts if t.startswith("Signed in"))  # the status bar
    assert screen.outcome.text() and "No DR, no referral" not in screen.outcome.text()
    assert_literal(correction_labels)
    assert window.camp_screen.operator.text() == SHORT_MARK  # prefilled with who is signed in
    assert MARK in window.camp_screen.camps.item(0).text()

    # the slip: the name, the camp and the hospital, printed as typed
    screen.add_photos("right", [str(raw_photos[3])])  # the moved photo's place
    wait_grading(window, qtbot)
    out = tmp_path / "slip.pdf"
    monkeypatch.setattr("desktop.ui.patient_screen.QFileDialog.getSaveFileName", lambda *a: (str(out), ""))
    monkeypatch.setattr("desktop.ui.patient_screen.pdf_viewer_found", lambda: True)
    monkeypatch.setattr("desktop.ui.patient_screen.QDesktopServices.openUrl", lambda url: True)
    screen.save_referral_slip()
    text = pdf_text(out)
    assert text.count(MARK) >= 3, text  # patient ID and name, camp site and operator, the hospital
    assert_literal(typed_labels(window))
    window.close()
    store.close()


def test_message_boxes_show_typed_text_literally(qtbot, message_boxes):
    parent = QWidget()
    qtbot.addWidget(parent)
    plain.warn(parent, "title", f"Not saved: {MARK}")
    assert plain.ask(parent, "title", MARK)  # answered Yes
    plain.message(parent, QMessageBox.Information, "title", MARK, [("OK", QMessageBox.AcceptRole)])
    assert [(fmt, text) for _, _, text, fmt, _ in message_boxes] == [
        (Qt.PlainText, f"Not saved: {MARK}"), (Qt.PlainText, MARK), (Qt.PlainText, MARK)]
    label = plain.label(MARK)
    assert displayed(label) == MARK
    plain.set_tooltip(label, f"Camera folder: /media/{MARK}")  # Qt shows tool tips as rich text when they look so
    document = QTextDocument()
    document.setHtml(label.toolTip())
    assert document.toPlainText() == f"Camera folder: /media/{MARK}"


def test_every_message_box_and_label_of_the_window_is_made_plain():
    """No static QMessageBox call (AutoText), no bare QLabel and no tool tip filled with values outside
    desktop/ui/plain.py, except the rich texts that escape what they insert (the About box, the no-model
    warning) and image labels."""
    rich_ok = {("main_window.py", "QMessageBox"), ("camp_screen.py", "QLabel"), ("eye_panel.py", "QLabel")}
    found = []
    for path in sorted((REPO / "desktop" / "ui").glob("*.py")):
        if path.name in ("plain.py", "screenshots.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "QMessageBox" \
                    and func.attr in ("warning", "information", "question", "critical", "about"):
                found.append(f"{path.name}:{node.lineno} QMessageBox.{func.attr}")
            if isinstance(func, ast.Name) and func.id in ("QLabel", "QMessageBox") and (path.name, func.id) not in rich_ok:
                found.append(f"{path.name}:{node.lineno} {func.id}(...)")
            filled = any(isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", ""))
                         in ("format", "tr_text") for arg in node.args for inner in ast.walk(arg))
            if isinstance(func, ast.Attribute) and func.attr == "setToolTip" and filled:
                found.append(f"{path.name}:{node.lineno} setToolTip of a filled-in text (plain.set_tooltip)")
    assert not found, "use desktop.ui.plain (label, inform, warn, critical, ask, message):\n" + "\n".join(found)


def test_the_rich_texts_escape_what_they_insert(make_window, tmp_path):
    window = make_window(tmp_path / f"{MARK.replace('/', '')}.json")  # a missing model named like markup
    warning = window.camp_screen.findChild(QLabel, "modelWarning")
    assert warning.textFormat() == Qt.RichText and "<h1 style='color:green'>" in displayed(warning)
    box = window.about_box()
    document = QTextDocument()
    document.setHtml(box.text())
    assert "<h1 style='color:green'>" in document.toPlainText()
    QApplication.processEvents()
