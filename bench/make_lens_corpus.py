"""Synthetic Lens exports for the reader timings of docs/internals/performance-iopatents.md.

Writes, from one seeded random generator (Python standard library only):
  PREFIX.jsonl     N Lens patent records as JSON Lines (the layout of io/lens_json.hpp): 3
                   applicants and 2 inventors with residence, 4 IPC and 4 CPC symbols, 2 priority
                   claims, 6 cited patents and 2 NPL citations, 5 forward citations, 3 family
                   members, 2 language groups of 12 claims, titles in two languages;
  PREFIX.csv       the same records as a Lens patent CSV (2026 layout), for comparison;
  PREFIX-scholarly.csv  N works as the Lens scholarly CSV export (21 columns, 15 references).

usage: make_lens_corpus.py N PREFIX [--seed S]
"""
import csv
import json
import random
import sys

COUNTRIES = ["US", "DE", "JP", "CN", "KR", "FR", "GB", "NL", "SE", "CH"]
OFFICES = ["US", "EP", "WO", "CN", "JP", "KR"]
SECTIONS = "ABCDEFGH"


def lens_id(rng):
    return "%03d-%03d-%03d-%03d-%03d" % tuple(rng.randrange(1000) for _ in range(5))


def symbol(rng):
    return "%s%02d%s%d/%02d" % (rng.choice(SECTIONS), rng.randrange(1, 99), rng.choice("ABCDFGHJKLMN"),
                                rng.randrange(1, 99), rng.randrange(0, 99))


def main():
    n, prefix = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    header = ["#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Publication Date", "Publication Year",
              "Application Date", "Priority Numbers", "Earliest Priority Date", "Title", "Applicants", "Inventors",
              "Document Type", "Cites Patent Count", "Cited by Patent Count", "Simple Family Size",
              "Simple Family Members", "Simple Family Member Jurisdictions", "CPC Classifications",
              "IPCR Classifications", "NPL Citation Count"]
    with open(prefix + ".jsonl", "w", encoding="utf-8") as js, open(prefix + ".csv", "w", newline="", encoding="utf-8") as cf:
        w = csv.writer(cf)
        w.writerow(header)
        for i in range(n):
            lid, office = lens_id(rng), rng.choice(OFFICES)
            num, year = str(rng.randrange(10**6, 10**8)), rng.randrange(1990, 2025)
            pub = "%d-%02d-%02d" % (year, rng.randrange(1, 13), rng.randrange(1, 29))
            app = "%d-%02d-%02d" % (year - 2, rng.randrange(1, 13), rng.randrange(1, 29))
            prio = [{"jurisdiction": c, "doc_number": str(rng.randrange(10**7, 10**9)), "kind": "A",
                     "date": "%d-01-15" % (year - 3)} for c in rng.sample(COUNTRIES, 2)]
            apps = [{"residence": rng.choice(COUNTRIES), "extracted_name": {"value": "APPLICANT %d CO LTD" % rng.randrange(5000)}}
                    for _ in range(3)]
            invs = [{"residence": rng.choice(COUNTRIES), "extracted_name": {"value": "INVENTOR %d" % rng.randrange(10**5)}}
                    for _ in range(2)]
            ipc, cpc = [symbol(rng) for _ in range(4)], [symbol(rng) for _ in range(4)]
            members = [lid] + [lens_id(rng) for _ in range(2)]
            mj = rng.sample(OFFICES, 3)
            rec = {
                "lens_id": lid, "jurisdiction": office, "doc_number": num, "kind": "A1", "date_published": pub,
                "publication_type": "PATENT_APPLICATION",
                "biblio": {
                    "publication_reference": {"jurisdiction": office, "doc_number": num, "kind": "A1", "date": pub},
                    "application_reference": {"jurisdiction": office, "doc_number": num + "0", "kind": "A", "date": app},
                    "priority_claims": {"claims": prio, "earliest_claim": {"date": prio[0]["date"]}},
                    "invention_title": [{"text": "Verfahren %d" % i, "lang": "de"}, {"text": "Method and device %d" % i, "lang": "en"}],
                    "parties": {"applicants": apps, "inventors": invs},
                    "classifications_ipcr": {"classifications": [{"symbol": s} for s in ipc]},
                    "classifications_cpc": {"classifications": [{"symbol": s} for s in cpc]},
                    "references_cited": {
                        "citations": [{"sequence": k + 1, "patcit": {"document_id": {"jurisdiction": "US", "doc_number": str(rng.randrange(10**6, 10**7)), "kind": "B2"}, "lens_id": lens_id(rng)}} for k in range(6)] +
                                     [{"sequence": 7 + k, "nplcit": {"text": "Journal article %d" % rng.randrange(10**6)}} for k in range(2)],
                        "patent_count": 6, "npl_count": 2},
                    "cited_by": {"patent_count": 5, "patents": [{"lens_id": lens_id(rng)} for _ in range(5)]},
                },
                "families": {"simple_family": {"members": [{"lens_id": m, "document_id": {"jurisdiction": j, "doc_number": str(rng.randrange(10**6, 10**8)), "kind": "A1"}}
                                                           for m, j in zip(members, mj)], "size": 3}},
                "claims": [{"lang": l, "claims": [{"claim_text": ["%d. A claim of record %d." % (k + 1, i)]} for k in range(12)]} for l in ("en", "de")],
            }
            js.write(json.dumps(rec, separators=(",", ":")) + "\n")
            w.writerow([i + 1, office, "A1", "%s %s A1" % (office, num), lid, pub, year, app,
                        ";;".join("%s %s A %s" % (p["jurisdiction"], p["doc_number"], p["date"].replace("-", "")) for p in prio),
                        prio[0]["date"], "Method and device %d" % i, ";;".join(a["extracted_name"]["value"] for a in apps),
                        ";;".join(a["extracted_name"]["value"] for a in invs), "Patent Application", 6, 5, 3,
                        ";;".join(members), ";;".join(mj), ";;".join(cpc), ";;".join(ipc), 2])
    with open(prefix + "-scholarly.csv", "w", newline="", encoding="utf-8") as sf:
        w = csv.writer(sf)
        w.writerow(["Lens ID", "Title", "Publication Year", "Publication Type", "Source Title", "ISSNs", "Publisher",
                    "Source Country", "Author/s", "Abstract", "Volume", "Issue Number", "Start Page", "End Page",
                    "Fields of Study", "Keywords", "Funding", "Source URLs", "DOI", "References", "Citing Works Count"])
        for i in range(n):
            w.writerow([lens_id(rng), "Work %d on drones" % i, rng.randrange(1990, 2025), "journal article", "Journal %d" % rng.randrange(500),
                        "12345678", "Publisher", "United States", "; ".join("Author %d" % rng.randrange(10**5) for _ in range(4)),
                        "An abstract of some length, with commas, for work %d." % i, rng.randrange(1, 50), rng.randrange(1, 12),
                        rng.randrange(1, 100), rng.randrange(100, 200), "Engineering; Computer science", "drones; control",
                        "", "https://example.org/%d" % i, "10.9999/x.%d" % i, "; ".join(lens_id(rng) for _ in range(15)),
                        rng.randrange(100)])


if __name__ == "__main__":
    main()
