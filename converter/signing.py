"""Publisher keys and bundle signatures: `python -m converter keygen|sign`, and `--sign-key`.

The private key stays with the publisher (never in a repository); its public half
goes into models/trusted_keys/ so the app accepts what it signs (docs/model-updates.md).
No TensorFlow here.
"""
from __future__ import annotations

from pathlib import Path

from converter import UserError
from fundus.bundle import BundleError, load_bundle, sign_bundle, trusted_key_folders
from fundus.signing import KeyFileError, generate_key_pair, key_id, load_private_key, load_trusted_keys


def keygen_command(args) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    private = out / f"{args.name}.key"
    try:
        key = generate_key_pair(private)
    except KeyFileError as e:
        raise UserError(str(e)) from None
    print(f"wrote {private} (private: keep it secret, owner-only) and {private.with_suffix('.pub')} "
          f"(public, key id {key_id(key.public_key())}): copy the .pub into models/trusted_keys/ "
          "for the app to trust bundles signed with it")
    return 0


def publisher_key(path: str | None):
    """The private key to sign with, or None when no key was given."""
    if path is None:
        return None
    try:
        return load_private_key(path)
    except KeyFileError as e:
        raise UserError(str(e)) from None


def sign_published(manifest_path: Path, key) -> str:
    """Sign the manifest; returns a line saying whether this checkout's app will trust it."""
    signature = sign_bundle(manifest_path, key)
    signer = key_id(key.public_key())
    trusted = signer in load_trusted_keys(trusted_key_folders())
    return (f"signed {manifest_path.name} with key {signer} -> {signature.name}; " +
            ("the app trusts this key" if trusted else
             "WARNING: this key is not in models/trusted_keys/, so the app will refuse the bundle "
             "until its .pub is added there (or with `python -m desktop model trust`)"))


def sign_command(args) -> int:
    """Sign an existing bundle; refuses one whose model file does not match its manifest."""
    try:
        load_bundle(args.bundle, check_signature=False)
    except BundleError as e:
        raise UserError(f"not signing: {e}") from None
    print(sign_published(Path(args.bundle), publisher_key(args.key)))
    return 0
