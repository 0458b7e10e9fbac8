"""A hub built as a programme builds one, for the review-loop tests: real photos graded on two laptops
with the tiny model, pushed to a real Datasette running the review plugin, then reviewed.

Camp A (laptop-01) and camp B (laptop-02) screen 16 EyePACS patients (both eyes, natural-colour
photos, the closest thing here to a field camera). Patient ids are drawn from a seeded
generator so the split by patient, and so every count below, is the same on every run.

Reviews (graders confirm the model's grade on the hub's copy, except where noted), over the queued eyes:
- the first queued eye: grader-a and grader-b disagree and dr-senior adjudicates;
- the second: they disagree and nobody has adjudicated (skipped by the dataset export);
- the third: only grader-a has read it; the fourth: only grader-b (waiting for grader-a);
- every other queued eye: both read it and agree.
"""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from test_sync import LAPTOP, Hub, create_token, hub_config

PLUGIN_NAME = "dr_screen_review"
SHARE = 0.5
PASSWORD = "correct horse battery staple"
GRADERS, SENIORS, MONITORS = ["grader-a", "grader-b"], ["dr-senior"], ["programme-lead"]
LAPTOPS = [LAPTOP, "laptop-02"]
PATIENTS_PER_CAMP = 8
# The datasette command line with the plugin loaded even where the package's entry point is not installed.
LAUNCHER = (sys.executable, "-c",
            "import sys; from datasette.plugins import pm; import hub.plugin as p; "
            f"pm.is_registered(p) or pm.register(p, {PLUGIN_NAME!r}); "
            "from datasette.cli import cli; sys.argv[0] = 'datasette'; cli()")


def ensure_plugin() -> None:
    """Register the plugin in this process (pip install registers it through its entry point)."""
    from datasette.plugins import pm

    import hub.plugin as plugin
    if not pm.is_registered(plugin):
        pm.register(plugin, PLUGIN_NAME)


def review_config(models: Path, share: float = SHARE) -> dict:
    """docs/review-loop.md's datasette.json: the laptops write, graders review, nobody else reads."""
    from datasette_auth_passwords.utils import hash_password

    config = hub_config(LAPTOPS)
    config["permissions"] = {"dr-screen-review": {"id": GRADERS}, "dr-screen-adjudicate": {"id": SENIORS},
                             "dr-screen-monitor": {"id": MONITORS}}
    hashed = hash_password(PASSWORD)
    config["plugins"] = {
        "dr-screen-review": {"sample_share": share, "models": str(models)},
        "datasette-auth-passwords": {f"{name}_password_hash": hashed for name in GRADERS + SENIORS + MONITORS}}
    return config


class ReviewHub(Hub):
    launcher = LAUNCHER

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(folder)
        self.models = self.published
        self.config.write_text(json.dumps(review_config(self.models)))


def seeded_ids(seed: int):
    rng = random.Random(seed)
    return lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))


def natural_patients(shared_data: Path) -> list[tuple[str, dict[str, Path], dict[str, int]]]:
    """(patient, {eye: photo}, {eye: grade}) of 2 x PATIENTS_PER_CAMP EyePACS patients, referable ones included."""
    from fundus.labels import read_labels

    folder = shared_data / "eyepacs2015-natural1024"
    labels = read_labels(folder / "labels.csv")
    files = {p.stem: p for p in (folder / "images").iterdir()}
    patients = sorted({i.rsplit("_", 1)[0] for i in labels if f"{i.rsplit('_', 1)[0]}_left" in files
                       and f"{i.rsplit('_', 1)[0]}_right" in files})
    worst = {p: max(labels[f"{p}_left"], labels[f"{p}_right"]) for p in patients}
    chosen = [p for p in patients if worst[p] >= 2][:6] + [p for p in patients if worst[p] < 2][:10]
    return [(p, {eye: files[f"{p}_{eye}"] for eye in ("right", "left")},
             {eye: labels[f"{p}_{eye}"] for eye in ("right", "left")}) for p in chosen]


