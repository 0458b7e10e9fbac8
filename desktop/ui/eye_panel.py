"""One eye: add a photo (button, drag and drop, camera folder) and see its grading."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from desktop.advice import EyeSummary
from fundus.grades import GRADE_NAMES

THUMB = QSize(190, 190)  # fits a 1366x768 laptop screen
EYE_TITLES = {"right": "RIGHT EYE (OD)", "left": "LEFT EYE (OS)"}


def scaled_pixmap(path: Path | None = None, png: bytes | None = None, photo: bytes | None = None) -> QPixmap:
    """Decode a camera photo (a file, or the decrypted bytes of a stored one) at thumbnail size
    (Qt's JPEG reader scales while decoding)."""
    if png is not None:
        return QPixmap.fromImage(QImage.fromData(png)).scaled(THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    if photo is not None:
        buffer = QBuffer()
        buffer.setData(QByteArray(photo))
        buffer.open(QBuffer.ReadOnly)
        reader = QImageReader(buffer)
    else:
        reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, Qt.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())


class EyePanel(QFrame):
    files_dropped = Signal(str, list)  # eye, [paths]
    browse_requested = Signal(str)
    camera_requested = Signal(str)

    def __init__(self, eye: str):
        super().__init__()
        self.eye = eye
        self.setObjectName("eyePanel")
        self.setAcceptDrops(True)
        title = QLabel(EYE_TITLES[eye], objectName="eyeTitle", alignment=Qt.AlignCenter)
        self.browse = QPushButton("Add photo…")
        self.camera = QPushButton("From camera folder")
        self.photo = QLabel(alignment=Qt.AlignCenter, objectName="dropZone")
        self.photo.setMinimumSize(THUMB)
        self.heat = QLabel(alignment=Qt.AlignCenter)
        self.heat.setMinimumSize(THUMB)
        self.heat.setToolTip("Heat map: red areas influenced the grade most")
        self.captions = QWidget()
        captions = QHBoxLayout(self.captions)
        captions.setContentsMargins(0, 0, 0, 0)
        for text in ("Photo", "Heat map: red = areas that raised the grade"):
            captions.addWidget(QLabel(text, objectName="hint", alignment=Qt.AlignCenter), 1)
        self.status = QLabel(objectName="eyeStatus", wordWrap=True, alignment=Qt.AlignCenter)
        self.detail = QLabel(wordWrap=True, alignment=Qt.AlignCenter)
        self.retake = QLabel(objectName="retake", wordWrap=True, alignment=Qt.AlignCenter)
        self.bars: list[QProgressBar] = []
        probs = QGridLayout()
        probs.setVerticalSpacing(2)
        # The grade comes from the combined score and its screening cut points, so it
        # need not be the tallest bar here: say what the bars are.
        probs.addWidget(QLabel("Classifier head per grade (the grade combines all three heads):",
                               objectName="hint"), 0, 0, 1, 2)
        for row, name in enumerate(GRADE_NAMES):
            bar = QProgressBar(maximum=100, textVisible=True, format="%p%")
            probs.addWidget(QLabel(name), row + 1, 0)
            probs.addWidget(bar, row + 1, 1)
            self.bars.append(bar)
        self.probs = QWidget()
        self.probs.setLayout(probs)

        buttons = QHBoxLayout()
        buttons.addWidget(title, 1)
        buttons.addWidget(self.browse)
        buttons.addWidget(self.camera)
        images = QHBoxLayout()
        images.addWidget(self.photo)
        images.addWidget(self.heat)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(images)
        layout.addWidget(self.captions)
        layout.addWidget(self.status)
        layout.addWidget(self.retake)
        layout.addWidget(self.detail)
        layout.addWidget(self.probs)
        layout.addStretch(1)

        self.browse.clicked.connect(lambda: self.browse_requested.emit(self.eye))
        self.camera.clicked.connect(lambda: self.camera_requested.emit(self.eye))
        self.show_empty()

    def set_can_grade(self, can: bool) -> None:
        for button in (self.browse, self.camera):
            button.setEnabled(can)
            button.setToolTip("" if can else "No grading model installed")

    # ---- states

    def _reset(self) -> None:
        self.heat.clear()
        self.heat.hide()
        self.captions.hide()
        self.retake.hide()
        self.detail.clear()
        self.probs.hide()
        self.status.setProperty("tone", "")

    def show_empty(self) -> None:
        self._reset()
        self.photo.setPixmap(QPixmap())
        self.photo.setText("Drop the photo of this eye here\nor use the buttons above")
        self._set_status("No photo yet", "")

    def show_grading(self, path: Path) -> None:
        self._reset()
        self.photo.setPixmap(scaled_pixmap(path))
        self._set_status("Grading… please wait", "busy")

    def show_error(self, message: str) -> None:
        self._reset()
        self._set_status("⚠ Photo not used", "bad")
        self.detail.setText(f"{message}\nChoose another photo or take it again.")

    def show_result(self, photo: bytes, result: dict, overlay_png: bytes | None,
                    summary: EyeSummary | None, photo_count: int) -> None:
        self._reset()
        self.photo.setPixmap(scaled_pixmap(photo=photo))
        if overlay_png:
            self.heat.setPixmap(scaled_pixmap(png=overlay_png))
            self.heat.show()
            self.captions.show()
        if result["gradable"]:
            refer = "YES" if result["referable"] else "no"
            self._set_status(f"{result['grade_name']}", "refer" if result["referable"] else "ok")
            lines = [f"Refer to eye doctor: {refer}"]
            for bar, p in zip(self.bars, result["probabilities"] or []):
                bar.setValue(round(100 * p))
            self.probs.show()
        else:
            self._set_status("UNGRADABLE", "bad")
            self.retake.setText("↻ RETAKE this photo now, while the patient is here,\n"
                                "and add it with the buttons above.\nReason: " + "; ".join(result["reasons"]))
            self.retake.show()
            lines = ["Refer to eye doctor: YES, if the retake is still ungradable"]
        if photo_count > 1 and summary is not None:
            lines.append(f"Eye result from {photo_count} photos: {summary.grade_name}")
        self.detail.setText("\n".join(lines))

    def _set_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        self.status.setProperty("tone", tone)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    # ---- drag and drop

    def dragEnterEvent(self, event) -> None:
        if self.browse.isEnabled() and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.files_dropped.emit(self.eye, paths)
            event.acceptProposedAction()
