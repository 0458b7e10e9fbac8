"""`python -m converter triage BUNDLE.json --field-calibration IMAGES LABELS --severe-calibration IMAGES LABELS`:
set a bundle's triage policies (fundus/triage.py) on calibration parts, measure them on
every set the bundle reports, and write them into its manifest. No TensorFlow; the
model file and its scores are not touched.

1. The calibration parts are graded through the app's path (fundus.grader, as
   `converter evaluate` does). The field-like part (natural colour) gives the grade
   0-1 eyes and its few grade 3-4 eyes; the severe part (EyePACS colour-enhanced)
   gives only its grade 3-4 eyes, which the field-like part lacks. Ungradable photos
   have no score and set nothing (the app refers them anyway).
2. Policies:
   - `all-referable` (the default unless --default names the other): clear_below is the
     combiner's referral threshold, today's screening point (training set it so that
     90 % of the referable field-like calibration eyes are referred); urgent_from the
     lowest threshold at which at most 10 % of the grade 0-1 calibration eyes score at
     or above it.
   - `sight-threatening-first`: clear_below is the highest threshold at which at most
     5 % of the grade 3-4 calibration eyes score below it; urgent_from as above. It is
     not the default: a 5 % tail cannot be estimated from the few grade 3-4 calibration
     eyes there are (27 for dr-lite0-224, whose rule then cleared most moderate eyes;
     docs/model-card.md), and a programme that takes it chooses so, audited.
   Every threshold between the same two calibration scores gives the same calibration
   rates; each threshold is taken midway between them. A clear threshold above the
   urgent one is lowered to it (the bands must be ordered; the lower one is the safer
   for sight-threatening eyes), which leaves that policy no refer band, and one above
   the moderate cut point to that (an eye graded moderate is never cleared); the
   policy's record says so.
3. A calibration part that shares a patient with a reported set is refused.
4. On every reported set (the manifest's validation data and each metrics.sets entry,
   whose image folders --evaluate gives as the conversion's --evaluate did) each
   policy's share of grade 0-1, 2 and 3-4 eyes per band, with 95 % bootstrap intervals
   over patients.
5. The manifest gets its "triage" section, a new version (date, model, manifest digest:
   it sorts after the earlier one and names this manifest), the warning filled in again
   when --warning is given, and is signed with --sign-key.
"""
from __future__ import annotations

import hashlib
import json
import math
import shlex
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from converter import UserError
from converter.data import labelled_files
from converter.evaluate import grade_file
from converter.manifest import checkout_path, portable_paths, warning_text
from converter.signing import publisher_key, sign_published
from fundus.bundle import BundleError, load_bundle, write_bundle
from fundus.grader import Grader
from fundus.labels import patient_of
from fundus.progress import Progress
from fundus.triage import BANDS, GRADE_GROUPS, HEALTHY, SIGHT_THREATENING, Policy, Triage, band_mix, plain_numbers

SIGHT_THREATENING_FIRST, ALL_REFERABLE = "sight-threatening-first", "all-referable"
POLICIES = (ALL_REFERABLE, SIGHT_THREATENING_FIRST)  # the first is the default
MAX_SIGHT_THREATENING_CLEARED = 0.05  # of grade 3-4 calibration eyes in `clear`
MAX_HEALTHY_URGENT = 0.10  # of grade 0-1 calibration eyes in `urgent`
VALIDATION = "validation"  # the reported set named by the manifest's data.validation


@dataclass
class Scored:
    """One labelled set graded through the app's path: per image its grade, patient and
    score (NaN when ungradable)."""
    name: str
    images: Path
    labels_csv: Path
    grades: np.ndarray
    patients: list[str]
    scores: np.ndarray

    def record(self) -> dict:
        return {"images": str(self.images.resolve()), "labels": str(self.labels_csv.resolve()),
                "n": len(self.grades), "ungradable": int(np.isnan(self.scores).sum())}


