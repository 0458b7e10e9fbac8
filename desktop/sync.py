"""Deferred sync of camp records to the hospital hub (a Datasette 1.0 server). Qt-free.

What travels: the rows of ``store.SYNCED_TABLES`` (without the local ``sync_state``
column) and, for every photo, a reduced JPEG (longest side ≤ 1024 px, quality 85) in
the hub table ``photo_files`` keyed by the photo's sha256. The reduced JPEG is enough
for a grader's review and keeps a camp's upload small; the original stays on the laptop.

How: ``push`` upserts the pending rows by their UUID through Datasette's JSON write
API (``POST /DB/TABLE/-/upsert``), parents first, in batches, into tables the hub's
set-up command made (hub/database.py: its triggers keep the newer version of every
record; fundus/wire.py: the tables and columns both sides agree on). A batch is marked synced only after the hub answered exactly Datasette's
success response, ``{"ok": true}`` with HTTP 200, for it (and, for photos, for their
files too): a proxy's or maintenance page's "200 OK" in HTML counts as a failure. And
``Store.mark_synced`` only flips rows still at the version sent, so a record edited
meanwhile goes again next time. An interrupted push leaves unconfirmed rows pending;
the next push simply sends them again (upserts are idempotent), so it resumes.

The hub URL and the token live in the encrypted database's settings (an earlier
release's ``sync.json`` moves there when the folder is encrypted). The token is never
printed or logged, and only sent over verified TLS (plain http is allowed for this
computer only, for tests and a hub on the same machine). Every push is an audit event.
"""

from __future__ import annotations

import base64
import itertools
import json
import logging
import ssl
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

import httpx

from desktop.model_download import fetch_update
from desktop.store import SYNCED_TABLES, Store, StoreError, disk_full_is_clear, now_utc
from desktop.users import require_admin
from fundus.bundle import BundleError
from fundus.image import ImageError
from fundus.jpeg import reduced_jpeg
from fundus.text import QT_TRANSLATE_NOOP
from fundus.wire import PHOTO_FILES, hub_row, records_text

log = logging.getLogger(__name__)

SETTINGS_KEY = "sync"  # in the store's settings table
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SETTINGS = QT_TRANSLATE_NOOP("sync", "Sync settings (Sync menu)")  # where the window's user fixes them
STOPPED = QT_TRANSLATE_NOOP("sync", "Sync stopped. The records the hub confirmed so far stay synced; "
                                    "the rest go with the next sync.")

# Datasette's defaults: max_insert_rows 100 and max_post_body_bytes 2 MiB per request.
MAX_ROWS_PER_REQUEST = 100
MAX_BYTES_PER_REQUEST = 1_500_000


class SyncError(Exception):
    """A sync that did not finish; the message says why in plain words. Where it names
    the place to fix the settings, the message is a Text with a {settings} value: the
    window's menu here, the command in sync_cli."""


class TokenRefusedError(SyncError):
    pass


class HubUnreachableError(SyncError):
    pass


class SyncCancelled(SyncError):
    """The user stopped the sync; what the hub confirmed before stays synced."""


# ---------------------------------------------------------------- settings


@dataclass
class SyncSettings:
    """Where the hub is, and how the last sync went (in the encrypted database's settings)."""

    hub_url: str = ""
    token: str = field(default="", repr=False)  # a secret: kept out of repr, logs and messages
    last_success: str | None = None
    last_error: str | None = None

    @classmethod
    def load(cls, store: Store) -> "SyncSettings":
        text = store.setting(SETTINGS_KEY)
        if text is None:
            return cls()
        try:
            fields = json.loads(text)
            return cls(**{k: v for k, v in fields.items() if k in cls.__dataclass_fields__})
        except (ValueError, AttributeError, TypeError) as e:
            raise SyncError(QT_TRANSLATE_NOOP(
                "sync", "The sync settings are damaged or unreadable ({reason}), so nothing was sent. "
                        "Enter the hub address and token again in {settings}; that replaces them.")
                .format(reason=type(e).__name__, settings=SETTINGS)) from None

    @classmethod
    def load_or_new(cls, store: Store) -> "SyncSettings":
        """The saved settings, or new ones in place of damaged ones (saving replaces them)."""
        try:
            return cls.load(store)
        except SyncError:
            return cls()

    def save(self, store: Store) -> None:
        """Keep the last sync's outcome (the app's own bookkeeping: no event)."""
        store.set_setting(SETTINGS_KEY, self.to_json())

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def configure_hub(store: Store, hub_url: str, token: str | None) -> SyncSettings:
    """Administrator: set the hub address and (unless None: keep it) the token; audited, token never shown."""
    require_admin(store)
    settings = SyncSettings.load_or_new(store)
    settings.hub_url = check_hub_url(hub_url)
    settings.token = token or settings.token
    store.change_setting(SETTINGS_KEY, settings.to_json(), "sync_settings", hub=settings.hub_url,
                         new_token=bool(token))
    return settings


