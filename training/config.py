"""Named configs: JSON files in training/configs/, overridable with key=value.

A config may name a `base` config whose values it overrides (nested dicts merge).
Relative data/cache paths are resolved from the repository root, so the defaults
(../shared/data/...) work from any working directory.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

CONFIG_DIR = Path(__file__).parent / "configs"
REPO_ROOT = Path(__file__).resolve().parents[1]
PATH_KEYS = (("data", "aptos"), ("data", "eyepacs"), ("data", "natural"), ("data", "camera"), ("data", "cache_dir"),
             ("data", "programme"))


def load_config(name_or_path: str, overrides: list[str] = ()) -> dict:
    """The resolved config: base chain merged, overrides applied, paths made absolute."""
    config = apply_overrides(_load_chain(name_or_path), overrides)
    for keys in PATH_KEYS:
        value = _get(config, keys)
        if value:
            _set(config, ".".join(keys), str((REPO_ROOT / value).resolve()))
    return config


def with_defaults(config: dict) -> dict:
    """`config` with every key of base.json it lacks (a run saved before the key existed)."""
    return _merge(_load_chain("base"), config)


def apply_overrides(config: dict, overrides: list[str]) -> dict:
    """A copy of `config` with each `dotted.key=value` set."""
    config = copy.deepcopy(config)
    for item in overrides:
        key, value = _parse_override(item)
        _set(config, key, value)
    return config


def _load_chain(name_or_path: str) -> dict:
    path = Path(name_or_path)
    if not path.suffix:
        path = CONFIG_DIR / f"{name_or_path}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CONFIG_DIR.glob("*.json")))
        raise FileNotFoundError(f"config {name_or_path!r} not found (named configs: {known})")
    config = json.loads(path.read_text())
    base = config.pop("base", None)
    config.setdefault("name", path.stem)
    return _merge(_load_chain(base), config) if base else config


def _merge(base: dict, update: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in update.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(
            merged.get(key), dict) else value
    return merged


def _parse_override(item: str) -> tuple[str, object]:
    """`epochs.main=3` → ("epochs.main", 3); values are JSON, else plain strings."""
    key, sep, raw = item.partition("=")
    if not sep or not key:
        raise ValueError(f"override {item!r}: expected key=value, e.g. epochs.main=3")
    try:
        return key, json.loads(raw)
    except json.JSONDecodeError:
        return key, raw


def _get(config: dict, keys) -> object:
    for key in keys:
        config = config.get(key) if isinstance(config, dict) else None
    return config


def _set(config: dict, dotted: str, value) -> None:
    """Set an existing key (a typo must not pass silently); backbone_kwargs are free-form."""
    *parents, last = dotted.split(".")
    for key in parents:
        config = config.setdefault(key, {})
    if last not in config and parents[-1:] != ["backbone_kwargs"]:
        raise KeyError(f"unknown config key {dotted!r}")
    config[last] = value
