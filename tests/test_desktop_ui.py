"""The window, driven like a technician would, offscreen on real camera photos."""

import csv
import itertools
import math
from pathlib import Path

import pytest
from conftest import open_test_store
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from desktop.store import StoreError

REPO_ROOT = Path(__file__).resolve().parents[1]

HYPERLINK = '=HYPERLINK("http://x","y")'


def start_camp(window, qtbot):
    screen = window.camp_screen
    screen.site.setText("PHC Kottur")
    screen.operator.setText("Asha")
    qtbot.mouseClick(screen.start, Qt.LeftButton)
    assert window.stack.currentWidget() is window.patients_screen


def register(window, qtbot, code, name, age="54", sex="male"):
    qtbot.mouseClick(window.patients_screen.add_button, Qt.LeftButton)
    form = window.patient_form
    form.code.setText(code)
    form.name.setText(name)
    form.age.setText(age)
    form.sex.setCurrentIndex(form.sex.findData(sex))
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    return form


def drop(panel, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    panel.dropEvent(event)


def wait_grading(window, qtbot):
    qtbot.waitUntil(lambda: not window.queue.busy(), timeout=60_000)


def rows(store, sql):
    return list(store.db.query(sql))


def test_whole_workflow(make_window, qtbot, tiny_bundle, raw_photos, tmp_path, monkeypatch, message_boxes):
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)

    form = register(window, qtbot, "P-001", HYPERLINK, age="two")
    assert "whole number" in form.error.text() and form.isVisible()
    form.age.setText("54")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert not form.isVisible()
    screen = window.patient_screen
    assert window.stack.currentWidget() is screen and "P-001" in screen.header.text()

    right, left = raw_photos[0], raw_photos[1]
    drop(screen.panels["right"], right)
    screen.add_photos("left", [str(left)])
    assert "Grading" in screen.panels["left"].status.text()  # shown at once, graded in the background
    wait_grading(window, qtbot)

    photos = rows(window.store, "SELECT * FROM photos ORDER BY eye")
    results = rows(window.store, "SELECT * FROM results")
    patient = rows(window.store, "SELECT * FROM patients")[0]
    assert [(p["eye"], p["original_name"], p["patient_id"]) for p in photos] == [
        ("left", left.name, patient["id"]), ("right", right.name, patient["id"])]
    assert len(results) == 2 and {r["model_version"] for r in results} == {window.bundle.version}
    assert all(r["sync_state"] == "pending" for r in photos + results)
    for eye in ("right", "left"):
        status = screen.panels[eye].status.text()
        assert status in ("No DR", "Mild", "Moderate", "Severe NPDR", "Proliferative DR", "UNGRADABLE")
    assert screen.outcome.text() and screen.advice_text.text()

    # the same photo again: recognised, not graded or stored twice
    screen.add_photos("right", [str(right)])
    assert not window.queue.busy()
    assert len(rows(window.store, "SELECT id FROM photos")) == 2

    # notes, then back to the list, which shows the outcome
    screen.notes.setPlainText("cataract left eye")
    qtbot.mouseClick(screen.save_notes, Qt.LeftButton)
    assert window.store.get_patient(patient["id"])["notes"] == "cataract left eye"
    window.show_patients()
    table = window.patients_screen.table
    assert table.rowCount() == 1 and table.item(0, 1).text() == HYPERLINK

    # a duplicate ID is refused with a clear message
    dup = register(window, qtbot, "P-001", "Someone Else")
    assert "already registered" in dup.error.text()
    dup.reject()

    # export through the menu action (file dialog and message box answered here)
    out = tmp_path / "patients.csv"
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().accept())  # "only the open camp", OK
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, filt: offered.append(start)
                        or (str(out), ""))
    window.export_patients()
    warned, told = message_boxes.texts()
    assert "NOT encrypted" in warned  # said before the file is written
    camp = window.patients_screen.camp
    assert Path(offered[0]).name == f"patients-PHC_Kottur-{camp['date']}.csv"
    assert REPO_ROOT not in Path(offered[0]).parents  # never the program's own folder
    assert told == f"1 row written to {out}"
    assert window.folders.get("export") == str(out.parent)
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    (row,) = list(csv.DictReader(text.decode("utf-8-sig").splitlines()))
    assert row["name"] == "'" + HYPERLINK
    assert row["patient_id"] == "P-001" and row["camp_site"] == "PHC Kottur" and row["notes"] == "cataract left eye"
    right_result = window.store.result_for(window.store.photos(patient["id"], "right")[0]["id"])
    assert row["right_grade_name"] == right_result["grade_name"]
    assert row["outcome"] == screen.outcome.text().split("  ", 1)[1]
    assert row["advice"] == screen.advice_text.text()
    assert window.bundle.version in window.about_text()


