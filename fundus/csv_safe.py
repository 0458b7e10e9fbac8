"""CSV cells a spreadsheet will not run as a formula (CSV injection). Used by every CSV the project writes."""
from __future__ import annotations

# A spreadsheet treats a cell starting with one of these as a formula (or strips it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float:
    """Numbers pass through; text that would start a formula gets a leading single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
