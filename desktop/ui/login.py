"""Getting in: first-run set-up, the passphrase at start (or the recovery key), and signing in with a PIN.

The work itself is desktop/unlock.py, desktop/vault.py and desktop/users.py; these
dialogs only ask and show. The recovery key is shown once, at set-up, and the dialog
cannot be closed before the person confirms they wrote it down.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
                               QPushButton, QVBoxLayout)

from desktop import referral, unlock, users, vault
from desktop.store import Store, StoreError
from desktop.ui import plain
from desktop.ui.i18n import tr_text
from desktop.vault import DEFAULT_KDF, KdfParams, Keys


def _secret_field(placeholder: str = "") -> QLineEdit:
    return QLineEdit(echoMode=QLineEdit.Password, placeholderText=placeholder)


def _busy(work):
    """Run `work()` with a wait cursor (Argon2id and an encryption take a moment)."""
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        return work()
    finally:
        QApplication.restoreOverrideCursor()


class _Form(QDialog):
    """A form with an error line above OK/Cancel; `submit()` returns True when done."""

    def __init__(self, title: str, intro: str, ok_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout(self)
        self.form.addRow(plain.label(intro, wordWrap=True))
        self.error = plain.label(objectName="error", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(ok_text)
        # the form's own context: self.tr in a base class would look in each subclass's
        self.buttons.button(QDialogButtonBox.Cancel).setText(QCoreApplication.translate("Form", "Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def _accept(self) -> None:
        try:
            done = _busy(self.submit)
        except (StoreError, vault.VaultError) as e:
            self.error.setText(f"⚠ {tr_text(e.args[0] if e.args else str(e))}")
            return
        if done:
            self.accept()

    def submit(self) -> bool:
        raise NotImplementedError


class SetupDialog(_Form):
    """First run: the passphrase (twice), the first administrator and their PIN (twice), and the eye
    hospital where referred patients go (printed on their slips; an administrator can change it).

    `keys` given: the vault exists already (a set-up that stopped half-way), only the
    administrator is asked for. After `exec()`: `store` (admin signed in), `recovery_key`."""

    def __init__(self, data_dir, *, keys: Keys | None = None, plain_records: bool = False,
                 kdf: KdfParams = DEFAULT_KDF, parent=None):
        intro = self.tr("Welcome to dr-screen. Everything it keeps on this laptop is encrypted with a "
                        "passphrase, asked for each time it starts. Then each person signs in with their own "
                        "account and PIN.")
        if plain_records:
            intro += self.tr("\n\nThe records already on this laptop are not encrypted yet: they will be "
                             "encrypted now, and the plain copies removed.")
        super().__init__(self.tr("Set up dr-screen"), intro, self.tr("Set up"), parent)
        self.data_dir, self.keys, self.kdf = data_dir, keys, kdf
        self.store: Store | None = None
        self.recovery_key: str | None = None
        self.passphrase, self.passphrase2 = _secret_field(self.tr("at least 10 characters, e.g. four words")), \
            _secret_field()
        self.admin = QLineEdit(placeholderText=self.tr("e.g. the camp lead's name"))
        self.pin, self.pin2 = _secret_field(self.tr("4 to 12 digits")), _secret_field()
        self.hospital = QLineEdit(placeholderText=self.tr("e.g. District Eye Hospital, Melur (Mon-Sat 9-13)"))
        if keys is None:
            self.form.addRow(self.tr("Passphrase"), self.passphrase)
            self.form.addRow(self.tr("Passphrase again"), self.passphrase2)
        self.form.addRow(self.tr("Administrator's name"), self.admin)
        self.form.addRow(self.tr("Administrator's PIN"), self.pin)
        self.form.addRow(self.tr("PIN again"), self.pin2)
        self.form.addRow(self.tr("Referral hospital"), self.hospital)
        self.form.addRow(plain.label(self.tr("Where patients who need an eye doctor go: printed on their referral "
                                             "slip. An administrator can change it later (Admin menu)."),
                                     objectName="hint", wordWrap=True))
        self.finish_layout()

    def submit(self) -> bool:
        if self.keys is None and self.passphrase.text() != self.passphrase2.text():
            raise StoreError(self.tr("The two passphrases differ."))
        if self.pin.text() != self.pin2.text():
            raise StoreError(self.tr("The two PINs differ."))
        referral.check_hospital(self.hospital.text())
        if self.keys is None:
            self.store, self.recovery_key = unlock.first_run(self.data_dir, self.passphrase.text(),
                                                             self.admin.text(), self.pin.text(), self.kdf,
                                                             self.hospital.text())
        else:
            self.store = unlock.open_store_after_setup(self.data_dir, self.keys, self.admin.text(), self.pin.text(),
                                                       self.hospital.text())
        return True


class RecoveryKeyDialog(QDialog):
    """The recovery key, once. Continue stays disabled until the person confirms they wrote it down."""

    def __init__(self, recovery_key: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery key"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain.label(self.tr(
            "If the passphrase is ever forgotten, this recovery key is the only way to open the records. "
            "It is shown now and never again.\n\nWrite it on paper and keep it locked away from the "
            "laptop, e.g. in the hospital's safe. Anyone with the laptop and this key "
            "can read the records."), wordWrap=True))
        self.key_label = plain.label(recovery_key, alignment=Qt.AlignCenter,
                                     textInteractionFlags=Qt.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setStyleSheet("border: 2px solid #1565c0; padding: 12px;")
        layout.addWidget(self.key_label)
        self.confirm = QCheckBox(self.tr("I have written the recovery key down and will keep it away from this "
                                         "laptop"))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        self.continue_button = buttons.button(QDialogButtonBox.Ok)
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def reject(self) -> None:  # Escape and the close button do nothing until it is confirmed
        if self.confirm.isChecked():
            super().reject()


class RecoverDialog(_Form):
    """A forgotten passphrase: the recovery key and a new passphrase. After `exec()`: `keys`."""

    def __init__(self, data_dir, parent=None):
        super().__init__(self.tr("Forgotten passphrase"),
                         self.tr("Type the recovery key that was written down when dr-screen was set up on this "
                                 "laptop, and choose a new passphrase."), self.tr("Set the new passphrase"), parent)
        self.data_dir, self.keys = data_dir, None
        self.recovery = QLineEdit(placeholderText="ABCD-EFGH-…")
        self.passphrase, self.passphrase2 = _secret_field(), _secret_field()
        self.form.addRow(self.tr("Recovery key"), self.recovery)
        self.form.addRow(self.tr("New passphrase"), self.passphrase)
        self.form.addRow(self.tr("New passphrase again"), self.passphrase2)
        self.finish_layout()

    def submit(self) -> bool:
        if self.passphrase.text() != self.passphrase2.text():
            raise StoreError(self.tr("The two passphrases differ."))
        self.keys = vault.recover(self.data_dir, self.recovery.text(), self.passphrase.text())
        return True


class UnlockDialog(_Form):
    """The passphrase at start. After `exec()`: `keys`, and `recovered` when the recovery key was used."""

    def __init__(self, data_dir, parent=None):
        super().__init__(self.tr("dr-screen is locked"),
                         self.tr("Enter the passphrase of this laptop's records."), self.tr("Unlock"), parent)
        self.data_dir, self.keys, self.recovered = data_dir, None, False
        self.passphrase = _secret_field()
        self.form.addRow(self.tr("Passphrase"), self.passphrase)
        forgot = QPushButton(self.tr("Forgotten the passphrase? Use the recovery key…"), flat=True)
        forgot.clicked.connect(self._recover)
        self.form.addRow(forgot)
        self.finish_layout()

    def submit(self) -> bool:
        self.keys = vault.unlock(self.data_dir, self.passphrase.text())
        return True

    def _recover(self) -> None:
        dialog = RecoverDialog(self.data_dir, self)
        if dialog.exec() == QDialog.Accepted:
            self.keys, self.recovered = dialog.keys, True
            self.accept()


class LoginDialog(_Form):
    """Who is working: an account and its PIN (users.login: wrong PINs make it wait)."""

    def __init__(self, store: Store, reason: str = "", parent=None):
        super().__init__(self.tr("Sign in"), reason or self.tr("Choose your name and enter your PIN."),
                         self.tr("Sign in"), parent)
        self.store = store
        self.account = QComboBox()
        for account in users.accounts(store, active_only=True):
            self.account.addItem(account["name"])
        self.pin = _secret_field()
        self.form.addRow(self.tr("Name"), self.account)
        self.form.addRow(self.tr("PIN"), self.pin)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Quit dr-screen"))
        self.pin.setFocus()

    def submit(self) -> bool:
        try:
            users.login(self.store, self.account.currentText(), self.pin.text())
        except users.WrongPinError as e:  # TooSoonError too
            self.pin.clear()
            if e.wait_s:
                self._wait(e.wait_s)
            raise
        return True

    def _wait(self, seconds: float) -> None:
        """No button to press while the account waits."""
        self.ok_button.setEnabled(False)
        QTimer.singleShot(int(seconds * 1000) + 100, lambda: self.ok_button.setEnabled(True))