def test_bad_photos_are_explained_not_stored(make_window, qtbot, tiny_bundle, raw_photos, tmp_path):
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(raw_photos[0].read_bytes()[:5000])  # camera card pulled out mid-write
    screen.add_photos("right", [str(broken)])
    wait_grading(window, qtbot)
    right, left = screen.panels["right"], screen.panels["left"]
    assert right.error.isVisibleTo(window) and right.status.text() == "No photo yet"
    assert "Photo not used" in right.error.text() and "broken.jpg" in right.error.text()
    assert "Choose another photo" in right.error.text()
    assert rows(window.store, "SELECT id FROM photos") == []

    # the other eye failing too must not wipe the first eye's message
    screen.add_photos("left", [str(tmp_path / "IMG_404.JPG")])
    wait_grading(window, qtbot)
    assert "IMG_404.JPG: file not found" in left.error.text() and "broken.jpg" in right.error.text()
    assert "Errno" not in left.error.text()

    # a good photo clears only its own eye's message
    screen.add_photos("left", [str(raw_photos[2])])
    wait_grading(window, qtbot)
    assert not left.error.isVisibleTo(window) and right.error.isVisibleTo(window)

    # a photo already saved for another patient is refused before grading
    window.show_patients()
    register(window, qtbot, "P-002", "Sita", sex="female")
    screen.add_photos("right", [str(raw_photos[2])])
    assert not window.queue.busy()
    assert "already saved for another patient or eye (left eye)" in screen.panels["right"].error.text()


def test_cancel_keeps_window_responsive(make_window, qtbot, tiny_bundle, raw_photos):
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.add_photos("right", [str(p) for p in raw_photos[:8]])
    assert screen.cancel.isVisibleTo(window)
    qtbot.mouseClick(screen.cancel, Qt.LeftButton)
    wait_grading(window, qtbot)
    graded = len(rows(window.store, "SELECT id FROM results"))
    assert 1 <= graded < 8  # the running photo finished and was saved; the queued ones were dropped
    assert not screen.cancel.isVisibleTo(window)


def test_without_a_model_records_still_work(make_window, qtbot, tmp_path):
    window = make_window(tmp_path / "missing.json")
    assert window.queue is None
    warning = window.camp_screen.findChild(type(window.model_label), "modelWarning")
    assert "No grading model" in warning.text() and "missing.json" in warning.text()
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    assert window.stack.currentWidget() is window.patient_screen
    assert not window.patient_screen.panels["right"].browse.isEnabled()
    assert "No grading model" in window.about_text()


def test_second_instance_is_refused(make_window, tiny_bundle, tmp_path):
    make_window(tiny_bundle)
    with pytest.raises(StoreError, match="already running"):
        open_test_store(tmp_path / "data")


