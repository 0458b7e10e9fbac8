"""Files only the hub can open: the USB export, encrypted to the hub's public key. Qt-free.

libsodium through PyNaCl, used as designed, nothing of our own:

- a **sealed box** (X25519 + XSalsa20-Poly1305, anonymous sender) carries a fresh
  random 256-bit file key to the hub's public key;
- **secretstream** (XChaCha20-Poly1305) encrypts the file in 64 KiB chunks with that
  key: each chunk is authenticated, their order is fixed, and the last one carries
  the FINAL tag, so a reordered, truncated or extended file is refused.

File layout::

    MAGIC (16) | hub key id (16 ascii) | sealed file key (80) | stream header (24) | chunks…

Every chunk is bound to MAGIC + key id as associated data. The hub key id in clear
only says which hub the file is for (to tell the hub staff "this file is for another
hub"); everything else, including which laptop made the file, is inside.

The hub's key pair is made once by ``hub setup`` (hub/keys.py: ``hub-export.key``, owner-only,
beside the hub database; ``hub-export.pub`` is carried to the laptops).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import BinaryIO

from nacl import bindings
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from fundus.text import QT_TRANSLATE_NOOP

MAGIC = b"DR-SCREEN-SEAL1\n"
CHUNK = 64 * 1024
_ABYTES = bindings.crypto_secretstream_xchacha20poly1305_ABYTES
_HEADER = bindings.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_SEALED_KEY = 32 + 48  # the file key in a sealed box
_TAG_MESSAGE = bindings.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = bindings.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_PUBLIC_PREFIX = "dr-screen hub export public key "


class SealedError(Exception):
    """A sealed file or key that cannot be used; the message says why."""


# ---------------------------------------------------------------- keys


def key_id(public: PublicKey) -> str:
    return hashlib.sha256(bytes(public)).hexdigest()[:16]


def public_text(public: PublicKey) -> str:
    return _PUBLIC_PREFIX + base64.b64encode(bytes(public)).decode("ascii") + "\n"


def parse_public(text: str) -> PublicKey:
    text = text.strip()
    try:
        if not text.startswith(_PUBLIC_PREFIX):
            raise ValueError
        return PublicKey(base64.b64decode(text[len(_PUBLIC_PREFIX):], validate=True))
    except (ValueError, CryptoError, TypeError):
        raise SealedError(QT_TRANSLATE_NOOP("sealed", "That is not a dr-screen hub key (hub-export.pub, from "
                                                      "`hub setup` on the hub server).")) from None


# ---------------------------------------------------------------- writing


class SealingWriter:
    """A write-only file object: whatever is written reaches `out` encrypted to `hub`. close() ends the
    stream (the FINAL chunk); a writer not closed leaves a file the hub refuses as cut short."""

    def __init__(self, out: BinaryIO, hub: PublicKey):
        self._out, self._buffer = out, bytearray()
        file_key = bindings.crypto_secretstream_xchacha20poly1305_keygen()
        self._ad = MAGIC + key_id(hub).encode("ascii")
        self._state = bindings.crypto_secretstream_xchacha20poly1305_state()
        header = bindings.crypto_secretstream_xchacha20poly1305_init_push(self._state, file_key)
        out.write(self._ad + SealedBox(hub).encrypt(file_key) + header)
        self.closed = False

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._push(bytes(self._buffer[:CHUNK]), _TAG_MESSAGE)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def _push(self, chunk: bytes, tag: int) -> None:
        self._out.write(bindings.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, self._ad, tag))

    def close(self) -> None:
        if not self.closed:
            self._push(bytes(self._buffer), _TAG_FINAL)
            self._buffer.clear()
            self._out.flush()
            self.closed = True

    def __enter__(self) -> "SealingWriter":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()


# ---------------------------------------------------------------- reading


def recipient(path: Path) -> str | None:
    """The hub key id a file is sealed for; None when it is not a sealed file."""
    with open(path, "rb") as f:
        head = f.read(len(MAGIC) + 16)
    return head[len(MAGIC):].decode("ascii", "replace") if head.startswith(MAGIC) and len(head) == len(MAGIC) + 16 \
        else None


def unseal_file(path: Path, out: BinaryIO, hub: PrivateKey, max_bytes: int) -> int:
    """Decrypt `path` into `out` chunk by chunk; returns the bytes written. SealedError when the file is not
    for this hub, was changed or cut short, or would unpack past `max_bytes` (nothing it wrote may be used)."""
    want = key_id(hub.public_key)
    found = recipient(path)
    if found is None:
        raise SealedError("it is not an encrypted dr-screen export (an export from an older release, or "
                          "another file)")
    if found != want:
        raise SealedError(f"it is encrypted for another hub (key {found}; this hub's key is {want})")
    ad = MAGIC + want.encode("ascii")
    written = 0
    with open(path, "rb") as f:
        f.seek(len(ad))
        try:
            file_key = SealedBox(hub).decrypt(f.read(_SEALED_KEY))
            state = bindings.crypto_secretstream_xchacha20poly1305_state()
            bindings.crypto_secretstream_xchacha20poly1305_init_pull(state, f.read(_HEADER), file_key)
            while True:
                chunk = f.read(CHUNK + _ABYTES)
                if not chunk:
                    raise SealedError("it was cut short (its last part is missing)")
                plain, tag = bindings.crypto_secretstream_xchacha20poly1305_pull(state, chunk, ad)
                written += len(plain)
                if written > max_bytes:
                    raise SealedError(f"it unpacks to more than {max_bytes} bytes")
                out.write(plain)
                if tag == _TAG_FINAL:
                    break
        except (CryptoError, ValueError, RuntimeError):
            raise SealedError("it was changed or damaged after it was written (it does not decrypt)") from None
        if f.read(1):
            raise SealedError("it has data after its end")
    return written