def score_set(grader: Grader, name: str | None, images: Path, labels_csv: Path,
              preprocessed: bool = False) -> Scored:
    """Grade a labelled set; `name` defaults to the labels file's stem (e.g. natural_calibration)."""
    name = name or Path(labels_csv).stem
    files, grades = labelled_files(images, labels_csv)
    scores = []
    with Progress(len(files), name) as progress:
        for path in files:
            result = grade_file(grader, path, preprocessed)
            scores.append(np.nan if result.score is None else result.score)
            progress.advance()
    return Scored(name, Path(images), Path(labels_csv), grades, [patient_of(p.stem) for p in files],
                  np.array(scores, np.float64))


def clear_threshold(sight_threatening_scores, max_share: float = MAX_SIGHT_THREATENING_CLEARED) -> float:
    """The highest threshold with at most `max_share` of these scores below it (midway in
    its gap: between the highest score it keeps below and the next)."""
    s = np.sort(_enough(sight_threatening_scores, max_share, "grade 3-4"))
    allowed = math.floor(max_share * len(s) + 1e-9)  # eyes that may be cleared
    above = s[allowed]  # the lowest score that must not be cleared
    below = s[s < above]
    return float((below.max() + above) / 2) if len(below) else float(above)


def urgent_threshold(healthy_scores, max_share: float = MAX_HEALTHY_URGENT) -> float:
    """The lowest threshold with at most `max_share` of these scores at or above it (midway
    in its gap: between the highest score it must keep out and the next above)."""
    s = np.sort(_enough(healthy_scores, max_share, "grade 0-1"))[::-1]
    allowed = math.floor(max_share * len(s) + 1e-9)  # eyes that may be urgent
    kept_out = s[allowed]  # the highest score that must not be urgent
    above = s[s > kept_out]
    return float((above.min() + kept_out) / 2) if len(above) else float(np.nextafter(kept_out, np.inf))


def _enough(scores, max_share: float, group: str) -> np.ndarray:
    scores = np.asarray(scores, np.float64)
    scores = scores[~np.isnan(scores)]
    if len(scores) < math.ceil(1 / max_share):
        raise UserError(f"only {len(scores)} gradable {group} calibration eyes: a {max_share:.0%} limit needs "
                        f"at least {math.ceil(1 / max_share)}")
    return scores


def reported_sets(manifest: dict, evaluate: list[list[str]]) -> dict[str, tuple[Path, Path, bool]]:
    """name -> (images, labels, already filtered) of every set the bundle reports: its
    validation data and the `evaluate` sets (NAME IMAGES LABELS, photos), which must be
    the manifest's metrics.sets, each on the labels file it was scored on."""
    sets = {}
    validation = (manifest.get("data") or {}).get("validation") or {}
    if validation.get("images") and validation.get("labels"):
        sets[VALIDATION] = (checkout_path(validation["images"]), checkout_path(validation["labels"]),
                            bool(validation.get("preprocessed")))
    recorded = (manifest.get("metrics") or {}).get("sets") or {}
    for name, images, labels_csv in evaluate:
        if name in recorded and checkout_path(recorded[name]["labels"]).resolve() != Path(labels_csv).resolve():
            raise UserError(f"--evaluate {name}: the bundle's {name} was scored on {recorded[name]['labels']}, "
                            f"not {labels_csv}")
        sets[name] = (Path(images), Path(labels_csv), False)
    missing = sorted(set(recorded) - set(sets))
    if missing:
        raise UserError(f"the bundle reports {', '.join(missing)} (metrics.sets): give each with --evaluate NAME "
                        "IMAGES LABELS, so every reported set gets the policies' rates")
    return sets


def refuse_overlap(calibration: list[Scored], reported: dict[str, tuple[Path, Path, bool]]) -> None:
    """Thresholds are never set on a part that is reported: no shared patient."""
    for name, (images, labels_csv, _) in reported.items():
        files, _ = labelled_files(images, labels_csv)
        patients = {patient_of(p.stem) for p in files}
        for part in calibration:
            shared = patients & set(part.patients)
            if shared:
                raise UserError(f"calibration part {part.labels_csv} shares {len(shared)} patient(s) with the "
                                f"reported set {name} (e.g. {sorted(shared)[0]}): set thresholds on parts "
                                "that are never reported")


