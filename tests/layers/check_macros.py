#!/usr/bin/env python3
"""No feature macro of techconv leaks out of a public header.

For every public header under include/techconv/ (not in a detail/ folder), preprocesses a
translation unit that includes only that header, with `-dM -E` (one preprocessor run per
header, nothing compiled), and fails (exit 1) if a macro named `TECHCONV_*` is still defined
afterwards that is neither

  - an include guard of a techconv header (`techconv/a/b.hpp` -> `TECHCONV_A_B_HPP_`), nor
  - one of the library-wide macros of config.hpp and version.hpp listed in ALLOWED (the
    documented configuration and version macros, and the helpers those macros expand to).

An internal macro must be #undef'd at the end of the header that defines it, or be replaced
by a constexpr value (the SIMD choices live in techconv/detail/simd.hpp as constexpr values).
Headers that need an optional dependency (a `// techconv-requires:` line) are skipped and
listed. Each leak is printed as `header: MACRO (defined at file:line)`.

The CTest test passes `--flag=-mavx2 --flag=-mfma` on x86-64 (only the preprocessor runs, so
the processor need not have them): macros that exist only for an instruction set show up.

Usage:  check_macros.py --cxx COMPILER --include DIR [-I DIR]... [--flag=F]... [--jobs N]
        check_macros.py --cxx COMPILER --self-test
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

# The TECHCONV_* macros a user sees after including any public header, each with its reason.
ALLOWED = {
    # config.hpp: the configuration a user may override (documented in its header comment)
    "TECHCONV_THROW": "config.hpp: user-overridable throw hook",
    "TECHCONV_ASSERT": "config.hpp: user-overridable cheap assertion",
    "TECHCONV_AUDIT": "config.hpp: expensive checks (TECHCONV_ENABLE_AUDITS)",
    "TECHCONV_ASSERTION_HANDLER": "config.hpp: user-overridable assertion handler",
    # config.hpp: expanded inside every later header, so they cannot be #undef'd
    "TECHCONV_NAMESPACE_BEGIN": "config.hpp: opens the versioned namespace in every header",
    "TECHCONV_NAMESPACE_END": "config.hpp: closes it",
    "TECHCONV_HAS_EXCEPTIONS": "config.hpp: selects the default TECHCONV_THROW",
    "TECHCONV_PRAGMA_OMP": "config.hpp: guarded OpenMP pragmas (TECHCONV_USE_OPENMP)",
    "TECHCONV_LIKELY": "config.hpp: branch hints used by the readers",
    "TECHCONV_UNLIKELY": "config.hpp: branch hints used by the readers",
    # version.hpp: the documented version macros and the stringizing helpers they expand to
    "TECHCONV_VERSION_MAJOR": "version.hpp",
    "TECHCONV_VERSION_MINOR": "version.hpp",
    "TECHCONV_VERSION_PATCH": "version.hpp",
    "TECHCONV_VERSION": "version.hpp",
    "TECHCONV_VERSION_STRING": "version.hpp",
    "TECHCONV_DETAIL_STR": "version.hpp: used by TECHCONV_VERSION_STRING and TECHCONV_PRAGMA_OMP",
    "TECHCONV_DETAIL_STR2": "version.hpp: used by TECHCONV_DETAIL_STR",
}

DEFINE_RE = re.compile(r"^#define\s+(TECHCONV_\w+)")


def guard_of(rel):
    """techconv/weighting/detail/xlogx.hpp -> TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_"""
    stem = rel[len("techconv/"):] if rel.startswith("techconv/") else rel
    return "TECHCONV_" + re.sub(r"[^A-Za-z0-9]", "_", stem).upper() + "_"


def headers(include_dir):
    """(all header paths relative to include_dir, the public ones, the skipped ones)."""
    every, public, skipped = [], [], []
    root = os.path.join(include_dir, "techconv")
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".hpp"):
                continue
            rel = os.path.relpath(os.path.join(d, f), include_dir).replace(os.sep, "/")
            every.append(rel)
            if "/detail/" in rel:
                continue
            with open(os.path.join(include_dir, rel), encoding="utf-8") as fh:
                text = fh.read()
            (skipped if re.search(r"^// techconv-requires:", text, re.M) else public).append(rel)
    return sorted(every), sorted(public), sorted(skipped)


def where_defined(include_dir, every, name):
    """file:line of the first #define of name in the tree (for the message)."""
    pat = re.compile(r"^\s*#\s*define\s+" + re.escape(name) + r"\b")
    for rel in every:
        with open(os.path.join(include_dir, rel), encoding="utf-8") as fh:
            for ln, line in enumerate(fh, 1):
                if pat.match(line):
                    return f"{rel}:{ln}"
    return "?"


