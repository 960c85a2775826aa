"""Independent reference for the closeness module's real-data tests.

Reads a Web of Science (tagged or tab-delimited) or Scopus CSV export with
Python's own tools, extracts each record's countries by a different method
than the C++ readers -- the last comma token of every address, looked up in
a name table built from the ISO country-codes CSV plus this script's own
alias map (US addresses are recognised by a trailing "USA" word or a
state code with a ZIP code; a comma-less Scopus tail "City Country 38000
(e-mail: ...)" by its trailing words) -- and
computes N_i (international records of i), N_ij and Salton closeness with a
dense numpy incidence matrix B (records x countries): N_ij = (B^T B)_ij.

Usage: country_reference.py {wos-tagged|wos-tab|scopus} EXPORT COUNTRY_CODES_CSV [institutions]
Output lines:
  R <id> <year or -> <CC,CC,... or ->     one per record (first of each id)
  P <A> <B> <N_AB> <N_A> <N_B> <salton>  the 15 pairs with the largest N_AB
With `institutions` (WoS only), after each R line:
  I<TAB><id><TAB><inst|inst|...>          the institutions of the addresses the countries came
                                          from (C1, or RP when C1 names no country): the first
                                          comma token of each address without its [authors] group
"""
import csv
import html
import re
import sys
import unicodedata

import numpy as np

ALIASES = {
    "USA": "US", "UNITED STATES": "US", "PEOPLES R CHINA": "CN", "CHINA": "CN",
    "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB", "NORTH IRELAND": "GB", "NORTHERN IRELAND": "GB",
    "UNITED KINGDOM": "GB", "UK": "GB", "SOUTH KOREA": "KR", "KOREA": "KR", "NORTH KOREA": "KP",
    "U ARAB EMIRATES": "AE", "UNITED ARAB EMIRATES": "AE", "TAIWAN": "TW", "HONG KONG": "HK",
    "MACAU": "MO", "MACAO": "MO", "RUSSIA": "RU", "RUSSIAN FEDERATION": "RU", "IRAN": "IR",
    "CZECH REPUBLIC": "CZ", "TURKEY": "TR", "TURKIYE": "TR", "VIETNAM": "VN", "VIET NAM": "VN",
    "SYRIA": "SY", "BOLIVIA": "BO", "VENEZUELA": "VE", "TANZANIA": "TZ", "MOLDOVA": "MD",
    "LAOS": "LA", "BRUNEI": "BN", "PALESTINE": "PS", "MACEDONIA": "MK", "NORTH MACEDONIA": "MK",
    "BOSNIA AND HERCEG": "BA", "TRINID AND TOBAGO": "TT", "COTE IVOIRE": "CI", "DEM REP CONGO": "CD",
    "REP CONGO": "CG", "PAPUA N GUINEA": "PG", "CENT AFR REPUBL": "CF", "NETHERLANDS": "NL",
    "FED REP GER": "DE", "GER DEM REP": "DE", "CAPE VERDE": "CV", "SWAZILAND": "SZ",
    "SAUDI ARABIA": "SA", "NEW ZEALAND": "NZ", "SOUTH AFRICA": "ZA", "ROC": "TW",
}


