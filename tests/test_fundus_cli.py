"""`python -m fundus preprocess`: real photos, bad files, exit codes, no tracebacks."""
import csv
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image


def _run(*args):
    return subprocess.run([sys.executable, "-m", "fundus", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_preprocess_real_and_bad_files(tmp_path, labelled_raw_photos):
    src = tmp_path / "in"
    src.mkdir()
    for p in labelled_raw_photos[:3]:
        shutil.copy(p, src)
    (src / "empty.jpg").write_bytes(b"")
    (src / "notes.png").write_text("not an image")
    data = labelled_raw_photos[0].read_bytes()
    (src / "cut.jpg").write_bytes(data[: len(data) // 3])
    Image.fromarray(np.zeros((300, 400, 3), np.uint8)).save(src / "black.png")
    out = tmp_path / "out"

    result = _run("preprocess", src, "--out", out, "--workers", "2")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    rows = {r["image"]: r for r in csv.DictReader(open(out / "quality.csv", encoding="utf-8"))}
    assert set(rows) == {p.name for p in src.iterdir()}
    assert list(next(csv.reader(open(out / "quality.csv")))) == ["image", "gradable", "reasons", "ms"]
    for p in labelled_raw_photos[:3]:
        assert rows[p.name]["gradable"] == "yes"
        img = np.asarray(Image.open(out / f"{p.stem}.png"))
        assert img.shape == (224, 224, 3)
    assert "empty" in rows["empty.jpg"]["reasons"]
    assert "not a readable image" in rows["notes.png"]["reasons"]
    assert "incomplete" in rows["cut.jpg"]["reasons"]
    assert rows["black.png"]["gradable"] == "no" and "no fundus" in rows["black.png"]["reasons"]
    assert not (out / "empty.png").exists() and not (out / "black.png").exists()


def test_all_good_exits_zero_with_size(tmp_path, labelled_raw_photos):
    result = _run("preprocess", labelled_raw_photos[0], "--out", tmp_path, "--size", "128", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert Image.open(tmp_path / f"{labelled_raw_photos[0].stem}.png").size == (128, 128)


def test_no_images_is_a_usage_error(tmp_path):
    result = _run("preprocess", tmp_path, "--out", tmp_path / "o")
    assert result.returncode == 2 and "no images" in result.stderr