def macros_after(cxx, flags, rel):
    """The TECHCONV_* macros defined after including rel alone (one -dM -E run)."""
    cmd = [cxx, "-std=c++17", "-x", "c++", "-dM", "-E", *flags, "-"]
    r = subprocess.run(cmd, input=f'#include "{rel}"\n', capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{rel}: the preprocessor failed:\n{r.stderr.strip()}")
    return {m.group(1) for m in map(DEFINE_RE.match, r.stdout.splitlines()) if m}


def check(cxx, include_dir, extra_dirs, jobs, out=sys.stdout, extra_flags=()):
    """Returns the number of leaks (prints them)."""
    every, public, skipped = headers(include_dir)
    guards = {guard_of(rel) for rel in every}
    flags = ["-I" + include_dir] + ["-isystem" + d for d in extra_dirs] + list(extra_flags)
    leaks = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = pool.map(lambda rel: (rel, macros_after(cxx, flags, rel)), public)
        for rel, names in results:
            for name in sorted(names - guards - ALLOWED.keys()):
                print(f"{rel}: {name} leaks (defined at {where_defined(include_dir, every, name)}): "
                      "#undef it at the end of the header that defines it, or make it constexpr",
                      file=out)
                leaks += 1
    for rel in skipped:
        print(f"skipped (needs an optional dependency): {rel}", file=out)
    print(f"{len(public)} public headers checked ({' '.join(extra_flags) or 'default flags'}), "
          f"{leaks} leaking macro(s)", file=out)
    return leaks


# --- self-test ----------------------------------------------------------------------------
def self_test(cxx):
    """A synthetic tree: a clean header passes; leaks, direct or through a detail header,
    are each reported; an #undef'd internal macro and a detail header are not."""
    files = {
        "techconv/config.hpp": "#ifndef TECHCONV_CONFIG_HPP_\n#define TECHCONV_CONFIG_HPP_\n"
                               "#define TECHCONV_NAMESPACE_BEGIN namespace techconv {\n#endif\n",
        "techconv/clean.hpp": "#ifndef TECHCONV_CLEAN_HPP_\n#define TECHCONV_CLEAN_HPP_\n"
                              '#include "techconv/config.hpp"\n#define TECHCONV_CLEAN_FAST 1\n'
                              "inline int f() { return TECHCONV_CLEAN_FAST; }\n"
                              "#undef TECHCONV_CLEAN_FAST\n#endif\n",
        "techconv/leaky.hpp": "#ifndef TECHCONV_LEAKY_HPP_\n#define TECHCONV_LEAKY_HPP_\n"
                              "#define TECHCONV_LEAKY_SSE2 1\n#endif\n",
        "techconv/detail/kernel.hpp": "#ifndef TECHCONV_DETAIL_KERNEL_HPP_\n"
                                      "#define TECHCONV_DETAIL_KERNEL_HPP_\n"
                                      "#define TECHCONV_KERNEL_AVX2_LOG 1\n#endif\n",
        "techconv/uses_kernel.hpp": "#ifndef TECHCONV_USES_KERNEL_HPP_\n#define TECHCONV_USES_KERNEL_HPP_\n"
                                    '#include "techconv/detail/kernel.hpp"\n#endif\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w", encoding="utf-8") as fh:
                fh.write(text)
        import io
        buf = io.StringIO()
        leaks = check(cxx, tmp, [], 1, buf)
        text = buf.getvalue()
    expected = ["techconv/leaky.hpp: TECHCONV_LEAKY_SSE2 leaks (defined at techconv/leaky.hpp:3)",
                "techconv/uses_kernel.hpp: TECHCONV_KERNEL_AVX2_LOG leaks (defined at "
                "techconv/detail/kernel.hpp:3)"]
    ok = leaks == 2 and all(e in text for e in expected)
    ok = ok and "clean.hpp" not in text and "TECHCONV_NAMESPACE_BEGIN" not in text
    ok = ok and "4 public headers checked" in text  # detail/ is not checked on its own
    print(text, end="")
    print("self-test: PASS" if ok else "self-test: FAIL")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cxx", required=True, help="the C++ compiler (its preprocessor is used)")
    ap.add_argument("--include", help="the include directory that holds techconv/")
    ap.add_argument("-I", dest="dirs", action="append", default=[],
                    help="include directory of a dependency (Eigen, Boost)")
    ap.add_argument("--flag", dest="flags", action="append", default=[],
                    help="a compiler flag for every run, e.g. --flag=-mavx2")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return self_test(a.cxx)
    if not a.include:
        ap.error("--include is required")
    try:
        return 1 if check(a.cxx, a.include, [d for d in a.dirs if d], a.jobs, sys.stdout, a.flags) else 0
    except RuntimeError as e:
        print(e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
