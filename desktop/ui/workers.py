"""Background grading: the window never waits for a model.

A job grades one photo and copies it into managed storage on a pool thread
(desktop.grading, no database); the result comes back by signal to the GUI
thread, which saves it with the store. Each pool thread has its own Grader
(a LiteRT interpreter must not be shared between threads).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.grading import GradedPhoto, grade_and_ingest
from desktop.store import PhotoFiles, StoreError
from fundus.bundle import Bundle, BundleError
from fundus.grader import Grader
from fundus.image import ImageError, file_error
from fundus.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    path: Path
    sha256: str
    patient_id: str
    eye: str
    user: str  # who added the photo: the result is theirs even if the window locks meanwhile


class _Signals(QObject):
    done = Signal(object, object)  # Job, GradedPhoto
    failed = Signal(object, object)  # Job, message for the technician (fundus.text.Text or str)


class _GradeRunnable(QRunnable):
    def __init__(self, queue: "GradingQueue", job: Job):
        super().__init__()
        self.queue, self.job = queue, job

    def run(self) -> None:
        try:
            graded = grade_and_ingest(self.queue.grader(), self.queue.files, self.job.path, self.job.sha256)
        except (ImageError, StoreError) as e:
            self.queue.signals.failed.emit(self.job, e.args[0])
        except OSError as e:
            self.queue.signals.failed.emit(self.job, file_error(self.job.path, e).args[0])
        except BundleError as e:
            self.queue.signals.failed.emit(self.job, str(e))
        except Exception as e:  # a bug must not kill the worker silently; the photo can be added again
            log.exception("grading crashed")
            self.queue.signals.failed.emit(self.job, QT_TRANSLATE_NOOP(
                "GradingQueue", "Grading failed unexpectedly ({error}). Add the photo again.")
                .format(error=type(e).__name__))
        else:
            self.queue.signals.done.emit(self.job, graded)


class GradingQueue(QObject):
    """Jobs in, results out by signal; progress counts since the queue was last empty."""

    done = Signal(object, object)
    failed = Signal(object, object)
    progress = Signal(int, int)  # finished, total

    def __init__(self, bundle: Bundle, files: PhotoFiles, parent: QObject | None = None, threads: int = 1):
        super().__init__(parent)
        self.bundle, self.files = bundle, files
        self._local = threading.local()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)  # 2-core laptops: one grading thread leaves a core for the UI
        self.pool.setExpiryTimeout(-1)  # keep the thread, and so its loaded Grader, between patients
        self.signals = _Signals()
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.pending: list[Job] = []
        self.total = 0

    def grader(self) -> Grader:
        if getattr(self._local, "grader", None) is None:
            self._local.grader = Grader(self.bundle, num_threads=2)
        return self._local.grader

    def submit(self, job: Job) -> None:
        if not self.pending:
            self.total = 0
        self.pending.append(job)
        self.total += 1
        self.pool.start(_GradeRunnable(self, job))
        self.progress.emit(self.total - len(self.pending), self.total)

    def cancel(self) -> list[Job]:
        """Drop the jobs not started yet; a photo being graded now still finishes and is saved."""
        self.pool.clear()
        started = self.pool.activeThreadCount()
        dropped = self.pending[started:]
        self.pending = self.pending[:started]
        self.total -= len(dropped)
        self.progress.emit(self.total - len(self.pending), self.total)
        return dropped

    def busy(self) -> bool:
        return bool(self.pending)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def _finish(self, job: Job) -> None:
        if job in self.pending:
            self.pending.remove(job)
        self.progress.emit(self.total - len(self.pending), self.total)

    def _on_done(self, job: Job, graded: GradedPhoto) -> None:
        self._finish(job)
        self.done.emit(job, graded)

    def _on_failed(self, job: Job, message) -> None:
        self._finish(job)
        self.failed.emit(job, message)
