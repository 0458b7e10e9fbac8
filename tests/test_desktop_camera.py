"""Picking up the newest photo from the camera's folder."""

import os
import shutil
import time

from desktop.camera import newest_new_photo
from desktop.store import file_sha256


def test_newest_unknown_finished_photo(tmp_path, raw_photos):
    card = tmp_path / "DCIM" / "100CANON"
    card.mkdir(parents=True)
    old, newer, writing = (card / f"IMG_000{i}.JPG" for i in (1, 2, 3))
    now = time.time()
    for path, src, age in [(old, raw_photos[0], 600), (newer, raw_photos[1], 60), (writing, raw_photos[2], 0)]:
        shutil.copy(src, path)
        os.utime(path, (now - age, now - age))
    (card / "notes.txt").write_text("not a photo")
    known: set[str] = set()
    assert newest_new_photo(tmp_path, known.__contains__) == (newer, file_sha256(newer))  # `writing` may be unfinished
    known.add(file_sha256(newer))
    assert newest_new_photo(tmp_path, known.__contains__) == (old, file_sha256(old))
    known.add(file_sha256(old))
    assert newest_new_photo(tmp_path, known.__contains__) is None