def test_ungradable_photo_asks_for_a_retake(make_window, qtbot, tiny_bundle, raw_photos, tmp_path):
    import cv2

    dark = tmp_path / "IMG_dark.jpg"
    bgr = cv2.imread(str(raw_photos[0]), cv2.IMREAD_REDUCED_COLOR_2)
    cv2.imwrite(str(dark), (bgr * 0.1).astype("uint8"))  # flash did not fire
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.add_photos("right", [str(dark)])
    screen.add_photos("left", [str(raw_photos[0])])
    wait_grading(window, qtbot)
    panel = screen.panels["right"]
    assert panel.status.text() == "UNGRADABLE"
    assert not panel.retake.isHidden() and "RETAKE" in panel.retake.text() and "too dark" in panel.retake.text()
    patient = window.patient_screen.patient
    left_grade = window.store.result_for(window.store.photos(patient["id"], "left")[0]["id"])["grade"]
    if left_grade < 2:  # worst eye: ungradable outranks no/mild DR, a confirmed moderate+ outranks it
        assert "UNGRADABLE: retake now" in screen.outcome.text() and "Retake" in screen.advice_text.text()
    else:
        assert "REFER" in screen.outcome.text()

    screen.add_photos("right", [str(raw_photos[1])])  # the retake
    wait_grading(window, qtbot)
    assert panel.retake.isHidden() and panel.status.text() != "UNGRADABLE"
    assert "Eye result from 2 photos" in panel.count.text()
    assert "UNGRADABLE" not in screen.outcome.text()


def dark_copy(photo, out, factor):
    import cv2

    bgr = cv2.imread(str(photo), cv2.IMREAD_REDUCED_COLOR_2)
    cv2.imwrite(str(out), (bgr * factor).astype("uint8"))  # the flash did not fire
    return out


def test_a_failed_retake_says_refer_not_retake(make_window, qtbot, tiny_bundle, raw_photos, tmp_path):
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.add_photos("right", [str(dark_copy(raw_photos[1], tmp_path / "IMG_1.JPG", 0.1))])
    screen.add_photos("left", [str(dark_copy(raw_photos[0], tmp_path / "IMG_2.JPG", 0.1))])
    wait_grading(window, qtbot)
    assert "UNGRADABLE: retake now" in screen.outcome.text()
    screen.add_photos("right", [str(dark_copy(raw_photos[1], tmp_path / "IMG_3.JPG", 0.08))])  # the retake fails
    wait_grading(window, qtbot)
    right, left = screen.panels["right"], screen.panels["left"]
    assert right.status.text() == "UNGRADABLE" and "RETAKE" not in right.retake.text()
    assert "The retake is ungradable too" in right.retake.text() and "YES, within 1 month" in right.retake.text()
    assert "RETAKE" in left.retake.text()  # that eye still has its one retake
    assert "UNGRADABLE after a retake: REFER" in screen.outcome.text()
    assert "Refer to an eye doctor within 1 month" in screen.advice_text.text()
    assert screen.print_slip.isEnabled()


def test_import_from_camera_folder(make_window, qtbot, tiny_bundle, raw_photos, tmp_path, monkeypatch,
                                   message_boxes):
    import os
    import shutil

    card = tmp_path / "card"
    card.mkdir()
    shutil.copy(raw_photos[3], card / "IMG_0001.JPG")
    os.utime(card / "IMG_0001.JPG", (0, 0))  # written long ago: finished
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.camera_folder = str(card)
    qtbot.mouseClick(screen.panels["right"].camera, Qt.LeftButton)
    wait_grading(window, qtbot)
    (photo,) = window.store.photos(screen.patient["id"], "right")
    assert photo["original_name"] == "IMG_0001.JPG"
    qtbot.mouseClick(screen.panels["left"].camera, Qt.LeftButton)  # nothing new on the card: OK
    assert "No new photo in the camera folder" in message_boxes.texts()[-1]
    assert sorted(message_boxes[-1][4]) == ["Choose another folder…", "OK"]
    assert "No new photo in the camera folder" in screen.panels["left"].error.text()

    # every photo on that card is on record: another folder can be chosen from the same message
    other = tmp_path / "other-card"
    other.mkdir()
    shutil.copy(raw_photos[4], other / "IMG_0002.JPG")
    os.utime(other / "IMG_0002.JPG", (0, 0))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(other))
    message_boxes.answers.append("Choose another folder…")
    qtbot.mouseClick(screen.panels["left"].camera, Qt.LeftButton)
    wait_grading(window, qtbot)
    assert [p["original_name"] for p in window.store.photos(screen.patient["id"], "left")] == ["IMG_0002.JPG"]
    assert screen.camera_folder == str(other) and window.folders.get("camera") == str(other)
    assert not screen.panels["left"].error.isVisibleTo(window)


