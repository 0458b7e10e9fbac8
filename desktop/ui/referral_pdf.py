"""The referral slip as a one-page A4 PDF, drawn with Qt's own PDF writer (QPdfWriter).

The only print code of the app: the window's "Referral slip" button and `python -m
desktop referral` both call `write_pdf`. The page is an HTML document laid out by
QTextDocument (so Hindi is shaped like the window's text) and painted onto the PDF at
300 dpi; photos and heat maps go in at print resolution. Everything a person typed
(names, the programme's advice texts) is escaped.
"""

from __future__ import annotations

import html
import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QSize, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from desktop.referral import EyeOnSlip, Slip
from desktop.store import EYES
from desktop.ui.eye_panel import percent, scaled_image
from desktop.ui.i18n import tr_grade, tr_reason, tr_text
from desktop.ui.patient_form import sex_name

DPI = 300
LAYOUT_DPI = 96  # the document is laid out in screen pixels, then scaled to the page
IMAGE = QSize(520, 520)  # pixels embedded per photo: about 300 dpi at the printed size
SHOWN_PX = 165  # printed width of a photo, in layout pixels (about 4.4 cm)
MARGIN_MM = 12
STYLE = "h1 { font-size: 18pt; } td { padding: 3px; } .small { font-size: 8pt; }"


class SlipTooLongError(ValueError):
    """The slip would not fit on one page (e.g. a programme's very long advice text)."""


