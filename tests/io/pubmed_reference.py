"""Independent reading of a PubMed MEDLINE text export ("Save -> PubMed format"), for
tests/io/pubmed.test.cpp and tests/cli/check_closeness.py: one line per record, in file
order (the first record of each PMID), with Python's own string and regex tools,

    R PMID:<pmid> <year or -> <CC,CC,... or -> <institutions> <affiliations>

YEAR: the first four characters of DP when they are digits. COUNTRIES: for each AD entry
(one per AD line, continuation lines joined by a space; the character entities &amp; &lt;
&gt; &quot; &apos; unescaped; one line holding several affiliations separated by ';' gives
each), the e-mail and the identifiers PubMed appends are cut off by regular expressions
("Electronic address: ...", "ISNI: ...", "GRID: ...", trailing words with '@', a trailing
"Email"/"E-mail", a trailing "(initials)" group), and the country is looked up by the
closeness module's reference (tests/closeness/country_reference.py: the last comma token
in a name table built from the ISO country-codes CSV and its own aliases, a US state with
ZIP code, the trailing words of a comma-less tail), with the few spellings of this export
that reference does not know added here. INSTITUTIONS: the number of distinct
organisations, per affiliation the first comma token containing a university word, else
one containing an organisation word, else the first token. AFFILIATIONS: the number of
AD lines.

usage: pubmed_reference.py EXPORT COUNTRY_CODES_CSV [pairs]
With `pairs`, after the R lines: the pair counts of the records' country sets computed with
a numpy incidence matrix B (records x countries), N_ij = (B^T B)_ij, N_i = records of i with
another country ([COOP] formula (1)), one line per pair with N_ij > 0:
    P <A> <B> <N_AB> <N_A> <N_B>
"""
import html
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "closeness"))
import country_reference  # noqa: E402  (the independent country lookup of the closeness tests)

# Local-language and long forms met in PubMed affiliations, missing from country_reference.
EXTRA = {"BRASIL": "BR", "TUNISIE": "TN", "SULTANATE OF OMAN": "OM", "SLOVAK REPUBLIC": "SK",
         "SWAZILAND": "SZ", "KOSOVO": "XK", "UNITED STATES OF AMERICA": "US",
         "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND": "GB", "REPUBLIC OF KOREA": "KR",
         "BOSNIA AND HERZEGOVINA": "BA"}

UNIVERSITY = ("Univ", "univ", "Universit", "Politecnico", "Polytechnic", "Ecole", "College", "Hochschule")
ORGANISATION = ("Institut", "institut", "Academy", "Academia", "Hospital", "School", "Laborator", "Centre",
                "Center", "Corporation", "Company", "Inc", "Ltd", "GmbH", "CNRS", "Council", "Agency")


def records(path):
    """[(fields as [(tag, value)])] per record."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for block in re.split(r"\n[ \t]*\n", text):
        fields = []
        for line in block.split("\n"):
            if not line.strip():
                continue
            if line.startswith("      "):
                fields[-1][1] += " " + line.strip()
            else:
                m = re.match(r"([A-Z0-9]{1,4}) *- ?(.*)$", line)
                fields.append([m.group(1), m.group(2).strip()])
        if fields:
            out.append(fields)
    return out


def clean(aff):
    aff = re.split(r"Electronic address:|ISNI:|GRID:", aff)[0]
    while True:
        before = aff
        aff = aff.strip().rstrip(".,;: ").strip()
        aff = re.sub(r"\s*\S*@\S*$", "", aff)
        aff = re.sub(r"(?i)(^|\s)e-?mail$", "", aff)
        aff = re.sub(r"(?<=\S)\s*\([^()]*\)$", "", aff)
        if aff == before:
            return aff


def institution(aff):
    tokens = [t.strip() for t in aff.rstrip(". ").split(",")]
    for words in (UNIVERSITY, ORGANISATION):
        for t in tokens:
            if any(w in t for w in words):
                return t
    return tokens[0]


def main():
    path, codes = sys.argv[1:3]
    names = country_reference.name_table(codes)
    for k, v in EXTRA.items():
        names[country_reference.key(k)] = v
    seen, sets = set(), []
    for fields in records(path):
        pmid = "PMID:" + fields[0][1]
        if pmid in seen:
            continue
        seen.add(pmid)
        dp = next((v for t, v in fields if t == "DP"), "")
        year = dp[:4] if re.match(r"\d{4}(\D|$)", dp) else "-"
        ad = [html.unescape(v) for t, v in fields if t == "AD"]
        countries, insts = set(), set()
        for entry in ad:
            for piece in entry.split(";"):
                aff = clean(piece)
                if not aff:
                    continue
                c = country_reference.country_of(aff, names)
                if c:
                    countries.add(c)
                insts.add(institution(aff))
        insts.discard("")
        sets.append(sorted(countries))
        print("R", pmid, year, ",".join(sorted(countries)) or "-", len(insts), len(ad))
    if sys.argv[3:4] != ["pairs"]:
        return
    countries = sorted({c for s in sets for c in s})
    col = {c: i for i, c in enumerate(countries)}
    b = np.zeros((len(sets), len(countries)))
    for r, s in enumerate(sets):
        for c in s:
            b[r, col[c]] = 1.0
    n = b[b.sum(axis=1) >= 2].sum(axis=0)
    co = b.T @ b
    for i in range(len(countries)):
        for j in range(i + 1, len(countries)):
            if co[i, j] > 0:
                print("P", countries[i], countries[j], int(co[i, j]), int(n[i]), int(n[j]))


if __name__ == "__main__":
    main()
