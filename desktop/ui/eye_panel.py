"""One eye: add a photo (button, drag and drop, camera folder), see its grading, correct it.

The result says what the decision rests on: the grade from the model's combined
score, refer yes/no, and the calibrated likelihood of referable DR when the model
carries one (else it says that it has none; no number is made up). The raw head
outputs behind the score are in the Details dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from desktop.advice import EyeSummary
from desktop.ui import plain
from desktop.ui.i18n import tr_grade, tr_reason, tr_text
from fundus.grades import REFERABLE_GRADE

THUMB = QSize(340, 340)  # decoded once at this size, shown at what the panel has room for
MIN_SIDE, MAX_SIDE = 120, 340
TEXT_MIN_WIDTH = 250  # the result text beside the two images


def scaled_image(path: Path | None = None, png: bytes | None = None, photo: bytes | None = None,
                 size: QSize = THUMB) -> QImage:
    """A camera photo (a file, or the decrypted bytes of a stored one) or PNG bytes at `size`:
    JPEGs are scaled by Qt's reader while decoding."""
    if png is not None:
        return QImage.fromData(png).scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    if photo is not None:
        buffer = QBuffer()
        buffer.setData(QByteArray(photo))
        buffer.open(QBuffer.ReadOnly)
        reader = QImageReader(buffer)
    else:
        reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.KeepAspectRatio))
    return reader.read()


def percent(value: float) -> str:
    return f"{100 * value:.0f}\u00a0%"  # a no-break space: the "%" never wraps onto a line of its own


class ImageLabel(QLabel):
    """A photo or heat map drawn as large as the label's place allows (up to its maximum size)."""

    def __init__(self, **properties):
        super().__init__(alignment=Qt.AlignCenter, textFormat=Qt.PlainText, **properties)
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self.image: QImage | None = None  # decoded once, at THUMB size

    def show_image(self, image: QImage | None) -> None:
        self.image = image
        self._draw()

    # what it shows (a smaller pixmap, wrapped text) never shrinks what it asks for
    def sizeHint(self) -> QSize:
        return self.maximumSize()

    def minimumSizeHint(self) -> QSize:
        return self.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.image is not None:
            self._draw()

    def _draw(self) -> None:
        if self.image is None:
            self.setPixmap(QPixmap())  # and the drop hint's text, if any, is set after
            return
        side = min(self.width(), self.height())
        self.setPixmap(QPixmap.fromImage(self.image.scaled(side, side, Qt.KeepAspectRatio, Qt.SmoothTransformation)))


