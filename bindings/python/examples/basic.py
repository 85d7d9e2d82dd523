"""The Python API in one page; also what `mypy --strict` checks the stubs against.

Run: python examples/basic.py
"""

from __future__ import annotations

import datetime
import json
import pickle
from collections import Counter

import polner


def main() -> None:
    ex = polner.Extractor(
        reference_date=datetime.date(2025, 10, 20),
        gazetteers=[("moje.tsv", "Zielona Dolina\tLOC\tcity\t\tZielonej Dolinie\n")],
    )
    text = "Adam Nowak był 15 października w Zielonej Dolinie i w Krakowie."
    doc: polner.Document = ex.extract(text)

    for e in doc.entities:
        assert text[e.start : e.end] == e.text
        value = e.value or "-"
        print(f"{e.start:3}-{e.end:<3} {e.label:8} {e.lemma:20} {value:12} {e.source} {e.score:.2f}")

    rows: list[polner.EntityRecord] = doc.to_records()
    labels = Counter(r["label"] for r in rows)
    print(dict(labels))
    print([s.text for s in doc.sentences])
    print([(t.text, t.kind, t.shape) for t in polner.tokenize("Dr hab. A. Nowak, 12:30.")])
    print(json.loads(doc.to_json())["entities"][0]["lemma"])
    topics: polner.Topics = doc.topics
    print([k["lemma"] for k in topics["keyphrases"]])
    print(doc.to_displacy(title="przykład")["ents"][:1])
    print(doc.to_conll().splitlines()[:3])
    assert doc._repr_html_().startswith('<div class="polner">')

    docs = ex.extract_batch([text] * 4, n_threads=2)
    assert [d.to_json() for d in docs] == [doc.to_json()] * 4
    ids = [(t, n) for n, t in enumerate(["Kraków", "Gdańsk"])]
    for d, n in ex.pipe(ids, batch_size=1, as_tuples=True):
        print(n + 1, [e.lemma for e in d.entities])

    clone: polner.Extractor = pickle.loads(pickle.dumps(ex))
    config: polner.ExtractorConfig = clone.config
    print(config["reference_date"], polner.LABELS)


if __name__ == "__main__":
    main()