def write_pdf(slip: Slip, path: str | os.PathLike, model_warning: str | None = None) -> None:
    """Write the slip to `path` (replaced atomically: a failed write leaves no half PDF)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        ReferralSlip(slip, model_warning).render(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def e(text) -> str:
    return html.escape(str(text))


class ReferralSlip(QObject):
    """One slip's page; a QObject so that its texts translate in the context "ReferralSlip"."""

    def __init__(self, slip: Slip, model_warning: str | None = None):
        super().__init__()
        self.slip, self.model_warning = slip, model_warning

    def render(self, path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Millimeter)
        writer.setResolution(DPI)
        writer.setTitle(self.tr("Referral slip"))
        writer.setCreator("dr-screen")
        scale = DPI / LAYOUT_DPI
        page = writer.pageLayout().paintRectPixels(DPI)
        document = self.document()
        document.setTextWidth(page.width() / scale)
        if document.size().height() > page.height() / scale:
            raise SlipTooLongError(self.tr("The referral slip does not fit on one page; shorten the advice texts "
                                           "in advice.json."))
        painter = QPainter(writer)
        try:
            painter.scale(scale, scale)
            document.drawContents(painter)
        finally:
            painter.end()

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(STYLE)
        for eye, on_slip in self.slip.eyes.items():
            for kind, image in _images(on_slip).items():
                document.addResource(QTextDocument.ImageResource, QUrl(f"slip:{eye}-{kind}"), image)
        document.setHtml(self.html())
        return document

    def html(self) -> str:
        camp, patient, outcome = self.slip.camp, self.slip.patient, self.slip.outcome
        details = [self.tr("{age} years").format(age=patient["age"]), sex_name(patient["sex"])]
        if patient["diabetes_years"] is not None:
            details.append(self.tr("diabetes for {years} years").format(years=f"{patient['diabetes_years']:g}"))
        if patient["phone"]:
            details.append(self.tr("phone {phone}").format(phone=patient["phone"]))
        refer = self.tr("REFER to an eye doctor") if outcome.refer else self.tr("No referral needed now")
        camp_line = " · ".join([camp["site"], camp["date"], self.tr("operator {name}").format(name=camp["operator"])])
        models = ", ".join(self.slip.models) or "—"
        caution = self.tr("Caution")
        disclaimer = self.tr("This is a screening result, not a diagnosis.")
        explanation = self.tr("The photos were graded by a computer model to decide who must see an eye doctor. "
                              "Only an eye-care professional can examine the eyes and decide on treatment. Keep "
                              "good control of blood sugar and blood pressure, and come to every rescreening.")
        printed = self.tr("Printed {time} by dr-screen.").format(time=datetime.now().strftime("%Y-%m-%d %H:%M"))
        urgency = self.tr("{refer} · Urgency: {urgency}").format(refer=refer, urgency=tr_text(outcome.urgency))
        heading = self.tr("Diabetic retinopathy screening: referral slip")
        graded_by = self.tr("Graded by the model: {models}").format(models=models)
        parts = [
            f"<h1>{e(heading)}</h1>",
            "<table width='100%' cellspacing='0'>",
            _row(self.tr("Patient"), f"<b>{e(patient['patient_code'])} · {e(patient['name'])}</b> · "
                                     + e(" · ".join(details))),
            _row(self.tr("Screening camp"), e(camp_line)),
            "</table><br>",
            f"<table width='100%' cellspacing='0' cellpadding='8'><tr><td bgcolor='{e(outcome.colour)}'>"
            f"<span style='color: white; font-size: 16pt; font-weight: bold;'>{e(tr_text(outcome.title))}</span>"
            f"<br><span style='color: white; font-size: 12pt;'>{e(urgency)}</span></td></tr></table>",
            "<table width='100%' cellspacing='0'>",
            _row(self.tr("Advice"), e(tr_text(outcome.advice))),
            _row(self.tr("Go to"), e(tr_text(self.slip.referral_centre))) if outcome.refer else "",
            "</table><br>",
            "<table width='100%' cellspacing='0' cellpadding='4' border='1'><tr>",
            *[f"<td width='50%' valign='top'>{self.eye_html(eye, self.slip.eyes[eye])}</td>" for eye in EYES],
            "</tr></table><br>",
            f"<p class='small'>{e(graded_by)}",
            f"<br><b>{e(caution)}:</b> {e(tr_text(self.model_warning))}" if self.model_warning else "",
            "</p>",
            f"<p class='small'><b>{e(disclaimer)}</b> {e(explanation)}</p>",
            f"<p class='small'>{e(printed)}</p>",
        ]
        return "".join(parts)

    def eye_html(self, eye: str, on_slip: EyeOnSlip) -> str:
        title = self.tr("RIGHT EYE (OD)") if eye == "right" else self.tr("LEFT EYE (OS)")
        if on_slip.result is None:
            none = self.tr("No graded photo")
            return f"<b>{e(title)}</b><br>{e(none)}"
        images = [f"<img src='slip:{eye}-{kind}' width='{SHOWN_PX}'>" for kind, present in
                  (("photo", on_slip.photo is not None), ("heat", bool(on_slip.overlay_png))) if present]
        result, summary = on_slip.result, on_slip.summary
        lines = [f"<b>{e(title)}</b>", "&nbsp;".join(images)]
        if summary.key == "screen_positive":
            refer = self.tr("refer: yes (score above the screening threshold, DR not ruled out)")
        else:
            refer = self.tr("refer: yes") if summary.referable else self.tr("refer: no")
        if summary.gradable:
            grade = self.tr("Grade: {grade}").format(grade=tr_grade(summary.grade))
            lines.append(f"<b>{e(grade)}</b> · {e(refer)}")
        else:
            reasons = "; ".join(tr_reason(r) for r in result["reasons"])
            ungradable = self.tr("UNGRADABLE")
            lines.append(f"<b>{e(ungradable)}</b> · {e(refer)}<br>{e(reasons)}")
        if result["gradable"]:
            likelihood = result["referable_probability"]
            lines.append(e(self.tr("Likelihood of referable DR: not available for this model") if likelihood is None
                           else self.tr("Likelihood of referable DR: {percent}").format(percent=percent(likelihood))))
        if on_slip.photo_count > 1:
            lines.append(e(self.tr("From %n photo(s); the worst grade counts.", "", on_slip.photo_count)))
        return "<br>".join(lines)


def _row(label: str, value_html: str) -> str:
    return f"<tr><td width='22%' valign='top'><b>{e(label)}</b></td><td>{value_html}</td></tr>"


def _images(on_slip: EyeOnSlip) -> dict[str, QImage]:
    images = {}
    if on_slip.photo is not None:
        images["photo"] = scaled_image(photo=on_slip.photo, size=IMAGE)
    if on_slip.overlay_png:
        images["heat"] = scaled_image(png=on_slip.overlay_png, size=IMAGE)
    return {kind: image for kind, image in images.items() if not image.isNull()}
