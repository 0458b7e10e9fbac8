"""One patient: both eyes' photos and results, the outcome (worst eye) with advice, notes,
corrections and the referral slip."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Signal, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from desktop import corrections
from desktop.advice import AdviceTable, eye_summary
from desktop.camera import newest_new_photo
from desktop.referral import shown_photo, slip_for, slip_written
from desktop.store import EYE_NAMES, EYES, Store, StoreError, file_sha256
from desktop.ui.correction_dialog import CorrectionDialog
from desktop.ui.eye_panel import EyePanel
from desktop.ui.folders import Folders
from desktop.ui.i18n import tr_text
from desktop.ui.patient_form import sex_name
from desktop.ui import plain
from desktop.ui.referral_pdf import SlipTooLongError, pdf_viewer_found, write_pdf
from desktop.ui.result_details import ResultDetails
from desktop.ui.workers import GradingQueue, Job
from fundus.bundle import Bundle
from fundus.image import IMAGE_SUFFIXES
from fundus.image import file_error

OUTCOME_ICONS = {"no_dr": "✔", "mild": "✔", "incomplete": "…", "ungradable": "↻"}


class PatientScreen(QWidget):
    back = Signal()
    delete_requested = Signal(dict)  # the patient: an administrator erases them (MainWindow.delete_patient)
    records_changed = Signal()  # a correction, notes or a slip: the status bar's unsynced counts change

    def __init__(self, store: Store, advice: AdviceTable, queue: GradingQueue | None, bundle: Bundle | None,
                 folders: Folders):
        super().__init__()
        self.store, self.advice, self.queue, self.bundle, self.folders = store, advice, queue, bundle, folders
        self.model = bundle.manifest_sha256 if bundle else None  # results are keyed by the manifest graded with
        self.patient: dict | None = None
        self.camera_folder: str | None = None
        self.errors: dict[str, str] = {}  # eye -> why its last photo was not used
        self.notices: dict[str, str] = {}  # eye -> a doubt about its last photo (a file named for the other eye)
        back = QPushButton(self.tr("◀ Patient list"))
        self.header = plain.wrapped(objectName="screenTitle")
        self.print_slip = QPushButton(self.tr("Referral slip (PDF)…"))
        self.print_slip.setToolTip(self.tr("A one-page slip for the patient: result, advice, where to go, "
                                           "the photos. Opens it for printing."))
        self.slip_status = plain.wrapped(objectName="hint")
        self.outcome = plain.wrapped(objectName="outcome")
        self.advice_text = plain.wrapped(objectName="adviceText")
        self.panels = {eye: EyePanel(eye) for eye in EYES}
        self.progress = QProgressBar()
        self.cancel = QPushButton(self.tr("Cancel grading"))
        self.notes = QPlainTextEdit(placeholderText=self.tr("Technician notes (e.g. cataract, could not dilate)…"))
        self.notes.setFixedHeight(44)
        self.save_notes = QPushButton(self.tr("Save notes"))
        self.notes_status = plain.label(objectName="hint")
        self.history = plain.wrapped(objectName="hint")
        self.delete_button = QPushButton(self.tr("Delete patient…"))
        self.delete_button.setToolTip(self.tr("Administrators only: erase this patient here and at the hub"))

        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.header, 1)
        top.addWidget(self.print_slip)
        top.addWidget(self.delete_button)
        eyes = QHBoxLayout()
        for panel in self.panels.values():
            panel.set_can_grade(queue is not None)
            eyes.addWidget(panel, 1)
        grading = QHBoxLayout()
        grading.addWidget(self.progress, 1)
        grading.addWidget(self.cancel)
        notes = QHBoxLayout()
        notes.addWidget(self.notes, 1)
        col = QVBoxLayout()
        col.addWidget(self.save_notes)
        col.addWidget(self.notes_status)
        notes.addLayout(col)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.slip_status)
        layout.addWidget(plain.label(self.tr("PATIENT RESULT (the worse eye decides)"), objectName="hint"))
        layout.addWidget(self.outcome)
        layout.addWidget(self.advice_text)
        layout.addLayout(eyes, 1)
        layout.addLayout(grading)
        layout.addLayout(notes)
        layout.addWidget(self.history)

        back.clicked.connect(self.back)
        self.print_slip.clicked.connect(self.save_referral_slip)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.patient))
        self.save_notes.clicked.connect(self._save_notes)
        for panel in self.panels.values():
            panel.files_dropped.connect(self.add_photos)
            panel.browse_requested.connect(self._browse)
            panel.camera_requested.connect(self._from_camera)
            panel.correct_requested.connect(self.correct_photo)
            panel.details_requested.connect(self.show_details)
        if queue is not None:
            queue.progress.connect(self._on_progress)
            self.cancel.clicked.connect(self._cancel)
        self._on_progress(0, 0)

    def set_admin(self, admin: bool) -> None:
        self.delete_button.setVisible(admin)

    def show_patient(self, patient: dict) -> None:
        self.patient = patient
        self.errors.clear()
        self.notices.clear()
        self.slip_status.hide()
        p = patient
        parts = [self.tr("Patient {code}").format(code=p["patient_code"]), p["name"],
                 self.tr("{age} y").format(age=p["age"]), sex_name(p["sex"])]
        if p["diabetes_years"] is not None:
            parts.append(self.tr("diabetes {years} y").format(years=f"{p['diabetes_years']:g}"))
        self.header.setText(" · ".join(parts))
        self.notes.setPlainText(p["notes"] or "")
        self.notes_status.clear()
        self.refresh()

    def refresh(self) -> None:
        by_eye = self.store.patient_results(self.patient["id"])
        for eye, panel in self.panels.items():
            job = self._grading(eye)
            shown = shown_photo(self.store, self.patient["id"], eye)
            if job:
                panel.show_grading(job.path)
            elif shown is None:
                panel.show_empty()
            else:
                photo, result, count = shown
                panel.show_result(self.store.photo_bytes(photo), result, self.store.overlay_png(result["id"]),
                                  eye_summary(by_eye[eye]), count)
            panel.show_error(self.errors.get(eye))
            panel.show_notice(self.notices.get(eye))
        outcome = self.advice.outcome(by_eye["right"], by_eye["left"])
        icon = OUTCOME_ICONS.get(outcome.key, "⚠" if outcome.refer else "✔")
        self.outcome.setText(f"{icon}  {tr_text(outcome.title)}")
        self.outcome.setStyleSheet(f"background: {outcome.colour};")
        self.advice_text.setText(tr_text(outcome.advice))
        self.print_slip.setEnabled(outcome.key != "incomplete")
        self._show_history()

    def _show_history(self) -> None:
        lines = []
        for c in corrections.history(self.store, self.patient["id"]):
            where = {"when": c["created_at"][:16].replace("T", " "), "who": c["operator"], "photo": c["original_name"],
                     "reason": c["reason"], "eye": tr_text(EYE_NAMES[c["from_eye"]])}
            if c["action"] == corrections.REMOVE:
                lines.append(self.tr("{when} {who} removed {photo} from the {eye} (reason: {reason})").format(**where))
            elif c["to_patient_id"] == self.patient["id"] and c["from_patient_id"] != self.patient["id"]:
                lines.append(self.tr("{when} {who} moved {photo} here from another patient (reason: {reason})")
                             .format(**where))
            elif c["from_patient_id"] != c["to_patient_id"]:
                lines.append(self.tr("{when} {who} moved {photo} to another patient (reason: {reason})")
                             .format(**where))
            else:
                lines.append(self.tr("{when} {who} moved {photo} from the {eye} to the {to_eye} (reason: {reason})")
                             .format(to_eye=tr_text(EYE_NAMES[c["to_eye"]]), **where))
        self.history.setText(self.tr("Corrections: ") + "; ".join(lines) if lines else "")
        self.history.setVisible(bool(lines))

    def _grading(self, eye: str) -> Job | None:
        """The last photo of this eye still waiting for its grade, if any."""
        jobs = [j for j in (self.queue.pending if self.queue else [])
                if j.patient_id == self.patient["id"] and j.eye == eye]
        return jobs[-1] if jobs else None

    def show_job_error(self, eye: str, message: str) -> None:
        """A photo of this eye was not used: say why until the next photo of the eye."""
        self.errors[eye] = message
        self.refresh()

    # ---- adding photos

    def add_photos(self, eye: str, paths: list) -> None:
        for path in paths:
            self._check_eye_in_name(eye, Path(path))
            self.add_photo(eye, Path(path))

    def _check_eye_in_name(self, eye: str, path: Path) -> None:
        """A file whose name says the other eye (10_left.jpeg added to the right eye) is added, with a
        warning that stays until the eye's next photo: a correction moves it if it was a mistake."""
        named = eye_in_name(path.name)
        if named is None or named == eye:
            self.notices.pop(eye, None)
        else:
            self.notices[eye] = self.tr("The file name {file} says {named}, but it was added to the {eye}. If it "
                                        "is a photo of the {named}, move it with “Remove or move…”.").format(
                file=path.name, named=tr_text(EYE_NAMES[named]), eye=tr_text(EYE_NAMES[eye]))
        self.panels[eye].show_notice(self.notices.get(eye))

    def add_photo(self, eye: str, path: Path, sha: str | None = None) -> None:
        self.errors.pop(eye, None)
        if self.queue is None:
            self.show_job_error(eye, self.tr("No grading model is installed, so photos cannot be graded."))
            return
        try:
            user = self.store.actor()  # the result is theirs even if the window locks before it is graded
            sha = sha or file_sha256(path)
            if self.store.reuse_graded(sha, self.model, self.patient["id"], eye):  # known photo: not graded again
                self.refresh()
                return
        except OSError as e:
            self.show_job_error(eye, file_error(path, e).args[0])
            return
        except StoreError as e:
            self.show_job_error(eye, e.args[0])
            return
        self.panels[eye].show_grading(path)
        self.panels[eye].show_error(None)
        self.queue.submit(Job(path, sha, self.patient["id"], eye, user))

    def _browse(self, eye: str) -> None:
        title = self.tr("Photo of the {eye}").format(eye=tr_text(EYE_NAMES[eye]))
        suffixes = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        files, _ = QFileDialog.getOpenFileNames(self, title, self.camera_folder or self.folders.get("photos"),
                                                self.tr("Photos ({suffixes})").format(suffixes=suffixes))
        if files:
            self.folders.remember("photos", files[0])
        self.add_photos(eye, files)

    def _from_camera(self, eye: str) -> None:
        if not self.camera_folder and not self._choose_camera_folder():
            return
        found = newest_new_photo(self.camera_folder, lambda sha: self.store.find_photo(sha) is not None)
        if found is None:
            message = self.tr("No new photo in the camera folder {folder}. Take the photo, wait for the camera "
                              "to save it, then press again.").format(folder=self.camera_folder)
            choice = plain.message(self, QMessageBox.Information, self.tr("From camera folder"), message,
                                   [(tr_text(plain.OK), QMessageBox.AcceptRole),
                                    (self.tr("Choose another folder…"), QMessageBox.ActionRole)])
            if choice == 1 and self._choose_camera_folder():
                self._from_camera(eye)
            else:
                self.show_job_error(eye, message)
            return
        self._check_eye_in_name(eye, found[0])
        self.add_photo(eye, *found)

    def _choose_camera_folder(self) -> bool:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder where the camera saves photos"),
                                                  self.camera_folder or self.folders.get("camera"))
        if not folder:
            return False
        self.camera_folder = folder
        self.folders.remember("camera", folder)
        for panel in self.panels.values():
            plain.set_tooltip(panel.camera, self.tr("Camera folder: {folder}").format(folder=folder))
        return True

    # ---- corrections and details

    def correct_photo(self, eye: str) -> CorrectionDialog:
        dialog = CorrectionDialog(self.store, self.patient, eye, self)
        dialog.accepted.connect(self._corrected)
        dialog.open()
        return dialog

    def _corrected(self) -> None:
        self.errors.clear()
        self.notices.clear()
        self.refresh()
        self.records_changed.emit()

    def show_details(self, eye: str) -> ResultDetails | None:
        shown = shown_photo(self.store, self.patient["id"], eye)
        if shown is None:
            return None
        dialog = ResultDetails(shown[1], self.bundle, self)
        dialog.open()
        return dialog

    # ---- the referral slip

    def save_referral_slip(self) -> None:
        p = self.patient
        camp = self.store.get_camp(p["camp_session_id"])
        name = f"referral-{safe_file_part(p['patient_code'])}-{camp['date']}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the referral slip"),
                                              str(Path(self.folders.get("referral")) / name), self.tr("PDF (*.pdf)"))
        if not path:
            return
        self.folders.remember("referral", path)
        try:
            write_pdf(slip_for(self.store, self.advice, p["id"]), path, self.bundle)
            slip_written(self.store, p["id"])
        except (OSError, SlipTooLongError, StoreError) as e:
            reason = getattr(e, "strerror", None) or tr_text(e.args[0] if e.args else str(e))
            plain.warn(self, self.tr("Referral slip"), self.tr("The slip was not written: {reason}")
                       .format(reason=reason))
            return
        self.records_changed.emit()
        # the PDF viewer prints it; without one, xdg-open would fail with a line on stderr only
        if pdf_viewer_found() and QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self.slip_status.setText(self.tr("✔ Referral slip saved as {path} and opened for printing.")
                                     .format(path=path))
        else:
            self.slip_status.setText(self.tr("✔ Referral slip saved as {path}.").format(path=path))
            plain.warn(self, self.tr("Referral slip"), self.tr(
                "The referral slip is saved as {path}, but no program on this computer opens PDF files, so it "
                "could not be opened for printing. Print the file from another computer, or ask for a PDF "
                "viewer to be installed.").format(path=path))
        self.slip_status.show()

    # ---- grading progress

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v of %n photo(s) graded", "", total))
        busy = done < total
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)

    def _cancel(self) -> None:
        self.queue.cancel()
        self.refresh()

    def _save_notes(self) -> None:
        try:
            self.patient = self.store.update_patient(self.patient["id"], notes=self.notes.toPlainText())
        except StoreError as e:
            self.notes_status.setText(f"⚠ {tr_text(e.args[0])}")
            return
        self.notes_status.setText(self.tr("Notes saved ✔"))
        self.records_changed.emit()


EYE_WORDS = {"right": {"right", "od"}, "left": {"left", "os"}}


def eye_in_name(name: str) -> str | None:
    """The eye a file's name states ("10_left.jpeg", "IMG_0042-OD.JPG"), or None."""
    words = set(re.split(r"[^a-z]+", Path(name).stem.lower()))
    named = [eye for eye, eye_words in EYE_WORDS.items() if words & eye_words]
    return named[0] if len(named) == 1 else None


def safe_file_part(text: str) -> str:
    """A patient ID as part of a file name: letters, digits, - and _ only."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:40] or "patient"