def test_model_warning_is_shown_above_every_screen(make_window, tiny_bundle, sign_as_publisher, tmp_path):
    # A publisher's caution (converter --warning) travels in the signed manifest: the window says it from
    # a translatable template filled with the manifest's own numbers (desktop/caution.py).
    window = make_window(cautioned_bundle(tiny_bundle, tmp_path / "models", sign_as_publisher))
    assert window.warning_label.isVisible()
    assert window.warning_label.text() == (
        "⚠ Screening support only: this model is not proven to decide referrals on its own. Tested on 931 eye "
        "photos from other cameras, it missed up to 11% of the eyes that needed an eye doctor, and also referred "
        "up to 92% of the eyes that did not. Have a grader read every photo.")
    assert window.warning_label.toolTip() == ("<qt>Referable-DR AUC on photo sets from other cameras (931 eyes): "
                                              "0.74, 0.77, 0.86.</qt>")
    assert "Caution" in window.about_text() and "931 eyes" in window.about_text()
    assert "EyePACS" not in window.about_text()  # the publisher's English text is for logs and the CLI


# The shipped model's numbers on photo sets from other cameras (models/dr-lite0-224.json, metrics.sets).
SETS = {"natural_test": {"n": 223, "referable_auc": 0.7358, "referable_sensitivity": 0.8919,
                         "referable_specificity": 0.2473},
        "eyepacs_holdout": {"n": 698, "referable_auc": 0.7737, "referable_sensitivity": 0.9724,
                            "referable_specificity": 0.0788},
        "camera": {"n": 10, "referable_auc": 0.8571, "referable_sensitivity": 1.0, "referable_specificity": 0.1429}}


def cautioned_bundle(tiny_bundle, folder, sign_as_publisher, sets=SETS):
    """The tiny bundle with the shipped model's caution and set metrics, signed again by the publisher."""
    import json
    import shutil

    manifest = json.loads(tiny_bundle.read_text())
    manifest["warning"] = "Experimental model: missed referable DR on EyePACS camera photos"
    manifest["metrics"]["sets"] = sets
    folder.mkdir()
    shutil.copy(tiny_bundle.with_name(manifest["model"]["file"]), folder)
    (folder / tiny_bundle.name).write_text(json.dumps(manifest))
    sign_as_publisher(folder / tiny_bundle.name)
    return folder / tiny_bundle.name


def test_wrong_eye_and_wrong_patient_are_corrected_on_the_record(make_window, qtbot, tiny_bundle, raw_photos):
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-002", "Sita", sex="female")
    sita = window.patient_screen.patient
    window.show_patients()
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    ravi = screen.patient
    screen.add_photos("right", [str(raw_photos[0])])
    wait_grading(window, qtbot)
    right = screen.panels["right"]
    assert right.correct.isEnabled() and not screen.panels["left"].correct.isEnabled()

    # the photo was of the left eye: move it, with the reason; the reason is required
    dialog = screen.correct_photo("right")
    assert dialog.to_other_eye.isChecked() and dialog.operator.text() == "asha"  # signed by who is signed in
    qtbot.mouseClick(dialog.apply_button, Qt.LeftButton)
    assert "Write why" in dialog.error.text() and dialog.isVisible()
    dialog.reason.setText("taken of the left eye")
    qtbot.mouseClick(dialog.apply_button, Qt.LeftButton)
    assert not dialog.isVisible()
    (photo,) = window.store.photos(ravi["id"])
    assert photo["eye"] == "left" and photo["version"] == 2 and photo["sync_state"] == "pending"
    assert right.status.text() == "No photo yet" and screen.panels["left"].status.text() != "No photo yet"
    assert "asha moved" in screen.history.text() and "taken of the left eye" in screen.history.text()
    assert "Not finished" in screen.outcome.text()  # the patient result follows

    # it was not even Ravi's: move it to Sita's left eye
    dialog = screen.correct_photo("left")
    dialog.to_patient.setChecked(True)
    dialog.patient_choice.setCurrentIndex(dialog.patient_choice.findData(sita["id"]))
    dialog.eye_choice.setCurrentIndex(dialog.eye_choice.findData("left"))
    dialog.reason.setText("photo of the next patient")
    qtbot.mouseClick(dialog.apply_button, Qt.LeftButton)
    assert window.store.photos(ravi["id"]) == [] and len(window.store.photos(sita["id"], "left")) == 1
    assert "moved" in screen.history.text() and "to another patient" in screen.history.text()
    corrections = rows(window.store, "SELECT * FROM photo_corrections ORDER BY created_at")
    assert [(c["action"], c["operator"], c["reason"]) for c in corrections] == [
        ("move", "asha", "taken of the left eye"), ("move", "asha", "photo of the next patient")]
    assert [e["user"] for e in rows(window.store, "SELECT user FROM audit_log WHERE action = 'correction'")] == [
        "asha", "asha"]
    assert len(rows(window.store, "SELECT id FROM results")) == 1  # nothing deleted


