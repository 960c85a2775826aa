"""The package installs from the source tree without network access: a
virtual environment over the system's site packages (numpy, pybind11 and
setuptools from Debian), `pip install --no-build-isolation --no-index`, then
the installed package gives the same weights as the build tree's.

Run as its own CTest test (python/pip_install): it compiles the extension
once more (a few minutes). The tree is copied first, so the in-tree build
leaves nothing in the source folder."""
import json
import os
import shutil
import subprocess
import venv

import numpy as np

import techconv

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))


def test_pip_install_offline_into_a_venv(tmp_path):
    tree = tmp_path / "src"
    shutil.copytree(os.path.join(SOURCE, "include"), tree / "include")
    shutil.copytree(os.path.join(SOURCE, "python"), tree / "python",
                    ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = str(env_dir / "bin" / "python")
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)  # the build tree's package must not shadow the installed one
    # no debug information: the test checks the install, and -g0 compiles the extension a quarter
    # faster (measured: 74 s against 102 s for techconv_py.cpp with g++ 12 at -O2)
    env["CFLAGS"] = (env.get("CFLAGS", "") + " -g0").strip()
    # the venv has no pip of its own (with_pip needs ensurepip's wheels): the system pip runs for it
    subprocess.run([py, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--quiet",
                    str(tree / "python")], check=True, env=env, cwd=tmp_path)
    probe = ("import json, sys, numpy as np, techconv; "
             "x = np.arange(1.0, 31.0).reshape(10, 3) ** np.array([1.0, 2.0, 0.5]); "
             "r = techconv.weights(x); "
             "print(json.dumps({'file': techconv.__file__, 'weights': r.weights.tolist(), "
             "'version': techconv.__version__}))")
    out = subprocess.run([py, "-c", probe], check=True, env=env, cwd=tmp_path, capture_output=True, text=True)
    got = json.loads(out.stdout)
    assert got["file"].startswith(str(env_dir)), got["file"]
    assert got["version"] == techconv.__version__
    x = np.arange(1.0, 31.0).reshape(10, 3) ** np.array([1.0, 2.0, 0.5])
    np.testing.assert_array_equal(got["weights"], techconv.weights(x).weights)
