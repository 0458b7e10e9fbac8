"""Start the window: open the data, load the model (or say clearly why not), show."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import paths
from desktop.advice import AdviceTable
from desktop.preferences import Preferences
from desktop.store import Store, StoreError
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from fundus.bundle import Bundle, BundleError, default_bundle, load_bundle

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


def load_model(model: str | None) -> tuple[Bundle | None, str | None]:
    """The bundle, or None and the reason a technician can pass on."""
    try:
        return load_bundle(model or default_bundle()), None
    except BundleError as e:
        return None, str(e)


def build_window(data_dir: str | None, model: str | None, language: str | None = None) -> MainWindow:
    """Open store and model, and speak `language` (default: the saved choice, else the
    computer's); raises StoreError (e.g. another instance running)."""
    store = Store(paths.data_dir(data_dir))
    try:
        advice = AdviceTable.load(store.data_dir)
    except ValueError as e:
        store.close()
        raise StoreError(str(e)) from None
    preferences = Preferences.load(store.data_dir)
    spoken = i18n.install(language or preferences.language)
    bundle, problem = load_model(model)
    return MainWindow(store, advice, bundle, problem, preferences, spoken)


def run_app(data_dir: str | None, model: str | None, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("dr-screen")
    app.setStyleSheet(STYLE)
    try:
        window = build_window(data_dir, model, language)
    except StoreError as e:
        i18n.install(language)
        QMessageBox.critical(None, QCoreApplication.translate("App", "dr-screen cannot start"),
                             i18n.tr_text(e.args[0]))
        return 2
    window.show()
    code = app.exec()
    window.store.close()
    return code
