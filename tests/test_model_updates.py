"""`python -m desktop model install|rollback|trust` and the app's choice of bundle, on the real tiny model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import models
from desktop.__main__ import main as desktop_main
from fundus.bundle import BundleError, default_bundle, load_bundle, sign_bundle, signature_path
from fundus.signing import generate_key_pair, load_private_key

REPO = Path(__file__).resolve().parents[1]


def copy_bundle(manifest: Path, folder: Path, change=None) -> Path:
    """A copy of the bundle in `folder`; `change(manifest_dict)` edits it (the signature is then stale)."""
    folder.mkdir(parents=True)
    for file in (manifest, signature_path(manifest), manifest.with_suffix(".tflite")):
        shutil.copy(file, folder / file.name)
    if change:
        data = json.loads(manifest.read_text())
        change(data)
        (folder / manifest.name).write_text(json.dumps(data, indent=2))
    return folder / manifest.name


def model(*args: str) -> int:
    return desktop_main(["model", *args])


def test_install_shows_changes_then_rollback_returns_to_the_shipped_model(tiny_bundle, sign_as_publisher,
                                                                          tmp_path, capsys):
    data = tmp_path / "data"
    shipped = load_bundle(default_bundle())
    update = copy_bundle(tiny_bundle, tmp_path / "usb" / "v2",
                         lambda m: m.update(version="2", warning="Test update: not for patients"))
    sign_as_publisher(update)
    assert model("install", str(update.parent), "--yes", "--data-dir", str(data)) == 0
    out = capsys.readouterr().out
    assert f"Model: {shipped.name} {shipped.version}" in out and "→ tiny 2 (int8, 64 px)" in out
    assert "QWK (publisher's validation)" in out and "Warning shown on every screen: Test update" in out
    assert "Preprocessing: background 128, crop_tolerance 7, sigma 0.7143, size 64" in out  # another input size
    active = models.load_active(data)
    assert (active.name, active.version) == ("tiny", "2") and active.manifest_path.is_relative_to(data)
    assert (active.manifest_path.stat().st_mode & 0o777) == 0o600

    newer = copy_bundle(tiny_bundle, tmp_path / "usb" / "v3", lambda m: m.update(version="3"))
    sign_as_publisher(newer)
    assert model("install", str(newer), "--yes", "--data-dir", str(data)) == 0
    assert models.load_active(data).version == "3"
    assert model("rollback", "--data-dir", str(data)) == 0
    assert "rolled back from tiny 3 to tiny 2" in capsys.readouterr().out
    assert model("rollback", "--data-dir", str(data)) == 0
    assert models.load_active(data).manifest_sha256 == shipped.manifest_sha256
    assert model("rollback", "--data-dir", str(data)) == 1
    assert "no model update is installed" in capsys.readouterr().err


def test_install_refuses_forged_unsigned_and_unknown_bundles(tiny_bundle, tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.delenv("DR_SCREEN_ALLOW_UNSIGNED_MODELS", raising=False)
    forged = copy_bundle(tiny_bundle, tmp_path / "forged", lambda m: m["combiner"].update(cut_points=[10, 20, 30, 40]))
    unsigned = copy_bundle(tiny_bundle, tmp_path / "unsigned")
    signature_path(unsigned).unlink()
    other = copy_bundle(tiny_bundle, tmp_path / "other")
    (tmp_path / "keys").mkdir()
    generate_key_pair(tmp_path / "keys" / "other.key")
    sign_bundle(other, load_private_key(tmp_path / "keys" / "other.key"))
    for bundle, why in [(forged, "signature does not match"), (unsigned, "is not signed by its publisher"),
                        (other, "not a trusted key")]:
        assert model("install", str(bundle), "--yes", "--data-dir", str(data)) == 1
        assert why in capsys.readouterr().err
    assert not (data / "models").exists()  # nothing was copied
    # An administrator trusts the other publisher on this laptop: now it installs.
    assert model("trust", str(tmp_path / "keys" / "other.pub"), "--data-dir", str(data)) == 0
    assert model("install", str(other), "--yes", "--data-dir", str(data)) == 0
    assert models.load_active(data).signer == models.verify(other, data).signer


def test_install_needs_a_yes_without_a_terminal(tiny_bundle, tmp_path):
    done = subprocess.run([sys.executable, "-m", "desktop", "model", "install", str(tiny_bundle),
                           "--data-dir", str(tmp_path / "data")], cwd=REPO, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 1 and "confirm with --yes" in done.stderr
    assert "Model: " in done.stdout  # the changes were shown first
    assert not (tmp_path / "data" / "models").exists()


def test_batch_grades_with_the_installed_update_and_records_its_manifest(tiny_bundle, raw_photos, tmp_path,
                                                                         credentials):
    from conftest import open_test_store
    data = tmp_path / "data"
    open_test_store(data).close()
    assert model("install", str(tiny_bundle), "--yes", "--data-dir", str(data)) == 0
    done = subprocess.run([sys.executable, "-m", "desktop", "grade", str(raw_photos[0]), "--csv",
                           str(tmp_path / "out.csv"), "--data-dir", str(data)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "tiny" in (tmp_path / "out.csv").read_text()
    with open_test_store(data) as store:
        (result,) = store.db["results"].rows
        assert result["model_sha256"] == load_bundle(tiny_bundle).manifest_sha256


@pytest.mark.parametrize("content", ["[not json", '{"x": 1}', '["../../etc/x.json"]'])
def test_damaged_install_list_is_explained(tmp_path, content):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "installed.json").write_text(content)
    with pytest.raises(BundleError, match="installed.json is damaged"):
        models.active_manifest(tmp_path)
