"""New-patient form. The store validates; the form shows its message next to the buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit)

from desktop.store import Store, StoreError

SEX_CHOICES = [("— choose —", ""), ("Female", "female"), ("Male", "male"), ("Other", "other")]


class PatientForm(QDialog):
    def __init__(self, store: Store, camp_id: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New patient")
        self.store, self.camp_id, self.patient = store, camp_id, None
        self.code = QLineEdit(placeholderText="ID card or register number")
        self.name = QLineEdit()
        self.age = QLineEdit(placeholderText="years")
        self.sex = QComboBox()
        for label, value in SEX_CHOICES:
            self.sex.addItem(label, value)
        self.diabetes_years = QLineEdit(placeholderText="years (optional)")
        self.phone = QLineEdit(placeholderText="optional")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.error = QLabel(objectName="error", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("Save patient")
        self.save_button = buttons.button(QDialogButtonBox.Save)
        form = QFormLayout(self)
        form.addRow("Patient ID *", self.code)
        form.addRow("Name *", self.name)
        form.addRow("Age *", self.age)
        form.addRow("Sex *", self.sex)
        form.addRow("Diabetes (years)", self.diabetes_years)
        form.addRow("Phone", self.phone)
        form.addRow("Notes", self.notes)
        form.addRow(self.error)
        form.addRow(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)

    def save(self) -> None:
        try:
            self.patient = self.store.add_patient(
                self.camp_id, self.code.text(), self.name.text(), self.age.text(), self.sex.currentData(),
                self.diabetes_years.text(), self.phone.text(), self.notes.toPlainText())
        except StoreError as e:
            self.error.setText(f"⚠ {e}")
            return
        self.accept()