def test_result_says_what_the_grade_rests_on(make_window, qtbot, tiny_bundle, raw_photos, tmp_path,
                                             sign_as_publisher):
    import json
    import shutil

    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.add_photos("right", [str(raw_photos[0])])
    wait_grading(window, qtbot)
    panel = screen.panels["right"]
    result = window.store.result_for(window.store.photos(screen.patient["id"], "right")[0]["id"])
    assert panel.status.text() == result["grade_name"]
    assert panel.likelihood.text() == "Likelihood of referable DR: not available for this model"
    assert f"{result['score']:.2f}" in panel.basis.text() and "combined score" in panel.basis.text()
    assert not panel.findChildren(type(window.patient_screen.progress))  # no head bars in the result itself
    details = screen.show_details("right")
    text = " ".join(label.text() for label in details.findChildren(QLabel))
    assert f"{result['heads']['regression']:.3f}" in text and "Cut points" in text and "not the result" in text
    bars = [bar.value() for bar in details.findChildren(type(window.patient_screen.progress))]
    assert bars == [round(100 * p) for p in result["probabilities"]]
    details.close()
    window.close()
    window.store.close()

    # a bundle with a calibrated likelihood shows it, as a percentage of the stored value
    manifest = json.loads(tiny_bundle.read_text())
    manifest["combiner"]["referable_probability"] = {"slope": 2.0, "intercept": -3.0}
    manifest["version"] += "-calibrated"
    models = tmp_path / "calibrated"
    models.mkdir()
    shutil.copy(tiny_bundle.with_suffix(".tflite"), models)
    (models / tiny_bundle.name).write_text(json.dumps(manifest))
    sign_as_publisher(models / tiny_bundle.name)
    window = make_window(models / tiny_bundle.name, data_dir=tmp_path / "data2")
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    window.patient_screen.add_photos("right", [str(raw_photos[0])])
    wait_grading(window, qtbot)
    stored = window.store.result_for(window.store.photos(window.patient_screen.patient["id"], "right")[0]["id"])
    assert stored["referable_probability"] == pytest.approx(1 / (1 + math.exp(-(2.0 * stored["score"] - 3.0))))
    assert (window.patient_screen.panels["right"].likelihood.text()
            == f"Likelihood of referable DR: {100 * stored['referable_probability']:.0f}\u00a0%")  # never wraps


def screening_bundle(tiny_bundle, photos, folder, sign_as_publisher):
    """The tiny bundle with cut points that grade `photos` No DR and a referral threshold
    (the screening point) below all their scores: each is referred with its grade kept."""
    import json
    import shutil

    from fundus.grader import Grader

    scores = [Grader(tiny_bundle).grade_path(photo).score for photo in photos]
    manifest = json.loads(tiny_bundle.read_text())
    manifest["combiner"].update(cut_points=[max(scores) + k for k in (1, 2, 3, 4)], referral_threshold=min(scores) - 0.01)
    manifest["version"] += "-screening"
    folder.mkdir()
    shutil.copy(tiny_bundle.with_suffix(".tflite"), folder)
    (folder / tiny_bundle.name).write_text(json.dumps(manifest))
    sign_as_publisher(folder / tiny_bundle.name)
    return folder / tiny_bundle.name


