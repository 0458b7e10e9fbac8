"""Keras run -> TFLite bundle, gated on QWK.

1. Load the run (model.keras, combiner.json, config.json).
2. Build the export graph: batch 1 (EfficientNet's squeeze-excitation adds many
   shape ops with a dynamic batch), outputs regression / classification / ordinal
   plus `cam`, the `features` map through a 1x1 convolution carrying the regression
   head's kernel, so the app draws an exact class-activation map without TensorFlow.
3. Quantize (float32, fp16, dynamic range, or int8 calibrated on real images).
4. Evaluate float Keras and TFLite on the same model inputs, made by the app's
   preprocessing; TFLite runs through fundus.grader, both are scored by the same
   combiner and cut points.
5. Publish NAME.tflite + NAME.json only if the QWK drop is within tolerance.
"""
from __future__ import annotations

import functools
import hashlib
import json
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from converter import UserError
from converter import programme
from converter.data import ModelInputs, image_files, labelled_files, load_inputs, sample
from converter.evaluate import describe, evaluate_files
from converter.manifest import REPO_ROOT, portable_paths, warning_text
from fundus import metrics
from converter.signing import publisher_key, sign_published
from fundus.bundle import HEAD_OUTPUTS, Combiner, load_bundle, write_bundle
from fundus.grader import Grader
from fundus.numbers import percent
from fundus.preprocess import params
from fundus.progress import Progress

MODES = ("float32", "fp16", "dynamic", "int8")


@dataclass
class Run:
    model_path: Path
    model: keras.Model
    combiner: Combiner
    config: dict  # the run's config.json: {"command": ..., "config": {...}} ({} when absent)

    @property
    def input_size(self) -> int:
        return int(self.model.input_shape[1])


@dataclass
class Evaluation:
    mode: str
    metrics: dict  # fundus.metrics.summary, plus size_mb / ms_per_image for TFLite
    tflite: bytes | None = None

    @property
    def qwk(self) -> float:
        return self.metrics["qwk"]


def load_run(path: str | Path) -> Run:
    """A training run folder, or a model.keras with combiner.json beside it."""
    path = Path(path)
    model_path = path / "model.keras" if path.is_dir() else path
    if not model_path.is_file():
        raise UserError(f"no model found: {model_path} does not exist")
    combiner_path = model_path.parent / "combiner.json"
    if not combiner_path.is_file():
        raise UserError(f"{combiner_path} is missing: the converter needs the run's head "
                           "combiner and cut points (training writes combiner.json)")
    try:
        combiner = Combiner.from_dict(json.loads(combiner_path.read_text()))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise UserError(f"{combiner_path} is malformed: {e}") from None
    config_path = model_path.parent / "config.json"
    config = json.loads(config_path.read_text()) if config_path.is_file() else {}
    try:
        model = keras.saving.load_model(model_path, compile=False)
    except (OSError, ValueError) as e:
        raise UserError(f"cannot load {model_path}: {e}") from None
    missing = {"features", *HEAD_OUTPUTS} - {layer.name for layer in model.layers}
    if missing:
        raise UserError(f"{model_path} does not follow the model contract: no layer(s) "
                           f"{sorted(missing)} (see docs/ARCHITECTURE.md)")
    return Run(model_path, model, combiner, config)


def export_model(model: keras.Model) -> keras.Model:
    """The app's graph: batch-1 input, the three heads and the CAM output."""
    head = model.get_layer("regression")
    kernel = head.get_weights()[0]  # (channels, 1)
    cam_layer = keras.layers.Conv2D(1, 1, use_bias=False, name="cam")
    cam = cam_layer(model.get_layer("features").output)
    # No bias: the map then averages to the regression output minus its bias (GAP is linear).
    cam_layer.set_weights([kernel.reshape(1, 1, -1, 1)])
    graph = keras.Model(model.inputs, {**{k: model.get_layer(k).output for k in HEAD_OUTPUTS},
                                       "cam": cam})
    size = int(model.input_shape[1])
    image = keras.Input((size, size, 3), batch_size=1, dtype="float32", name="image")
    return keras.Model(image, graph(image), name="export")


