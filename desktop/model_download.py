"""A model bundle the hub publishes comes down on sync, verified, ready to install. Qt-free.

The hub serves published bundles as plain files beside its database (Datasette's
``--static dr-screen-models:/srv/dr-screen/models``, see docs/model-updates.md)::

    https://HUB/dr-screen-models/default.json     {"bundle": "NAME.json"}
    https://HUB/dr-screen-models/NAME.json, NAME.json.sig, NAME.tflite

After a successful push the laptop fetches the bundle named there, if it is not the
one in use or already downloaded, and verifies it exactly as an install does
(publisher's signature, sha256 of the model, preprocessing) before keeping it in
``models/downloaded/``. Nothing is used until a person installs it (File → Install
model update…, or ``python -m desktop model install``), after seeing what changes.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Protocol

from desktop import models
from desktop.paths import make_private_dir
from fundus.bundle import DEFAULT_POINTER, Bundle, BundleError, signature_path

log = logging.getLogger(__name__)

HUB_MODELS = "/dr-screen-models"
MAX_MANIFEST_BYTES = 1 * 2**20
MAX_MODEL_BYTES = 64 * 2**20
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class Downloader(Protocol):
    def download(self, path: str, max_bytes: int) -> bytes | None: ...


def downloaded_dir(data_dir: Path) -> Path:
    return data_dir / models.MODELS / models.DOWNLOADED


def fetch_update(data_dir: Path, hub: Downloader) -> Bundle | None:
    """Download and verify the hub's published bundle when it is new here; returns it (None: nothing new).

    Raises BundleError for a bundle that fails verification (it is not kept) and
    lets the hub client's SyncError through for network trouble.
    """
    pointer = hub.download(f"{HUB_MODELS}/{DEFAULT_POINTER}", MAX_MANIFEST_BYTES)
    if pointer is None:
        return None  # the hub publishes no model
    name = _file_name(_pointer_target(pointer))
    manifest = hub.download(f"{HUB_MODELS}/{name}", MAX_MANIFEST_BYTES)
    if manifest is None:
        raise BundleError(f"the hub names {name} as its model, but does not serve it")
    known = {b.manifest_sha256 for b in (models.active_or_none(data_dir), _downloaded(data_dir)) if b}
    if _sha256(manifest) in known:
        return None
    try:
        model_file = _file_name(json.loads(manifest)["model"]["file"])
    except (ValueError, KeyError, TypeError):
        raise BundleError(f"the hub's {name} is not a model manifest") from None
    staging = downloaded_dir(data_dir).with_name(".downloading")
    shutil.rmtree(staging, ignore_errors=True)
    make_private_dir(staging)
    try:
        (staging / name).write_bytes(manifest)
        for file, limit in ((signature_path(Path(name)).name, MAX_MANIFEST_BYTES), (model_file, MAX_MODEL_BYTES)):
            data = hub.download(f"{HUB_MODELS}/{file}", limit)
            if data is None:
                raise BundleError(f"the hub's model {name} comes without its {file}")
            (staging / file).write_bytes(data)
        models.verify(staging / name, data_dir)  # refused here: never kept, never offered
        shutil.rmtree(downloaded_dir(data_dir), ignore_errors=True)
        staging.rename(downloaded_dir(data_dir))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    bundle = _downloaded(data_dir)
    log.info("model update %s %s downloaded from the hub", bundle.name, bundle.version)
    return bundle


def _downloaded(data_dir: Path) -> Bundle | None:
    folder = downloaded_dir(data_dir)
    try:
        return models.verify(models.find_manifest(folder), data_dir) if folder.is_dir() else None
    except BundleError:
        return None


def _pointer_target(pointer: bytes) -> str:
    try:
        return json.loads(pointer)["bundle"]
    except (ValueError, KeyError, TypeError):
        raise BundleError(f'the hub\'s {DEFAULT_POINTER} is not {{"bundle": "NAME.json"}}') from None


def _file_name(name) -> str:
    if not (isinstance(name, str) and _FILE_NAME.fullmatch(name)):
        raise BundleError(f"the hub names a model file {name!r} that is not a plain file name")
    return name


def _sha256(data: bytes) -> str:
    import hashlib
    return hashlib.sha256(data).hexdigest()
