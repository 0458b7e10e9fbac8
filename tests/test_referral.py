"""The referral slip: a one-page PDF from the window's button and from `python -m desktop referral`,
read back with poppler (pdftotext, pdfinfo, pdftoppm) as a person would see it."""

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import open_test_store
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from test_desktop_ui import grade_both_eyes, register, screening_bundle, start_camp, wait_grading

REPO = Path(__file__).resolve().parents[1]


def poppler(tool: str, *args) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: install poppler-utils (apt-get install poppler-utils; .ci/run does)")
    return subprocess.run([tool, *map(str, args)], check=True, capture_output=True, text=True).stdout


def pdf_text(pdf: Path) -> str:
    """The slip's words as one line; NFKC undoes the font's ligatures (ﬀ, ﬁ), which
    poppler gives as one character, so "…b80d7eff" or "confirmed" read as typed."""
    return " ".join(unicodedata.normalize("NFKC", poppler("pdftotext", "-layout", pdf, "-")).split())


def test_print_button_writes_one_page_for_the_patient(make_window, qtbot, tiny_bundle, raw_photos, tmp_path,
                                                      monkeypatch, message_boxes):
    from desktop import referral

    window = make_window(tiny_bundle)
    referral.set_referral_hospital(window.store, "Aravind Eye Hospital, Madurai (Mon-Sat 8-13)")
    start_camp(window, qtbot)
    register(window, qtbot, "KT-0102", "Ravi <Kumar>")
    screen = window.patient_screen
    assert not screen.print_slip.isEnabled()  # nothing to refer on yet
    screen.add_photos("right", [str(raw_photos[5])])
    screen.add_photos("left", [str(raw_photos[6])])
    wait_grading(window, qtbot)
    out = tmp_path / "chosen" / "slip.pdf"
    out.parent.mkdir()
    offered, opened = [], []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, filt: offered.append(start)
                        or (str(out), ""))
    monkeypatch.setattr("desktop.ui.patient_screen.pdf_viewer_found", lambda: True)
    monkeypatch.setattr("desktop.ui.patient_screen.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(screen.print_slip, Qt.LeftButton)

    assert Path(offered[0]).name == f"referral-KT-0102-{window.patients_screen.camp['date']}.pdf"
    assert opened[0].toLocalFile() == str(out)  # handed to the PDF viewer, which prints
    assert screen.slip_status.isVisibleTo(window) and not message_boxes
    assert screen.slip_status.text() == f"✔ Referral slip saved as {out} and opened for printing."
    assert "Pages:           1\n" in poppler("pdfinfo", out)
    text = pdf_text(out)
    p = screen.patient
    outcome = window.advice.outcome(*window.store.patient_results(p["id"]).values())
    patient_part, staff_part = text.split("For the eye doctor and the staff:")
    for expected in ("Eye check for diabetes: your result", "KT-0102", "Ravi <Kumar>", "PHC Kottur",
                     "screened by Asha", "RIGHT EYE (OD)", "LEFT EYE (OS)", outcome.patient_finding,
                     outcome.patient_advice, "This is a screening result, not a diagnosis"):
        assert " ".join(expected.split()) in patient_part, expected
    if outcome.refer:
        assert "Go to Aravind Eye Hospital, Madurai (Mon-Sat 8-13) Take this slip with you." in patient_part
    for staff_only in ("threshold", "score", "AUC", "Grade:", "Likelihood", "retake", "clean the lens", "dilate"):
        assert staff_only not in patient_part, staff_only  # the patient's part is plain words
    for expected in ("Likelihood of referable DR: not available for this model",
                     f"Graded by the model: {window.bundle.name} {window.bundle.version}"):
        assert expected in staff_part, expected
    for eye in ("right", "left"):
        result = window.store.result_for(window.store.photos(p["id"], eye)[0]["id"])
        assert f"Grade: {result['grade_name']}" in staff_part or "UNGRADABLE" in staff_part
    assert (window.folders.get("referral")) == str(out.parent)  # the next slip is offered there

    poppler("pdftoppm", "-r", "60", "-png", "-singlefile", out, tmp_path / "page")
    page = QImage(str(tmp_path / "page.png"))
    assert (page.width(), page.height()) == (496, 702)  # A4 at 60 dpi
    colours = {page.pixelColor(x, y).name() for x in range(0, 496, 8) for y in range(0, 400, 8)}
    assert len(colours) > 50  # the photos and heat maps are drawn, not blank boxes


def test_referral_command(tiny_bundle, raw_photos, tmp_path, credentials):
    data = tmp_path / "data"
    from desktop.grading import grade_and_ingest, model_label
    from fundus.grader import Grader

    grader = Grader(tiny_bundle)
    with open_test_store(data) as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-02-14")
        patient = store.add_patient(camp["id"], "KT-7", "Sita", 50, "female", 12)
        store.add_patient(camp["id"], "KT-8", "Meena", 47, "female")
        graded = grade_and_ingest(grader, store.files, raw_photos[0])
        store.record_graded_photo(graded.stored, raw_photos[0].name, graded.result, *model_label(grader),
                                  patient_id=patient["id"], eye="right", overlay_png=graded.overlay_png)

    def referral(*args):
        return subprocess.run([sys.executable, "-m", "desktop", "referral", *map(str, args), "--data-dir", str(data)],
                              cwd=REPO, capture_output=True, text=True, timeout=120)

    proc = referral("--patient", "KT-7", "--out", tmp_path / "kt7.pdf")
    assert proc.returncode == 1 and "no graded photo of each eye" in proc.stderr  # left eye missing
    with open_test_store(data) as store:
        graded = grade_and_ingest(grader, store.files, raw_photos[1])
        store.record_graded_photo(graded.stored, raw_photos[1].name, graded.result, *model_label(grader),
                                  patient_id=patient["id"], eye="left", overlay_png=graded.overlay_png)
    proc = referral("--patient", "KT-7", "--out", tmp_path / "kt7.pdf", "--language", "en")
    assert proc.returncode == 0, proc.stderr
    assert "written to" in proc.stdout and "Traceback" not in proc.stderr
    text = pdf_text(tmp_path / "kt7.pdf")
    assert "KT-7 · Sita" in text and "diabetes for 12 years" in text and f"Graded by the model: tiny {grader.bundle.version}" in text
    with open_test_store(data) as store:  # who wrote a slip of which patient is on the record
        assert list(store.db.query("SELECT user, target_id FROM audit_log WHERE action = 'referral_slip'")) == [
            {"user": "asha", "target_id": patient["id"]}]
    locked = subprocess.run([sys.executable, "-m", "desktop", "referral", "--patient", "KT-7", "--out",
                             str(tmp_path / "locked.pdf"), "--data-dir", str(data)], cwd=REPO, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL,
                            env={k: v for k, v in os.environ.items() if k != "DR_SCREEN_PASSPHRASE"})
    assert locked.returncode == 2 and "No passphrase was given" in locked.stderr
    assert not (tmp_path / "locked.pdf").exists()
    proc = referral("--patient", "KT-404", "--out", tmp_path / "x.pdf")
    assert proc.returncode == 2 and "no patient with that ID" in proc.stderr and "KT-404" not in proc.stderr
    proc = referral("--patient", "KT-7", "--out", tmp_path / "missing-dir" / "x.pdf")
    assert proc.returncode == 1 and "cannot write" in proc.stderr and "Traceback" not in proc.stderr


def test_an_eye_referred_by_the_screening_threshold_says_so_on_the_slip(make_window, qtbot, tiny_bundle, raw_photos,
                                                                       tmp_path, sign_as_publisher):
    """The patient reads "signs that need an eye doctor to check"; the threshold is the eye doctor's small print."""
    from desktop.referral import slip_for
    from desktop.ui.referral_pdf import write_pdf

    window = make_window(screening_bundle(tiny_bundle, raw_photos[:2], tmp_path / "screening", sign_as_publisher))
    start_camp(window, qtbot)
    register(window, qtbot, "KT-0103", "Meena")
    screen = grade_both_eyes(window, qtbot, raw_photos[1], raw_photos[0])
    out = tmp_path / "slip.pdf"
    write_pdf(slip_for(window.store, window.advice, screen.patient["id"]), out, window.bundle)
    patient_part, staff_part = pdf_text(out).split("For the eye doctor and the staff:")
    assert "The photos show signs that need an eye doctor to check. Go to an eye doctor within 3 to 6 months." \
        in patient_part
    assert patient_part.count("Found: signs that need an eye doctor to check") == 2
    assert "the eye hospital of your screening programme (ask the camp staff which one)" in patient_part
    assert "threshold" not in patient_part and "REFER" not in patient_part
    assert staff_part.count("Grade: No DR · refer: yes (score above the screening threshold, DR not ruled out)") == 2


def test_a_slip_without_a_pdf_viewer_says_where_it_is(make_window, qtbot, tiny_bundle, raw_photos, tmp_path,
                                                      monkeypatch, message_boxes):
    window = make_window(tiny_bundle)
    start_camp(window, qtbot)
    register(window, qtbot, "KT-0104", "Sita")
    screen = grade_both_eyes(window, qtbot, raw_photos[1], raw_photos[0])
    out = tmp_path / "slip.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), ""))
    monkeypatch.setattr("desktop.ui.referral_pdf.shutil.which", lambda name: None)  # no viewer, no xdg-mime
    monkeypatch.delenv("BROWSER", raising=False)
    opened = []
    monkeypatch.setattr("desktop.ui.patient_screen.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    before = window.sync_menu.label.text()
    screen.save_referral_slip()
    assert out.exists() and not opened
    (warning,) = message_boxes.texts()
    assert warning.startswith(f"The referral slip is saved as {out}, but no program on this computer opens PDF files")
    assert screen.slip_status.text() == f"✔ Referral slip saved as {out}."
    assert window.sync_menu.label.text() != before  # the slip's audit event waits for the sync


def test_pdf_viewer_found_asks_xdg_mime(tmp_path, monkeypatch):
    """On Linux: a program registered for PDF files, or a browser xdg-open would fall back to."""
    from desktop.ui import referral_pdf

    monkeypatch.setattr(referral_pdf.sys, "platform", "linux")
    monkeypatch.delenv("BROWSER", raising=False)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    assert not referral_pdf.pdf_viewer_found()  # nothing at all
    xdg_mime = bin_dir / "xdg-mime"
    xdg_mime.write_text("#!/bin/sh\necho\n")
    xdg_mime.chmod(0o755)
    assert not referral_pdf.pdf_viewer_found()  # xdg-mime knows no PDF program
    xdg_mime.write_text("#!/bin/sh\n[ \"$3\" = application/pdf ] && echo org.gnome.Evince.desktop\n")
    assert referral_pdf.pdf_viewer_found()
    xdg_mime.unlink()
    (bin_dir / "firefox").write_text("#!/bin/sh\n")
    (bin_dir / "firefox").chmod(0o755)
    assert referral_pdf.pdf_viewer_found()


def test_the_referral_hospital_is_asked_at_set_up_and_an_administrators_audited_setting(tmp_path, monkeypatch,
                                                                                       capsys, tiny_bundle,
                                                                                       raw_photos):
    """`setup --hospital` names it, `hospital --set` changes it (administrators only, audited, encrypted);
    it wins over advice.json's referral_centre, which is used while none is named."""
    import json

    from conftest import TEST_ADMIN, TEST_PASSPHRASE, TEST_PIN

    from desktop import referral, unlock, users
    from desktop.__main__ import main as desktop_main
    from desktop.advice import AdviceTable
    from desktop.grading import grade_and_ingest, model_label
    from fundus.grader import Grader

    data = tmp_path / "data"
    for name, value in ((unlock.ENV_PASSPHRASE, TEST_PASSPHRASE), (unlock.ENV_PIN, TEST_PIN),
                        (unlock.ENV_USER, TEST_ADMIN)):
        monkeypatch.setenv(name, value)
    assert desktop_main(["setup", "--admin", TEST_ADMIN, "--data-dir", str(data), "--hospital", "X"]) == 1
    assert "Name the eye hospital where referred patients go" in capsys.readouterr().err
    assert not (data / "vault.json").exists()  # checked before anything was written
    assert desktop_main(["setup", "--admin", TEST_ADMIN, "--data-dir", str(data),
                         "--hospital", "Aravind Eye Hospital,  Madurai"]) == 0
    assert "referral hospital: Aravind Eye Hospital, Madurai" in capsys.readouterr().out
    assert b"Aravind" not in (data / "dr-screen.db").read_bytes()  # encrypted with the records
    assert desktop_main(["hospital", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.strip() == "referral hospital: Aravind Eye Hospital, Madurai"

    with open_test_store(data) as store:
        users.add_user(store, "ravi", "135790")
    monkeypatch.setenv(unlock.ENV_USER, "ravi")
    monkeypatch.setenv(unlock.ENV_PIN, "135790")
    assert desktop_main(["hospital", "--set", "Somewhere else", "--data-dir", str(data)]) == 1
    assert "Only an administrator" in capsys.readouterr().err
    monkeypatch.setenv(unlock.ENV_USER, TEST_ADMIN)
    monkeypatch.setenv(unlock.ENV_PIN, TEST_PIN)
    assert desktop_main(["hospital", "--set", "District Eye Hospital, Melur", "--data-dir", str(data)]) == 0

    (data / "advice.json").write_text(json.dumps({"referral_centre": "Programme's own centre"}))
    grader = Grader(tiny_bundle)
    with open_test_store(data) as store:
        events = list(store.db.query("SELECT user, detail FROM audit_log WHERE action = 'referral_hospital' "
                                     "ORDER BY seq"))
        assert [(e["user"], json.loads(e["detail"])) for e in events] == [
            (TEST_ADMIN, {"old": None, "new": "Aravind Eye Hospital, Madurai"}),
            (TEST_ADMIN, {"old": "Aravind Eye Hospital, Madurai", "new": "District Eye Hospital, Melur"})]
        camp = store.create_camp("PHC Kottur", "Asha", "2025-02-14")
        patient = store.add_patient(camp["id"], "KT-9", "Sita", 50, "female")
        for eye, photo in zip(("right", "left"), (raw_photos[1], raw_photos[0])):
            graded = grade_and_ingest(grader, store.files, photo)
            store.record_graded_photo(graded.stored, photo.name, graded.result, *model_label(grader),
                                      patient_id=patient["id"], eye=eye)
        advice = AdviceTable.load(data)
        assert referral.slip_for(store, advice, patient["id"]).referral_centre == "District Eye Hospital, Melur"
        with store.db.atomic():
            store.set_setting(referral.HOSPITAL_SETTING, None)  # none named: the programme's advice.json
        assert referral.slip_for(store, advice, patient["id"]).referral_centre == "Programme's own centre"
