"""File → "Install model update…": choose a signed bundle, see what changes, install it (docs/model-updates.md)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop import models
from desktop.store import Store
from fundus.bundle import Bundle, BundleError


def install_model_update(parent: QWidget, store: Store, current: Bundle | None) -> Bundle | None:
    """Ask for a bundle, show its changes, install on yes; returns the installed bundle (None if not)."""
    downloaded = store.data_dir / models.MODELS / models.DOWNLOADED
    path, _ = QFileDialog.getOpenFileName(parent, "Install model update",
                                          str(downloaded) if downloaded.is_dir() else "",
                                          "Model bundle (*.json)")
    if not path:
        return None
    try:
        new = models.verify(models.find_manifest(path), store.data_dir)
    except BundleError as e:
        QMessageBox.warning(parent, "Model not installed", str(e))
        return None
    changes = "\n".join(models.changes(current, new))
    answer = QMessageBox.question(parent, "Install model update",
                                  f"The bundle is signed by a trusted publisher and intact. What changes:\n\n"
                                  f"{changes}\n\nInstall it? dr-screen grades with it from its next start.")
    if answer != QMessageBox.Yes:
        return None
    try:
        installed, _ = models.install(store.data_dir, path)
    except (BundleError, OSError) as e:
        QMessageBox.warning(parent, "Model not installed", str(e))
        return None
    QMessageBox.information(parent, "Model installed",
                            f"{installed.name} {installed.version} is installed. Close dr-screen and start it "
                            "again to grade with it. To go back: python -m desktop model rollback.")
    return installed
