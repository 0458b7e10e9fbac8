"""Timestamps as the records store them: UTC, ISO 8601, milliseconds."""
from __future__ import annotations

from datetime import datetime, timezone


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