def save_export(export: keras.Model, directory: str | Path) -> None:
    """Write the export graph once as a SavedModel (inference mode); every
    quantization mode converts from it, which saves a re-trace per mode."""
    archive = keras.export.ExportArchive()
    archive.track(export)
    archive.add_endpoint("serving_default", functools.partial(export.__call__, training=False),
                         [tf.TensorSpec(export.inputs[0].shape, tf.float32, name="image")])
    interactive = keras.config.is_interactive_logging_enabled()
    keras.config.disable_interactive_logging()  # write_out prints every captured tensor
    try:
        archive.write_out(str(directory))
    finally:
        if interactive:
            keras.config.enable_interactive_logging()


def to_tflite(saved_model: str | Path, mode: str, calibration: np.ndarray | None = None,
              float_layers: tuple[str, ...] = ()) -> bytes:
    """Quantize the saved export graph. int8 is calibrated on real model inputs only.

    float_layers: Keras layer-name prefixes whose ops stay float32 in an int8 model
    (selective quantization). EfficientNet-Lite's stem and first depthwise block hold
    ImageNet filters with very unequal ranges at the highest resolution; quantized,
    they shift every score (measured in docs/model-card.md), kept float they cost
    little time.
    """
    converter = tf.lite.TFLiteConverter.from_saved_model(str(saved_model))
    if mode == "fp16":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
    elif mode == "dynamic":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    elif mode == "int8":
        if calibration is None or not len(calibration):
            raise UserError("int8 needs calibration images (--calibration DIR)")
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = lambda: ([img[None].astype(np.float32)] for img in calibration)
        if float_layers:
            return _selectively_quantized(converter, calibration, float_layers)
    elif mode != "float32":
        raise UserError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    # Input and output stay float32 (the contract); int8 adds (de)quantize ops at the ends.
    return converter.convert()


def _selectively_quantized(converter, calibration: np.ndarray, float_layers: tuple[str, ...]) -> bytes:
    """int8 but for the ops of `float_layers`, named as TFLite names them (the Keras layer
    path is part of each op's output tensor name)."""
    from ai_edge_litert.interpreter import Interpreter

    names = [t["name"] for t in Interpreter(model_content=converter.convert()).get_tensor_details()]
    keep = [n for n in names if any(f"/{prefix}" in n for prefix in float_layers)]
    if not keep:
        raise UserError(f"--float-layers {','.join(float_layers)}: no such layer in the model")
    debugger = tf.lite.experimental.QuantizationDebugger(
        converter=converter, debug_dataset=lambda: ([img[None].astype(np.float32)] for img in calibration[:8]),
        debug_options=tf.lite.experimental.QuantizationDebugOptions(denylisted_nodes=keep))
    return debugger.get_nondebug_quantized_model()


def evaluate_keras(run: Run, data: ModelInputs, batch_size: int = 16) -> Evaluation:
    outputs = run.model.predict(data.images.astype(np.float32), batch_size=batch_size, verbose=0)
    return Evaluation("keras", scored(run.combiner, outputs, data.grades))


def scored(combiner: Combiner, outputs: dict, grades: np.ndarray) -> dict:
    """The published metrics of head outputs: grade metrics, the referral decisions'
    sensitivity and specificity, and the score's referable AUC."""
    scores = combiner.scores(outputs)
    return {**metrics.summary(grades, combiner.grades(scores), combiner.refers(scores)),
            "referable_auc": metrics.referable_auc(grades, scores)}


