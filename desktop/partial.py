"""Temporary files that hold patient data until they are complete (exports, CSVs).

Each is named in a small journal in the data folder before it is created and
removed from it after, so a kill -9 (or power cut) half-way leaves nothing behind
for long: the next start of dr-screen on that data folder deletes what the journal
still names.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Iterator

from fundus.files import write_atomic

JOURNAL = "partial-files.json"


@contextlib.contextmanager
def partial_file(data_dir: Path, target: Path) -> Iterator[Path]:
    """A temp path beside `target` (same folder, so os.replace is atomic), journalled while it exists."""
    tmp = target.with_name(f".{target.name}.part")
    _save(data_dir, _load(data_dir) | {str(tmp.resolve())})
    try:
        yield tmp
    finally:
        if _remove(tmp):
            _save(data_dir, _load(data_dir) - {str(tmp.resolve())})


def remove_stale(data_dir: Path) -> None:
    """Delete the partial files a killed run left (call with the instance lock held).

    One on a stick that is not plugged in now stays in the journal for the next start.
    """
    _save(data_dir, {name for name in _load(data_dir)
                     if not _remove(Path(name)) or not Path(name).parent.is_dir()})


def _remove(path: Path) -> bool:
    """True when the file is gone (or there never was a folder for it)."""
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:
        return False
    return True


def _load(data_dir: Path) -> set[str]:
    try:
        names = json.loads((data_dir / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {n for n in names if isinstance(n, str)} if isinstance(names, list) else set()


def _save(data_dir: Path, names: set[str]) -> None:
    path = data_dir / JOURNAL
    if not names:
        path.unlink(missing_ok=True)
        return
    write_atomic(path, json.dumps(sorted(names)).encode())
