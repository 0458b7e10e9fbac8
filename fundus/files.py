"""Files written whole or not at all, and the sha256 of a file.

Every durable file the project writes (vault, photos, bundles, settings files) goes
through `write_atomic`: a crash or power cut leaves the old file or the new one,
never half of one.
"""
from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

PRIVATE = 0o600  # owner only: most of what we write is patient data or a key


def write_atomic(path: str | os.PathLike, data: bytes, mode: int = PRIVATE) -> None:
    """Write `data` to `path` durably and atomically, with `mode` from the start (also over an
    existing file). The temporary name (`.NAME.<random>.part`, beside the target so the rename
    is atomic) is unique: two writers never share one, and a crash leaves only `*.part` files."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def file_sha256(path: str | os.PathLike) -> str:
    """Hex sha256 of a file, read in blocks (a model or a photo need not fit in memory twice)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
