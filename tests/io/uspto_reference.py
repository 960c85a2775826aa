"""Independent extraction of patent fields from USPTO grant XML bulk files.

Splits each file at every '<?xml' declaration and parses each document with
xml.etree.ElementTree (not techconv's tokenizer). For each us-patent-grant it
prints one line:

  id claims patcit nplcit ipc_codes applicants inventor_countries applicant_countries

where id is COUNTRY_NUMBER_KIND with the number's zero padding removed,
ipc_codes is the number of distinct IPC codes ("NA" for a document without
any IPC classification element), applicants is the number of distinct
applicant and assignee names, and the country lists are sorted and
comma-joined ("-" when empty). Other documents are counted and printed at
the end as "skipped ROOT N" lines, then "patents N".

usage: uspto_reference.py FILE...
"""
import collections
import re
import sys
import xml.etree.ElementTree as ET


def text(e):
    return "".join(e.itertext()).strip() if e is not None else ""


def key(name):
    out = re.sub(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+", " ", name)
    return "".join(c.upper() if c.isascii() else c for c in out).strip()


def person(p):
    ab = p.find("addressbook")
    if ab is None:
        return None, None
    org = text(ab.find("orgname"))
    if org:
        name = org
    else:
        last, first = text(ab.find("last-name")), text(ab.find("first-name"))
        name = last + (", " + first if last and first else first)
    country = text(ab.find("address/country")) or text(p.find("residence/country"))
    if country == "unknown":
        country = ""
    return name, country


def ipc7(s):
    s = s.strip()
    m = re.match(r"^([A-H]\d\d[A-Z])(.{3})(.+)$", s)
    if not m or not m.group(2).strip().isdigit():
        return None
    return m.group(1) + str(int(m.group(2))) + "/" + m.group(3).strip()


def main():
    skipped = collections.Counter()
    patents = 0
    for path in sys.argv[1:]:
        data = open(path, encoding="utf-8").read()
        for chunk in data.split("<?xml")[1:]:
            root = ET.fromstring("<?xml" + chunk)
            if root.tag != "us-patent-grant":
                skipped[root.tag] += 1
                continue
            patents += 1
            bib = root.find("us-bibliographic-data-grant")
            pub = bib.find("publication-reference/document-id")
            num = text(pub.find("doc-number"))
            m = re.match(r"^([A-Z]*)0*(\d.*)$", num)
            num = m.group(1) + m.group(2) if m else num
            ident = "_".join([text(pub.find("country")), num, text(pub.find("kind"))])
            claims = text(bib.find("number-of-claims")) or "NA"
            patcit = len(list(bib.iter("patcit")))
            nplcit = len(list(bib.iter("nplcit")))
            codes = set()
            has_ipc = False
            for c in bib.iter("classification-ipcr"):
                has_ipc = True
                mg = str(int(text(c.find("main-group"))))
                codes.add(text(c.find("section")) + text(c.find("class")) +
                          text(c.find("subclass")) + mg + "/" + text(c.find("subgroup")))
            for c in bib.findall("classification-ipc"):
                has_ipc = True
                for e in list(c.findall("main-classification")) + list(c.findall("further-classification")):
                    code = ipc7(text(e))
                    if code:
                        codes.add(code)
            names = set()
            app_countries, inv_countries = set(), set()
            applicants = bib.findall("parties/applicants/applicant") + \
                bib.findall("us-parties/us-applicants/us-applicant")
            inventors = bib.findall("us-parties/inventors/inventor") + \
                bib.findall("parties/inventors/inventor")
            for a in applicants:
                n, c = person(a)
                if n:
                    names.add(key(n))
                    if c:
                        app_countries.add(c)
                if a.get("app-type") == "applicant-inventor" and c:
                    inv_countries.add(c)
            for a in bib.findall("assignees/assignee"):
                n, c = person(a)
                if n:
                    names.add(key(n))
                    if c:
                        app_countries.add(c)
            for i in inventors:
                n, c = person(i)
                if c:
                    inv_countries.add(c)
            print(ident, claims, patcit, nplcit, len(codes) if has_ipc else "NA", len(names),
                  ",".join(sorted(inv_countries)) or "-", ",".join(sorted(app_countries)) or "-")
    for tag, n in sorted(skipped.items()):
        print("skipped", tag, n)
    print("patents", patents)


if __name__ == "__main__":
    main()
