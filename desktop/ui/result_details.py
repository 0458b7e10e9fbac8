"""Details of one grading: the raw head outputs behind the combined score, for review.

The eye panel shows the decision (grade, refer, likelihood); the three heads that the
combiner weighs into the score, and the cut points that turn the score into a grade,
are here, so nobody reads a single head (e.g. the classifier's "No DR 44 %") as the
result.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QProgressBar, QVBoxLayout

from desktop.ui import plain
from desktop.ui.i18n import tr_grade
from fundus.bundle import Bundle
from fundus.grades import NUM_GRADES


class ResultDetails(QDialog):
    def __init__(self, result: dict, bundle: Bundle | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Details of the grading"))
        self.setMinimumWidth(560)
        heads = result.get("heads") or {}
        same_model = bundle is not None and (bundle.name, bundle.version) == (result["model_name"],
                                                                              result["model_version"])
        form = QFormLayout()
        form.addRow(self.tr("Model"), plain.label(f"{result['model_name']} {result['model_version']}"))
        form.addRow(self.tr("Combined score"), plain.label(self.tr("{score} → grade {grade}").format(
            score=f"{result['score']:.3f}", grade=tr_grade(result["grade"]))))
        if same_model:
            combiner = bundle.combiner
            steps = [self.tr("{grade} from {cut}").format(grade=tr_grade(g + 1), cut=f"{c:.2f}")
                     for g, c in enumerate(combiner.cut_points)]
            form.addRow(self.tr("Cut points"), plain.label(" · ".join(steps), wordWrap=True))
            if combiner.referral_threshold is not None:
                form.addRow(self.tr("Referral threshold"), plain.label(self.tr(
                    "refer from {threshold}, whatever the grade (the screening point, set for sensitivity "
                    "on calibration photos)").format(threshold=f"{combiner.referral_threshold:.2f}"),
                    wordWrap=True))
            weights = ", ".join(f"{w:.3f}" for w in combiner.weights)
            form.addRow(self.tr("Combiner"), plain.label(self.tr(
                "score = weights ({weights}) · [regression, classifier's expected grade, sum of ordinal] "
                "+ {bias}").format(weights=weights, bias=f"{combiner.bias:.3f}"), wordWrap=True))
        if heads:
            form.addRow(self.tr("Regression head"), plain.label(f"{heads['regression']:.3f}"))
            ordinal = " · ".join(f"P(> {k}) {p:.2f}" for k, p in enumerate(heads["ordinal"]))
            form.addRow(self.tr("Ordinal head"), plain.label(ordinal, wordWrap=True))
        probabilities = heads.get("classification") or result.get("probabilities")
        if probabilities:
            form.addRow(plain.label(self.tr("Classifier head, per grade (one of the three inputs of the score, "
                                       "not the result):"), objectName="hint", wordWrap=True))
            for grade in range(NUM_GRADES):
                bar = QProgressBar(maximum=100, value=round(100 * probabilities[grade]), format="%p%")
                form.addRow(tr_grade(grade), bar)
        if not heads:
            form.addRow(plain.label(self.tr("The regression and ordinal outputs were not stored for this result "
                                       "(graded by an older version of dr-screen)."), wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
