"""`python -m training --help` answers without importing Keras, and `fit --help` lists the configs."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_training_help_is_light_and_lists_the_configs():
    code = ("import sys, runpy\n"
            "sys.argv = ['python -m training', 'fit', '--help']\n"
            "try:\n    runpy.run_module('training', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('keras', 'tensorflow', 'jax') if m in sys.modules)\n"
            "print('HEAVY', heavy)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout and proc.stderr == ""  # no TensorFlow start-up logs
    configs = sorted(p.stem for p in (REPO / "training" / "configs").glob("*.json"))
    help_text = " ".join(proc.stdout.split())
    assert "shipped_mnv2_160" in configs and all(name in help_text for name in configs)