# ---------------------------------------------------------------- what the hub stores




def photo_file_row(store: Store, photo: dict) -> dict:
    """The ``photo_files`` row of a photos row, JPEG as bytes."""
    try:
        jpeg, width, height = reduced_jpeg(store.photo_bytes(photo), photo["stored_path"])
    except (ImageError, StoreError) as e:
        raise SyncError(QT_TRANSLATE_NOOP(
            "sync", "The photo file {file} in the data folder cannot be read ({reason}), so the sync stopped "
                    "before it. Restore the data folder from a backup.")
            .format(file=photo["stored_path"], reason=e)) from e
    return {"sha256": photo["sha256"], "width": width, "height": height, "jpeg": jpeg}


# ---------------------------------------------------------------- the hub's API


def check_hub_url(url: str) -> str:
    """The hub database URL without a trailing slash; https only, except on this computer."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname or not parts.path.strip("/"):
        raise SyncError(QT_TRANSLATE_NOOP(
            "sync", "The hub address {url} is not valid. It looks like https://hub.example.org/screening "
                    "(the server, then the database name).")
            .format(url=repr(url)))
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise SyncError(QT_TRANSLATE_NOOP(
            "sync", "The hub address must start with https://, so that patient data and the token travel "
                    "encrypted. Plain http:// is only allowed for a hub on this computer."))
    return url.strip().rstrip("/")


def _json_cell(value):
    """Datasette's write API takes BLOBs as {"$base64": true, "encoded": ...}."""
    if isinstance(value, bytes):
        return {"$base64": True, "encoded": base64.b64encode(value).decode("ascii")}
    return value


def _requests(rows: list[dict]) -> Iterator[list[dict]]:
    """Split encoded rows so each request stays under the hub's row and size limits."""
    chunk, size = [], 0
    for row in rows:
        row_size = len(json.dumps(row))
        if chunk and (len(chunk) == MAX_ROWS_PER_REQUEST or size + row_size > MAX_BYTES_PER_REQUEST):
            yield chunk
            chunk, size = [], 0
        chunk.append(row)
        size += row_size
    if chunk:
        yield chunk


