"""The camp's patient list with search; opens a patient or registers a new one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.advice import AdviceTable
from desktop.store import Store
from desktop.ui import plain
from desktop.ui.i18n import tr_grade, tr_text
from desktop.ui.patient_form import sex_name

NAME_COLUMN, OUTCOME_COLUMN = 1, 6


class PatientsScreen(QWidget):
    patient_opened = Signal(dict)
    new_patient = Signal()
    back = Signal()

    def __init__(self, store: Store, advice: AdviceTable):
        super().__init__()
        self.store, self.advice, self.camp = store, advice, None
        self.title = plain.label(objectName="screenTitle")
        self.search = QLineEdit(placeholderText=self.tr("Search by patient ID, name or phone…"),
                                clearButtonEnabled=True)
        self.add_button = QPushButton(self.tr("+ New patient"))
        self.add_button.setObjectName("primary")
        back = QPushButton(self.tr("◀ Camps"))
        columns = [self.tr("Patient ID"), self.tr("Name"), self.tr("Age"), self.tr("Sex"), self.tr("Right eye"),
                   self.tr("Left eye"), self.tr("Outcome")]
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.Stretch)
        header.setMinimumSectionSize(110)
        self.empty = plain.label(self.tr("No patients yet. Press “+ New patient” to register the first one."),
                                 objectName="hint")
        self.hint = plain.label(self.tr("Double-click a patient to open their photos and results."),
                                objectName="hint")

        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.title, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.hint)

        back.clicked.connect(self.back)
        self.add_button.clicked.connect(self.new_patient)
        self.search.textChanged.connect(self.refresh)
        self.table.cellDoubleClicked.connect(self._open_row)
        self.table.itemActivated.connect(lambda item: self._open_row(item.row()))

    def show_camp(self, camp: dict) -> None:
        self.camp = camp
        self.title.setText(self.tr("{site} — {date} — operator {operator}").format(**camp))
        self.search.clear()
        self.refresh()

    def refresh(self) -> None:
        patients = self.store.patients(self.camp["id"], self.search.text())
        self.table.setRowCount(len(patients))
        for row, p in enumerate(patients):
            by_eye = self.store.patient_results(p["id"])
            outcome = self.advice.outcome(by_eye["right"], by_eye["left"])
            eyes = [tr_grade(s.grade) if s else "—" for s in (outcome.eyes["right"], outcome.eyes["left"])]
            cells = [p["patient_code"], p["name"], str(p["age"]), sex_name(p["sex"]), *eyes, tr_text(outcome.title)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, p)
                if col == OUTCOME_COLUMN:
                    item.setForeground(QColor(outcome.colour))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        self.empty.setVisible(not patients)
        self.hint.setVisible(bool(patients))

    def _open_row(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item:
            self.patient_opened.emit(item.data(Qt.UserRole))
