"""The techconv command on bad input: exit code != 0 and a one-line reason on stderr
naming the file (and line / field where the input is malformed); --help on every
subcommand exits 0 and lists the output files.

usage: check_errors.py TECHCONV DATA_DIR WORK_DIR
"""
import json
import os
import re
import sys

from cli_util import check, read_csv, run


def one_line_error(exe, args, code, *needles):
    rc, _, err = run(exe, args, expect_ok=False)
    lines = [l for l in err.splitlines() if l.strip()]
    check(rc == code, "%s: exit %d, expected %d (%s)" % (" ".join(args), rc, code, err.strip()))
    check(lines and lines[0].startswith("techconv ") and "error:" in lines[0], "no error line for %s: %r" % (args, err))
    for n in needles:
        check(n in lines[0], "error line for %s lacks %r: %s" % (args, n, lines[0]))


def garbage_codes(exe, work):
    """Codes that are no IPC/CPC symbols are dropped, counted and named; network.dot stays valid."""
    path = os.path.join(work, "garbage-codes.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write('Lens ID,Publication Number,IPCR Classifications\n'
                '000-1,US 1 A,"ZZZZ;;12345;;Z""ZZ;;G06N/;;G06N3/08;;G06F17/30"\n'
                '000-2,US 2 A,"G06F17/30;;Z""ZZ;;H04L9/32"\n')
    out = os.path.join(work, "garbage-codes")
    run(exe, ["network", path, "--out", out, "--quiet"])
    # by hand: nodes G06N, G06F (record 1) and G06F, H04L (record 2); 5 items dropped
    nodes = sorted(r["code"] for r in read_csv(os.path.join(out, "nodes.csv")))
    check(nodes == ["G06F", "G06N", "H04L"], "nodes from garbage codes: %s" % nodes)
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        counts = json.load(f)["counts"]
    check(counts.get("codes_not_ipc_dropped") == 5, "manifest counts: %s" % counts)
    report = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    check("dropped 5 codes that are not IPC/CPC symbols (first: %s:2: 'ZZZZ' in IPCR Classifications "
          "(bad_section))" % path in report, "report.md does not name the dropped codes")
    import networkx as nx
    g = nx.Graph(nx.nx_pydot.read_dot(os.path.join(out, "network.dot")))
    labels = sorted(n.strip('"') for n in g.nodes() if n.strip('"') not in ("graph", "node", "edge", "\\n"))
    check(labels == ["G06F", "G06N", "H04L"], "network.dot nodes: %s" % labels)


def synopsis_matches_docs(exe, command, usage):
    """docs/cli.md's synopsis of `command` lists the formats of the command's usage line
    (keycore's list is made from io::all_input_formats: a new reader must reach the docs too)."""
    m = re.search(r"\[--format [^\]]*\]", usage)
    if not m:
        return
    docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "cli.md")
    with open(docs, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if re.match(r"techconv %s +INPUT" % re.escape(command), l)]
    check(lines, "docs/cli.md has no synopsis line for %s" % command)
    check(m.group(0) in lines[0], "docs/cli.md's %s synopsis lacks %s: %s" % (command, m.group(0), lines[0]))


