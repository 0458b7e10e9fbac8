"""Ed25519 signatures (via `cryptography`) for model bundles and sync exports. Qt-free.

A signature is a small JSON file (or zip member) beside the exact bytes it signs::

    {"format": "dr-screen-signature", "key_id": "<16 hex>", "ed25519": "<base64>"}

Keys are PEM files: the private key PKCS#8 (owner-only, never in a repository), the
public key SubjectPublicKeyInfo (``NAME.pub``). A key's id is the first 16 hex digits
of the sha256 of its raw 32 public bytes. Who is trusted is a folder of ``.pub``
files: the verifier looks the signature's key id up there and refuses an unknown one.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNATURE_FORMAT = "dr-screen-signature"
SIGNATURE_SUFFIX = ".sig"
PUBLIC_SUFFIX = ".pub"
PRIVATE_SUFFIX = ".key"
PRIVATE_MODE = 0o600

TrustedKeys = Mapping[str, Ed25519PublicKey]  # key id -> public key


class SignatureError(Exception):
    """A signature that is missing, malformed, from an unknown key, or does not match."""


class UnknownSignerError(SignatureError):
    pass


class KeyFileError(Exception):
    """A key file that cannot be read or written; the message names it."""


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# ---------------------------------------------------------------- key files


def generate_key_pair(private_path: str | os.PathLike, public_path: str | os.PathLike | None = None
                      ) -> Ed25519PrivateKey:
    """A new key: the private half written owner-only (never over an existing file), the public beside it."""
    private_path = Path(private_path)
    public_path = Path(public_path) if public_path else private_path.with_suffix(PUBLIC_SUFFIX)
    key = Ed25519PrivateKey.generate()
    pem = private_pem(key)
    try:
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        raise KeyFileError(f"{private_path} already exists; a key is never overwritten") from None
    except OSError as e:
        raise KeyFileError(f"cannot write the key {private_path}: {e.strerror}") from None
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    write_public_key(public_path, key.public_key())
    return key


def write_public_key(path: str | os.PathLike, public_key: Ed25519PublicKey) -> None:
    Path(path).write_bytes(public_key.public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))


def private_pem(key: Ed25519PrivateKey) -> bytes:
    """PKCS#8 PEM, unencrypted: for a file that is owner-only, or a value kept inside an encrypted store."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private_key(path: str | os.PathLike) -> Ed25519PrivateKey:
    path = Path(path)
    try:
        return load_private_pem(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise KeyFileError(f"no key file {path}") from None
    except OSError as e:
        raise KeyFileError(f"{path} cannot be read ({e.strerror})") from None


def load_private_pem(pem: bytes, name: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as e:
        raise KeyFileError(f"{name} is not an unencrypted PEM private key ({e})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{name} is not an Ed25519 key")
    return key


def load_public_key(path: str | os.PathLike) -> Ed25519PublicKey:
    path = Path(path)
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except FileNotFoundError:
        raise KeyFileError(f"no key file {path}") from None
    except (OSError, ValueError) as e:
        raise KeyFileError(f"{path} is not a PEM public key ({e})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{path} is not an Ed25519 public key")
    return key


def load_trusted_keys(folders: Iterable[str | os.PathLike]) -> dict[str, Ed25519PublicKey]:
    """Every ``*.pub`` in the folders that exist, by key id. A bad key file is an error, not skipped."""
    trusted = {}
    for folder in map(Path, folders):
        for path in sorted(folder.glob(f"*{PUBLIC_SUFFIX}")) if folder.is_dir() else ():
            key = load_public_key(path)
            trusted[key_id(key)] = key
    return trusted


# ---------------------------------------------------------------- sign and verify


def sign(private_key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The signature document (JSON bytes) for `data`."""
    return json.dumps({"format": SIGNATURE_FORMAT, "key_id": key_id(private_key.public_key()),
                       "ed25519": base64.b64encode(private_key.sign(data)).decode("ascii")},
                      indent=1).encode() + b"\n"


def verify(data: bytes, signature: bytes, trusted: TrustedKeys) -> str:
    """The key id that signed `data`; raises SignatureError (UnknownSignerError for a key not trusted)."""
    try:
        document = json.loads(signature)
        if document.get("format") != SIGNATURE_FORMAT:
            raise ValueError("not a dr-screen signature")
        signer = str(document["key_id"])
        raw = base64.b64decode(document["ed25519"], validate=True)
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error):
        raise SignatureError("the signature file is malformed") from None
    if signer not in trusted:
        raise UnknownSignerError(f"it is signed by key {signer}, which is not a trusted key")
    try:
        trusted[signer].verify(raw, data)
    except InvalidSignature:
        raise SignatureError("its signature does not match: it was altered after signing") from None
    return signer
