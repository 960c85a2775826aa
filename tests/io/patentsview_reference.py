"""Independent reading of PatentsView PatentSearch API responses with Python's
json module, for tests/io/patentsview.test.cpp and tests/cli: one line per
patent, in file order, fields separated by tabs:

    ID PUBLICATION APPLICATION PRIORITY CPC IPC ASSIGNEES INVENTORS BACKWARD FORWARD

ID: "US " + patent_id without leading zeros, then " " + wipo_kind when given;
PUBLICATION: the year of patent_date (else patent_year); APPLICATION: the
earliest year of application[].filing_date; PRIORITY: the earliest year of
foreign_priority[].filing_date and patent_earliest_application_date, else
APPLICATION (a missing year is -2147483648); CPC: cpc_current[].cpc_group_id
(else cpc_subclass_id) sorted by cpc_sequence, each once, joined by ','; IPC:
ipcr[] section+class+subclass+main_group+'/'+subgroup sorted by ipc_sequence,
each once; ASSIGNEES: assignees[] sorted by assignee_sequence as
NAME@COUNTRY (organisation, else first and last name), joined by ';';
INVENTORS: the inventor countries sorted by inventor_sequence ('' for none),
joined by ','; BACKWARD: patent_num_total_documents_cited (-1 when absent);
FORWARD: patent_num_times_cited_by_us_patents (-1 when absent). An empty list
is '-'; a list the patent does not have is '~'.

usage: patentsview_reference.py FILE...           one line per patent
       patentsview_reference.py --counts FILE...  patents, CPC codes, party countries
"""
import json
import sys

NO_YEAR = -2147483648


def patents(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return doc["patents"] if isinstance(doc, dict) and "patents" in doc else doc


def year(date):
    return int(date[:4]) if date else NO_YEAR


def earliest(years):
    years = [y for y in years if y != NO_YEAR]
    return min(years) if years else NO_YEAR


def ordered(items, key):
    big = 1 << 62
    return sorted(items, key=lambda x: x.get(key) if isinstance(x.get(key), int) else big)


def once(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def joined(xs, sep=","):
    return sep.join(xs) if xs else "-"


def country(c):
    return c.upper() if isinstance(c, str) and len(c) == 2 and c.isalpha() else ""


def line(p):
    pid = p["patent_id"].lstrip("0") or "0"
    kind = p.get("wipo_kind")
    ident = "US " + pid + (" " + kind if kind else "")
    pub = year(p.get("patent_date")) if p.get("patent_date") else (p.get("patent_year") or NO_YEAR)
    app = earliest([year(a.get("filing_date")) for a in p.get("application", [])])
    prio = earliest([year(a.get("filing_date")) for a in p.get("foreign_priority", [])] +
                    [year(p.get("patent_earliest_application_date"))])
    if prio == NO_YEAR:
        prio = app
    if "cpc_current" in p:
        cpc = joined(once(c.get("cpc_group_id") or c.get("cpc_subclass_id")
                          for c in ordered(p["cpc_current"], "cpc_sequence")
                          if c.get("cpc_group_id") or c.get("cpc_subclass_id")))
    else:
        cpc = "~"
    if "ipcr" in p:
        ipc = joined(once(i["ipc_section"] + i["ipc_class"] + i["ipc_subclass"] + i["ipc_main_group"] + "/" +
                          i["ipc_subgroup"] for i in ordered(p["ipcr"], "ipc_sequence")))
    else:
        ipc = "~"
    if "assignees" in p:
        names = []
        for a in ordered(p["assignees"], "assignee_sequence"):
            name = a.get("assignee_organization") or " ".join(
                x for x in (a.get("assignee_individual_name_first"), a.get("assignee_individual_name_last")) if x)
            names.append(name + "@" + country(a.get("assignee_country")))
        assignees = joined(names, ";")
    else:
        assignees = "~"
    if "inventors" in p:
        inventors = joined([country(i.get("inventor_country"))
                            for i in ordered(p["inventors"], "inventor_sequence")])
    else:
        inventors = "~"
    backward = p.get("patent_num_total_documents_cited")
    forward = p.get("patent_num_times_cited_by_us_patents")
    return "\t".join([ident, str(pub), str(app), str(prio), cpc, ipc, assignees, inventors,
                      str(-1 if backward is None else backward), str(-1 if forward is None else forward)])


def main(argv):
    if argv and argv[0] == "--counts":
        ps = [p for f in argv[1:] for p in patents(f)]
        codes = sum(len(p.get("cpc_current", [])) for p in ps)
        inventor = sum(1 for p in ps for i in p.get("inventors", []) if country(i.get("inventor_country")))
        assignee = sum(1 for p in ps for a in p.get("assignees", []) if country(a.get("assignee_country")))
        two = sum(1 for p in ps if len({country(i.get("inventor_country")) for i in p.get("inventors", [])} - {""}) > 1)
        print(len(ps), codes, inventor, assignee, two)
        return
    for f in argv:
        for p in patents(f):
            print(line(p))


if __name__ == "__main__":
    main(sys.argv[1:])
