"""Every split a config makes, in one place: training, the converter's data, the
comparison bench and the model card all evaluate on exactly these images.

| source | parts | split by |
|---|---|---|
| APTOS (provider-filtered) | train / calibration / val | image, stratified by grade |
| EyePACS enhanced | train / calibration / holdout | patient |
| EyePACS natural colour | train / calibration / test | patient; the camera photos' patients pinned to test |
| raw camera photos | camera (evaluation only) | - |
| the programme's reviewed eyes (`data.programme`) | train / calibration / holdout | patient, as recorded by `python -m training dataset` |

EyePACS ids are `PATIENT_left/right`, and both eyes of a person share most of their
disease, so an image-level split would leak between training and test. Patients are
stratified by their worse eye's grade so every part gets referable cases.

`val` (APTOS) keeps the split of earlier models (`stratified_split`, same seed), so
their numbers compare; its calibration part comes out of the old training part. The
splits follow `data.split_seed`, not `seed`: runs that differ only in their training
seed (an ensemble's members) hold out the same images.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from fundus.labels import patient_of
from training.data import LabelledImages, kfold_splits, load_folder, stratified_split

# (config key, folder is already Ben-filtered, part names in order)
SOURCES = {
    "aptos": (True, ("train", "calibration", "val")),
    "eyepacs": (False, ("train", "calibration", "holdout")),
    "natural": (False, ("train", "calibration", "test")),
}
CAMERA = "camera"
# Already split by patient when exported from the hub (training/programme.py): one folder per part.
PROGRAMME = "programme"
PROGRAMME_PARTS = ("train", "calibration", "holdout")
# Parts that are reported: never trained on, never used to tune anything.
EVALUATION_PARTS = ("_val", "_holdout", "_test", CAMERA)


def patient_split(ids, grades, fractions: dict[str, float], seed: int,
                  pinned: dict[str, str] | None = None) -> dict[str, np.ndarray]:
    """Image indices of each part, every patient's images in one part.

    fractions: part → share of patients (they must sum to 1). Patients are dealt out
    per stratum (worse eye's grade, 3 and 4 pooled: too few to spread separately) so
    each part keeps the grade mix. pinned: patient → part, for patients that must not
    be trained on (e.g. those whose raw camera photos are an evaluation set).
    """
    if abs(sum(fractions.values()) - 1) > 1e-6:
        raise ValueError(f"split fractions {fractions} do not sum to 1")
    pinned = pinned or {}
    by_patient = defaultdict(list)
    for i, image_id in enumerate(ids):
        by_patient[patient_of(image_id)].append(i)
    strata = defaultdict(list)
    for patient, index in sorted(by_patient.items()):
        if patient not in pinned:
            strata[min(3, int(max(grades[i] for i in index)))].append(patient)
    rng = np.random.default_rng(seed)
    assigned = dict(pinned)
    names = list(fractions)
    bounds = np.cumsum([fractions[n] for n in names])
    for stratum in sorted(strata):
        patients = strata[stratum]
        rng.shuffle(patients)
        cuts = np.round(bounds * len(patients)).astype(int)
        for part, start, stop in zip(names, np.concatenate([[0], cuts[:-1]]), cuts):
            assigned.update((p, part) for p in patients[start:stop])
    parts = {name: [] for name in names}
    for patient, index in by_patient.items():
        if patient in assigned:
            parts[assigned[patient]].extend(index)
    return {name: np.array(sorted(index), np.int64) for name, index in parts.items()}


def make_splits(cfg: dict) -> dict[str, LabelledImages]:
    """`source_part` → images, e.g. aptos_val, eyepacs_holdout, natural_test, camera.

    A source whose folder is null in the config is left out.
    """
    d, seed = cfg["data"], cfg["data"]["split_seed"]
    camera = load_folder(d["camera"], preprocessed=False, name=CAMERA) if d.get("camera") else None
    splits = {}
    for source, (preprocessed, parts) in SOURCES.items():
        if not d.get(source):
            continue
        images = load_folder(d[source], preprocessed=preprocessed, name=source)
        if source == "aptos":
            index = _aptos_parts(images.grades, d, seed)
        else:
            fractions = dict(zip(parts, d["split"][source]))
            pinned = ({patient_of(p.stem): parts[-1] for p in camera.paths}
                      if camera is not None and source == "natural" else None)
            ids = [p.stem for p in images.paths]
            index = patient_split(ids, images.grades, fractions, seed, pinned)
        splits.update({f"{source}_{part}": images.take(index[part]).renamed(f"{source}_{part}")
                       for part in parts})
    if camera is not None:
        splits[CAMERA] = camera
    if d.get(PROGRAMME):
        splits.update({f"{PROGRAMME}_{part}": load_folder(Path(d[PROGRAMME]) / part, preprocessed=False,
                                                          name=f"{PROGRAMME}_{part}")
                       for part in PROGRAMME_PARTS})
    return splits


def _aptos_parts(grades, d: dict, seed: int) -> dict:
    val_fraction, calibration_fraction = d["val_fraction"], d["calibration_fraction"]
    if d["folds"]:
        rest, val = kfold_splits(grades, d["folds"], seed)[d["fold"]]
        val_fraction = 1 / d["folds"]
    else:
        rest, val = stratified_split(grades, val_fraction, seed)
    if not calibration_fraction:
        return {"train": rest, "calibration": rest[:0], "val": val}
    train, calibration = stratified_split(grades[rest], calibration_fraction / (1 - val_fraction), seed)
    return {"train": rest[train], "calibration": rest[calibration], "val": val}
