"""Independent reading of Lens patent JSON (Lens Patent API responses and JSON Lines) with
Python's json module, for tests/io/lens_json.test.cpp and tests/cli/check_lens_json.py.

Prints one tab-separated line per record, in input order:
  id, lens_id, family key, jurisdiction, kind, publication/application/priority year,
  IPC codes (','), CPC codes (','), applicants ('name@CC', ';'), inventors ('name@CC', ';'),
  priority countries (','), priority numbers (';'), family jurisdictions (','),
  cited patents (';'), citing patents (';', the documents of biblio.cited_by.patents[]),
  then the nine [KCT] indicators (space-separated, NA when absent).
'-' stands for an empty list or value, '~' for a list the record does not supply.

The rules, written again here from docs/io-patents.md ("Lens patent JSON"), not from the
reader: the id is `jurisdiction doc_number kind` (top-level members, else
biblio.publication_reference; without a number or a jurisdiction the Lens ID); years are the first four digits of the dates; the priority
year is earliest_claim.date, else the earliest claims[].date, else the application year;
codes lose their blanks and are upper-cased, each kept once, and an item that is no IPC/CPC
symbol is dropped; names are kept once per key (ASCII letters upper-cased, other ASCII
characters separators); the family key is the smallest Lens ID of the simple family's members
and the record; counts are the stated ones, else counted from the lists; a cited or citing
document is `jurisdiction doc_number kind` of its document_id, else its Lens ID, each citing
one once.

usage: lens_json_reference.py FILE...
"""
import json
import re
import sys

IMF_ADVANCED = set("AD AU AT BE CA HR CY CZ DK EE FI FR DE GR HK IS IE IL IT JP KR LV LT LU MO "
                   "MT NL NZ NO PT PR SM SG SK SI ES SE CH TW GB US".split())
SYMBOL = re.compile(r"^[A-HY][0-9]{2}[A-Z]([0-9]{1,4}(/[0-9]{1,6})?)?$")


def key(name):
    out = re.sub(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+", " ", name)
    return "".join(c.upper() if c.isascii() else c for c in out).strip()


def records(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if text.lstrip().startswith("{") and "\n{" not in text.strip():
        values = [json.loads(text)]
    else:
        values = [json.loads(line) for line in text.splitlines() if line.strip()]
    for v in values:
        if isinstance(v, dict) and "data" in v:
            yield from v["data"]
        elif isinstance(v, list):
            yield from v
        else:
            yield v


def year(d):
    return int(d[:4]) if d else None


def unique(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


def codes(b, member):
    if member not in b:
        return None
    out = []
    for c in b[member].get("classifications", []):
        s = re.sub(r"\s", "", c.get("symbol", "")).upper()
        if SYMBOL.match(s) and s not in out:
            out.append(s)
    return out


def parties(b, member):
    if member not in b.get("parties", {}):
        return None
    seen, out = set(), []
    for p in b["parties"][member]:
        name = p.get("extracted_name", {}).get("value", "").strip()
        k = key(name)
        if not name or k in seen:
            continue
        seen.add(k)
        res = p.get("residence", "")
        out.append((name, res.upper() if len(res) == 2 and res.isalpha() else ""))
    return out


def line(r):
    b = r.get("biblio", {})
    ref = r if r.get("doc_number") else b.get("publication_reference", {})
    juris = r.get("jurisdiction") or b.get("publication_reference", {}).get("jurisdiction", "")
    kind = r.get("kind") or b.get("publication_reference", {}).get("kind", "")
    rid = " ".join(x for x in (juris, ref.get("doc_number", "").lstrip("0"), kind) if x) if ref.get("doc_number") and juris else r["lens_id"]
    pub = year(r.get("date_published") or b.get("publication_reference", {}).get("date"))
    app = year(b.get("application_reference", {}).get("date"))
    pc = b.get("priority_claims", {})
    claim_years = [year(c["date"]) for c in pc.get("claims", []) if c.get("date")]
    prio = year(pc.get("earliest_claim", {}).get("date")) or (min(claim_years) if claim_years else None) or app
    numbers = [" ".join(x for x in (c.get("jurisdiction", ""), c["doc_number"], c.get("kind", "")) if x)
               for c in pc.get("claims", []) if c.get("doc_number")]
    pcountries = unique(n[:2].upper() for n in numbers if n[:2].isalpha()) if "claims" in pc else None
    ipc, cpc = codes(b, "classifications_ipcr"), codes(b, "classifications_cpc")
    apps, invs = parties(b, "applicants"), parties(b, "inventors")
    sf = r.get("families", {}).get("simple_family", {})
    members = sf.get("members")
    family = min([m["lens_id"] for m in members or [] if m.get("lens_id")] + [r["lens_id"]])
    fj = unique(m["document_id"]["jurisdiction"].upper() for m in members if "document_id" in m) if members is not None else None
    rc = b.get("references_cited", {})
    cits = rc.get("citations")
    cited = []
    for c in cits or []:
        if "patcit" in c:
            d = c["patcit"].get("document_id")
            cited.append(" ".join(x for x in (d.get("jurisdiction", ""), d["doc_number"], d.get("kind", "")) if x)
                         if d else c["patcit"]["lens_id"])
    back = rc.get("patent_count", sum("patcit" in c for c in cits) if cits is not None else None)
    npl = rc.get("npl_count", sum("nplcit" in c for c in cits) if cits is not None else None)
    cb = b.get("cited_by", {})
    fwd = cb.get("patent_count", len(cb["patents"]) if "patents" in cb else None)
    citing = None
    if cb.get("patents") is not None:
        citing = []
        for c in cb["patents"]:
            d = c.get("document_id")
            name = (" ".join(x for x in (d.get("jurisdiction", ""), d["doc_number"], d.get("kind", "")) if x)
                    if d and d.get("doc_number") else c.get("lens_id"))
            if name and name not in citing:
                citing.append(name)
    size = sf.get("size", len(members) if members is not None else None)
    claims = len(r["claims"][0]["claims"]) if r.get("claims") else None
    ind = [back, npl, claims, fwd, len(ipc) if ipc is not None else None,
           len(apps) if apps is not None else None, size,
           len(fj) if fj is not None else None, len([j for j in fj if j in IMF_ADVANCED or j == "EP"]) if fj is not None else None]

    def lst(v, sep=","):
        return "~" if v is None else (sep.join(v) if v else "-")

    def ppl(v):
        return "~" if v is None else (";".join("%s@%s" % p for p in v) if v else "-")

    def y(v):
        return "-" if v is None else str(v)
    return "\t".join([rid, r["lens_id"], family, juris.upper() or "-", kind or "-", y(pub), y(app), y(prio),
                      lst(ipc), lst(cpc), ppl(apps), ppl(invs), lst(pcountries), lst(numbers if pcountries is not None else None, ";"),
                      lst(fj), lst(cited, ";"), lst(citing, ";"), " ".join("NA" if v is None else str(v) for v in ind)])


def main():
    for path in sys.argv[1:]:
        for r in records(path):
            print(line(r))


if __name__ == "__main__":
    main()
