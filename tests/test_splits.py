"""Every split on the real shared data: by patient for EyePACS, camera patients only in
test, APTOS validation unchanged from earlier models."""

import numpy as np
import pytest

from training.config import load_config
from training.data import stratified_split
from fundus.labels import patient_of
from training.splits import make_splits, patient_split


@pytest.fixture(scope="module")
def splits(shared_data):
    cfg = load_config("lite0_224", [f"data.{key}={shared_data / folder}" for key, folder in (
        ("aptos", "aptos2019-gaussian224"), ("eyepacs", "eyepacs2015-enhanced256"),
        ("natural", "eyepacs2015-natural1024"), ("camera", "fundus-camera-raw"))])
    return make_splits(cfg)


def _patients(images):
    return {patient_of(p.stem) for p in images.paths}


def test_patient_of_reads_eyepacs_ids():
    assert patient_of("10_left") == "10" and patient_of("4031_right") == "4031"
    assert patient_of("000c1434d8d7") == "000c1434d8d7"


def test_patient_split_keeps_each_patient_whole_and_honours_pins():
    ids = [f"{p}_{eye}" for p in range(200) for eye in ("left", "right")]
    grades = np.array([(p % 5) for p in range(200) for _ in range(2)])
    parts = patient_split(ids, grades, {"train": 0.6, "calibration": 0.2, "test": 0.2}, seed=1,
                          pinned={"7": "test"})
    owner = {}
    for part, index in parts.items():
        for i in index:
            assert owner.setdefault(patient_of(ids[i]), part) == part
    assert owner["7"] == "test"
    assert sum(len(i) for i in parts.values()) == len(ids)
    assert abs(len(parts["train"]) / len(ids) - 0.6) < 0.03
    # Stratified: every part has referable patients.
    assert all((grades[index] >= 2).any() for index in parts.values())


@pytest.mark.parametrize("source, parts", [("eyepacs", ("train", "calibration", "holdout")),
                                           ("natural", ("train", "calibration", "test"))])
def test_no_eyepacs_patient_is_in_two_parts(splits, source, parts):
    patients = [_patients(splits[f"{source}_{part}"]) for part in parts]
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            assert not patients[i] & patients[j], (parts[i], parts[j])


def test_camera_photos_patients_are_only_in_the_natural_test_part(splits):
    camera = _patients(splits["camera"])
    assert camera == {"10", "13", "15", "16", "17"}
    assert camera <= _patients(splits["natural_test"])
    for name, images in splits.items():
        if name.endswith(("_train", "_calibration")):
            assert not camera & _patients(images), name


def test_aptos_validation_is_the_split_earlier_models_were_scored_on(splits, shared_data):
    from training.data import load_folder

    aptos = load_folder(shared_data / "aptos2019-gaussian224", preprocessed=True)
    _, val = stratified_split(aptos.grades, 0.2, 42)
    assert [p.name for p in splits["aptos_val"].paths] == [aptos.paths[i].name for i in val]
    names = {name: {p.name for p in splits[f"aptos_{name}"].paths} for name in ("train", "calibration", "val")}
    assert not names["train"] & names["calibration"] and not names["calibration"] & names["val"]
    assert len(names["calibration"]) == pytest.approx(0.1 * len(aptos), abs=2)


def test_every_reported_part_holds_referable_eyes(splits):
    for name in ("aptos_val", "eyepacs_holdout", "natural_test", "natural_calibration", "camera"):
        assert (splits[name].grades >= 2).sum() >= 3, name
