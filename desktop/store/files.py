"""The photos in the data folder: sealed (AES-256-GCM), named by a keyed hash, shredded when erased.

No database access, so safe to call from worker threads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop import vault
from desktop.paths import make_private_dir
from desktop.store.errors import StoreError, disk_full_is_clear
from desktop.vault import Keys
from fundus.files import write_atomic
from fundus.image import PhotoBytes
from fundus.text import QT_TRANSLATE_NOOP

MAX_PHOTO_BYTES = 200 * 2**20  # fundus.image refuses larger files anyway


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    stored_path: str  # relative to the data directory
    size_bytes: int  # of the original photo


class PhotoFiles:
    """Content-addressed photo files, sealed with AES-256-GCM (desktop/vault.py).

    A photo is stored once per content, under a keyed hash of its sha256 (the name says
    nothing about it), sealed with its sha256 as associated data (a file moved under
    another name does not open).
    """

    def __init__(self, data_dir: Path, keys: Keys):
        self.data_dir, self._keys = data_dir, keys
        make_private_dir(data_dir / "photos")

    def relative(self, sha256: str) -> str:
        name = self._keys.photo_name(sha256)
        return f"photos/{name[:2]}/{name}.enc"

    def seal(self, photo: PhotoBytes, expected_sha256: str | None = None) -> StoredFile:
        """Seal a photo read once (the bytes that were graded) into managed storage, once per
        content; return where it lies. `expected_sha256`: what the caller hashed earlier; a photo
        that changed since (a camera still writing it) is refused rather than stored."""
        if expected_sha256 and expected_sha256 != photo.sha256:
            raise StoreError(QT_TRANSLATE_NOOP("store", "{name} changed while it was being read (is the camera "
                                                        "still saving it?). Add it again.").format(name=photo.name))
        if len(photo.data) > MAX_PHOTO_BYTES:
            raise StoreError(QT_TRANSLATE_NOOP("store", "{name} is too large for a photo.").format(name=photo.name))
        rel = self.relative(photo.sha256)
        dest = self.data_dir / rel
        if not dest.exists():
            make_private_dir(dest.parent)
            with disk_full_is_clear():  # atomic: a crash leaves no half photo under its name
                write_atomic(dest, vault.seal(self._keys.photo_key, photo.data, photo.sha256))
        return StoredFile(photo.sha256, rel, len(photo.data))

    def ingest(self, src: str | os.PathLike, sha256: str | None = None) -> StoredFile:
        """Read and seal the file `src` (see `seal`)."""
        src = Path(src)
        if src.stat().st_size > MAX_PHOTO_BYTES:
            raise StoreError(QT_TRANSLATE_NOOP("store", "{name} is too large for a photo.").format(name=src.name))
        return self.seal(PhotoBytes.of(src.name, src.read_bytes()), sha256)

    def exists(self, sha256: str) -> bool:
        return (self.data_dir / self.relative(sha256)).is_file()

    def read(self, sha256: str) -> bytes:
        """The original photo's bytes; StoreError when its file is missing or damaged."""
        path = self.data_dir / self.relative(sha256)
        try:
            data = vault.unseal(self._keys.photo_key, path.read_bytes(), sha256)
        except (OSError, vault.VaultError) as e:
            raise StoreError(QT_TRANSLATE_NOOP("store", "The photo file {name} in the data folder cannot be read "
                                                        "({reason}). Restore the data folder from a copy.")
                             .format(name=path.name, reason=e)) from None
        if PhotoBytes.of(path.name, data).sha256 != sha256:
            raise StoreError(QT_TRANSLATE_NOOP("store", "The photo file {name} in the data folder is damaged.")
                             .format(name=path.name))
        return data

    def remove(self, sha256: str) -> bool:
        """Erase a photo's file (overwritten, then deleted); True if there was one."""
        return shred(self.data_dir / self.relative(sha256))

    def remove_partials(self) -> None:
        """Delete temp files left by a crash mid-copy."""
        for part in (self.data_dir / "photos").glob("*/.*.part"):
            part.unlink(missing_ok=True)


def shred(path: Path) -> bool:
    """Overwrite a file with zeros, flush, then delete it; True if it existed.

    Best effort: on SSDs and journalling or copy-on-write file systems an old copy of the
    blocks may survive (docs/threat-model.md); what we remove this way is encrypted or is
    the plain copy being replaced by an encrypted one.
    """
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            block = bytes(1 << 20)
            for start in range(0, size, len(block)):
                f.write(block[:min(len(block), size - start)])
            f.flush()
            os.fsync(f.fileno())
    except FileNotFoundError:
        return False
    path.unlink()
    return True
