"""The window's Sync menu (Sync now; Sync settings, for administrators) and its status-bar line
(see docs/hub.md).

The push runs on a worker thread with its own database connection (Store.open_for_thread:
opened through the vault with the same keys, by the signed-in user), so the window never
waits for the network; the progress dialog's Cancel stops it before the next batch or retry.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMainWindow, QProgressDialog

from desktop.store import Store, StoreError
from desktop.sync import SyncError, SyncSettings, SyncStatus, configure_hub, sync_now, sync_status
from desktop.ui import plain
from desktop.ui.i18n import tr_text

REFRESH_MS = 15_000  # new patients and photos change the unsynced counts
log = logging.getLogger(__name__)


class SyncWorker(QThread):
    """One push on its own thread and database connection."""

    advanced = Signal(int)  # records confirmed so far
    succeeded = Signal(int)  # records confirmed in all
    failed = Signal(object)  # the message (fundus.text.Text or str)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store, self.cancel = store, threading.Event()
        self.confirmed = 0

    def run(self) -> None:
        try:
            with self.store.open_for_thread() as store:
                synced = sync_now(store, on_batch=self._advance, cancel=self.cancel)
        except (SyncError, StoreError) as e:
            self.failed.emit(e.args[0] if e.args else str(e))
        except Exception as e:  # a bug must not leave the dialog open for ever
            log.exception("sync crashed")
            self.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.succeeded.emit(sum(synced.values()))

    def _advance(self, table: str, rows: int) -> None:
        self.confirmed += rows
        self.advanced.emit(self.confirmed)


class SyncMenu(QObject):
    def __init__(self, window: QMainWindow, store: Store):
        super().__init__(window)
        self.window, self.store = window, store
        self.worker: SyncWorker | None = None
        self.progress: QProgressDialog | None = None
        menu = window.menuBar().addMenu(self.tr("&Sync"))
        self.sync_action = QAction(self.tr("Sync now"), window)
        self.sync_action.triggered.connect(self.sync_now)
        self.settings_action = QAction(self.tr("Sync settings…"), window)
        self.settings_action.triggered.connect(self.edit_settings)
        menu.addActions([self.sync_action, self.settings_action])
        menu.aboutToShow.connect(self.refresh)
        self.label = plain.label()
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
            self.label.setText(self.tr("sync settings damaged: enter them again in Sync settings"))
            plain.set_tooltip(self.label, tr_text(e.args[0]))
            return
        self.label.setText(self.summary(status))
        plain.set_tooltip(self.label, "\n".join(filter(None, [self.waiting(status),
                                                              tr_text(status.last_error or "")])))

    def summary(self, status: SyncStatus) -> str:
        """The status bar's short line, in the technician's language (SyncStatus.summary is the CLI's);
        what waits, table by table, is its tooltip (`waiting`)."""
        waiting = sum(status.unsynced.values())
        parts = [self.tr("not synced: %n record(s)", "", waiting) if waiting else self.tr("all records synced")]
        parts.append(self.tr("last sync {time} UTC").format(time=status.last_success[:16].replace("T", " "))
                     if status.last_success else self.tr("never synced"))
        if status.last_error:
            parts.append(self.tr("last try failed"))
        return " · ".join(parts)

    def waiting(self, status: SyncStatus) -> str:
        counts = [self.record_count(t, n) for t, n in status.unsynced.items() if n]
        return self.tr("not synced: {records}").format(records=", ".join(counts)) if counts else ""

    def record_count(self, table: str, n: int) -> str:
        """'1 patient', '2 patients' (plural forms per language: desktop/i18n)."""
        return {"camp_sessions": self.tr("%n camp session(s)", "", n), "patients": self.tr("%n patient(s)", "", n),
                "photos": self.tr("%n photo(s)", "", n), "results": self.tr("%n result(s)", "", n),
                "photo_corrections": self.tr("%n photo correction(s)", "", n),
                "audit_log": self.tr("%n audit event(s)", "", n)}[table]

    def busy(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def sync_now(self) -> SyncWorker | None:
        """Start a push on a worker thread; the dialog shows its progress and can cancel it."""
        if self.busy():
            return None
        try:
            total = sum(sync_status(self.store).unsynced.values())
        except SyncError as e:
            plain.warn(self.window, self.tr("Sync did not start"), tr_text(e.args[0]))
            return None
        self.progress = QProgressDialog(self.tr("Sending records to the hospital hub…"), self.tr("Cancel"), 0,
                                        max(total, 1), self.window)
        self.progress.setWindowTitle(self.tr("Sync"))
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.worker = SyncWorker(self.store, self)
        self.worker.advanced.connect(self.progress.setValue)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.progress.canceled.connect(self.cancel)
        self.sync_action.setEnabled(False)
        self.worker.start()
        return self.worker

    def cancel(self) -> None:
        if self.busy():
            self.worker.cancel.set()
            self.progress.setLabelText(self.tr("Stopping after the request on the wire…"))
            self.progress.show()

    def wait(self) -> None:
        """Stop a running push and wait for it (the window is closing)."""
        if self.busy():
            self.worker.cancel.set()
            self.worker.wait()

    def _close_progress(self) -> None:
        self.progress.canceled.disconnect(self.cancel)  # closing the dialog emits canceled too
        self.progress.close()

    def _succeeded(self, records: int) -> None:
        self._close_progress()
        plain.inform(self.window, self.tr("Sync finished"),
                     self.tr("%n record(s) sent and confirmed by the hub.", "", records))

    def _failed(self, message) -> None:
        self._close_progress()
        title = self.tr("Sync stopped") if self.worker.cancel.is_set() else self.tr("Sync did not finish")
        plain.warn(self.window, title, tr_text(message))

    def _finished(self) -> None:
        self.sync_action.setEnabled(True)
        self.refresh()

    def edit_settings(self) -> None:
        settings = SyncSettings.load_or_new(self.store)
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Sync settings"))
        form = QFormLayout(dialog)
        url = QLineEdit(settings.hub_url, placeholderText="https://hub.example.org/hub")
        token = QLineEdit(echoMode=QLineEdit.Password,
                          placeholderText=self.tr("(unchanged)") if settings.token
                          else self.tr("dstok_… from the hospital"))
        form.addRow(self.tr("Hub address"), url)
        form.addRow(self.tr("Token"), token)
        if settings.last_error:
            form.addRow(plain.label(self.tr("Last sync error: {error}").format(error=settings.last_error),
                                    wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        while dialog.exec() == QDialog.Accepted:
            try:
                configure_hub(self.store, url.text(), token.text().strip() or None)
            except (SyncError, StoreError) as e:
                plain.warn(self.window, self.tr("Sync settings"), tr_text(e.args[0]))
                continue
            break
        self.refresh()
