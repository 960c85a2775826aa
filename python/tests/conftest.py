"""Shared fixtures of the techconv Python tests.

CTest (python/CMakeLists.txt) sets TECHCONV_COMMAND (the built `techconv`
command, whose output files are the reference), TECHCONV_DATA_DIR (the shared
datasets) and TECHCONV_TEST_OUT (a scratch folder). Run by hand, the tests
that need a missing one are skipped with the reason.
"""
import csv
import os
import subprocess

import pytest


def _required_path(name, what):
    """The existing path in environment variable `name`, or a skip naming it."""
    value = os.environ.get(name, "")
    if not value or not os.path.exists(value):
        pytest.skip(f"{name} ({what}) is not set")
    return value


@pytest.fixture(scope="session")
def command():
    return _required_path("TECHCONV_COMMAND", "the built techconv command")


@pytest.fixture(scope="session")
def data_dir():
    return _required_path("TECHCONV_DATA_DIR", "the shared datasets")


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory):
    base = os.environ.get("TECHCONV_TEST_OUT")
    if base:
        os.makedirs(base, exist_ok=True)
        return base
    return str(tmp_path_factory.mktemp("techconv"))


@pytest.fixture(scope="session")
def run_command(command, out_dir):
    """run_command(subcommand, inputs, name, *options) -> the output folder."""
    def run(sub, inputs, name, *options):
        folder = os.path.join(out_dir, name)
        subprocess.run([command, sub, "--force", "--quiet", *inputs, "--out", folder, *options],
                       check=True, stdout=subprocess.DEVNULL)
        return folder
    return run


def read_csv(path):
    """A CSV file of the command as (header, list of rows)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]
