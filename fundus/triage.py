"""Triage bands: a decision layer on the combined score (issue 20).

A policy is two score thresholds. An eye scoring below `clear_below` is `clear` (no
referable DR found: rescreen at the programme's interval), one at or above
`urgent_from` is `urgent` (likely sight-threatening: refer now), one between is
`refer` (possible referable DR: a grader or eye doctor confirms). A photo the app
cannot grade is `ungradable` (and referred, as always). The grade keeps its own
(QWK) cut points: band and grade are two readings of one score.

A bundle's manifest may carry a "triage" section (written by `python -m converter
triage`): named policies, each with its thresholds, how they were set, and the share
of grade 0-1, 2 and 3-4 eyes it puts in each band on every reported set, plus the
default policy's name. fundus.bundle validates it; `plain_numbers` turns a policy's
rates into the sentence a programme reads before choosing it.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from fundus.metrics import bootstrap_ci

URGENT, REFER, CLEAR, UNGRADABLE = "urgent", "refer", "clear", "ungradable"
BANDS = (URGENT, REFER, CLEAR, UNGRADABLE)
# Grade groups the rates are given for: no referable DR, moderate, sight-threatening.
HEALTHY, MODERATE, SIGHT_THREATENING = "grade 0-1", "grade 2", "grade 3-4"
GRADE_GROUPS = {HEALTHY: (0, 1), MODERATE: (2,), SIGHT_THREATENING: (3, 4)}


def is_referred(band: str) -> bool:
    """Every band but `clear` goes on to a grader or an eye doctor (ungradable too)."""
    return band != CLEAR


@dataclass(frozen=True)
class Policy:
    """clear: score < clear_below; urgent: score >= urgent_from; refer: between."""
    name: str
    clear_below: float
    urgent_from: float

    def __post_init__(self):
        if not (math.isfinite(self.clear_below) and math.isfinite(self.urgent_from)):
            raise ValueError(f"triage policy {self.name!r}: thresholds must be finite numbers")
        if self.clear_below > self.urgent_from:
            raise ValueError(f"triage policy {self.name!r}: clear_below {self.clear_below} is above "
                             f"urgent_from {self.urgent_from}; they must be ordered")

    def bands(self, scores) -> np.ndarray:
        """The band of each score; None or NaN (no score: the photo was ungradable) is `ungradable`."""
        s = np.array([np.nan if v is None else v for v in np.atleast_1d(scores)], np.float64)
        out = np.full(s.shape, REFER, dtype=object)
        out[s < self.clear_below] = CLEAR
        out[s >= self.urgent_from] = URGENT
        out[np.isnan(s)] = UNGRADABLE
        return out

    def band(self, score: float | None) -> str:
        return str(self.bands([score])[0])


@dataclass(frozen=True)
class Triage:
    """A manifest's "triage" section: its policies and the default one."""
    policies: Mapping[str, Policy]
    default: str
    section: dict  # as written: the thresholds' rules, what they were set on, the measured rates

    @classmethod
    def from_dict(cls, d: Mapping) -> Triage:
        """Raises ValueError (with what is wrong) for a section the app must not use."""
        if not isinstance(d, Mapping) or not isinstance(d.get("policies"), Mapping) or not d["policies"]:
            raise ValueError("triage needs a non-empty 'policies' object")
        try:
            policies = {str(name): Policy(str(name), float(p["clear_below"]), float(p["urgent_from"]))
                        for name, p in d["policies"].items()}
        except (KeyError, TypeError) as e:
            raise ValueError(f"every triage policy needs numbers clear_below and urgent_from ({e})") from None
        default = d.get("default")
        if default not in policies:
            raise ValueError(f"triage default {default!r} is not one of its policies {sorted(policies)}")
        return cls(policies, default, dict(d))

    def policy(self, name: str | None = None) -> Policy:
        name = self.default if name is None else name
        if name not in self.policies:
            raise KeyError(f"no triage policy {name!r} in this bundle (it has {', '.join(sorted(self.policies))})")
        return self.policies[name]

    def rates(self, name: str | None = None) -> dict:
        """set -> grade group -> {"n", band -> {"share", "ci95"}} as measured for the policy ({} if none)."""
        name = self.default if name is None else name
        return (self.section["policies"][name].get("rates") or {})


def grade_group(grade: int) -> str:
    return next(group for group, grades in GRADE_GROUPS.items() if grade in grades)


def band_mix(grades, bands, patients, n_boot: int = 2000) -> dict:
    """Per grade group: its eye count and the share of its eyes in each band, with a 95 %
    percentile bootstrap interval that resamples patients (both eyes of a person go
    together). A group with no eye gets n 0 and no shares."""
    grades, bands, patients = np.asarray(grades), np.asarray(bands, dtype=object), np.asarray(patients)
    mix = {}
    for group, members in GRADE_GROUPS.items():
        in_group = np.isin(grades, members)
        entry = {"n": int(in_group.sum())}
        if in_group.any():
            for band in BANDS:
                def share(g, b, band=band):
                    chosen = np.isin(g, members)
                    return float(np.mean(b[chosen] == band)) if chosen.any() else None
                entry[band] = {"share": share(grades, bands),
                               "ci95": bootstrap_ci(share, grades, bands, groups=patients, n=n_boot)}
        mix[group] = entry
    return mix


@dataclass(frozen=True)
class Measured:
    """One share of a policy's rates: on which set, of how many eyes, with its interval."""
    set: str
    n: int
    share: float
    ci95: tuple[float, float] | None


@dataclass(frozen=True)
class PlainNumbers:
    """What a programme reads before choosing a policy: "clears about N of 10 healthy
    eyes; about M of 100 sight-threatening eyes would be cleared" (N = healthy_of_10,
    M = sight_threatening_of_100; the sentence itself is the window's to translate)."""
    policy: str
    healthy_cleared: Measured  # share of grade 0-1 eyes in `clear`
    sight_threatening_cleared: Measured  # share of grade 3-4 eyes in `clear`

    @property
    def healthy_of_10(self) -> int:
        return _round_half_up(10 * self.healthy_cleared.share)

    @property
    def sight_threatening_of_100(self) -> int:
        return _round_half_up(100 * self.sight_threatening_cleared.share)


def plain_numbers(triage: Triage, policy: str | None = None) -> PlainNumbers:
    """The plain-words numbers of a policy (the default one unless named), from the sets
    the manifest names for them (triage.plain_words: the healthy eyes from the
    field-like test part, the sight-threatening ones from a set that has enough)."""
    name = triage.policy(policy).name
    rates, sources = triage.rates(name), triage.section.get("plain_words") or {}

    def cleared(group: str) -> Measured:
        set_name = sources.get(group)
        entry = (rates.get(set_name) or {}).get(group) or {}
        if CLEAR not in entry:
            raise KeyError(f"triage policy {name!r} has no measured {group} rate for plain words "
                           f"(plain_words names {set_name!r})")
        ci = entry[CLEAR]["ci95"]
        return Measured(set_name, int(entry["n"]), float(entry[CLEAR]["share"]), None if ci is None else tuple(ci))

    return PlainNumbers(name, cleared(HEALTHY), cleared(SIGHT_THREATENING))


def _round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))
