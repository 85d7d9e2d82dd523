#!/usr/bin/env python3
"""Keyphrases: polner versus YAKE on the SlavicNER Polish dev split.

Measure (issue 6): a document counts as a hit when one of its top-5
keyphrases contains the story's key term (case-insensitive substring of the
keyphrase lemma for polner, of the keyword for YAKE, which has no lemmas):

    brexit: "brexit"; ryanair: "ryanair";
    nord_stream: "nord stream" or "gazociąg"; asia_bibi: "asia bibi" or "bluźnierstwo"

Also reported: a looser variant for both (stem match: "brexi", "ryanair",
"nord stream"/"gazoci", "bibi"/"bluźnierst"), which forgives YAKE its missing
lemmatization, and throughput (documents per second on one thread, reading
files excluded). YAKE runs with language "pl", n=3, top 5; polner is the
full pipeline (entities, dates, topics) with topics_k = 5.

Usage (from the repository root):

    python3 -m venv .venv && .venv/bin/pip install -r benches/compare/requirements.txt
    .venv/bin/python benches/compare/keyphrases.py /work/shared/data/slavicner-pl-dev

It builds and runs `cargo run --release --example keyphrases`.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yake

STORIES = {
    "brexit": (["brexit"], ["brexi"]),
    "ryanair": (["ryanair"], ["ryanair"]),
    "nord_stream": (["nord stream", "gazociąg"], ["nord stream", "gazoci"]),
    "asia_bibi": (["asia bibi", "bluźnierstwo"], ["bibi", "bluźnierst"]),
}
K = 5


def hit(phrases, terms):
    return any(t in p.lower() for p in phrases[:K] for t in terms)


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["POLNER_SLAVICNER_DIR"])
    files = []
    for story in STORIES:
        files += [(story, p) for p in sorted((root / "raw" / story / "pl").glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for _, p in files]

    # YAKE
    extractor = yake.KeywordExtractor(lan="pl", n=3, top=K)
    extractor.extract_keywords("Rozgrzewka przed pomiarem.")
    t0 = time.perf_counter()
    yake_out = [[kw for kw, _ in extractor.extract_keywords(t)] for t in texts]
    yake_seconds = time.perf_counter() - t0

    # polner
    repo = Path(__file__).resolve().parents[2]
    subprocess.run(["cargo", "build", "--release", "--example", "keyphrases"], cwd=repo, check=True)
    exe = repo / "target" / "release" / "examples" / "keyphrases"
    run = subprocess.run([str(exe), str(K)] + [str(p) for _, p in files],
                         capture_output=True, text=True, check=True)
    lines = [json.loads(l) for l in run.stdout.splitlines() if l.strip()]
    polner_seconds = lines[-1]["seconds"]
    polner_out = [[k["lemma"] for k in l["keyphrases"]] for l in lines[:-1]]
    assert len(polner_out) == len(files)

    rows = []
    for name, out in (("polner", polner_out), ("YAKE", yake_out)):
        strict, loose = {}, {}
        for (story, _), phrases in zip(files, out):
            s_terms, l_terms = STORIES[story]
            strict.setdefault(story, []).append(hit(phrases, s_terms))
            loose.setdefault(story, []).append(hit(phrases, l_terms))
        rows.append((name, strict, loose))

    n = len(files)
    print(f"documents: {n}, bytes: {sum(len(t.encode()) for t in texts)}")
    header = "| system | " + " | ".join(STORIES) + " | all (strict) | all (stem) |"
    print(header)
    print("|" + "---|" * (len(STORIES) + 3))
    for name, strict, loose in rows:
        cells = []
        for story in STORIES:
            h = strict[story]
            cells.append(f"{100 * sum(h) / len(h):.1f}%")
        all_s = sum(sum(v) for v in strict.values()) / n
        all_l = sum(sum(v) for v in loose.values()) / n
        print(f"| {name} | " + " | ".join(cells) + f" | {100 * all_s:.1f}% | {100 * all_l:.1f}% |")
    print()
    print(f"polner: {n / polner_seconds:.1f} docs/s ({polner_seconds:.2f} s, full pipeline, 1 thread)")
    print(f"YAKE:   {n / yake_seconds:.1f} docs/s ({yake_seconds:.2f} s, keyphrases only, 1 thread)")
    print(f"throughput ratio polner/YAKE: {yake_seconds / polner_seconds:.1f}x")


if __name__ == "__main__":
    main()
