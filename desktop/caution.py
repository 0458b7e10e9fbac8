"""The model's caution in the technician's language, built from the bundle's own numbers. Qt-free.

A publisher attaches a caution to a bundle (`warning` in the signed manifest, converter
`--warning`). That string is English and stays the one logs and the command line show
(`model status`). The window's red banner and the referral slip say it from a
translatable template instead, filled with what the manifest measured on photo sets
from other cameras (`metrics.sets`): how many eyes, the worst share of referable eyes
missed and the worst share of the others referred at the screening threshold, and in
small print the referable-DR AUC of each set. The worst case is taken over the sets
because the camp's camera is none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from fundus.text import QT_TRANSLATE_NOOP, Text

CAUTION = QT_TRANSLATE_NOOP("caution", "Screening support only: this model is not proven to decide referrals on "
                                       "its own. Have a grader read every photo.")
CAUTION_MEASURED = QT_TRANSLATE_NOOP(
    "caution", "Screening support only: this model is not proven to decide referrals on its own. Tested on {eyes} "
               "eye photos from other cameras, it missed up to {missed}% of the eyes that needed an eye doctor, and "
               "also referred up to {extra}% of the eyes that did not. Have a grader read every photo.")
AUC_LINE = QT_TRANSLATE_NOOP("caution", "Referable-DR AUC on photo sets from other cameras ({eyes} eyes): {aucs}.")


@dataclass(frozen=True)
class Measured:
    """What the manifest's `metrics.sets` say, over every set that reports it."""

    eyes: int
    worst_sensitivity: float | None
    worst_specificity: float | None
    aucs: list[float]


def measured(manifest: dict) -> Measured:
    sets = [s for s in ((manifest.get("metrics") or {}).get("sets") or {}).values() if isinstance(s, dict)]

    def numbers(key: str) -> list[float]:
        return [float(s[key]) for s in sets if isinstance(s.get(key), (int, float))]

    sensitivities, specificities = numbers("referable_sensitivity"), numbers("referable_specificity")
    return Measured(eyes=int(sum(numbers("n"))), worst_sensitivity=min(sensitivities, default=None),
                    worst_specificity=min(specificities, default=None), aucs=numbers("referable_auc"))


def banner(manifest: dict) -> Text | None:
    """The caution shown above every screen and on the slip; None when the publisher gave none."""
    if not manifest.get("warning"):
        return None
    m = measured(manifest)
    if m.eyes and m.worst_sensitivity is not None and m.worst_specificity is not None:
        return CAUTION_MEASURED.format(eyes=m.eyes, missed=round(100 * (1 - m.worst_sensitivity)),
                                       extra=round(100 * (1 - m.worst_specificity)))
    return CAUTION


def auc_line(manifest: dict) -> Text | None:
    """Small print for the staff and the eye doctor: each set's referable-DR AUC; None without any."""
    m = measured(manifest)
    if not m.aucs:
        return None
    return AUC_LINE.format(eyes=m.eyes, aucs=", ".join(f"{auc:.2f}" for auc in m.aucs))
