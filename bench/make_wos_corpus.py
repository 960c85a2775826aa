"""Synthetic Web of Science tab-delimited export for the whole-command timing of
`techconv closeness --by year` (bench/commands.py; issue 17).

Writes N records (columns PT, AU, TI, SO, C1, PY, UT, as WoS's tab-delimited export names them)
from one seeded generator (Python standard library only). Each record has 1 to 5 author
addresses in C1 ("[Authors] Organisation, Department, City, COUNTRY"; US addresses end in
"ST ZIP USA" as WoS writes them), countries drawn from 30 with skewed weights (a third of the
records international), years 2000-2024. Every country spelling is one techconv resolves and the
peer (bench/peers/closeness_pandas.py) maps by a table, so both count the same countries.

usage: make_wos_corpus.py N OUT.txt [--seed S]
"""
import random
import sys

# (spelling at the end of a WoS address, ISO code): the peer reads this table too.
COUNTRIES = [("USA", "US"), ("Peoples R China", "CN"), ("Germany", "DE"), ("Japan", "JP"),
             ("England", "GB"), ("France", "FR"), ("South Korea", "KR"), ("Italy", "IT"),
             ("Canada", "CA"), ("Spain", "ES"), ("India", "IN"), ("Australia", "AU"),
             ("Netherlands", "NL"), ("Switzerland", "CH"), ("Sweden", "SE"), ("Brazil", "BR"),
             ("Taiwan", "TW"), ("Belgium", "BE"), ("Austria", "AT"), ("Denmark", "DK"),
             ("Finland", "FI"), ("Norway", "NO"), ("Israel", "IL"), ("Singapore", "SG"),
             ("Poland", "PL"), ("Portugal", "PT"), ("Mexico", "MX"), ("Greece", "GR"),
             ("Turkey", "TR"), ("Ireland", "IE")]
US_STATES = ["CA", "MA", "NY", "TX", "IL", "WA", "PA", "MI"]
HEADER = ["PT", "AU", "TI", "SO", "C1", "PY", "UT"]


def address(rng, country):
    org = "Univ %d" % rng.randrange(1, 400)
    dept = "Dept %d" % rng.randrange(1, 30)
    city = "City %d" % rng.randrange(1, 200)
    if country == "USA":
        tail = "%s %05d USA" % (rng.choice(US_STATES), rng.randrange(1000, 99999))
    else:
        tail = country
    return "%s, %s, %s, %s" % (org, dept, city, tail)


def main():
    args = sys.argv[1:]
    seed = 7
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit("usage: make_wos_corpus.py N OUT.txt [--seed S]")
    n, out = int(args[0]), args[1]
    rng = random.Random(seed)
    weights = [1.0 / (k + 1) ** 0.9 for k in range(len(COUNTRIES))]
    names = [c[0] for c in COUNTRIES]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(HEADER) + "\n")
        for i in range(n):
            k = rng.choice((1, 1, 1, 1, 2, 2, 3, 4, 5))
            first = rng.choices(names, weights)[0]
            countries = [first] + [rng.choices(names, weights)[0] if rng.random() < 0.4 else first
                                   for _ in range(k - 1)]
            parts = []
            for j, c in enumerate(countries):
                parts.append("[Author%d, A] %s" % (j, address(rng, c)))
            row = ["J", "; ".join("Author%d, A" % j for j in range(k)), "Title %d" % i,
                   "JOURNAL %d" % rng.randrange(1, 500), "; ".join(parts), str(rng.randrange(2000, 2025)),
                   "WOS:%015d" % i]
            f.write("\t".join(row) + "\n")
    print("wrote %d records to %s" % (n, out))


if __name__ == "__main__":
    main()
