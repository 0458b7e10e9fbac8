"""The laptop's keys, and the one place that opens its database. Qt-free.

A random 256-bit **data key** encrypts everything on the laptop. It is never stored
in clear: ``vault.json`` in the data folder holds it twice, wrapped (AES-256-GCM):

- by a key derived from the **passphrase** with Argon2id (memory-hard: 64 MiB, 3
  passes, 4 lanes, RFC 9106's second recommended setting; the parameters and the salt
  are in the file), asked for at every start;
- by the **recovery key**, 160 random bits shown once at set-up (``ABCD-EFGH-…``) to
  be written down and kept away from the laptop. It unlocks the vault when the
  passphrase is forgotten, and a new passphrase is then set.

Changing the passphrase re-wraps the data key; nothing else is re-encrypted. From
the data key, HKDF-SHA256 derives the SQLCipher key of the database (and of its
backups), the AES-256-GCM key of the photo files and the key that names them.

``connect`` is the only code that opens a dr-screen database: SQLCipher (the
``sqlcipher3-wheels`` build: Linux, Windows and macOS wheels), raw 256-bit key, temp
tables in memory (never in a plain temp file), freed pages zeroed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlcipher3 import dbapi2 as sqlcipher
from zxcvbn import zxcvbn

from desktop.paths import make_private_dir
from fundus.files import write_atomic
from fundus.text import QT_TRANSLATE_NOOP

VAULT_NAME = "vault.json"
FORMAT = "dr-screen-vault"
FORMAT_VERSION = 1
MIN_PASSPHRASE = 10
MIN_GUESSES_LOG10 = 10
MAX_ESTIMATED = 100  # zxcvbn's time grows with the length; 100 characters already say enough
RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters
SQLITE_HEADER = b"SQLite format 3\x00"
SEALED_MAGIC = b"DRSC\x01"  # a file sealed with `seal`
BUSY_TIMEOUT_S = 5.0

# The database errors of the SQLCipher build (not the stdlib's sqlite3 classes).
Error = sqlcipher.Error
DatabaseError = sqlcipher.DatabaseError
OperationalError = sqlcipher.OperationalError
IntegrityError = sqlcipher.IntegrityError


class VaultError(Exception):
    """The vault cannot be used as asked; the message says what to do."""


class WrongPassphraseError(VaultError):
    pass


class WrongRecoveryKeyError(VaultError):
    pass


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings, stored in vault.json with the salt."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        if not (8 * self.lanes <= self.memory_kib <= 4 * 2**20 and 1 <= self.iterations <= 64):
            raise VaultError(f"{VAULT_NAME} has key settings outside the allowed range; it is damaged.")
        return Argon2id(salt=salt, length=32, iterations=self.iterations, lanes=self.lanes,
                        memory_cost=self.memory_kib).derive(secret)


DEFAULT_KDF = KdfParams()
# The weakest setting a vault may ask for (OWASP's minimum for Argon2id: 19 MiB, 2 passes). vault.json
# is a plain file: whoever can write it could otherwise lower the cost of a passphrase guess by a
# thousand times and wait for the next re-wrap. Below the floor the vault does not open, and every
# re-wrap uses DEFAULT_KDF, whatever the file says.
MIN_KDF = KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)


def _below_floor(kdf: KdfParams) -> bool:
    return kdf.memory_kib < MIN_KDF.memory_kib or kdf.iterations < MIN_KDF.iterations


@dataclass(frozen=True, repr=False)
class Keys:
    """What an unlocked vault gives: the keys, never written anywhere."""

    db_key: bytes
    photo_key: bytes
    name_key: bytes
    device_id: str  # this data folder's random id: the audit chain and the export name it

    def __repr__(self) -> str:  # keys never reach a log or a traceback's locals dump
        return f"Keys(device_id={self.device_id!r})"

    @classmethod
    def from_data_key(cls, data_key: bytes, device_id: str) -> "Keys":
        def sub(purpose: str) -> bytes:
            return HKDF(hashes.SHA256(), 32, salt=None, info=f"dr-screen {purpose}".encode()).derive(data_key)
        return cls(sub("sqlcipher database"), sub("photo files"), sub("photo names"), device_id)

    def photo_name(self, sha256: str) -> str:
        """The stored name of a photo: a keyed hash, so a name says nothing about the photo."""
        return hmac.new(self.name_key, sha256.encode(), hashlib.sha256).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _path(data_dir: Path) -> Path:
    return Path(data_dir) / VAULT_NAME


def exists(data_dir: str | os.PathLike) -> bool:
    return _path(Path(data_dir)).is_file()


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise VaultError(QT_TRANSLATE_NOOP("vault", "The passphrase must have at least {min} characters; a few "
                                                    "unrelated words are easy to remember and hard to guess.")
                         .format(min=MIN_PASSPHRASE))
    # Length alone let "aaaaaaaaaa" through. zxcvbn (Dropbox's estimator: dictionaries, keyboard
    # patterns, repeats, sequences) estimates the guesses an attacker needs; below 10^10 a stolen
    # laptop's vault falls to one core within weeks even at Argon2id's cost per guess.
    if zxcvbn(passphrase[:MAX_ESTIMATED])["guesses_log10"] < MIN_GUESSES_LOG10:
        raise VaultError(QT_TRANSLATE_NOOP("vault", "That passphrase is too easy to guess (a repeat, a sequence, a "
                                                    "common password or a name). Use a few unrelated words, e.g. "
                                                    "four words that have nothing to do with the camp."))


# ---------------------------------------------------------------- vault.json


def _wrap(kek: bytes, data_key: bytes, purpose: str, device_id: str) -> dict:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce),
            "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, f"{FORMAT} {purpose} {device_id}".encode()))}


def _unwrap(kek: bytes, box: dict, purpose: str, device_id: str) -> bytes | None:
    try:
        return AESGCM(kek).decrypt(_unb64(box["nonce"]), _unb64(box["wrapped"]),
                                   f"{FORMAT} {purpose} {device_id}".encode())
    except InvalidTag:
        return None


def _recovery_kek(recovery: bytes, salt: bytes) -> bytes:
    # The recovery key is 160 random bits, so a fast KDF is enough.
    return HKDF(hashes.SHA256(), 32, salt=salt, info=b"dr-screen recovery key").derive(recovery)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(c for c in text.upper() if c.isalnum()).replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raw = b""
    if len(raw) != RECOVERY_BYTES:
        raise WrongRecoveryKeyError(QT_TRANSLATE_NOOP("vault", "That is not a recovery key: it has 32 letters and "
                                                               "digits in groups of four (ABCD-EFGH-…). Check what "
                                                               "was written down."))
    return raw


def _load(data_dir: Path, *, for_recovery: bool = False) -> dict:
    """vault.json, checked. Key settings below MIN_KDF are refused, except when the recovery key is
    about to replace them (recover re-wraps with DEFAULT_KDF, which repairs the file)."""
    path = _path(data_dir)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["format"] != FORMAT or doc["format_version"] != FORMAT_VERSION:
            raise ValueError
        kdf = KdfParams(**doc["kdf"]["params"])
        for box in ("passphrase", "recovery"):
            doc[box]["nonce"], doc[box]["wrapped"]  # noqa: B018 (present)
    except FileNotFoundError:
        raise VaultError(f"There is no {VAULT_NAME} in {data_dir}: this data folder is not set up yet.") from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise VaultError(QT_TRANSLATE_NOOP("vault", "{file} is damaged or unreadable ({reason}). Without it the "
                                                    "records cannot be opened: restore it from a copy of the data "
                                                    "folder.").format(file=path, reason=type(e).__name__)) from None
    if _below_floor(kdf) and not for_recovery:
        raise VaultError(QT_TRANSLATE_NOOP(
            "vault", "{file} asks for weaker passphrase protection ({memory} KiB, {passes} passes) than dr-screen "
                     "allows ({min_memory} KiB, {min_passes} passes). dr-screen never writes such a file: someone "
                     "changed it, perhaps to make the passphrase easier to guess. The records were not opened. "
                     "Unlock with the recovery key (`python -m desktop passphrase recover`), which sets the "
                     "passphrase again with dr-screen's own protection, and tell the programme's administrator.")
            .format(file=path, memory=kdf.memory_kib, passes=kdf.iterations, min_memory=MIN_KDF.memory_kib,
                    min_passes=MIN_KDF.iterations))
    return doc


def _save(data_dir: Path, doc: dict) -> None:
    """Atomic and owner-only: a half-written vault.json would lock the records away."""
    write_atomic(_path(data_dir), json.dumps(doc, indent=1).encode())


def create(data_dir: str | os.PathLike, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> tuple[Keys, str]:
    """A new vault: returns the keys and the recovery key, to be shown once and never again."""
    data_dir = Path(data_dir)
    if exists(data_dir):
        raise VaultError(f"{data_dir} already has a vault; it is never replaced.")
    check_passphrase(passphrase)
    if _below_floor(kdf):
        raise VaultError(f"Argon2id {kdf.memory_kib} KiB, {kdf.iterations} passes is below dr-screen's floor "
                         f"({MIN_KDF.memory_kib} KiB, {MIN_KDF.iterations} passes)")
    make_private_dir(data_dir)
    device_id, data_key, recovery = str(uuid.uuid4()), os.urandom(32), os.urandom(RECOVERY_BYTES)
    salt, recovery_salt = os.urandom(16), os.urandom(16)
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION, "device_id": device_id,
           "kdf": {"name": "argon2id", "salt": _b64(salt), "params": asdict(kdf)},
           "passphrase": _wrap(kdf.derive(passphrase.encode(), salt), data_key, "passphrase", device_id),
           "recovery": {"salt": _b64(recovery_salt),
                        **_wrap(_recovery_kek(recovery, recovery_salt), data_key, "recovery", device_id)}}
    _save(data_dir, doc)
    return Keys.from_data_key(data_key, device_id), format_recovery_key(recovery)


def _passphrase_kek(doc: dict, passphrase: str) -> bytes:
    return KdfParams(**doc["kdf"]["params"]).derive(passphrase.encode(), _unb64(doc["kdf"]["salt"]))


def _data_key(doc: dict, passphrase: str) -> bytes:
    data_key = _unwrap(_passphrase_kek(doc, passphrase), doc["passphrase"], "passphrase", doc["device_id"])
    if data_key is None:
        raise WrongPassphraseError(QT_TRANSLATE_NOOP("vault", "Wrong passphrase. Check the keyboard language and "
                                                              "Caps Lock, then try again. Forgotten? Use the "
                                                              "recovery key."))
    return data_key


def unlock(data_dir: str | os.PathLike, passphrase: str) -> Keys:
    doc = _load(Path(data_dir))
    return Keys.from_data_key(_data_key(doc, passphrase), doc["device_id"])


def _set_passphrase(data_dir: Path, doc: dict, data_key: bytes, new_passphrase: str) -> None:
    check_passphrase(new_passphrase)
    salt = os.urandom(16)
    doc["kdf"] = {"name": "argon2id", "salt": _b64(salt), "params": asdict(DEFAULT_KDF)}  # never the file's own
    doc["passphrase"] = _wrap(DEFAULT_KDF.derive(new_passphrase.encode(), salt), data_key, "passphrase",
                              doc["device_id"])
    _save(data_dir, doc)


def change_passphrase(data_dir: str | os.PathLike, old: str, new: str) -> Keys:
    data_dir = Path(data_dir)
    doc = _load(data_dir)
    data_key = _data_key(doc, old)
    _set_passphrase(data_dir, doc, data_key, new)
    return Keys.from_data_key(data_key, doc["device_id"])


def recover(data_dir: str | os.PathLike, recovery_key: str, new_passphrase: str) -> Keys:
    """Unlock with the recovery key and set a new passphrase (the recovery key stays valid)."""
    data_dir = Path(data_dir)
    check_passphrase(new_passphrase)
    doc = _load(data_dir, for_recovery=True)
    raw = parse_recovery_key(recovery_key)
    box = doc["recovery"]
    data_key = _unwrap(_recovery_kek(raw, _unb64(box["salt"])), box, "recovery", doc["device_id"])
    if data_key is None:
        raise WrongRecoveryKeyError(QT_TRANSLATE_NOOP("vault", "That recovery key does not open this laptop's "
                                                               "records. Check what was written down (it belongs "
                                                               "to one laptop)."))
    _set_passphrase(data_dir, doc, data_key, new_passphrase)
    return Keys.from_data_key(data_key, doc["device_id"])


# ---------------------------------------------------------------- the database


def connect(path: str | os.PathLike, keys: Keys, *, readonly: bool = False) -> sqlcipher.Connection:
    """An SQLCipher connection keyed with the database key. A wrong key (or a damaged or plain
    file) shows up at the first read as DatabaseError "file is not a database"."""
    conn = sqlcipher.connect(_readonly_uri(path) if readonly else str(path), uri=readonly, timeout=BUSY_TIMEOUT_S)
    try:
        if not conn.execute("PRAGMA cipher_version").fetchall():
            # Plain SQLite answers nothing and would ignore the key: never write the records in clear.
            raise VaultError(QT_TRANSLATE_NOOP(
                "vault", "The database library in use is not SQLCipher, so nothing was opened (a plain SQLite "
                         "library took its place: TensorFlow loaded before dr-screen's database does this). "
                         "Start dr-screen on its own."))
        conn.execute("PRAGMA cipher_log_level = NONE")  # no decryption noise on stderr for a damaged file
        conn.execute(f"PRAGMA key = \"x'{keys.db_key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")  # an erased patient leaves no old page content behind
    except BaseException:
        conn.close()
        raise
    return conn


def connect_plain(path: str | os.PathLike, *, readonly: bool = False) -> sqlcipher.Connection:
    """An unencrypted SQLite file: only to encrypt it (desktop/store/plain_migration.py)."""
    if readonly:
        return sqlcipher.connect(_readonly_uri(path), uri=True)
    return sqlcipher.connect(str(path))


def _readonly_uri(path: str | os.PathLike) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"  # as_uri quotes spaces, '?', '#' and drive letters


def is_plain_sqlite(path: str | os.PathLike) -> bool:
    """True for an unencrypted SQLite file (SQLCipher files start with random salt)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


# ---------------------------------------------------------------- sealed files (photos)


def seal(key: bytes, data: bytes, label: str) -> bytes:
    """AES-256-GCM with a random nonce; `label` (e.g. the photo's sha256) is bound as associated data,
    so a sealed file moved under another name no longer opens."""
    nonce = os.urandom(12)
    return SEALED_MAGIC + nonce + AESGCM(key).encrypt(nonce, data, label.encode())


def unseal(key: bytes, blob: bytes, label: str) -> bytes:
    head = len(SEALED_MAGIC)
    if not blob.startswith(SEALED_MAGIC) or len(blob) < head + 12 + 16:
        raise VaultError("not a sealed dr-screen file")
    try:
        return AESGCM(key).decrypt(blob[head:head + 12], blob[head + 12:], label.encode())
    except InvalidTag:
        raise VaultError("the sealed file is damaged or belongs elsewhere") from None
