"""fundus.labels: both CSV layouts of the shared data, and clear refusals."""
import pytest

from fundus.labels import LabelsError, read_labels, write_labels


def test_both_shared_layouts(shared_data):
    aptos = read_labels(shared_data / "aptos2019-gaussian224" / "labels.csv")
    eyepacs = read_labels(shared_data / "eyepacs2015-enhanced256" / "labels.csv")
    assert len(aptos) == 2929 and len(eyepacs) == 3468
    assert set(aptos.values()) == set(eyepacs.values()) == {0, 1, 2, 3, 4}


def test_round_trip_and_excel_bom(tmp_path):
    write_labels(tmp_path / "l.csv", "eyepacs", {"10_left": 0, "10_right": 3})
    assert read_labels(tmp_path / "l.csv") == {"10_left": 0, "10_right": 3}
    (tmp_path / "bom.csv").write_bytes("\ufeffid_code,diagnosis\nab.png,2\n".encode())
    assert read_labels(tmp_path / "bom.csv") == {"ab": 2}


@pytest.mark.parametrize("text,message", [
    ("name,grade\nx,1\n", "expected columns"),
    ("image,level\nx,five\n", "not a number"),
    ("image,level\nx,7\n", "outside 0..4"),
])
def test_bad_files_are_refused(tmp_path, text, message):
    (tmp_path / "l.csv").write_text(text)
    with pytest.raises(LabelsError, match=message):
        read_labels(tmp_path / "l.csv")
