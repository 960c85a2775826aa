"""Independent reading of the cited references of a Web of Science plain-text
export, for tests/io/references.test.cpp: one line per record, in file order,

    UT<TAB>KEY<TAB>KEY...

with the key of each CR line once, in the order of first appearance. The key
is the rule io::reference_key documents, written here with regular
expressions: the first DOI the reference names (the word DOI, then any of
':', ' ', '[', then 10. and text with a '/' up to ',', ']', a space or the
end; trailing periods removed) in lower case, else the reference trimmed,
without trailing periods and spaces, runs of spaces and tabs made one, ASCII
letters in upper case.

The script also checks the export against itself: the number of CR lines of
each record must equal its NR field (the count WoS writes); it exits with
status 1 naming the record if not.

usage: references_reference.py FILE
"""
import re
import sys

DOI = re.compile(r'(?<![A-Za-z0-9])doi(?![A-Za-z0-9])[: \[]*(10\.[^, \]]*)', re.IGNORECASE)


def ascii_upper(s):
    return ''.join(chr(ord(c) - 32) if 'a' <= c <= 'z' else c for c in s)


def ascii_lower(s):
    return ''.join(chr(ord(c) + 32) if 'A' <= c <= 'Z' else c for c in s)


def key(ref):
    for m in DOI.finditer(ref):
        doi = m.group(1).rstrip('.')
        if '/' in doi and not doi.endswith('/'):
            return ascii_lower(doi)
    text = ref.strip(' \t\r\n').rstrip('. ')
    return ascii_upper(re.sub(r'[ \t]+', ' ', text))


def records(path):
    rec, tag = None, None
    with open(path, encoding='utf-8-sig') as f:
        for line in f:
            line = line.rstrip('\r\n')
            if line.startswith('PT '):
                rec, tag = {'UT': '', 'CR': [], 'NR': None}, 'PT'
            elif rec is None:
                continue
            elif line == 'ER' or line.startswith('ER '):
                yield rec
                rec = None
            elif line.startswith('   '):
                if tag == 'CR':
                    rec['CR'].append(line[3:])
            elif len(line) >= 2:
                tag = line[:2]
                value = line[3:]
                if tag == 'CR':
                    rec['CR'].append(value)
                elif tag == 'NR':
                    rec['NR'] = int(value)
                elif tag == 'UT':
                    rec['UT'] = value.strip()


def main():
    for rec in records(sys.argv[1]):
        refs = [r for r in rec['CR'] if r.strip(' \t\r\n')]
        if rec['NR'] is not None and rec['NR'] != len(refs):
            print('record %s: %d CR lines, NR says %d' % (rec['UT'], len(refs), rec['NR']), file=sys.stderr)
            sys.exit(1)
        keys = []
        seen = set()
        for r in refs:
            k = key(r)
            if k and k not in seen:
                seen.add(k)
                keys.append(k)
        print('\t'.join([rec['UT']] + keys))


main()
