"""Writes PatentsView bulk tables (g_*.tsv) from PatentSearch API responses, and
reads them back independently, for tests/io/patentsview_bulk.test.cpp,
tests/cli/check_patentsview_bulk.py and the throughput figures of
docs/internals/performance-iopatents.md.

No bulk sample is public; the tables are written in the layout of the
PatentsView data download dictionary from the fields of the API responses
(the API and the bulk tables come from the same database):

  g_patent                  patent_id, patent_type, patent_date, patent_title,
                            patent_abstract, wipo_kind, num_claims, withdrawn, filename
  g_cpc_current             patent_id, cpc_sequence, cpc_section, cpc_class,
                            cpc_subclass, cpc_group, cpc_type (from cpc_current[])
  g_ipc_at_issue            patent_id, ipc_sequence, classification_level, section,
                            ipc_class, subclass, main_group, subgroup, symbol_position,
                            classification_value, classification_data_source,
                            action_date (from ipcr[])
  g_inventor_disambiguated  patent_id, inventor_sequence, inventor_id,
                            disambig_inventor_name_first, disambig_inventor_name_last,
                            gender_code, location_id (from inventors[])
  g_assignee_disambiguated  patent_id, assignee_sequence, assignee_id,
                            disambig_assignee_individual_name_first,
                            disambig_assignee_individual_name_last,
                            disambig_assignee_organization, assignee_type, location_id
  g_location_disambiguated  location_id, disambig_city, disambig_state,
                            disambig_country, latitude, longitude (the inventors' and
                            assignees' *_location_id with their city, state, country)
  g_us_patent_citation      patent_id, citation_sequence, citation_patent_id,
                            citation_date, record_name, wipo_kind, citation_category

A patent in several responses is written once (the first). Every table keyed by
patent_id is sorted by patent_id (as text), its rows of one patent in sequence
order. Values are quoted with double quotes (csv.QUOTE_ALL, a quote doubled),
except in g_location_disambiguated (quoted only where needed), so that both
forms are read. The responses hold no citation pairs (only counts), so
g_us_patent_citation is made by a stated rule over the sorted patents
P[0..n-1]: P[i] cites P[i-1] (i >= 1) and P[i-3] (i >= 3); every fifth patent
(i % 5 == 0) also cites 3930271, a patent outside g_patent; for i % 7 == 0 the
row citing P[i-1] is written twice (a repeated pair).

usage: patentsview_bulk_tables.py write OUT_DIR JSON...
           writes the seven tables OUT_DIR/g_*.tsv; prints "patents N"
       patentsview_bulk_tables.py citations OUT_DIR
           reads OUT_DIR/g_patent.tsv and g_us_patent_citation.tsv with Python's csv
           module; one line per patent of g_patent, sorted by patent_id:
           PATENT_ID<TAB>BACKWARD<TAB>FORWARD<TAB>CITED<TAB>CITING (distinct cited patent_ids,
           distinct citing patent_ids; CITED the cited ids in file order, CITING the citing
           ids in file order, each ',' joined, '-' when none)
       patentsview_bulk_tables.py scale N OUT_DIR JSON...
           writes N patents: the responses' patents over and over, patent k numbered
           20000000 + k, with the citation rule above (the throughput set)
"""
import csv
import json
import os
import sys

OUTSIDE = "3930271"


def patents_of(paths):
    seen, out = set(), []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for p in doc["patents"] if isinstance(doc, dict) else doc:
            if p["patent_id"] in seen:
                continue
            seen.add(p["patent_id"])
            out.append(p)
    return out


def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def seq_sorted(items, key):
    return sorted(items, key=lambda x: x.get(key) if isinstance(x.get(key), int) else 1 << 62)


