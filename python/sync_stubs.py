#!/usr/bin/env python3
"""Copies the docstrings of the techconv package into its type stubs.

The docstrings are written once, in techconv/__init__.py (the functions' from one
description of their parameters, see _documented there; ParseError's in
src/techconv_py.cpp). The stubs (techconv/__init__.pyi) carry the same text so that
editors show it. Run after changing a docstring, with the built package importable:

    PYTHONPATH=<build>/python python3 python/sync_stubs.py        # rewrites the stubs
    PYTHONPATH=<build>/python python3 python/sync_stubs.py --check  # exit 1 if they differ

tests/test_stubs.py makes the same comparison, so stubs that were not synced fail the tests.
"""
import ast
import inspect
import os
import sys


def stub_path():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "techconv", "__init__.pyi")


def module_doc(module, name):
    """The cleaned docstring of module.name, or None when it has none."""
    doc = getattr(getattr(module, name, None), "__doc__", None)
    return inspect.cleandoc(doc) if doc else None


def docstring_lines(doc, indent):
    if '"""' in doc or "\\" in doc:
        raise ValueError("a docstring with triple quotes or backslashes cannot be copied as is")
    body = [indent + line if line else "" for line in doc.split("\n")]
    return [indent + '"""' + body[0][len(indent):]] + body[1:] + [indent + '"""']


def synced(text, module):
    """The stub text with the docstring of every top-level function and class that the
    module documents replaced by the module's."""
    lines = text.split("\n")
    edits = []
    for node in ast.parse(text).body:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            continue
        doc = module_doc(module, node.name)
        if doc is None or node.name not in module.__all__:
            continue
        first = node.body[0]
        if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)):
            raise ValueError(f"{node.name}: the stub has no docstring to replace")
        edits.append((first.lineno - 1, first.end_lineno, docstring_lines(doc, " " * (node.col_offset + 4))))
    for begin, end, new in sorted(edits, reverse=True):
        lines[begin:end] = new
    return "\n".join(lines)


def main(argv):
    # the built package (PYTHONPATH), not the source folder beside this script, which lacks _core
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    import techconv
    path = stub_path()
    with open(path, encoding="utf-8") as f:
        old = f.read()
    new = synced(old, techconv)
    if "--check" in argv:
        if new != old:
            print(f"{path}: docstrings differ from the module's; run python/sync_stubs.py", file=sys.stderr)
            return 1
        return 0
    if new != old:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
