"""First screen: start today's camp session, or continue an earlier one."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from desktop.store import Store, StoreError
from desktop.ui import plain
from desktop.ui.i18n import tr_text


class CampScreen(QWidget):
    camp_opened = Signal(dict)

    def __init__(self, store: Store, model_problem: str | None):
        super().__init__()
        self.store = store
        self.signed_in_name = ""  # what the Operator field was prefilled with
        layout = QVBoxLayout(self)
        layout.addWidget(plain.label(self.tr("Welcome. Start today's camp, or continue an earlier one."),
                                     objectName="screenTitle", wordWrap=True))
        if model_problem:
            warning = QLabel(self.tr(  # rich text: the problem is escaped
                "<b>⚠ No grading model — photos cannot be graded.</b><br>{problem}<br>You can still register "
                "patients, view saved results and export CSV. Ask your supervisor to install the model files in "
                "the <i>models</i> folder, then restart.").format(problem=html.escape(model_problem)))
            warning.setTextFormat(Qt.RichText)
            warning.setObjectName("modelWarning")
            warning.setWordWrap(True)
            layout.addWidget(warning)

        new_box = QGroupBox(self.tr("Start a new camp session"))
        form = QFormLayout(new_box)
        self.site = QLineEdit(placeholderText=self.tr("e.g. PHC Kottur"))
        self.operator = QLineEdit(placeholderText=self.tr("your name"))
        self.date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.start = QPushButton(self.tr("Start camp ▶"))
        self.start.setObjectName("primary")
        self.error = plain.label(objectName="error", wordWrap=True)
        form.addRow(self.tr("Camp site:"), self.site)
        form.addRow(self.tr("Operator:"), self.operator)
        form.addRow(self.tr("Date:"), self.date)
        form.addRow(self.error)
        form.addRow(self.start)

        old_box = QGroupBox(self.tr("Or continue an earlier camp"))
        old = QVBoxLayout(old_box)
        self.camps = QListWidget()
        self.open_button = QPushButton(self.tr("Open selected camp"))
        old.addWidget(self.camps)
        old.addWidget(self.open_button)

        row = QHBoxLayout()
        row.addWidget(new_box, 1)
        row.addWidget(old_box, 1)
        layout.addLayout(row, 1)

        self.start.clicked.connect(self._start)
        self.open_button.clicked.connect(self._open_selected)
        self.camps.itemDoubleClicked.connect(lambda item: self.camp_opened.emit(item.data(Qt.UserRole)))
        self.refresh()

    def signed_in(self, name: str) -> None:
        """The Operator is whoever signed in, unless someone typed another name."""
        if self.operator.text() in ("", self.signed_in_name):
            self.operator.setText(name)
        self.signed_in_name = name

    def refresh(self) -> None:
        self.camps.clear()
        for camp in self.store.camps():
            item = QListWidgetItem(f"{camp['date']}   {camp['site']}   ({camp['operator']})")
            item.setData(Qt.UserRole, camp)
            self.camps.addItem(item)
        self.open_button.setEnabled(self.camps.count() > 0)

    def _start(self) -> None:
        try:
            camp = self.store.create_camp(self.site.text(), self.operator.text(),
                                          self.date.date().toString("yyyy-MM-dd"))
        except StoreError as e:
            self.error.setText(tr_text(e.args[0]))
            return
        self.error.clear()
        self.refresh()
        self.camp_opened.emit(camp)

    def _open_selected(self) -> None:
        item = self.camps.currentItem() or self.camps.item(0)
        if item:
            self.camp_opened.emit(item.data(Qt.UserRole))
