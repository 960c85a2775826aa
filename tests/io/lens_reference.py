"""Independent extraction of the [KCT] indicators from a Lens.org patent CSV.

Reads the export with Python's csv module (not techconv's reader) and prints,
per record, the publication id and the nine indicators in [KCT] order
(backward, NPL, claims, forward, classes, applicants, family size, filing
countries, developed filing countries), "NA" where the export lacks the
indicator. The last line is "families N": simple families, keyed by the
smallest Lens ID of `Simple Family Members` (with the record's own Lens ID)
or else by the set of `Priority Numbers`.

usage: lens_reference.py FILE
"""
import csv
import re
import sys

IMF_ADVANCED = set("AD AU AT BE CA HR CY CZ DK EE FI FR DE GR HK IS IE IL IT JP KR LV LT LU MO "
                   "MT NL NZ NO PT PR SM SG SK SI ES SE CH TW GB US".split())


def items(cell):
    return [x.strip() for x in (cell or "").split(";;") if x.strip()]


def key(name):
    # ASCII letters upper-cased, ASCII non-alphanumerics are separators
    out = re.sub(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+", " ", name)
    return "".join(c.upper() if c.isascii() else c for c in out).strip()


def pick(row, *names):
    lowered = {k.strip().lower(): k for k in row.keys()}
    for n in names:
        if n.lower() in lowered:
            return lowered[n.lower()]
    return None


def main():
    path = sys.argv[1]
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]
    col = {
        "id": pick(first, "Display Key", "Publication Number"),
        "lens": pick(first, "Lens ID"),
        "back": pick(first, "Cites Patent Count"),
        "npl": pick(first, "NPL Citation Count"),
        "npl_list": pick(first, "NPL Citations"),
        "fwd": pick(first, "Cited by Patent Count", "Cited Count"),
        "ipc": pick(first, "IPCR Classifications", "IPC Classifications"),
        "app": pick(first, "Applicants"),
        "fam": pick(first, "Simple Family Size"),
        "juris": pick(first, "Simple Family Member Jurisdictions"),
        "members": pick(first, "Simple Family Members"),
        "prio": pick(first, "Priority Numbers"),
    }
    families = set()
    for r in rows:
        def num(c):
            if col[c] is None or r[col[c]].strip() == "":
                return None
            return int(r[col[c]])
        v = [num("back"), num("npl"), None, num("fwd"), None, None, num("fam"), None, None]
        if v[1] is None and col["npl_list"] is not None:
            v[1] = len(items(r[col["npl_list"]]))
        if col["ipc"] is not None:
            v[4] = len({re.sub(r"\s", "", c).upper() for c in items(r[col["ipc"]])})
        if col["app"] is not None:
            v[5] = len({key(a) for a in items(r[col["app"]])} - {""})
        if col["juris"] is not None:
            js = {j.upper() for j in items(r[col["juris"]])}
            v[7] = len(js)
            v[8] = len([j for j in js if j in IMF_ADVANCED or j == "EP"])
        ident = r[col["id"]].strip() if col["id"] else r[col["lens"]].strip()
        print(ident.replace(" ", "_"), " ".join("NA" if x is None else str(x) for x in v))
        if col["members"] is not None:
            m = items(r[col["members"]]) + [r[col["lens"]].strip()]
            families.add("F" + min(m))
        elif col["prio"] is not None and items(r[col["prio"]]):
            families.add("P" + "|".join(sorted({key(p) for p in items(r[col["prio"]])})))
        else:
            families.add("R" + ident)
    print("families", len(families))


if __name__ == "__main__":
    main()
