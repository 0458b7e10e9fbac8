"""CSV exports and the referral advice, without Qt or a model."""

import csv
import json
from types import SimpleNamespace

import pytest

from desktop.advice import AdviceTable, eye_summary
from desktop.export import export_patients, export_photos, safe_cell
from conftest import open_test_store, photo_sha256

HYPERLINK = '=HYPERLINK("http://x","y")'


def result(grade, of):
    gradable = grade is not None
    return SimpleNamespace(gradable=gradable, reasons=[] if gradable else ["no fundus found"], grade=grade,
                           grade_name=["No DR", "Mild", "Moderate", "Severe NPDR", "Proliferative DR"][grade]
                           if gradable else "Ungradable", score=float(grade) if gradable else None,
                           probabilities=[0.2] * 5 if gradable else None, referable=not gradable or grade >= 2,
                           ms=10.0, referable_probability=None, heads=None, sha256=photo_sha256(of))


def row(grade, screened=False):
    """A result row; `screened`: its score reached the model's referral threshold."""
    return {"gradable": grade is not None, "grade": grade,
            "referable": grade is None or grade >= 2 or screened}


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path / "data") as s:
        yield s


def add_graded(store, tmp_path, patient, eye, grade, tag):
    src = tmp_path / f"{tag}.jpg"
    src.write_bytes(tag.encode())
    store.record_graded_photo(store.files.ingest(src), src.name, result(grade, of=src), "dr-test", "0.1", "d" * 64,
                              patient_id=patient["id"], eye=eye)


def read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+91 98450", "'+91 98450"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ravi", "Ravi"), ("a=b", "a=b"), (-2, -2), (1.5, 1.5),
    (None, ""), (True, "yes"), ("रवि", "रवि"),
])
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_patient_export_worst_eye_and_formula_injection(store, tmp_path):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    bad = store.add_patient(camp["id"], "P-001", HYPERLINK, 54, "male", 12, phone="+91 98450 12345")
    add_graded(store, tmp_path, bad, "right", 0, "a")
    add_graded(store, tmp_path, bad, "left", 3, "b")
    half = store.add_patient(camp["id"], "P-002", "सीता देवी", 50, "female", "2.5")
    add_graded(store, tmp_path, half, "right", None, "c")
    out = tmp_path / "patients.csv"
    assert export_patients(store, out, AdviceTable(), camp_id=camp["id"]) == 2
    first, second = read(out)
    assert first["name"] == "'" + HYPERLINK
    assert first["phone"] == "'+91 98450 12345"
    assert (first["diabetes_years"], second["diabetes_years"]) == ("12", "2.5")  # not "12.0"
    assert (first["right_grade_name"], first["left_grade"], first["left_grade_name"]) == ("No DR", "3", "Severe NPDR")
    assert first["outcome"] == "REFER SOON: severe DR" and first["refer"] == "yes"
    assert "within weeks" in first["advice"]
    assert (second["name"], second["right_grade_name"], second["left_grade_name"]) == (
        "सीता देवी", "Ungradable", "not graded")
    assert second["outcome"] == "Not finished"


def test_filters_and_photo_export(store, tmp_path):
    early = store.create_camp("Village A", "Asha", "2025-03-01")
    late = store.create_camp("Village B", "Asha", "2025-04-01")
    for camp, code in [(early, "E-1"), (late, "L-1")]:
        p = store.add_patient(camp["id"], code, "=cmd|' /C calc'!A0", 60, "female")
        add_graded(store, tmp_path, p, "right", 4, code)
    out = tmp_path / "x.csv"
    assert export_patients(store, out, AdviceTable(), date_from="2025-03-15") == 1
    assert read(out)[0]["patient_id"] == "L-1"
    assert export_patients(store, out, AdviceTable(), date_from="2025-01-01", date_to="2025-03-01") == 1
    assert read(out)[0]["patient_id"] == "E-1"
    assert export_photos(store, out, camp_id=early["id"]) == 1
    (photo,) = read(out)
    assert (photo["eye"], photo["grade_name"], photo["referable"], photo["model"]) == (
        "right", "Proliferative DR", "yes", "dr-test 0.1")
    assert photo["p_proliferative"] == "0.2"
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("right, left, key", [
    ([row(0)], [row(1)], "mild"),
    ([row(0)], [row(None)], "ungradable"),
    ([row(4)], [row(None)], "proliferative"),
    ([row(2)], [row(None)], "moderate"),
    ([row(None), row(1)], [row(0)], "mild"),  # the retake graded: it supersedes the ungradable photo
    ([row(0), row(2)], [row(0)], "moderate"),  # two gradable photos of one eye: the worst counts
    ([row(0)], [], "incomplete"),
    ([row(1, screened=True)], [row(0)], "screen_positive"),  # below moderate, at the referral threshold
    ([row(1, screened=True)], [row(None)], "ungradable"),  # retake now comes first
    ([row(0, screened=True)], [row(2)], "moderate"),
])
def test_patient_outcome_is_worst_eye(right, left, key):
    outcome = AdviceTable().outcome(right, left)
    assert outcome.key == key
    assert outcome.refer == (key in ("screen_positive", "ungradable", "moderate", "severe", "proliferative"))


def test_an_eye_referred_by_the_screening_threshold_keeps_its_grade():
    summary = eye_summary([row(0), row(1, screened=True)])
    assert (summary.grade, summary.grade_name, summary.referable, summary.key) == (1, "Mild", True, "screen_positive")
    assert "to be confirmed" in AdviceTable().outcome([row(1, screened=True)], [row(0)]).title


def test_ungradable_eye_says_retake():
    summary = eye_summary([row(None)])
    assert (summary.gradable, summary.referable, summary.grade_name) == (False, True, "Ungradable")
    assert "Retake" in AdviceTable().outcome([row(None)], [row(0)]).advice


def test_advice_overrides_from_data_dir(tmp_path):
    assert AdviceTable.load(tmp_path).referral_centre.startswith("the eye hospital of your screening programme")
    (tmp_path / "advice.json").write_text(json.dumps({"moderate": {"advice": "Refer to Aravind within 3 months."},
                                                      "referral_centre": "Aravind Eye Hospital, Madurai"}))
    table = AdviceTable.load(tmp_path)
    assert table.outcome([row(2)], [row(0)]).advice == "Refer to Aravind within 3 months."
    assert table.outcome([row(2)], [row(0)]).title == "REFER: moderate DR"  # other fields keep their defaults
    assert table.outcome([row(2)], [row(0)]).urgency == "Within 3 to 6 months"
    assert table.referral_centre == "Aravind Eye Hospital, Madurai"
    for bad in ([1, 2], {"referral_centre": 7}):
        (tmp_path / "advice.json").write_text(json.dumps(bad))
        with pytest.raises(ValueError, match="advice table"):
            AdviceTable.load(tmp_path)
    (tmp_path / "advice.json").write_text(json.dumps({"grade 2": {}}))
    with pytest.raises(ValueError, match="unknown entries"):
        AdviceTable.load(tmp_path)
    (tmp_path / "advice.json").write_text("{not json")
    with pytest.raises(ValueError, match="cannot be read"):
        AdviceTable.load(tmp_path)
