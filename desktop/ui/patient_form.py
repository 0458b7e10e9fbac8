"""New-patient form. The store validates; the form shows its message next to the buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
                               QPlainTextEdit)

from desktop.store import SEXES, Store, StoreError
from desktop.ui import plain
from desktop.ui.i18n import tr_text
from fundus.text import QT_TRANSLATE_NOOP

SEX_NAMES = {"female": QT_TRANSLATE_NOOP("PatientForm", "Female"), "male": QT_TRANSLATE_NOOP("PatientForm", "Male"),
             "other": QT_TRANSLATE_NOOP("PatientForm", "Other")}


def sex_name(sex: str) -> str:
    """The stored sex ("female") as the technician reads it."""
    return tr_text(SEX_NAMES[sex]) if sex in SEX_NAMES else sex


class PatientForm(QDialog):
    def __init__(self, store: Store, camp_id: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New patient"))
        self.store, self.camp_id, self.patient = store, camp_id, None
        self.code = QLineEdit(placeholderText=self.tr("ID card or register number"))
        self.name = QLineEdit()
        self.age = QLineEdit(placeholderText=self.tr("years"))
        self.sex = QComboBox()
        self.sex.addItem(self.tr("— choose —"), "")
        for value in SEXES:
            self.sex.addItem(sex_name(value), value)
        self.diabetes_years = QLineEdit(placeholderText=self.tr("years (optional)"))
        self.phone = QLineEdit(placeholderText=self.tr("optional"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.error = plain.label(objectName="error", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("Save patient"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        form = QFormLayout(self)
        form.addRow(self.tr("Patient ID *"), self.code)
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Age *"), self.age)
        form.addRow(self.tr("Sex *"), self.sex)
        form.addRow(self.tr("Diabetes (years)"), self.diabetes_years)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Notes"), self.notes)
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
            self.error.setText(f"⚠ {tr_text(e.args[0])}")
            return
        self.accept()