def screen_camp(data_dir: Path, site: str, date: str, patients, bundle_path: Path) -> None:
    """A laptop's camp: register each patient, grade both eyes with the tiny model, keep the heat map."""
    from conftest import open_test_store

    from desktop.grading import grade_and_ingest, model_label
    from fundus.bundle import load_bundle
    from fundus.grader import Grader

    grader = Grader(load_bundle(bundle_path))
    with open_test_store(data_dir) as store:  # an encrypted laptop, its administrator signed in
        camp = store.create_camp(site, "Asha", date)
        for i, (_, photos, _) in enumerate(patients):
            patient = store.add_patient(camp["id"], f"P-{i:02d}", f"Patient {site} {i}", 50 + i, "female")
            for eye, photo in photos.items():
                graded = grade_and_ingest(grader, store.files, photo)
                store.record_graded_photo(graded.stored, photo.name, graded.result, *model_label(grader),
                                          patient_id=patient["id"], eye=eye, overlay_png=graded.overlay_png)


def hub_copy_grade(grader, jpeg: bytes) -> int | None:
    """What the model says on the hub's copy of a photo (None: ungradable): what the graders see."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "photo.jpg").write_bytes(jpeg)
        return grader.grade_path(Path(tmp) / "photo.jpg").grade


def add_reviews(hub_db: Path, bundle_path: Path) -> dict[str, str]:
    """The reviews the module docstring lists; returns the photo id of each special eye and the
    grade grader-b gave the eye waiting for grader-a."""
    from fundus.bundle import load_bundle
    from fundus.grader import Grader
    from hub import reviews as db

    grader = Grader(load_bundle(bundle_path))
    conn = sqlite3.connect(hub_db, isolation_level=None)
    try:
        db.setup(conn)
        eyes = db.queue(conn, SHARE)
        special = {"adjudicated": eyes[0].photo_id, "disputed": eyes[1].photo_id,
                   "read by grader-a": eyes[2].photo_id, "waiting for grader-a": eyes[3].photo_id}
        for index, eye in enumerate(eyes):
            # The graders confirm the model's grade on the photo they see (the hub's 1024 px copy): the
            # tiny test model is so unstable that it grades a re-encoded JPEG differently in half the
            # cases (the shipped model gives the same grade on 40 of 40).
            model = hub_copy_grade(grader, db.photo_jpeg(conn, eye.photo_id))
            other = 1 if model in (None, 0) else model - 1
            if index != 3:
                db.add_review(conn, eye.photo_id, "grader-a", "grade", model, share=SHARE)
            if index != 2:
                db.add_review(conn, eye.photo_id, "grader-b", "grade", other if index < 2 else model,
                              "haemorrhages?" if index < 2 else "", share=SHARE)
            if index == 0:
                db.add_review(conn, eye.photo_id, "dr-senior", "adjudication", model, "agree with grader-a",
                              share=SHARE)
            if index == 3:
                special["grader-b's read of the waiting eye"] = "ungradable" if model is None else str(model)
        return special
    finally:
        conn.close()


@pytest.fixture(scope="session")
def camp_hub(shared_data, tiny_bundle, tmp_path_factory):
    """Folder with hub.db (pushed by two laptops, reviewed), published-models/ (the tiny bundle,
    published with --no-offer) and special.json (add_reviews). Read-only: copy_hub() before writing."""
    from conftest import open_test_store

    from converter.__main__ import main as converter_main
    from desktop.sync import SyncSettings, sync_now

    ensure_plugin()
    folder = tmp_path_factory.mktemp("camp-hub")
    hub = ReviewHub(folder)
    assert converter_main(["publish", str(tiny_bundle), "--hub", str(hub.models), "--no-offer"]) == 0
    patients = natural_patients(shared_data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("desktop.store.new_id", seeded_ids(16))
        hub.start()
        try:
            for i, (laptop, site, date) in enumerate([(LAPTOPS[0], "Village A", "2025-03-01"),
                                                      (LAPTOPS[1], "Village B", "2025-04-02")]):
                data_dir = folder / laptop
                screen_camp(data_dir, site, date, patients[i::2], tiny_bundle)
                with open_test_store(data_dir) as store:
                    SyncSettings(hub_url=hub.url, token=create_token(laptop)).save(store)
                    sync_now(store)
        finally:
            hub.kill()
    special = add_reviews(hub.db_path, tiny_bundle)
    (folder / "special.json").write_text(json.dumps(special))
    return folder


def copy_hub(camp_hub: Path, target: Path) -> ReviewHub:
    """A fresh ReviewHub in `target` holding a copy of the camp hub's database and models."""
    hub = ReviewHub(target)
    source, copy = sqlite3.connect(camp_hub / "hub.db"), sqlite3.connect(hub.db_path)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    for file in (camp_hub / "published-models").iterdir():
        shutil.copy(file, hub.models / file.name)
    return hub