class tables:
    def __init__(self, out):
        os.makedirs(out, exist_ok=True)
        self.files, self.writers = [], {}
        heads = {
            "g_patent": ["patent_id", "patent_type", "patent_date", "patent_title", "patent_abstract", "wipo_kind",
                         "num_claims", "withdrawn", "filename"],
            "g_cpc_current": ["patent_id", "cpc_sequence", "cpc_section", "cpc_class", "cpc_subclass", "cpc_group",
                              "cpc_type"],
            "g_ipc_at_issue": ["patent_id", "ipc_sequence", "classification_level", "section", "ipc_class", "subclass",
                               "main_group", "subgroup", "symbol_position", "classification_value",
                               "classification_data_source", "action_date"],
            "g_inventor_disambiguated": ["patent_id", "inventor_sequence", "inventor_id",
                                         "disambig_inventor_name_first", "disambig_inventor_name_last",
                                         "gender_code", "location_id"],
            "g_assignee_disambiguated": ["patent_id", "assignee_sequence", "assignee_id",
                                         "disambig_assignee_individual_name_first",
                                         "disambig_assignee_individual_name_last",
                                         "disambig_assignee_organization", "assignee_type", "location_id"],
            "g_location_disambiguated": ["location_id", "disambig_city", "disambig_state", "disambig_country",
                                         "latitude", "longitude"],
            "g_us_patent_citation": ["patent_id", "citation_sequence", "citation_patent_id", "citation_date",
                                     "record_name", "wipo_kind", "citation_category"],
        }
        for name, head in heads.items():
            f = open(os.path.join(out, name + ".tsv"), "w", encoding="utf-8", newline="")
            quoting = csv.QUOTE_MINIMAL if name == "g_location_disambiguated" else csv.QUOTE_ALL
            w = csv.writer(f, delimiter="\t", quoting=quoting, lineterminator="\n")
            w.writerow(head)
            self.files.append(f)
            self.writers[name] = w
        self.locations = {}

    def location(self, lid, city, state, country):
        if lid and lid not in self.locations:
            self.locations[lid] = [lid, text(city), text(state), text(country), "", ""]

    def patent(self, pid, p, cites):
        w = self.writers
        w["g_patent"].writerow([pid, text(p.get("patent_type")), text(p.get("patent_date")),
                                text(p.get("patent_title")), text(p.get("patent_abstract")), text(p.get("wipo_kind")),
                                "", text(p.get("withdrawn")), ""])
        for c in seq_sorted(p.get("cpc_current", []), "cpc_sequence"):
            cls = text(c.get("cpc_class_id"))
            w["g_cpc_current"].writerow([pid, text(c.get("cpc_sequence")), cls[:1], cls, text(c.get("cpc_subclass_id")),
                                        text(c.get("cpc_group_id")), ""])
        for c in seq_sorted(p.get("ipcr", []), "ipc_sequence"):
            w["g_ipc_at_issue"].writerow([pid, text(c.get("ipc_sequence")), "", text(c.get("ipc_section")),
                                         text(c.get("ipc_class")), text(c.get("ipc_subclass")),
                                         text(c.get("ipc_main_group")), text(c.get("ipc_subgroup")),
                                         text(c.get("ipc_symbol_position")), text(c.get("ipc_classification_value")),
                                         text(c.get("ipc_classification_data_source")),
                                         text(c.get("ipc_action_date"))])
        for i in seq_sorted(p.get("inventors", []), "inventor_sequence"):
            lid = text(i.get("inventor_location_id"))
            w["g_inventor_disambiguated"].writerow([pid, text(i.get("inventor_sequence")), text(i.get("inventor_id")),
                                                    text(i.get("inventor_name_first")),
                                                    text(i.get("inventor_name_last")),
                                                    text(i.get("inventor_gender_code")), lid])
            self.location(lid, i.get("inventor_city"), i.get("inventor_state"), i.get("inventor_country"))
        for a in seq_sorted(p.get("assignees", []), "assignee_sequence"):
            lid = text(a.get("assignee_location_id"))
            w["g_assignee_disambiguated"].writerow([pid, text(a.get("assignee_sequence")), text(a.get("assignee_id")),
                                                    text(a.get("assignee_individual_name_first")),
                                                    text(a.get("assignee_individual_name_last")),
                                                    text(a.get("assignee_organization")),
                                                    text(a.get("assignee_type")), lid])
            self.location(lid, a.get("assignee_city"), a.get("assignee_state"), a.get("assignee_country"))
        for s, cited in enumerate(cites):
            w["g_us_patent_citation"].writerow([pid, s, cited, "", "", "", "cited by examiner"])

    def close(self):
        w = self.writers["g_location_disambiguated"]
        for lid in sorted(self.locations):
            w.writerow(self.locations[lid])
        for f in self.files:
            f.close()


def cites_of(ids, i):
    out = []
    if i >= 1:
        out.append(ids[i - 1])
        if i % 7 == 0:
            out.append(ids[i - 1])
    if i >= 3:
        out.append(ids[i - 3])
    if i % 5 == 0:
        out.append(OUTSIDE)
    return out


def write(out, paths):
    ps = sorted(patents_of(paths), key=lambda p: p["patent_id"])
    ids = [p["patent_id"] for p in ps]
    t = tables(out)
    for i, p in enumerate(ps):
        t.patent(p["patent_id"], p, cites_of(ids, i))
    t.close()
    print("patents %d" % len(ps))


def scale(n, out, paths):
    ps = patents_of(paths)
    ids = [str(20000000 + k) for k in range(n)]
    t = tables(out)
    for k in range(n):
        t.patent(ids[k], ps[k % len(ps)], cites_of(ids, k))
    t.close()
    print("patents %d" % n)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def citations(out):
    ids = sorted(r["patent_id"] for r in rows(os.path.join(out, "g_patent.tsv")))
    cited, citing = {i: [] for i in ids}, {i: [] for i in ids}
    for r in rows(os.path.join(out, "g_us_patent_citation.tsv")):
        src, dst = r["patent_id"], r["citation_patent_id"]
        if src in cited and dst not in cited[src]:
            cited[src].append(dst)
        if dst in citing and src not in citing[dst]:
            citing[dst].append(src)
    for i in ids:
        print("%s\t%d\t%d\t%s\t%s" % (i, len(cited[i]), len(citing[i]), ",".join(cited[i]) or "-",
                                      ",".join(citing[i]) or "-"))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == "citations":
        citations(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "scale":
        scale(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
