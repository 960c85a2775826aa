"""End-to-end check of `techconv keycore` and `techconv network` on PatentsView bulk tables
(g_patent, g_cpc_current, g_ipc_at_issue, g_inventor_disambiguated,
g_assignee_disambiguated, g_location_disambiguated, g_us_patent_citation) written from the
PatentSearch API sample (patentsview-api-json-vcr) by tests/io/patentsview_bulk_tables.py,
given as seven INPUT files in a shuffled order with --format auto.

# needs-header: techconv/weighting.hpp

- keycore (--no-merge): the tables supply backward citations, forward citations,
  technology classes (distinct IPC codes) and applicants; claims (num_claims is empty in
  tables written from the sample), NPL, family size and filing countries are absent. The
  indicator rows are computed here from the written tables with Python's csv module;
  weights, scores and the key core are recomputed with numpy (kct_reference.py through
  check_keycore.check_run). manifest.json lists the seven files; the first carries the set's
  detection record (format patentsview-bulk, detected; its line ends).
- network (--codes cpc): one node per distinct CPC subclass of g_cpc_current (the first four
  characters of cpc_group), counted with csv.

usage: check_patentsview_bulk.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import json
import os
import re
import sys

from check_keycore import check_run
from cli_util import check, read_csv, reference, run


def rows(folder, name):
    with open(os.path.join(folder, name + ".tsv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def name_key(name):
    return re.sub(r"[^0-9A-Z]+", " ", name.upper()).strip()


def main():
    exe, data, work = sys.argv[1:4]
    sample = os.path.join(data, "patentsview-api-json-vcr")
    jsons = [os.path.join(sample, n + ".response.json") for n in
             ("after-paging-1", "after-paging-2", "and-operator", "patent-all-fields")]
    tables = os.path.join(work, "patentsview-bulk-tables")
    out = reference("io/patentsview_bulk_tables.py", ["write", tables] + jsons)
    check(out.strip() == "patents 213", "the script wrote %r" % out)
    names = ["g_us_patent_citation", "g_assignee_disambiguated", "g_patent", "g_location_disambiguated",
             "g_ipc_at_issue", "g_cpc_current", "g_inventor_disambiguated"]
    files = [os.path.join(tables, n + ".tsv") for n in names]

    patents = rows(tables, "g_patent")
    order = [p["patent_id"] for p in patents]
    backward = {i: set() for i in order}
    forward = {i: set() for i in order}
    for r in rows(tables, "g_us_patent_citation"):
        if r["patent_id"] in backward:
            backward[r["patent_id"]].add(r["citation_patent_id"])
        if r["citation_patent_id"] in forward:
            forward[r["citation_patent_id"]].add(r["patent_id"])
    ipc = {i: set() for i in order}
    for r in rows(tables, "g_ipc_at_issue"):
        ipc[r["patent_id"]].add(r["section"] + r["ipc_class"] + r["subclass"] + r["main_group"] + "/" + r["subgroup"])
    applicants = {i: set() for i in order}
    for r in rows(tables, "g_assignee_disambiguated"):
        name = r["disambig_assignee_organization"] or (
            r["disambig_assignee_individual_name_first"] + " " + r["disambig_assignee_individual_name_last"]).strip()
        if name_key(name):
            applicants[r["patent_id"]].add(name_key(name))
    ids, x = [], []
    for p in patents:
        i = p["patent_id"]
        ids.append("US " + i + (" " + p["wipo_kind"] if p["wipo_kind"] else ""))
        x.append([len(backward[i]), None, None, len(forward[i]), len(ipc[i]), len(applicants[i]), None, None, None])

    kc = os.path.join(work, "keycore-patentsview-bulk")
    run(exe, ["keycore"] + files + ["--out", kc, "--no-merge", "--quiet"])
    key, _ = check_run(kc, ids, x, [0, 3, 4, 5], "patentsview-bulk")
    with open(os.path.join(kc, "manifest.json"), encoding="utf-8") as f:
        inputs = json.load(f)["inputs"]
    # every table file is listed (path, bytes, hash); the set's detection record is its first table's
    check(sorted(i["path"] for i in inputs) == sorted(files), "manifest.json inputs: %s" % inputs)
    check(inputs[0]["path"] == files[0] and inputs[0]["format"] == "patentsview-bulk" and inputs[0]["format_detected"],
          "manifest.json: the set's record, format patentsview-bulk, detected: %s" % inputs[0])
    with open(files[0], "rb") as f:
        lines = f.read().count(b"\n")
    check(inputs[0]["line_end_counts"] == {"lf": lines, "crlf": 0, "cr": 0}, "line ends of %s" % files[0])
    print("patentsview-bulk keycore: %d patents, %d key core, 4 indicators; agree" % (len(ids), len(key)))

    net = os.path.join(work, "network-patentsview-bulk")
    run(exe, ["network"] + files + ["--out", net, "--codes", "cpc", "--quiet"])
    nodes = read_csv(os.path.join(net, "nodes.csv"))
    expect = {r["cpc_group"][:4] for r in rows(tables, "g_cpc_current") if r["cpc_group"]}
    check(len(nodes) == len(expect), "network nodes %d, distinct CPC subclasses %d" % (len(nodes), len(expect)))
    print("patentsview-bulk network: %d CPC subclass nodes agree" % len(nodes))


if __name__ == "__main__":
    main()
