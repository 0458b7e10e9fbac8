"""Start the window: open the data, load the model (or say clearly why not), show."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import models, paths
from desktop.advice import AdviceTable
from desktop.store import DamagedDatabaseError, Store, StoreError, restore_backup
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
QLabel#retake { background: #f3e5f5; border: 2px solid #6a1b9a; color: #4a148c; font-size: 17px;
                font-weight: bold; padding: 8px; }
"""


def load_model(data_dir, model: str | None) -> tuple[Bundle | None, str | None]:
    """The verified bundle (`model`, else the installed update, else the shipped default),
    or None and the reason a technician can pass on."""
    try:
        return models.load_active(data_dir, model), None
    except BundleError as e:
        return None, str(e)


def build_window(data_dir: str | None, model: str | None) -> MainWindow:
    """Open store and model; raises StoreError (e.g. another instance running)."""
    store = Store(paths.data_dir(data_dir))
    try:
        advice = AdviceTable.load(store.data_dir)
        store.backup_if_due()  # at least one a day, whatever else happens
    except (ValueError, StoreError) as e:
        store.close()
        raise StoreError(str(e)) from None
    bundle, problem = load_model(store.data_dir, model)
    return MainWindow(store, advice, bundle, problem)


def run_app(data_dir: str | None, model: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("dr-screen")
    app.setStyleSheet(STYLE)
    try:
        window = build_window(data_dir, model)
    except DamagedDatabaseError as e:
        if not offer_restore(data_dir, e):
            return 2
        return run_app(data_dir, model)
    except StoreError as e:
        QMessageBox.critical(None, "dr-screen cannot start", str(e))
        return 2
    window.show()
    code = app.exec()
    window.store.close()
    return code


def offer_restore(data_dir: str | None, damaged: DamagedDatabaseError) -> bool:
    """Ask to restore the newest backup of a damaged database; True once restored."""
    if damaged.backup is None:
        QMessageBox.critical(None, "dr-screen cannot start", str(damaged))
        return False
    answer = QMessageBox.question(None, "The database is damaged",
                                  f"{damaged}\n\nRestore that backup now? The damaged file is kept.")
    if answer != QMessageBox.Yes:
        return False
    try:
        restore_backup(paths.data_dir(data_dir), damaged.backup)
    except StoreError as e:
        QMessageBox.critical(None, "dr-screen cannot start", str(e))
        return False
    return True
