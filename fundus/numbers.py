"""Numbers written for people in reports and command output (English: the window has its own)."""
from __future__ import annotations


def percent(value: float | None, digits: int = 0, missing: str = "n/a") -> str:
    """0.873 -> "87%" (or "87.3%" with digits=1); `missing` for None."""
    return missing if value is None else f"{value:.{digits}%}"


def with_interval(value: float | None, interval: tuple[float, float] | None, digits: int = 2,
                  missing: str = "n/a") -> str:
    """0.81 and its 95 % interval -> "0.81 (0.74-0.88)"; the value alone without one."""
    if value is None:
        return missing
    shown = f"{value:.{digits}f}"
    return shown + (f" ({interval[0]:.{digits}f}-{interval[1]:.{digits}f})" if interval else "")