def evaluate_tflite(tflite: bytes, mode: str, manifest: dict, data: ModelInputs) -> Evaluation:
    """Grade `data` with the bundle exactly as the app loads it (write, verify, LiteRT)."""
    with tempfile.TemporaryDirectory() as tmp:
        # An unsigned candidate, only measured here: its signature is not checked.
        grader = Grader(load_bundle(write_bundle(tmp, "candidate", tflite, manifest), check_signature=False))
        outputs, latencies = [], []
        with Progress(len(data.images), f"TFLite {mode}") as progress:
            for image in data.images:
                start = time.perf_counter()
                outputs.append(grader.predict(image[None]))
                latencies.append(time.perf_counter() - start)
                progress.advance()
    # The median: robust to the first (warm-up) invoke and to other load on the machine.
    ms = float(np.median(latencies)) * 1000
    joined = {k: np.concatenate([o[k] for o in outputs]) for k in HEAD_OUTPUTS}
    result = scored(grader.bundle.combiner, joined, data.grades)
    result.update(size_mb=round(len(tflite) / 2**20, 3), ms_per_image=round(ms, 2))
    return Evaluation(mode, result, tflite)


def base_manifest(run: Run, mode: str, name: str, data_info: dict) -> dict:
    """Everything in the manifest but the metrics and the model file fields."""
    created = datetime.now(timezone.utc)
    model_sha = hashlib.sha256(run.model_path.read_bytes()).hexdigest()
    return {
        "name": name,
        "version": f"{created:%Y.%m.%d}-{model_sha[:8]}",
        "created": created.isoformat(timespec="seconds"),
        "model": {"mode": mode, "keras_sha256": model_sha},
        "input": {"size": run.input_size, "dtype": "float32", "range": [0, 255], "batch": 1},
        "preprocessing": params(run.input_size),
        "combiner": run.combiner.to_dict(),
        "data": portable_paths(data_info),
        "training": portable_paths({"run": str(run.model_path.parent.resolve()),
                                    "command": run.config.get("command"),
                                    "resumed_with": run.config.get("resumed_with", []),
                                    "initial_weights": _initial_weights(run.config.get("config") or {}),
                                    "backbone": ((run.config.get("config") or {}).get("model") or {}).get("backbone"),
                                    "imagenet_weights": run.config.get("imagenet_weights"),
                                    "config": run.config.get("config")}),
        "converter": {"command": shlex.join(["python", "-m", "converter", *sys.argv[1:]]),
                      "tensorflow": tf.__version__},
    }


def _initial_weights(config: dict) -> dict | None:
    """A run that starts from an earlier run's weights (a training chain) names that
    file and its sha256, so the manifest leads back to every step."""
    weights = (config.get("model") or {}).get("weights")
    if not weights or weights == "imagenet":
        return None
    path = Path(weights) if Path(weights).is_absolute() else REPO_ROOT / weights
    entry = {"path": str(path.resolve()),
             "sha256": hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None}
    parent_config = path.parent.parent / "config.json"  # RUN/checkpoint/model.weights.h5
    if path.parent.name == "checkpoint" and parent_config.is_file():
        parent = json.loads(parent_config.read_text())
        entry.update(command=parent.get("command"), resumed_with=parent.get("resumed_with", []))
    return entry


