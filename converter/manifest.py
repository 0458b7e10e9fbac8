"""Manifest fields that the conversion and `converter triage` both write (no TensorFlow)."""
from __future__ import annotations

import os
from pathlib import Path

from converter import UserError

# The checkout: manifests name data and runs relative to it (see portable_paths).
REPO_ROOT = Path(__file__).resolve().parents[1]


def portable_paths(value, root: Path = REPO_ROOT):
    """Paths under the repository's parent (the checkout and ../shared/data) written
    relative to the checkout, so a manifest reads the same on every machine."""
    if isinstance(value, dict):
        return {k: portable_paths(v, root) for k, v in value.items()}
    if isinstance(value, list):
        return [portable_paths(v, root) for v in value]
    if isinstance(value, str) and value.startswith(str(root.parent) + os.sep):
        return os.path.relpath(value, root)
    return value


def checkout_path(path: str) -> Path:
    """A path as a manifest names it (relative to the checkout, see portable_paths), made usable."""
    return Path(path) if Path(path).is_absolute() else REPO_ROOT / path


def warning_text(template: str, fields: dict) -> str:
    """The publisher's warning with the model's own numbers filled in, e.g.
    "{natural_test[referable_auc]:.2f}", so the text the app shows cannot drift from
    what was measured."""
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError) as e:
        raise UserError(f"--warning: cannot fill in {e} (known fields: {', '.join(fields) or 'none'}; "
                        "write e.g. {natural_test[referable_auc]:.2f})") from None
