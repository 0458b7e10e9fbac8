"""The window's "Install model update…" and its offer to restore a damaged database (Qt offscreen)."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import TEST_ADMIN, TEST_PIN, open_test_store
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import models
from desktop.store import DamagedDatabaseError
from desktop.ui import app, model_update
from desktop.ui.app import build_window
from fundus.bundle import signature_path


KINDS = {QMessageBox.Question: "question", QMessageBox.Information: "information", QMessageBox.Warning: "warning",
         QMessageBox.Critical: "critical"}


@pytest.fixture
def answers(message_boxes):
    """Every message box the code shows, answered Yes: (kind, title, text) each."""
    class Answers:
        def __getitem__(self, i):
            icon, title, text, _, _ = message_boxes[i]
            return KINDS[icon], title, text

        def __len__(self):
            return len(message_boxes)

    return Answers()


def test_install_model_update_shows_what_changes_then_installs(qtbot, tiny_bundle, sign_as_publisher, tmp_path,
                                                               monkeypatch, answers):
    update = tmp_path / "usb" / tiny_bundle.name
    update.parent.mkdir()
    for file in (tiny_bundle, tiny_bundle.with_suffix(".tflite")):
        shutil.copy(file, update.parent / file.name)
    manifest = json.loads(tiny_bundle.read_text())
    manifest.update(version="9", warning="Not validated on camera photos")
    update.write_text(json.dumps(manifest))
    sign_as_publisher(update)
    window = build_window(open_test_store(tmp_path / "data"), None)  # the shipped model
    qtbot.addWidget(window)
    monkeypatch.setattr(model_update.QFileDialog, "getOpenFileName", lambda *args: (str(update), ""))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Install model update…")
    action.trigger()
    kind, title, text = answers[0]
    assert kind == "question" and f"Model: {window.bundle.name} {window.bundle.version} (" in text
    assert "→ tiny 9 (int8, 64 px)" in text
    assert "Warning shown on every screen: Not validated on camera photos" in text and "Preprocessing:" in text
    assert answers[1][:2] == ("information", "Model installed")
    assert models.load_active(window.store.data_dir).version == "9"
    window.close()
    window.store.close()

    signature_path(update).write_text(signature_path(update).read_text().replace('"ed25519": "', '"ed25519": "AAAA'))
    window = build_window(open_test_store(tmp_path / "data2"), None)
    qtbot.addWidget(window)
    monkeypatch.setattr(model_update.QFileDialog, "getOpenFileName", lambda *args: (str(update), ""))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Install model update…")
    action.trigger()
    assert answers[-1][:2] == ("warning", "Model not installed")  # refused before any question
    assert not (tmp_path / "data2" / "models").exists()
    window.close()
    window.store.close()


def test_window_close_backs_up_and_a_damaged_database_is_restored_on_yes(qtbot, tmp_path, answers):
    from desktop import backup
    data = tmp_path / "data"
    window = build_window(open_test_store(data), None)
    qtbot.addWidget(window)
    camp = window.store.create_camp("Village A", "Asha", "2025-03-01")
    window.store.add_patient(camp["id"], "P-1", "Ravi", 54, "male")
    assert len(backup.backups(data, "dr-screen.db")) == 1  # the daily one, at start
    window.close()  # the end of the camp day
    window.store.close()
    assert len(backup.backups(data, "dr-screen.db")) == 2
    (data / "dr-screen.db").write_bytes(b"\0" * 8192)  # overwritten by a crash
    with pytest.raises(DamagedDatabaseError) as damaged:
        open_test_store(data)
    keys = window.store.keys

    def confirm_as(name, pin):
        def fill():
            dialog = QApplication.activeModalWidget()
            dialog.name.setText(name)
            dialog.pin.setText(pin)
            dialog.ok_button.click()
        QTimer.singleShot(0, fill)

    confirm_as(TEST_ADMIN, "999999")  # a wrong PIN: refused, nothing restored
    assert app.offer_restore(data, keys, damaged.value) is False
    assert answers[-1][0] == "critical" and "Only an administrator may restore" in answers[-1][2]
    confirm_as(TEST_ADMIN, TEST_PIN)
    assert app.offer_restore(data, keys, damaged.value) is True
    with open_test_store(data) as store:  # what the window's close saved is back
        assert [p["name"] for p in store.patients(store.camps()[0]["id"])] == ["Ravi"]
        last = list(store.db.query("SELECT user, action FROM audit_log ORDER BY seq DESC LIMIT 2"))
        assert {"user": TEST_ADMIN, "action": "restore"} in last  # then the test's own sign-in
    assert len(list(data.glob("dr-screen.db.damaged-*"))) == 1
