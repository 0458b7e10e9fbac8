"""Start the window: set up or unlock the data, sign in, load the model (or say clearly why not), show."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from desktop import models, paths, retention, users, vault
from desktop.advice import AdviceTable
from desktop.preferences import Preferences
from desktop.store import DB_NAME, DamagedDatabaseError, Store, StoreError
from desktop.ui import i18n, plain
from desktop.ui.admin import AdminCheckDialog
from desktop.ui.login import LoginDialog, RecoveryKeyDialog, SetupDialog, UnlockDialog
from desktop.unlock import open_store, restore_backup
from desktop.ui.main_window import MainWindow
from desktop.vault import Keys
from fundus.bundle import Bundle, BundleError

STYLE = """
* { font-size: 15px; }
QPushButton { padding: 5px 14px; }
QProgressBar { max-height: 17px; }
QPushButton#primary { background: #1565c0; color: white; font-weight: bold; }
QLabel#screenTitle { font-size: 19px; font-weight: bold; }
QLabel#error, QLabel#modelWarning { color: #b71c1c; }
QLabel#modelWarning { background: #fff3e0; border: 2px solid #ef6c00; padding: 12px; font-size: 17px; }
QLabel#hint { color: #546e7a; }
QLabel#outcome { color: white; font-size: 26px; font-weight: bold; padding: 6px 8px; border-radius: 6px; }
QLabel#adviceText { font-size: 18px; padding: 2px 4px 8px 4px; }
QFrame#eyePanel { border: 1px solid #b0bec5; border-radius: 6px; }
QLabel#eyeTitle { font-size: 18px; font-weight: bold; }
QLabel#dropZone { border: 2px dashed #90a4ae; color: #546e7a; }
QLabel#eyeStatus { font-size: 22px; font-weight: bold; }
QLabel#eyeStatus[tone="ok"] { color: #2e7d32; }
QLabel#eyeStatus[tone="refer"] { color: #d84315; }
QLabel#eyeStatus[tone="bad"] { color: #6a1b9a; }
QLabel#eyeStatus[tone="busy"] { color: #1565c0; }
QLabel#retake { background: #f3e5f5; border: 2px solid #6a1b9a; color: #4a148c; font-size: 16px;
                font-weight: bold; padding: 4px; }
QLabel#photoError { background: #fff3e0; border: 2px solid #ef6c00; color: #b71c1c; font-weight: bold; padding: 4px; }
QLabel#photoNotice { background: #fffde7; border: 2px solid #f9a825; color: #4e342e; padding: 4px; }
QLabel#refer { font-size: 17px; font-weight: bold; }
QLabel#likelihood { font-size: 16px; }
QStatusBar QLabel { padding-left: 14px; }
"""


def load_model(data_dir, model: str | None) -> tuple[Bundle | None, str | None]:
    """The verified bundle (`model`, else the installed update, else the shipped default),
    or None and the reason a technician can pass on."""
    try:
        return models.load_active(data_dir, model), None
    except BundleError as e:
        return None, str(e)


def build_window(store: Store, model: str | None, language: str | None = None) -> MainWindow:
    """The window on an open store whose user is signed in, speaking `language` (default: the
    saved choice, else the computer's); raises StoreError (closing nothing)."""
    try:
        advice = AdviceTable.load(store.data_dir)
    except ValueError as e:
        raise StoreError(e.args[0] if e.args else str(e)) from None
    store.backup_if_due()  # at least one a day, whatever else happens
    retention.purge_due(store)  # the retention policy, if an administrator set one
    preferences = Preferences.load(store.data_dir)
    spoken = i18n.install(language or preferences.language)
    bundle, problem = load_model(store.data_dir, model)
    return MainWindow(store, advice, bundle, problem, preferences, spoken)


def run_app(data_dir: str | None, model: str | None, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("dr-screen")
    app.setStyleSheet(STYLE)
    folder = paths.data_dir(data_dir)
    # preferences.json is not encrypted (it holds no records), so set-up and unlock speak the saved language
    i18n.install(language or Preferences.load(folder).language)
    try:
        store = open_data(folder)
        if store is None:
            return 2
        if store.user is None and LoginDialog(store).exec() != QDialog.Accepted:
            store.close()
            return 2
        try:
            window = build_window(store, model, language)
        except BaseException:
            store.close()
            raise
    except StoreError as e:
        cannot_start(e)
        return 2
    window.show()
    code = app.exec()
    window.store.close()
    return code


def cannot_start(error: StoreError) -> None:
    plain.critical(None, QCoreApplication.translate("App", "dr-screen cannot start"), i18n.tr_text(error.args[0]))


def open_data(folder: Path) -> Store | None:
    """Set the folder up (first run), or unlock and open it; a damaged database offers its backup.
    None when the person gave up."""
    if not vault.exists(folder):
        plain = (folder / DB_NAME).exists()
        setup = SetupDialog(folder, plain_records=plain)
        if setup.exec() != QDialog.Accepted:
            return None
        RecoveryKeyDialog(setup.recovery_key).exec()
        return setup.store
    dialog = UnlockDialog(folder)
    if dialog.exec() != QDialog.Accepted:
        return None
    while True:
        try:
            store = open_store(folder, dialog.keys)
        except DamagedDatabaseError as e:
            if not offer_restore(folder, dialog.keys, e):
                return None
            continue
        break
    if dialog.recovered:
        store.record_recovery_used()
    if not users.accounts(store):  # the set-up stopped before its administrator existed
        store.close()
        setup = SetupDialog(folder, keys=dialog.keys)
        return setup.store if setup.exec() == QDialog.Accepted else None
    return store


def offer_restore(folder: Path, keys: Keys, damaged: DamagedDatabaseError) -> bool:
    """Ask an administrator to restore the newest backup of a damaged database; True once restored."""
    if damaged.backup is None:
        cannot_start(damaged)
        return False
    dialog = AdminCheckDialog(
        QCoreApplication.translate("App", "The database is damaged"),
        QCoreApplication.translate("App", "{problem}\n\nAn administrator can restore that backup now (the damaged "
                                          "file is kept).").format(problem=i18n.tr_text(damaged.args[0])),
        QCoreApplication.translate("App", "Restore"))
    if dialog.exec() != QDialog.Accepted:
        return False
    try:
        restore_backup(folder, keys, dialog.name.text(), dialog.pin.text(), damaged.backup)
    except StoreError as e:
        cannot_start(e)
        return False
    return True
