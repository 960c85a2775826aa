#!/usr/bin/env python3
"""The include graph of include/techconv/ has layers and no back-edges.

Reads every `#include "techconv/..."` / `#include <techconv/...>` line of every header
under include/techconv/ and fails (exit 1) on:

  (a) a module cycle (the module graph, built from the include lines, has a cycle);
  (b) an include of a module that the including module may not use: a module in a higher
      layer, a sibling in the same layer without a documented allowed edge (ALLOWED_EDGES),
      or one of the FORBIDDEN edges below;
  (c) a use of another module's private parts: an include of another module's `detail/`
      header, or a name `N::detail::x` (qualified, or `detail::x` inside namespace N) whose
      declaration lives in another module's `detail` namespace.

Each violation is printed as `file:line: message`. Known violations that another change
removes are listed in KNOWN with the reason; they are reported as "known" and do not fail
the check, but a KNOWN entry that no longer occurs fails it (so the list cannot go stale).

Usage:  check_includes.py INCLUDE_DIR          check a tree (INCLUDE_DIR holds techconv/)
        check_includes.py --self-test          inject violations into a copy of a small
                                               synthetic tree and check each is caught
"""
import os
import re
import sys
import tempfile

# --- the layers, bottom to top ------------------------------------------------------------
# A module is a folder of include/techconv/; the files directly in include/techconv/ are
# "core" (version, config, error, types, fwd, and the detail/ folder), except the aggregate
# headers <module>.hpp, which belong to their module, and techconv.hpp, the aggregate of all.
LAYERS = [
    ["core"],
    ["format"],                      # generic text formats: csv, json, line reader, encoding, parse
    ["classification"],              # IPC/CPC codes, dictionaries, concordances, countries
    ["records"],                     # the patent record, families, labels, the columnar table
                                     # (which holds parsed classification::ipc_code values)
    ["weighting", "cograph", "closeness", "convergence"],   # measures, side by side
    ["io"],                          # domain readers: Lens, USPTO, generic CSV, WoS, Scopus
    ["analysis"],                    # the papers' recipes
    ["parallel", "report"],          # mergeable partial states, MPI; writing results (CSV, Markdown,
                                     # the all-or-nothing output folder), side by side
    ["testing"],                     # synthetic corpora
    ["all"],                         # techconv.hpp
]
LAYER = {m: i for i, ms in enumerate(LAYERS) for m in ms}

# Edges between modules of the same layer that the code needs, each with its reason.
# (None today: convergence used cograph only in profile.hpp, which moved to analysis/.)
ALLOWED_EDGES = {}

# Edges that the layer order would allow but the design forbids (DESIGN-SEAMS rule 3:
# the readers stand on format/, records/ and classification/ only, never on a measure).
FORBIDDEN = {("io", m): "a reader never includes a measure module"
             for m in ("weighting", "cograph", "closeness", "convergence")}

# Headers that open files: only these headers of a module may include the file readers of
# format/ (DESIGN-SEAMS rule 4: classification loads files only in loaders.hpp).
FILE_READERS = ("techconv/format/csv.hpp", "techconv/format/line_reader.hpp")
FILE_LOADERS = {"classification": ("techconv/classification/loaders.hpp",)}

# Modules that share one C++ namespace. The moves of issue 16 kept the namespace
# techconv::io for format/, records/ and io/ (techconv::io::csv_reader stays valid), and
# analysis/indicators.hpp is still in techconv::io. Code inside namespace techconv::io may
# use the io::detail helpers of format/detail/ and records/detail/ when they are in its own
# layer or below, never the other way round, and code in any other namespace may not.
NAMESPACE_FAMILIES = {"io": ("format", "records", "io")}

