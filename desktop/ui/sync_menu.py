"""The window's Sync menu (Sync now; Sync settings, for administrators) and its status-bar line (docs/hub.md)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMainWindow,
                               QMessageBox, QProgressDialog)

from desktop.store import Store, StoreError
from desktop.sync import SyncError, SyncSettings, configure_hub, sync_now, sync_status

REFRESH_MS = 15_000  # new patients and photos change the unsynced counts


class SyncMenu(QObject):
    def __init__(self, window: QMainWindow, store: Store):
        super().__init__(window)
        self.window, self.store = window, store
        menu = window.menuBar().addMenu("&Sync")
        self.sync_action = QAction("Sync now", window)
        self.sync_action.triggered.connect(self.sync_now)
        self.settings_action = QAction("Sync settings…", window)
        self.settings_action.triggered.connect(self.edit_settings)
        menu.addActions([self.sync_action, self.settings_action])
        menu.aboutToShow.connect(self.refresh)
        self.label = QLabel()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self.store.closed:  # the timer can outlive the store while the window is torn down
            self.timer.stop()
            return
        admin = self.store.user is not None and self.store.user["role"] == "admin"
        self.settings_action.setEnabled(admin)
        self.settings_action.setToolTip("" if admin else self.tr("Administrators only"))
        try:
            status = sync_status(self.store)
        except SyncError as e:  # damaged sync settings: say so; Sync settings writes new ones
            self.label.setText("sync settings damaged: enter them again in Sync settings")
            self.label.setToolTip(str(e))
            return
        self.label.setText(status.summary())
        self.label.setToolTip(status.last_error or "")

    def sync_now(self) -> None:
        try:
            total = sum(sync_status(self.store).unsynced.values())
        except SyncError as e:
            QMessageBox.warning(self.window, "Sync did not start", str(e))
            return
        progress = QProgressDialog("Sending records to the hospital hub…", "", 0, max(total, 1), self.window)
        progress.setCancelButton(None)  # stopping half-way is safe, but a batch in flight cannot be recalled
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(0)

        def advance(table: str, rows: int) -> None:
            progress.setValue(progress.value() + rows)
            QApplication.processEvents()

        try:
            synced = sync_now(self.store, on_batch=advance)
        except (SyncError, StoreError) as e:
            progress.close()
            QMessageBox.warning(self.window, "Sync did not finish", str(e))
        else:
            progress.close()
            QMessageBox.information(self.window, "Sync finished",
                                    f"{sum(synced.values())} records sent and confirmed by the hub.")
        self.refresh()

    def edit_settings(self) -> None:
        settings = SyncSettings.load_or_new(self.store)
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Sync settings")
        form = QFormLayout(dialog)
        url = QLineEdit(settings.hub_url, placeholderText="https://hub.example.org/hub")
        token = QLineEdit(echoMode=QLineEdit.Password,
                          placeholderText="(unchanged)" if settings.token else "dstok_… from the hospital")
        form.addRow("Hub address", url)
        form.addRow("Token", token)
        if settings.last_error:
            form.addRow(QLabel(f"Last sync error: {settings.last_error}", wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        while dialog.exec() == QDialog.Accepted:
            try:
                configure_hub(self.store, url.text(), token.text().strip() or None)
            except (SyncError, StoreError) as e:
                QMessageBox.warning(self.window, "Sync settings", str(e))
                continue
            break
        self.refresh()
