"""Independent extraction of the cited patents of USPTO grant XML bulk files
(xml.etree.ElementTree, not techconv's tokenizer). For each us-patent-grant,
one line:

  ID|CITED,CITED,...

ID and each CITED in the form of techconv's publication numbers: country,
a space, the number without spaces, without the country repeated in front
of it and without zero padding after an alphabetic prefix, then a space and
the kind when there is one ("US 6837086 B2", "EP 890321 A2", "WO 9839984").
CITED are the us-citation/patcit/document-id entries with a number, in
document order, each once.

usage: uspto_citations_reference.py FILE...
"""
import re
import sys
import xml.etree.ElementTree as ET


def text(e):
    return "".join(e.itertext()).strip() if e is not None else ""


def publication(doc):
    country = text(doc.find("country")) or "US"
    number = re.sub(r"\s+", "", text(doc.find("doc-number")))
    if number.startswith(country) and number[len(country):len(country) + 1].isdigit():
        number = number[len(country):]
    m = re.match(r"^([A-Za-z]*)0*(\d.*)$", number)
    number = m.group(1) + m.group(2) if m else number
    kind = text(doc.find("kind"))
    return country + " " + number + (" " + kind if kind else "")


def main():
    for path in sys.argv[1:]:
        data = open(path, encoding="utf-8").read()
        for chunk in data.split("<?xml")[1:]:
            root = ET.fromstring("<?xml" + chunk)
            if root.tag != "us-patent-grant":
                continue
            bib = root.find("us-bibliographic-data-grant")
            cited = []
            for doc in bib.iterfind(".//patcit/document-id"):
                if not text(doc.find("doc-number")):
                    continue
                p = publication(doc)
                if p not in cited:
                    cited.append(p)
            print(publication(bib.find("publication-reference/document-id")) + "|" + ",".join(cited))


if __name__ == "__main__":
    main()
