"""Accounts, PINs and roles (desktop/users.py), and the window's idle lock, with fake clocks."""

from __future__ import annotations

import pytest
from conftest import TEST_ADMIN, TEST_PIN, open_test_store

from desktop import retention, unlock, users
from desktop.__main__ import main as desktop_main
from desktop.store import NotSignedInError
from desktop.sync import configure_hub
from desktop.sync_export import set_hub_export_key
from hub.keys import make_key_pair


class FakeClock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path / "data") as s:
        users.add_user(s, "ravi", "135790", "technician")
        yield s


def test_pins_are_checked_and_never_stored(store):
    users.logout(store)
    with pytest.raises(users.WrongPinError, match="Wrong name or PIN"):
        users.login(store, "ravi", "000000")
    with pytest.raises(users.WrongPinError, match="Wrong name or PIN"):
        users.login(store, "nobody", "135790")
    assert users.login(store, "ravi", "135790") == {"name": "ravi", "role": "technician"}
    (row,) = store.db.query("SELECT pin_hash FROM users WHERE name = 'ravi'")
    assert row["pin_hash"].startswith("$argon2id$") and "135790" not in row["pin_hash"]
    for bad in ("12", "12ab56", "1234567890123"):
        with pytest.raises(users.AccountError, match="4 to 12 digits"):
            users.check_pin(bad)


def test_wrong_pins_make_the_account_wait_longer_and_longer(store):
    users.logout(store)
    clock = FakeClock()
    waits = []
    for _ in range(12):
        with pytest.raises(users.WrongPinError) as wrong:
            users.login(store, "ravi", "999999", clock=clock)
        waits.append(wrong.value.wait_s)
        if len(waits) == 6:
            with pytest.raises(users.TooSoonError, match="wait 40 s"):  # the right PIN, too soon: not checked
                users.login(store, "ravi", "135790", clock=clock)
        clock.now += wrong.value.wait_s  # waits it out
    assert waits == [0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900, 900]  # doubling, capped at 15 minutes
    with pytest.raises(users.WrongPinError):  # a restart changes nothing: the count is in the database
        users.login(store, "ravi", "999999", clock=clock)
    with pytest.raises(users.TooSoonError):
        users.login(store, "ravi", "135790", clock=clock)
    clock.now += users.MAX_DELAY_S
    users.login(store, "ravi", "135790", clock=clock)
    users.logout(store)
    with pytest.raises(users.WrongPinError) as wrong:  # a good sign-in starts the count again
        users.login(store, "ravi", "999999", clock=clock)
    assert wrong.value.wait_s == 0
    failed = [r["user"] for r in store.db.query("SELECT user FROM audit_log WHERE action = 'login_failed'")]
    assert failed == ["ravi"] * 14