def grade_both_eyes(window, qtbot, right, left):
    screen = window.patient_screen
    screen.add_photos("right", [str(right)])
    wait_grading(window, qtbot)
    screen.add_photos("left", [str(left)])
    wait_grading(window, qtbot)
    return screen


def test_an_eye_over_the_referral_threshold_is_referred_and_says_why(make_window, qtbot, tiny_bundle, raw_photos,
                                                                     tmp_path, sign_as_publisher):
    """A bundle whose screening point sits below the moderate cut point: the photo keeps
    its grade (No DR here) and is referred, and the window says why."""
    window = make_window(screening_bundle(tiny_bundle, raw_photos[:2], tmp_path / "screening", sign_as_publisher))
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = grade_both_eyes(window, qtbot, *raw_photos[:2])
    stored = window.store.result_for(window.store.photos(screen.patient["id"], "right")[0]["id"])
    assert (stored["grade"], stored["referable"]) == (0, True)
    panel = screen.panels["right"]
    assert panel.status.text() == "No DR"
    assert "screening threshold" in panel.refer.text() and panel.refer.text().startswith("Refer to eye doctor: YES")
    assert "REFER: possible DR, to be confirmed" in screen.outcome.text()
    details = screen.show_details("right")
    assert "Referral threshold" in " ".join(label.text() for label in details.findChildren(QLabel))
    details.close()


@pytest.mark.parametrize("size, lang", [((1280, 720), "en"), ((1280, 720), "hi"), ((1280, 720), "es"),
                                        ((1920, 1080), "en")])
def test_patient_screen_has_no_overlaps(make_window, qtbot, tiny_bundle, raw_photos, tmp_path, size, lang,
                                        sign_as_publisher):
    """The model's caution on top, one eye graded with an error and a file named for the other eye, one
    ungradable with its retake box, in each language: nothing overlaps and every text is fully shown
    (a screenshot is saved for review)."""
    import cv2
    import json
    import shutil

    manifest = json.loads(tiny_bundle.read_text())
    manifest["warning"] = ("Experimental model: it refers most patients from other cameras and misses some "
                           "referable DR; an eye doctor must review every result.")
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(tiny_bundle.with_suffix(".tflite"), models)
    (models / tiny_bundle.name).write_text(json.dumps(manifest))
    sign_as_publisher(models / tiny_bundle.name)
    dark = tmp_path / "IMG_dark.jpg"
    cv2.imwrite(str(dark), (cv2.imread(str(raw_photos[0]), cv2.IMREAD_REDUCED_COLOR_2) * 0.1).astype("uint8"))
    window = make_window(models / tiny_bundle.name, language=lang)
    window.resize(*size)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.add_photos("right", [str(raw_photos[0])])
    screen.add_photos("left", [str(raw_photos[1]), str(dark)])
    wait_grading(window, qtbot)
    screen.show_job_error("right", "IMG_0042.JPG: the photo is incomplete (truncated file); copy it again")
    qtbot.wait(50)
    window.grab().save(str(tmp_path / f"patient-{size[0]}x{size[1]}-{lang}.png"))
    assert window.width() <= size[0] and window.height() <= size[1]
    for label in (window.warning_label, screen.header, screen.outcome, screen.advice_text):
        assert label.height() >= label.heightForWidth(label.width()), label.text()  # no text cut off
    for panel in screen.panels.values():
        shown = [w for w in panel.findChildren(QLabel) + panel.findChildren(QPushButton) if w.isVisibleTo(window)]
        assert panel.heat_caption in shown or panel.retake in shown
        rects = {w: w.geometry().translated(w.parentWidget().mapTo(window, QPoint(0, 0))) for w in shown}
        for a, b in itertools.combinations(shown, 2):
            assert not rects[a].intersects(rects[b]), (a.objectName() or a.text(), b.objectName() or b.text())
        panel_rect = panel.geometry().translated(panel.parentWidget().mapTo(window, QPoint(0, 0)))
        for w in shown:
            assert panel_rect.contains(rects[w]), w.text()
            if isinstance(w, QLabel) and w.text() and w.wordWrap():
                assert w.height() >= w.heightForWidth(w.width()), w.text()  # no text cut off


