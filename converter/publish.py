"""`python -m converter publish BUNDLE.json --hub FOLDER`: offer a signed bundle to the laptops through the hub.

The hub serves its published-models folder as ``/dr-screen-models`` (docs/hub.md);
after each push a laptop downloads the bundle ``default.json`` names, verifies it and
offers it for installation (desktop/model_download.py). Publishing verifies the
bundle as a laptop would (a trusted publisher's signature, the model's sha256), copies
its three files beside the earlier ones (never over a different file of the same
name: results graded by an older bundle still need it for their heat maps and
agreement numbers), verifies the copy, and only then points ``default.json`` at it.
No TensorFlow here.
"""
from __future__ import annotations

import json
from pathlib import Path

from converter import UserError
from fundus.bundle import DEFAULT_POINTER, BundleError, load_bundle, signature_path
from fundus.files import write_atomic


def publish_command(args) -> int:
    source = Path(args.bundle)
    keys = tuple(args.trusted_keys)
    try:
        bundle = load_bundle(source, key_folders=keys)
    except BundleError as e:
        raise UserError(f"not published: {e}") from None
    if bundle.signer is None:
        raise UserError(f"not published: {source.name} is not signed (python -m converter sign); a laptop "
                        "installs only signed bundles")
    hub = Path(args.hub)
    if not hub.is_dir():
        raise UserError(f"the hub's published-models folder {hub} does not exist (see docs/hub.md)")
    files = [source, signature_path(source), bundle.model_path]
    for file in files:
        target = hub / file.name
        if target.exists() and target.read_bytes() != file.read_bytes():
            raise UserError(f"not published: the hub already holds a different {file.name}; publish the new "
                            "model under another name (converter --name)")
    for file in files:
        write_atomic(hub / file.name, file.read_bytes())
    try:
        load_bundle(hub / source.name, key_folders=keys)
    except BundleError as e:
        raise UserError(f"the copy in {hub} does not verify ({e}); default.json was not changed") from None
    where = f"{bundle.name} {bundle.version} (manifest {bundle.manifest_sha256[:12]}, signed by {bundle.signer})"
    if args.no_offer:
        print(f"kept {where} in {hub}; not offered to the laptops")
        return 0
    write_atomic(hub / DEFAULT_POINTER, json.dumps({"bundle": source.name}).encode())
    print(f"published {where} in {hub}: laptops download it after their next sync and offer it for installation")
    return 0