class HubClient:
    """Upserts into one Datasette database, with bounded retries and exponential backoff.

    Retries connection failures, timeouts, 429 and 5xx; anything else is final.
    Setting `cancel` (sync_now does) stops the retries and waits at once.
    """

    cancel: threading.Event | None = None

    def __init__(self, hub_url: str, token: str, *, attempts: int = 4, backoff_s: float = 1.0,
                 timeout_s: float = 15.0, transport: httpx.BaseTransport | None = None):
        if not token:
            raise SyncError(QT_TRANSLATE_NOOP("sync", "No hub token is set. Enter the token from the hospital "
                                                      "in {settings}.").format(settings=SETTINGS))
        self.url = check_hub_url(hub_url)
        self.attempts, self.backoff_s = attempts, backoff_s
        # verify=True (the default) checks the hub's certificate; redirects are not followed,
        # so the token is never sent anywhere but the configured hub.
        self._http = httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=timeout_s,
                                  transport=transport, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "HubClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def upsert(self, table: str, rows: list[dict]) -> None:
        """Upsert rows by the table's primary key. Returns once the hub confirmed every request."""
        for chunk in _requests([{k: _json_cell(v) for k, v in row.items()} for row in rows]):
            # no "alter": the hub's set-up command adds the columns of later migrations (docs/hub.md)
            response = self._post(f"/{table}/-/upsert", {"rows": chunk})
            if response.status_code == 404:
                raise SyncError(QT_TRANSLATE_NOOP(
                    "sync", "The hub at {url} has no table {table}: the address is wrong, or the hub is not set "
                            "up yet (on the hub server: `python -m hub setup`, see docs/hub.md). "
                            "Nothing more was sent.")
                    .format(url=self.url, table=table))
            self._check(response, len(chunk))

    def download(self, path: str, max_bytes: int) -> bytes | None:
        """GET a file the hub serves beside its database (`path` from the server's root); None if absent."""
        parts = urlsplit(self.url)
        url = f"{parts.scheme}://{parts.netloc}{path}"
        try:
            with self._http.stream("GET", url) as response:
                if response.status_code == 404:
                    return None
                if response.status_code != 200:
                    raise SyncError(QT_TRANSLATE_NOOP("sync", "The hub answered HTTP {status} for {path}.")
                                    .format(status=response.status_code, path=path))
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > max_bytes:
                        raise SyncError(QT_TRANSLATE_NOOP(
                            "sync", "The hub's {path} is larger than {limit} bytes; not downloaded.")
                            .format(path=path, limit=max_bytes))
        except httpx.TransportError as e:
            raise HubUnreachableError(QT_TRANSLATE_NOOP("sync", "Could not download {path} from the hub ({reason}).")
                                      .format(path=path, reason=_plain_reason(e))) from e
        return bytes(data)

    def _post(self, path: str, payload: dict) -> httpx.Response:
        for attempt in itertools.count(1):
            final = attempt == self.attempts
            try:
                response = self._http.post(self.url + path, json=payload)
            except httpx.TransportError as e:
                if _is_certificate_error(e):
                    raise SyncError(QT_TRANSLATE_NOOP(
                        "sync", "The hub at {url} did not show a certificate this computer trusts, so "
                                "nothing was sent. Ask the hospital's IT staff.")
                        .format(url=self.url)) from e
                if final:
                    raise HubUnreachableError(QT_TRANSLATE_NOOP(
                        "sync", "Could not reach the hub at {url} ({reason}). Check the network connection "
                                "and try again later, or carry the records on a USB stick (sync export).")
                        .format(url=self.url, reason=_plain_reason(e))) from e
            else:
                if final or not (response.status_code == 429 or response.status_code >= 500):
                    return response
            delay = self.backoff_s * 2 ** (attempt - 1)
            log.info("hub request failed (attempt %d of %d); retrying in %.1f s", attempt, self.attempts, delay)
            if self.cancel is None:
                time.sleep(delay)
            elif self.cancel.wait(delay):
                raise SyncCancelled(STOPPED)

    def _check(self, response: httpx.Response, sent: int) -> None:
        """Return only for Datasette's success answer to an upsert of `sent` rows; raise otherwise."""
        if response.status_code in (401, 403):
            raise TokenRefusedError(QT_TRANSLATE_NOOP(
                "sync", "The hub refused the token, so nothing more was sent. Ask the hospital for a new token "
                        "for this laptop and enter it in {settings}. (Hub said: {hub_said})")
                .format(settings=SETTINGS, hub_said=_hub_said(response)))
        if response.status_code >= 300:
            if response.status_code == 400 and "invalid columns" in _hub_said(response):
                raise SyncError(QT_TRANSLATE_NOOP(
                    "sync", "The hub is set up for an older dr-screen: it lacks columns this laptop sends "
                            "({hub_said}). Nothing more was sent; ask the hospital's IT staff to run "
                            "`python -m hub setup` on the hub server (docs/hub.md).")
                    .format(hub_said=_hub_said(response)))
            raise SyncError(QT_TRANSLATE_NOOP(
                "sync", "The hub did not accept the records (HTTP {status}: {hub_said}). Nothing more was "
                        "sent; tell the hospital's IT staff.")
                .format(status=response.status_code, hub_said=_hub_said(response)))
        problem = _not_a_confirmation(response, sent)
        if problem:
            raise SyncError(QT_TRANSLATE_NOOP(
                "sync", "The answer from {url} was not the hub's confirmation ({problem}), so the records were "
                        "not marked as sent. A proxy or a maintenance page may be in the way, or the address "
                        "is not the hub's: tell the hospital's IT staff.")
                .format(url=self.url, problem=problem))


def _not_a_confirmation(response: httpx.Response, sent: int) -> str | None:
    """Why the answer is not Datasette's `{"ok": true}` for `sent` rows (None when it is).

    Datasette's upsert answers 200 and `{"ok": true}`; it lists the rows only for a
    token that may read them, and then there must be as many as were sent.
    """
    if response.status_code != 200:
        return f"HTTP {response.status_code} instead of 200"
    if response.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return f"it was {response.headers.get('content-type') or 'untyped'} content, not JSON"
    try:
        body = response.json()
    except ValueError:
        return "it was not valid JSON"
    if not isinstance(body, dict) or body.get("ok") is not True or body.get("errors"):
        return 'it did not say {"ok": true}'
    if "rows" in body and (not isinstance(body["rows"], list) or len(body["rows"]) != sent):
        return f"it confirmed {len(body['rows']) if isinstance(body['rows'], list) else 'no'} of {sent} rows"
    return None


def _hub_said(response: httpx.Response, limit: int = 300) -> str:
    """The hub's error messages (Datasette's `{"errors": [...]}`), else the HTTP reason. Any other
    body (a list, a string, a proxy's page) gives the reason: an odd answer is an error, never a crash."""
    try:
        body = response.json()
    except ValueError:
        body = None
    errors = body.get("errors") if isinstance(body, dict) else None
    said = "; ".join(str(e) for e in errors) if isinstance(errors, list) else ""
    return (said or response.reason_phrase or f"HTTP {response.status_code}")[:limit]


def _is_certificate_error(error: Exception) -> bool:
    while error is not None:
        if isinstance(error, ssl.SSLCertVerificationError):
            return True
        error = error.__cause__ or error.__context__
    return False


