#!/usr/bin/env python3
"""Export SGJP inflection (via Morfeusz 2) as a flat TSV for `build-morph`.

Output, one line per (form, lemma, tag, classes, qualifiers), tab-separated,
sorted and de-duplicated:

    form  lemma  tag  classes  qualifiers

- `lemma` is Morfeusz's lemma with its homonym suffix removed (`Świątek:Sf` → `Świątek`);
- `tag` is the compact Morfeusz tag (`subst:sg:gen.acc:m1`);
- `classes` are the name qualifiers (`nazwa_geograficzna,imię`), possibly empty;
- `qualifiers` are the stylistic labels (`daw.`, `rzad.`), possibly empty.

Which lemmas are exported:

1. every noun lemma of `polish-inflection-data` (`odmien.marisa`, SGJP nouns
   including proper names);
2. every lemma Morfeusz gives for the adjective/participle bases of
   `przymiotniki.marisa` (adjectives, and through participles the verbs);
3. adverbs derived from those adjectives, checked against Morfeusz;
4. the closed classes (prepositions, conjunctions, pronouns, numerals,
   particles) from `function_words.txt`, checked against Morfeusz.

Each lemma is then generated with Morfeusz, so its whole paradigm is exported.

Usage: python export_sgjp.py OUT.tsv
"""

import sys
from pathlib import Path

import marisa_trie
import morfeusz2
import polish_inflection_data

HERE = Path(__file__).resolve().parent


def strip_homonym(lemma: str) -> str:
    # "Świątek:Sf" -> "Świątek"; a lemma that is itself ":" stays.
    if len(lemma) > 1 and ":" in lemma:
        return lemma.split(":", 1)[0]
    return lemma


def main() -> None:
    out_path = Path(sys.argv[1])
    data = polish_inflection_data.KATALOG
    morf = morfeusz2.Morfeusz(generate=True, expand_tags=False)

    odmien = marisa_trie.BytesTrie()
    odmien.load(str(data / "odmien.marisa"))
    nouns = {k.split("\t", 1)[0] for k in odmien.keys()}
    print(f"noun lemmas: {len(nouns)}", file=sys.stderr)

    bases = marisa_trie.Trie()
    bases.load(str(data / "przymiotniki.marisa"))
    lemmas = set(nouns)

    def add_analyses(word, keep=lambda tag: True):
        found = False
        for _s, _e, (_form, lemma, tag, _cls, _qual) in morf.analyse(word):
            if tag == "ign" or not keep(tag):
                continue
            lemmas.add(strip_homonym(lemma))
            found = True
        return found

    n_adj = 0
    for base in bases.keys():
        n_adj += 1
        add_analyses(base)
        # Adverbs: szybki -> szybko, dobry -> dobrze (checked by Morfeusz).
        if base.endswith(("y", "i")):
            stem = base[:-1]
            for cand in {stem + "o", stem + "e", stem + "ie"}:
                add_analyses(cand, keep=lambda t: t.startswith("adv"))
    print(f"adjective bases: {n_adj}", file=sys.stderr)

    for line in (HERE / "function_words.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            add_analyses(word)
    print(f"lemmas to generate: {len(lemmas)}", file=sys.stderr)

    rows = set()
    for i, lemma in enumerate(sorted(lemmas)):
        try:
            generated = morf.generate(lemma)
        except RuntimeError:
            continue
        for form, glemma, tag, classes, quals in generated:
            rows.add(
                (form, strip_homonym(glemma), tag, ",".join(classes), ",".join(quals))
            )
        if i % 50000 == 0:
            print(f"  {i} lemmas, {len(rows)} rows", file=sys.stderr)

    with out_path.open("w", encoding="utf-8") as out:
        out.write(f"#dict\t{morf.dict_id()}\n")
        for row in sorted(rows):
            out.write("\t".join(row) + "\n")
    print(f"rows: {len(rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
