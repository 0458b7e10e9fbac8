"""Where each file dialog opens: the folder last used for that purpose (kept in
preferences.json), else the user's Documents or Pictures if they exist, else the home
folder; never the program's folder, nor the folder another dialog used last."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop.preferences import Preferences
from desktop.store import StoreError

log = logging.getLogger(__name__)
STARTS = {"export": QStandardPaths.DocumentsLocation, "referral": QStandardPaths.DocumentsLocation,
          "photos": QStandardPaths.PicturesLocation, "camera": QStandardPaths.PicturesLocation}


class Folders:
    def __init__(self, data_dir: Path, preferences: Preferences):
        self.data_dir, self.preferences = data_dir, preferences

    def get(self, kind: str) -> str:
        """A folder that exists: a dialog given one that does not opens where the last dialog was
        (e.g. the camera's folder for a referral slip)."""
        remembered = self.preferences.folders.get(kind)
        if remembered and Path(remembered).is_dir():
            return remembered
        standard = QStandardPaths.writableLocation(STARTS[kind])
        return standard if standard and Path(standard).is_dir() else str(Path.home())

    def remember(self, kind: str, chosen: str) -> None:
        """Remember the folder of `chosen` (a file or a folder) for the next dialog of this kind."""
        folder = chosen if Path(chosen).is_dir() else str(Path(chosen).parent)
        if self.preferences.folders.get(kind) == folder:
            return
        self.preferences.folders[kind] = folder
        try:
            self.preferences.save(self.data_dir)
        except (StoreError, OSError) as e:  # only a convenience: the next dialog starts elsewhere
            log.warning("folder preference not saved (%s)", type(e).__name__)
