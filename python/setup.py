"""The compiled part of the techconv package (techconv._core), built with
pybind11's setup helpers; everything else is in pyproject.toml. The headers
come from the source tree (../include) and Debian's Eigen and Boost; the
version from include/techconv/version.hpp, as CMake reads it."""
import os
import re

from pybind11.setup_helpers import Pybind11Extension
from setuptools import setup

here = os.path.dirname(os.path.abspath(__file__))
include = os.path.normpath(os.path.join(here, "..", "include"))
if not os.path.isdir(os.path.join(include, "techconv")):
    raise SystemExit(f"techconv: the library headers are not at {include}; build from the source tree")

with open(os.path.join(include, "techconv", "version.hpp"), encoding="utf-8") as f:
    parts = dict(re.findall(r"#define TECHCONV_VERSION_(MAJOR|MINOR|PATCH) ([0-9]+)", f.read()))
version = "{MAJOR}.{MINOR}.{PATCH}".format(**parts)

eigen = next((d for d in ("/usr/include/eigen3", "/usr/local/include/eigen3")
              if os.path.isdir(os.path.join(d, "Eigen"))), None)
if eigen is None:
    raise SystemExit("techconv: Eigen 3.4 headers not found (Debian: apt install libeigen3-dev)")

ext = Pybind11Extension(
    "techconv._core",
    [os.path.join("src", "techconv_py.cpp")],
    include_dirs=[include, eigen],
    cxx_std=17,
    extra_compile_args=["-O2"],
    extra_link_args=["-pthread"],
)

setup(version=version, ext_modules=[ext])
