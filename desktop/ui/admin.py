"""The Admin menu: accounts, the referral hospital, the hub's export key, retention, the idle lock, the
passphrase, the audit check and restoring a backup. Enabled for administrators only; the functions behind it check the
role again (desktop/users.py), so a technician cannot reach them another way."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QLineEdit,
                               QListWidget, QMainWindow, QPushButton, QVBoxLayout)

from desktop import audit, backup, referral, retention, users, vault
from desktop.store import Store, StoreError
from desktop.sync import SyncError
from desktop.sync_export import set_hub_export_key
from desktop.ui import plain
from desktop.ui.i18n import tr_text
from desktop.ui.login import _Form, _secret_field


class AdminCheckDialog(_Form):
    """An administrator's name and PIN, to confirm an action (restoring a backup)."""

    def __init__(self, title: str, intro: str, ok_text: str, parent=None):
        super().__init__(title, intro, ok_text, parent)
        self.name, self.pin = QLineEdit(), _secret_field()
        self.form.addRow(self.tr("Administrator"), self.name)
        self.form.addRow(self.tr("PIN"), self.pin)
        self.finish_layout()

    def submit(self) -> bool:
        return True  # checked by the action itself, against the accounts that matter to it


class UserDialog(_Form):
    """Add an account, or set a new PIN / role / active flag on one."""

    def __init__(self, store: Store, name: str | None = None, parent=None):
        title = self.tr("Change account") if name else self.tr("Add account")
        super().__init__(title, self.tr("Technicians screen; administrators also manage accounts, sync, "
                                        "retention and backups."), self.tr("Save"), parent)
        self.store, self.existing = store, name
        self.name = QLineEdit(name or "")
        self.name.setReadOnly(name is not None)
        self.role = QComboBox()
        for role in users.ROLES:
            self.role.addItem(tr_text(users.ROLE_NAMES[role]), role)
        current = next((a for a in users.accounts(store) if a["name"] == name), None)
        if current:
            self.role.setCurrentIndex(users.ROLES.index(current["role"]))
        self.active = QComboBox()
        self.active.addItem(self.tr("active"), True)
        self.active.addItem(self.tr("disabled (cannot sign in)"), False)
        if current and not current["active"]:
            self.active.setCurrentIndex(1)
        self.pin, self.pin2 = _secret_field(self.tr("(unchanged)") if name else ""), _secret_field()
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Role"), self.role)
        if name:
            self.form.addRow(self.tr("Account"), self.active)
        self.form.addRow(self.tr("PIN"), self.pin)
        self.form.addRow(self.tr("PIN again"), self.pin2)
        self.finish_layout()

    def submit(self) -> bool:
        if self.pin.text() != self.pin2.text():
            raise StoreError(self.tr("The two PINs differ."))
        if self.existing is None:
            users.add_user(self.store, self.name.text(), self.pin.text(), self.role.currentData())
        else:
            users.change_user(self.store, self.existing, role=self.role.currentData(),
                              active=self.active.currentData(), pin=self.pin.text() or None)
        return True


class UsersDialog(QDialog):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Accounts"))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        layout.addWidget(self.list)
        add, change = QPushButton(self.tr("Add account…")), QPushButton(self.tr("Change selected…"))
        add.clicked.connect(lambda: self._edit(None))
        change.clicked.connect(lambda: self._edit(self.list.currentItem().data(Qt.UserRole) if self.list.currentItem()
                                                  else None, must_exist=True))
        layout.addWidget(add)
        layout.addWidget(change)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for account in users.accounts(self.store):
            state = "" if account["active"] else self.tr(" — disabled")
            self.list.addItem(f"{account['name']}  ({tr_text(users.ROLE_NAMES[account['role']])}){state}")
            self.list.item(self.list.count() - 1).setData(Qt.UserRole, account["name"])

    def _edit(self, name: str | None, must_exist: bool = False) -> None:
        if must_exist and name is None:
            return
        UserDialog(self.store, name, self).exec()
        self.refresh()