def test_a_photo_named_for_the_other_eye_is_flagged(make_window, qtbot, tiny_bundle, raw_photos):
    from desktop.ui.patient_screen import eye_in_name

    assert [eye_in_name(n) for n in ("10_left.jpeg", "IMG_0042-OD.JPG", "scan os 3.png", "IMG_0001.JPG",
                                     "left_right.jpg", "photos.jpg")] == ["left", "right", "left", None, None, None]
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    left_named = next(p for p in raw_photos if p.stem.endswith("_left"))
    screen.add_photos("right", [str(left_named)])
    wait_grading(window, qtbot)
    notice = screen.panels["right"].notice
    assert notice.isVisibleTo(window) and f"The file name {left_named.name} says left eye" in notice.text()
    assert "added to the right eye" in notice.text() and "Remove or move…" in notice.text()
    assert len(window.store.photos(screen.patient["id"], "right")) == 1  # added all the same
    dialog = screen.correct_photo("right")  # it was the left eye: moved, and the warning goes
    dialog.reason.setText("file name says left")
    dialog.apply()
    assert not notice.isVisibleTo(window) and len(window.store.photos(screen.patient["id"], "left")) == 1
    screen.add_photos("left", [str(next(p for p in raw_photos if p.stem.endswith("_right")))])
    assert "says right eye" in screen.panels["left"].notice.text()
    wait_grading(window, qtbot)


def test_operator_is_who_signed_in(make_window, qtbot, tiny_bundle, tmp_path):
    from desktop import users

    window = make_window(tiny_bundle)
    assert window.camp_screen.operator.text() == "asha"
    users.add_user(window.store, "ravi", "135790")
    window.lock("switch")
    window.login_dialog.account.setCurrentText("ravi")
    window.login_dialog.pin.setText("135790")
    window.login_dialog.ok_button.click()
    assert window.camp_screen.operator.text() == "ravi"  # nobody typed another name
    window.camp_screen.operator.setText("Meena")
    window.lock("switch")
    window.login_dialog.account.setCurrentText("asha")
    window.login_dialog.pin.setText("246810")
    window.login_dialog.ok_button.click()
    assert window.camp_screen.operator.text() == "Meena"  # typed: kept


def test_status_bar_fits_and_follows_corrections(make_window, qtbot, tiny_bundle, raw_photos):
    """At the default 1280 px every status-bar text is whole, and it counts a correction at once."""
    window = make_window(tiny_bundle)
    assert window.width() == 1280
    start_camp(window, qtbot)
    register(window, qtbot, "P-001", "Ravi")
    screen = window.patient_screen
    screen.add_photos("right", [str(raw_photos[1])])
    wait_grading(window, qtbot)
    before = window.sync_menu.label.text()
    dialog = screen.correct_photo("right")
    dialog.reason.setText("taken of the left eye")
    dialog.apply()
    after = window.sync_menu.label.text()
    count = lambda text: int(text.split()[2])  # "not synced: N records · never synced"
    assert count(after) > count(before) and "photo correction" in window.sync_menu.label.toolTip()
    qtbot.wait(50)
    for label in (window.model_label, window.sync_menu.label, window.user_label):
        assert label.isVisible() and label.width() >= label.fontMetrics().horizontalAdvance(label.text()), label.text()


def test_photo_export_asks_for_photos_and_dialogs_start_in_a_folder_that_exists(make_window, qtbot, tiny_bundle,
                                                                               tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    seen = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    assert window._export_range("Export photos", "photos") is None
    assert "Export the photos of the camps held between:" in seen
    assert not any("patients" in text for text in seen)

    missing = tmp_path / "no-Documents-here"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda kind: str(missing))
    assert window.folders.get("referral") == str(Path.home())  # never a folder that is not there
    window.folders.remember("referral", str(tmp_path / "slip.pdf"))
    assert window.folders.get("referral") == str(tmp_path)