def test_a_technician_cannot_reach_admin_actions(store, tmp_path, monkeypatch, capsys):
    users.logout(store)
    users.login(store, "ravi", "135790")
    camp = store.create_camp("PHC Kottur", "Ravi", "2025-03-01")  # screening: yes
    patient = store.add_patient(camp["id"], "KT-1", "Lakshmi", 60, "female")
    (tmp_path / "hub").mkdir()
    public, _ = make_key_pair(tmp_path / "hub")  # a hub's export key
    refused = [lambda: users.add_user(store, "mallory", "111111", "admin"),
               lambda: users.change_user(store, "ravi", role="admin"),
               lambda: users.change_user(store, TEST_ADMIN, pin="111111"),
               lambda: users.set_idle_minutes(store, 120),
               lambda: configure_hub(store, "https://evil.example.org/hub", "dstok_x"),
               lambda: set_hub_export_key(store, public),
               lambda: retention.delete_patient(store, patient["id"]),
               lambda: retention.set_policy(store, 1)]
    for action in refused:
        with pytest.raises(users.PermissionDeniedError, match="Only an administrator"):
            action()
    assert [a["role"] for a in users.accounts(store)] == ["admin", "technician"]
    assert store.get_patient(patient["id"])["name"] == "Lakshmi"
    data, keys, taken = store.data_dir, store.keys, store.backup()
    store.close()
    with pytest.raises(users.PermissionDeniedError, match="Only an administrator may restore"):
        unlock.restore_backup(data, keys, "ravi", "135790", taken)
    for variable, value in (("DR_SCREEN_PASSPHRASE", "test passphrase for the camp laptop"),
                            ("DR_SCREEN_USER", "ravi"), ("DR_SCREEN_PIN", "135790"),
                            ("DR_SCREEN_NEW_PIN", "222222")):
        monkeypatch.setenv(variable, value)
    assert desktop_main(["users", "add", "eve", "--role", "admin", "--data-dir", str(data)]) == 1
    assert desktop_main(["retention", "--days", "1", "--data-dir", str(data)]) == 1
    assert desktop_main(["sync", "hub-key", str(public), "--data-dir", str(data)]) == 2
    assert desktop_main(["restore", "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err.count("Only an administrator") == 4
    assert desktop_main(["users", "list", "--data-dir", str(data)]) == 0  # reading the list is fine
    assert "eve" not in capsys.readouterr().out


def test_nothing_changes_without_someone_signed_in_and_the_last_admin_stays(store):
    users.change_user(store, "ravi", active=False)
    with pytest.raises(users.AccountError, match="last active administrator"):
        users.change_user(store, TEST_ADMIN, role="technician")
    users.logout(store)
    with pytest.raises(NotSignedInError, match="Sign in with your PIN first"):
        store.create_camp("PHC Kottur", "Asha", "2025-03-01")
    with pytest.raises(users.WrongPinError):  # disabled: cannot sign in
        users.login(store, "ravi", "135790")
    users.login(store, TEST_ADMIN, TEST_PIN)
    users.change_user(store, "ravi", active=True, role="admin")
    users.change_user(store, TEST_ADMIN, role="technician")  # now another admin exists
    assert {a["name"]: a["role"] for a in users.accounts(store)} == {TEST_ADMIN: "technician", "ravi": "admin"}


def test_idle_lock_is_due_after_the_idle_minutes():
    clock = FakeClock()
    idle = users.IdleLock(5, clock)
    clock.now += 299
    assert not idle.due()
    idle.touch()
    clock.now += 299
    assert not idle.due()
    clock.now += 1
    assert idle.due()


def test_the_window_locks_after_idle_minutes_and_a_pin_opens_it(qtbot, tmp_path):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import build_window
    from desktop.ui.main_window import MainWindow

    store = open_test_store(tmp_path / "data")
    users.add_user(store, "ravi", "135790", "technician")
    users.set_idle_minutes(store, 2)
    clock = FakeClock()
    window: MainWindow = build_window(store, str(tmp_path / "no-model.json"))
    window.idle._clock = clock  # the window's idle lock, on a fake clock
    window.idle.touch()
    qtbot.addWidget(window)
    window.show()
    camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
    window.open_camp(camp)
    window.new_patient()  # a form left open, a name typed in it
    window.patient_form.name.setText("Lakshmi Devi")
    clock.now += 100
    QApplication.sendEvent(window, QKeyEvent(QEvent.KeyPress, Qt.Key_A, Qt.NoModifier))  # someone is working
    clock.now += 100
    window.check_idle()
    assert store.user is not None
    clock.now += 20
    window.check_idle()  # two minutes without a key press
    assert store.user is None and window.stack.currentWidget() is window.lock_page
    assert not window.patient_form.isVisible()  # no record stays on screen
    assert not window.menuBar().isEnabled()
    dialog = window.login_dialog
    assert dialog.isVisible() and "Locked after 2 idle minutes" in dialog.findChildren(type(dialog.error))[0].text()
    window.grab().save(str(tmp_path / "locked.png"))
    dialog.account.setCurrentText("ravi")
    dialog.pin.setText("135790")
    dialog.ok_button.click()
    assert store.user == {"name": "ravi", "role": "technician"}
    assert window.stack.currentWidget() is window.patients_screen  # back where the last person was
    assert window.user_label.text() == "Signed in: ravi (technician)"
    assert not any(action.isEnabled() for action in window.admin_menu.actions)  # a technician now
    assert not window.sync_menu.settings_action.isEnabled()
    actions = [r["action"] for r in store.db.query("SELECT action FROM audit_log ORDER BY seq")]
    assert actions[-2:] == ["lock", "login"]
    window.close()
    store.close()