class AdminMenu(QObject):
    def __init__(self, window: QMainWindow, store: Store, on_restore):
        super().__init__(window)
        self.window, self.store, self.on_restore = window, store, on_restore
        self.menu = window.menuBar().addMenu(self.tr("&Admin"))
        self.actions: list[QAction] = []
        for text, slot in [(self.tr("Accounts…"), self.accounts),
                           (self.tr("Referral hospital…"), self.hospital),
                           (self.tr("Hub export key…"), self.hub_key),
                           (self.tr("Retention policy…"), self.retention_policy),
                           (self.tr("Idle lock…"), self.idle_lock),
                           (self.tr("Change passphrase…"), self.change_passphrase),
                           (self.tr("Verify audit log"), self.verify_audit),
                           (self.tr("Restore a backup…"), self.restore)]:
            action = QAction(text, window)
            action.triggered.connect(lambda checked=False, slot=slot: self._guarded(slot))
            self.menu.addAction(action)
            self.actions.append(action)

    def refresh(self) -> None:
        """Enabled for an administrator only."""
        admin = self.store.user is not None and self.store.user["role"] == "admin"
        for action in self.actions:
            action.setEnabled(admin)
            action.setToolTip("" if admin else self.tr("Administrators only"))

    def _guarded(self, slot) -> None:
        try:
            users.require_admin(self.store)
            slot()
        except (StoreError, SyncError, vault.VaultError) as e:
            plain.warn(self.window, self.tr("Not done"), tr_text(e.args[0] if e.args else str(e)))

    def accounts(self) -> None:
        UsersDialog(self.store, self.window).exec()

    def hospital(self) -> None:
        HospitalDialog(self.store, self.window).exec()

    def hub_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("The hub's export key"), "",
                                              self.tr("Hub key (hub-export.pub)"))
        if path:
            key = set_hub_export_key(self.store, path)
            plain.inform(self.window, self.tr("Hub export key"),
                         self.tr("USB exports are now encrypted for the hub key {key}.").format(key=key))

    def _number(self, title: str, text: str, value: int, low: int, high: int) -> int | None:
        dialog = plain.input_dialog(self.window, title, text)
        dialog.setInputMode(QInputDialog.IntInput)
        dialog.setIntRange(low, high)
        dialog.setIntValue(value)
        return dialog.intValue() if dialog.exec() == QDialog.Accepted else None

    def retention_policy(self) -> None:
        days = self._number(self.tr("Retention policy"), self.tr(
            "Remove patients' personal data and photos from this laptop this many days after the hub "
            "confirmed them (0: keep everything):"), retention.policy_days(self.store) or 0, 0, 3650)
        if days is not None:
            retention.set_policy(self.store, days or None)
            purged = retention.purge_due(self.store)
            plain.inform(self.window, self.tr("Retention policy"),
                         self.tr("%n patient(s) removed from this laptop now.", "", purged))

    def idle_lock(self) -> None:
        minutes = self._number(self.tr("Idle lock"), self.tr(
            "Lock the window after this many minutes without a key press or click:"),
            users.idle_minutes(self.store), 1, 120)
        if minutes is not None:
            users.set_idle_minutes(self.store, minutes)
            self.window.idle.seconds = minutes * 60

    def change_passphrase(self) -> None:
        dialog = PassphraseDialog(self.store, self.window)
        dialog.exec()

    def verify_audit(self) -> None:
        verdict = audit.verify(self.store.db, self.store.keys.device_id)
        self.store.record_event("audit_verify", ok=verdict.ok, events=verdict.rows)
        if verdict.ok:
            plain.inform(self.window, self.tr("Audit log"),
                         self.tr("The audit log is intact: %n event(s), every link checked.", "", verdict.rows))
        else:  # what broke is the audit module's English, as on the command line
            plain.critical(self.window, self.tr("Audit log"), self.tr(
                "The audit log is BROKEN at event {event}: {why}").format(event=verdict.first_broken, why=verdict.why))

    def restore(self) -> None:
        found = backup.backups(self.store.data_dir, self.store.db_name)
        if not found:
            plain.inform(self.window, self.tr("Restore a backup"), self.tr("There is no backup yet."))
            return
        names = [tr_text(backup.describe(b)) for b in found]
        dialog = plain.input_dialog(self.window, self.tr("Restore a backup"), self.tr(
            "Put this backup in place of the database (the current one is kept beside it). Records made "
            "after it are not in it. dr-screen closes; start it again afterwards."))
        dialog.setComboBoxItems(names)
        dialog.setComboBoxEditable(False)
        if dialog.exec() == QDialog.Accepted:
            self.on_restore(found[names.index(dialog.textValue())])


class HospitalDialog(_Form):
    """The eye hospital where referred patients go (desktop/referral.py: audited, encrypted)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(self.tr("Referral hospital"), self.tr(
            "Where patients who need an eye doctor go: it is printed on their referral slip. Name the hospital "
            "and its town, and the days it sees patients if that helps."), self.tr("Save"), parent)
        self.store = store
        self.hospital = QLineEdit(referral.referral_hospital(store) or "")
        self.hospital.setPlaceholderText(self.tr("e.g. District Eye Hospital, Melur (Mon-Sat 9-13)"))
        self.form.addRow(self.tr("Referral hospital"), self.hospital)
        self.finish_layout()

    def submit(self) -> bool:
        referral.set_referral_hospital(self.store, self.hospital.text())
        return True


class PassphraseDialog(_Form):
    def __init__(self, store: Store, parent=None):
        super().__init__(self.tr("Change passphrase"), self.tr(
            "The new passphrase is asked for at every start from now on. The recovery key stays valid."),
            self.tr("Change"), parent)
        self.store = store
        self.old, self.new, self.new2 = _secret_field(), _secret_field(), _secret_field()
        self.form.addRow(self.tr("Current passphrase"), self.old)
        self.form.addRow(self.tr("New passphrase"), self.new)
        self.form.addRow(self.tr("New passphrase again"), self.new2)
        self.finish_layout()

    def submit(self) -> bool:
        if self.new.text() != self.new2.text():
            raise StoreError(self.tr("The two passphrases differ."))
        vault.change_passphrase(self.store.data_dir, self.old.text(), self.new.text())
        self.store.record_event("passphrase_change")
        return True
