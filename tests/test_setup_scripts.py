"""scripts/check-qt-libs.sh (run by scripts/run-app.sh): missing Qt system libraries are
found with ldd and installed as root with apt, or named with the one command to run.

`ldd`, `apt-get` and the venv's python are stand-ins here (a test must not change the
machine's packages); the real run on a bare Debian is described in docs/packaging.md."""

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "check-qt-libs.sh"
LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f2)
\tlibgthread-2.0.so.0 => not found
\tlibglib-2.0.so.0 => not found
\tlibxcb-icccm.so.4 => not found
"""


@pytest.fixture
def fake_bin():
    """A folder others may read (the non-root run needs it) with stand-in commands."""
    folder = Path(tempfile.mkdtemp(prefix="fake-bin-"))
    folder.chmod(0o755)

    def command(name: str, body: str) -> None:
        path = folder / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH | stat.S_IRGRP | stat.S_IROTH)

    # python prints the plugin path; ldd reports the libraries missing until apt-get "installs" them
    command("python", 'echo /venv/PySide6/Qt/plugins/platforms/libqxcb.so\n')
    command("ldd", f'[ -e "{folder}/installed" ] && exit 0\ncat <<"END"\n{LDD_MISSING}END\n')
    command("apt-get", f'echo "$@" >> "{folder}/apt-calls"\nif [ "$1" = install ]; then touch "{folder}/installed"; fi\n')
    yield folder
    shutil.rmtree(folder)


def run(fake_bin: Path, as_nobody: bool = False) -> subprocess.CompletedProcess:
    cmd = ["bash", str(SCRIPT), str(fake_bin / "python")]
    if as_nobody:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(cmd, env={"PATH": f"{fake_bin}:/usr/bin:/bin"}, cwd="/", capture_output=True, text=True)


def test_nothing_missing_is_silent(fake_bin):
    (fake_bin / "installed").touch()
    result = run(fake_bin)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.skipif(os.geteuid() != 0, reason="the install branch runs as root only")
def test_root_with_apt_installs_the_missing_packages(fake_bin):
    result = run(fake_bin)
    assert result.returncode == 0, result.stderr
    assert "libglib-2.0.so.0 libgthread-2.0.so.0 libxcb-cursor.so.0 libxcb-icccm.so.4" in result.stderr
    calls = (fake_bin / "apt-calls").read_text().splitlines()
    assert calls[0] == "update -qq"
    assert calls[1] == "install -y -qq libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"


def test_without_root_prints_the_one_command_and_fails(fake_bin):
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.fail("setpriv (util-linux) is needed to run the script as another user")
    result = run(fake_bin, as_nobody=os.geteuid() == 0)
    assert result.returncode == 1
    assert "  sudo apt-get install -y libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0\n" in result.stderr
    assert not (fake_bin / "apt-calls").exists()  # nothing was tried without root


# ---------------------------------------------------------------- scripts/venv.sh (run-app.sh, test.sh)


@pytest.fixture
def project(tmp_path):
    """A checkout stand-in whose .venv/bin/python logs each call instead of installing."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "constraints.txt").write_text("numpy==2.4.6\n")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/calls"\n')
    python.chmod(0o755)
    return tmp_path


def ensure(project: Path, extras: str) -> list[str]:
    """Run ensure_venv EXTRAS; the pip calls it made."""
    calls = project / "calls"
    calls.unlink(missing_ok=True)
    subprocess.run(["bash", "-c", f'. "{REPO}/scripts/venv.sh" && ensure_venv {extras}'], cwd=project, check=True)
    return calls.read_text().splitlines() if calls.exists() else []


def test_the_venv_is_installed_at_the_pinned_versions_once_and_again_only_when_something_changed(project):
    assert ensure(project, "app") == ["-m pip install --upgrade pip",
                                      "-m pip install -c constraints.txt -e .[app]"]
    assert ensure(project, "app") == []  # a second start of the app runs no pip
    assert len(ensure(project, "app,train")) == 2  # an extra not installed yet
    assert ensure(project, "train") == [] and ensure(project, "app") == []
    (project / "constraints.txt").write_text("numpy==2.4.7\n")  # refreshed pins
    assert ensure(project, "app")[-1] == "-m pip install -c constraints.txt -e .[app]"
    assert len(ensure(project, "train")) == 2  # installed against the old pins only
