"""Remove or move a photo of one eye, with the reason, signed by the signed-in user (desktop.corrections)."""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QRadioButton, QVBoxLayout)

from desktop.corrections import move_photo, remove_photo
from desktop.store import EYE_NAMES, EYES, Store, StoreError
from desktop.ui import plain
from desktop.ui.i18n import tr_grade, tr_text


class CorrectionDialog(QDialog):
    """Offers the eye's photos (latest first); applying it writes the correction and closes."""

    def __init__(self, store: Store, patient: dict, eye: str, parent=None):
        super().__init__(parent)
        self.store, self.patient, self.eye = store, patient, eye
        self.setWindowTitle(self.tr("Remove or move a photo"))
        self.setMinimumWidth(560)
        self.correction: dict | None = None
        self.photo = QComboBox()
        for photo in reversed(store.photos(patient["id"], eye)):
            result = store.result_for(photo["id"])
            grade = tr_grade(result["grade"]) if result else self.tr("not graded")
            self.photo.addItem(f"{photo['original_name']} · {grade} · {photo['created_at'][:16].replace('T', ' ')}",
                               photo["id"])
        other_eye = next(e for e in EYES if e != eye)
        self.remove = QRadioButton(self.tr("Remove it from this patient (a photo of someone else, or unusable)"))
        self.to_other_eye = QRadioButton(self.tr("Move it to the {eye} of this patient")
                                         .format(eye=tr_text(EYE_NAMES[other_eye])))
        self.to_patient = QRadioButton(self.tr("Move it to another patient of this camp:"))
        self.actions = QButtonGroup(self)
        for button in (self.remove, self.to_other_eye, self.to_patient):
            self.actions.addButton(button)
        self.to_other_eye.setChecked(True)
        self.patient_choice = QComboBox()
        for other in store.patients(patient["camp_session_id"]):
            if other["id"] != patient["id"]:
                self.patient_choice.addItem(f"{other['patient_code']} · {other['name']}", other["id"])
        self.eye_choice = QComboBox()
        for choice in EYES:
            self.eye_choice.addItem(tr_text(EYE_NAMES[choice]), choice)
        self.eye_choice.setCurrentIndex(EYES.index(eye))
        if not self.patient_choice.count():
            self.to_patient.setEnabled(False)
            self.to_patient.setToolTip(self.tr("There is no other patient in this camp."))
        self.reason = QLineEdit(placeholderText=self.tr("e.g. photo of the next patient; taken of the left eye"))
        self.operator = plain.label(store.user["name"] if store.user else "")
        self.error = plain.label(objectName="error", wordWrap=True)

        target = QHBoxLayout()
        target.addWidget(self.patient_choice, 1)
        target.addWidget(self.eye_choice)
        form = QFormLayout()
        form.addRow(self.tr("Photo"), self.photo)
        choices = QVBoxLayout()
        for widget in (self.remove, self.to_other_eye, self.to_patient):
            choices.addWidget(widget)
        choices.addLayout(target)
        form.addRow(self.tr("Correction"), choices)
        form.addRow(self.tr("Reason *"), self.reason)
        form.addRow(self.tr("Signed by"), self.operator)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.Ok)
        self.apply_button.setText(self.tr("Apply correction"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(plain.label(self.tr("Nothing is deleted: the change, your name and the reason are kept "
                                             "and sent with the next sync."), objectName="hint", wordWrap=True))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.actions.buttonToggled.connect(self._enable_target)
        self._enable_target()

    def _enable_target(self, *_) -> None:
        for widget in (self.patient_choice, self.eye_choice):
            widget.setEnabled(self.to_patient.isChecked())

    def apply(self) -> None:
        photo_id, reason = self.photo.currentData(), self.reason.text()
        try:
            if self.remove.isChecked():
                self.correction = remove_photo(self.store, photo_id, reason)
            elif self.to_other_eye.isChecked():
                other_eye = next(e for e in EYES if e != self.eye)
                self.correction = move_photo(self.store, photo_id, self.patient["id"], other_eye, reason)
            else:
                self.correction = move_photo(self.store, photo_id, self.patient_choice.currentData(),
                                             self.eye_choice.currentData(), reason)
        except StoreError as e:
            self.error.setText(f"⚠ {tr_text(e.args[0])}")
            return
        self.accept()