class EyePanel(QFrame):
    files_dropped = Signal(str, list)  # eye, [paths]
    browse_requested = Signal(str)
    camera_requested = Signal(str)
    correct_requested = Signal(str)
    details_requested = Signal(str)

    def __init__(self, eye: str):
        super().__init__()
        self.eye = eye
        self.setObjectName("eyePanel")
        self.setAcceptDrops(True)
        titles = {"right": self.tr("RIGHT EYE (OD)"), "left": self.tr("LEFT EYE (OS)")}
        title = plain.label(titles[eye], objectName="eyeTitle")
        self.browse = QPushButton(self.tr("Add photo…"))
        self.camera = QPushButton(self.tr("From camera folder"))
        self.correct = QPushButton(self.tr("Remove or move…"))
        self.correct.setToolTip(self.tr("Photo on the wrong eye or the wrong patient? Remove it or move it, "
                                        "with the reason. Nothing is deleted."))
        self.photo = ImageLabel(objectName="dropZone", wordWrap=True)
        self.heat = ImageLabel()
        self.heat.setToolTip(self.tr("Heat map: red areas influenced the grade most"))
        self.photo_caption = plain.label(self.tr("Photo"), objectName="hint", alignment=Qt.AlignCenter)
        self.heat_caption = plain.wrapped(self.tr("Heat map: red = raised the grade"), objectName="hint",
                                         alignment=Qt.AlignCenter)
        self.error = plain.wrapped(objectName="photoError")
        self.notice = plain.wrapped(objectName="photoNotice")
        self.status = plain.wrapped(objectName="eyeStatus")
        self.refer = plain.wrapped(objectName="refer")
        self.likelihood = plain.wrapped(objectName="likelihood")
        self.basis = plain.wrapped(objectName="hint")
        self.details = QPushButton(self.tr("Details…"))
        self.details.setToolTip(self.tr("The model's raw outputs behind the score"))
        self.count = plain.wrapped(objectName="hint")
        self.retake = plain.wrapped(objectName="retake", alignment=Qt.AlignCenter)

        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.correct)
        buttons = QHBoxLayout()
        buttons.addWidget(self.browse)
        buttons.addWidget(self.camera)
        buttons.addStretch(1)
        images = QGridLayout()  # each caption in its own row under its image: never covered
        images.addWidget(self.photo, 0, 0)
        images.addWidget(self.heat, 0, 1)
        images.addWidget(self.photo_caption, 1, 0)
        images.addWidget(self.heat_caption, 1, 1, Qt.AlignTop)
        images.setRowStretch(2, 1)
        result = QVBoxLayout()
        for widget in (self.status, self.refer, self.likelihood, self.basis):
            result.addWidget(widget)
        result.addWidget(self.details, 0, Qt.AlignLeft)
        result.addWidget(self.count)
        result.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(images)
        body.addLayout(result, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)  # room for long texts (Hindi, Spanish) at 720 px
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addLayout(body)
        layout.addWidget(self.retake)
        layout.addStretch(1)
        for label in (self.status, self.refer, self.likelihood, self.basis, self.count, self.error, self.notice):
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # wrap, never widen the panel

        self.browse.clicked.connect(lambda: self.browse_requested.emit(self.eye))
        self.camera.clicked.connect(lambda: self.camera_requested.emit(self.eye))
        self.correct.clicked.connect(lambda: self.correct_requested.emit(self.eye))
        self.details.clicked.connect(lambda: self.details_requested.emit(self.eye))
        self._set_side(MIN_SIDE)
        self.show_empty()

    # ---- image size: as large as the panel allows (1280x720 up to full HD)

    def _set_side(self, side: int) -> None:
        """The images' largest size; the layout gives them less (down to MIN_SIDE) when the texts of
        the panel need the height, rather than growing the window past the laptop's screen."""
        for label in (self.photo, self.heat):
            label.setMaximumSize(side, side)
        self.heat_caption.setFixedWidth(side)

    def _fitting_side(self) -> int:
        by_width = (self.width() - TEXT_MIN_WIDTH) // 2 - 3 * self.layout().spacing()
        return max(MIN_SIDE, min(MAX_SIDE, by_width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        side = self._fitting_side()
        if side != self.photo.maximumWidth():
            self._set_side(side)

    def set_can_grade(self, can: bool) -> None:
        for button in (self.browse, self.camera):
            button.setEnabled(can)
            button.setToolTip("" if can else self.tr("No grading model installed"))

    # ---- states

    def _reset(self) -> None:
        self.heat.show_image(None)
        for widget in (self.heat, self.heat_caption, self.photo_caption, self.retake, self.details, self.refer,
                       self.likelihood, self.basis, self.count):
            widget.hide()
        self.correct.setEnabled(False)
        self.status.setProperty("tone", "")

    def show_empty(self) -> None:
        self._reset()
        self.photo.show_image(None)
        self.photo.setText(self.tr("Drop the photo of this eye here, or use the buttons above"))
        self._set_status(self.tr("No photo yet"), "")

    def show_grading(self, path: Path) -> None:
        self._reset()
        self.photo.show_image(scaled_image(path))
        self._set_status(self.tr("Grading… please wait"), "busy")

    def show_error(self, message: str | None) -> None:
        """A photo that was not used stays explained until the next photo of this eye."""
        self.error.setText(self.tr("⚠ Photo not used: {message}\nChoose another photo or take it again.")
                           .format(message=tr_text(message)) if message else "")
        self.error.setVisible(bool(message))

    def show_notice(self, message: str | None) -> None:
        """A doubt about the photo shown (e.g. its file name says the other eye)."""
        self.notice.setText(f"⚠ {message}" if message else "")
        self.notice.setVisible(bool(message))

    def show_result(self, photo: bytes, result: dict, overlay_png: bytes | None,
                    summary: EyeSummary | None, photo_count: int) -> None:
        self._reset()
        self.correct.setEnabled(True)
        self.photo.show_image(scaled_image(photo=photo))
        self.photo_caption.show()
        if overlay_png:
            self.heat.show_image(scaled_image(png=overlay_png))
            for widget in (self.heat, self.heat_caption):
                widget.show()
        if result["gradable"]:
            self._set_status(tr_grade(result["grade"]), "refer" if result["referable"] else "ok")
            self.refer.setText(self.refer_text(result))
            self.likelihood.setText(self.likelihood_text(result["referable_probability"]))
            self.basis.setText(self.tr("Grade from the model's combined score: {score}")
                               .format(score=f"{result['score']:.2f}"))
            for widget in (self.refer, self.likelihood, self.basis, self.details):
                widget.show()
        else:
            self._set_status(self.tr("UNGRADABLE"), "bad")
            reasons = "; ".join(tr_reason(r) for r in result["reasons"])
            if summary is not None and summary.key == "ungradable_again":  # a retake failed too: no third try
                self.retake.setText(self.tr("The retake is ungradable too.\nReason: {reasons}\nRefer to eye "
                                            "doctor: YES, within 1 month.").format(reasons=reasons))
            else:
                self.retake.setText(self.tr("↻ RETAKE this photo now, while the patient is here, and add it with "
                                            "the buttons above.\nReason: {reasons}\nRefer to eye doctor: YES, if "
                                            "the retake is still ungradable.").format(reasons=reasons))
            self.retake.show()
        if photo_count > 1 and summary is not None:
            self.count.setText(self.tr("Eye result from %n photo(s): {grade}", "", photo_count)
                               .format(grade=tr_grade(summary.grade)))
            self.count.show()

    def refer_text(self, result: dict) -> str:
        if not result["referable"]:
            return self.tr("Refer to eye doctor: no")
        if result["grade"] >= REFERABLE_GRADE:
            return self.tr("Refer to eye doctor: YES")
        return self.tr("Refer to eye doctor: YES (score above the screening threshold)")  # the advice says more

    def likelihood_text(self, probability: float | None) -> str:
        if probability is None:
            return self.tr("Likelihood of referable DR: not available for this model")
        return self.tr("Likelihood of referable DR: {percent}").format(percent=percent(probability))

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
