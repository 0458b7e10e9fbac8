"""The offline route to the hub, the laptop's side: one signed, encrypted export file carried on a USB stick.

Sign, then encrypt: the laptop signs a zip (fundus/wire.py describes its parts), and the
whole zip is encrypted to the hub's public key (fundus/sealed.py), so a lost stick shows
nothing, not even which laptop wrote it, and only the hub's import (hub/usb_import.py)
opens it. The signature covers the hub's key id, so a signed zip re-encrypted for another
hub is refused there. Erased patients travel as their tombstones (no photo file); records
the retention policy removed from the laptop (already on the hub) stay out.

It holds every record, not only the pending ones, so any one file brings the hub up to
date with the laptop. Rows and JPEGs are exactly what ``sync.push`` sends, so an import
gives the hub the same rows a push would. Exporting does not mark anything synced:
the laptop cannot know the file reached the hub.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

from desktop import partial
from desktop.paths import FILE_MODE
from desktop.store import SYNCED_TABLES, Store, disk_full_is_clear, now_utc
from desktop.store.plain_migration import LAPTOP_KEY_SETTING
from desktop.sync import SyncError, photo_file_row
from desktop.users import require_admin
from fundus import sealed, signing
from fundus.text import QT_TRANSLATE_NOOP
from fundus.wire import (FORMAT, FORMAT_VERSION, MANIFEST, PHOTO_FILES, SIGNATURE, hub_row, photo_member,
                         records_member)

LAPTOP_PUB = "laptop.pub"  # in the data folder: what the hub enrols (the private key is in the database)
HUB_KEY_SETTING = "hub_export_key"  # the hub's public key, in the database (its integrity matters)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- the laptop's and the hub's keys


def laptop_key(store: Store) -> signing.Ed25519PrivateKey:
    """This laptop's signing key, made on first use and kept in the encrypted database;
    laptop.pub (public) is written beside it for enrolment."""
    pem = store.setting(LAPTOP_KEY_SETTING)
    if pem is None:
        key = signing.Ed25519PrivateKey.generate()
        store.set_setting(LAPTOP_KEY_SETTING, signing.private_pem(key).decode("ascii"))
    else:
        try:
            key = signing.load_private_pem(pem.encode("ascii"), "this laptop's signing key")
        except signing.KeyFileError as e:
            raise SyncError(f"This laptop's signing key is damaged ({e}). Ask the hospital's IT staff.") from None
    public = store.data_dir / LAPTOP_PUB
    if not public.exists():
        signing.write_public_key(public, key.public_key())
    return key


def laptop_public_key(store: Store) -> Path:
    """The file to enrol at the hub (`python -m hub enrol`)."""
    laptop_key(store)
    return store.data_dir / LAPTOP_PUB


def hub_export_key(store: Store) -> sealed.PublicKey:
    text = store.setting(HUB_KEY_SETTING)
    if text is None:
        raise SyncError("This laptop does not have the hub's key yet, and an export is only ever written "
                        "encrypted for the hub. An administrator sets it once with "
                        "`python -m desktop sync hub-key hub-export.pub` (from the hub server; docs/hub.md).")
    return sealed.parse_public(text)


def set_hub_export_key(store: Store, key_file: str | os.PathLike) -> str:
    """Administrator: trust this hub key for exports; returns its key id."""
    require_admin(store)
    try:
        public = sealed.parse_public(Path(key_file).read_text(encoding="ascii", errors="replace"))
    except OSError as e:
        raise SyncError(QT_TRANSLATE_NOOP("sync_export", "The hub key file {file} cannot be read ({reason}).")
                        .format(file=key_file, reason=e.strerror)) from None
    except sealed.SealedError as e:
        raise SyncError(e.args[0]) from None
    store.change_setting(HUB_KEY_SETTING, sealed.public_text(public), "sync_settings", hub_key=sealed.key_id(public))
    return sealed.key_id(public)


# ---------------------------------------------------------------- export


def export_file(store: Store, out: str | os.PathLike) -> dict[str, int]:
    """Write the signed export file, encrypted to the hub, atomically (owner-only); returns rows per table.

    Nothing plain is written anywhere: the zip goes through the encryption on its way to
    the file. The file is written beside its target under a temporary name that the data
    folder's journal remembers, so a killed export leaves nothing behind after the next start.
    """
    out = Path(out)
    store.actor()
    key, hub_key = laptop_key(store), hub_export_key(store)
    members: dict[str, str] = {}
    counts: dict[str, int] = {}
    with partial.partial_file(store.data_dir, out) as tmp, disk_full_is_clear():
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        except OSError as e:
            raise SyncError(f"The export cannot be written to {out.parent} ({e.strerror}). Choose another "
                            "folder or stick; nothing was written.") from None
        with os.fdopen(fd, "wb") as f, sealed.SealingWriter(f, hub_key) as encrypted, \
                zipfile.ZipFile(encrypted, "w") as zf:
            def add(name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> None:
                zf.writestr(name, data, compress_type=compress)
                members[name] = _sha256(data)

            photo_files = []
            for table in SYNCED_TABLES:
                records = [hub_row(r) for r in store.export_rows(table)]
                add(records_member(table), json.dumps(records).encode())
                counts[table] = len(records)
                if table == "photos":
                    for photo in (p for p in records if not p["deleted_at"]):
                        file_row = photo_file_row(store, photo)
                        add(photo_member(photo["sha256"]), file_row.pop("jpeg"), zipfile.ZIP_STORED)
                        photo_files.append(file_row)
            add(records_member(PHOTO_FILES), json.dumps(photo_files).encode())
            counts[PHOTO_FILES] = len(photo_files)
            manifest = json.dumps({"format": FORMAT, "format_version": FORMAT_VERSION, "created_at": now_utc(),
                                   "laptop_key": signing.key_id(key.public_key()),
                                   "hub_key": sealed.key_id(hub_key), "rows": counts,
                                   "sha256": members}, indent=1).encode()
            zf.writestr(MANIFEST, manifest)
            zf.writestr(SIGNATURE, signing.sign(key, manifest))
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, out)
    store.record_event("export_usb", file=out.name, **{t: n for t, n in counts.items() if n})
    return counts
