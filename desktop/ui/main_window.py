"""The main window: camp → patients → patient, plus export, language and About; who is signed in,
the idle lock and the Admin menu.

A language chosen in the Language menu applies at once: the window is built again in it
(`MainWindow.rebuild`) on the same open store, showing the same camp or patient, with
what was typed and not yet saved carried over."""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget)

from desktop import caution, retention, users
from desktop.advice import AdviceTable
from desktop.export import export_patients, export_photos
from desktop.grading import GradedPhoto
from desktop.preferences import LANGUAGES, Preferences
from desktop.store import Store, StoreError
from desktop.ui.admin import AdminCheckDialog, AdminMenu
from desktop.ui.login import LoginDialog
from desktop.unlock import restore_backup
from desktop.ui.camp_screen import CampScreen
from desktop.ui.folders import Folders
from desktop.ui import i18n, plain
from desktop.ui.i18n import LANGUAGE_NAMES, tr_text
from desktop.ui.patient_form import PatientForm
from desktop.ui.patient_screen import PatientScreen, safe_file_part
from desktop.ui.patients_screen import PatientsScreen
from desktop.ui.model_update import install_model_update
from desktop.ui.sync_menu import SyncMenu
from desktop.ui.workers import GradingQueue, Job
from fundus.bundle import Bundle

log = logging.getLogger(__name__)


IDLE_CHECK_MS = 5_000
INPUT_EVENTS = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel)


class _InputWatcher(QObject):
    """Every key press, click or wheel turn anywhere in the app resets the idle lock."""

    def __init__(self, idle: users.IdleLock, parent: QObject):
        super().__init__(parent)
        self.idle = idle

    def eventFilter(self, watched, event) -> bool:
        if event.type() in INPUT_EVENTS:
            self.idle.touch()
        return False


