"""The type stubs (techconv/__init__.pyi) and the module agree: every name of
techconv.__all__ is declared in the stubs and nothing public is declared that
the module lacks; every public function and method has the same parameters,
in the same order, with the same defaults. The stubs are kept by hand; this
test is what keeps them true. The docstrings are written once, in the module, and
copied into the stubs by python/sync_stubs.py; the tests below check that they
describe every parameter and that the stubs carry them."""
import ast
import inspect
import os
import re
import sys

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


def documented_parameters(doc):
    """(name, default text) of each entry of a numpy-style Parameters section, and the
    description lines of each."""
    lines = doc.split("\n")
    start = lines.index("Parameters") + 2
    end = lines.index("Returns")
    entries, text = [], {}
    for line in lines[start:end]:
        m = re.match(r"^(\w+) : (required|default (.*))$", line)
        if m:
            entries.append((m.group(1), m.group(3)))
            text[m.group(1)] = ""
        elif line.strip():
            assert entries, f"text before the first parameter: {line!r}"
            text[entries[-1][0]] += line.strip() + " "
    return entries, text


def public_functions():
    return [getattr(techconv, n) for n in techconv.__all__
            if inspect.isfunction(getattr(techconv, n))]


def test_docstrings_describe_every_parameter():
    """Each public function's docstring has a Parameters section with every parameter of its
    signature, in order, its default as the signature has it, and a description; then
    Returns and Raises. A parameter added without a description fails here."""
    functions = public_functions()
    assert {f.__name__ for f in functions} == {"read", "weights", "keycore", "closeness", "network", "forecast",
                                               "quality", "evolution"}
    for fn in functions:
        doc = fn.__doc__
        entries, text = documented_parameters(doc)
        sig = inspect.signature(fn).parameters.values()
        assert [n for n, _ in entries] == [p.name for p in sig], fn.__name__
        for (name, default), p in zip(entries, sig):
            want = None if p.default is inspect.Parameter.empty else repr(p.default)
            assert default == want, f"{fn.__name__}({name}): documented default {default}, signature {want}"
            assert text[name].strip() and "UNDOCUMENTED" not in text[name], f"{fn.__name__}({name})"
        assert "\nReturns\n-------\n" in doc and "\nRaises\n------\n" in doc, fn.__name__


def test_an_undocumented_parameter_is_caught():
    """The check above is not vacuous: a function with a parameter nobody described."""
    @techconv._documented("Summary.", returns="Nothing.", known="A described parameter.")
    def f(known, unknown=3):
        return known, unknown
    entries, text = documented_parameters(f.__doc__)
    assert entries == [("known", None), ("unknown", "3")]
    assert "UNDOCUMENTED" in text["unknown"]


def test_classes_have_full_docstrings():
    """Every public class documents its attributes (the tables' columns are checked against
    real results in test_threads.py)."""
    for name in techconv.__all__:
        obj = getattr(techconv, name)
        if inspect.isclass(obj):
            assert "\nAttributes\n----------\n" in inspect.cleandoc(obj.__doc__ or ""), name


def test_stub_docstrings_are_the_module_docstrings():
    """The stubs carry the module's docstrings (python/sync_stubs.py copies them)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
    try:
        import sync_stubs
    finally:
        sys.path.pop(0)
    path = os.path.join(os.path.dirname(techconv.__file__), "__init__.pyi")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert sync_stubs.synced(text, techconv) == text, "run python/sync_stubs.py"
    tree = ast.parse(text)
    documented = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                  and ast.get_docstring(n) == inspect.cleandoc(getattr(techconv, n.name, None).__doc__ or "-")}
    assert documented >= {n for n in techconv.__all__ if callable(getattr(techconv, n))}
