"""Which model bundle the app grades with, and installing or rolling back an update. Qt-free.

The app ships a default bundle in models/ (fundus.bundle.default_bundle). Updates
are installed into the data folder, each in its own folder named after its
manifest's sha256, and ``models/installed.json`` lists them in install order; the
last one is in use. Rolling back drops the last one from the list (its files stay),
so the previous one, or finally the shipped default, is used again::

    models/installed.json                       ["3f2a9c1b0d4e-dr-mnv2-160-v3/dr-mnv2-160-v3.json", ...]
    models/3f2a9c1b0d4e-dr-mnv2-160-v3/         NAME.json, NAME.json.sig, NAME.tflite
    models/downloaded/                          a verified update fetched from the hub, not yet installed
    trusted_keys/*.pub                          publisher keys an administrator added (`model trust`)

Every bundle is verified (publisher signature, sha256 of the model, preprocessing)
before it is copied, and its copy again before it is listed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from desktop.paths import FILE_MODE, make_private_dir
from fundus.bundle import DEFAULT_POINTER, Bundle, BundleError, default_bundle, load_bundle, signature_path
from fundus.files import write_atomic
from fundus.signing import PUBLIC_SUFFIX, KeyFileError, key_id, load_public_key, write_public_key

MODELS = "models"
INSTALLED = "installed.json"
DOWNLOADED = "downloaded"
TRUSTED_KEYS = "trusted_keys"


def key_folders(data_dir: Path) -> tuple[Path, ...]:
    """Publisher keys this laptop trusts beyond the shipped ones."""
    return (data_dir / TRUSTED_KEYS,)


def verify(manifest: str | os.PathLike, data_dir: Path) -> Bundle:
    """A bundle verified as the app uses it (raises BundleError)."""
    return load_bundle(manifest, key_folders=key_folders(data_dir))


def active_manifest(data_dir: Path) -> Path:
    """The manifest the app grades with: the last installed update, else the shipped default."""
    installed = _installed(data_dir)
    return data_dir / MODELS / installed[-1] if installed else default_bundle()


def load_active(data_dir: Path, override: str | os.PathLike | None = None) -> Bundle:
    return verify(override or active_manifest(data_dir), data_dir)


def find_manifest(source: str | os.PathLike) -> Path:
    """The manifest in `source`: a NAME.json, or a folder holding exactly one bundle."""
    source = Path(source)
    if source.is_dir():
        manifests = [p for p in source.glob("*.json") if p.name not in (DEFAULT_POINTER, INSTALLED)]
        if len(manifests) != 1:
            raise BundleError(f"{source} must hold exactly one bundle (NAME.json, NAME.json.sig, NAME.tflite); "
                              f"it holds {len(manifests)} manifests")
        return manifests[0]
    if source.suffix != ".json":
        raise BundleError(f"{source.name} is not a bundle manifest (NAME.json) or a folder holding one")
    return source


def changes(current: Bundle | None, new: Bundle) -> list[str]:
    """What installing `new` changes, one line each, for a person to read before saying yes."""
    lines = [f"Model: {_label(current)} → {_label(new)}",
             f"Publisher key: {new.signer}"]
    old_metrics = (current.manifest.get("metrics") or {}).get("tflite") or {} if current else {}
    new_metrics = (new.manifest.get("metrics") or {}).get("tflite") or {}
    for key, name in (("qwk", "QWK"), ("referable_sensitivity", "Referable sensitivity"),
                      ("referable_specificity", "Referable specificity")):
        lines.append(f"{name} (publisher's validation): {_number(old_metrics.get(key))} → "
                     f"{_number(new_metrics.get(key))}")
    old_warning, new_warning = (current.warning if current else None), new.warning
    if old_warning != new_warning:
        lines.append(f"Warning shown on every screen: {new_warning or 'NONE (the old warning is removed)'}")
    else:
        lines.append(f"Warning shown on every screen: unchanged ({new_warning or 'none'})")
    same_pre = current is not None and current.manifest["preprocessing"] == new.manifest["preprocessing"]
    lines.append("Preprocessing: " + ("unchanged" if same_pre else ", ".join(
        f"{key} {value:.4g}" if isinstance(value, float) else f"{key} {value}"
        for key, value in sorted(new.manifest["preprocessing"].items()))))
    if current is None or current.combiner.cut_points != new.combiner.cut_points:
        lines.append(f"Cut points: {', '.join(f'{c:.3f}' for c in new.combiner.cut_points)}")
    if current is None or current.combiner.referral_threshold != new.combiner.referral_threshold:
        threshold = new.combiner.referral_threshold
        lines.append("Referral threshold: " + ("none (referred from the moderate grade)" if threshold is None
                                               else f"{threshold:.3f}"))
    return lines


def active_or_none(data_dir: Path) -> Bundle | None:
    """The bundle in use, or None when it cannot be used (then any verified update may replace it)."""
    try:
        return load_active(data_dir)
    except BundleError:
        return None


def install(data_dir: Path, source: str | os.PathLike) -> tuple[Bundle, Bundle | None]:
    """Copy a verified bundle into the data folder and use it from now on; returns (installed, previous)."""
    new = verify(find_manifest(source), data_dir)
    previous = active_or_none(data_dir)
    if previous and new.manifest_sha256 == previous.manifest_sha256:
        raise BundleError(f"{new.name} {new.version} is the model already in use; nothing was changed")
    folder = data_dir / MODELS / f"{new.manifest_sha256[:12]}-{new.name}"
    make_private_dir(folder)
    for file in (new.manifest_path, signature_path(new.manifest_path), new.model_path):
        _copy(file, folder / file.name)
    installed = verify(folder / new.manifest_path.name, data_dir)  # the copy, not the source
    if installed.manifest_sha256 != new.manifest_sha256:
        raise BundleError(f"{new.manifest_path.name} changed while it was being installed; nothing was changed")
    entry = installed.manifest_path.relative_to(data_dir / MODELS).as_posix()
    _save_installed(data_dir, [e for e in _installed(data_dir) if e != entry] + [entry])
    return installed, previous


def rollback(data_dir: Path) -> tuple[Bundle, Bundle | None]:
    """Use the model installed before the current one (or the shipped default); returns (now, before)."""
    installed = _installed(data_dir)
    if not installed:
        raise BundleError("no model update is installed: the shipped model is already in use")
    before = active_or_none(data_dir)
    _save_installed(data_dir, installed[:-1])
    return load_active(data_dir), before


def trust(data_dir: Path, public_key_file: str | os.PathLike) -> str:
    """Add a publisher's public key for this laptop; returns its key id."""
    try:
        key = load_public_key(public_key_file)
    except KeyFileError as e:
        raise BundleError(str(e)) from None
    folder = data_dir / TRUSTED_KEYS
    make_private_dir(folder)
    write_public_key(folder / f"{key_id(key)}{PUBLIC_SUFFIX}", key)
    return key_id(key)


def _label(bundle: Bundle | None) -> str:
    return "none" if bundle is None else f"{bundle.name} {bundle.version} ({bundle.mode}, {bundle.input_size} px)"


def _number(value) -> str:
    return "?" if value is None else f"{value:.3f}"


def _installed(data_dir: Path) -> list[str]:
    path = data_dir / MODELS / INSTALLED
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        raise BundleError(f"{path} is damaged ({e}); remove it to use the shipped model") from None
    if not (isinstance(entries, list) and all(isinstance(e, str) and ".." not in e for e in entries)):
        raise BundleError(f"{path} is damaged (not a list of bundles); remove it to use the shipped model")
    return entries


def _save_installed(data_dir: Path, entries: list[str]) -> None:
    folder = data_dir / MODELS
    make_private_dir(folder)
    write_atomic(folder / INSTALLED, json.dumps(entries, indent=1).encode())


def _copy(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        shutil.copyfile(src, tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