class MainWindow(QMainWindow):
    def __init__(self, store: Store, advice: AdviceTable, bundle: Bundle | None, model_problem: str | None,
                 preferences: Preferences, language: str, clock=time.monotonic):
        super().__init__()
        self.store, self.advice, self.bundle, self.model_problem = store, advice, bundle, model_problem
        self.preferences, self.language, self.clock = preferences, language, clock
        self.handed_over = False  # closed by a rebuild in another language: no backup, the store stays open
        self.folders = Folders(store.data_dir, preferences)
        self.setWindowTitle(self.tr("dr-screen — diabetic retinopathy screening"))
        self.queue = GradingQueue(bundle, store.files, self) if bundle else None
        self.camp_screen = CampScreen(store, model_problem)
        self.patients_screen = PatientsScreen(store, advice)
        self.patient_screen = PatientScreen(store, advice, self.queue, bundle, self.folders)
        self.patient_form: PatientForm | None = None
        self.stack = QStackedWidget()
        self.lock_page = plain.label(self.tr("Locked. Sign in to go on."), alignment=Qt.AlignCenter,
                                     objectName="screenTitle")
        for screen in (self.camp_screen, self.patients_screen, self.patient_screen, self.lock_page):
            self.stack.addWidget(screen)
        self.setCentralWidget(self._with_model_warning(self.stack))
        self.model_label = plain.label()
        self.statusBar().addPermanentWidget(self.model_label)
        self.model_label.setText(self.tr("Model: {name} {version}").format(name=bundle.name, version=bundle.version)
                                 if bundle else self.tr("⚠ No grading model"))
        self._menus()
        self.sync_menu = SyncMenu(self, store)
        self.admin_menu = AdminMenu(self, store, self.restore_backup)
        self._language_menu()
        self._help_menu()
        self.user_label = plain.label()
        self.statusBar().addPermanentWidget(self.user_label)
        self.idle = users.IdleLock(users.idle_minutes(store), clock)
        QApplication.instance().installEventFilter(_InputWatcher(self.idle, self))
        self.idle_timer = QTimer(self, interval=IDLE_CHECK_MS, timeout=self.check_idle)
        self.idle_timer.start()
        self.locked_view = None
        self.login_dialog: LoginDialog | None = None
        self.signed_in()

        self.camp_screen.camp_opened.connect(self.open_camp)
        self.patients_screen.back.connect(self.show_camps)
        self.patients_screen.new_patient.connect(self.new_patient)
        self.patients_screen.patient_opened.connect(self.open_patient)
        self.patient_screen.back.connect(self.show_patients)
        self.patient_screen.delete_requested.connect(self.delete_patient)
        self.patient_screen.records_changed.connect(self.sync_menu.refresh)
        if self.queue:
            self.queue.done.connect(self.on_graded)
            self.queue.failed.connect(self.on_grading_failed)
        self.resize(1280, 740)  # a 1366x768 laptop, less the taskbar

    def _with_model_warning(self, content: QWidget) -> QWidget:
        """The model's caution (if its publisher gave one) stays above every screen, in the technician's
        language and with the bundle's own numbers (desktop/caution.py); the publisher's English text
        goes to the log."""
        banner = caution.banner(self.bundle.manifest) if self.bundle else None
        if banner is None:
            return content
        log.info("model caution: %s", self.bundle.warning)
        self.warning_label = plain.wrapped(f"⚠ {tr_text(banner)}", objectName="modelWarning")
        auc = caution.auc_line(self.bundle.manifest)
        plain.set_tooltip(self.warning_label, tr_text(auc) if auc else "")
        self.warning_label.setStyleSheet("background: #b71c1c; color: white; font-weight: bold; padding: 4px;"
                                         "font-size: 14px;")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning_label)
        layout.addWidget(content)
        return box

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, slot in [(self.tr("Export patients (CSV)…"), self.export_patients),
                           (self.tr("Export photos (CSV)…"), self.export_photos),
                           (self.tr("Install model update…"),
                            lambda: install_model_update(self, self.store, self.bundle))]:
            action = QAction(text, self)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        session = self.menuBar().addMenu(self.tr("Sess&ion"))  # Alt+S is the Sync menu's
        self.lock_action = QAction(self.tr("Lock now (switch user)"), self, shortcut="Ctrl+L")
        self.lock_action.triggered.connect(lambda: self.lock(self.tr("Locked. Choose your name and enter your PIN.")))
        session.addAction(self.lock_action)

    def _language_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions = {}
        for code in (None, *LANGUAGES):
            text = self.tr("Computer's language") if code is None else LANGUAGE_NAMES[code]
            action = QAction(text, self, checkable=True)
            action.setChecked(code == self.preferences.language)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action

    def _help_menu(self) -> None:
        about = QAction(self.tr("About dr-screen"), self)
        about.triggered.connect(self.about)
        self.menuBar().addMenu(self.tr("&Help")).addAction(about)

    def choose_language(self, code: str | None) -> "MainWindow | None":
        """Save the choice and speak it now: the window is built again in it (returned), unless a sync is
        running (it would be cut off): then the choice applies when the technician chooses it again."""
        self.preferences.language = code
        try:
            self.preferences.save(self.store.data_dir)
        except (StoreError, OSError) as e:
            plain.warn(self, self.tr("Language"), tr_text(getattr(e, "args", [str(e)])[0]))
            return None
        if self.sync_menu.busy():
            plain.inform(self, self.tr("Language"), self.tr(
                "The records are being sent to the hub. Choose the language again when the sync is finished."))
            return None
        return self.rebuild(code)

    def rebuild(self, language: str | None) -> "MainWindow":
        """This window again in `language`, on the same store, showing what this one showed; this one closes.
        Photos being graded are saved first (their jobs belong to this window's queue)."""
        if self.queue and self.queue.busy():
            QApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                self.queue.wait()
                QApplication.processEvents()  # deliver the last results so they are saved
            finally:
                QApplication.restoreOverrideCursor()
        spoken = i18n.install(language)
        new = MainWindow(self.store, self.advice, self.bundle, self.model_problem, self.preferences, spoken,
                         self.clock)
        new.setGeometry(self.geometry())
        new.take_over(self)
        new.show()
        self.handed_over = True
        self.close()
        self.deleteLater()
        return new

    def take_over(self, old: "MainWindow") -> None:
        """Show what `old` showed, with its typed but unsaved text."""
        for field in ("site", "operator"):
            getattr(self.camp_screen, field).setText(getattr(old.camp_screen, field).text())
        self.camp_screen.date.setDate(old.camp_screen.date.date())
        self.patient_screen.camera_folder = old.patient_screen.camera_folder
        if old.patients_screen.camp is not None:
            self.patients_screen.show_camp(old.patients_screen.camp)
            self.patients_screen.search.setText(old.patients_screen.search.text())
        shown = old.stack.currentWidget()
        if shown is old.patient_screen and old.patient_screen.patient is not None:
            self.open_patient(old.patient_screen.patient)
            self.patient_screen.notes.setPlainText(old.patient_screen.notes.toPlainText())
        elif shown is old.patients_screen:
            self.show_patients()

    # ---- navigation

    def show_camps(self) -> None:
        self.camp_screen.refresh()
        self.stack.setCurrentWidget(self.camp_screen)

    def open_camp(self, camp: dict) -> None:
        self.patients_screen.show_camp(camp)
        self.show_patients()

    def show_patients(self) -> None:
        self.patients_screen.refresh()
        self.stack.setCurrentWidget(self.patients_screen)
        self.sync_menu.refresh()

    def new_patient(self) -> None:
        self.patient_form = PatientForm(self.store, self.patients_screen.camp["id"], self)
        self.patient_form.setModal(True)
        self.patient_form.accepted.connect(lambda: self.open_patient(self.patient_form.patient))
        self.patient_form.open()

    def open_patient(self, patient: dict) -> None:
        self.patient_screen.show_patient(patient)
        self.stack.setCurrentWidget(self.patient_screen)
        self.sync_menu.refresh()

    # ---- who is signed in, the idle lock

    def signed_in(self) -> None:
        user = self.store.user
        self.user_label.setText(self.tr("Signed in: {name} ({role})").format(
            name=user["name"], role=tr_text(users.ROLE_NAMES[user["role"]])))
        self.camp_screen.signed_in(user["name"])
        self.admin_menu.refresh()
        self.sync_menu.refresh()
        self.patient_screen.set_admin(user["role"] == "admin")

    def check_idle(self) -> None:
        if self.store.user is not None and self.idle.due():
            self.lock(self.tr("Locked after %n idle minute(s). Choose your name and enter your PIN.", "",
                              round(self.idle.seconds / 60)))

    def lock(self, reason: str) -> None:
        """Sign out and hide every record until someone signs in (photos being graded still finish)."""
        if self.store.user is None:
            return
        users.logout(self.store, "lock")
        for dialog in self.findChildren(QDialog):  # nothing stays on screen over the lock (an unsaved form goes)
            if dialog.isVisible():
                dialog.reject()
        self.user_label.setText(self.tr("Locked"))
        self.locked_view = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)
        self.login_dialog = LoginDialog(self.store, reason, self)
        self.login_dialog.accepted.connect(self._unlocked)
        self.login_dialog.rejected.connect(self.close)
        self.login_dialog.open()

    def _unlocked(self) -> None:
        self.menuBar().setEnabled(True)
        self.idle.touch()
        self.signed_in()
        self.stack.setCurrentWidget(self.locked_view or self.camp_screen)
        if self.stack.currentWidget() is self.patient_screen:
            self.patient_screen.refresh()

    # ---- administrator actions of the window

    def delete_patient(self, patient: dict) -> None:
        if not plain.ask(self, self.tr("Delete patient"), self.tr(
                "Delete this patient for good? Their name, ID, phone, notes and photos are erased from this "
                "laptop and, at the next sync, from the hospital's hub. Their anonymous grades stay. "
                "This cannot be undone.")):
            return
        try:
            retention.delete_patient(self.store, patient["id"])
        except StoreError as e:
            plain.warn(self, self.tr("Not deleted"), tr_text(e.args[0]))
            return
        self.show_patients()

    def restore_backup(self, chosen: Path) -> None:
        dialog = AdminCheckDialog(self.tr("Restore a backup"), self.tr(
            "An administrator of that backup confirms with their name and PIN."), self.tr("Restore"), self)
        if dialog.exec() != QDialog.Accepted:
            return
        if self.queue:
            self.queue.wait()
        data_dir, keys = self.store.data_dir, self.store.keys
        self.store.close()
        try:
            restore_backup(data_dir, keys, dialog.name.text(), dialog.pin.text(), chosen)
        except StoreError as e:
            plain.critical(self, self.tr("Not restored"), self.tr(
                "{problem}\n\ndr-screen closes now; start it again.").format(problem=tr_text(e.args[0])))
        else:
            plain.inform(self, self.tr("Restored"), self.tr(
                "The backup is restored. dr-screen closes now: start it again, and check the last records."))
        self.close()

    # ---- grading results (saved whichever screen is showing)

    def on_graded(self, job: Job, graded: GradedPhoto) -> None:
        try:
            self.store.record_graded_photo(graded.stored, job.path.name, graded.result, self.bundle.name,
                                           self.bundle.version, self.bundle.manifest_sha256,
                                           patient_id=job.patient_id, eye=job.eye,
                                           overlay_png=graded.overlay_png, by=job.user)
        except StoreError as e:
            self._show_job_error(job, e.args[0])
            return
        if self._showing(job):
            self.patient_screen.refresh()
        self.sync_menu.refresh()  # one more record to sync

    def on_grading_failed(self, job: Job, message) -> None:
        self._show_job_error(job, message)

    def _showing(self, job: Job) -> bool:
        p = self.patient_screen.patient
        return self.stack.currentWidget() is self.patient_screen and p is not None and p["id"] == job.patient_id

    def _show_job_error(self, job: Job, message) -> None:
        log.info("photo for patient %s not saved", job.patient_id)
        if self._showing(job):
            self.patient_screen.show_job_error(job.eye, message)
        else:
            plain.warn(self, self.tr("Photo not saved"), tr_text(message))

    # ---- export and about

    def _export_range(self, title: str, what: str) -> dict | None:
        """Ask which patients (or photos): the open camp, or every camp in a date range."""
        dialog = QDialog(self)
        dialog.setWindowTitle(title)
        form = QFormLayout(dialog)
        camp = self.patients_screen.camp
        today = QDate.currentDate()
        start = QDateEdit(QDate.fromString(camp["date"], "yyyy-MM-dd") if camp else today.addMonths(-1),
                          calendarPopup=True, displayFormat="yyyy-MM-dd")
        end = QDateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        form.addRow(plain.label(self.tr("Export the patients of the camps held between:") if what == "patients"
                                else self.tr("Export the photos of the camps held between:")))
        form.addRow(self.tr("From"), start)
        form.addRow(self.tr("To"), end)
        only_this = QCheckBox(self.tr("Only the open camp ({site}, {date})").format(site=camp["site"],
                                                                                   date=camp["date"]) if camp else "")
        only_this.setChecked(camp is not None)
        only_this.setVisible(camp is not None)
        form.addRow(only_this)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Export"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.Accepted:
            return None
        if only_this.isChecked():
            return {"camp_id": camp["id"]}
        return {"date_from": start.date().toString("yyyy-MM-dd"), "date_to": end.date().toString("yyyy-MM-dd")}

    def export_patients(self) -> None:
        self._export(self.tr("Export patients"), "patients",
                     lambda path, f: export_patients(self.store, path, self.advice, **f))

    def export_photos(self) -> None:
        self._export(self.tr("Export photos"), "photos", lambda path, f: export_photos(self.store, path, **f))

    def _export(self, title: str, what: str, write) -> None:
        if not plain.ask(self, title, self.tr(
                "A CSV file is plain text: unlike dr-screen's own records it is NOT encrypted, and anyone who gets "
                "the file can read the names and results in it. Keep it only as long as needed, on an encrypted "
                "disk, and delete it after use.\n\nWrite the CSV file?")):
            return
        filters = self._export_range(title, what)
        if filters is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self.folders.get("export"))
                                                               / self.export_name(what, filters)),
                                              self.tr("CSV (*.csv)"))
        if not path:
            return
        self.folders.remember("export", path)
        try:
            count = write(path, filters)
        except (StoreError, OSError) as e:
            reason = tr_text(e.args[0]) if isinstance(e, StoreError) else e.strerror or str(e)
            plain.warn(self, title, self.tr("The file was not written: {reason}").format(reason=reason))
            return
        self.sync_menu.refresh()  # the export's audit event
        plain.inform(self, title, self.tr("%n row(s) written to {path}", "", count).format(path=path))

    def export_name(self, what: str, filters: dict) -> str:
        """e.g. patients-PHC_Kottur-2025-02-14.csv, or patients-2025-01-01-to-2025-01-31.csv."""
        camp = self.patients_screen.camp
        if "camp_id" in filters and camp:
            return f"{what}-{safe_file_part(camp['site'])}-{camp['date']}.csv"
        return f"{what}-{filters['date_from']}-to-{filters['date_to']}.csv"

    def about(self) -> None:
        self.about_box().exec()

    def about_box(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Information, self.tr("About dr-screen"), self.about_text(), QMessageBox.NoButton,
                          self)
        box.setTextFormat(Qt.RichText)  # every value in it is escaped
        box.addButton(tr_text(plain.OK), QMessageBox.AcceptRole)
        return box

    def about_text(self) -> str:
        if self.bundle:
            model = self.tr("Model: <b>{name}</b> version <b>{version}</b> ({mode}, input {size} px)").format(
                name=html.escape(self.bundle.name), version=html.escape(self.bundle.version),
                mode=self.bundle.mode, size=self.bundle.input_size)
            banner, auc = caution.banner(self.bundle.manifest), caution.auc_line(self.bundle.manifest)
            if banner:
                model += "<br>" + self.tr("<b>Caution:</b> {warning}").format(warning=html.escape(tr_text(banner)))
            if auc:
                model += "<br>" + html.escape(tr_text(auc))
        else:
            model = self.tr("No grading model: {problem}").format(problem=html.escape(self.model_problem or ""))
        return (self.tr("<h3>dr-screen</h3><p>Offline diabetic-retinopathy screening.</p>")
                + f"<p>{model}</p><p>"
                + self.tr("Data folder: {folder}").format(folder=html.escape(str(self.store.data_dir)))
                + "</p><p>" + self.tr("This tool supports screening; it does not replace an eye doctor.") + "</p>")

    def closeEvent(self, event) -> None:
        if self.queue and self.queue.busy():
            choice = plain.message(self, QMessageBox.Question, self.tr("Grading in progress"),
                                   self.tr("Photos are still being graded. Wait for them and then quit?"),
                                   [(self.tr("Wait, then quit"), QMessageBox.AcceptRole),
                                    (self.tr("Keep working"), QMessageBox.RejectRole)])
            if choice != 0:
                event.ignore()
                return
            self.queue.wait()
            QApplication.processEvents()  # deliver the last results so they are saved
        self.sync_menu.wait()
        self.sync_menu.timer.stop()
        self.idle_timer.stop()
        try:
            if not self.store.closed and not self.handed_over:
                self.store.backup()  # the end of a camp day: a copy of the database to restore from
        except StoreError as e:
            plain.warn(self, self.tr("Backup not made"), tr_text(e.args[0]))
        super().closeEvent(event)
