"""Shared fixtures. Real images come from ../shared/data next to the checkout."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("DR_SCREEN_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "fundus-camera-raw").is_dir():
        pytest.fail(f"real test images not found at {SHARED_DATA} (set DR_SCREEN_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def raw_photos(shared_data) -> list[Path]:
    """All 30 raw camera photos."""
    return sorted((shared_data / "fundus-camera-raw").glob("*.jpeg"))


@pytest.fixture(scope="session")
def labelled_raw_photos(shared_data) -> list[Path]:
    """The 10 raw camera photos that carry a grade in labels.csv."""
    return sorted((shared_data / "fundus-camera-raw").glob("[0-9]*.jpeg"))
