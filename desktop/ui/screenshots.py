"""Drive the window through its main screens and save a PNG of each (for docs and review).

    QT_QPA_PLATFORM=offscreen python -m desktop.ui.screenshots --photos ../shared/data/fundus-camera-raw \\
        --model models/NAME.json --out docs/screenshots [--language hi]

Runs on throwaway data directories (set up with a throwaway passphrase); the patients are
invented. The referral slip is written as a PDF and turned into a PNG with pdftoppm
(poppler-utils), as it prints.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
from PySide6.QtWidgets import QApplication

from desktop import unlock, users
from desktop.referral import slip_for
from desktop.ui import i18n
from desktop.ui.app import STYLE, build_window
from desktop.ui.login import RecoveryKeyDialog, SetupDialog, UnlockDialog
from desktop.ui.referral_pdf import write_pdf

PASSPHRASE, PIN = "screenshots passphrase", "123456"
# what staff in that language would type: the referral hospital, a correction's reason
REASONS = {"en": "photo of the left eye", "hi": "बाईं आँख की फ़ोटो", "es": "foto del ojo izquierdo"}
HOSPITALS = {"en": "District Eye Hospital, Melur (Mon-Sat 9-13)", "hi": "ज़िला नेत्र अस्पताल, मेलूर (सोम-शनि 9-13)",
             "es": "Hospital Oftalmológico del Distrito, Melur (lun-sáb 9-13)"}


def set_up(data_dir: Path, language: str):
    """A new encrypted data folder with Asha as its administrator, signed in."""
    store, _ = unlock.first_run(data_dir, PASSPHRASE, "Asha", PIN, hospital=HOSPITALS[language])
    return store


def wait_for_grading(app: QApplication, window) -> None:
    deadline = time.monotonic() + 120
    while window.queue.busy() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=Path, required=True, help="folder of raw camera photos")
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--language", default="en", choices=sorted(HOSPITALS), help="en, hi or es")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    photos = sorted(args.photos.glob("[0-9]*.jpeg"))
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyleSheet(STYLE)

    def shot(widget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(args.out / f"{name}.png"))

    with tempfile.TemporaryDirectory() as tmp:
        i18n.install(args.language)  # the set-up and unlock dialogs come before the window
        setup = SetupDialog(Path(tmp) / "new")
        setup.show()
        setup.admin.setText("Asha")
        setup.hospital.setText(HOSPITALS[args.language])
        shot(setup, "13-first-run-setup")
        setup.close()
        key = RecoveryKeyDialog("K7QD-M2XA-4NBE-PR3W-ZT6C-HJ5Y-LUF2-SVGE")  # an example, not a real key
        key.show()
        shot(key, "14-recovery-key-shown-once")
        key.close()

        store = set_up(Path(tmp) / "data", args.language)
        users.add_user(store, "Ravi", "246810", "technician")
        unlock_dialog = UnlockDialog(store.data_dir)
        unlock_dialog.show()
        shot(unlock_dialog, "15-unlock-with-passphrase")
        unlock_dialog.close()
        window = build_window(store, args.model, args.language)
        window.show()
        store.create_camp("PHC Melur", "Asha", "2025-02-14")
        window.show_camps()
        shot(window, "1-camp")

        window.camp_screen.site.setText("PHC Kottur")
        window.camp_screen.operator.setText("Asha")
        window.camp_screen.start.click()
        camp = window.patients_screen.camp
        people = [("KT-0101", "Lakshmi Devi", 61, "female", 12), ("KT-0102", "Ravi Kumar", 54, "male", 7),
                  ("KT-0103", "Meena S", 47, "female", None)]
        patients = [store.add_patient(camp["id"], c, n, a, s, d) for c, n, a, s, d in people]

        window.new_patient()
        form = window.patient_form
        form.code.setText("KT-0101")
        form.name.setText("Selvi")
        form.age.setText("58")
        form.sex.setCurrentIndex(1)
        form.save()
        shot(form, "3-new-patient-duplicate-id")
        form.reject()

        # Ravi: both eyes graded from good photos.
        window.open_patient(patients[1])
        window.patient_screen.add_photos("right", [str(photos[5])])
        window.patient_screen.add_photos("left", [str(photos[6])])
        wait_for_grading(app, window)
        shot(window, "4-patient-graded")
        details = window.patient_screen.show_details("right")
        shot(details, "9-result-details")
        details.close()
        pdf = Path(tmp) / "slip.pdf"
        write_pdf(slip_for(store, window.advice, patients[1]["id"]), pdf, window.bundle)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(args.out / "12-referral-slip")],
                       check=True)

        # Meena: the right photo was taken without flash: ungradable, retake.
        dark = Path(tmp) / "IMG_0042.JPG"
        bgr = cv2.imread(str(photos[1]), cv2.IMREAD_REDUCED_COLOR_2)  # 10_right
        cv2.imwrite(str(dark), (bgr * 0.1).astype("uint8"))
        window.open_patient(patients[2])
        window.patient_screen.add_photos("right", [str(dark)])
        window.patient_screen.add_photos("left", [str(photos[0])])
        wait_for_grading(app, window)
        shot(window, "5-patient-ungradable-retake")

        # Lakshmi: grading in progress.
        window.open_patient(patients[0])
        window.patient_screen.add_photos("right", [str(p) for p in photos[2:5]])
        app.processEvents()
        shot(window, "6-grading-in-progress")
        window.queue.cancel()
        wait_for_grading(app, window)

        # Lakshmi's first photo was of her left eye: corrected, with the reason, on the record.
        window.open_patient(patients[0])
        dialog = window.patient_screen.correct_photo("right")
        dialog.photo.setCurrentIndex(next(i for i in range(dialog.photo.count()) if "_left" in dialog.photo.itemText(i)))
        dialog.reason.setText(REASONS[args.language])
        shot(dialog, "10-correction")
        dialog.apply()
        shot(window, "11-patient-corrected")

        window.show_patients()
        shot(window, "2-patient-list")

        window.idle._last -= window.idle.seconds  # the idle minutes pass at once
        window.check_idle()
        app.processEvents()
        shot(window, "16-locked-after-idle")
        shot(window.login_dialog, "17-sign-in-with-pin")
        window.login_dialog.pin.setText(PIN)
        window.login_dialog.ok_button.click()

        about = window.about_box()
        about.show()
        shot(about, "8-about")
        about.close()
        window.close()
        store.close()

    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(set_up(Path(tmp) / "data", args.language), str(Path(tmp) / "models" / "missing.json"),
                              args.language)
        window.show()
        shot(window, "7-no-model")
        window.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
