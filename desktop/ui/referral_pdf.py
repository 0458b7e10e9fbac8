"""The referral slip as a one-page A4 PDF, drawn with Qt's own PDF writer (QPdfWriter).

The only print code of the app: the window's "Referral slip" button and `python -m
desktop referral` both call `write_pdf`. The page is an HTML document laid out by
QTextDocument (so Hindi is shaped like the window's text) and painted onto the PDF at
300 dpi; photos and heat maps go in at print resolution. Everything a person typed
(names, the hospital, the programme's advice texts) is escaped.

The slip talks to the patient, in the patient's language: what was found, what to do and
how soon, where to go (desktop/advice.py's patient texts). The grades, likelihoods, the
model and its caution are small print at the bottom, for the staff and the eye doctor.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QSize, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from desktop import caution
from desktop.advice import EYE_FINDINGS
from desktop.referral import EyeOnSlip, Slip
from desktop.store import EYES
from desktop.ui.eye_panel import percent, scaled_image
from desktop.ui.i18n import tr_grade, tr_reason, tr_text
from desktop.ui.patient_form import sex_name
from fundus.bundle import Bundle

DPI = 300
LAYOUT_DPI = 96  # the document is laid out in screen pixels, then scaled to the page
IMAGE = QSize(520, 520)  # pixels embedded per photo: about 300 dpi at the printed size
SHOWN_PX = 165  # printed width of a photo, in layout pixels (about 4.4 cm)
MARGIN_MM = 12
STYLE = "h1 { font-size: 18pt; } td { padding: 3px; } .small { font-size: 8pt; }"


class SlipTooLongError(ValueError):
    """The slip would not fit on one page (e.g. a programme's very long advice text)."""


def write_pdf(slip: Slip, path: str | os.PathLike, bundle: Bundle | None = None) -> None:
    """Write the slip to `path` (replaced atomically: a failed write leaves no half PDF); `bundle`: the
    model in use, whose caution the small print repeats."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        ReferralSlip(slip, bundle).render(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# What xdg-open falls back to for a file type with no program of its own (it tries $BROWSER too).
BROWSERS = ("x-www-browser", "firefox", "chromium", "chromium-browser", "google-chrome")


def pdf_viewer_found() -> bool:
    """Whether this computer has a program to open a PDF with. On Linux, xdg-open starts without
    error whatever happens next, so ask xdg-mime for the PDF program (or a browser xdg-open would
    try); elsewhere the system always has one, or QDesktopServices.openUrl says it failed."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("BROWSER") or any(shutil.which(b) for b in BROWSERS):
        return True
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None:
        return False
    try:
        answer = subprocess.run([xdg_mime, "query", "default", "application/pdf"], capture_output=True, text=True,
                                timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(answer.stdout.strip())


def e(text) -> str:
    return html.escape(str(text))


class ReferralSlip(QObject):
    """One slip's page; a QObject so that its texts translate in the context "ReferralSlip"."""

    def __init__(self, slip: Slip, bundle: Bundle | None = None):
        super().__init__()
        self.slip = slip
        self.caution = caution.banner(bundle.manifest) if bundle else None
        self.auc_line = caution.auc_line(bundle.manifest) if bundle else None

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
        """The patient's part (what was found, what to do and how soon, where to go, in plain words),
        then small print for the staff and the eye doctor (grades, likelihoods, the model and its caution)."""
        camp, patient, outcome = self.slip.camp, self.slip.patient, self.slip.outcome
        details = [self.tr("{age} years").format(age=patient["age"]), sex_name(patient["sex"])]
        if patient["diabetes_years"] is not None:
            details.append(self.tr("diabetes for {years} years").format(years=f"{patient['diabetes_years']:g}"))
        if patient["phone"]:
            details.append(self.tr("phone {phone}").format(phone=patient["phone"]))
        camp_line = " · ".join([camp["site"], camp["date"], self.tr("screened by {name}").format(name=camp["operator"])])
        heading = self.tr("Eye check for diabetes: your result")
        general = self.tr("This is a screening result, not a diagnosis: only an eye doctor can examine your eyes "
                          "and decide on treatment. Keep good control of your blood sugar and blood pressure, and "
                          "come to every eye check.")
        parts = [
            f"<h1>{e(heading)}</h1>",
            "<table width='100%' cellspacing='0'>",
            _row(self.tr("Patient"), f"<b>{e(patient['patient_code'])} · {e(patient['name'])}</b> · "
                                     + e(" · ".join(details))),
            _row(self.tr("Screened at"), e(camp_line)),
            "</table><br>",
            f"<table width='100%' cellspacing='0' cellpadding='8'><tr><td bgcolor='{e(outcome.colour)}'>"
            f"<span style='color: white; font-size: 16pt; font-weight: bold;'>{e(tr_text(outcome.patient_finding))}"
            f"</span><br><span style='color: white; font-size: 13pt;'>{e(tr_text(outcome.patient_advice))}</span>"
            "</td></tr></table>",
            self.go_to() if outcome.refer else "",
            "<br><table width='100%' cellspacing='0' cellpadding='4' border='1'><tr>",
            *[f"<td width='50%' valign='top'>{self.eye_html(eye, self.slip.eyes[eye])}</td>" for eye in EYES],
            "</tr></table>",
            f"<p>{e(general)}</p>",
            f"<p class='small'>{self.staff_html()}</p>",
        ]
        return "".join(parts)

    def go_to(self) -> str:
        take = self.tr("Take this slip with you.")
        return ("<table width='100%' cellspacing='0' cellpadding='4'>"
                + _row(self.tr("Go to"), f"<span style='font-size: 13pt;'><b>{e(tr_text(self.slip.referral_centre))}"
                                         f"</b></span><br>{e(take)}")
                + "</table>")

    def eye_html(self, eye: str, on_slip: EyeOnSlip) -> str:
        """What the patient reads about one eye: its photos and, in plain words, what they showed."""
        title = self.tr("RIGHT EYE (OD)") if eye == "right" else self.tr("LEFT EYE (OS)")
        if on_slip.result is None:
            none = self.tr("No graded photo")
            return f"<b>{e(title)}</b><br>{e(none)}"
        images = [f"<img src='slip:{eye}-{kind}' width='{SHOWN_PX}'>" for kind, present in
                  (("photo", on_slip.photo is not None), ("heat", bool(on_slip.overlay_png))) if present]
        found = self.tr("Found: {finding}").format(finding=tr_text(EYE_FINDINGS[on_slip.summary.key]))
        return "<br>".join([f"<b>{e(title)}</b>", "&nbsp;".join(images), e(found)])

    def staff_html(self) -> str:
        """Small print for the staff and the eye doctor: each eye's grade, the model and its caution."""
        heading = self.tr("For the eye doctor and the staff:")
        lines = [f"<b>{e(heading)}</b>"]
        for eye in EYES:
            on_slip = self.slip.eyes[eye]
            if on_slip.result is not None:
                lines.append(e(self.eye_technical(eye, on_slip)))
        models = ", ".join(self.slip.models) or "—"
        lines.append(e(self.tr("Graded by the model: {models}").format(models=models)))
        if self.caution:
            lines.append(e(tr_text(self.caution)))
        if self.auc_line:
            lines.append(e(tr_text(self.auc_line)))
        lines.append(e(self.tr("Printed {time} by dr-screen.").format(time=datetime.now().strftime("%Y-%m-%d %H:%M"))))
        return "<br>".join(lines)

    def eye_technical(self, eye: str, on_slip: EyeOnSlip) -> str:
        title = self.tr("Right eye (OD)") if eye == "right" else self.tr("Left eye (OS)")
        result, summary = on_slip.result, on_slip.summary
        if summary.key == "screen_positive":
            refer = self.tr("refer: yes (score above the screening threshold, DR not ruled out)")
        else:
            refer = self.tr("refer: yes") if summary.referable else self.tr("refer: no")
        if summary.gradable:
            parts = [self.tr("Grade: {grade}").format(grade=tr_grade(summary.grade)), refer]
        else:
            reasons = "; ".join(tr_reason(r) for r in result["reasons"])
            parts = [self.tr("UNGRADABLE"), refer, reasons]
        if result["gradable"]:
            likelihood = result["referable_probability"]
            parts.append(self.tr("Likelihood of referable DR: not available for this model") if likelihood is None
                         else self.tr("Likelihood of referable DR: {percent}").format(percent=percent(likelihood)))
        if on_slip.photo_count > 1:
            parts.append(self.tr("From %n photo(s); the worst grade counts.", "", on_slip.photo_count))
        return f"{title}: " + " · ".join(parts)


def _row(label: str, value_html: str) -> str:
    return f"<tr><td width='22%' valign='top'><b>{e(label)}</b></td><td>{value_html}</td></tr>"


def _images(on_slip: EyeOnSlip) -> dict[str, QImage]:
    images = {}
    if on_slip.photo is not None:
        images["photo"] = scaled_image(photo=on_slip.photo, size=IMAGE)
    if on_slip.overlay_png:
        images["heat"] = scaled_image(png=on_slip.overlay_png, size=IMAGE)
    return {kind: image for kind, image in images.items() if not image.isNull()}
