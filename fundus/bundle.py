"""Model bundles: `models/NAME.tflite` plus the manifest `models/NAME.json`.

The manifest is the only thing the app trusts about a model: the sha256 of the
.tflite, the input size, the preprocessing it was trained with, and the head
combiner with its cut points. The publisher signs the manifest's bytes with Ed25519
(`NAME.json.sig`, see fundus/signing.py), so the sha256 of the model is covered too.
`load_bundle` refuses a bundle that is unsigned, signed by a key it does not trust,
altered, or whose preprocessing this app does not run, so a model never sees inputs
it was not trained on and a forged manifest never grades. No TensorFlow here: the
app loads bundles with the shared core only.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from fundus import signing
from fundus.files import file_sha256 as sha256_file, write_atomic  # hub_review imports sha256_file from here
from fundus.grades import REFERABLE_GRADE, head_scalars, score_to_grade
from fundus.preprocess import PREPROCESS_VERSION, params
from fundus.triage import Policy, Triage

FORMAT = "dr-screen-bundle"
FORMAT_VERSION = 1
DEFAULT_POINTER = "default.json"  # models/default.json: {"bundle": "NAME.json"}
MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
TRUSTED_KEYS_DIR = MODELS_DIR / "trusted_keys"  # the publishers' public keys that ship with the app
# Extra folders of trusted publisher keys (os.pathsep-separated), e.g. a test key.
ENV_TRUSTED_KEYS = "DR_SCREEN_TRUSTED_KEYS"
# "1": a developer's own local run may use unsigned bundles (never a bad or unknown signature).
ENV_ALLOW_UNSIGNED = "DR_SCREEN_ALLOW_UNSIGNED_MODELS"
HEAD_OUTPUTS = ("regression", "classification", "ordinal")
SCREENING_POINT = "screening-point"  # the implicit triage policy of a bundle without a triage section
MODEL_OUTPUTS = (*HEAD_OUTPUTS, "cam")


class BundleError(Exception):
    """A bundle that must not be used. The message says which file and why."""


@dataclass(frozen=True)
class Combiner:
    """Post-training combiner: one score from three per-head scalars, then cut points.

    x = [regression, expected grade of the softmax, sum of the ordinal sigmoids],
    score = weights . x + bias, grade = number of cut points below the score.
    Optionally a calibration of the score, fitted on a calibration split:
    P(referable DR) = 1 / (1 + exp(-(slope * score + intercept))) (manifest key
    "referable_probability": {"slope", "intercept"}); None when the bundle has none.
    Optionally a referral threshold below the moderate cut point: the screening
    operating point. A score at or above it is referred whatever its grade, so the
    grades keep their own (QWK-optimal) cut points and sensitivity is set apart.
    """
    weights: tuple[float, float, float]
    bias: float
    cut_points: tuple[float, ...]
    referable_calibration: tuple[float, float] | None = None  # (slope, intercept)
    referral_threshold: float | None = None

    @classmethod
    def from_dict(cls, d: Mapping) -> Combiner:
        """From a run's combiner.json or a manifest's "combiner" entry."""
        weights = tuple(float(w) for w in d["weights"])
        cut_points = tuple(float(c) for c in d["cut_points"])
        if len(weights) != 3 or len(cut_points) != 4:
            raise ValueError("a combiner needs 3 weights and 4 cut points")
        if list(cut_points) != sorted(cut_points):
            raise ValueError(f"cut points must increase: {list(cut_points)}")
        calibration = d.get("referable_probability")
        if calibration is not None:
            calibration = (float(calibration["slope"]), float(calibration["intercept"]))
            if not (np.isfinite(calibration).all() and calibration[0] > 0):
                raise ValueError("referable_probability needs a finite intercept and a positive slope "
                                 f"(the likelihood grows with the score), not {list(calibration)}")
        threshold = d.get("referral_threshold")
        if threshold is not None:
            threshold = float(threshold)
            if not (np.isfinite(threshold) and threshold <= cut_points[1]):
                raise ValueError(f"referral_threshold {threshold} must be finite and at most the moderate "
                                 f"cut point {cut_points[1]} (above it, it would refer nobody more)")
        return cls(weights, float(d["bias"]), cut_points, calibration, threshold)

    def to_dict(self) -> dict:
        d = {"weights": list(self.weights), "bias": self.bias, "cut_points": list(self.cut_points)}
        if self.referable_calibration is not None:
            d["referable_probability"] = dict(zip(("slope", "intercept"), self.referable_calibration))
        if self.referral_threshold is not None:
            d["referral_threshold"] = self.referral_threshold
        return d

    def scores(self, outputs: Mapping[str, np.ndarray]) -> np.ndarray:
        """Head outputs (batch-first arrays) -> one score per image."""
        return head_scalars(outputs) @ np.asarray(self.weights) + self.bias

    def grades(self, scores) -> np.ndarray:
        return np.atleast_1d(score_to_grade(scores, self.cut_points))

    def refers(self, scores) -> np.ndarray:
        """The referral decision per score: a referable grade (moderate or worse), or a
        score at or above the referral threshold."""
        scores = np.atleast_1d(np.asarray(scores, np.float64))
        refer = self.grades(scores) >= REFERABLE_GRADE
        if self.referral_threshold is not None:
            refer |= scores >= self.referral_threshold
        return refer

    def referable_probability(self, scores) -> np.ndarray | None:
        """The calibrated likelihood of referable DR per score, or None without a calibration."""
        if self.referable_calibration is None:
            return None
        slope, intercept = self.referable_calibration
        return 1.0 / (1.0 + np.exp(-(slope * np.atleast_1d(np.asarray(scores, np.float64)) + intercept)))


@dataclass(frozen=True)
class Bundle:
    manifest_path: Path
    model_path: Path
    name: str
    version: str
    mode: str  # float32 | fp16 | dynamic | int8
    input_size: int
    combiner: Combiner
    manifest: dict  # everything else (metrics, data, training) as written
    manifest_sha256: str = ""  # of the manifest's bytes: what a result records as "graded by"
    signer: str | None = None  # key id of the publisher; None when not checked or allowed unsigned
    triage: Triage | None = None  # the manifest's triage policies; None for a bundle without them

    def policy(self, name: str | None = None) -> Policy:
        """The triage policy `name` (the manifest's default when None). A bundle without a
        triage section has one implicit policy, its screening point: clear below the
        referral threshold (else the moderate cut point), urgent from the severe cut point,
        so its `referable` is what Combiner.refers has always said."""
        if self.triage is not None:
            try:
                return self.triage.policy(name)
            except KeyError as e:
                raise BundleError(f"{self.manifest_path.name}: {e.args[0]}") from None
        if name is not None:
            raise BundleError(f"{self.manifest_path.name} has no triage policies, so none named {name!r}")
        cuts = self.combiner.cut_points
        clear = cuts[1] if self.combiner.referral_threshold is None else self.combiner.referral_threshold
        return Policy(SCREENING_POINT, clear, cuts[2])

    @property
    def warning(self) -> str | None:
        """A caution the publisher attached (converter --warning), shown on every screen."""
        return self.manifest.get("warning") or None


def signature_path(manifest_path: str | os.PathLike) -> Path:
    manifest_path = Path(manifest_path)
    return manifest_path.with_name(manifest_path.name + signing.SIGNATURE_SUFFIX)


def trusted_key_folders(extra: tuple[str | os.PathLike, ...] = ()) -> list[Path]:
    """The shipped publisher keys, then `extra` (an administrator's), then $DR_SCREEN_TRUSTED_KEYS."""
    from_env = [Path(p) for p in os.environ.get(ENV_TRUSTED_KEYS, "").split(os.pathsep) if p]
    return [TRUSTED_KEYS_DIR, *map(Path, extra), *from_env]


def unsigned_allowed() -> bool:
    return os.environ.get(ENV_ALLOW_UNSIGNED) == "1"


def load_bundle(manifest_path: str | os.PathLike, *, key_folders: tuple[str | os.PathLike, ...] = (),
                check_signature: bool = True) -> Bundle:
    """Read and verify a bundle: publisher's signature, schema, preprocessing, sha256 of the model.

    `key_folders` adds folders of trusted public keys to the shipped ones. Developer
    tools that only measure a fresh, unsigned candidate pass `check_signature=False`.
    """
    manifest_path = Path(manifest_path)
    try:
        raw = manifest_path.read_bytes()
        manifest = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise BundleError(f"model manifest not found: {manifest_path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BundleError(f"cannot read model manifest {manifest_path}: {e}") from None
    except json.JSONDecodeError as e:
        raise BundleError(f"model manifest {manifest_path.name} is not valid JSON "
                          f"(line {e.lineno}: {e.msg})") from None
    signer = _check_signature(manifest_path, raw, key_folders) if check_signature else None
    bundle = replace(_parse(manifest, manifest_path), signer=signer,
                                 manifest_sha256=hashlib.sha256(raw).hexdigest())
    if not bundle.model_path.is_file():
        raise BundleError(f"{manifest_path.name}: its model file {bundle.model_path.name} is missing "
                          f"from {bundle.model_path.parent}")
    if sha256_file(bundle.model_path) != manifest["model"]["sha256"]:
        raise BundleError(f"{bundle.model_path.name} does not match the sha256 in {manifest_path.name}: "
                          "the model file was changed or damaged; copy the bundle again")
    return bundle


def _check_signature(manifest_path: Path, raw: bytes, key_folders) -> str | None:
    """The publisher's key id; None for an unsigned bundle a developer allowed."""
    sig = signature_path(manifest_path)
    if not sig.is_file():
        if unsigned_allowed():
            return None
        raise BundleError(f"{manifest_path.name} is not signed by its publisher ({sig.name} is missing), "
                          "so it is not used. Get the signed bundle from the publisher. (Developers: "
                          f"{ENV_ALLOW_UNSIGNED}=1 allows unsigned bundles for a local run.)")
    try:
        return signing.verify(raw, sig.read_bytes(), signing.load_trusted_keys(trusted_key_folders(key_folders)))
    except signing.UnknownSignerError as e:
        raise BundleError(f"{manifest_path.name} is not used: {e}. Only bundles from a trusted publisher "
                          "are used; an administrator adds a publisher's key with "
                          "`python -m desktop model trust KEY.pub`.") from None
    except (signing.SignatureError, signing.KeyFileError, OSError) as e:
        raise BundleError(f"{manifest_path.name} is not used: {e}.") from None


def sign_bundle(manifest_path: str | os.PathLike, private_key) -> Path:
    """Write NAME.json.sig for the manifest's bytes as they are now; returns its path."""
    manifest_path = Path(manifest_path)
    target = signature_path(manifest_path)
    write_atomic(target, signing.sign(private_key, manifest_path.read_bytes()))
    return target


def write_bundle(out_dir: str | os.PathLike, name: str, tflite: bytes, manifest: dict) -> Path:
    """Write NAME.tflite and NAME.json atomically; returns the manifest path.

    `manifest` is everything but the "model" file fields, which are filled in here
    from the bytes. The model is written first, so a manifest never names a
    half-written file; a reader meanwhile sees the old pair or a sha256 mismatch.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path, manifest_path = out_dir / f"{name}.tflite", out_dir / f"{name}.json"
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, **manifest}
    manifest["model"] = {**manifest.get("model", {}), "file": model_path.name,
                         "sha256": hashlib.sha256(tflite).hexdigest(), "bytes": len(tflite)}
    _parse(manifest, manifest_path)  # never publish a manifest the app would refuse
    signature_path(manifest_path).unlink(missing_ok=True)  # it signs the old manifest: sign again
    write_atomic(model_path, tflite)
    write_atomic(manifest_path, (json.dumps(manifest, indent=2) + "\n").encode())
    return manifest_path


def default_bundle(models_dir: str | os.PathLike | None = None) -> Path:
    """The manifest the app uses: the one models/default.json names, else the only one."""
    models_dir = Path(models_dir) if models_dir else MODELS_DIR
    pointer = models_dir / DEFAULT_POINTER
    if pointer.is_file():
        try:
            target = models_dir / json.loads(pointer.read_text(encoding="utf-8"))["bundle"]
        except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
            raise BundleError(f'{pointer} must be {{"bundle": "NAME.json"}}') from None
        if not target.is_file():
            raise BundleError(f"{pointer} names {target.name}, which is not in {models_dir}")
        return target
    manifests = sorted(p for p in models_dir.glob("*.json") if p.name != DEFAULT_POINTER)
    if not manifests:
        raise BundleError(f"no model bundle in {models_dir}: convert one with "
                          "`python -m converter RUN_DIR --out models/ ...`")
    if len(manifests) > 1:
        names = ", ".join(p.name for p in manifests)
        raise BundleError(f"several bundles in {models_dir} ({names}); name the default one in "
                          f'{pointer.name} as {{"bundle": "NAME.json"}}')
    return manifests[0]


def _parse(manifest, manifest_path: Path) -> Bundle:
    name = manifest_path.name
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{name} is not a dr-screen model manifest")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BundleError(f"{name} has manifest format {manifest.get('format_version')!r}; "
                          f"this app reads format {FORMAT_VERSION}")
    try:
        model, pre = manifest["model"], manifest["preprocessing"]
        size = int(manifest["input"]["size"])
        combiner = Combiner.from_dict(manifest["combiner"])
        model_file, mode, sha = model["file"], model["mode"], model["sha256"]
        pre_version = pre["version"]
        bundle_name, version = str(manifest["name"]), str(manifest["version"])
        triage = None if manifest.get("triage") is None else Triage.from_dict(manifest["triage"])
    except (KeyError, TypeError, ValueError) as e:
        detail = f"missing {e}" if isinstance(e, KeyError) else str(e)
        raise BundleError(f"{name} is incomplete or malformed ({detail})") from None
    if not (isinstance(sha, str) and len(sha) == 64):
        raise BundleError(f"{name}: model.sha256 is not a sha256 digest")
    if Path(model_file).name != model_file:
        raise BundleError(f"{name}: model.file must be a file name next to the manifest")
    if pre_version != PREPROCESS_VERSION:
        raise BundleError(f"{name} was made for preprocessing {pre_version!r}, but this app runs "
                          f"{PREPROCESS_VERSION!r}; convert the model again with this version")
    if _jsonable(pre) != _jsonable(params(size)):
        raise BundleError(f"{name}: its preprocessing parameters {pre} differ from this app's "
                          f"{params(size)} for version {PREPROCESS_VERSION!r}")
    for policy in (triage.policies.values() if triage else ()):
        # A grade the app shows as referable (moderate or worse) is never cleared.
        if policy.clear_below > combiner.cut_points[1]:
            raise BundleError(f"{name}: triage policy {policy.name!r} clears scores up to {policy.clear_below}, "
                              f"above the moderate cut point {combiner.cut_points[1]}")
    return Bundle(manifest_path, manifest_path.parent / model_file, bundle_name, version, mode,
                  size, combiner, manifest, triage=triage)


def _jsonable(value):
    return json.loads(json.dumps(value))
