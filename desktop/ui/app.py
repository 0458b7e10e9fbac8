"""Start the window: open the data, load the model (or say clearly why not), show."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import models, paths
from desktop.advice import AdviceTable
from desktop.preferences import Preferences
from desktop.store import DamagedDatabaseError, Store, StoreError, restore_backup
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
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
QLabel#outcome { color: white; font-size: 28px; font-weight: bold; padding: 8px; border-radius: 6px; }
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
                font-weight: bold; padding: 6px; }
QLabel#photoError { background: #fff3e0; border: 2px solid #ef6c00; color: #b71c1c; font-weight: bold; padding: 6px; }
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


def build_window(data_dir: str | None, model: str | None, language: str | None = None) -> MainWindow:
    """Open store and model, and speak `language` (default: the saved choice, else the
    computer's); raises StoreError (e.g. another instance running)."""
    store = Store(paths.data_dir(data_dir))
    try:
        advice = AdviceTable.load(store.data_dir)
        store.backup_if_due()  # at least one a day, whatever else happens
    except (ValueError, StoreError) as e:
        store.close()
        raise StoreError(e.args[0] if e.args else str(e)) from None
    preferences = Preferences.load(store.data_dir)
    spoken = i18n.install(language or preferences.language)
    bundle, problem = load_model(store.data_dir, model)
    return MainWindow(store, advice, bundle, problem, preferences, spoken)


def run_app(data_dir: str | None, model: str | None, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("dr-screen")
    app.setStyleSheet(STYLE)
    try:
        window = build_window(data_dir, model, language)
    except DamagedDatabaseError as e:
        i18n.install(language)
        if not offer_restore(data_dir, e):
            return 2
        return run_app(data_dir, model, language)
    except StoreError as e:
        i18n.install(language)
        cannot_start(e)
        return 2
    window.show()
    code = app.exec()
    window.store.close()
    return code


def cannot_start(error: StoreError) -> None:
    QMessageBox.critical(None, QCoreApplication.translate("App", "dr-screen cannot start"),
                         i18n.tr_text(error.args[0]))


def offer_restore(data_dir: str | None, damaged: DamagedDatabaseError) -> bool:
    """Ask to restore the newest backup of a damaged database; True once restored."""
    if damaged.backup is None:
        cannot_start(damaged)
        return False
    answer = QMessageBox.question(
        None, QCoreApplication.translate("App", "The database is damaged"),
        QCoreApplication.translate("App", "{problem}\n\nRestore that backup now? The damaged file is kept.")
        .format(problem=i18n.tr_text(damaged.args[0])))
    if answer != QMessageBox.Yes:
        return False
    try:
        restore_backup(paths.data_dir(data_dir), damaged.backup)
    except StoreError as e:
        cannot_start(e)
        return False
    return True