def convert_command(args) -> int:
    """`python -m converter RUN ...`: 0 published, 2 refused by the QWK gate or the programme gate."""
    modes = MODES if args.mode == "all" else (args.mode,)
    if "int8" in modes and not _calibration_folders(args):
        raise UserError("int8 needs --calibration DIR: a few hundred real images, ideally "
                        "not the validation ones")
    sign_key = publisher_key(args.sign_key)  # a bad key file fails now, not after the conversion
    if bool(args.programme) != bool(args.baseline):
        raise UserError("--programme and --baseline go together: the reviewed cases and the model in use")
    baseline = programme.baseline_bundle(args.baseline) if args.baseline else None
    say(f"loading {args.model}")
    run = load_run(args.model)
    validation = _validation_inputs(args, run.input_size)
    calibration = _calibration_inputs(args, run.input_size, validation) if "int8" in modes else None

    keras_eval = evaluate_keras(run, validation)
    say(f"float Keras: QWK {keras_eval.qwk:.4f} on {len(validation.images)} images")
    export = export_model(run.model)
    data_info = {
        "validation": {"images": str(Path(args.validation).resolve()),
                       "labels": str(Path(args.labels).resolve()), "preprocessed": args.preprocessed,
                       "limit": args.limit, "n": len(validation.images),
                       "skipped": len(validation.skipped)},
        "calibration": None if calibration is None else {
            "folders": [{"images": str(Path(folder).resolve()), "preprocessed": preprocessed}
                        for folder, preprocessed in _calibration_folders(args)],
            "n": len(calibration)},
    }
    evaluations = []
    with tempfile.TemporaryDirectory() as saved_model:
        save_export(export, saved_model)
        for mode in modes:
            say(f"converting: {mode}")
            tflite = to_tflite(saved_model, mode, calibration, tuple(args.float_layers))
            evaluation = evaluate_tflite(tflite, mode, base_manifest(run, mode, "candidate", data_info),
                                         validation)
            evaluation.metrics["qwk_drop"] = round(keras_eval.qwk - evaluation.qwk, 6)
            say(f"{mode}: QWK {evaluation.qwk:.4f} (drop {evaluation.metrics['qwk_drop']:+.4f}), "
                f"{evaluation.metrics['size_mb']:.2f} MB, {evaluation.metrics['ms_per_image']:.1f} ms/img")
            evaluations.append(evaluation)

    passing = [e for e in evaluations if e.metrics["qwk_drop"] <= args.max_qwk_drop]
    if len(modes) > 1:
        say(comparison_table(keras_eval, evaluations, args.max_qwk_drop))
    if not passing:
        worst = ", ".join(f"{e.mode} {e.qwk:.4f}" for e in evaluations)
        say(f"REFUSED: TFLite QWK ({worst}) is more than {args.max_qwk_drop} below the float "
            f"model's {keras_eval.qwk:.4f}; nothing written to {args.out}")
        return 2
    # With --mode all, ship the smallest model that passes the gate.
    chosen = min(passing, key=lambda e: e.metrics["size_mb"])
    name = args.name or f"{run.model_path.parent.name}-{chosen.mode}"
    manifest = base_manifest(run, chosen.mode, name, data_info)
    manifest["metrics"] = {
        "float": keras_eval.metrics, "tflite": chosen.metrics,
        "qwk_drop": chosen.metrics["qwk_drop"], "max_qwk_drop": args.max_qwk_drop,
        "comparison": [{"mode": e.mode, "qwk": e.qwk, **{k: e.metrics[k] for k in
                        ("qwk_drop", "size_mb", "ms_per_image")}} for e in evaluations],
    }
    if args.evaluate:
        manifest["metrics"]["sets"] = evaluate_sets(chosen.tflite, manifest, args.evaluate)
    if args.warning:
        manifest["warning"] = warning_text(args.warning, manifest["metrics"].get("sets", {}))
        say(f"warning: {manifest['warning']}")
    say(report(keras_eval, chosen))
    if baseline is not None:
        gate = programme.check(args.programme, baseline, chosen.tflite, manifest, args.max_programme_drop)
        say(programme.describe(gate))
        if gate.refusals:
            say(f"REFUSED: on the programme's held-out reviewed eyes the new model does worse than "
                f"{gate.baseline['bundle']} ({'; '.join(gate.refusals)}); nothing written to {args.out}")
            return 2
        manifest["metrics"]["programme"] = gate.record()
    path = write_bundle(args.out, name, chosen.tflite, manifest)
    say(f"wrote {path.with_suffix('.tflite')} and {path}")
    if sign_key:
        say(sign_published(path, sign_key))
    return 0