def _plain_reason(error: httpx.TransportError) -> str:
    if isinstance(error, httpx.TimeoutException):
        return QT_TRANSLATE_NOOP("sync", "no answer in time")
    if isinstance(error, httpx.ConnectError):
        return QT_TRANSLATE_NOOP("sync", "no connection")
    return QT_TRANSLATE_NOOP("sync", "the connection broke off")


# ---------------------------------------------------------------- push


def _batches(rows: list[dict], size: int) -> Iterable[list[dict]]:
    return (rows[i:i + size] for i in range(0, len(rows), size))


def push(store: Store, hub: HubClient, *, batch_size: int = 50,
         on_batch: Callable[[str, int], None] | None = None,
         cancel: threading.Event | None = None) -> dict[str, int]:
    """Send every pending record, parents first; returns rows marked synced per table.

    Each batch is marked synced right after the hub confirmed it, so a push cut off
    half-way keeps what got through and the next push sends only the rest.
    `on_batch(table, rows)` is called after each confirmed batch (progress); a set
    `cancel` stops before the next batch with SyncCancelled.
    """
    synced = dict.fromkeys(SYNCED_TABLES, 0)
    for table in SYNCED_TABLES:
        for batch in _batches(store.pending(table), batch_size):
            if cancel is not None and cancel.is_set():
                raise SyncCancelled(STOPPED)
            if table == "photos":  # the files first: a synced photo row always has its file on the hub
                files = [photo_file_row(store, p) for p in batch if not p["deleted_at"]]  # tombstones: none
                if files:
                    hub.upsert(PHOTO_FILES, files)
            hub.upsert(table, [hub_row(r) for r in batch])
            synced[table] += store.mark_synced(table, [(r["id"], r["version"]) for r in batch])
            log.info("hub confirmed %d %s", len(batch), table)
            if on_batch:
                on_batch(table, len(batch))
    return synced


def sync_now(store: Store, *, hub_factory: Callable[[SyncSettings], HubClient] | None = None,
             cancel: threading.Event | None = None, **push_options) -> dict[str, int]:
    """Push with the saved settings, and record the outcome (last success or last error) in them.
    Safe on a worker thread with its own Store (Store.open_for_thread); `cancel` stops it.

    The sync is an audit event recorded before the push (with what was waiting), so it
    travels with it; a failed sync adds an event saying so, which goes next time."""
    settings = SyncSettings.load(store)
    store.record_event("sync", **{t: n for t, n in sync_status(store).unsynced.items() if n})
    try:
        if not settings.hub_url:
            raise SyncError(QT_TRANSLATE_NOOP("sync", "No hub address is set. Enter it in {settings}.")
                            .format(settings=SETTINGS))
        with (hub_factory or _default_hub)(settings) as hub:
            hub.cancel = cancel
            synced = push(store, hub, cancel=cancel, **push_options)
            _fetch_model_update(store.data_dir, hub)
    except SyncCancelled:
        raise  # not a failure of the hub or the link: the last outcome stays as it was
    except SyncError as e:
        settings.last_error = str(e)
        settings.save(store)
        store.record_event("sync", failed=type(e).__name__)
        raise
    settings.last_success, settings.last_error = now_utc(), None
    settings.save(store)
    return synced


def _fetch_model_update(data_dir: Path, hub: HubClient) -> None:
    """A model the hub publishes comes down verified, for a person to install; its trouble never fails the push."""
    try:
        update = fetch_update(data_dir, hub)
    except (SyncError, BundleError, OSError) as e:
        log.warning("no model update from the hub: %s", e)
        return
    if update:
        log.warning("model update %s %s downloaded and verified: install it with File → Install model update…",
                    update.name, update.version)


def _default_hub(settings: SyncSettings) -> HubClient:
    return HubClient(settings.hub_url, settings.token)


@dataclass
class SyncStatus:
    unsynced: dict[str, int]
    last_success: str | None
    last_error: str | None

    def summary(self) -> str:
        """One line for a status bar."""
        waiting = sum(self.unsynced.values())
        parts = ["all records synced" if not waiting else
                 "not synced: " + records_text({t: n for t, n in self.unsynced.items() if n})]
        parts.append(f"last sync {self.last_success[:16].replace('T', ' ')} UTC" if self.last_success
                     else "never synced")
        if self.last_error:  # its first sentence says what went wrong in plain words
            parts.append("last try failed: " + self.last_error.split(". ")[0])
        return " · ".join(parts)


def sync_status(store: Store) -> SyncStatus:
    settings = SyncSettings.load(store)
    unsynced = {t: len(store.pending(t)) for t in SYNCED_TABLES}
    return SyncStatus(unsynced, settings.last_success, settings.last_error)