# Known violations, removed by another change: (file relative to include/, included module
# or "detail:<name>") -> reason. Nothing else may be listed here.
KNOWN = {}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"](techconv/[^>"]+)[>"]')


def module_of(rel):
    """Module of a header path relative to include/ (techconv/...)."""
    parts = rel.split("/")
    assert parts[0] == "techconv", rel
    if len(parts) == 2:
        stem = parts[1][:-4] if parts[1].endswith(".hpp") else parts[1]
        if stem == "techconv":
            return "all"
        return stem if stem in LAYER else "core"
    if parts[1] == "detail":
        return "core"
    return parts[1]


def is_detail_path(rel):
    return "/detail/" in rel


def family_allows(user, owner, namespaces):
    """May code of module `user`, inside one of `namespaces`, use detail parts of `owner`?"""
    if user == owner:
        return True
    return any(owner in NAMESPACE_FAMILIES.get(ns, ()) and LAYER[owner] <= LAYER[user]
               for ns in namespaces)


# --- C++ scanning: namespaces and detail declarations ------------------------------------
def strip_code(text):
    """Comments and string/char literals replaced by spaces (newlines kept, so line numbers hold)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i-1].isalnum() or text[i-1] == '_')):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c); i += 1; continue
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i-1].isalnum():   # digit separator 1'000
                out.append(" "); i += 1; continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


TOKEN_RE = re.compile(r'\bnamespace\s+([A-Za-z_][\w:]*)\s*\{|\{|\}|(?<![\w:])((?:[A-Za-z_]\w*::)*detail)::(\w+)')
DECL_RE = re.compile(r'\b(?:struct|class|union|enum(?:\s+class)?)\s+(\w+)|\busing\s+(\w+)\s*=|(\w+)\s*(?:<[^;{}()]*>)?\s*\(|(\w+)\s*(?:\[[^\]]*\])?\s*(?:=|;|\{)')


def scan(text):
    """Yields ('ns_open', ns_path, pos) ... and returns (detail declarations, detail uses).

    declarations: set of (namespace, name) declared at namespace scope inside a
    `namespace ... detail` block (namespace is e.g. 'weighting' for techconv::weighting::detail).
    uses: list of (pos, namespace, name, enclosing) for every `X::detail::name` or
    `detail::name`; enclosing is the namespace the use sits in ('io' for techconv::io).
    opened: the namespaces the file opens ('io', 'weighting', ...).
    """
    code = strip_code(text)
    stack = []      # entries: list of namespace components, or None for a non-namespace brace
    decls = set()
    uses = []
    last = 0
    detail_chunks = []   # (namespace, start, end) of namespace-scope text inside detail blocks

    def current_ns():
        comps = []
        for e in stack:
            if e is not None:
                comps.extend(e)
        return comps

    def inner_ns(comps):
        # techconv::weighting::detail -> 'weighting'; techconv::detail -> 'techconv'
        if comps and comps[0] == "techconv":
            comps = comps[1:]
        if not comps:
            return "techconv"
        return comps[0]

    chunk_start = None
    opened = set()
    for m in TOKEN_RE.finditer(code):
        tok = m.group(0)
        if m.group(1) is not None:
            comps = m.group(1).split("::")
            if chunk_start is not None:
                detail_chunks.append((chunk_ns, chunk_start, m.start()))
                chunk_start = None
            stack.append(comps)
            ns = current_ns()
            opened.add(inner_ns([c for c in ns if c != "detail"]))
            if ns and ns[-1] == "detail" and all(e is not None for e in stack):
                chunk_ns = inner_ns(ns[:-1])
                chunk_start = m.end()
        elif tok == "{":
            if chunk_start is not None:
                detail_chunks.append((chunk_ns, chunk_start, m.start() + 1))
                chunk_start = None
            stack.append(None)
        elif tok == "}":
            if chunk_start is not None:
                detail_chunks.append((chunk_ns, chunk_start, m.start()))
                chunk_start = None
            if stack:
                stack.pop()
            ns = current_ns()
            if stack and all(e is not None for e in stack) and ns and ns[-1] == "detail":
                chunk_ns = inner_ns(ns[:-1])
                chunk_start = m.end()
        else:
            qual = m.group(2).split("::")[:-1]
            name = m.group(3)
            if qual:
                ns = inner_ns(qual)
            else:
                ns = inner_ns([c for c in current_ns() if c != "detail"])
            enclosing = inner_ns([c for c in current_ns() if c != "detail"])
            uses.append((m.start(), ns, name, enclosing))
    for ns, a, b in detail_chunks:
        for d in DECL_RE.finditer(code[a:b]):
            name = next(g for g in d.groups() if g)
            if name not in ("return", "if", "for", "while", "switch", "sizeof", "decltype",
                            "static_assert", "alignas", "noexcept", "operator"):
                decls.add((ns, name))
    return decls, uses, opened


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


# --- the check -------------------------------------------------------------------------------
def check(include_dir, out=sys.stdout):
    root = os.path.join(include_dir, "techconv")
    files = {}
    for d, _, names in os.walk(root):
        for nm in names:
            if nm.endswith(".hpp"):
                p = os.path.join(d, nm)
                rel = os.path.relpath(p, include_dir).replace(os.sep, "/")
                with open(p, encoding="utf-8") as f:
                    files[rel] = f.read()
    errors = []
    known_seen = set()

    def report(rel, line, key, msg):
        k = (rel, key)
        if k in KNOWN:
            known_seen.add(k)
            print(f"{rel}:{line}: known: {msg} ({KNOWN[k]})", file=out)
        else:
            errors.append(f"include/{rel}:{line}: {msg}")

    for rel in sorted(files):
        if module_of(rel) not in LAYER:
            errors.append(f"include/{rel}:1: module '{module_of(rel)}' has no layer in check_includes.py")

    scans = {}

    def scan_of(rel):
        if rel not in scans:
            scans[rel] = scan(files[rel])
        return scans[rel]

    # include lines -> module edges
    edges = {}   # (a, b) -> [(rel, line)]
    for rel, text in sorted(files.items()):
        a = module_of(rel)
        for ln, line in enumerate(text.splitlines(), 1):
            m = INCLUDE_RE.match(line)
            if not m:
                continue
            target = m.group(1)
            if target not in files:
                errors.append(f"include/{rel}:{ln}: includes {target}, which does not exist")
                continue
            b = module_of(target)
            if a not in LAYER or b not in LAYER:
                continue
            if a != b:
                edges.setdefault((a, b), []).append((rel, ln))
            # (b) upward, sideways or forbidden
            if a != b and a != "all":
                if LAYER[b] > LAYER[a]:
                    report(rel, ln, b, f"upward include: {a} (layer {LAYER[a]}) includes {target} "
                                       f"({b}, layer {LAYER[b]})")
                elif LAYER[b] == LAYER[a] and (a, b) not in ALLOWED_EDGES:
                    report(rel, ln, b, f"sideways include: {a} includes {target} ({b}, same layer) "
                                       f"without an allowed edge")
                elif (a, b) in FORBIDDEN:
                    report(rel, ln, b, f"forbidden include: {a} includes {target} ({FORBIDDEN[(a, b)]})")
            # only a module's loader headers read files
            if a in FILE_LOADERS and target in FILE_READERS and rel not in FILE_LOADERS[a]:
                report(rel, ln, "file:" + target, f"{a} reads files outside {', '.join(FILE_LOADERS[a])}: "
                                                  f"includes {target}")
            # (c) another module's detail header
            if is_detail_path(target) and b != "core" and not family_allows(a, b, scan_of(rel)[2]):
                report(rel, ln, "detail:" + target, f"{a} includes {target}, a detail header of {b}")

    # (a) module cycles: strongly connected components of more than one module
    graph = {}
    for (a, b) in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index, low, on, st, comps = {}, {}, set(), [], []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        st.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = st.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            comps.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    for comp in comps:
        if len(comp) < 2:
            continue
        inside = sorted((a, b) for (a, b) in edges if a in comp and b in comp)
        msg = "module cycle " + " <-> ".join(comp) + ":"
        where = []
        for a, b in inside:
            for rel, ln in edges[(a, b)]:
                where.append(f"include/{rel}:{ln}: {a} -> {b}")
        # A cycle made only of KNOWN edges is still a cycle: it is never excused.
        errors.append(msg + "\n  " + "\n  ".join(where))

    # (c) names from another module's detail namespace
    decl_modules = {}   # (ns, name) -> set of modules declaring it
    for rel in files:
        decls = scan_of(rel)[0]
        for key in decls:
            decl_modules.setdefault(key, set()).add(module_of(rel))
    for rel in sorted(files):
        user = module_of(rel)
        for pos, ns, name, enclosing in scan_of(rel)[1]:
            if ns == "techconv":      # techconv::detail: the core's helpers, for everyone
                continue
            owners = decl_modules.get((ns, name))
            if not owners:
                # not declared in any header's detail namespace that we can see: Eigen::internal,
                # boost, or a name declared in a way the scanner does not parse; judge by namespace
                owners = {ns} if ns in LAYER else set()
                if not owners:
                    continue
            if any(family_allows(user, o, {enclosing}) for o in owners):
                continue
            report(rel, line_of(files[rel], pos), "detail:" + ns + "::" + name,
                   f"{user} uses {ns}::detail::{name}, declared in the detail namespace of "
                   f"{', '.join(sorted(owners))}")

    for k in sorted(set(KNOWN) - known_seen):
        errors.append(f"check_includes.py: KNOWN entry {k} no longer occurs: remove it from the list")

    for e in errors:
        print(e, file=out)
    n_edges = len(edges)
    print(f"check_includes: {len(files)} headers, {n_edges} module edges, "
          f"{len(known_seen)} known, {len(errors)} violations", file=out)
    return 0 if not errors else 1


# --- self-test --------------------------------------------------------------------------
def self_test():
    """A small clean tree passes; each injected violation is caught with its file:line."""
    import io as _io
    clean = {
        "techconv/config.hpp": "#pragma once\nnamespace techconv { namespace detail { inline void require(bool) {} } }\n",
        "techconv/format/csv.hpp": '#include "techconv/config.hpp"\nnamespace techconv::io {\nnamespace detail { struct byte_source {}; }\n}\n',
        "techconv/records/patent.hpp": '#include "techconv/format/csv.hpp"\nnamespace techconv::io { struct patent_record {}; }\n',
        "techconv/io/lens.hpp": '#include "techconv/records/patent.hpp"\nnamespace techconv::io { inline void f() { detail::byte_source s; (void)s; } }\n',
        "techconv/weighting/entropy.hpp": '#include "techconv/format/csv.hpp"\nnamespace techconv::weighting {\nnamespace detail {\ninline int kernel(int x) { return x; }\n}\n}\n',
        "techconv/io/bibliographic.hpp": '#include "techconv/records/patent.hpp"\n',
        "techconv/closeness/records.hpp": '#include "techconv/config.hpp"\n',
        "techconv/classification/country.hpp": '#include "techconv/config.hpp"\n#include "techconv/classification/ipc.hpp"\n',
        "techconv/classification/ipc.hpp": '#include "techconv/config.hpp"\n',
        "techconv/classification/loaders.hpp": '#include "techconv/format/csv.hpp"\n',
        "techconv/parallel/weighting.hpp": '#include "techconv/weighting/entropy.hpp"\nnamespace techconv::parallel { inline int g() { return 1; } }\n',
    }
    cases = [
        # (name, file to edit, text appended, expected substring of the report)
        ("upward include", "techconv/format/csv.hpp", '#include "techconv/records/patent.hpp"\n',
         "include/techconv/format/csv.hpp:5: upward include: format"),
        ("module cycle", "techconv/format/csv.hpp", '#include "techconv/records/patent.hpp"\n',
         "module cycle format <-> records"),
        ("sideways include", "techconv/weighting/entropy.hpp", '#include "techconv/closeness/records.hpp"\n',
         "include/techconv/weighting/entropy.hpp:7: sideways include: weighting"),
        ("reader includes a measure", "techconv/io/lens.hpp", '#include "techconv/weighting/entropy.hpp"\n',
         "include/techconv/io/lens.hpp:3: forbidden include: io"),
        ("another module's detail name", "techconv/parallel/weighting.hpp",
         "namespace techconv::parallel { inline int h() { return weighting::detail::kernel(1); } }\n",
         "include/techconv/parallel/weighting.hpp:3: parallel uses weighting::detail::kernel"),
        ("another module's detail header", "techconv/parallel/weighting.hpp",
         '#include "techconv/weighting/detail/view.hpp"\n',
         "include/techconv/parallel/weighting.hpp:3: parallel includes techconv/weighting/detail/view.hpp"),
        ("a lower module uses an upper one's detail", "techconv/format/csv.hpp",
         "namespace techconv::io { namespace detail { inline int z() { return 0; } } }\n"
         "namespace techconv::io { inline int y() { return detail::lens_only(); } }\n",
         "include/techconv/format/csv.hpp:6: format uses io::detail::lens_only"),
        ("classification reads a file outside loaders.hpp", "techconv/classification/country.hpp",
         '#include "techconv/format/csv.hpp"\n',
         "include/techconv/classification/country.hpp:3: classification reads files outside"),
        ("a module without a layer", "techconv/newmod/x.hpp", "\n", "module 'newmod' has no layer"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        def write(tree):
            for rel, text in tree.items():
                p = os.path.join(tmp, rel)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "w", encoding="utf-8") as f:
                    f.write(text)

        def run():
            buf = _io.StringIO()
            rc = check(tmp, buf)
            return rc, buf.getvalue()

        write(clean)
        os.makedirs(os.path.join(tmp, "techconv/weighting/detail"), exist_ok=True)
        with open(os.path.join(tmp, "techconv/weighting/detail/view.hpp"), "w") as f:
            f.write("namespace techconv::weighting::detail { struct view {}; }\n")
        with open(os.path.join(tmp, "techconv/io/lens_detail_user.hpp"), "w") as f:
            f.write("namespace techconv::io { namespace detail { inline int lens_only() { return 0; } } }\n")
        rc, text = run()
        if rc != 0 or "0 known" not in text:
            print("self-test FAILED: the clean tree is not clean:\n" + text)
            failures += 1
        for name, rel, extra, expected in cases:
            p = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            before = open(p, encoding="utf-8").read() if os.path.exists(p) else None
            with open(p, "w", encoding="utf-8") as f:
                f.write((before or "") + extra)
            rc, text = run()
            if rc == 0 or expected not in text:
                print(f"self-test FAILED: {name}: expected a failure with '{expected}', got rc={rc}:\n{text}")
                failures += 1
            else:
                print(f"self-test ok: {name} caught")
            if before is None:
                os.remove(p)
                os.rmdir(os.path.dirname(p))
            else:
                with open(p, "w", encoding="utf-8") as f:
                    f.write(before)
        # a KNOWN entry excuses its violation, and the list cannot go stale
        key = ("techconv/io/bibliographic.hpp", "closeness")
        KNOWN[key] = "self-test: a staged change removes it"
        try:
            bib = os.path.join(tmp, "techconv/io/bibliographic.hpp")
            with open(bib, "w", encoding="utf-8") as f:
                f.write('#include "techconv/closeness/records.hpp"\n')
            rc, text = run()
            if rc != 0 or "1 known" not in text:
                print("self-test FAILED: a KNOWN violation is not excused:\n" + text)
                failures += 1
            else:
                print("self-test ok: known entry excused")
            with open(bib, "w", encoding="utf-8") as f:
                f.write('#include "techconv/records/patent.hpp"\n')
            rc, text = run()
            if rc == 0 or "no longer occurs" not in text:
                print("self-test FAILED: a stale KNOWN entry is not reported:\n" + text)
                failures += 1
            else:
                print("self-test ok: stale known entry caught")
        finally:
            del KNOWN[key]
    print("self-test: " + ("PASS" if failures == 0 else f"{failures} FAILED"))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        sys.exit(self_test())
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(check(sys.argv[1]))