def screening_point(bundle) -> tuple[float, str]:
    """The combiner's referral threshold (the moderate cut point without one) and how it was set."""
    combiner = bundle.combiner
    if combiner.referral_threshold is None:
        return combiner.cut_points[1], "the moderate cut point (the bundle has no referral threshold)"
    evaluation = ((bundle.manifest.get("training") or {}).get("config") or {}).get("eval") or {}
    sensitivity, sets = evaluation.get("min_referable_sensitivity"), evaluation.get("screening_sets")
    how = "the combiner's referral threshold, the screening point set by training"
    if sensitivity and sets:
        how += f": {sensitivity:.0%} of the referable eyes of {' and '.join(sets)} referred (Keras scores)"
    return combiner.referral_threshold, how


def fit_policies(field: Scored, severe: Scored, moderate_cut: float, referral_threshold: float,
                 how_referral: str) -> dict[str, dict]:
    """The two policies' thresholds and what they were set on, with their calibration rates."""
    healthy = field.scores[np.isin(field.grades, GRADE_GROUPS[HEALTHY])]
    sight_threatening = np.concatenate([part.scores[np.isin(part.grades, GRADE_GROUPS[SIGHT_THREATENING])]
                                        for part in (field, severe)])
    urgent = urgent_threshold(healthy)
    how_urgent = (f"the lowest score with at most {MAX_HEALTHY_URGENT:.0%} of the {_gradable(healthy)} gradable "
                  f"grade 0-1 eyes of {field.name} at or above it")
    how_clear = (f"the highest score with at most {MAX_SIGHT_THREATENING_CLEARED:.0%} of the "
                 f"{_gradable(sight_threatening)} gradable grade 3-4 eyes of {field.name} and {severe.name} below it")
    referable = field.scores[(field.grades >= 2) & ~np.isnan(field.scores)]
    policies = {}
    for name, (clear, how) in {SIGHT_THREATENING_FIRST: (clear_threshold(sight_threatening), how_clear),
                               ALL_REFERABLE: (referral_threshold, how_referral)}.items():
        if clear > min(urgent, moderate_cut):
            # The bands must be ordered, and an eye graded moderate or worse is never cleared: the lower
            # clear threshold is the safer one for sight-threatening eyes.
            lowered = ("urgent_from: this policy's refer band is empty" if urgent <= moderate_cut
                       else "the moderate cut point")
            how += f" ({clear:.4f}), lowered to {lowered}"
            clear = min(urgent, moderate_cut)
        policies[name] = {
            "clear_below": clear, "urgent_from": urgent, "set_by": {"clear_below": how, "urgent_from": how_urgent},
            "calibration": {"grade 3-4 cleared": _share(sight_threatening < clear, sight_threatening),
                            "grade 0-1 urgent": _share(healthy >= urgent, healthy),
                            f"referable eyes of {field.name} referred": _share(referable >= clear, referable)}}
    return policies


def _gradable(scores) -> int:
    return int((~np.isnan(scores)).sum())


def _share(hits, scores) -> float:
    gradable = ~np.isnan(scores)
    return float(np.mean(np.asarray(hits)[gradable]))


def measure(policies: dict[str, dict], sets: list[Scored]) -> None:
    """Fill in each policy's rates: set -> grade group -> band shares with intervals."""
    for name, entry in policies.items():
        policy = Policy(name, entry["clear_below"], entry["urgent_from"])
        entry["rates"] = {s.name: band_mix(s.grades, policy.bands(s.scores), s.patients) for s in sets}


def republished_version(manifest: dict, when: datetime) -> str:
    """DATE-MODEL8-MANIFEST6: the date sorts it after the bundle it replaces, MODEL8 is the
    Keras model's sha256 as in the conversion's version, MANIFEST6 the sha256 of this
    manifest without its version, so two manifests never share a version."""
    body = json.dumps({k: v for k, v in manifest.items() if k != "version"}, sort_keys=True).encode()
    return f"{when:%Y.%m.%d}-{manifest['model']['keras_sha256'][:8]}-{hashlib.sha256(body).hexdigest()[:6]}"


