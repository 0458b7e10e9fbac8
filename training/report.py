"""The run report: metrics.json and the PNG plots of a finished run."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import keras
import numpy as np

from fundus.bundle import Combiner
from fundus.grades import DEFAULT_CUT_POINTS, GRADE_NAMES, NUM_GRADES, score_to_grade
from fundus.metrics import referable_auc, summary
from training.model import HEADS, embedding_model
from training.stages import predict_heads
from training.thresholds import head_grades

GRADE_COLOURS = ("#2b83ba", "#abdda4", "#fdae61", "#d7191c", "#7b3294")


def evaluate(model: keras.Model, splits: dict, combiner: dict, cfg: dict, heads=HEADS) -> dict:
    """Per evaluation set: each trained head, the combined score with its tuned cut
    points and referral threshold (as the app grades), and the combined score with the
    default cut points (for comparison)."""
    app_combiner = Combiner.from_dict(combiner)
    results = {}
    for name, split in splits.items():
        outputs = predict_heads(model, split.images, cfg["batch_size"], cfg["eval"]["tta_flip"])
        scores = app_combiner.scores(outputs)
        per_head = head_grades(outputs)
        results[name] = {
            "referable_auc": referable_auc(split.grades, scores),
            "heads": {head: summary(split.grades, per_head[head]) for head in heads},
            "combined": summary(split.grades, app_combiner.grades(scores), app_combiner.refers(scores)),
            "combined_default_cut_points": summary(split.grades, score_to_grade(scores, DEFAULT_CUT_POINTS)),
        }
    return results


def write_report(run_dir: Path, cfg: dict, model: keras.Model, splits: dict, class_counts: dict,
                 combiner: dict, history: list[dict], heads=HEADS) -> dict:
    """metrics.json plus class_distribution, curves, confusion_matrix and t-SNE plots."""
    import matplotlib

    matplotlib.use("Agg")
    run_dir = Path(run_dir)
    metrics = {"combiner": combiner, "class_counts": class_counts,
               "sets": evaluate(model, splits, combiner, cfg, heads)}
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    plot_class_distribution(run_dir / "class_distribution.png", class_counts)
    plot_curves(run_dir / "curves.png", history, heads)
    plot_confusion_matrices(run_dir / "confusion_matrix.png", metrics["sets"])
    val = splits["aptos_val"]
    tsne_cfg = cfg["report"]
    pick = np.random.default_rng(cfg["seed"]).permutation(len(val))[:tsne_cfg["tsne_max_points"]]
    images, grades = np.asarray(val.images)[np.sort(pick)], val.grades[np.sort(pick)]
    side = tsne_cfg["tsne_image_side"]
    pixels = np.stack([cv2.resize(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), (side, side),
                                  interpolation=cv2.INTER_AREA).ravel() for img in images]).astype(np.float32)
    plot_tsne(run_dir / "tsne_images.png", pixels / 255.0, grades, tsne_cfg["tsne_perplexity"], cfg["seed"],
              "t-SNE of the images (grayscale pixels), APTOS validation")
    embeddings = embedding_model(model).predict(images.astype(np.float32), batch_size=cfg["batch_size"],
                                                verbose=0)
    plot_tsne(run_dir / "tsne_embeddings.png", np.asarray(embeddings), grades, tsne_cfg["tsne_perplexity"],
              cfg["seed"], "t-SNE of the learned embeddings (pooled features), APTOS validation")
    return metrics


def plot_class_distribution(path: Path, class_counts: dict) -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(len(class_counts), 1)
    for i, (name, counts) in enumerate(class_counts.items()):
        ax.bar(np.arange(NUM_GRADES) + i * width, counts, width, label=f"{name} (n={sum(counts)})")
    ax.set_xticks(np.arange(NUM_GRADES) + 0.4 - width / 2, [f"{g}\n{n}" for g, n in enumerate(GRADE_NAMES)])
    ax.set_ylabel("images")
    ax.set_title("Class distribution per split")
    ax.legend()
    _save(fig, path)


def plot_curves(path: Path, history: list[dict], heads=HEADS) -> None:
    """Loss (train/validation) and validation QWK per head over all epochs of all phases."""
    import matplotlib.pyplot as plt

    fig, (loss_ax, qwk_ax) = plt.subplots(1, 2, figsize=(12, 4.5))
    x = np.arange(1, len(history) + 1)
    for key, style in (("loss", "-"), ("val_loss", "--")):
        loss_ax.plot(x, [row.get(key, np.nan) for row in history], style, marker="o", label=key)
    for head in heads:
        qwk_ax.plot(x, [row.get(f"val_qwk_{head}", np.nan) for row in history], marker="o", label=head)
    phases = [row["phase"] for row in history]
    # Log scale: unfreezing the encoder can spike the loss by an order of magnitude.
    loss_ax.set_yscale("log")
    for ax, title in ((loss_ax, "Loss, sum over heads (stage 1: MAE/CE/BCE, stage 2: MSE/focal)"),
                      (qwk_ax, "Validation QWK per head (default cut points)")):
        for i in range(1, len(phases)):
            if phases[i] != phases[i - 1]:
                ax.axvline(i + 0.5, color="grey", lw=0.8)
        for phase in dict.fromkeys(phases):
            first = phases.index(phase) + 1
            ax.annotate(phase, (first, 1.0), xycoords=("data", "axes fraction"), va="top", fontsize=8,
                        color="grey")
        ax.set_xticks(x)
        ax.set_xlabel("epoch (all phases in order)")
        ax.set_title(title, fontsize=10)
        ax.legend(loc="center right")
    _save(fig, path)


def plot_confusion_matrices(path: Path, sets: dict) -> None:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(sets), figsize=(5.5 * len(sets), 5), squeeze=False)
    for ax, (name, result) in zip(axes[0], sets.items()):
        matrix = np.asarray(result["combined"]["confusion_matrix_normalized"])
        ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
        for (i, j), value in np.ndenumerate(matrix):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", color="white" if value > 0.5 else "black")
        ax.set_xticks(range(NUM_GRADES))
        ax.set_yticks(range(NUM_GRADES))
        ax.set_xlabel("predicted grade")
        ax.set_ylabel("true grade")
        ax.set_title(f"{name}: QWK {result['combined']['qwk']:.3f} (n={result['combined']['n']})")
    fig.suptitle("Normalised confusion matrix, combined score with tuned cut points")
    _save(fig, path)


def plot_tsne(path: Path, features: np.ndarray, grades: np.ndarray, perplexity: float, seed: int,
              title: str) -> None:
    import matplotlib.pyplot as plt
    from sklearn.manifold import TSNE

    perplexity = min(perplexity, (len(features) - 1) / 3)  # t-SNE needs perplexity < n
    points = TSNE(perplexity=perplexity, random_state=seed, init="pca").fit_transform(features)
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    for grade in range(NUM_GRADES):
        mask = grades == grade
        ax.scatter(points[mask, 0], points[mask, 1], s=10, color=GRADE_COLOURS[grade],
                   label=f"{grade} {GRADE_NAMES[grade]}")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, markerscale=2)
    ax.set_xticks([])
    ax.set_yticks([])
    _save(fig, path)


def _save(fig, path: Path) -> None:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)

