"""The keys beside the hub database: the hub's export key pair and the enrolled laptops' keys.

The hub's key pair for encrypted exports (fundus/sealed.py) is made once by the set-up:
``hub-export.key`` (owner-only: only the import reads it) and ``hub-export.pub`` (carried
to the laptops, which encrypt their USB exports to it).

Laptop keys: the hub trusts an export file only if it is signed by a laptop enrolled
here (``enrol``): its public key lives in ``laptop-keys/NAME.pub`` beside the hub
database, outside the database that Datasette serves and the laptops write to.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey

from fundus import sealed
from fundus.private import FILE_MODE, make_private_dir
from fundus.signing import PUBLIC_SUFFIX, KeyFileError, key_id, load_public_key, load_trusted_keys, write_public_key
from hub import HubError

PRIVATE_NAME, PUBLIC_NAME = "hub-export.key", "hub-export.pub"
_PRIVATE_PREFIX = "dr-screen hub export private key "
LAPTOP_KEYS = "laptop-keys"
LAPTOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


# ---------------------------------------------------------------- the hub's export key


def hub_key_path(hub_db: str | os.PathLike) -> Path:
    return Path(hub_db).resolve().parent / PRIVATE_NAME


def make_key_pair(folder: Path) -> tuple[Path, bool]:
    """The hub's key pair in `folder` (made once, never overwritten); returns (public file, made now)."""
    private, public = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    if private.exists():
        return public, False
    key = PrivateKey.generate()
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(_PRIVATE_PREFIX + base64.b64encode(bytes(key)).decode("ascii") + "\n")
    public.write_text(sealed.public_text(key.public_key), encoding="ascii")
    return public, True


def load_hub_key(path: Path) -> PrivateKey:
    try:
        text = path.read_text(encoding="ascii").strip()
        if not text.startswith(_PRIVATE_PREFIX):
            raise ValueError
        return PrivateKey(base64.b64decode(text[len(_PRIVATE_PREFIX):], validate=True))
    except FileNotFoundError:
        raise HubError(f"There is no hub key {path}: run `python -m hub setup` on the hub server "
                       "(it makes one), or name it with --hub-key.") from None
    except (OSError, ValueError, CryptoError, UnicodeDecodeError):
        raise HubError(f"The hub key {path} is damaged or not a hub key.") from None


def make_hub_key(hub_db: str | os.PathLike) -> tuple[Path, str, bool]:
    """The hub's export key pair beside the database (made once): (public file, key id, made now)."""
    public, made = make_key_pair(Path(hub_db).resolve().parent)
    return public, sealed.key_id(load_hub_key(hub_key_path(hub_db)).public_key), made


# ---------------------------------------------------------------- laptop keys


def laptop_keys_dir(hub_db: str | os.PathLike) -> Path:
    return Path(hub_db).resolve().parent / LAPTOP_KEYS


def enrol(keys_dir: Path, laptop: str, public_key_file: str | os.PathLike) -> str:
    """Trust exports signed by this laptop's key; returns the key id. Re-enrolling replaces its key."""
    if not LAPTOP_NAME.fullmatch(laptop):
        raise HubError(f"{laptop!r} is not a laptop name: use letters, digits, '.', '_' and '-'.")
    try:
        key = load_public_key(public_key_file)
    except KeyFileError as e:
        raise HubError(str(e)) from None
    make_private_dir(keys_dir)
    write_public_key(keys_dir / f"{laptop}{PUBLIC_SUFFIX}", key)
    return key_id(key)


def enrolled(keys_dir: Path) -> dict[str, str]:
    """key id -> laptop name of every enrolled laptop."""
    try:
        return {key_id(load_public_key(p)): p.stem for p in sorted(keys_dir.glob(f"*{PUBLIC_SUFFIX}"))}
    except KeyFileError as e:
        raise HubError(f"A laptop key in {keys_dir} is damaged: {e}") from None


def trusted_laptops(keys_dir: Path):
    try:
        return load_trusted_keys([keys_dir])
    except KeyFileError as e:
        raise HubError(f"A laptop key in {keys_dir} is damaged: {e}") from None
