"""The type stubs (techconv/__init__.pyi) and the module agree: every name of
techconv.__all__ is declared in the stubs and nothing public is declared that
the module lacks; every public function and method has the same parameters,
in the same order, with the same defaults. The stubs are kept by hand; this
test is what keeps them true."""
import ast
import inspect
import os

import techconv


def stub_tree():
    path = os.path.join(os.path.dirname(techconv.__file__), "__init__.pyi")
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read())


def stub_params(fn):
    """(name, default or inspect._empty as text) of a stubbed function, self dropped."""
    a = fn.args
    names = [x.arg for x in a.args]
    defaults = [None] * (len(names) - len(a.defaults)) + [ast.literal_eval(d) for d in a.defaults]
    out = [(n, d) for n, d in zip(names, defaults) if n != "self"]
    return out


def module_params(obj):
    sig = inspect.signature(obj)
    return [(p.name, None if p.default is inspect.Parameter.empty else p.default)
            for p in sig.parameters.values() if p.name != "self"]


def public(name):
    """Public: no leading underscore, or a module dunder such as __version__."""
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__") and name != "__init__")


def test_stub_names_are_the_module_names():
    tree = stub_tree()
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    declared = {n for n in declared if public(n) and n != "PathLike"}
    assert declared == set(techconv.__all__)


def test_stub_signatures_are_the_module_signatures():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef) and public(node.name):
            assert stub_params(node) == module_params(getattr(techconv, node.name)), node.name
        elif isinstance(node, ast.ClassDef) and public(node.name) and node.name != "ParseError":
            cls = getattr(techconv, node.name)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and public(item.name) and not item.decorator_list:
                    got = getattr(cls, item.name)
                    assert stub_params(item) == module_params(got), f"{node.name}.{item.name}"