def main():
    exe, data, work = sys.argv[1:4]
    _, out, _ = run(exe, ["--help"])
    commands = [l.split()[0] for l in out.splitlines() if l.startswith("  ") and not l.strip().startswith("--")]
    check("closeness" in commands, "closeness not listed: %s" % out)
    for c in commands:
        _, text, _ = run(exe, [c, "--help"])
        check(text.startswith("usage: techconv " + c) and "outputs:" in text and "exit status" in text,
              "%s --help" % c)
        synopsis_matches_docs(exe, c, text.splitlines()[0])
    rc, _, _ = run(exe, ["no-such-command"], expect_ok=False)
    check(rc == 2, "unknown command exit %d" % rc)

    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "errors-out")
    missing = os.path.join(work, "does-not-exist.csv")
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    # a Lens export with a malformed count in record 2 (line 3)
    bad_lens = os.path.join(work, "bad-lens.csv")
    with open(lens, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    head = lines[0].split(",")
    col = head.index("Cites Patent Count")
    row = lines[2].split(",")
    check(len(row) == len(head), "line 3 of the Lens export has no quoted commas")
    row[col] = "seven"
    with open(bad_lens, "w", encoding="utf-8") as f:
        f.write("\n".join([lines[0], lines[1], ",".join(row)] + lines[3:10]) + "\n")
    garbage = os.path.join(work, "garbage.txt")
    with open(garbage, "w") as f:
        f.write("hello\nworld\n")

    one_line_error(exe, ["closeness", missing, "--out", out], 1, missing)
    one_line_error(exe, ["closeness", garbage, "--out", out], 1, garbage, "format")
    one_line_error(exe, ["closeness", lens, "--out", out], 2, "no author or inventor countries")
    one_line_error(exe, ["closeness", lens, "--out", out, "--format", "wos"], 1, lens)
    one_line_error(exe, ["closeness", lens], 2, "--out")
    one_line_error(exe, ["closeness", lens, "--out", out, "--bogus"], 2, "--bogus")
    # options are checked before any work, with their range (issue: 4294969306 acted as 2010)
    wos = os.path.join(data, "wos-medicine-metaknowledge", "ManyAuthors.isi")
    one_line_error(exe, ["closeness", wos, "--out", out, "--first-year", "4294969306"], 2, "--first-year", "1700..2199")
    one_line_error(exe, ["closeness", wos, "--out", out, "--last-year", "0"], 2, "--last-year")
    if "keycore" in commands:
        one_line_error(exe, ["keycore", missing, "--out", out], 1, missing)
        one_line_error(exe, ["keycore", bad_lens, "--out", out], 1, bad_lens + ":3:", "Cites Patent Count", "seven")
        one_line_error(exe, ["keycore", lens, "--out", out, "--top", "2"], 2, "--top")
        one_line_error(exe, ["keycore", lens, "--out", out, "--top", "nan"], 2, "--top")
        # the readers' limits (docs/reliability.md, "Bounds"): range-checked, then a located error
        one_line_error(exe, ["keycore", lens, "--out", out, "--max-codes-per-record", "0"], 2,
                       "--max-codes-per-record", "1..1000000")
        one_line_error(exe, ["keycore", lens, "--out", out, "--max-xml-depth", "-1"], 2, "--max-xml-depth")
        one_line_error(exe, ["keycore", lens, "--out", out, "--max-columns", "99999999999"], 2, "--max-columns")
        one_line_error(exe, ["keycore", lens, "--out", out, "--max-columns", "3"], 1, lens + ":1:", "limit_exceeded")
        # every command bounds the columns of a CSV or tab-delimited input: the WoS tab-delimited
        # export has more than 3 columns (a limit_exceeded error on its header line)
        wos_tab = os.path.join(data, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")
        one_line_error(exe, ["closeness", wos_tab, "--out", out, "--max-columns", "3"], 1, wos_tab + ":1:",
                       "limit_exceeded")
        one_line_error(exe, ["closeness", wos, "--out", out, "--max-memory", "1x"], 2, "--max-memory")
        # a tiny fraction still selects ceil(q n) = 1 record (it gave an empty key core)
        tiny = os.path.join(work, "tiny")
        _, stdout, _ = run(exe, ["keycore", lens, "--out", tiny, "--top", "1e-17"])
        check("key_core: 1\n" in stdout, "--top 1e-17: " + stdout)
    if "weights" in commands:
        bad = os.path.join(work, "bad-table.csv")
        with open(bad, "w") as f:
            f.write("id,a,b\nx,1,2\ny,3,oops\n")
        one_line_error(exe, ["weights", bad, "--out", out], 1, bad + ":3:", "'b'", "oops")
        one_line_error(exe, ["weights", bad, "--out", out, "--method", "magic"], 2, "--method")
    if "network" in commands:
        one_line_error(exe, ["network", missing, "--out", out], 1, missing)
        one_line_error(exe, ["network", bad_lens, "--out", out], 1, bad_lens + ":3:")
        one_line_error(exe, ["network", lens, "--out", out, "--picture-nodes", "-1"], 2, "--picture-nodes")
        one_line_error(exe, ["network", lens, "--out", out, "--resolution", "1e308"], 2, "--resolution")
        one_line_error(exe, ["network", lens, "--out", out, "--resolution", "inf"], 2, "--resolution")
        garbage_codes(exe, work)
        # no IPC column: an error, not a convergence index of 100 % on 0 nodes
        no_ipc = os.path.join(work, "no-ipc.csv")
        with open(no_ipc, "w", encoding="utf-8") as f:
            f.write("Lens ID,Publication Number,Title\n000-1,US 1 A,a\n000-2,US 2 A,b\n")
        one_line_error(exe, ["network", no_ipc, "--out", out], 1, "none of the 2 records has an IPC code",
                       "no IPC column")
        check(not os.path.exists(os.path.join(out, "summary.json")), "a failed network run left summary.json")
    print("errors: %d commands checked" % len(commands))


if __name__ == "__main__":
    main()
