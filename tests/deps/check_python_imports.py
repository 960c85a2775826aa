#!/usr/bin/env python3
"""Fails when a Python script of the project imports a module that
scripts/install-deps does not install.

Every .py file under the scanned folders is parsed (never run). The modules it
imports are collected: `import x`, `from x import y`, `importlib.import_module("x")`,
`__import__("x")`, and the modules that a library loads behind an attribute
(NetworkX's `nx_pydot` loads pydot). Imports inside `try: ... except ImportError`
are optional and skipped. Standard-library modules and the project's own
modules (a .py file or package in a scanned folder) need nothing.

Each remaining module must be importable by this interpreter from a file that
a Debian package owns (`dpkg-query -S`), and that package must be in the list
`scripts/install-deps --list PROFILE` prints for the folder's profile:
tests/ -> --test (what scripts/test installs), bench/ -> --bench (scripts/bench).

  check_python_imports.py SOURCE_DIR          check the project
  check_python_imports.py --self-test         check that the check catches misses
"""
import ast
import importlib.util
import os
import subprocess
import sys
import tempfile

# Folder (relative to the source tree) -> install-deps profile of the script that runs it.
PROFILES = {"tests": ["--test"], "bench": ["--bench"], "python": ["--test"]}

# Modules a library imports behind an attribute the script uses.
INDIRECT = {"nx_pydot": "pydot", "pydot_layout": "pydot", "nx_agraph": "pygraphviz",
            "graphviz_layout": "pygraphviz"}

# Debian package to suggest for a module that is not installed at all.
HINTS = {"pydot": "python3-pydot", "pandas": "python3-pandas", "pygraphviz": "python3-pygraphviz",
         "sklearn": "python3-sklearn", "matplotlib": "python3-matplotlib", "pytest": "python3-pytest",
         "yaml": "python3-yaml"}


def optional_import(node, parents):
    """True when `node` sits in the body of a try whose handlers catch ImportError."""
    p = parents.get(node)
    while p is not None:
        if isinstance(p, ast.Try):
            for h in p.handlers:
                names = []
                if h.type is None:
                    names = ["ImportError"]
                elif isinstance(h.type, ast.Tuple):
                    names = [getattr(e, "id", "") for e in h.type.elts]
                else:
                    names = [getattr(h.type, "id", "")]
                if "ImportError" in names or "ModuleNotFoundError" in names or "Exception" in names:
                    return True
        p = parents.get(p)
    return False


def imported_modules(path):
    """(module, line) pairs of the third-party candidates one script imports."""
    with open(path, "rb") as f:
        tree = ast.parse(f.read(), filename=path)
    parents = {}
    for n in ast.walk(tree):
        for c in ast.iter_child_nodes(n):
            parents[c] = n
    out = []
    for n in ast.walk(tree):
        mods = []
        if isinstance(n, ast.Import):
            mods = [a.name.split(".")[0] for a in n.names]
        elif isinstance(n, ast.ImportFrom) and n.level == 0 and n.module:
            mods = [n.module.split(".")[0]]
        elif isinstance(n, ast.Call):
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("import_module", "__import__") and n.args and isinstance(n.args[0], ast.Constant) \
                    and isinstance(n.args[0].value, str):
                mods = [n.args[0].value.split(".")[0]]
        elif isinstance(n, ast.Attribute) and n.attr in INDIRECT:
            mods = [INDIRECT[n.attr]]
        if mods and not optional_import(n, parents):
            out.extend((m, n.lineno) for m in mods)
    return out


def owning_package(module):
    """The Debian package that owns the module's file, None when no package
    does, or "" when the module is not importable."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        return ""
    origin = spec.origin if spec.origin not in (None, "built-in", "frozen") else None
    if origin is None and spec.submodule_search_locations:
        origin = list(spec.submodule_search_locations)[0]
    if origin is None:
        return None
    for candidate in (origin, os.path.realpath(origin)):
        r = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if r.returncode == 0 and r.stdout:
            return r.stdout.split(":")[0].split(",")[0].strip()
    return None


def install_list(install_deps, profile):
    r = subprocess.run([install_deps, "--list"] + profile, capture_output=True, text=True, check=True)
    return set(r.stdout.split())


def check(source_dir, install_deps, folders):
    """Returns the list of problems (empty: every import is installed by install-deps)."""
    problems = []
    local = set()
    scripts = []
    for folder in folders:
        root = os.path.join(source_dir, folder)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for d in dirnames:
                if os.path.exists(os.path.join(dirpath, d, "__init__.py")):
                    local.add(d)
            for fn in sorted(filenames):
                if fn.endswith(".py"):
                    local.add(fn[:-3])
                    scripts.append((folder, os.path.join(dirpath, fn)))
    stdlib = set(sys.stdlib_module_names)
    lists = {}
    owners = {}
    for folder, path in scripts:
        profile = PROFILES.get(folder, ["--test"])
        key = " ".join(profile)
        if key not in lists:
            lists[key] = install_list(install_deps, profile)
        rel = os.path.relpath(path, source_dir)
        for module, line in imported_modules(path):
            if module in stdlib or module in local or module == "__future__":
                continue
            if module not in owners:
                owners[module] = owning_package(module)
            pkg = owners[module]
            where = f"{rel}:{line}: imports {module}"
            if pkg == "":
                # Not installed here (a profile this run did not install, such as
                # --bench): fine when the profile lists the package that provides it.
                hint = HINTS.get(module, "python3-" + module.lower())
                if hint in lists[key]:
                    continue
                problems.append(f"{where}, which is not installed and scripts/install-deps --list {key} "
                                f"does not list {hint}")
            elif pkg is None:
                problems.append(f"{where}, whose files no Debian package owns (installed by hand?)")
            elif pkg not in lists[key]:
                problems.append(f"{where} from Debian package {pkg}, which "
                                f"scripts/install-deps --list {key} does not list")
    return problems, len(scripts)


def self_test():
    """The check must catch a module that is not installed, one that is
    installed but not listed, and one loaded behind an attribute."""
    failures = []
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "tests"))
        fake = os.path.join(d, "install-deps")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\necho python3\necho python3-numpy\n")
        os.chmod(fake, 0o755)

        def run(body):
            with open(os.path.join(d, "tests", "t.py"), "w") as f:
                f.write(body)
            return check(d, fake, ["tests"])[0]

        if run("import numpy\nimport os\n"):
            failures.append("numpy (listed) and os (standard library) were reported")
        if not run("import techconv_no_such_module_xyz\n"):
            failures.append("a module that is not installed was not reported")
        if run("try:\n    import techconv_no_such_module_xyz\nexcept ImportError:\n    pass\n"):
            failures.append("an optional import was reported")
        if owning_package("scipy"):
            if not run("import scipy\n"):
                failures.append("scipy (installed, not in the fake list) was not reported")
            if not run("import networkx as nx\nnx.nx_pydot.read_dot('x')\n"):
                failures.append("the pydot behind nx.nx_pydot was not reported")
    for f in failures:
        print("self-test:", f)
    print("self-test:", "ok" if not failures else "FAILED")
    return 1 if failures else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    source_dir = sys.argv[1]
    problems, n = check(source_dir, os.path.join(source_dir, "scripts", "install-deps"),
                        [f for f in PROFILES if os.path.isdir(os.path.join(source_dir, f))])
    for p in problems:
        print(p)
    print(f"{n} Python scripts checked, {len(problems)} imports not installed by scripts/install-deps")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