def key(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.upper().replace("&", " AND ")
    text = re.sub(r"[^A-Z0-9]+", " ", text).strip()
    return text[4:] if text.startswith("THE ") else text


def name_table(path):
    names = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["ISO3166-1-Alpha-2"].strip()
            if not code:
                continue
            for col in ("CLDR display name", "UNTERM English Short", "official_name_en"):
                k = key(row.get(col) or "")
                if k and k not in names:
                    names[k] = code
    for k, v in ALIASES.items():
        names[key(k)] = v
    return names


US_STATES = set("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
                "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split())


def country_of(address, names):
    address = re.sub(r"^\s*\[[^\]]*\]\s*", "", address).strip().rstrip(".").strip()
    tail = address.rsplit(",", 1)[-1].strip()
    if re.search(r"(^|\s)USA$", tail):
        return "US"
    m = re.fullmatch(r"([A-Z]{2})( \d{5}(-\d{4})?)?", tail)  # old WoS US addresses: "CA 94143"
    if m and m.group(1) in US_STATES:
        return "US"
    if key(tail) in names:
        return names[key(tail)]
    # Scopus affiliations without commas, with a contact tail: "Grenoble France 38000 (e-mail: a@b)".
    # Drop the parenthesis and the postcode words, then the longest run of the last four words that
    # names a country, unless the word before it makes it another place's name ("New Mexico").
    tail = re.sub(r"\s*\([^()]*\)$", "", tail)
    words = tail.split()
    while words and (re.search(r"\d", words[-1]) or re.fullmatch(r"[xX]{3,}", words[-1])):
        words.pop()
    for k in range(min(len(words), 4), 0, -1):
        if k < len(words) and words[-k - 1].lower() in JOINING:
            continue
        found = names.get(key(" ".join(words[-k:])))
        if found:
            return found
    return None


JOINING = {"new", "north", "south", "east", "west", "of", "de", "del", "la"}


def wos_tagged(path):
    records, cur, tag = [], None, None
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("   ") and cur is not None and tag is not None:
                cur.setdefault(tag, []).append(line[3:].strip())
                continue
            tag = line[:2]
            if tag == "PT":
                cur = {}
            elif tag == "ER":
                records.append(cur)
                cur, tag = None, None
            elif cur is not None:
                cur.setdefault(tag, []).append(line[3:].strip())
    out = []
    for r in records:
        c1 = [a for a in r.get("C1", []) if a]
        rp = [a for a in r.get("RP", []) if a]
        out.append((" ".join(r.get("UT", [""])), " ".join(r.get("PY", [""])), c1, rp))
    return out


def split_semicolons_outside_brackets(text):
    no_groups = re.sub(r"\[[^\]]*\]", "", text)
    return [a.strip() for a in no_groups.split(";") if a.strip()]


def wos_tab(path):
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append((row["UT"], row["PY"], split_semicolons_outside_brackets(row["C1"] or ""),
                        [a for a in (row.get("RP") or "").split(";") if a.strip()]))
    return out


def scopus(path):
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            text = html.unescape(row["Affiliations"] or "")  # "&#x00FC;" entities hold a ';'
            affs = [a.strip() for a in text.split(";") if a.strip()]
            out.append((row["EID"], row["Year"], affs, []))
    return out


def institution_of(address):
    address = re.sub(r"^\s*\[[^\]]*\]\s*", "", address).strip().rstrip(". ")
    return address.split(",", 1)[0].strip()


def main():
    fmt, path, codes = sys.argv[1:4]
    with_institutions = sys.argv[4:5] == ["institutions"]
    names = name_table(codes)
    rows = {"wos-tagged": wos_tagged, "wos-tab": wos_tab, "scopus": scopus}[fmt](path)
    seen, sets = set(), []
    for rid, year, addresses, reprint in rows:
        if rid in seen:
            continue
        seen.add(rid)
        found = {c for c in (country_of(a, names) for a in addresses) if c}
        used = addresses
        if not found and reprint:  # C1 empty or unrecognised: the reprint address
            rp = [re.sub(r"^.*?author\),", "", a) for a in reprint]
            found = {c for c in (country_of(a, names) for a in rp) if c}
            used = rp
        sets.append((rid, year.strip() or "-", sorted(found)))
        print("R", rid, year.strip() or "-", ",".join(sorted(found)) or "-")
        if with_institutions:
            insts = sorted({i for i in (institution_of(a) for a in used) if i})
            print("I\t%s\t%s" % (rid, "|".join(insts)))
    countries = sorted({c for _, _, s in sets for c in s})
    col = {c: i for i, c in enumerate(countries)}
    b = np.zeros((len(sets), len(countries)))
    for r, (_, _, s) in enumerate(sets):
        for c in s:
            b[r, col[c]] = 1.0
    intl = b[b.sum(axis=1) >= 2]
    n = intl.sum(axis=0)
    co = b.T @ b
    pairs = []
    for i in range(len(countries)):
        for j in range(i + 1, len(countries)):
            if co[i, j] > 0:
                pairs.append((-co[i, j], countries[i], countries[j], i, j))
    pairs.sort()
    for neg, a, c, i, j in pairs[:15]:
        print("P", a, c, int(-neg), int(n[i]), int(n[j]), repr(float(-neg / np.sqrt(n[i] * n[j]))))


if __name__ == "__main__":
    main()
