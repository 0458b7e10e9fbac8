"""One patient: both eyes' photos and results, the outcome (worst eye) with advice, notes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from desktop.advice import AdviceTable, eye_summary
from desktop.camera import newest_new_photo
from desktop.store import EYES, Store, StoreError, file_sha256
from desktop.ui.eye_panel import EyePanel
from desktop.ui.workers import GradingQueue, Job
from fundus.cli import IMAGE_SUFFIXES

PHOTO_FILTER = "Photos (" + " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES)) + ")"
OUTCOME_ICONS = {"no_dr": "✔", "mild": "✔", "incomplete": "…", "ungradable": "↻"}


class PatientScreen(QWidget):
    back = Signal()
    delete_requested = Signal(dict)  # the patient: an administrator erases them (MainWindow.delete_patient)

    def __init__(self, store: Store, advice: AdviceTable, queue: GradingQueue | None, model: str | None):
        super().__init__()
        self.store, self.advice, self.queue, self.model = store, advice, queue, model
        self.patient: dict | None = None
        self.camera_folder: str | None = None
        back = QPushButton("◀ Patient list")
        self.header = QLabel(objectName="screenTitle", wordWrap=True)
        self.outcome = QLabel(objectName="outcome", wordWrap=True)
        self.advice_text = QLabel(objectName="adviceText", wordWrap=True)
        self.panels = {eye: EyePanel(eye) for eye in EYES}
        self.progress = QProgressBar(format="%v of %m photos graded")
        self.cancel = QPushButton("Cancel grading")
        self.notes = QPlainTextEdit(placeholderText="Technician notes (e.g. cataract, could not dilate)…")
        self.notes.setFixedHeight(48)
        self.save_notes = QPushButton("Save notes")
        self.notes_status = QLabel(objectName="hint")
        self.delete_button = QPushButton(self.tr("Delete patient…"))
        self.delete_button.setToolTip(self.tr("Administrators only: erase this patient here and at the hub"))

        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.header, 1)
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
        layout.addWidget(QLabel("PATIENT RESULT (the worse eye decides)", objectName="hint"))
        layout.addWidget(self.outcome)
        layout.addWidget(self.advice_text)
        layout.addLayout(eyes, 1)
        layout.addLayout(grading)
        layout.addLayout(notes)

        back.clicked.connect(self.back)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.patient))
        self.save_notes.clicked.connect(self._save_notes)
        for panel in self.panels.values():
            panel.files_dropped.connect(self.add_photos)
            panel.browse_requested.connect(self._browse)
            panel.camera_requested.connect(self._from_camera)
        if queue is not None:
            queue.progress.connect(self._on_progress)
            self.cancel.clicked.connect(self._cancel)
        self._on_progress(0, 0)

    def set_admin(self, admin: bool) -> None:
        self.delete_button.setVisible(admin)

    def show_patient(self, patient: dict) -> None:
        self.patient = patient
        p = patient
        diabetes = f" · diabetes {p['diabetes_years']:g} y" if p["diabetes_years"] is not None else ""
        self.header.setText(f"Patient {p['patient_code']} · {p['name']} · {p['age']} y · {p['sex']}{diabetes}")
        self.notes.setPlainText(p["notes"] or "")
        self.notes_status.clear()
        self.refresh()

    def refresh(self) -> None:
        by_eye = self.store.patient_results(self.patient["id"])
        for eye, panel in self.panels.items():
            job = self._grading(eye)
            if job:
                panel.show_grading(job.path)
                continue
            photos = [ph for ph in self.store.photos(self.patient["id"], eye) if self.store.result_for(ph["id"])]
            if not photos:
                panel.show_empty()
                continue
            latest = photos[-1]
            result = self.store.result_for(latest["id"])
            panel.show_result(self.store.photo_bytes(latest), result, self.store.overlay_png(result["id"]),
                              eye_summary(by_eye[eye]), len(photos))
        outcome = self.advice.outcome(by_eye["right"], by_eye["left"])
        icon = OUTCOME_ICONS.get(outcome.key, "⚠" if outcome.refer else "✔")
        self.outcome.setText(f"{icon}  {outcome.title}")
        self.outcome.setStyleSheet(f"background: {outcome.colour};")
        self.advice_text.setText(outcome.advice)

    def _grading(self, eye: str) -> Job | None:
        """The last photo of this eye still waiting for its grade, if any."""
        jobs = [j for j in (self.queue.pending if self.queue else [])
                if j.patient_id == self.patient["id"] and j.eye == eye]
        return jobs[-1] if jobs else None

    # ---- adding photos

    def add_photos(self, eye: str, paths: list) -> None:
        for path in paths:
            self.add_photo(eye, Path(path))

    def add_photo(self, eye: str, path: Path, sha: str | None = None) -> None:
        panel = self.panels[eye]
        if self.queue is None:
            panel.show_error("No grading model is installed, so photos cannot be graded.")
            return
        try:
            sha = sha or file_sha256(path)
            photo = self.store.find_photo(sha)
            if photo and self.store.result_for(photo["id"], self.model):
                self.store.assign_photo(sha, self.patient["id"], eye)  # known photo: no need to grade again
                self.refresh()
                return
            if photo and photo["patient_id"] not in (None, self.patient["id"]):
                self.store.assign_photo(sha, self.patient["id"], eye)  # raises the clear conflict message
        except (OSError, StoreError) as e:
            panel.show_error(str(e))
            return
        panel.show_grading(path)
        self.queue.submit(Job(path, sha, self.patient["id"], eye, self.store.actor()))

    def _browse(self, eye: str) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, f"Photo of the {eye} eye", self.camera_folder or "",
                                                PHOTO_FILTER)
        self.add_photos(eye, files)

    def _from_camera(self, eye: str) -> None:
        if not self.camera_folder:
            folder = QFileDialog.getExistingDirectory(self, "Folder where the camera saves photos")
            if not folder:
                return
            self.camera_folder = folder
        found = newest_new_photo(self.camera_folder, lambda sha: self.store.find_photo(sha) is not None)
        if found is None:
            self.panels[eye].show_error(f"No new photo in the camera folder {self.camera_folder}. "
                                        "Take the photo, wait for the camera to save it, then press again.")
            return
        self.add_photo(eye, *found)

    # ---- grading progress

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
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
            self.notes_status.setText(f"⚠ {e}")
            return
        self.notes_status.setText("Notes saved ✔")
