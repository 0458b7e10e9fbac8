"""The window's way in, driven like a person would (Qt offscreen): first-run set-up with the recovery key
shown once, the passphrase at start, signing in with a PIN, and what a technician's window offers."""

from __future__ import annotations

from conftest import TEST_ADMIN, TEST_PASSPHRASE, TEST_PIN, open_test_store
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop import referral, users, vault
from desktop.ui import app
from desktop.ui.login import LoginDialog, RecoveryKeyDialog, SetupDialog, UnlockDialog


def when_shown(kind, act):
    """Run `act(dialog)` on the next modal dialog of type `kind` (they block in exec())."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def test_first_run_sets_up_the_vault_and_shows_the_recovery_key_once(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shown = {}

    def fill_setup(dialog: SetupDialog):
        dialog.passphrase.setText("four words camp laptop")
        dialog.passphrase2.setText("four words camp laptop")
        dialog.admin.setText("Dr Rao")
        dialog.pin.setText("1234")
        dialog.pin2.setText("4321")
        dialog.ok_button.click()  # PINs differ: stays open and says so
        shown["error"] = dialog.error.text()
        dialog.pin2.setText("1234")
        dialog.ok_button.click()  # no referral hospital: it is asked for
        shown["no hospital"] = dialog.error.text()
        dialog.hospital.setText("  District Eye Hospital,   Melur ")
        dialog.ok_button.click()

    def confirm_key(dialog: RecoveryKeyDialog):
        shown["key"] = dialog.key_label.text()
        shown["enabled_before"] = dialog.continue_button.isEnabled()
        dialog.reject()  # Escape: not before the key was written down
        shown["still_open"] = dialog.isVisible()
        dialog.grab().save(str(tmp_path / "recovery-key.png"))
        dialog.confirm.setChecked(True)
        dialog.continue_button.click()

    when_shown(SetupDialog, fill_setup)
    QTimer.singleShot(0, lambda: when_shown(RecoveryKeyDialog, confirm_key))
    store = app.open_data(folder)
    try:
        assert "The two PINs differ" in shown["error"]
        assert "Name the eye hospital where referred patients go" in shown["no hospital"]
        assert referral.referral_hospital(store) == "District Eye Hospital, Melur"  # encrypted, audited
        (event,) = store.db.query("SELECT user, detail FROM audit_log WHERE action = 'referral_hospital'")
        assert event["user"] == "Dr Rao" and "Melur" in event["detail"]
        assert not shown["enabled_before"] and shown["still_open"]
        assert vault.recover(folder, shown["key"], "new passphrase after recovery").device_id == store.keys.device_id
        assert store.user == {"name": "Dr Rao", "role": "admin"}
        assert users.accounts(store) == [{"name": "Dr Rao", "role": "admin", "active": 1}]
    finally:
        store.close()


def test_unlock_with_the_passphrase_then_sign_in_with_a_pin(qtbot, tmp_path):
    folder = tmp_path / "data"
    with open_test_store(folder) as store:
        users.add_user(store, "ravi", "135790")
    seen = {}

    def unlock(dialog: UnlockDialog):
        dialog.passphrase.setText("not it")
        dialog.ok_button.click()
        seen["wrong"] = dialog.error.text()
        dialog.passphrase.setText(TEST_PASSPHRASE)
        dialog.ok_button.click()

    when_shown(UnlockDialog, unlock)
    store = app.open_data(folder)
    try:
        assert "Wrong passphrase" in seen["wrong"] and store.user is None
        login = LoginDialog(store)
        qtbot.addWidget(login)
        assert [login.account.itemText(i) for i in range(login.account.count())] == [TEST_ADMIN, "ravi"]
        login.account.setCurrentText("ravi")
        login.pin.setText("000000")
        login.ok_button.click()
        assert "Wrong name or PIN" in login.error.text() and store.user is None
        login.pin.setText("135790")
        login.ok_button.click()
        assert store.user == {"name": "ravi", "role": "technician"}
    finally:
        store.close()


def test_a_technicians_window_offers_no_admin_action(qtbot, tmp_path, tiny_bundle, message_boxes):
    folder = tmp_path / "data"
    with open_test_store(folder) as store:
        users.add_user(store, "ravi", "135790")
        camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        patient = store.add_patient(camp["id"], "KT-1", "Lakshmi", 60, "female")
    store = open_test_store(folder, user="ravi", pin="135790")
    window = app.build_window(store, str(tiny_bundle))
    qtbot.addWidget(window)
    window.show()
    admin_menu = window.admin_menu.menu
    assert [a.text() for a in admin_menu.actions()] == [
        "Accounts…", "Referral hospital…", "Hub export key…", "Retention policy…", "Idle lock…",
        "Change passphrase…", "Verify audit log", "Restore a backup…"]
    assert not any(a.isEnabled() for a in admin_menu.actions())
    assert not window.sync_menu.settings_action.isEnabled()
    window.open_patient(patient)
    assert not window.patient_screen.delete_button.isVisibleTo(window)
    window.admin_menu.actions[0].trigger()  # even if an action were reached another way
    window.admin_menu._guarded(window.admin_menu.accounts)
    window.admin_menu._guarded(window.admin_menu.hospital)
    assert message_boxes and all("Only an administrator" in text for text in message_boxes.texts())
    window.delete_patient(patient)  # answered Yes
    assert "Only an administrator" in message_boxes.texts()[-1]
    assert store.get_patient(patient["id"])["name"] == "Lakshmi"
    window.grab().save(str(tmp_path / "technician.png"))
    window.close()
    store.close()


def test_an_admin_deletes_a_patient_from_the_patient_screen(qtbot, tmp_path, tiny_bundle, message_boxes):
    store = open_test_store(tmp_path / "data")
    camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
    patient = store.add_patient(camp["id"], "KT-1", "Lakshmi", 60, "female")
    window = app.build_window(store, str(tiny_bundle))
    qtbot.addWidget(window)
    window.show()
    window.open_camp(camp)
    window.open_patient(patient)
    qtbot.mouseClick(window.patient_screen.delete_button, Qt.LeftButton)
    assert "erased from this laptop and, at the next sync, from the hospital's hub" in message_boxes.texts()[0]
    assert store.get_patient(patient["id"])["name"] is None
    assert window.stack.currentWidget() is window.patients_screen and window.patients_screen.table.rowCount() == 0
    window.close()
    store.close()


def test_an_admin_names_the_referral_hospital_from_the_admin_menu(qtbot, tmp_path, tiny_bundle):
    from desktop.ui.admin import HospitalDialog

    store = open_test_store(tmp_path / "data")
    window = app.build_window(store, str(tiny_bundle))
    qtbot.addWidget(window)
    dialog = HospitalDialog(store, window)
    qtbot.addWidget(dialog)
    assert dialog.hospital.text() == ""  # none named yet
    dialog.hospital.setText("x")
    dialog.ok_button.click()
    assert "Name the eye hospital" in dialog.error.text() and referral.referral_hospital(store) is None
    dialog.hospital.setText("Aravind Eye Hospital, Madurai")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.Accepted and referral.referral_hospital(store) == "Aravind Eye Hospital, Madurai"
    assert HospitalDialog(store, window).hospital.text() == "Aravind Eye Hospital, Madurai"  # shown to change it
    window.close()
    store.close()