def evaluate_sets(tflite: bytes, manifest: dict, sets: list[list[str]]) -> dict:
    """The published model on other labelled sets (camera photos, another camera's
    split), through the app's own path, recorded in the manifest as it is scored."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        grader = Grader(load_bundle(write_bundle(tmp, "candidate", tflite, manifest), check_signature=False))
        for name, images, labels in sets:
            files, grades = labelled_files(images, labels)
            summary, _ = evaluate_files(grader, files, grades, preprocessed=False)
            results[name] = {"images": str(Path(images).resolve()), "labels": str(Path(labels).resolve()),
                             **summary}
            say(f"{name}: {describe(summary)}")
    return portable_paths(results)


def _validation_inputs(args, size: int) -> ModelInputs:
    files, grades = labelled_files(args.validation, args.labels)
    chosen = sample(files, args.limit)
    data = load_inputs([files[i] for i in chosen], size, args.preprocessed, grades[chosen], "validation")
    say(f"validation: {len(data.images)} images from {args.validation}" +
        (f", {len(data.skipped)} skipped as the app would (e.g. {data.skipped[0][0]}: "
         f"{data.skipped[0][1]})" if data.skipped else ""))
    if len(data.images) == 0:
        raise UserError("no usable validation image")
    return data


def _calibration_folders(args) -> list[tuple[str, bool]]:
    """(folder, already filtered?) for each calibration folder asked for."""
    folders = [(args.calibration, args.preprocessed)] if args.calibration else []
    return folders + ([(args.calibration_photos, False)] if args.calibration_photos else [])


def _calibration_inputs(args, size: int, validation: ModelInputs) -> np.ndarray:
    """calibration_count real model inputs, shared equally between the folders: a model
    that grades both provider-filtered images and camera photos needs the quantization
    ranges of both."""
    folders = _calibration_folders(args)
    parts = []
    for folder, preprocessed in folders:
        files = image_files(folder)
        chosen = [files[i] for i in sample(files, args.calibration_count // len(folders), seed=1)]
        data = load_inputs(chosen, size, preprocessed, label="calibration")
        if len(data.images) == 0:
            raise UserError(f"no usable calibration image in {folder}")
        overlap = len(set(data.names) & set(validation.names))
        say(f"calibration: {len(data.images)} real images from {folder}" +
            (f" ({overlap} also in validation)" if overlap else ""))
        parts.append(data.images)
    return np.concatenate(parts)


def comparison_table(keras_eval: Evaluation, evaluations: list[Evaluation], max_drop: float) -> str:
    lines = [f"{'mode':<9}{'size MB':>9}{'ms/img':>9}{'QWK':>8}{'drop':>9}  gate",
             f"{'keras':<9}{'':>9}{'':>9}{keras_eval.qwk:>8.4f}{'':>9}"]
    for e in evaluations:
        m = e.metrics
        lines.append(f"{e.mode:<9}{m['size_mb']:>9.2f}{m['ms_per_image']:>9.1f}{e.qwk:>8.4f}"
                     f"{m['qwk_drop']:>+9.4f}  {'pass' if m['qwk_drop'] <= max_drop else 'FAIL'}")
    return "\n".join(lines)


def report(keras_eval: Evaluation, chosen: Evaluation) -> str:
    lines = []
    for label, e in (("float Keras", keras_eval), (f"TFLite {chosen.mode}", chosen)):
        m = e.metrics
        lines.append(f"{label}: QWK {m['qwk']:.4f}, referable sensitivity "
                     f"{percent(m['referable_sensitivity'], 1)}, specificity {percent(m['referable_specificity'], 1)}")
        lines.append("  confusion (rows true 0-4, columns predicted, row-normalised):")
        lines += ["    " + " ".join(f"{v:5.2f}" for v in row) for row in m["confusion_matrix_normalized"]]
    return "\n".join(lines)


def say(message: str) -> None:
    print(message, flush=True)
