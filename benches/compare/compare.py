#!/usr/bin/env python3
"""polner next to its peers, on one corpus, in one run (`make compare`).

Measured, one thread each, megabytes of UTF-8 text per CPU second (CPU
time, not wall time: the machine these run on is usually shared, and CPU
time is what a dedicated core would give; `extract_batch` alone is wall
time, as it may use several threads):

- polner CLI: `target/release/polner extract --input jsonl --threads 1`
  over the corpus as jsonl (start-up measured on a one-line file and
  subtracted);
- polner Rust API: `target/release/examples/throughput` (tokenize +
  sentences, morphology of every word token, gazetteer matching, full
  extract; fastest of three passes; and extract once over the distinct
  documents in a fresh process, the cost of new text);
- polner Python binding (`extract`, `extract_batch`) when `bindings/python`
  exists and `import polner` works in this venv, else skipped with a message:
  first once over the distinct documents (new text), then on warm caches
  like the Rust API (the batch after a first batch has warmed the pool's
  threads);
- spaCy `blank("pl")` tokenizer;
- spaCy tokenizer + `EntityRuler` holding polner's built-in gazetteer as
  phrase patterns (`examples/export_gazetteer.rs`), ORTH matching as polner;
- `dateparser.search.search_dates(text, languages=["pl"])`;
- YAKE (`lan="pl"`, n=3, top 5);
- `morfeusz2` analysis of every token (`Morfeusz.analyse(text)`).

Slow peers run over the corpus documents in order until a time budget
(`COMPARE_BUDGET` CPU seconds, default 20) is spent; their speed is the bytes
they finished over the time taken. The corpus: resources/examples/*.txt
(and the texts of POLNER_SLAVICNER_DIR, raw/*/pl/*.txt, when set), repeated
to `COMPARE_MB` megabytes (default 4).

Quality where the same measure exists: the entity mentions the EntityRuler
finds with polner's gazetteer against the mentions polner's gazetteer stage
finds on the same text (same patterns, so agreement shows tokenization
differences); date and keyphrase quality are measured by dates.py and
keyphrases.py (benches/RESULTS-dates.md, benches/RESULTS-topics.md).

Writes benches/RESULTS.md with the machine it ran on.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "compare"
RESULTS = ROOT / "benches" / "RESULTS.md"
BUDGET = float(os.environ.get("COMPARE_BUDGET", "20"))
TARGET_MB = float(os.environ.get("COMPARE_MB", "4"))
CLI = ROOT / "target" / "release" / "polner"
THROUGHPUT = ROOT / "target" / "release" / "examples" / "throughput"
EXPORT = ROOT / "target" / "release" / "examples" / "export_gazetteer"


def corpus() -> tuple[list[str], str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "resources/examples").glob("*.txt"))]
    name = "resources/examples/*.txt"
    d = os.environ.get("POLNER_SLAVICNER_DIR")
    if d:
        extra = [p.read_text(encoding="utf-8") for p in sorted(Path(d).glob("raw/*/pl/*.txt"))]
        texts += extra
        name += f" + {len(extra)} SlavicNER raw texts"
    docs: list[str] = []
    size = 0
    while size < TARGET_MB * 1e6:
        for t in texts:
            docs.append(t)
            size += len(t.encode())
    return docs, f"{name}, repeated to {size / 1e6:.1f} MB ({len(docs)} documents)"


def nbytes(texts) -> int:
    return sum(len(t.encode()) for t in texts)


def budgeted(docs: list[str], f) -> tuple[float, int]:
    """Runs f(doc) over docs until the budget (CPU seconds) is spent:
    (MB per CPU second, docs done)."""
    done = 0
    size = 0
    start = time.process_time()
    for d in docs:
        f(d)
        done += 1
        size += len(d.encode())
        if time.process_time() - start > BUDGET:
            break
    secs = time.process_time() - start
    return size / 1e6 / secs, done


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "?"
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}, load average at start {load}"


def run_cli(jsonl: Path) -> float:
    one = OUT / "one.jsonl"
    one.write_text(json.dumps({"text": "Kraków."}, ensure_ascii=False) + "\n", encoding="utf-8")

    def timed(path: Path) -> float:
        # CPU time (user + system) of the child: the machine may be shared
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [str(CLI), "extract", "--input", "jsonl", "--threads", "1", str(path)],
            check=True, stdout=subprocess.DEVNULL,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    startup = min(timed(one) for _ in range(3))
    return min(timed(jsonl) for _ in range(2)) - startup


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    docs, corpus_name = corpus()
    total = nbytes(docs)
    jsonl = OUT / "corpus.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": i, "text": d}, ensure_ascii=False) + "\n")
    print(f"corpus: {corpus_name}")
    print(f"machine: {machine()}")
    rows: list[tuple[str, float | None, str]] = []  # (system, MB/s, note)

    # polner
    secs = run_cli(jsonl)
    cli_mbs = total / 1e6 / secs
    rows.append((
        "polner CLI, extract, jsonl",
        cli_mbs,
        "full pipeline, start-up subtracted; a fresh process, so the corpus's first copy is new text",
    ))
    api = json.loads(subprocess.run([str(THROUGHPUT), str(jsonl)], check=True, capture_output=True, text=True).stdout)
    rows.append(("polner Rust API, extract", api["extract_mbs"], f"Extractor::new + first extract {api['new_ms']:.0f} ms"))
    rows.append((
        "polner Rust API, extract, new text",
        api["first_pass_mbs"],
        f"first pass over the {api['first_pass_bytes'] / 1e6:.1f} MB of distinct documents in a fresh process: "
        "every form and phrase is new to the caches (the other rows: warm caches)",
    ))
    rows.append(("polner Rust API, tokenize + sentences", api["tokenize_mbs"], ""))
    rows.append(("polner Rust API, gazetteer matching", api["gazetteer_mbs"], "tokenize + built-in gazetteer"))
    rows.append(("polner Rust API, morphology of every word", api["morph_mbs"], "tokenize + analyze_into"))
    polner_extract = api["extract_mbs"]

    if (ROOT / "bindings" / "python").exists():
        try:
            import polner  # type: ignore

            ex = polner.Extractor()
            # (the first extract loads the lazily built resources, as in the
            # Rust API's measure)
            ex.extract("Kraków, 15 października 2025 r.")
            # New text first (the module's caches are empty in this process),
            # then the same measures as the Rust API's, on warm caches.
            distinct = list(dict.fromkeys(docs))
            start = time.process_time()
            for d in distinct:
                ex.extract(d)
            first_pass = nbytes(distinct) / 1e6 / (time.process_time() - start)
            mbs, n = budgeted(docs, ex.extract)
            rows.append(("polner Python, extract", mbs, f"{n} documents"))
            rows.append(("polner Python, extract, new text", first_pass, "first pass over the distinct documents"))
            # (a first batch warms the caches of the pool's threads)
            ex.extract_batch(docs)
            start = time.perf_counter()
            ex.extract_batch(docs)
            rows.append(("polner Python, extract_batch", total / 1e6 / (time.perf_counter() - start), "all documents, wall time"))
        except Exception as e:  # noqa: BLE001 - any failure is reported, not fatal
            print(f"polner Python binding skipped: {e!r} (build it into this venv first)")
            rows.append(("polner Python", None, f"skipped: {type(e).__name__}"))
    else:
        print("polner Python binding skipped: bindings/python does not exist in this checkout")
        rows.append(("polner Python", None, "skipped: no bindings/python"))

    # spaCy
    import spacy

    nlp = spacy.blank("pl")
    mbs, n = budgeted(docs, nlp.make_doc)
    rows.append(("spaCy blank('pl') tokenizer", mbs, f"spaCy {spacy.__version__}, {n} documents"))
    spacy_tok = mbs

    patterns = [json.loads(l) for l in subprocess.run([str(EXPORT)], check=True, capture_output=True, text=True).stdout.splitlines()]
    start = time.perf_counter()
    ruler_nlp = spacy.blank("pl")
    ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    load = time.perf_counter() - start
    mbs, n = budgeted(docs, ruler_nlp)
    rows.append(("spaCy tokenizer + EntityRuler (polner gazetteer)", mbs, f"{len(patterns)} phrase patterns, loading {load:.1f} s, {n} documents"))
    ruler_mbs = mbs

    # agreement on the distinct documents: EntityRuler vs polner's gazetteer stage
    distinct = list(dict.fromkeys(docs))
    agree = found_spacy = found_polner = 0
    pol = subprocess.run(
        [str(CLI), "extract", "--input", "jsonl", "--no-topics"],
        input="".join(json.dumps({"id": i, "text": d}, ensure_ascii=False) + "\n" for i, d in enumerate(distinct)),
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    for d, line in zip(distinct, pol):
        doc = json.loads(line)
        ents = doc.get("entities", [])
        p = {(e["start"], e["end"]) for e in ents if "gazetteer" in str(e.get("source", ""))}
        s = {(e.start_char, e.end_char) for e in ruler_nlp(d).ents}
        found_spacy += len(s)
        found_polner += len(p)
        agree += len(s & p)
    agreement = (
        f"on {len(distinct)} distinct documents: EntityRuler {found_spacy} mentions, "
        f"polner gazetteer-sourced entities {found_polner}, same span {agree}"
    )

    # dates, keyphrases, morphology
    from dateparser.search import search_dates

    mbs, n = budgeted(docs, lambda d: search_dates(d, languages=["pl"]))
    rows.append(("dateparser search_dates, pl", mbs, f"{n} documents"))
    import yake

    kw = yake.KeywordExtractor(lan="pl", n=3, top=5)
    mbs, n = budgeted(docs, kw.extract_keywords)
    rows.append(("YAKE, pl, n=3, top 5", mbs, f"{n} documents"))
    import morfeusz2

    morf = morfeusz2.Morfeusz()
    mbs, n = budgeted(docs, morf.analyse)
    rows.append(("morfeusz2 analyse (every token)", mbs, f"{n} documents"))

    lines = [
        "# polner and its peers",
        "",
        f"Machine: {machine()}.",
        "Speeds are MB of text per CPU second of one thread (process CPU time), which a shared machine disturbs far less than wall time.",
        "",
        f"Corpus: {corpus_name}. One thread everywhere. Peers slower than polner run until a "
        f"{BUDGET:.0f} s CPU budget is spent.",
        "",
        "| system | MB per CPU s | polner extract / system | note |",
        "|---|---:|---:|---|",
    ]
    for name, mbs, note in rows:
        if mbs is None:
            lines.append(f"| {name} | – | – | {note} |")
        else:
            lines.append(f"| {name} | {mbs:.2f} | {polner_extract / mbs:.2f}× | {note} |")
    lines += [
        "",
        f"Targets: full extract ≥ 30 MB/s (measured {polner_extract:.1f}); tokenize + sentences ≥ 200 MB/s "
        f"(measured {api['tokenize_mbs']:.1f}); ≥ 20× spaCy tokenizer + EntityRuler (measured "
        f"{polner_extract / ruler_mbs:.1f}×); polner tokenizer vs spaCy tokenizer: {api['tokenize_mbs'] / spacy_tok:.1f}×.",
        "",
        f"Gazetteer agreement (same patterns, ORTH): {agreement}.",
        "Date and keyphrase quality against references: benches/RESULTS-dates.md, benches/RESULTS-topics.md.",
        "",
        "Reproduce: `make compare` (COMPARE_MB, COMPARE_BUDGET, POLNER_SLAVICNER_DIR adjust the run).",
        "",
    ]
    text = "\n".join(lines)
    print()
    print(text)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
