"""Typed text is shown as typed: labels and message boxes in plain-text mode, with our own button texts.

A QLabel or QMessageBox in Qt's default AutoText mode renders text that starts like HTML
as rich text: a patient named `<h1 style='color:green'>No DR, no referral</h1>` would
become a green heading over the real result. Every label of the window is made in
Qt.PlainText (`label`, `wrapped`), every message box goes through `inform`, `warn`,
`critical`, `ask` or `message` here, and a tool tip that may quote typed text through
`set_tooltip` (tests/test_plain_text.py checks them); the few rich texts (the About box)
escape what they insert. The buttons carry the app's translations: Qt ships no Hindi
for its own "OK", "Yes" and "No".
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget

from desktop.ui.i18n import tr_text
from fundus.text import QT_TRANSLATE_NOOP

OK, CANCEL = QT_TRANSLATE_NOOP("Messages", "OK"), QT_TRANSLATE_NOOP("Messages", "Cancel")
YES, NO = QT_TRANSLATE_NOOP("Messages", "Yes"), QT_TRANSLATE_NOOP("Messages", "No")


def label(text: str = "", **properties) -> QLabel:
    return QLabel(text, textFormat=Qt.PlainText, **properties)


class WrappedLabel(QLabel):
    """Plain text wrapped to the label's width and never cut: its minimum height is what that width
    needs, so a long text (Hindi and Spanish wrap more) makes room, growing the window if it must,
    rather than losing lines (Qt's own minimum is one line)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.heightForWidth(self.width())) if self.width() > 0 else hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # another width, another number of lines


def set_tooltip(widget: QWidget, text: str) -> None:
    """A tool tip that shows `text` as typed: Qt has no plain-text tool tips, so it is escaped rich text."""
    widget.setToolTip(f"<qt>{html.escape(text).replace(chr(10), '<br>')}</qt>" if text else "")


def wrapped(text: str = "", **properties) -> WrappedLabel:
    return WrappedLabel(text, textFormat=Qt.PlainText, wordWrap=True, **properties)


def message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
            buttons: list[tuple[str, QMessageBox.ButtonRole]]) -> int | None:
    """Show a plain-text message; returns the index of the button pressed (None: closed)."""
    box = QMessageBox(icon, title, text, QMessageBox.NoButton, parent)
    box.setTextFormat(Qt.PlainText)
    made = [box.addButton(name, role) for name, role in buttons]
    box.setDefaultButton(made[0])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Information, title, text, [(tr_text(OK), QMessageBox.AcceptRole)])


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Warning, title, text, [(tr_text(OK), QMessageBox.AcceptRole)])


def critical(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Critical, title, text, [(tr_text(OK), QMessageBox.AcceptRole)])


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes (True) or No; No is the default, so a stray Enter does nothing."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, parent)
    box.setTextFormat(Qt.PlainText)
    yes = box.addButton(tr_text(YES), QMessageBox.YesRole)
    box.setDefaultButton(box.addButton(tr_text(NO), QMessageBox.NoRole))
    box.exec()
    return box.clickedButton() is yes


def input_dialog(parent: QWidget | None, title: str, text: str) -> QInputDialog:
    """A QInputDialog with a plain-text prompt and translated OK / Cancel; the caller sets its value."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setOkButtonText(tr_text(OK))
    dialog.setCancelButtonText(tr_text(CANCEL))
    for prompt in dialog.findChildren(QLabel):
        prompt.setTextFormat(Qt.PlainText)
        prompt.setWordWrap(True)
    return dialog
