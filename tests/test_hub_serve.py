"""`python -m hub serve` (hub/serve.py) without starting Datasette: what the first run makes, and where
the secret goes. tests/test_hub_install.py runs the real thing in a venv with the hub extra only."""

from __future__ import annotations

import json
import stat

import pytest

from hub import serve
from hub.cli import main as hub_main

OWNER_ONLY = ("hub.db", "hub-export.key", "datasette-secret", "datasette.json")


@pytest.fixture
def started(tmp_path, monkeypatch):
    """Run `python -m hub serve` up to the exec into Datasette; returns (argv, env) it would have started."""
    monkeypatch.delenv(serve.ENV_SECRET, raising=False)
    execs = []
    monkeypatch.setattr(serve.os, "execve", lambda path, argv, env: execs.append((argv, env)))

    def start(*args: str) -> tuple[list[str], dict]:
        assert hub_main(["serve", "--dir", str(tmp_path / "hub"), *args]) == 0
        return execs[-1]

    return start


def test_first_run_makes_the_hub_folder_owner_only_and_the_secret_stays_off_the_command_line(
        started, tmp_path, capsys):
    argv, env = started("--port", "8123")
    folder = tmp_path / "hub"
    secret = (folder / "datasette-secret").read_text().strip()
    assert len(secret) == 64 and env[serve.ENV_SECRET] == secret
    assert not any(secret in arg for arg in argv)
    assert argv[1:4] == ["-m", "datasette", "serve"] and str(folder / "hub.db") in argv and "8123" in argv
    assert f"dr-screen-models:{folder / 'models'}" in argv
    assert stat.S_IMODE(folder.stat().st_mode) == stat.S_IMODE((folder / "models").stat().st_mode) == 0o700
    for name in OWNER_ONLY:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    config = json.loads((folder / "datasette.json").read_text())
    assert config == serve.STARTING_CONFIG and config["allow"] == {"id": "root"}
    first = capsys.readouterr().out
    assert "made the Datasette secret" in first and "created table photos" in first

    (folder / "datasette.json").write_text(json.dumps({**config, "plugins": {}}))  # the administrator's edits
    assert started()[1][serve.ENV_SECRET] == secret  # a restart keeps the secret and the configuration
    assert json.loads((folder / "datasette.json").read_text())["plugins"] == {}
    assert "made the" not in capsys.readouterr().out


def test_a_secret_from_the_environment_is_used_and_never_written(started, tmp_path, monkeypatch):
    monkeypatch.setenv(serve.ENV_SECRET, "s" * 40)
    argv, env = started()
    assert env[serve.ENV_SECRET] == "s" * 40 and not (tmp_path / "hub" / "datasette-secret").exists()
    assert not any("s" * 40 in arg for arg in argv)


@pytest.mark.parametrize("name", ["datasette-secret", "datasette.json"])
def test_a_secret_or_configuration_others_may_read_is_refused(started, tmp_path, capsys, monkeypatch, name):
    started()
    (tmp_path / "hub" / name).chmod(0o644)
    capsys.readouterr()
    assert hub_main(["serve", "--dir", str(tmp_path / "hub")]) == 1
    err = capsys.readouterr().err
    assert f"hub/{name} may be read or changed by other accounts (mode 0644)" in err and "chmod 600" in err


def test_bad_settings_are_clear_errors(started, tmp_path, capsys):
    started()
    (tmp_path / "hub" / "datasette-secret").write_text("short\n")
    assert hub_main(["serve", "--dir", str(tmp_path / "hub")]) == 1
    assert "is too short" in capsys.readouterr().err
    assert hub_main(["serve", "--dir", str(tmp_path / "other"), "--ssl-keyfile", "k.pem"]) == 1
    assert "needs both --ssl-keyfile and --ssl-certfile" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("")
    assert hub_main(["serve", "--dir", str(tmp_path / "a-file" / "hub")]) == 1
    err = capsys.readouterr().err
    assert "cannot be made" in err and "--dir" in err and "Traceback" not in err
