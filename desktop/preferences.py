"""The technician's choices that outlive a session: `preferences.json` in the data folder. Qt-free.

    {"language": "hi", "folders": {"export": "/home/asha/Documents", "photos": "/media/card"}}

`language` is None for "the computer's language". `folders` remembers where each file
dialog was last used, so none opens in the program's own folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop.store import disk_full_is_clear
from fundus.files import write_atomic

PREFERENCES_FILE = "preferences.json"
LANGUAGES = ("en", "hi", "es")

log = logging.getLogger(__name__)


@dataclass
class Preferences:
    language: str | None = None  # one of LANGUAGES, or None: the system locale's
    folders: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> "Preferences":
        """The saved preferences; defaults when there are none or the file is unreadable
        (a preference is never worth refusing to start over)."""
        path = Path(data_dir) / PREFERENCES_FILE
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            language = saved.get("language")
            folders = {str(k): str(v) for k, v in (saved.get("folders") or {}).items()}
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, AttributeError) as e:
            log.warning("preferences ignored: %s cannot be read (%s)", path.name, type(e).__name__)
            return cls()
        return cls(language if language in LANGUAGES else None, folders)

    def save(self, data_dir: Path) -> None:
        with disk_full_is_clear():
            write_atomic(Path(data_dir) / PREFERENCES_FILE,
                         json.dumps(asdict(self), indent=1, ensure_ascii=False).encode())
