"""File → "Install model update…": choose a signed bundle, see what changes, install it (docs/model-updates.md)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop import PROG, models
from desktop.store import Store
from desktop.ui import plain
from fundus.bundle import Bundle, BundleError


def install_model_update(parent: QWidget, store: Store, current: Bundle | None) -> Bundle | None:
    """Ask for a bundle, show its changes, install on yes; returns the installed bundle (None if not).

    What changes and why a bundle is refused come from desktop/models.py in English, as
    on the command line (model names, versions and the publisher's notes are not translated)."""
    translate = QCoreApplication.translate
    title = translate("ModelUpdate", "Install model update")
    not_installed = translate("ModelUpdate", "Model not installed")
    downloaded = store.data_dir / models.MODELS / models.DOWNLOADED
    path, _ = QFileDialog.getOpenFileName(parent, title, str(downloaded) if downloaded.is_dir() else "",
                                          translate("ModelUpdate", "Model bundle (*.json)"))
    if not path:
        return None
    try:
        new = models.verify(models.find_manifest(path), store.data_dir)
    except BundleError as e:
        plain.warn(parent, not_installed, str(e))
        return None
    changes = "\n".join(models.changes(current, new))
    if not plain.ask(parent, title, translate(
            "ModelUpdate", "The bundle is signed by a trusted publisher and intact. What changes:\n\n{changes}\n\n"
                           "Install it? dr-screen grades with it from its next start.").format(changes=changes)):
        return None
    try:
        installed, _ = models.install(store.data_dir, path)
    except (BundleError, OSError) as e:
        plain.warn(parent, not_installed, str(e))
        return None
    plain.inform(parent, translate("ModelUpdate", "Model installed"), translate(
        "ModelUpdate", "{name} {version} is installed. Close dr-screen and start it again to grade with it. "
                       "To go back: {command}.").format(name=installed.name, version=installed.version,
                                                        command=f"{PROG} model rollback"))
    return installed