def triage_command(args, argv: list[str]) -> int:
    sign_key = publisher_key(args.sign_key)  # a bad key file fails now, not after the grading
    try:
        bundle = load_bundle(args.bundle, check_signature=False)  # measuring needs no publisher
    except BundleError as e:
        raise UserError(f"not changed: {e}") from None
    grader = Grader(bundle)  # only its scores are used
    reported = reported_sets(bundle.manifest, args.evaluate)
    if not reported:
        raise UserError(f"no set to measure the policies on: {Path(args.bundle).name} has no data.validation; "
                        "give --evaluate NAME IMAGES LABELS")
    field = score_set(grader, None, *map(Path, args.field_calibration))
    severe = score_set(grader, None, *map(Path, args.severe_calibration))
    refuse_overlap([field, severe], reported)
    policies = fit_policies(field, severe, bundle.combiner.cut_points[1], *screening_point(bundle))
    for name, p in policies.items():
        print(f"{name}: clear below {p['clear_below']:.4f}, urgent from {p['urgent_from']:.4f}; on calibration "
              + ", ".join(f"{k} {v:.1%}" for k, v in p["calibration"].items()), flush=True)
    sets = [score_set(grader, name, images, labels_csv, preprocessed)
            for name, (images, labels_csv, preprocessed) in reported.items()]
    measure(policies, sets)
    plain = {HEALTHY: args.plain_healthy, SIGHT_THREATENING: args.plain_sight_threatening}
    unknown = sorted(set(plain.values()) - set(reported))
    if unknown:
        raise UserError(f"--plain-healthy/--plain-sight-threatening name {unknown}, not a reported set "
                        f"({', '.join(reported)})")
    manifest = dict(bundle.manifest)
    manifest["triage"] = portable_paths({
        "default": args.default,
        "command": shlex.join(["python", "-m", "converter", *argv]),
        "calibration": {"field": field.record(), "severe": severe.record()},
        "plain_words": plain,
        "policies": policies,
    })
    section = Triage.from_dict(manifest["triage"])
    if args.warning:
        manifest["warning"] = warning_text(args.warning, {
            **manifest.get("metrics", {}).get("sets", {}), "default": section.rates(),
            "plain": plain_numbers(section)})
    manifest["version"] = republished_version(manifest, datetime.now(timezone.utc))
    print(describe(section))
    path = write_bundle(Path(args.bundle).parent, bundle.manifest_path.stem, bundle.model_path.read_bytes(), manifest)
    print(f"wrote {path} (version {manifest['version']}); warning: {manifest.get('warning')}")
    if sign_key:
        print(sign_published(path, sign_key))
    else:
        print(f"{path.name} is not signed: sign it (python -m converter sign) before the app uses it")
    return 0


def describe(section: Triage) -> str:
    """Each policy's band shares per set and grade group with their 95 % intervals, as
    Markdown tables (the model card's)."""
    lines = []
    for name, policy in section.policies.items():
        lines += ["", f"{name}{' (default)' if name == section.default else ''}: clear below "
                      f"{policy.clear_below:.3f}, urgent from {policy.urgent_from:.3f}", "",
                  "| set | grades | eyes | " + " | ".join(BANDS) + " |", "|---|---|---:|" + "---|" * len(BANDS)]
        for set_name, groups in section.rates(name).items():
            for group, entry in groups.items():
                cells = [set_name, group.removeprefix("grade "), str(entry["n"]),
                         *(_percent(entry.get(band)) for band in BANDS)]
                lines.append("| " + " | ".join(cells) + " |")
    lines.append(f"\ndefault policy in plain words: {plain_sentence(plain_numbers(section))}")
    return "\n".join(lines)


def plain_sentence(plain) -> str:
    return (f"clears about {plain.healthy_of_10} of 10 healthy eyes; about {plain.sight_threatening_of_100} of 100 "
            "sight-threatening eyes would be cleared")


def _percent(rate: dict | None) -> str:
    if rate is None:
        return "-"
    ci = rate["ci95"]
    return f"{rate['share']:.0%}" + (f" ({ci[0]:.0%}-{ci[1]:.0%})" if ci else "")
